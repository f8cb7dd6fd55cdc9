// session_writer.hpp — appends events to a session file as checksummed, flushable zstd frames, then writes the index.
#pragma once

#include <cstdint>
#include <filesystem>
#include <memory>
#include <string>
#include <vector>

#include "format/compact_archive.hpp"
#include "format/events.hpp"
#include "format/layout.hpp"
#include "semtrace/result.hpp"

typedef struct ZSTD_CCtx_s ZSTD_CCtx;

namespace semtrace::format {

struct WriterOptions {
    int zstd_level = 3;
    std::uint32_t frame_events = 2048;          // a frame ends after this many events...
    std::int64_t frame_us = 600'000'000;        // ...or when it spans this long (Options::frame_duration)
    // A chunk is written when this much is encoded. A seek decompresses its frame only up to
    // the chunk it needs: against 128 KiB, 16 KiB chunks made seeks in a 1M-event file 15-20 %
    // faster for 1.2 % more bytes; 8 KiB ones were slower again (a read per chunk).
    std::size_t chunk_raw_bytes = 16 * 1024;
    // Chunks wait in memory until flush() or close(): the file then always ends where a flush
    // left it, which a relay that acknowledges only what is on disk relies on.
    bool write_at_flush_only = false;
};


// Single-threaded. Once a write fails every later call is a no-op and error() says why;
// what was written before the failure stays readable.
class SessionWriter {
public:
    static Result<std::unique_ptr<SessionWriter>> create(const std::filesystem::path& path,
                                                        const SessionHeader& header, WriterOptions options = {});
    ~SessionWriter();
    SessionWriter(const SessionWriter&) = delete;
    SessionWriter& operator=(const SessionWriter&) = delete;

    // Times are microseconds since the session start; an earlier time than the last is raised
    // to it, so time never runs backwards in a file. An event that cannot be encoded for want
    // of memory throws std::bad_alloc and leaves nothing of itself: the writer goes on. So does
    // one that comes while a full chunk waits for the memory to compress it; an event that
    // returned normally is in the file once a later flush or close succeeds.
    void append_action(std::int64_t t_us, const ActionRef& action);
    void append(std::int64_t t_us, const Body& body);

    // Makes everything appended so far durable against a crash of this process. Out of memory to
    // compress the latest events, it says so and keeps them for the next flush; it never throws.
    Result<void> flush();
    // Ends the last frame and writes the index; the file is complete afterwards.
    Result<void> close();

    std::uint64_t events_written() const noexcept { return next_seq_; }  // appended, maybe not yet in the file
    // In chunks the file holds whole: what a reader finds even if the writer fails from here on.
    std::uint64_t events_in_file() const noexcept { return events_in_file_; }
    std::uint64_t bytes_written() const noexcept { return offset_; }
    bool failed() const noexcept { return !error_.message.empty(); }
    const Error& error() const noexcept { return error_; }
    const std::filesystem::path& path() const noexcept { return path_; }

private:
    SessionWriter(std::filesystem::path path, int fd, WriterOptions options);
    // An event at `t_us`, encoded by `encode(dt)` whole or not at all.
    template <class Encode>
    void append_whole(std::int64_t t_us, Encode&& encode);
    std::uint64_t begin_event(std::int64_t t_us);
    void end_event();
    bool chunk_full() const;
    // Compresses the chunk and writes it (or keeps it, write_at_flush_only). Returns false, having
    // changed nothing, when the memory for it cannot be had: the chunk waits for the next try.
    bool write_chunk(bool end_frame);
    void write_pending();
    void write_footer();
    // Every byte, or the error; on an error the file is cut back to `cut_to` (by default, to
    // where this write began).
    void write_all(const char* data, std::size_t size, std::uint64_t cut_to);
    void write_all(const char* data, std::size_t size) { write_all(data, size, offset_); }
    void fail(const std::string& why) noexcept;

    std::filesystem::path path_;
    int fd_ = -1;
    WriterOptions options_;
    ZSTD_CCtx* zstd_ = nullptr;
    Error error_;
    bool closed_ = false;

    std::uint64_t offset_ = 0;    // bytes in the file
    std::uint64_t next_seq_ = 0;  // seq of the next event
    std::uint64_t events_in_file_ = 0;
    std::uint64_t pending_events_ = 0;  // in pending_
    std::int64_t last_t_us_ = 0;

    // The frame being written.
    std::string pending_;  // chunks not yet written (write_at_flush_only)
    bool in_frame_ = false;
    bool chunk_begins_frame_ = false;
    FrameEntry frame_;
    std::int64_t frame_last_t_us_ = 0;

    // The chunk being filled: encoded events not yet compressed.
    ByteBuffer raw_;
    std::uint32_t chunk_events_ = 0;
    CompactOutputArchive archive_{raw_};
    std::vector<char> compressed_;

    std::vector<FrameEntry> index_;
    std::uint64_t raw_bytes_total_ = 0;
};

}  // namespace semtrace::format
