// session_files.hpp — writing a list of events to a session file and reading one back, for tests.
#pragma once

#include <doctest/doctest.h>

#include <filesystem>
#include <vector>

#include "format/session_header.hpp"
#include "format/session_reader.hpp"
#include "format/session_writer.hpp"
#include "semtrace/semtrace.hpp"

namespace semtrace::testing {

inline std::filesystem::path write_session(const std::filesystem::path& path, const std::vector<format::Event>& events,
                                           format::WriterOptions options = {}, std::size_t flush_every = 0,
                                           bool close = true, const format::SessionHeader* header = nullptr) {
    // A session "killed" before close is the flushed file copied aside before the footer exists.
    auto written_to = close ? path : std::filesystem::path(path.string() + ".alive");
    auto writer = format::SessionWriter::create(
        written_to, header ? *header : format::new_session_header("test-app", "1.0"), options);
    REQUIRE_MESSAGE(writer.ok(), (writer.ok() ? "" : writer.error().message));
    for (std::size_t i = 0; i < events.size(); ++i) {
        writer.value()->append(events[i].t_us, events[i].body);
        if (flush_every && (i + 1) % flush_every == 0) REQUIRE(writer.value()->flush().ok());
    }
    if (!close) {
        REQUIRE(writer.value()->flush().ok());
        std::filesystem::copy_file(written_to, path);
    }
    REQUIRE(writer.value()->close().ok());
    if (!close) std::filesystem::remove(written_to);
    return path;
}

inline std::vector<format::Event> read_all(const format::SessionReader& reader, std::string* error = nullptr) {
    std::vector<format::Event> events;
    auto ok = reader.read(0, [&](const format::Event& e) {
        events.push_back(e);
        return true;
    });
    if (error) *error = ok ? "" : ok.error().message;
    return events;
}

// The header a Recorder started with `options` writes: started, stopped at once, read back.
inline format::SessionHeader header_of_new_session(const Options& options) {
    auto recorder = Recorder::start(options);
    REQUIRE_MESSAGE(recorder.ok(), (recorder.ok() ? "" : recorder.error().message));
    auto summary = recorder.value()->stop();
    REQUIRE(summary.ok());
    auto reader = format::SessionReader::open(summary->file);
    REQUIRE(reader.ok());
    return reader->header();
}

}  // namespace semtrace::testing
