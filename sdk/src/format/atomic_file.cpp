// atomic_file.cpp — write_file_atomically: temp file, every byte written, fsync, rename.
#include "format/atomic_file.hpp"

#include <cerrno>
#include <cstring>
#include <fcntl.h>
#include <unistd.h>

namespace semtrace::format {

Result<void> write_file_atomically(const std::filesystem::path& file, std::string_view text, mode_t mode) {
    std::filesystem::path temp = file;
    temp += ".tmp";
    int fd = ::open(temp.c_str(), O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, mode);
    if (fd < 0) return Error{temp.string() + ": cannot create: " + std::strerror(errno)};
    const char* p = text.data();
    std::size_t left = text.size();
    while (left > 0) {
        ssize_t n = ::write(fd, p, left);
        if (n < 0 && errno == EINTR) continue;
        if (n <= 0) {
            std::string why = std::strerror(errno);
            ::close(fd);
            std::filesystem::remove(temp);
            return Error{temp.string() + ": cannot write (" + why + ")"};
        }
        p += n;
        left -= static_cast<std::size_t>(n);
    }
    bool synced = ::fsync(fd) == 0;
    ::close(fd);
    if (!synced || std::rename(temp.c_str(), file.c_str()) != 0) {
        std::string why = std::strerror(errno);
        std::filesystem::remove(temp);
        return Error{file.string() + ": cannot save (" + why + ")"};
    }
    return {};
}

}  // namespace semtrace::format
