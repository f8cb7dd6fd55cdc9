// say.hpp — messages on stderr that keep their place among the lines already printed on stdout.
#pragma once

#include <cstdarg>
#include <cstdio>

namespace semtrace::cli {

// Into a pipe, stdout is written a buffer (4 KiB) at a time and stderr at once: a message
// written while findings or export lines wait in stdout's buffer lands inside one of them when
// both go to one pipe (`semtrace scan FILE 2>&1 | less` printed "…raw.semtsemtrace scan: 1059
// finding(s)…"). Flushing stdout first keeps every line whole and in the order it was said.
[[gnu::format(printf, 1, 2)]] inline void say(const char* format, ...) {
    std::fflush(stdout);
    va_list args;
    va_start(args, format);
    std::vfprintf(stderr, format, args);
    va_end(args);
}

}  // namespace semtrace::cli
