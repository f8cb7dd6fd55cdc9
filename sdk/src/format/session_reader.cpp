// session_reader.cpp — the only code that reads session files; it trusts no size, offset or count it reads.
#include "format/session_reader.hpp"

#include <algorithm>
#include <cerrno>
#include <cstring>
#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>
#define ZSTD_STATIC_LINKING_ONLY  // ZSTD_d_stableOutBuffer: experimental in name, in every zstd since 1.4.7
#include <zstd.h>

#include "format/compact_archive.hpp"
#include "format/event_codec.hpp"

namespace semtrace::format {

namespace {

// A chunk's head as it reads, where it is and how long.
struct Chunk : ChunkHead {
    std::uint64_t offset = 0;
    std::size_t head_size = 0;
    bool begins() const { return flags & chunk_begins_frame; }
    bool ends() const { return flags & chunk_ends_frame; }
    std::uint64_t end() const { return offset + head_size + payload_len; }
};

std::string hex_bytes(const char* p, std::size_t n) {
    static const char* digits = "0123456789abcdef";
    std::string s;
    for (std::size_t i = 0; i < n; ++i) {
        s += i ? " 0x" : "0x";
        s += digits[static_cast<unsigned char>(p[i]) >> 4];
        s += digits[static_cast<unsigned char>(p[i]) & 15];
    }
    return s;
}

}  // namespace

struct ReaderState {
    std::filesystem::path path;
    int fd = -1;
    std::uint64_t size = 0;
    SessionHeader header;
    std::uint16_t version = 0;
    std::uint64_t data_start = 0;
    std::uint64_t data_end = 0;  // footer offset when complete, else where scanning stopped

    std::vector<FrameEntry> frames;
    std::uint64_t event_count = 0;
    std::uint64_t raw_bytes = 0;
    bool complete = false;
    std::uint64_t dropped = 0;
    std::string damage;

    // Decoding scratch, reused between calls.
    ZSTD_DCtx* zstd = ZSTD_createDCtx();
    // Bytes read ahead of the chunk being read: a seek reads a frame's chunks one after the
    // other, and three system calls per chunk made 7 % of its time.
    std::vector<char> window;
    std::uint64_t window_offset = 0;
    std::size_t window_bytes = 0;
    static constexpr std::size_t read_ahead = 64 * 1024;
    static constexpr std::size_t max_frame_read = 4u << 20;
    const char* payload = nullptr;  // the chunk's compressed bytes, in the window
    std::size_t payload_size = 0;
    // Decompressed chunk. Grown, never zeroed: a hostile chunk may declare 64 MiB, and
    // zeroing that for every chunk read would let it stall the reader.
    std::unique_ptr<char[]> raw;
    std::size_t raw_capacity = 0;
    char* raw_room(std::size_t bytes) {
        if (bytes > raw_capacity) {
            raw.reset(new char[bytes]);
            raw_capacity = bytes;
        }
        return raw.get();
    }
    CompactInputArchive archive;
    Event event;  // what readers visit, decoded into again and again (strings keep their capacity)
    BodySpares spares;
    Body skipped;  // what a seek reads past, likewise
    BodySpares skipped_spares;

    ~ReaderState() {
        if (fd >= 0) ::close(fd);
        ZSTD_freeDCtx(zstd);
    }

    Error error_at(std::uint64_t offset, const std::string& why) const {
        return Error{path.string() + ": offset " + std::to_string(offset) + ": " + why};
    }

    bool read_at(void* buffer, std::size_t n, std::uint64_t offset) const {
        char* p = static_cast<char*>(buffer);
        while (n > 0) {
            ssize_t got = ::pread(fd, p, n, static_cast<off_t>(offset));
            if (got < 0 && errno == EINTR) continue;
            if (got <= 0) return false;
            p += got, n -= static_cast<std::size_t>(got), offset += static_cast<std::uint64_t>(got);
        }
        return true;
    }

