// cmd_verify.cpp — `semtrace verify`: every byte of every file checked; exit 0 only when all are intact.
#include <cstdio>

#include "commands.hpp"
#include "format/session_reader.hpp"

namespace semtrace::cli {

int run_verify(const std::vector<std::string>& files, bool quiet) {
    int code = exit_ok;
    for (const std::string& path : files) {
        auto reader = format::SessionReader::open(path);
        Result<void> ok = reader ? reader->verify() : Result<void>(reader.error());
        if (ok) {
            if (!quiet)
                std::printf("ok    %s (%llu events)\n", path.c_str(), static_cast<unsigned long long>(reader->event_count()));
        } else {
            std::printf("FAIL  %s\n", ok.error().message.c_str());
            code = exit_failed;
        }
    }
    return code;
}

}  // namespace semtrace::cli
