// pipeline.cpp — the pipeline thread: drains recorded slots, applies the policy, writes, flushes, reports drops.
#include <algorithm>
#include <cstdint>
#include <cstring>

#include "format/events.hpp"
#include "record/recorder_impl.hpp"

namespace semtrace {

namespace {

format::Marker unpack_marker(const detail::Slot& s) {
    format::Marker m;
    m.name = std::string(s.first());
    std::string_view packed = s.second();
    std::string parts[2];
    int part = 0;
    while (packed.size() >= 4) {
        std::uint32_t n = 0;
        std::memcpy(&n, packed.data(), 4);
        parts[part] = std::string(packed.substr(4, n));
        packed.remove_prefix(4 + n);
        if (++part == 2) {
            m.attributes.emplace_back(std::move(parts[0]), std::move(parts[1]));
            part = 0;
        }
    }
    return m;
}

}  // namespace

// Nothing reaches the writer before the redactor has seen it: blocked events are counted and
// dropped, values get their field's capture mode, every other string passes the detectors.
void Recorder::Impl::write_action(const detail::Slot& s) {
    auto type = static_cast<ActionType>(s.subtype);
    auto clean = redactor->action(type, s.first(), static_cast<ValueState>(s.value_state), s.second(),
                                  scratch_locator, scratch_value);
    if (!clean) {
        blocked.fetch_add(1, std::memory_order_relaxed);
        return;
    }
    writer->append_action(s.t_us, format::ActionRef{type, clean->locator, s.number, s.bounds, clean->value.state,
                                                    clean->value.text, clean->memo});
}

void Recorder::Impl::write_slot(detail::Slot& s) {
    switch (s.kind) {
        case static_cast<std::uint8_t>(format::EventKind::action): write_action(s); break;
        case static_cast<std::uint8_t>(format::EventKind::marker): {
            format::Marker marker = unpack_marker(s);
            redactor->apply(marker);
            writer->append(s.t_us, std::move(marker));
            break;
        }
        case static_cast<std::uint8_t>(format::EventKind::snapshot): {
            std::unique_ptr<format::Snapshot> tree(static_cast<format::Snapshot*>(s.tree));
            s.tree = nullptr;
            redactor->apply(*tree);
            writer->append(s.t_us, std::move(*tree));
            break;
        }
        case static_cast<std::uint8_t>(format::EventKind::delta): {
            std::unique_ptr<format::Delta> tree(static_cast<format::Delta*>(s.tree));
            s.tree = nullptr;
            redactor->apply(*tree);
            writer->append(s.t_us, std::move(*tree));
            break;
        }
        case static_cast<std::uint8_t>(format::EventKind::control):
            writer->append(s.t_us, format::Control{static_cast<ControlType>(s.subtype), 0});
            break;
        default: dropped.fetch_add(1, std::memory_order_relaxed); break;  // lost_kind
    }
    discard(s);
}

std::size_t Recorder::Impl::drain(std::size_t limit) {
    std::size_t n = 0;
    while (n < limit) {
        detail::Slot* slot = queue.front();
        if (!slot) break;
        try {
            if (revoked.load(std::memory_order_relaxed) || detail::kill_switch.load(std::memory_order_relaxed))
                discard(*slot);
            else write_slot(*slot);
        } catch (...) {  // out of memory while encoding: the event is lost, the session goes on
            discard(*slot);
            dropped.fetch_add(1, std::memory_order_relaxed);
        }
        queue.pop();
        ++n;
    }
    written.store(writer->events_written(), std::memory_order_relaxed);
    return n;
}

// Writes how many events were lost since the last report, where they were lost; when even that
// cannot be written (out of memory), the next report counts them.
void Recorder::Impl::note_drops() noexcept {
    std::uint64_t now = dropped.load(std::memory_order_relaxed);
    if (now == drops_reported) return;
    try {
        writer->append(now_us(), format::Control{ControlType::dropped, now - drops_reported});
        drops_reported = now;
    } catch (...) {
    }
}

// Recording calls never wake the pipeline (that would be a system call on the app's thread), so
// it looks for work on its own: every millisecond while there is some, and, the longer it finds
// none, at doubling intervals up to max_idle_wait. Waking 1,000 times a second cost an idle
// recorder about 2 % of a core on our VMs; a session recorded at a person's pace is idle almost
// all the time. A burst after a quiet spell waits at most max_idle_wait in the buffer: 16,384
// slots (the default) fill in that time only above half a million events a second.
void Recorder::Impl::run_pipeline() {
    constexpr std::chrono::milliseconds min_idle_wait{1};
    const auto max_idle_wait = std::max(min_idle_wait, std::min(std::chrono::milliseconds(idle_wait_max_ms),
                                                                options.flush_interval));
    auto idle_wait = min_idle_wait;
    auto last_flush = std::chrono::steady_clock::now();
    std::uint64_t flushes_answered = 0;
    bool killed_here = false;
    for (;;) {
        bool stop_seen = queue.closed();  // then drained() below means every accepted event is taken
        if (detail::kill_switch.load(std::memory_order_acquire)) {
            drain(SIZE_MAX);  // discards: nothing accepted after the last write is kept
            killed_here = true;
            break;
        }
        std::size_t n = drain(4096);
        note_drops();
        // The file cannot grow (a full disk): refuse what comes, so that the app hears it at its
        // next call instead of recording on into nothing. The queue then drains and this ends.
        if (writer->failed()) queue.close();
        std::uint64_t asked = 0, until = 0;
        {
            std::lock_guard lock(wake_mutex);
            asked = flushes_asked;
            until = flush_until;
        }
        // Not "the queue is empty": a thread that records without pause never leaves it so.
        bool answer = asked > flushes_answered && queue.taken() >= until;
        auto now = std::chrono::steady_clock::now();
        if (answer || (!options.write_at_flush_only && now - last_flush >= options.flush_interval)) {
            (void)writer->flush();  // a write's error stays with the writer; out of memory, the chunk waits
            last_flush = now;
        }
        if (answer) {
            std::lock_guard lock(wake_mutex);
            flushes_done = flushes_answered = asked;
            flushed.notify_all();
        }
        if (stop_seen && n == 0 && queue.drained()) break;
        if (n > 0 || asked > flushes_answered) {
            idle_wait = min_idle_wait;
            continue;
        }
        std::unique_lock lock(wake_mutex);
        wake.wait_for(lock, idle_wait, [&] { return flushes_asked > flushes_answered || queue.closed(); });
        idle_wait = std::min(idle_wait * 2, max_idle_wait);
    }
    note_drops();
    try {  // out of memory, the file goes without them: its readers do without an end
        if (revoked.load()) writer->append(now_us(), format::Marker{"semtrace.consent_revoked", {}});
        if (killed_here) writer->append(now_us(), format::Marker{"semtrace.killed", {}});
        writer->append(now_us(), format::Control{ControlType::end, 0});
    } catch (...) {
    }
    // A killed recorder finishes its file now: the app may never call stop().
    if (killed_here) (void)writer->close();
    written.store(writer->events_written(), std::memory_order_relaxed);
    std::lock_guard lock(wake_mutex);
    flushes_done = UINT64_MAX;  // stop() writes everything; nobody waits any longer
    flushed.notify_all();
}

}  // namespace semtrace
