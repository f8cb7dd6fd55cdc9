// recorder.cpp — Recorder: starting a session and the recording calls apps make from their own threads.
#include <cstdlib>
#include <cstring>
#include <system_error>
#include <zstd.h>

#include "format/events.hpp"
#include "format/session_header.hpp"
#include "privacy/consent.hpp"
#include "privacy/pseudonym.hpp"
#include "record/recorder_impl.hpp"

namespace semtrace {

std::atomic<bool> detail::kill_switch{false};

void kill_all() noexcept { detail::kill_switch.store(true, std::memory_order_release); }
bool killed() noexcept { return detail::kill_switch.load(std::memory_order_acquire); }

namespace {

constexpr std::size_t max_text_bytes = 64 * 1024;

// Cuts at most max_text_bytes without splitting a UTF-8 sequence.
std::string_view capped(std::string_view s) noexcept {
    if (s.size() <= max_text_bytes) return s;
    std::size_t n = max_text_bytes;
    while (n > 0 && (static_cast<unsigned char>(s[n]) & 0xC0) == 0x80) --n;
    return s.substr(0, n);
}

Result<void> check(const Options& o) {
    if (o.app.name.empty()) return refusal("Options.app.name is empty: name the app being recorded");
    if (o.buffer_events < 2 || o.buffer_events > (1u << 24))
        return refusal("Options.buffer_events is " + std::to_string(o.buffer_events) + ": use 2 to 16777216");
    if (o.zstd_level < ZSTD_minCLevel() || o.zstd_level > ZSTD_maxCLevel())
        return refusal("Options.zstd_level is " + std::to_string(o.zstd_level) + ": use 1 to 19");
    if (o.flush_interval.count() <= 0) return refusal("Options.flush_interval must be positive");
    if (o.frame_events == 0) return refusal("Options.frame_events must be positive");
    return {};
}

bool disabled_by_environment() {
    const char* value = std::getenv("SEMTRACE_DISABLE");
    return value && *value && std::string_view(value) != "0";
}

// The policy, the consent record and the pseudonyms, as the session header will hold them.
Result<std::unique_ptr<privacy::Redactor>> apply_privacy(const Options& o, format::SessionHeader& header) {
    auto policy = privacy::policy_from(o.policy_file);
    if (!policy) return policy.error();
    auto key = privacy::pseudonym_key_from_env(policy->pseudonym_key_env);
    if (!key) return key.error();
    auto consent = privacy::consent_record(o.consent, *policy, *key);
    if (!consent) return consent.error();
    header.consent_record = std::move(*consent);
    header.policy_hash = policy->hash;
    if (!o.user_id.empty()) header.user_pseudonym = privacy::pseudonym(o.user_id, *key);
    if (!o.device_id.empty()) header.device_pseudonym = privacy::pseudonym(o.device_id, *key);
    return privacy::Redactor::create(std::move(policy.value()));
}

format::Node copy_node(const Node& n) {
    return format::Node{n.id,       n.parent,   std::string(n.role), std::string(n.name),
                        format::Value{n.value.state(), std::string(n.value.text())},
                        n.bounds,   n.state};
}

}  // namespace

Result<std::unique_ptr<Recorder>> Recorder::start(const Options& options) {
    if (disabled_by_environment()) return refusal("recording is disabled on this machine: SEMTRACE_DISABLE is set");
    if (killed())
        return refusal("recording was stopped in this process by the kill switch (semtrace::kill_all): "
                       "start the app again to record");
    if (auto ok = check(options); !ok) return ok.error();
    format::SessionHeader header = format::new_session_header(options.app.name, options.app.version);
    std::int64_t began_us_ago = 0;  // the header's start is now, unless the session began earlier
    if (options.started_at) {
        auto at = std::chrono::duration_cast<std::chrono::microseconds>(options.started_at->time_since_epoch()).count();
        began_us_ago = std::max<std::int64_t>(0, header.start_unix_us - at);
        header.start_unix_us -= began_us_ago;
    }
    auto redactor = apply_privacy(options, header);
    if (!redactor) return redactor.error();
    std::error_code ec;
    std::filesystem::create_directories(options.output_dir, ec);
    if (ec) return Error{"cannot create output directory " + options.output_dir.string() + ": " + ec.message()};

    format::WriterOptions writer_options;
    writer_options.zstd_level = options.zstd_level;
    writer_options.frame_events = options.frame_events;
    writer_options.frame_us = std::chrono::duration_cast<std::chrono::microseconds>(options.frame_duration).count();
    writer_options.write_at_flush_only = options.write_at_flush_only;
    auto writer = format::SessionWriter::create(options.output_dir / (header.session_id + ".semtrace"), header,
                                                writer_options);
    if (!writer) return writer.error();
    writer.value()->append(0, format::Control{ControlType::start, 0});

    try {
        auto impl = std::make_unique<Impl>(options, std::move(writer.value()), std::move(redactor.value()),
                                           header.start_unix_us, began_us_ago);
        impl->pipeline = std::thread([p = impl.get()] { p->run_pipeline(); });
        return std::unique_ptr<Recorder>(new Recorder(std::move(impl)));
    } catch (const std::exception& e) {
        return Error{std::string("cannot start the recorder: ") + e.what()};
    }
}

// The coarse clock's start is set back by as much as the session began before now.
Recorder::Impl::Impl(const Options& o, std::unique_ptr<format::SessionWriter> w, std::unique_ptr<privacy::Redactor> r,
                     std::int64_t start_unix, std::int64_t began_us_ago)
    : options(o), queue(o.buffer_events), writer(std::move(w)), redactor(std::move(r)), start_unix_us(start_unix),
      started_ns(coarse_now_ns() - began_us_ago * 1000) {}

Recorder::Impl::~Impl() {
    if (pipeline.joinable()) {
        queue.close();
        wake_pipeline();
        pipeline.join();
    }
    // Free what recording calls published after the pipeline's last look: after the kill
    // switch it takes no more (after stop() it has taken every slot claimed).
    while (detail::Slot* slot = queue.front()) {
        discard(*slot);
        queue.pop();
    }
}

void Recorder::Impl::discard(detail::Slot& slot) noexcept {
    delete slot.spill;
    if (slot.kind == static_cast<std::uint8_t>(format::EventKind::snapshot)) delete static_cast<format::Snapshot*>(slot.tree);
    if (slot.kind == static_cast<std::uint8_t>(format::EventKind::delta)) delete static_cast<format::Delta*>(slot.tree);
    slot.spill = nullptr;
    slot.tree = nullptr;
}

void Recorder::Impl::wake_pipeline() noexcept {
    { std::lock_guard lock(wake_mutex); }
    wake.notify_one();
}

detail::Slot* Recorder::Impl::claim_waiting(std::uint64_t& ticket) noexcept {
    wake.notify_one();  // the pipeline may be napping: there is work now
    // The kill switch ends the wait: a killed pipeline never frees another slot.
    for (int spins = 0; !queue.closed() && !detail::kill_switch.load(std::memory_order_relaxed);
         ++spins) {
        if (detail::Slot* slot = queue.try_claim(ticket)) return slot;
        if (spins < 64) std::this_thread::yield();
        else std::this_thread::sleep_for(std::chrono::microseconds(50));
    }
    return nullptr;
}

Recorder::Recorder(std::unique_ptr<Impl> impl) : impl_(std::move(impl)) {}

Recorder::~Recorder() {
    if (impl_) (void)stop();
}

namespace {

void fill_action(detail::Slot& s, ActionType type, const Target& target, const Value& value) noexcept {
    s.kind = static_cast<std::uint8_t>(format::EventKind::action);
    s.subtype = static_cast<std::uint8_t>(type);
    s.value_state = static_cast<std::uint8_t>(value.state());
    s.number = target.node_id();
    s.bounds = target.bounds();
    if (!s.store_text(capped(target.locator()), capped(value.text()))) s.kind = Recorder::Impl::lost_kind;
}

}  // namespace

bool Recorder::act(ActionType type, const Target& target, const Value& value) noexcept {
    return impl_->push([&](detail::Slot& s) { fill_action(s, type, target, value); });
}

bool Recorder::act_at(Time when, ActionType type, const Target& target, const Value& value) noexcept {
    return impl_->push_at(when, [&](detail::Slot& s) { fill_action(s, type, target, value); });
}

bool Recorder::marker(std::string_view name, std::initializer_list<Attribute> attributes) noexcept {
    return marker(name, std::span<const Attribute>(attributes.begin(), attributes.size()));
}

namespace {

bool push_marker(Recorder::Impl& impl, std::string_view name, std::span<const Attribute> attributes,
                 std::optional<Recorder::Time> when) noexcept {
    // Attributes travel packed as (u32 length, bytes) pairs; small markers stay inline.
    char packed[detail::Slot::inline_text];
    std::string spilled;
    std::size_t size = 0;
    for (const Attribute& a : attributes) size += 8 + capped(a.key).size() + capped(a.value).size();
    try {
        char* out = packed;
        if (size > sizeof packed) spilled.resize(size), out = spilled.data();
        for (const Attribute& a : attributes) {
            for (std::string_view part : {capped(a.key), capped(a.value)}) {
                auto n = static_cast<std::uint32_t>(part.size());
                std::memcpy(out, &n, 4);
                if (n) std::memcpy(out + 4, part.data(), n);
                out += 4 + n;
            }
        }
    } catch (...) {
        impl.dropped.fetch_add(1, std::memory_order_relaxed);
        return false;
    }
    std::string_view attrs = size > sizeof packed ? std::string_view(spilled) : std::string_view(packed, size);
    return impl.push_at(when, [&](detail::Slot& s) {
        s.kind = static_cast<std::uint8_t>(format::EventKind::marker);
        if (!s.store_text(capped(name), attrs)) s.kind = Recorder::Impl::lost_kind;
    });
}

}  // namespace

bool Recorder::marker(std::string_view name, std::span<const Attribute> attributes) noexcept {
    return push_marker(*impl_, name, attributes, std::nullopt);
}

bool Recorder::marker_at(Time when, std::string_view name, std::initializer_list<Attribute> attributes) noexcept {
    return push_marker(*impl_, name, std::span<const Attribute>(attributes.begin(), attributes.size()), when);
}

bool Recorder::marker_at(Time when, std::string_view name, std::span<const Attribute> attributes) noexcept {
    return push_marker(*impl_, name, attributes, when);
}

// Copies a UI tree off the caller's data and hands it to the pipeline; the copy allocates,
// which is why trees are recorded when the UI changes, not every frame.
template <class Tree, class Build>
bool Recorder::Impl::push_tree(format::EventKind kind, Build&& build, std::optional<Time> when) noexcept {
    Tree* tree = nullptr;
    try {
        tree = new Tree();
        build(*tree);
    } catch (...) {
        delete tree;
        dropped.fetch_add(1, std::memory_order_relaxed);
        return false;
    }
    bool ok = push_at(when, [&](detail::Slot& s) {
        s.kind = static_cast<std::uint8_t>(kind);
        s.tree = tree;
    });
    if (!ok) delete tree;
    return ok;
}

namespace {

bool push_snapshot(Recorder::Impl& impl, std::span<const Node> nodes, std::optional<Recorder::Time> when) noexcept {
    return impl.push_tree<format::Snapshot>(format::EventKind::snapshot, [&](format::Snapshot& tree) {
        tree.nodes.reserve(nodes.size());
        for (const Node& n : nodes) tree.nodes.push_back(copy_node(n));
    }, when);
}

bool push_delta(Recorder::Impl& impl, std::span<const Node> changed, std::span<const std::uint64_t> removed,
                std::optional<Recorder::Time> when) noexcept {
    return impl.push_tree<format::Delta>(format::EventKind::delta, [&](format::Delta& tree) {
        tree.upserts.reserve(changed.size());
        for (const Node& n : changed) tree.upserts.push_back(copy_node(n));
        tree.removed.assign(removed.begin(), removed.end());
    }, when);
}

}  // namespace

bool Recorder::snapshot(std::span<const Node> nodes) noexcept { return push_snapshot(*impl_, nodes, std::nullopt); }
bool Recorder::snapshot_at(Time when, std::span<const Node> nodes) noexcept { return push_snapshot(*impl_, nodes, when); }

bool Recorder::delta(std::span<const Node> changed, std::span<const std::uint64_t> removed) noexcept {
    return push_delta(*impl_, changed, removed, std::nullopt);
}
bool Recorder::delta_at(Time when, std::span<const Node> changed, std::span<const std::uint64_t> removed) noexcept {
    return push_delta(*impl_, changed, removed, when);
}

// One at a time (a hotkey, the app and a remote switch may each call them): the file's markers
// then come by turns, a pause, a resume, as the flag changed. Unlocked, two callers could each
// see the recorder running and write a pause each. The pause marker goes in before the flag
// is set, the resume marker after it is cleared: both while recording is on. Neither is
// dropped when the buffer is full: each waits for room.
namespace {

void push_turn(Recorder::Impl& impl, ControlType turn) noexcept {
    impl.push([turn](detail::Slot& s) {
        s.kind = static_cast<std::uint8_t>(format::EventKind::control);
        s.subtype = static_cast<std::uint8_t>(turn);
    }, /*keep=*/true);
}

}  // namespace

void Recorder::pause() noexcept {
    std::lock_guard lock(impl_->pause_mutex);
    if (impl_->is_paused.load()) return;
    push_turn(*impl_, ControlType::pause);
    impl_->is_paused.store(true);
}

void Recorder::resume() noexcept {
    std::lock_guard lock(impl_->pause_mutex);
    if (!impl_->is_paused.exchange(false)) return;
    push_turn(*impl_, ControlType::resume);
}

bool Recorder::paused() const noexcept { return impl_->is_paused.load(); }

bool Recorder::toggle_pause() noexcept {
    if (paused()) resume();
    else pause();
    return paused();
}

Result<void> Recorder::flush() {
    Impl& impl = *impl_;
    std::unique_lock lock(impl.wake_mutex);
    std::uint64_t ticket = ++impl.flushes_asked;
    impl.flush_until = std::max(impl.flush_until, impl.queue.claimed());  // what was accepted before this call
    impl.wake.notify_one();
    impl.flushed.wait(lock, [&] { return impl.flushes_done >= ticket || !impl.pipeline.joinable(); });
    lock.unlock();
    if (impl.writer->failed()) return impl.writer->error();
    return {};
}

Result<SessionSummary> Recorder::stop() {
    Impl& impl = *impl_;
    std::lock_guard lock(impl.stop_mutex);
    if (impl.summary) return *impl.summary;
    impl.queue.close();  // every call accepted so far is written; every later one is refused
    impl.wake_pipeline();
    if (impl.pipeline.joinable()) impl.pipeline.join();
    auto closed = impl.writer->close();
    if (!closed) impl.summary = Result<SessionSummary>(closed.error());
    else
        impl.summary = Result<SessionSummary>(SessionSummary{impl.writer->path(), impl.writer->events_written(),
                                                             impl.dropped.load(), impl.blocked.load(),
                                                             impl.writer->bytes_written()});
    return *impl.summary;
}

Result<SessionSummary> Recorder::revoke_consent() {
    impl_->revoked = true;
    return stop();
}

RecorderStats Recorder::stats() const noexcept {
    return RecorderStats{impl_->queue.claimed(), impl_->dropped.load(std::memory_order_relaxed),
                         impl_->refused_paused.load(std::memory_order_relaxed),
                         impl_->blocked.load(std::memory_order_relaxed),
                         impl_->written.load(std::memory_order_relaxed)};
}

const std::filesystem::path& Recorder::file() const noexcept { return impl_->writer->path(); }

}  // namespace semtrace
