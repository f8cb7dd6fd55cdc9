// semtrace.hpp — the semtrace SDK: start a Recorder, record semantic UI actions from any thread, stop.
//
//   semtrace::Options options;
//   options.app = {"ticket-desk", "1.4.0"};
//   options.output_dir = "sessions";
//   auto recorder = semtrace::Recorder::start(options);   // Result: check before use
//   if (!recorder) { log(recorder.error().message); return; }
//   auto& rec = **recorder;
//   rec.click(semtrace::Target::path("window 'Editor'/toolbar/button 'Save'"));
//   rec.select(semtrace::Target::path("window 'Editor'/combo 'Priority'"), "High");
//   rec.marker("ticket.resolved", {{"queue", "billing"}});
//   auto summary = rec.stop();                              // writes the index; the file is complete
//
// Nothing here throws. Recording calls never block (unless Options::when_full says so), take
// no lock, make no system call and, for strings within the inline budget, allocate nothing.
#pragma once

#include <chrono>
#include <cstdint>
#include <filesystem>
#include <initializer_list>
#include <memory>
#include <optional>
#include <span>
#include <string>
#include <string_view>

#include "semtrace/result.hpp"
#include "semtrace/version.hpp"
#include "semtrace/vocabulary.hpp"

namespace semtrace {

// Where an action happened: a locator path of role/name steps, optionally with the UI
// node's id (as in snapshots) and its bounds. The locator is copied when recorded.
class Target {
public:
    static constexpr Target path(std::string_view locator) noexcept { return Target(locator); }
    constexpr Target with_id(std::uint64_t node_id) const noexcept { Target t = *this; t.node_id_ = node_id; return t; }
    constexpr Target with_bounds(Bounds bounds) const noexcept { Target t = *this; t.bounds_ = bounds; return t; }

    constexpr std::string_view locator() const noexcept { return locator_; }
    constexpr std::uint64_t node_id() const noexcept { return node_id_; }  // 0: not given
    constexpr Bounds bounds() const noexcept { return bounds_; }

private:
    constexpr explicit Target(std::string_view locator) noexcept : locator_(locator) {}
    std::string_view locator_;
    std::uint64_t node_id_ = 0;
    Bounds bounds_;
};

// A value together with how much of it may be kept. There is deliberately no conversion
// from a string: whoever records typed text must say whether it is plain or masked.
// Plain text is still subject to the policy: typed text is masked unless the policy allows
// its field, and the detectors replace e-mail addresses, card numbers, tokens, ... in what is
// kept. Value::masked() is how an app marks a value secret: it is never captured.
class Value {
public:
    constexpr Value() noexcept = default;
    static constexpr Value plain(std::string_view text) noexcept { return Value(ValueState::plain, text); }
    static constexpr Value masked() noexcept { return Value(ValueState::masked, {}); }
    // Text in which sensitive parts were already replaced by placeholders such as ⟨EMAIL⟩.
    static constexpr Value redacted(std::string_view text) noexcept { return Value(ValueState::redacted, text); }

