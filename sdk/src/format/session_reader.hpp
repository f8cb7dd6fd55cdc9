// session_reader.hpp — opens, verifies, iterates and seeks session files; the only reader of the format.
#pragma once

#include <cstdint>
#include <filesystem>
#include <functional>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "format/events.hpp"
#include "format/layout.hpp"
#include "semtrace/result.hpp"

namespace semtrace::format {

struct ReaderState;

// A session file opened for reading. Opening reads the header and the footer index only;
// a file without a valid footer (its writer died) is scanned, keeping every complete,
// checksum-valid chunk. Errors name the file, the byte offset and the reason.
// Not thread-safe: use one reader per thread.
class SessionReader {
public:
    static Result<SessionReader> open(const std::filesystem::path& path);
    SessionReader(SessionReader&&) noexcept;
    SessionReader& operator=(SessionReader&&) noexcept;
    ~SessionReader();

    const SessionHeader& header() const noexcept;
    std::uint16_t format_version() const noexcept;
    const std::filesystem::path& path() const noexcept;
    std::uint64_t file_size() const noexcept;

    const std::vector<FrameEntry>& frames() const noexcept;
    std::uint64_t event_count() const noexcept;
    std::uint64_t raw_bytes() const noexcept;  // encoded size before compression

    bool complete() const noexcept;                // the footer was present and valid
    std::uint64_t bytes_dropped() const noexcept;  // not kept when the file was scanned
    const std::string& damage() const noexcept;    // why it was scanned and what was dropped; empty if complete

    // Calls visit for every event with seq >= from_seq, in order, until it returns false.
    Result<void> read(std::uint64_t from_seq, const std::function<bool(const Event&)>& visit) const;
    // Calls visit for events from the first with t >= from_t_us.
    Result<void> read_from_time(std::int64_t from_t_us, const std::function<bool(const Event&)>& visit) const;

    Result<std::optional<Event>> event_at(std::uint64_t seq) const;
    Result<std::optional<Event>> first_event_at_or_after(std::int64_t t_us) const;

    // Checks every byte: header, each chunk, the footer and its agreement with the chunks,
    // and that every event decodes. Succeeds only for a complete, undamaged file.
    Result<void> verify() const;

private:
    explicit SessionReader(std::unique_ptr<ReaderState> state);
    std::unique_ptr<ReaderState> state_;
};

}  // namespace semtrace::format
