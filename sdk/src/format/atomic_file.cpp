// atomic_file.cpp — write_file_atomically: temp file, every byte written, fsync, rename.
#include "format/atomic_file.hpp"
#include "format/write_fully.hpp"

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
    std::uint64_t written = 0;
    if (std::string why = write_fully(fd, text.data(), text.size(), written); !why.empty()) {
        ::close(fd);
        std::filesystem::remove(temp);
        return Error{temp.string() + ": cannot write (" + why + ")"};
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
