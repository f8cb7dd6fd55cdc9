// commands.hpp — running the real binaries from tests: a shell command's exit code and output, and the lines they print.
#pragma once

#include <doctest/doctest.h>

#include <cstdio>
#include <string>
#include <sys/wait.h>

namespace semtrace::testing {

struct Run {
    int code = -1;
    std::string out;
};

inline Run run_once(const std::string& command, bool with_stderr) {
    Run r;
    FILE* p = popen((command + (with_stderr ? " 2>&1" : " 2>/dev/null")).c_str(), "r");
    REQUIRE(p != nullptr);
    char buf[4096];
    std::size_t n;
    while ((n = fread(buf, 1, sizeof buf, p)) > 0) r.out.append(buf, n);
    int status = pclose(p);
    r.code = WIFEXITED(status) ? WEXITSTATUS(status) : -1;
    return r;
}

// Runs a shell command line; stderr is folded into the output when `with_stderr`. xvfb-run
// exits 5 when it cannot remove its temporary directory after the command has run (seen once
// on a loaded CI machine), and the command's own status is then lost: such a run is made
// again, once. None of semtrace's programs exits with 5.
inline Run run(const std::string& command, bool with_stderr = false) {
    Run r = run_once(command, with_stderr);
    if (r.code == 5 && command.rfind("xvfb-run", 0) == 0) r = run_once(command, with_stderr);
    return r;
}

inline const std::string semtrace_bin = std::string(SEMTRACE_BIN_DIR) + "/semtrace";

inline std::string without_first_line(const std::string& s) { return s.substr(s.find('\n') + 1); }

inline std::string first_line(const std::string& s) { return s.substr(0, s.find('\n')); }

// The line naming a session file (`record` prints it on stdout, among stderr's lines here).
inline std::string session_line(const std::string& s) {
    std::size_t end = s.find(".semtrace\n");
    REQUIRE(end != std::string::npos);
    std::size_t start = s.find_last_of("\n ", end);
    start = start == std::string::npos ? 0 : start + 1;
    return s.substr(start, end + 9 - start);
}

}  // namespace semtrace::testing
