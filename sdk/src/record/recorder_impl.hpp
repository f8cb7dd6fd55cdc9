// recorder_impl.hpp — the Recorder's state shared by the recording threads and the pipeline thread.
#pragma once

#include <atomic>
#include <chrono>
#include <condition_variable>
#include <memory>
#include <mutex>
#include <optional>
#include <thread>
#include <time.h>

#include "format/session_writer.hpp"
#include "privacy/redactor.hpp"
#include "record/slot.hpp"
#include "record/slot_queue.hpp"
#include "semtrace/semtrace.hpp"

namespace semtrace {

namespace detail {
// Thrown by kill_all(); read by every recording call and every pipeline loop.
extern std::atomic<bool> kill_switch;
}  // namespace detail

struct Recorder::Impl {
    // `start_unix_us`: the session's start (the header's), `began_us_ago` before now
    // (Options::started_at).
    Impl(const Options& options, std::unique_ptr<format::SessionWriter> writer,
         std::unique_ptr<privacy::Redactor> redactor, std::int64_t start_unix_us, std::int64_t began_us_ago);
    ~Impl();

    // Recording side (any thread). fill(slot) writes the event's fields; t_us is set here, to
    // now, or with push_at to `when` (a relay's event: see Recorder::act_at).
    // `keep`: wait for room even when Options::when_full says drop (pause and resume markers,
    // which say when recording was off: rare, and never to be lost).
    template <class Fill>
    bool push(Fill&& fill, bool keep = false) noexcept;
    template <class Fill>
    bool push_at(std::optional<Time> when, Fill&& fill) noexcept;
    detail::Slot* claim_waiting(std::uint64_t& ticket) noexcept;
    template <class Tree, class Build>
    bool push_tree(format::EventKind kind, Build&& build, std::optional<Time> when) noexcept;
    std::int64_t now_us() const noexcept;
    // `when` on the session's time line, no earlier than its start, no later than `now`.
    std::int64_t t_us_at(Recorder::Time when, std::int64_t now) const noexcept;

    // Pipeline side (pipeline.cpp).
    void run_pipeline();
    std::size_t drain(std::size_t limit);
    void write_slot(detail::Slot& slot);
    void note_drops() noexcept;
    void write_action(const detail::Slot& slot);
    void discard(detail::Slot& slot) noexcept;

    static constexpr std::uint8_t lost_kind = 0xff;  // a slot whose text could not be stored
    static constexpr int idle_wait_max_ms = 32;       // the pipeline's longest nap (pipeline.cpp)
    // Wakes the pipeline from its nap: it takes wake_mutex first, so that a change made just
    // before (the queue closed) cannot slip in between the pipeline's look and its wait.
    void wake_pipeline() noexcept;
    Options options;
    detail::SlotQueue<detail::Slot> queue;
    std::unique_ptr<format::SessionWriter> writer;
    std::unique_ptr<privacy::Redactor> redactor;  // pipeline thread only
    std::string scratch_locator, scratch_value;   // the redactor's output, reused
    std::int64_t start_unix_us = 0;  // the session's start on the system clock
    std::int64_t started_ns = 0;     // the same on the coarse clock

    // Accepted events are counted by the queue's tail; only the rare outcomes have counters.
    // What every recording call reads, and what only refusals write, on a line of its own,
    // apart from `written`, which the pipeline bumps per event (no change measured in the
    // recording benchmark; kept so that the two threads do not share a line they write).
    alignas(64) std::atomic<bool> is_paused{false};
    std::atomic<bool> revoked{false};  // consent withdrawn: discard, do not write
    std::atomic<std::uint64_t> dropped{0};
    std::atomic<std::uint64_t> refused_paused{0};
    // Written by the pipeline thread.
    alignas(64) std::atomic<std::uint64_t> blocked{0};
    std::atomic<std::uint64_t> written{0};

    std::uint64_t drops_reported = 0;  // pipeline thread only
    std::mutex pause_mutex;            // pause() and resume(), never the recording calls
    std::mutex wake_mutex;
    std::condition_variable wake;
    // flush(): callers take a ticket; the pipeline answers every ticket up to flushes_done once
    // it has taken the slots claimed before the last ticket was taken (flush_until).
    std::uint64_t flushes_asked = 0;  // guarded by wake_mutex
    std::uint64_t flush_until = 0;    // guarded by wake_mutex
    std::uint64_t flushes_done = 0;   // guarded by wake_mutex
    std::condition_variable flushed;
    std::thread pipeline;
    std::mutex stop_mutex;
    std::optional<Result<SessionSummary>> summary;
};

// The recording clock: CLOCK_MONOTONIC_COARSE, read from the vDSO in ~8 ns where the precise
// clock costs 20-230 ns (measured on our 2-core VMs). Its resolution (1-4 ms, the kernel tick)
// is all a semantic action deserves: per-key timing identifies people and is not recorded.
inline std::int64_t coarse_now_ns() noexcept {
    timespec ts{};
    clock_gettime(CLOCK_MONOTONIC_COARSE, &ts);
    return std::int64_t{ts.tv_sec} * 1'000'000'000 + ts.tv_nsec;
}

inline std::int64_t Recorder::Impl::now_us() const noexcept { return (coarse_now_ns() - started_ns) / 1000; }

inline std::int64_t Recorder::Impl::t_us_at(Recorder::Time when, std::int64_t now) const noexcept {
    auto t = std::chrono::duration_cast<std::chrono::microseconds>(when.time_since_epoch()).count() - start_unix_us;
    return t < 0 ? 0 : t > now ? now : t;
}

template <class Fill>
bool Recorder::Impl::push(Fill&& fill, bool keep) noexcept {
    if (detail::kill_switch.load(std::memory_order_relaxed)) return false;
    if (is_paused.load(std::memory_order_relaxed)) {
        refused_paused.fetch_add(1, std::memory_order_relaxed);
        return false;
    }
    std::uint64_t ticket = 0;
    detail::Slot* slot = queue.try_claim(ticket);
    if (!slot) {
        if (keep || options.when_full == WhenFull::block) slot = claim_waiting(ticket);  // nullptr once closed
        if (!slot) {
            if (queue.closed()) return false;  // stopped: refused, as every call after stop() is
            // The buffer filled while the pipeline napped: the slow path may wake it.
            wake.notify_one();
            dropped.fetch_add(1, std::memory_order_relaxed);
            return false;
        }
    }
    slot->t_us = now_us();
    slot->tree = nullptr;
    slot->spill = nullptr;
    fill(*slot);
    // A slot whose text could not be copied (out of memory) is still published, as every claimed
    // one must be, and the pipeline counts it as dropped; the caller hears it was not accepted.
    const bool stored = slot->kind != lost_kind;
    queue.publish(ticket);
    return stored;
}

// push() stamps the slot with now; `when` may only move it back.
template <class Fill>
bool Recorder::Impl::push_at(std::optional<Time> when, Fill&& fill) noexcept {
    return push([&](detail::Slot& s) {
        fill(s);
        if (when) s.t_us = t_us_at(*when, s.t_us);
    });
}

}  // namespace semtrace