    // The n bytes at offset (within the file's size), valid until the next call; null when
    // they cannot be read. A miss reads `ahead` bytes when that is more than n.
    const char* bytes_at(std::uint64_t offset, std::size_t n, std::size_t ahead = read_ahead) {
        if (offset >= window_offset && offset + n <= window_offset + window_bytes)
            return window.data() + (offset - window_offset);
        if (offset > size) return nullptr;
        std::size_t want = static_cast<std::size_t>(std::min<std::uint64_t>(std::max(n, ahead), size - offset));
        if (window.size() < want) window.resize(want);
        window_bytes = 0;
        if (want < n || !read_at(window.data(), want, offset)) return nullptr;
        window_offset = offset, window_bytes = want;
        return window.data();
    }

    Result<void> read_header();
    Result<Chunk> read_chunk(std::uint64_t offset);
    std::string read_footer();  // empty on success, else why there is no usable footer
    void scan(std::uint64_t stop_at);
    Result<void> decompress(const Chunk& chunk);
    std::size_t frame_raw_bytes(std::uint64_t pos, std::uint64_t end);
    void prepare_frame(const FrameEntry& frame);
    // A frame decompressed into one buffer, chunk after chunk: zstd then writes there directly
    // instead of into a window of its own that is copied out.
    ZSTD_outBuffer whole{nullptr, 0, 0};
    Result<bool> decode_frame(const FrameEntry& frame, std::uint64_t from_seq, std::int64_t from_t_us,
                              const std::function<bool(const Event&)>& visit);
};

Result<void> ReaderState::read_header() {
    char fixed[file_header_fixed];
    if (size < file_header_fixed)
        return error_at(0, size == 0 ? "empty file, not a semtrace session"
                                     : "file of " + std::to_string(size) + " bytes is too short to be a semtrace session");
    if (!read_at(fixed, sizeof fixed, 0)) return error_at(0, std::string("cannot read: ") + std::strerror(errno));
    if (std::memcmp(fixed, file_magic, sizeof file_magic) != 0)
        return error_at(0, "not a semtrace session (starts with " + hex_bytes(fixed, 8) + ")");
    version = get<std::uint16_t>(fixed + 8);
    if (version == 0 || version > format_version)
        return error_at(8, "format version " + std::to_string(version) + " is not supported (this reader knows 1 to " +
                               std::to_string(format_version) + "); a newer semtrace may read it");
    auto length = get<std::uint32_t>(fixed + 10);
    if (length > max_header_payload || file_header_fixed + length + 8 > size)
        return error_at(10, "header length " + std::to_string(length) + " runs past the end of the file");
    std::vector<char> bytes(file_header_fixed + length + 8);
    if (!read_at(bytes.data(), bytes.size(), 0)) return error_at(0, "cannot read the header");
    if (checksum64(bytes.data(), file_header_fixed + length) != get<std::uint64_t>(bytes.data() + file_header_fixed + length))
        return error_at(0, "header checksum mismatch (the header is damaged)");
    std::span<const char> stored{bytes.data() + file_header_fixed, length};
    std::vector<char> unpacked;
    if (version >= 2) {  // one zstd frame
        auto declared = ZSTD_getFrameContentSize(stored.data(), stored.size());
        if (declared == ZSTD_CONTENTSIZE_ERROR || declared == ZSTD_CONTENTSIZE_UNKNOWN || declared > max_header_payload)
            return error_at(file_header_fixed, "header is malformed: not a zstd frame of at most 1 MiB");
        unpacked.resize(static_cast<std::size_t>(declared));
        std::size_t n = ZSTD_decompress(unpacked.data(), unpacked.size(), stored.data(), stored.size());
        if (ZSTD_isError(n) || n != unpacked.size())
            return error_at(file_header_fixed, std::string("header is malformed: ") +
                                                   (ZSTD_isError(n) ? ZSTD_getErrorName(n) : "shorter than it declares"));
        stored = unpacked;
    }
    try {
        archive.set_input(stored);
        header = decode_header(archive);
        if (archive.remaining() != 0) return error_at(file_header_fixed, "header has unexpected trailing bytes");
    } catch (const cereal::Exception& e) {
        return error_at(file_header_fixed, std::string("header is malformed: ") + e.what());
    }
    data_start = bytes.size();
    return {};
}

Result<Chunk> ReaderState::read_chunk(std::uint64_t offset) {
    if (offset + 2 > size) return error_at(offset, "truncated chunk header (file ends at " + std::to_string(size) + ")");
    const auto available = static_cast<std::size_t>(std::min<std::uint64_t>(chunk_head_max, size - offset));
    const char* head = bytes_at(offset, available);
    if (!head) return error_at(offset, "cannot read chunk header");
    if (static_cast<std::uint8_t>(head[0]) != chunk_tag)
        return error_at(offset, "expected a chunk, found byte " + hex_bytes(head, 1));
    Chunk c;
    switch (get_chunk_head(head, available, version, c, c.head_size)) {
        case HeadRead::ok: break;
        case HeadRead::short_input: return error_at(offset, "truncated chunk header (file ends at " + std::to_string(size) + ")");
        case HeadRead::malformed: return error_at(offset, "chunk header is malformed (a number longer than its field)");
    }
    c.offset = offset;
    if (c.flags & ~(chunk_begins_frame | chunk_ends_frame)) return error_at(offset, "chunk has unknown flags");
    if (c.payload_len > max_chunk_payload || c.raw_len > max_chunk_raw)
        return error_at(offset, "chunk claims " + std::to_string(c.payload_len) + " bytes, more than any writer makes");
    if (c.end() > size)
        return error_at(offset, "truncated chunk: needs " + std::to_string(c.head_size + c.payload_len) +
                                    " bytes, file ends after " + std::to_string(size - offset));
    head = bytes_at(offset, c.head_size + c.payload_len);
    if (!head) return error_at(offset, "cannot read chunk");
    payload = head + c.head_size;
    payload_size = c.payload_len;
    std::uint64_t sum = checksum64(payload, payload_size, checksum64(head, c.head_size - chunk_checksum_size));
    if (static_cast<std::uint32_t>(sum) != get<std::uint32_t>(head + c.head_size - chunk_checksum_size))
        return error_at(offset, "chunk checksum mismatch (the chunk is damaged)");
    return c;
}

std::string ReaderState::read_footer() {
    if (size < data_start + footer_fixed + 16) return "no footer: the writer did not finish";
    char trailer[trailer_size];
    if (!read_at(trailer, trailer_size, size - trailer_size)) return "cannot read the footer";
    if (std::memcmp(trailer + 16, end_magic, sizeof end_magic) != 0) return "no footer: the writer did not finish";
    auto footer_offset = get<std::uint64_t>(trailer);
    if (footer_offset < data_start || footer_offset > size - 16 - footer_fixed)
        return "footer offset " + std::to_string(footer_offset) + " is out of range";
    std::vector<char> f(size - 16 - footer_offset);
    if (!read_at(f.data(), f.size(), footer_offset)) return "cannot read the footer";
    if (checksum64(f.data(), f.size()) != get<std::uint64_t>(trailer + 8)) return "footer checksum mismatch";
    auto count = get<std::uint32_t>(f.data() + 1);
    if (static_cast<std::uint8_t>(f[0]) != footer_tag || f.size() != footer_fixed + std::uint64_t{count} * footer_entry_size)
        return "footer is malformed";
    const char* p = f.data() + 5;
    std::uint64_t next_seq = 0, next_offset = data_start;
    std::int64_t last_t = 0;
    for (std::uint32_t i = 0; i < count; ++i, p += footer_entry_size) {
        FrameEntry e{get<std::uint64_t>(p), get<std::uint64_t>(p + 8), get<std::int64_t>(p + 16),
                     get<std::uint32_t>(p + 24), get<std::uint32_t>(p + 28)};
        if (e.offset != next_offset || e.first_seq != next_seq || e.first_t_us < last_t || e.bytes == 0)
            return "footer index entry " + std::to_string(i) + " disagrees with its neighbours";
        next_offset = e.offset + e.bytes, next_seq = e.first_seq + e.event_count, last_t = e.first_t_us;
        frames.push_back(e);
    }
    event_count = get<std::uint64_t>(p);
    raw_bytes = get<std::uint64_t>(p + 16);
    if (next_offset != footer_offset || event_count != next_seq || get<std::uint64_t>(p + 24) != footer_offset) {
        frames.clear();
        return "footer index does not add up";
    }
    data_end = footer_offset;
    return {};
}

void ReaderState::scan(std::uint64_t stop_at) {
    frames.clear();
    event_count = raw_bytes = 0;
    std::uint64_t pos = data_start;
    bool open_frame = false;
    std::string why;
    while (pos < stop_at) {
        auto chunk = read_chunk(pos);
        if (!chunk) {
            why = chunk.error().message;
            break;
        }
        const Chunk& c = chunk.value();
        if (c.begins()) {
            if (c.first_seq != event_count || (!frames.empty() && c.first_t_us < frames.back().first_t_us)) {
                why = error_at(pos, "frame starts at seq " + std::to_string(c.first_seq) + ", expected " +
                                        std::to_string(event_count)).message;
                break;
            }
            frames.push_back(FrameEntry{pos, c.first_seq, c.first_t_us, 0, 0});
            open_frame = true;
        } else if (!open_frame) {
            why = error_at(pos, "chunk continues a frame that was closed or never began").message;
            break;
        }
        frames.back().event_count += c.events;
        frames.back().bytes += static_cast<std::uint32_t>(c.end() - c.offset);
        event_count += c.events;
        raw_bytes += c.raw_len;
        open_frame = !c.ends();
        pos = c.end();
    }
    data_end = pos;
    dropped = size - pos;
    if (!why.empty()) damage = why;
}

// What the chunks of a frame declare they decode to, read from their heads in the window;
// 0 when a head is not there or does not add up (the chunk-by-chunk path then says why).
std::size_t ReaderState::frame_raw_bytes(std::uint64_t pos, std::uint64_t end) {
    std::size_t total = 0;
    while (pos < end) {
        const auto available = static_cast<std::size_t>(std::min<std::uint64_t>(chunk_head_max, end - pos));
        const char* head = bytes_at(pos, available, 0);
        ChunkHead h;
        std::size_t head_size = 0;
        if (!head || static_cast<std::uint8_t>(head[0]) != chunk_tag ||
            get_chunk_head(head, available, version, h, head_size) != HeadRead::ok)
            return 0;
        total += h.raw_len;
        pos += head_size + h.payload_len;
        if (total > max_chunk_raw) return 0;
    }
    return pos == end ? total : 0;
}

Result<void> ReaderState::decompress(const Chunk& c) {
    ZSTD_outBuffer single{nullptr, std::size_t{c.raw_len} + 1, 0};
    ZSTD_outBuffer& out = whole.dst ? whole : single;
    std::size_t start = out.pos;
    if (!whole.dst) {
        single.dst = raw_room(single.size);
    }
    ZSTD_inBuffer in{payload, payload_size, 0};
    std::size_t hint = 1;
    while (in.pos < in.size || hint != 0) {
        std::size_t before_in = in.pos, before_out = out.pos;
        hint = ZSTD_decompressStream(zstd, &out, &in);
        if (ZSTD_isError(hint)) return error_at(c.offset, std::string("cannot decompress chunk: ") + ZSTD_getErrorName(hint));
        if (out.pos - start > c.raw_len) return error_at(c.offset, "chunk decodes to more than its declared " + std::to_string(c.raw_len) + " bytes");
        if (hint == 0 && in.pos < in.size) return error_at(c.offset, "chunk has bytes after the end of its zstd frame");
        if (in.pos == before_in && out.pos == before_out) break;  // all input used, all output flushed
    }
    if (out.pos - start != c.raw_len)
        return error_at(c.offset, "chunk decodes to " + std::to_string(out.pos - start) + " bytes, declared " + std::to_string(c.raw_len));
    if (c.ends() && hint != 0) return error_at(c.offset, "last chunk of a frame does not finish its zstd frame");
    return {};
}

// One read for the whole frame (reading ahead further cost a seek more than it saved), and room
// to decompress all of it in one buffer when its chunks' heads say how much.
void ReaderState::prepare_frame(const FrameEntry& frame) {
    std::uint64_t end = frame.offset + frame.bytes;
    whole = {nullptr, 0, 0};
    if (frame.bytes <= max_frame_read && end <= size && bytes_at(frame.offset, frame.bytes, 0)) {
        if (std::size_t total = frame_raw_bytes(frame.offset, end)) {
            whole = {raw_room(total + 1), total + 1, 0};
        }
    }
    ZSTD_DCtx_setParameter(zstd, ZSTD_d_stableOutBuffer, whole.dst ? 1 : 0);
}

Result<bool> ReaderState::decode_frame(const FrameEntry& frame, std::uint64_t from_seq, std::int64_t from_t_us,
                                       const std::function<bool(const Event&)>& visit) {
    ZSTD_DCtx_reset(zstd, ZSTD_reset_session_only);
    archive.reset_strings();
    std::uint64_t pos = frame.offset, end = frame.offset + frame.bytes;
    std::uint64_t seq = frame.first_seq;
    std::int64_t t = frame.first_t_us;
    std::uint16_t schema = 0;
    prepare_frame(frame);
    while (pos < end) {
        auto chunk = read_chunk(pos);
        if (!chunk) return chunk.error();
        const Chunk& c = chunk.value();
        bool first = pos == frame.offset;
        if (first != c.begins() || (first && (c.first_seq != frame.first_seq || c.first_t_us != frame.first_t_us)))
            return error_at(pos, "chunk does not match the frame index");
        if (first) schema = c.schema;
        if (auto ok = decompress(c); !ok) return ok.error();
        try {
            // The chunk's bytes: the last raw_len of the frame so far, or the chunk buffer.
            const char* bytes = whole.dst ? static_cast<const char*>(whole.dst) + (whole.pos - c.raw_len) : raw.get();
            archive.set_input({bytes, c.raw_len});
            for (std::uint16_t i = 0; i < c.events; ++i) {
                std::uint64_t dt = 0;
                std::uint8_t lead = decode_event_head(archive, schema, dt);
                if (dt > static_cast<std::uint64_t>(INT64_MAX - t)) throw cereal::Exception("time step overflows");
                t += static_cast<std::int64_t>(dt);
                if (seq < from_seq || t < from_t_us) {  // before what the caller asked for: read past it
                    skip_event_rest(archive, lead, skipped, skipped_spares);
                    ++seq;
                    continue;
                }
                decode_event_rest(archive, lead, event.body, spares);
                event.seq = seq++;
                event.t_us = t;
                if (!visit(event)) return false;
            }
            if (archive.remaining() != 0)
                return error_at(pos, std::to_string(archive.remaining()) + " bytes left over after the chunk's last event");
        } catch (const cereal::Exception& e) {
            return error_at(pos, std::string("malformed event ") + std::to_string(seq) + ": " + e.what());
        }
        pos = c.end();
        if (c.ends() && pos != end) return error_at(pos, "frame ends before the index says it does");
    }
    if (seq != frame.first_seq + frame.event_count) return error_at(frame.offset, "frame holds fewer events than indexed");
    return true;
}

// --- SessionReader -----------------------------------------------------------------

SessionReader::SessionReader(std::unique_ptr<ReaderState> state) : state_(std::move(state)) {}
SessionReader::SessionReader(SessionReader&&) noexcept = default;
SessionReader& SessionReader::operator=(SessionReader&&) noexcept = default;
SessionReader::~SessionReader() = default;

Result<SessionReader> SessionReader::open(const std::filesystem::path& path) {
    auto st = std::make_unique<ReaderState>();
    st->path = path;
    st->fd = ::open(path.c_str(), O_RDONLY | O_CLOEXEC);
    if (st->fd < 0) return Error{path.string() + ": cannot open: " + std::strerror(errno)};
    struct stat info {};
    if (::fstat(st->fd, &info) != 0 || !S_ISREG(info.st_mode)) return Error{path.string() + ": not a regular file"};
    if (!st->zstd) return Error{path.string() + ": out of memory for the decompressor"};
    ZSTD_DCtx_setParameter(st->zstd, ZSTD_d_windowLogMax, 25);
    st->size = static_cast<std::uint64_t>(info.st_size);
    if (auto ok = st->read_header(); !ok) return ok.error();
    if (std::string why = st->read_footer(); why.empty()) {
        st->complete = true;
    } else {
        st->scan(st->size);
        std::string what = why + "; recovered " + std::to_string(st->event_count) + " events";
        if (st->dropped > 0)
            what += ", dropped " + std::to_string(st->dropped) + " bytes at offset " + std::to_string(st->data_end);
        if (!st->damage.empty()) what += " (" + st->damage + ")";
        st->damage = what;
    }
    return SessionReader(std::move(st));
}

const SessionHeader& SessionReader::header() const noexcept { return state_->header; }
std::uint16_t SessionReader::format_version() const noexcept { return state_->version; }
const std::filesystem::path& SessionReader::path() const noexcept { return state_->path; }
std::uint64_t SessionReader::file_size() const noexcept { return state_->size; }
const std::vector<FrameEntry>& SessionReader::frames() const noexcept { return state_->frames; }
std::uint64_t SessionReader::event_count() const noexcept { return state_->event_count; }
std::uint64_t SessionReader::raw_bytes() const noexcept { return state_->raw_bytes; }
bool SessionReader::complete() const noexcept { return state_->complete; }
std::uint64_t SessionReader::bytes_dropped() const noexcept { return state_->dropped; }
const std::string& SessionReader::damage() const noexcept { return state_->damage; }

Result<void> SessionReader::read(std::uint64_t from_seq, const std::function<bool(const Event&)>& visit) const {
    const auto& frames = state_->frames;
    auto it = std::upper_bound(frames.begin(), frames.end(), from_seq,
                               [](std::uint64_t seq, const FrameEntry& f) { return seq < f.first_seq; });
    if (it != frames.begin()) --it;
    for (; it != frames.end(); ++it) {
        auto more = state_->decode_frame(*it, from_seq, INT64_MIN, visit);
        if (!more) return more.error();
        if (!more.value()) break;
    }
    return {};
}

Result<void> SessionReader::read_from_time(std::int64_t from_t_us, const std::function<bool(const Event&)>& visit) const {
    const auto& frames = state_->frames;
    // Frames share a timestamp at their edges, so start in the last frame that begins before the time.
    auto it = std::lower_bound(frames.begin(), frames.end(), from_t_us,
                               [](const FrameEntry& f, std::int64_t t) { return f.first_t_us < t; });
    if (it != frames.begin()) --it;
    for (; it != frames.end(); ++it) {
        auto more = state_->decode_frame(*it, 0, from_t_us, visit);
        if (!more) return more.error();
        if (!more.value()) break;
    }
    return {};
}

Result<std::optional<Event>> SessionReader::event_at(std::uint64_t seq) const {
    std::optional<Event> found;
    auto ok = read(seq, [&](const Event& e) {
        found = e;
        return false;
    });
    if (!ok) return ok.error();
    return found;
}

Result<std::optional<Event>> SessionReader::first_event_at_or_after(std::int64_t t_us) const {
    std::optional<Event> found;
    auto ok = read_from_time(t_us, [&](const Event& e) {
        found = e;
        return false;
    });
    if (!ok) return ok.error();
    return found;
}

Result<void> SessionReader::verify() const {
    ReaderState& st = *state_;
    if (!st.complete) return Error{st.path.string() + ": " + st.damage};
    const std::vector<FrameEntry> indexed = st.frames;
    const std::uint64_t indexed_events = st.event_count, indexed_raw = st.raw_bytes, footer_at = st.data_end;
    st.scan(footer_at);
    bool agrees = st.damage.empty() && st.frames == indexed && st.event_count == indexed_events && st.raw_bytes == indexed_raw;
    std::string damage = st.damage;
    st.frames = indexed, st.event_count = indexed_events, st.raw_bytes = indexed_raw;
    st.data_end = footer_at, st.dropped = 0, st.damage.clear();
    if (!damage.empty()) return Error{damage};
    if (!agrees) return st.error_at(footer_at, "footer index disagrees with the chunks in the file");
    std::int64_t last_t = INT64_MIN;
    std::string disorder;
    auto ok = read(0, [&](const Event& e) {
        if (e.t_us < last_t) disorder = "event " + std::to_string(e.seq) + " goes back in time";
        last_t = e.t_us;
        return disorder.empty();
    });
    if (!ok) return ok.error();
    if (!disorder.empty()) return Error{st.path.string() + ": " + disorder};
    return {};
}

}  // namespace semtrace::format
