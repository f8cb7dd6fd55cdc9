// test_kill_switch.cpp — kill_all stops every recorder in the process, finishes their files, and refuses new ones.
// ctest runs it in a process of its own (test_record --test-case=kill_all*): the kill switch cannot be undone.
#include <doctest/doctest.h>

#include <atomic>
#include <chrono>
#include <thread>
#include <vector>

#include "format/session_reader.hpp"
#include "semtrace/semtrace.hpp"
#include "support/recording.hpp"
#include "support/session_files.hpp"
#include "support/temp_dir.hpp"

using namespace semtrace;
using namespace semtrace::testing;

namespace {

// The names of the markers and the kinds of control events, in file order.
std::vector<std::string> outline(const std::filesystem::path& file) {
    auto reader = format::SessionReader::open(file);
    REQUIRE_MESSAGE(reader.ok(), (reader.ok() ? "" : reader.error().message));
    CHECK_MESSAGE(reader->complete(), "a killed recorder finishes its own file: " << reader->damage());
    std::vector<std::string> seen;
    for (const auto& e : read_all(reader.value())) {
        if (const auto* m = std::get_if<format::Marker>(&e.body)) seen.push_back(m->name);
        if (const auto* c = std::get_if<format::Control>(&e.body)) seen.push_back(std::string(name_of(c->type)));
    }
    return seen;
}

}  // namespace

TEST_CASE("kill_all stops every recorder at once, from another thread, and nothing starts again") {
    TempDir dir;
    // The first recorder's buffer holds two events and its app threads wait for room: at the
    // kill, several of them are waiting inside a recording call, and must not wait forever.
    Options small = recording_options(dir / "a");
    small.buffer_events = 2;
    small.when_full = WhenFull::block;
    auto first = std::move(Recorder::start(small).value());
    auto second = std::move(Recorder::start(recording_options(dir / "b")).value());
    CHECK_FALSE(killed());
    first->marker("kept.first");
    second->marker("kept.second");
    REQUIRE(first->flush().ok());
    REQUIRE(second->flush().ok());

    // App threads record as fast as they can while an operator throws the switch.
    std::atomic<bool> thrown{false};
    std::atomic<std::uint64_t> accepted_after{0};
    std::vector<std::thread> app;
    for (int t = 0; t < 4; ++t)
        app.emplace_back([&] {
            for (int i = 0; i < 50'000; ++i) {
                bool was_thrown = thrown.load();
                bool accepted = first->marker("busy");
                if (was_thrown && accepted) ++accepted_after;
            }
        });
    std::thread op([&] {
        std::this_thread::sleep_for(std::chrono::milliseconds(20));  // let the app threads fill the buffer
        kill_all();
        thrown = true;
    });
    op.join();
    for (auto& t : app) t.join();
    CHECK(killed());
    CHECK(accepted_after == 0);
    CHECK_FALSE(second->marker("after.kill"));
    CHECK_FALSE(second->click(Target::path("window 'A'/button 'B'")));

    // flush() returns once the pipeline has finished the file; the app never called stop().
    CHECK(first->flush().ok());
    CHECK(second->flush().ok());
    auto seen = outline(second->file());
    CHECK(seen == std::vector<std::string>{"start", "kept.second", "semtrace.killed", "end"});
    auto busy = outline(first->file());
    REQUIRE(busy.size() >= 4);
    CHECK(busy[1] == "kept.first");
    CHECK(busy[busy.size() - 2] == "semtrace.killed");
    CHECK(busy.back() == "end");

    auto again = Recorder::start(recording_options(dir / "c"));
    REQUIRE_FALSE(again.ok());
    CHECK(again.error().message.find("kill switch") != std::string::npos);
    CHECK_FALSE(std::filesystem::exists(dir / "c"));

    auto summary = first->stop();  // still answers, with what was written
    REQUIRE(summary.ok());
    CHECK(summary->file == first->file());
}
