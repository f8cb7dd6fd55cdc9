// fuzz_session_reader.cpp — libFuzzer target: any bytes as a session file; open, verify and read must never crash or hang.
#include <cstdint>
#include <cstdio>
#include <filesystem>
#include <string>
#include <unistd.h>

#include "format/session_reader.hpp"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    static const std::string path =
        (std::filesystem::temp_directory_path() / ("semtrace-fuzz-" + std::to_string(getpid()) + ".semtrace")).string();
    FILE* f = std::fopen(path.c_str(), "wb");
    if (!f) return 0;
    std::fwrite(data, 1, size, f);
    std::fclose(f);
    auto reader = semtrace::format::SessionReader::open(path);
    if (!reader) return 0;
    (void)reader->verify();
    std::uint64_t seen = 0;
    (void)reader->read(0, [&](const semtrace::format::Event&) { return ++seen < 100000; });
    if (reader->event_count() > 0) (void)reader->event_at(reader->event_count() / 2);
    return 0;
}
