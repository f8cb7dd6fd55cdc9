// test_recorder.cpp — the public API records what it is told, from many threads, and counts exactly what it drops.
#include <doctest/doctest.h>

#include <atomic>
#include <fstream>
#include <unistd.h>
#include <cstdlib>
#include <new>
#include <optional>
#include <future>
#include <thread>

#include "format/session_reader.hpp"
#include "format/session_header.hpp"
#include "format/session_writer.hpp"
#include "privacy/policy.hpp"
#include "privacy/redactor.hpp"
#include "semtrace/semtrace.hpp"
#include "support/file_size_limit.hpp"
#include "support/recording.hpp"
#include "support/session_files.hpp"
#include "support/temp_dir.hpp"

using namespace semtrace;
using namespace semtrace::testing;

namespace {

Options options_in(const TempDir& dir) { return recording_options(dir / "sessions"); }

std::vector<format::Event> events_of(const std::filesystem::path& file) {
    auto reader = format::SessionReader::open(file);
    REQUIRE_MESSAGE(reader.ok(), (reader.ok() ? "" : reader.error().message));
    CHECK(reader->verify().ok());
    return read_all(reader.value());
}

template <class T>
std::vector<T> bodies(const std::vector<format::Event>& events) {
    std::vector<T> out;
    for (const auto& e : events)
        if (const T* b = std::get_if<T>(&e.body)) out.push_back(*b);
    return out;
}

// The events lost, as the file's dropped controls report them.
std::uint64_t dropped_reported(const std::vector<format::Event>& events) {
    std::uint64_t n = 0;
    for (const auto& c : bodies<format::Control>(events))
        if (c.type == ControlType::dropped) n += c.count;
    return n;
}

// How many times every thread of this process but the calling one went to sleep of its own
// accord (Linux's count per thread): a sleeping thread's wake-ups, without timing anything.
std::uint64_t other_threads_sleeps() {
    std::uint64_t total = 0;
    const auto self = std::to_string(gettid());
    for (const auto& task : std::filesystem::directory_iterator("/proc/self/task")) {
        if (task.path().filename() == self) continue;
        std::ifstream status(task.path() / "status");
        for (std::string line; std::getline(status, line);)
            if (line.starts_with("voluntary_ctxt_switches:")) total += std::stoull(line.substr(24));
    }
    return total;
}

}  // namespace

TEST_CASE("the ten-line integration records what the app said, in order") {
    TempDir dir;
    auto started = Recorder::start(options_in(dir));
    REQUIRE_MESSAGE(started.ok(), (started.ok() ? "" : started.error().message));
    Recorder& rec = *started.value();
    CHECK(rec.click(Target::path("window 'Editor'/toolbar/button 'Save'").with_id(7).with_bounds({1, 2, 3, 4})));
    CHECK(rec.select(Target::path("window 'Editor'/combo 'Priority'"), "High"));
    CHECK(rec.fill(Target::path("window 'Editor'/textbox 'Email'"), Value::masked()));
    CHECK(rec.fill(Target::path("window 'Editor'/textbox 'Notes'"), Value::redacted("call ⟨PHONE⟩")));
    CHECK(rec.toggle(Target::path("window 'Editor'/checkbox 'Urgent'"), true));
    std::string long_locator(500, 'x');  // beyond the inline budget: takes the heap path
    CHECK(rec.click(Target::path(long_locator)));
    CHECK(rec.marker("ticket.resolved", {{"queue", "billing"}, {"id", "4711"}}));
    const Node nodes[] = {{1, 0, "window", "Editor", {}, {0, 0, 800, 600}, 0},
                          {2, 1, "textbox", "Email", Value::masked(), {10, 10, 200, 20}, 1}};
    CHECK(rec.snapshot(nodes));
    const std::uint64_t removed[] = {2};
    CHECK(rec.delta({}, removed));
    auto summary = rec.stop();
    REQUIRE(summary.ok());
    CHECK(summary->file == rec.file());
    CHECK(summary->file.filename().string().size() == 32 + 9);
    CHECK(summary->events_dropped == 0);

    auto events = events_of(summary->file);
    REQUIRE(events.size() == 11);  // start, 9 recorded, end
    CHECK(std::get<format::Control>(events.front().body).type == ControlType::start);
    CHECK(std::get<format::Control>(events.back().body).type == ControlType::end);
    auto actions = bodies<format::Action>(events);
    REQUIRE(actions.size() == 6);
    CHECK(actions[0] == format::Action{ActionType::click, {"window 'Editor'/toolbar/button 'Save'", 7, {1, 2, 3, 4}}, {}});
    CHECK(actions[1].value == format::Value{ValueState::plain, "High"});
    CHECK(actions[2].value == format::Value{ValueState::masked, ""});
    // The built-in policy masks typed text, even text the app redacted itself.
    CHECK(actions[3].value == format::Value{ValueState::masked, ""});
    CHECK(actions[4].type == ActionType::toggle);
    CHECK(actions[4].value.text == "on");
    CHECK(actions[5].target.locator == long_locator);
    auto markers = bodies<format::Marker>(events);
    REQUIRE(markers.size() == 1);
    CHECK(markers[0] == format::Marker{"ticket.resolved", {{"queue", "billing"}, {"id", "4711"}}});
    auto snapshots = bodies<format::Snapshot>(events);
    REQUIRE(snapshots.size() == 1);
    CHECK(snapshots[0].nodes.size() == 2);
    CHECK(snapshots[0].nodes[1].value.state == ValueState::masked);
    CHECK(bodies<format::Delta>(events).at(0).removed == std::vector<std::uint64_t>{2});
    CHECK(rec.stop().ok());  // a second stop returns the same summary
    CHECK_FALSE(rec.click(Target::path("after stop")));
}