    constexpr ValueState state() const noexcept { return state_; }
    constexpr std::string_view text() const noexcept { return text_; }

private:
    constexpr Value(ValueState state, std::string_view text) noexcept : state_(state), text_(text) {}
    ValueState state_ = ValueState::none;
    std::string_view text_;
};

// One node of the UI tree the user sees, for snapshot() and delta(). Strings are copied.
struct Node {
    std::uint64_t id = 0;      // stable while the node exists; never 0
    std::uint64_t parent = 0;  // 0 for a root
    std::string_view role;     // "window", "button", "textbox", ...
    std::string_view name;     // the accessible name: label, title
    Value value;
    Bounds bounds;
    std::uint32_t state = 0;   // app-defined flags: focused, disabled, checked, ...
};

struct Attribute {
    std::string_view key;
    std::string_view value;
};

enum class WhenFull : std::uint8_t {
    drop,   // default: the event is not recorded and counted; the count is written to the file
    block,  // the recording thread waits for room (use only off the UI thread)
};

// Who agreed to be recorded, under which policy, when, and to which text. A Recorder does not
// start without one; the record goes into the session header with `subject` as a pseudonym.
struct Consent {
    std::string subject;       // who agreed (a user id); stored only as a keyed pseudonym
    std::string given_at;      // when, ISO 8601 in UTC: "2026-11-29T14:00:00Z"
    std::string text_version;  // version of the consent text the person was shown
    std::string policy_id;     // the id of the policy they agreed to; must match the policy in use
};

struct AppInfo {
    std::string name;
    std::string version;
};

struct Options {
    AppInfo app;                                       // required: app.name
    Consent consent;                                   // required: see Consent
    std::filesystem::path policy_file;                 // docs/policy.md; empty: the built-in policy,
                                                       // the strictest (all typed text masked)
    std::string user_id;                               // optional; stored as keyed pseudonyms (the
    std::string device_id;                             //   key comes from the environment, docs/policy.md)
    std::filesystem::path output_dir = ".";            // created if missing
    std::size_t buffer_events = 16384;                 // events in flight; rounded up to a power of two
    WhenFull when_full = WhenFull::drop;
    int zstd_level = 3;                                // 1..19; 3 measured best for size per CPU
    std::chrono::milliseconds flush_interval{1000};    // at most this much is lost if the app dies
    // Events reach the file only when flush() or stop() is called, never on a timer: for a
    // relay that acknowledges what is on disk (semtrace-agent). flush_interval is then unused.
    bool write_at_flush_only = false;
    std::uint32_t frame_events = 2048;                 // seek granularity: events per independent frame
    // A frame also ends after this long. At a person's pace, frame_events takes many minutes,
    // and each frame starts its string table and zstd's history again: with 60-s frames an
    // hour at 2 actions a second took 21.7 bytes an action, with 10-min ones 15.4, while a seek
    // by time, which decodes its frame's chunks (one a second) up to the instant, went from 10
    // to 57 us (docs/benchmarks.md, semtrace-bench-format).
    std::chrono::seconds frame_duration{600};
    // When the session began; empty: now. A relay that records what another process saw, and
    // may first hear of it later (semtrace-agent, for a page's events held while it was away),
    // gives the first event's time. A time after now counts as now.
    std::optional<std::chrono::system_clock::time_point> started_at;
};

struct RecorderStats {
    std::uint64_t accepted = 0;         // recording calls that returned true
    std::uint64_t dropped = 0;          // refused because the buffer was full
    std::uint64_t refused_paused = 0;   // refused while paused (nothing of them is kept)
    std::uint64_t blocked = 0;          // in a window, screen, locator or URL the policy blocks
    // Events the pipeline has taken, control events included: in the file after the next flush.
    std::uint64_t written = 0;
};

struct SessionSummary {
    std::filesystem::path file;
    std::uint64_t events_written = 0;
    std::uint64_t events_dropped = 0;
    std::uint64_t events_blocked = 0;
    std::uint64_t file_bytes = 0;
};

// Records one session into `<output_dir>/<session id>.semtrace`. All recording calls are
// thread-safe and return true when the event was accepted, false when it was not (buffer
// full, paused, stopped, the file cannot grow, or text too long for a slot could not be
// copied for want of memory: counted as dropped). An accepted event is in the file once
// stop() returns, even when stop() ran on another thread at the same time. Destroying a
// Recorder stops it. The policy is applied in the pipeline thread, before anything is
// encoded: recording calls cost the same with it.
class Recorder {
public:
    // Fails with a message naming the problem when: consent is missing or names another
    // policy, the policy file is invalid, the pseudonym key is not set, the output directory
    // cannot be written, the environment sets SEMTRACE_DISABLE (to anything but 0), or the
    // kill switch was thrown in this process (kill_all).
    static Result<std::unique_ptr<Recorder>> start(const Options& options);
    ~Recorder();
    Recorder(const Recorder&) = delete;
    Recorder& operator=(const Recorder&) = delete;

