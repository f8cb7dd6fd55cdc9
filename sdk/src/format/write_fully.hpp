// write_fully.hpp — every byte to a file descriptor, through short writes and interrupted calls: the loop the session writer and atomic files share.
#pragma once

#include <cerrno>
#include <cstdint>
#include <cstring>
#include <string>
#include <unistd.h>

namespace semtrace::format {

// Empty when all `size` bytes were written, else why not; `written` grows by what went, so a
// caller that fails halfway knows where its file ends.
inline std::string write_fully(int fd, const char* data, std::size_t size, std::uint64_t& written) {
    while (size > 0) {
        ssize_t n = ::write(fd, data, size);
        if (n < 0 && errno == EINTR) continue;
        if (n <= 0) return n < 0 ? std::strerror(errno) : "the disk accepted no bytes";
        data += n;
        size -= static_cast<std::size_t>(n);
        written += static_cast<std::uint64_t>(n);
    }
    return {};
}

}  // namespace semtrace::format