TEST_CASE("options that cannot work are refused with the field named") {
    TempDir dir;
    Options o = options_in(dir);
    o.app.name.clear();
    auto r = Recorder::start(o);
    REQUIRE_FALSE(r.ok());
    CHECK(r.error().message.find("Options.app.name") == 0);
    CHECK(r.error().kind == ErrorKind::refused);  // the caller's to mend
    o = options_in(dir);
    o.output_dir = "/proc/semtrace-cannot-be-here";
    r = Recorder::start(o);
    REQUIRE_FALSE(r.ok());
    CHECK(r.error().message.find("cannot create output directory /proc/semtrace-cannot-be-here") == 0);
    CHECK(r.error().kind == ErrorKind::failed);  // the machine's
}

TEST_CASE("several threads recording at once lose nothing when the buffer is large enough") {
    TempDir dir;
    Options o = options_in(dir);
    o.when_full = WhenFull::block;
    o.buffer_events = 1024;
    auto rec = std::move(Recorder::start(o).value());
    constexpr int threads = 4, per_thread = 20000;
    std::vector<std::thread> workers;
    for (int t = 0; t < threads; ++t)
        workers.emplace_back([&, t] {
            for (int i = 0; i < per_thread; ++i)
                rec->click(Target::path("thread " + std::to_string(t)).with_id(static_cast<std::uint64_t>(i) + 1));
        });
    for (auto& w : workers) w.join();
    auto summary = rec->stop();
    REQUIRE(summary.ok());
    CHECK(summary->events_dropped == 0);
    auto events = events_of(summary->file);
    CHECK(events.size() == threads * per_thread + 2);
    // Each thread's events arrive complete and in the order that thread recorded them.
    std::vector<std::uint64_t> next(threads, 1);
    for (const auto& a : bodies<format::Action>(events)) {
        int t = std::stoi(a.target.locator.substr(7));
        CHECK(a.target.node_id == next[t]);
        ++next[t];
    }
    for (int t = 0; t < threads; ++t) CHECK(next[t] == per_thread + 1);
}

TEST_CASE("a call that returns true while stop() runs on another thread is in the file") {
    // The pipeline's last look at the queue and a recording call's claim of a slot can cross:
    // the call is accepted after the pipeline has decided it is done. Many rounds, so that a
    // call lands in that window in some of them.
    TempDir dir;
    constexpr int rounds = 30, threads = 8;  // more than the cores: a thread is often preempted mid-call
    std::uint64_t lost = 0, accepted_in_all = 0;
    for (int round = 0; round < rounds; ++round) {
        Options o = options_in(dir);
        o.buffer_events = 256;  // small: the calls are mostly refused, the files small
        auto rec = std::move(Recorder::start(o).value());
        std::atomic<int> ready{0};
        std::atomic<bool> stopped{false};
        std::atomic<std::uint64_t> accepted{0};
        std::vector<std::thread> workers;
        for (int t = 0; t < threads; ++t)
            workers.emplace_back([&] {
                ++ready;
                std::uint64_t mine = 0;
                while (!stopped) mine += rec->click(Target::path("window 'W'/button 'Go'"));
                accepted += mine;
            });
        while (ready < threads) std::this_thread::yield();
        std::this_thread::sleep_for(std::chrono::microseconds(50 + 10 * round));
        auto summary = rec->stop();
        stopped = true;
        for (auto& w : workers) w.join();
        REQUIRE(summary.ok());
        auto actions = bodies<format::Action>(events_of(summary->file)).size();
        lost += accepted - actions;  // every call that returned true, less what the file holds
        accepted_in_all += accepted;
        std::filesystem::remove(summary->file);
    }
    CHECK(accepted_in_all > 0);
    CHECK_MESSAGE(lost == 0, lost, " of ", accepted_in_all, " accepted calls are not in their files");
}

