// session_writer.cpp — the only code that writes session files.
#include "format/session_writer.hpp"
#include "format/write_fully.hpp"

#include <algorithm>
#include <array>
#include <cerrno>
#include <cstring>
#include <new>
#include <optional>
#include <vector>
#include <fcntl.h>
#include <unistd.h>
#include <zstd.h>

#include "format/event_codec.hpp"
#include "format/layout.hpp"

namespace semtrace::format {

namespace {
// The session header as the file holds it: its cereal bytes as one zstd frame. Its pseudonyms
// and hashes are hex, and the consent record repeats two of them: a browser session's header
// goes from 412 bytes to 282, a tenth of a whole purchase's file.
std::optional<std::vector<char>> compressed_header(const SessionHeader& header) {
    ByteBuffer raw;
    {
        CompactOutputArchive ar(raw);
        encode_header(ar, header);
    }
    std::vector<char> out(ZSTD_compressBound(raw.size()));
    // Level 3: 19 made the browser session's header a byte larger and took ten times as long
    // (`zstd -b3` / `-b19` on it: 78 against 7.8 MB/s, some 50 µs of a recorder's start).
    std::size_t n = ZSTD_compress(out.data(), out.size(), raw.data(), raw.size(), 3);
    if (ZSTD_isError(n)) return std::nullopt;  // only out of memory: the bound fits any input
    out.resize(n);
    return out;
}
}  // namespace

Result<std::unique_ptr<SessionWriter>> SessionWriter::create(const std::filesystem::path& path,
                                                             const SessionHeader& header, WriterOptions options) {
    int fd = ::open(path.c_str(), O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0600);
    if (fd < 0) return Error{"cannot create " + path.string() + ": " + std::strerror(errno)};
    std::unique_ptr<SessionWriter> writer(new SessionWriter(path, fd, options));
    if (!writer->zstd_) return Error{"cannot create " + path.string() + ": out of memory for the compressor"};

    auto payload = compressed_header(header);
    if (!payload) return Error{"cannot create " + path.string() + ": out of memory for the header"};
    // Sized once: growing it with insert() trips GCC 12's -Warray-bounds under -O2 sanitizers.
    const std::size_t checked = file_header_fixed + payload->size();
    std::vector<char> bytes(checked + 8);
    std::memcpy(bytes.data(), file_magic, sizeof file_magic);
    put<std::uint16_t>(bytes.data() + 8, format_version);
    put<std::uint32_t>(bytes.data() + 10, static_cast<std::uint32_t>(payload->size()));
    if (!payload->empty()) std::memcpy(bytes.data() + file_header_fixed, payload->data(), payload->size());
    put<std::uint64_t>(bytes.data() + checked, checksum64(bytes.data(), checked));
    writer->write_all(bytes.data(), bytes.size());
    if (writer->failed()) {
        Error error = writer->error();
        writer.reset();
        ::unlink(path.c_str());  // a file without its whole header is no session
        return error;
    }
    return writer;
}

SessionWriter::SessionWriter(std::filesystem::path path, int fd, WriterOptions options)
    : path_(std::move(path)), fd_(fd), options_(options), zstd_(ZSTD_createCCtx()) {
    if (zstd_) ZSTD_CCtx_setParameter(zstd_, ZSTD_c_compressionLevel, options_.zstd_level);
    raw_.reserve(options_.chunk_raw_bytes + 4096);
}

SessionWriter::~SessionWriter() {
    try {
        if (!closed_) (void)close();
    } catch (...) {  // out of memory for an error's text: the file reads as recovered
    }
    ZSTD_freeCCtx(zstd_);
}

void SessionWriter::fail(const std::string& why) noexcept {
    if (failed()) return;
    try {
        error_.message = "cannot write " + path_.string() + " at offset " + std::to_string(offset_) + ": " + why;
    } catch (...) {
        error_.message = "out of memory";  // short enough to need no heap
    }
}

// On a failed write (a full disk) the part that went is cut off: the file ends where the
// write began, after whole chunks only. Left there, it would be a torn chunk, or for a flush of
// several chunks (write_at_flush_only) whole chunks past the last flush, which a relay such as
// semtrace-agent has not acknowledged and would record again in its next session.
void SessionWriter::write_all(const char* data, std::size_t size, std::uint64_t cut_to) {
    if (failed()) return;
    if (std::string why = write_fully(fd_, data, size, offset_); !why.empty()) {
        if (::ftruncate(fd_, static_cast<off_t>(cut_to)) == 0) offset_ = cut_to;
        fail(why);
    }
}

bool SessionWriter::chunk_full() const {
    return raw_.size() >= options_.chunk_raw_bytes || chunk_events_ >= max_chunk_events;
}

std::uint64_t SessionWriter::begin_event(std::int64_t t_us) {
    if (t_us < last_t_us_) t_us = last_t_us_;
    // A chunk or frame that could not be compressed for want of memory takes no more events: the
    // event is refused (the pipeline counts it as dropped) before any of it is written.
    const bool frame_full =
        in_frame_ && (frame_.event_count >= options_.frame_events || t_us - frame_.first_t_us >= options_.frame_us);
    if ((frame_full || (in_frame_ && chunk_full())) && !write_chunk(frame_full)) throw std::bad_alloc();
    if (!in_frame_) {
        in_frame_ = true;
        chunk_begins_frame_ = true;
        frame_ = FrameEntry{offset_, next_seq_, t_us, 0, 0};
        frame_last_t_us_ = t_us;
        archive_.reset_strings();
        ZSTD_CCtx_reset(zstd_, ZSTD_reset_session_only);
    }
    auto dt = static_cast<std::uint64_t>(t_us - frame_last_t_us_);
    frame_last_t_us_ = last_t_us_ = t_us;
    return dt;
}

void SessionWriter::end_event() {
    ++next_seq_;
    ++frame_.event_count;
    ++chunk_events_;
    // The event is in the chunk: if the chunk cannot be compressed now (out of memory), it waits,
    // whole, for the next event or flush, and the event still counts as written.
    if (chunk_full()) (void)write_chunk(false);
}

template <class Encode>
void SessionWriter::append_whole(std::int64_t t_us, Encode&& encode) {
    if (failed() || closed_) return;
    std::uint64_t dt = begin_event(t_us);
    CompactOutputArchive::Mark mark = archive_.mark();
    try {
        encode(dt);
    } catch (...) {
        archive_.rewind(mark);
        frame_last_t_us_ -= static_cast<std::int64_t>(dt);  // the next event's time counts from the last one written
        throw;
    }
    end_event();
}

void SessionWriter::append_action(std::int64_t t_us, const ActionRef& action) {
    append_whole(t_us, [&](std::uint64_t dt) { encode_action(archive_, dt, action); });
}

void SessionWriter::append(std::int64_t t_us, const Body& body) {
    append_whole(t_us, [&](std::uint64_t dt) { encode_event(archive_, dt, body); });
}

bool SessionWriter::write_chunk(bool end_frame) {
    if (!in_frame_ || failed() || (chunk_events_ == 0 && !end_frame)) return true;
    if (raw_.size() > max_chunk_raw) {
        fail("one event encodes to more than " + std::to_string(max_chunk_raw) + " bytes");
        return true;
    }
    std::array<char, chunk_head_max> head{};
    // Every allocation the chunk needs comes first: once zstd has taken the chunk's bytes into
    // its frame, the chunk cannot be taken back, and a failure after that would lose the frame.
    const std::size_t bound = ZSTD_compressBound(raw_.size()) + 64;
    try {
        if (compressed_.size() < bound) compressed_.resize(bound);
        if (end_frame && index_.size() == index_.capacity()) index_.reserve(std::max<std::size_t>(64, 2 * index_.size()));
        if (options_.write_at_flush_only) pending_.reserve(pending_.size() + head.size() + bound);
    } catch (const std::bad_alloc&) {
        return false;
    }
    ZSTD_inBuffer in{raw_.data(), raw_.size(), 0};
    ZSTD_outBuffer out{compressed_.data(), compressed_.size(), 0};
    // At least ZSTD_compressBound of room: one call ends the flush or the frame.
    std::size_t left = ZSTD_compressStream2(zstd_, &out, &in, end_frame ? ZSTD_e_end : ZSTD_e_flush);
    if (ZSTD_isError(left)) {
        fail(std::string("zstd: ") + ZSTD_getErrorName(left));
        return true;
    }
    if (left != 0) {
        fail("zstd: a chunk did not fit in its compression bound");
        return true;
    }

    ChunkHead h;
    h.flags = (chunk_begins_frame_ ? chunk_begins_frame : 0) | (end_frame ? chunk_ends_frame : 0);
    h.events = chunk_events_;
    h.payload_len = static_cast<std::uint32_t>(out.pos);
    h.raw_len = static_cast<std::uint32_t>(raw_.size());
    if (chunk_begins_frame_) h.first_seq = frame_.first_seq, h.first_t_us = frame_.first_t_us, h.schema = event_schema_version;
    std::size_t head_size = put_chunk_head(head.data(), h);
    std::uint64_t sum = checksum64(compressed_.data(), out.pos, checksum64(head.data(), head_size));
    put<std::uint32_t>(&head[head_size], static_cast<std::uint32_t>(sum));
    head_size += chunk_checksum_size;

    if (options_.write_at_flush_only) {
        pending_.append(head.data(), head_size);
        pending_.append(compressed_.data(), out.pos);
        offset_ += head_size + out.pos;  // where the chunk will be: the index needs it
        pending_events_ += chunk_events_;
    } else {
        const std::uint64_t chunk_at = offset_;
        write_all(head.data(), head_size, chunk_at);
        write_all(compressed_.data(), out.pos, chunk_at);
        if (!failed()) events_in_file_ += chunk_events_;
    }
    frame_.bytes += static_cast<std::uint32_t>(head_size + out.pos);
    raw_bytes_total_ += raw_.size();
    raw_.clear();
    chunk_events_ = 0;
    chunk_begins_frame_ = false;
    if (end_frame) {
        index_.push_back(frame_);  // reserved above: does not throw
        in_frame_ = false;
    }
    return true;
}

// One write for everything a flush covers: a process killed in it leaves a torn chunk at the
// end, which readers drop whole, unless the flush spanned several chunks.
void SessionWriter::write_pending() {
    offset_ -= pending_.size();  // write_all counts the bytes again as they reach the file
    write_all(pending_.data(), pending_.size());
    if (!failed()) events_in_file_ += pending_events_;
    pending_.clear();
    pending_events_ = 0;
}

Result<void> SessionWriter::flush() {
    bool compressed = write_chunk(false);
    write_pending();
    if (failed()) return error_;
    if (compressed) return {};
    try {
        return Error{"out of memory compressing the latest events of " + path_.string() + ": they wait in memory for the next flush"};
    } catch (...) {
        return Error{"out of memory"};  // short enough to need no heap
    }
}

Result<void> SessionWriter::close() {
    if (closed_) return failed() ? Result<void>(error_) : Result<void>();
    // Out of memory: the file ends at its last whole chunk and reads as recovered (no footer).
    if (!write_chunk(true))
        fail("out of memory compressing the last " + std::to_string(chunk_events_) + " events; the file ends before them");
    write_pending();
    write_footer();
    closed_ = true;
    if (fd_ >= 0 && ::close(fd_) != 0) fail(std::strerror(errno));
    fd_ = -1;
    if (failed()) return error_;
    return {};
}

// Nothing once a write failed: the file reads as recovered then.
void SessionWriter::write_footer() {
    if (failed()) return;
    const std::size_t checked = footer_fixed + index_.size() * footer_entry_size;
    std::vector<char> footer;
    try {
        footer.resize(checked + 16);
    } catch (const std::bad_alloc&) {
        return fail("out of memory writing the footer index; the file reads as recovered");
    }
    char* p = footer.data();
    *p++ = static_cast<char>(footer_tag);
    put<std::uint32_t>(p, static_cast<std::uint32_t>(index_.size())), p += 4;
    for (const FrameEntry& f : index_) {
        put(p, f.offset), put(p + 8, f.first_seq), put(p + 16, f.first_t_us);
        put(p + 24, f.event_count), put(p + 28, f.bytes);
        p += footer_entry_size;
    }
    put(p, next_seq_), put(p + 8, last_t_us_), put(p + 16, raw_bytes_total_), put(p + 24, offset_);
    put<std::uint64_t>(footer.data() + checked, checksum64(footer.data(), checked));
    std::memcpy(footer.data() + checked + 8, end_magic, sizeof end_magic);
    write_all(footer.data(), footer.size());
}

}  // namespace semtrace::format
