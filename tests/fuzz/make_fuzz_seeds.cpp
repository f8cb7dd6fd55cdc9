// make_fuzz_seeds.cpp — writes small valid and recovered session files as the fuzzer's starting corpus.
#include <cstdio>
#include <filesystem>

#include "format/session_header.hpp"
#include "format/session_writer.hpp"
#include "support/sample_events.hpp"

int main(int argc, char** argv) {
    if (argc != 2) {
        std::fprintf(stderr, "usage: make_fuzz_seeds DIR\n");
        return 2;
    }
    std::filesystem::path dir = argv[1];
    int written = 0;
    for (std::size_t count : {0u, 1u, 12u, 60u, 200u}) {
        semtrace::format::WriterOptions options;
        options.frame_events = 25;
        auto path = dir / ("seed-" + std::to_string(count) + ".semtrace");
        auto writer = semtrace::format::SessionWriter::create(path, semtrace::format::new_session_header("fuzz", "1"), options);
        if (!writer) {
            std::fprintf(stderr, "%s\n", writer.error().message.c_str());
            return 1;
        }
        std::size_t i = 0;
        for (const auto& e : semtrace::testing::sample_events(count)) {
            writer.value()->append(e.t_us, e.body);
            if (++i % 7 == 0) (void)writer.value()->flush();
        }
        if (!writer.value()->close()) return 1;
        ++written;
    }
    std::printf("%d seeds in %s\n", written, dir.c_str());
    return 0;
}