TEST_CASE("a full buffer drops and counts exactly, and the count is in the file") {
    TempDir dir;
    Options o = options_in(dir);
    o.buffer_events = 4;
    auto rec = std::move(Recorder::start(o).value());
    constexpr int threads = 3, per_thread = 50000;
    std::atomic<std::uint64_t> accepted{0};
    std::vector<std::thread> workers;
    for (int t = 0; t < threads; ++t)
        workers.emplace_back([&] {
            std::uint64_t mine = 0;
            for (int i = 0; i < per_thread; ++i) mine += rec->click(Target::path("window 'W'/button 'Go'"));
            accepted += mine;
        });
    for (auto& w : workers) w.join();
    auto stats = rec->stats();
    auto summary = rec->stop();
    REQUIRE(summary.ok());
    CHECK(stats.dropped > 0);
    CHECK(accepted + stats.dropped == threads * per_thread);
    CHECK(summary->events_dropped == stats.dropped);

    auto events = events_of(summary->file);
    CHECK(bodies<format::Action>(events).size() == accepted);
    const std::uint64_t reported = dropped_reported(events);
    CHECK(reported == stats.dropped);
}

// Out of memory on demand: a failed heap copy cannot be had reliably otherwise (a limit on the
// address space is met from the heap's free blocks, or from another thread's arena). This
// binary's operator new refuses, on the thread that asks, allocations of `refused_from` bytes
// or more. It takes the place of the sanitizers' own operator new too (they still see every
// malloc and free, and LeakSanitizer found the copy's string leaked when its room could not be
// had); only their check that new goes with delete and malloc with free is lost in this binary.
namespace {
thread_local std::size_t refused_from = 0;          // 0: none refused
std::atomic<std::size_t> refused_everywhere_from{0};  // the same on every thread (the pipeline's)
}  // namespace

#pragma GCC diagnostic push
#pragma GCC diagnostic ignored "-Wmismatched-new-delete"  // this operator new is malloc's
void* operator new(std::size_t size) {
    if (refused_from && size >= refused_from) throw std::bad_alloc();
    if (std::size_t everywhere = refused_everywhere_from.load(std::memory_order_relaxed); everywhere && size >= everywhere)
        throw std::bad_alloc();
    if (void* p = std::malloc(size ? size : 1)) return p;
    throw std::bad_alloc();
}
void operator delete(void* p) noexcept { std::free(p); }
void operator delete(void* p, std::size_t) noexcept { std::free(p); }
#pragma GCC diagnostic pop

TEST_CASE("a call whose text cannot be copied (out of memory) returns false, is counted as dropped, and recording goes on") {
    TempDir dir;
    auto rec = std::move(Recorder::start(options_in(dir)).value());
    const std::string text(64 * 1024, 'x');  // with its value, too long for a slot: copied to the heap
    const Target big = Target::path(text), small = Target::path("window 'W'/button 'Save'");
    const Value typed = Value::plain(text);
    CHECK(rec->click(small));
    refused_from = 64 * 1024;
    CHECK_FALSE(rec->fill(big, typed));
    CHECK(rec->click(small));  // short text needs no heap
    refused_from = 0;
    auto summary = rec->stop();
    REQUIRE(summary.ok());
    CHECK(summary->events_dropped == 1);
    auto events = events_of(summary->file);
    CHECK(bodies<format::Action>(events).size() == 2);
    const std::uint64_t dropped = dropped_reported(events);
    CHECK(dropped == 1);
}

