// test_crash.cpp — a recording process killed with SIGKILL leaves a file that opens with every flushed event.
#include <doctest/doctest.h>

#include <csignal>
#include <sys/wait.h>
#include <unistd.h>

#include "format/session_reader.hpp"
#include "semtrace/semtrace.hpp"
#include "support/recording.hpp"
#include "support/session_files.hpp"
#include "support/temp_dir.hpp"

using namespace semtrace;
using namespace semtrace::testing;

namespace {

// The child: records clicks on "button N" forever; after `flushed_at` events it flushes and
// reports the file and the count on the pipe, then keeps recording until it is killed.
[[noreturn]] void record_until_killed(const std::filesystem::path& dir, int report_fd, std::uint64_t flushed_at) {
    Options o = recording_options(dir, "crash-test");
    o.flush_interval = std::chrono::milliseconds(5);
    o.frame_events = 512;
    auto rec = Recorder::start(o);
    if (!rec) _exit(3);
    for (std::uint64_t n = 0;; ++n) {
        if (n == flushed_at) {
            if (!rec.value()->flush()) _exit(4);
            std::string line = rec.value()->file().string() + "\n";
            if (write(report_fd, line.data(), line.size()) != static_cast<ssize_t>(line.size())) _exit(5);
        }
        rec.value()->click(Target::path("window 'Loop'/button '" + std::to_string(n) + "'"));
        if (n > flushed_at && n % 64 == 0) usleep(200);
    }
}

}  // namespace

TEST_CASE("SIGKILL while recording: the file opens, flushed events are there, nothing is invented") {
    TempDir dir;
    constexpr std::uint64_t flushed_at = 5000;
    int fds[2];
    REQUIRE(pipe(fds) == 0);
    pid_t child = fork();
    REQUIRE(child >= 0);
    if (child == 0) {
        close(fds[0]);
        record_until_killed(dir.path(), fds[1], flushed_at);
    }
    close(fds[1]);
    std::string reported;
    char c;
    while (read(fds[0], &c, 1) == 1 && c != '\n') reported += c;
    close(fds[0]);
    usleep(100'000);  // let it record (and flush) some more before the kill
    kill(child, SIGKILL);
    int status = 0;
    waitpid(child, &status, 0);
    REQUIRE(WIFSIGNALED(status));
    REQUIRE_FALSE(reported.empty());

    auto reader = format::SessionReader::open(reported);
    REQUIRE_MESSAGE(reader.ok(), (reader.ok() ? "" : reader.error().message));
    CHECK_FALSE(reader->complete());
    CHECK(reader->damage().find("no footer") == 0);
    std::string error;
    auto events = read_all(reader.value(), &error);
    CHECK(error.empty());
    REQUIRE(events.size() >= flushed_at + 1);  // the start event and every flushed click
    CHECK(std::get<format::Control>(events[0].body).type == ControlType::start);
    for (std::size_t i = 1; i < events.size(); ++i) {
        const auto* action = std::get_if<format::Action>(&events[i].body);
        REQUIRE(action != nullptr);
        CHECK(action->target.locator == "window 'Loop'/button '" + std::to_string(i - 1) + "'");
        CHECK(events[i].seq == i);
        CHECK(events[i].t_us >= events[i - 1].t_us);
    }
}