    bool act(ActionType type, const Target& target, const Value& value = {}) noexcept;
    bool click(const Target& target) noexcept { return act(ActionType::click, target); }
    bool double_click(const Target& target) noexcept { return act(ActionType::double_click, target); }
    bool context_click(const Target& target) noexcept { return act(ActionType::context_click, target); }
    bool fill(const Target& target, const Value& value) noexcept { return act(ActionType::fill, target, value); }
    bool toggle(const Target& target, bool on) noexcept {
        return act(ActionType::toggle, target, Value::plain(on ? "on" : "off"));
    }
    bool select(const Target& target, std::string_view choice) noexcept {
        return act(ActionType::select, target, Value::plain(choice));
    }
    bool submit(const Target& target) noexcept { return act(ActionType::submit, target); }
    bool navigate(const Target& target, std::string_view destination) noexcept {
        return act(ActionType::navigate, target, Value::plain(destination));
    }
    bool scroll(const Target& target, std::string_view direction) noexcept {
        return act(ActionType::scroll, target, Value::plain(direction));
    }
    bool focus(const Target& target) noexcept { return act(ActionType::focus, target); }
    // A named command ("save"), never a key code.
    bool shortcut(const Target& scope, std::string_view command) noexcept {
        return act(ActionType::shortcut, scope, Value::plain(command));
    }
    bool open(const Target& target) noexcept { return act(ActionType::open, target); }
    bool close(const Target& target) noexcept { return act(ActionType::close, target); }

    // An app-defined semantic event ("ticket.resolved") with attributes.
    bool marker(std::string_view name, std::initializer_list<Attribute> attributes = {}) noexcept;
    bool marker(std::string_view name, std::span<const Attribute> attributes) noexcept;

    // The whole visible UI tree (a key frame), or what changed since the last one. These copy
    // the tree and so allocate; call them when the UI changes, not every frame.
    bool snapshot(std::span<const Node> nodes) noexcept;
    bool delta(std::span<const Node> changed, std::span<const std::uint64_t> removed) noexcept;

    // The same for an event that happened at `when` (on this machine's clock), not now: for a
    // relay that hears of events later than they happened (semtrace-agent records a page's
    // events with the page's times). A session's times never go back, so a time before the
    // session's start counts as its start, one before the last event's as that event's (the
    // order is the order of the calls), and one after now as now.
    using Time = std::chrono::system_clock::time_point;
    bool act_at(Time when, ActionType type, const Target& target, const Value& value = {}) noexcept;
    bool snapshot_at(Time when, std::span<const Node> nodes) noexcept;
    bool delta_at(Time when, std::span<const Node> changed, std::span<const std::uint64_t> removed) noexcept;
    bool marker_at(Time when, std::string_view name, std::initializer_list<Attribute> attributes = {}) noexcept;
    bool marker_at(Time when, std::string_view name, std::span<const Attribute> attributes) noexcept;

    // While paused nothing is recorded; the file shows the pause and resume, nothing between.
    void pause() noexcept;
    void resume() noexcept;
    bool paused() const noexcept;
    // What a pause hotkey calls (plugins bind one): pauses or resumes; returns true if now paused.
    bool toggle_pause() noexcept;

    // Blocks until every event accepted before the call is written to the file, so that it
    // survives a crash of the app. Not for the UI thread: it waits for the pipeline. Fails when
    // the file cannot grow (a full disk); recording calls return false from then on.
    Result<void> flush();

    // Drains what was recorded, writes the index and closes the file. Later calls return the
    // same summary; recording calls after stop() return false.
    Result<SessionSummary> stop();

    // The person withdrew consent: recording stops at once and every event not yet written
    // is discarded. What was written before stays (it was recorded with consent); the file
    // ends with a `semtrace.consent_revoked` marker.
    Result<SessionSummary> revoke_consent();

    RecorderStats stats() const noexcept;
    const std::filesystem::path& file() const noexcept;

    struct Impl;

private:
    explicit Recorder(std::unique_ptr<Impl> impl);
    std::unique_ptr<Impl> impl_;
};

// The kill switch: stops every Recorder in this process within milliseconds, from any thread.
// Recording calls return false from the moment it is thrown; events not yet written are
// discarded; each file is finished (a `semtrace.killed` marker, then its index) without
// waiting for the app to call stop(). From then on Recorder::start refuses: recording
// resumes only when the app is started again. An app's own emergency stop calls it, and so
// will the collector's remote kill switch. There is no undo on purpose.
void kill_all() noexcept;
bool killed() noexcept;

}  // namespace semtrace