TEST_CASE("an event the writer cannot encode for want of memory leaves nothing of itself: the events around it read back whole, at their times") {
    TempDir dir;
    const auto file = dir / "short-of-memory.semtrace";
    auto writer = std::move(format::SessionWriter::create(file, format::new_session_header("test-app", "1.0")).value());
    const std::string save = "window 'Editor'/toolbar/button 'Save'", open = "window 'Editor'/toolbar/button 'Open file'";
    const std::string fresh = "button 'New'";  // short: its copy needs no heap, its value's does
    const std::string typed = "a note typed into the editor's field", fresh_typed = "another note, typed into the new one";
    std::uint64_t fresh_memo = 0;  // as the pipeline keeps one with each locator
    auto action = [&](const std::string& locator) {
        return format::ActionRef{ActionType::fill, locator, 7, Bounds{1, 2, 3, 4}, ValueState::plain,
                                 locator == fresh ? fresh_typed : typed, locator == fresh ? &fresh_memo : nullptr};
    };
    const format::Body marker = format::Marker{"task", {{"step", "a step described at length"}}};
    writer->append_action(1'000, action(save));
    // Room in the table for `fresh`, so that it joins before its value fails (no rehash first).
    for (int i = 0; i < 12; ++i) writer->append(1'000, format::Marker{"w" + std::to_string(i), {}});
    refused_from = 32;  // the string table cannot take a copy of `open`, of a long value, nor of the marker's text
    CHECK_THROWS_AS(writer->append_action(2'000, action(open)), std::bad_alloc);
    CHECK_THROWS_AS(writer->append_action(2'200, action(fresh)), std::bad_alloc);
    CHECK(fresh_memo != 0);  // its locator joined the table before the value failed: forgotten with the event
    CHECK_THROWS_AS(writer->append(2'500, marker), std::bad_alloc);
    refused_from = 0;
    for (std::int64_t t : {3'000, 4'000}) writer->append_action(t, action(open));
    for (std::int64_t t : {4'500, 4'600}) writer->append_action(t, action(fresh));
    writer->append_action(5'000, action(save));
    CHECK_FALSE(writer->failed());
    REQUIRE(writer->close().ok());

    auto events = events_of(file);  // every chunk verified
    std::erase_if(events, [](const format::Event& e) { return e.kind() == format::EventKind::marker; });  // the 12 before
    const std::vector<std::pair<std::int64_t, std::string>> expected{
        {1'000, save}, {3'000, open}, {4'000, open}, {4'500, fresh}, {4'600, fresh}, {5'000, save}};
    REQUIRE(events.size() == expected.size());
    for (std::size_t i = 0; i < events.size(); ++i) {
        CAPTURE(i);
        CHECK(events[i].seq == (i == 0 ? 0 : i + 12));
        CHECK(events[i].t_us == expected[i].first);
        const auto* a = std::get_if<format::Action>(&events[i].body);
        REQUIRE(a);
        CHECK(a->target.locator == expected[i].second);
        CHECK(a->value.text == (expected[i].second == fresh ? fresh_typed : typed));
    }
}

namespace {

// The notes of a session whose every value is new to the string table: its chunks fill quickly,
// a 16 KiB chunk before the table's 128th entry (whose room, 16 KiB or more, the test below
// cannot have either).
format::ActionRef note_action(const std::string& value) {
    static const std::string locator = "window 'Editor'/pane 'Notes'/textbox 'Note'";
    return format::ActionRef{ActionType::fill, locator, 9, Bounds{1, 2, 3, 4}, ValueState::plain, value, nullptr};
}
std::string note_text(int i) { return "note " + std::to_string(i) + ": " + std::string(120, static_cast<char>('a' + i % 26)); }

}  // namespace

TEST_CASE("a chunk the writer cannot compress for want of memory waits whole: every event it took is written once memory returns") {
    TempDir dir;
    const auto file = dir / "no-room-to-compress.semtrace";
    auto writer = std::move(format::SessionWriter::create(file, format::new_session_header("test-app", "1.0")).value());
    std::vector<int> taken;  // the notes whose append returned normally
    int refused = 0;
    refused_from = 16 * 1024;  // an event's strings can be had; room to compress a 16 KiB chunk cannot
    for (int i = 0; i < 300; ++i) {
        try {
            writer->append_action(1'000 + i, note_action(note_text(i)));
            taken.push_back(i);
        } catch (const std::bad_alloc&) {
            ++refused;  // the chunk is full and cannot go: the event is refused whole
        }
    }
    auto flushed = writer->flush();
    refused_from = 0;
    REQUIRE_FALSE(flushed.ok());
    CHECK(flushed.error().message.find("out of memory") != std::string::npos);
    CHECK(taken.size() > 100);  // a chunk's worth (16 KiB of ~125-byte events) before the first refusal
    CHECK(refused > 0);
    CHECK_FALSE(writer->failed());
    for (int i = 300; i < 305; ++i) {
        writer->append_action(1'000 + i, note_action(note_text(i)));
        taken.push_back(i);
    }
    REQUIRE(writer->close().ok());

    auto events = events_of(file);  // every chunk verified, the footer too
    REQUIRE(events.size() == taken.size());
    for (std::size_t k = 0; k < events.size(); ++k) {
        CAPTURE(k);
        CHECK(events[k].seq == k);
        CHECK(events[k].t_us == 1'000 + taken[k]);
        const auto* a = std::get_if<format::Action>(&events[k].body);
        REQUIRE(a);
        CHECK(a->value.text == note_text(taken[k]));
    }
}

TEST_CASE("a writer closed without the memory for its last chunk ends at its last whole chunk, says so, and reads as recovered") {
    TempDir dir;
    const auto file = dir / "closed-short-of-memory.semtrace";
    auto writer = std::move(format::SessionWriter::create(file, format::new_session_header("test-app", "1.0")).value());
    for (int i = 0; i < 3; ++i) writer->append_action(1'000 + i, note_action(note_text(i)));
    REQUIRE(writer->flush().ok());
    for (int i = 3; i < 63; ++i) writer->append_action(1'000 + i, note_action(note_text(i)));  // ~8 KB, in memory
    refused_from = 4096;  // room to compress them cannot be had; an error's text can
    auto closed = writer->close();
    refused_from = 0;
    REQUIRE_FALSE(closed.ok());
    CHECK(closed.error().message.find("out of memory compressing the last 60 events") != std::string::npos);
    auto reader = format::SessionReader::open(file);
    REQUIRE(reader.ok());
    CHECK_FALSE(reader->complete());
    auto events = read_all(reader.value());
    REQUIRE(events.size() == 3);  // the flushed ones, whole
    for (std::size_t k = 0; k < 3; ++k) CHECK(std::get<format::Action>(events[k].body).value.text == note_text(static_cast<int>(k)));
}

TEST_CASE("out of memory in the pipeline thread: events it cannot keep are counted as dropped, none is half written, and it records on") {
    TempDir dir;
    auto rec = std::move(Recorder::start(options_in(dir)).value());
    // Markers new to the writer's string table each one, long enough to fill a 16 KiB chunk
    // before the table outgrows its first hundred entries, short enough for a slot (no heap
    // on this thread).
    std::vector<std::string> names;
    for (int i = 0; i < 3000; ++i)
        names.push_back("task.note." + std::to_string(i) + "." + std::string(160, static_cast<char>('a' + i % 26)));
    const Target save = Target::path("window 'Editor'/toolbar/button 'Save'");
    REQUIRE(rec->click(save));
    REQUIRE(rec->flush().ok());
    refused_everywhere_from = 16 * 1024;  // room to compress a full chunk cannot be had; a string can
    std::size_t accepted = 1;
    for (const std::string& name : names) accepted += rec->marker(name);
    (void)rec->flush();  // the pipeline has met every one (its drop report may not fit either)
    refused_everywhere_from = 0;
    for (int i = 0; i < 5; ++i) accepted += rec->click(save);
    auto summary = rec->stop();
    REQUIRE(summary.ok());
    CHECK(accepted == 1 + names.size() + 5);  // the queue took every call: what was lost, the pipeline lost
    CHECK(summary->events_dropped > 0);      // memory did run out
    auto events = events_of(summary->file);  // every chunk and the footer verify
    const auto actions = bodies<format::Action>(events);
    const auto markers = bodies<format::Marker>(events);
    CHECK(markers.size() > 50);  // a chunk's worth went out once memory came back
    CHECK(actions.size() + markers.size() + summary->events_dropped == accepted);
    const std::uint64_t reported = dropped_reported(events);
    CHECK(reported == summary->events_dropped);
    for (const auto& m : markers)  // none half written
        CHECK(std::find(names.begin(), names.end(), m.name) != names.end());
    REQUIRE(actions.size() == 6);
    CHECK(events.back().kind() == format::EventKind::control);  // the end, after the clicks: it recorded on
}

TEST_CASE("out of memory, the redactor's table of locators that cannot grow costs no event: each is judged as it would be") {
    auto policy = privacy::parse_policy(
        R"({"semtrace_policy": 1, "id": "oom", "capture": {"default": "plain",
            "fields": [{"match": "**/textbox 'Notes'", "mode": "mask"}]}})", "test");
    REQUIRE(policy.ok());
    auto redactor = std::move(privacy::Redactor::create(std::move(policy.value())).value());
    const std::string card = "card 4111 1111 1111 1111";
    std::string scratch_locator, scratch_value;
    // RE2 builds parts of its automata on first use, and cannot fail cleanly while at it: those
    // are built first. Then only the table's own room is refused (its buckets for these many
    // entries take more than 2 KiB; the locators are too short to need the heap), and it must
    // grow as they come.
    for (const char* warm : {"w/textbox", "w/textbox 'Notes'"})
        REQUIRE(redactor->action(ActionType::fill, warm, ValueState::plain, card, scratch_locator, scratch_value));
    struct Refusing {  // until the end of the test, even one that throws (later tests need memory)
        Refusing() { refused_from = 2048; }
        ~Refusing() { refused_from = 0; }
    };
    std::optional<Refusing> refusing(std::in_place);
    int judged = 0, redacted = 0, masked = 0;
    for (int i = 0; i < 600; ++i) {
        const std::string locator = "f" + std::to_string(i) + (i % 2 ? "/textbox 'Notes'" : "/textbox");
        std::optional<privacy::CleanAction> clean;
        CHECK_NOTHROW(clean = redactor->action(ActionType::fill, locator, ValueState::plain, card, scratch_locator,
                                               scratch_value));
        if (!clean) continue;
        ++judged;
        redacted += clean->value.state == ValueState::redacted && clean->value.text == "card \u27e8CARD\u27e9";
        masked += clean->value.state == ValueState::masked && clean->value.text.empty();
    }
    refusing.reset();
    CHECK(judged == 600);
    CHECK(redacted == 300);
    CHECK(masked == 300);
}

TEST_CASE("while paused nothing is recorded; the file shows the pause and the resume") {
    TempDir dir;
    auto rec = std::move(Recorder::start(options_in(dir)).value());
    rec->click(Target::path("before"));
    CHECK(rec->toggle_pause());
    rec->pause();  // pausing twice writes one pause
    CHECK(rec->paused());
    CHECK_FALSE(rec->fill(Target::path("secret field"), Value::plain("typed while paused")));
    CHECK_FALSE(rec->marker("while paused"));
    CHECK_FALSE(rec->toggle_pause());  // what a plugin's pause hotkey calls: resumes here
    CHECK_FALSE(rec->paused());
    rec->click(Target::path("after"));
    CHECK(rec->stats().refused_paused == 2);
    auto summary = rec->stop();
    REQUIRE(summary.ok());
    auto events = events_of(summary->file);
    std::vector<std::string> seen;
    for (const auto& e : events) {
        if (const auto* a = std::get_if<format::Action>(&e.body)) seen.push_back(a->target.locator);
        if (const auto* c = std::get_if<format::Control>(&e.body)) seen.push_back(std::string(name_of(c->type)));
    }
    CHECK(seen == std::vector<std::string>{"start", "before", "pause", "resume", "after", "end"});
}

TEST_CASE("pause and resume from several threads at once: the file shows one pause, then one resume, by turns") {
    // A plugin's hotkey, the app and a remote switch may each pause; the file's pause and
    // resume markers must still say when recording was off.
    TempDir dir;
    auto rec = std::move(Recorder::start(options_in(dir)).value());
    std::vector<std::thread> threads;
    for (int t = 0; t < 8; ++t)
        threads.emplace_back([&] {
            for (int i = 0; i < 2000; ++i) {
                rec->pause();
                rec->resume();
            }
        });
    for (auto& t : threads) t.join();
    rec->resume();
    auto summary = rec->stop();
    REQUIRE(summary.ok());
    std::string turns;  // p for a pause, r for a resume
    for (const auto& c : bodies<format::Control>(events_of(summary->file))) {
        if (c.type == ControlType::pause) turns += 'p';
        if (c.type == ControlType::resume) turns += 'r';
    }
    CHECK(turns.size() >= 2);
    CHECK_MESSAGE(turns.find("pp") == std::string::npos, "two pauses in a row");
    CHECK_MESSAGE(turns.find("rr") == std::string::npos, "two resumes in a row");
    CHECK(turns.front() == 'p');
    CHECK(turns.back() == 'r');
}

TEST_CASE("flush makes everything recorded so far readable while the session goes on") {
    TempDir dir;
    auto rec = std::move(Recorder::start(options_in(dir)).value());
    for (int i = 0; i < 100; ++i) rec->click(Target::path("button " + std::to_string(i)));
    REQUIRE(rec->flush().ok());
    auto reader = format::SessionReader::open(rec->file());
    REQUIRE(reader.ok());
    CHECK_FALSE(reader->complete());
    CHECK(read_all(reader.value()).size() == 101);
    REQUIRE(rec->stop().ok());
}

TEST_CASE("an idle recorder lets the machine rest: its pipeline wakes a few dozen times a second, and a burst after the quiet is taken whole") {
    // An app records at a person's pace: a few actions a second, idle in between. A pipeline
    // that looked for work every millisecond woke about 1,000 times a second, some 2 % of a core.
    TempDir dir;
    auto rec = std::move(Recorder::start(options_in(dir)).value());
    rec->click(Target::path("window 'Editor'/button 'Save'"));
    REQUIRE(rec->flush().ok());
    const auto sleeps_before = other_threads_sleeps();
    const auto began = std::chrono::steady_clock::now();
    std::this_thread::sleep_for(std::chrono::seconds(1));
    // A busy machine stretches the second: what counts is the rate over the time it took.
    const double seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - began).count();
    const double per_second = double(other_threads_sleeps() - sleeps_before) / seconds;
    INFO("the pipeline went to sleep " << per_second << " times a second while idle");
    CHECK(per_second < 100);

    // Right after the quiet, a burst of 10,000 (under the 16,384-slot buffer) loses nothing.
    int accepted = 0;
    for (int i = 0; i < 10'000; ++i) accepted += rec->click(Target::path("button " + std::to_string(i % 50)));
    CHECK(accepted == 10'000);
    REQUIRE(rec->flush().ok());
    CHECK(rec->stats().dropped == 0);
    auto summary = rec->stop();
    REQUIRE(summary.ok());
    CHECK(summary->events_written == 1 + 1 + 10'000 + 1);  // start, Save, the burst, end
}

TEST_CASE("flush returns while another thread goes on recording, with what came before it written") {
    // flush() waits for what was accepted before it, not for a moment when nothing waits: a
    // thread that records without pause seldom leaves the buffer empty (here, where it is often
    // preempted, flush took up to 1.1 s when it waited for that; on idle cores, without end).
    TempDir dir;
    Options o = options_in(dir);
    o.buffer_events = 1024;
    auto rec = std::move(Recorder::start(o).value());
    for (int i = 0; i < 100; ++i) rec->click(Target::path("window 'W'/button 'Before'"));
    std::atomic<bool> done{false};
    std::thread busy([&] {
        while (!done) rec->click(Target::path("window 'W'/button 'During'"));
    });
    auto flushed = std::async(std::launch::async, [&] { return rec->flush(); });
    bool returned = flushed.wait_for(std::chrono::seconds(20)) == std::future_status::ready;
    done = true;
    busy.join();
    REQUIRE_MESSAGE(returned, "flush() did not return while another thread recorded");
    CHECK(flushed.get().ok());
    auto reader = format::SessionReader::open(rec->file());  // the session is still open
    REQUIRE(reader.ok());
    std::size_t before = 0;
    for (const auto& a : bodies<format::Action>(read_all(reader.value())))
        before += a.target.locator == "window 'W'/button 'Before'";
    CHECK(before == 100);
    REQUIRE(rec->stop().ok());
}

TEST_CASE("a full disk: calls are refused once the file cannot grow; stop() says where and why; what was written stays") {
    TempDir dir;
    Options o = options_in(dir);
    o.when_full = WhenFull::block;  // so that a refusal is the disk's doing, not the buffer's
    std::filesystem::path file;
    std::uint64_t accepted = 0;
    constexpr std::uint64_t tries = 3'000'000;
    {
        FileSizeLimit limit(64 * 1024);
        auto rec = std::move(Recorder::start(o).value());
        file = rec->file();
        // Locators that compress poorly, so that 64 KiB fills within a second or so.
        while (accepted < tries && rec->click(Target::path("window 'W'/button '" + std::to_string(accepted * 7919 % 1000003) + "'")
                                                  .with_id(accepted + 1)))
            ++accepted;
        auto summary = rec->stop();
        REQUIRE_FALSE(summary.ok());
        // The file ends where the write that failed began: after whole chunks, none torn.
        CHECK(summary.error().message == "cannot write " + file.string() + " at offset " +
                                             std::to_string(std::filesystem::file_size(file)) + ": File too large");
        CHECK(std::filesystem::file_size(file) <= 64 * 1024);
    }
    CHECK(accepted < tries);  // the recorder stopped taking events instead of recording into nothing
    auto reader = format::SessionReader::open(file);
    REQUIRE(reader.ok());
    CHECK_FALSE(reader->complete());
    auto actions = bodies<format::Action>(read_all(reader.value()));
    CHECK(actions.size() > 5000);
    CHECK(actions.size() <= accepted);
    for (std::size_t i = 0; i < actions.size(); ++i)  // the first ones accepted, in order, none invented
        if (actions[i].target.node_id != i + 1) {
            FAIL_CHECK("action ", i, " has id ", actions[i].target.node_id);
            break;
        }
}

TEST_CASE("write_at_flush_only: the file grows only at flush, and then ends exactly where the flush was") {
    TempDir dir;
    Options o = options_in(dir);
    o.write_at_flush_only = true;
    o.flush_interval = std::chrono::milliseconds(1);  // unused in this mode: no timer writes
    o.frame_events = 16;                              // frames end between flushes, too
    auto rec = std::move(Recorder::start(o).value());
    auto size_after_start = std::filesystem::file_size(rec->file());
    for (int i = 0; i < 40; ++i) rec->click(Target::path("button " + std::to_string(i)));
    // Not a timing assertion: with the timer on, 40 ms of 1 ms flushes would have written.
    std::this_thread::sleep_for(std::chrono::milliseconds(40));
    CHECK(std::filesystem::file_size(rec->file()) == size_after_start);
    REQUIRE(rec->flush().ok());
    auto reader = format::SessionReader::open(rec->file());
    REQUIRE(reader.ok());
    CHECK(read_all(reader.value()).size() == 41);
    CHECK(reader->bytes_dropped() == 0);
    rec->click(Target::path("after the flush"));
    std::this_thread::sleep_for(std::chrono::milliseconds(40));
    CHECK(read_all(format::SessionReader::open(rec->file()).value()).size() == 41);
    REQUIRE(rec->stop().ok());
    auto complete = format::SessionReader::open(rec->file());
    REQUIRE(complete.ok());
    CHECK(complete->complete());
    CHECK(read_all(complete.value()).size() == 43);  // the click after the flush and `end`
    CHECK(complete->verify().ok());
}

// semtrace-agent hears of a page's events after they happened (all at once, when it was away):
// the session keeps the times they happened at, on its own time line.
TEST_CASE("a relay's events keep the times they happened at; a session's times never go back") {
    TempDir dir;
    using namespace std::chrono;
    const auto now = system_clock::now();
    Options o = options_in(dir);
    o.started_at = now - minutes(5);  // the first event the relay heard of
    auto started = Recorder::start(o);
    REQUIRE_MESSAGE(started.ok(), (started.ok() ? "" : started.error().message));
    Recorder& rec = *started.value();
    const Node nodes[] = {{1, 0, "window", "Editor", {}, {0, 0, 800, 600}, 0}};
    const std::uint64_t removed[] = {1};
    CHECK(rec.act_at(now - minutes(5), ActionType::click, Target::path("button 'A'")));
    CHECK(rec.snapshot_at(now - minutes(4), nodes));
    CHECK(rec.act_at(now - seconds(150), ActionType::click, Target::path("button 'B'")));
    CHECK(rec.act_at(now - minutes(3), ActionType::click, Target::path("button 'C'")));  // earlier than B: B's time
    CHECK(rec.delta_at(now - minutes(10), {}, removed));                               // before the start: B's time too
    CHECK(rec.click(Target::path("button 'now'")));                                    // no time given: now
    CHECK(rec.act_at(now + hours(1), ActionType::click, Target::path("button 'future'")));  // not yet: now
    auto summary = rec.stop();
    REQUIRE(summary.ok());

    auto reader = format::SessionReader::open(summary->file);
    REQUIRE(reader.ok());
    CHECK(reader->header().start_unix_us == duration_cast<microseconds>((now - minutes(5)).time_since_epoch()).count());
    auto events = read_all(reader.value());
    REQUIRE(events.size() == 9);  // start, 7 recorded, end
    auto seconds_at = [&](std::size_t i) { return static_cast<double>(events[i].t_us) / 1e6; };
    CHECK(seconds_at(1) == doctest::Approx(0.0));
    CHECK(seconds_at(2) == doctest::Approx(60.0));
    CHECK(seconds_at(3) == doctest::Approx(150.0));
    CHECK(seconds_at(4) == doctest::Approx(150.0));
    CHECK(seconds_at(5) == doctest::Approx(150.0));
    // Now is five minutes in, on the coarse clock set back by as much (a few ms of slack).
    CHECK(seconds_at(6) == doctest::Approx(300.0).epsilon(0.001));
    CHECK(seconds_at(7) == doctest::Approx(300.0).epsilon(0.001));
    CHECK(std::get<format::Action>(events[7].body).target.locator == "button 'future'");

    // A start in the future is now.
    Options later = options_in(dir);
    later.started_at = now + hours(1);
    auto start_us = header_of_new_session(later).start_unix_us;
    auto now_us = duration_cast<microseconds>(system_clock::now().time_since_epoch()).count();
    CHECK(start_us <= now_us);
    CHECK(start_us > now_us - 60'000'000);
}
