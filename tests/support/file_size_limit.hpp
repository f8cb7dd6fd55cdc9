// file_size_limit.hpp — a full disk for tests: the files a process writes cannot grow past a size (RLIMIT_FSIZE), and the kernel refuses the write.
#pragma once

#include <doctest/doctest.h>

#include <csignal>
#include <sys/resource.h>

namespace semtrace::testing {

// From now on this process's files cannot grow past `bytes` (the soft limit; the hard one is
// kept, so the limit can be lifted again). SIGXFSZ, which would end the process at such a
// write, is ignored (and stays ignored across exec): the write fails with EFBIG instead.
// Returns the limit before.
inline rlimit limit_file_size(rlim_t bytes) {
    std::signal(SIGXFSZ, SIG_IGN);
    rlimit before{};
    getrlimit(RLIMIT_FSIZE, &before);
    rlimit limit{bytes, before.rlim_max};
    setrlimit(RLIMIT_FSIZE, &limit);
    return before;
}

// The same for a scope of a test, then as before.
class FileSizeLimit {
public:
    explicit FileSizeLimit(rlim_t bytes) : signal_before_(std::signal(SIGXFSZ, SIG_IGN)), before_(limit_file_size(bytes)) {
        rlimit now{};
        getrlimit(RLIMIT_FSIZE, &now);
        REQUIRE(now.rlim_cur == bytes);
    }
    ~FileSizeLimit() {
        setrlimit(RLIMIT_FSIZE, &before_);
        std::signal(SIGXFSZ, signal_before_);
    }
    FileSizeLimit(const FileSizeLimit&) = delete;
    FileSizeLimit& operator=(const FileSizeLimit&) = delete;

private:
    void (*signal_before_)(int);
    rlimit before_;
};

}  // namespace semtrace::testing
