// tab_sessions.cpp — TabSessions: a Recorder per tab (or one per browser), sequence numbers, commits, and resuming from the acknowledgement markers.
#include <cstdio>
#include <fstream>

#include "format/atomic_file.hpp"
#include "format/session_reader.hpp"
#include "tab_sessions.hpp"

namespace semtrace::agent {

namespace {

constexpr const char* acked_marker = "semtrace.browser.acked";
constexpr const char* gap_marker = "semtrace.browser.gap";

// Numbers in the markers as letters (bijective base 26: 1 = "a", 27 = "aa"): digits could be
// read as a phone or card number by the privacy engine and replaced; at most 14 letters.
std::string letters(std::uint64_t n) {
    std::string out;
    for (; n > 0; n = (n - 1) / 26) out.insert(out.begin(), static_cast<char>('a' + (n - 1) % 26));
    return out;
}

std::optional<std::uint64_t> from_letters(std::string_view s) {
    if (s.empty() || s.size() > 14) return std::nullopt;
    std::uint64_t n = 0;
    for (char c : s) {
        if (c < 'a' || c > 'z') return std::nullopt;
        n = n * 26 + static_cast<std::uint64_t>(c - 'a' + 1);
    }
    return n;
}

// What a restarted agent reads back (resume_point): the tab's last sequence number on disk,
// and whether its page was one the policy blocks.
void mark_acked(Recorder& r, Recorder::Time when, const std::string& tab, std::uint64_t seq, bool page_blocked) {
    const std::string seq_letters = letters(seq);
    const Attribute attributes[] = {{"tab", tab}, {"seq", seq_letters}, {"page", "blocked"}};
    r.marker_at(when, acked_marker, std::span<const Attribute>(attributes, page_blocked ? 3 : 2));
}

// The parsed message as the SDK's recording calls take it: views of its strings.
Value value_of(const format::Value& v) {
    switch (v.state) {
        case ValueState::plain: return Value::plain(v.text);
        case ValueState::masked: return Value::masked();
        default: return {};
    }
}

// `from`: TabState::node_ids_from (a root's parent stays 0).
std::uint64_t node_id(std::uint64_t id, std::uint64_t from) { return id ? from + id : 0; }

Node node_of(const format::Node& n, std::uint64_t from) {
    return {node_id(n.id, from), node_id(n.parent, from), n.role, n.name, value_of(n.value), n.bounds, n.state};
}

std::vector<Node> nodes_of(const std::vector<format::Node>& in, std::uint64_t from) {
    std::vector<Node> out;
    out.reserve(in.size());
    for (const format::Node& n : in) out.push_back(node_of(n, from));
    return out;
}

std::vector<std::uint64_t> ids_of(const std::vector<std::uint64_t>& in, std::uint64_t from) {
    std::vector<std::uint64_t> out;
    out.reserve(in.size());
    for (std::uint64_t id : in) out.push_back(node_id(id, from));
    return out;
}

bool navigates(const TabEvent& e) { return e.kind == TabEvent::Kind::action && e.action.type == ActionType::navigate; }

// When an event happened: the page's time, or now for a page that does not say.
Recorder::Time time_of(const TabEvent& e) {
    if (!e.t_ms) return std::chrono::system_clock::now();
    return Recorder::Time(std::chrono::milliseconds(static_cast<std::int64_t>(*e.t_ms)));
}

// Where a tab's current session file is named, for the next run of the agent.
std::filesystem::path tab_file(const std::filesystem::path& output_dir, const std::string& tab) {
    return output_dir / ".agent" / "tabs" / tab;
}

}  // namespace

TabSessions::TabSessions(SessionSettings settings) : settings_(std::move(settings)) {}

TabSessions::~TabSessions() { stop_all(); }

void TabSessions::remember_file(const std::string& tab, const std::filesystem::path& file) const {
    auto path = tab_file(settings_.output_dir, tab);
    std::error_code ec;
    std::filesystem::create_directories(path.parent_path(), ec);
    (void)format::write_file_atomically(path, file.string() + "\n");  // the old name or the new, never half
}

// The last acknowledgement marker for `tab` in the file it was last recorded to: 0 if none.
TabSessions::ResumePoint TabSessions::resume_point(const std::string& tab) const {
    std::ifstream in(tab_file(settings_.output_dir, tab));
    std::string file;
    if (!std::getline(in, file)) return {};
    auto reader = format::SessionReader::open(file);
    if (!reader) return {};
    ResumePoint acked;
    (void)reader->read(0, [&](const format::Event& e) {
        const auto* m = std::get_if<format::Marker>(&e.body);
        if (!m || m->name != acked_marker) return true;
        std::string marked_tab;
        std::optional<std::uint64_t> seq;
        bool page_blocked = false;
        for (const auto& [key, value] : m->attributes) {
            if (key == "tab") marked_tab = value;
            if (key == "seq") seq = from_letters(value);
            if (key == "page") page_blocked = value == "blocked";
        }
        if (marked_tab == tab && seq && *seq >= acked.seq) acked = {*seq, page_blocked};
        return true;
    });
    return acked;
}

Result<std::unique_ptr<Recorder>> TabSessions::start_session(const Consent& consent, const std::string& app,
                                                             Recorder::Time first_event) {
    Options o;
    o.started_at = first_event;  // held while the agent was away, it is older than the session
    o.app = {app.empty() ? "browser" : app, ""};
    o.consent = consent;
    o.policy_file = settings_.policy_file;
    o.user_id = consent.subject;
    o.output_dir = settings_.output_dir;
    o.when_full = WhenFull::block;  // the network thread may wait; a message must not be lost
    o.write_at_flush_only = true;
    auto r = Recorder::start(o);
    if (r) ++stats_.sessions;
    return r;
}

Result<TabSessions::Group*> TabSessions::group_for(const Consent& consent, const TabEvent& e, Recorder::Time when) {
    std::string key = settings_.session_per_tab ? e.tab : "browser";
    auto it = groups_.find(key);
    if (it == groups_.end()) {
        auto recorder = start_session(consent, settings_.session_per_tab ? e.site : "browser", when);
        if (!recorder) return recorder.error();
        it = groups_.emplace(key, Group{std::move(recorder.value()), {}, false, when, false, {}}).first;
    }
    Group& g = it->second;
    if (!g.tabs.count(e.tab)) {
        TabState state;
        const ResumePoint resumed = resume_point(e.tab);
        state.last_seq = state.acked_seq = resumed.seq;
        state.page_blocked = resumed.page_blocked;
        if (!settings_.session_per_tab) state.node_ids_from = static_cast<std::uint64_t>(g.tabs.size() + 1) << 40;
        if (state.last_seq) ++stats_.resumed;
        g.tabs.emplace(e.tab, state);
        remember_file(e.tab, g.recorder->file());
    }
    return &g;
}

// At the page's time: what the extension held while the agent was away happened earlier than
// it arrives (the recorder keeps a session's times from going back or past now).
bool TabSessions::record(Recorder& r, const TabEvent& e, Recorder::Time when, std::uint64_t node_ids_from) {
    switch (e.kind) {
        case TabEvent::Kind::action:
            return r.act_at(when, e.action.type,
                            Target::path(e.action.target.locator)
                                .with_id(node_id(e.action.target.node_id, node_ids_from))
                                .with_bounds(e.action.target.bounds),
                            value_of(e.action.value));
        case TabEvent::Kind::snapshot: return r.snapshot_at(when, nodes_of(e.nodes, node_ids_from));
        case TabEvent::Kind::delta:
            return r.delta_at(when, nodes_of(e.nodes, node_ids_from), ids_of(e.removed, node_ids_from));
        case TabEvent::Kind::close: return true;
    }
    return false;
}

// A session of the whole browser has one tree at a time, the tab's the person is in: when they
// act in another tab, that tab's tree goes first, whole, as a key frame (an empty one when the
// agent does not know it: it restarted since the page's last key frame). A page's key frame
// shows its tab; a navigate shows its tab, whose key frame follows. A tab's deltas while
// another is shown change only the tree kept for it: written, they would be read as changes to
// the tree shown. (Written as they came, a background tab's nodes were drawn into the tab in
// front, and a tab the person came back to showed the other tab's tree.)
TabSessions::Shown TabSessions::show_tab(Group& g, const std::string& id, TabState& tab, const TabEvent& e,
                                          Recorder::Time when) {
    switch (e.kind) {
        case TabEvent::Kind::snapshot:
            tab.tree.replace(e.nodes);
            g.shown_tab = id;
            return Shown::write;
        case TabEvent::Kind::delta:
            tab.tree.change(e.nodes, e.removed);
            if (g.shown_tab.empty()) g.shown_tab = id;
            return g.shown_tab == id ? Shown::write : Shown::keep;
        case TabEvent::Kind::close:
            tab.tree.forget();
            if (g.shown_tab == id) g.shown_tab.clear();
            return Shown::write;
        case TabEvent::Kind::action: break;
    }
    if (navigates(e)) {
        tab.tree.clear();
    } else if (g.shown_tab != id) {
        std::vector<Node> nodes;
        for (const format::Node* n : tab.tree.nodes()) nodes.push_back(node_of(*n, tab.node_ids_from));
        if (!g.recorder->snapshot_at(when, nodes)) return Shown::failed;
    }
    g.shown_tab = id;
    return Shown::write;
}

// Said once each, on stderr: the messages are not lost (the extension keeps what is not
// acknowledged), and the tabs concerned are written again once there is room (release_held).
void TabSessions::say(const Error& why) {
    if (!said_.insert(why.message).second) return;
    std::string line = why.message +
                       "; the messages it concerns are held by the extension, unacknowledged, until semtrace-agent "
                       "can write them";
    std::fprintf(stderr, "semtrace-agent: %s\n", line.c_str());
    failures_.push_back(std::move(line));
}

void TabSessions::fail(Group& g, const Error& why) {
    g.failed = true;
    say(why);
}

Handled TabSessions::hold(const std::string& tab) {
    held_tabs_.insert(tab);
    ++stats_.held;
    return Handled::held;
}

Result<Handled> TabSessions::handle(const Consent& consent, const TabEvent& e) {
    if (held_tabs_.count(e.tab)) return hold(e.tab);
    const Recorder::Time when = time_of(e);
    auto group = group_for(consent, e, when);
    if (!group) {
        // Refused (a consent the policy does not cover, recording switched off): never to be
        // recorded, and the extension lets the message go. A failure (no room for the file, the
        // output folder, the pseudonym key) is the agent's to mend: the message is held for the
        // extension to send again.
        if (group.error().kind == ErrorKind::failed) {
            say(group.error());
            return hold(e.tab);
        }
        ++stats_.refused;
        return group.error();
    }
    Group& g = *group.value();
    TabState& tab = g.tabs[e.tab];
    tab.ack_due = true;
    if (e.seq <= tab.last_seq) {  // resent after a reconnection: recorded already
        ++stats_.duplicates;
        return Handled::duplicate;
    }
    if (g.failed) return hold(e.tab);
    const std::uint64_t before = tab.last_seq;
    auto held = [&](const Error& why) {  // as if it had not come: when sent again, it is taken
        tab.last_seq = before;
        fail(g, why);
        return hold(e.tab);
    };
    g.last_time = std::max(g.last_time, when);
    if (e.seq > tab.last_seq + 1)  // lost in the page, or the extension's buffer overflowed while the agent was away
        g.recorder->marker_at(g.last_time, gap_marker,
                              {{"tab", e.tab}, {"first", letters(tab.last_seq + 1)}, {"last", letters(e.seq - 1)}});
    tab.last_seq = e.seq;
    // A page at an address the policy blocks is not recorded: its navigate goes to the recorder,
    // which leaves it out and counts it, and what the page sends until the next navigate is let
    // go here (the agent's own block: the page's events carry only its host).
    if (navigates(e))
        tab.page_blocked = settings_.url_blocked && settings_.url_blocked(e.action.value.text);
    else if (tab.page_blocked && e.kind != TabEvent::Kind::close) {
        ++stats_.blocked;
        return Handled::blocked;
    }
    const Shown shown = settings_.session_per_tab ? Shown::write : show_tab(g, e.tab, tab, e, when);
    if (shown == Shown::failed || (shown == Shown::write && !record(*g.recorder, e, when, tab.node_ids_from))) {
        if (auto written = g.recorder->flush(); !written) return held(written.error());  // its file cannot grow
        ++stats_.refused;
        return Error{"the recorder is paused or stopped (kill switch or revoked consent)"};
    }
    g.written = true;
    // A session that begins while the page is open (the agent restarted, or a full disk let it
    // go) would have no tree until the page changed: the page is asked for its key frame.
    if (!tab.key_frame_coming && e.kind != TabEvent::Kind::close) {
        tab.key_frame_coming = true;
        tab.ask_key_frame = e.kind != TabEvent::Kind::snapshot && !navigates(e);
        stats_.key_frames_asked += tab.ask_key_frame;
    }
    stats_.kept_for_key_frame += shown == Shown::keep;
    if (e.kind == TabEvent::Kind::close && settings_.session_per_tab) {
        mark_acked(*g.recorder, g.last_time, e.tab, tab.last_seq, tab.page_blocked);
        if (auto stopped = g.recorder->stop(); !stopped) return held(stopped.error());  // not on disk: acknowledge nothing
        tab.acked_seq = tab.last_seq;
        closed_acks_.push_back({e.tab, tab.last_seq});
        std::error_code ec;
        std::filesystem::remove(tab_file(settings_.output_dir, e.tab), ec);
        groups_.erase(e.tab);
    }
    ++stats_.recorded;
    return Handled::recorded;
}

bool TabSessions::holding() const noexcept {
    if (!held_tabs_.empty()) return true;
    for (const auto& [key, g] : groups_)
        if (g.failed) return true;  // its last commit failed: what it took is not acknowledged
    return false;
}

bool TabSessions::room_to_write() const {
    const std::filesystem::path probe = settings_.output_dir / ".agent" / "room-check";
    std::error_code ec;
    std::filesystem::create_directories(probe.parent_path(), ec);
    bool room = format::write_file_atomically(probe, std::string(1 << 20, '\0'), 0600).ok();  // written and synced, or gone
    std::filesystem::remove(probe, ec);
    return room;
}

std::size_t TabSessions::release_held() {
    std::set<std::string> tabs = std::exchange(held_tabs_, {});
    for (auto it = groups_.begin(); it != groups_.end();) {
        if (!it->second.failed) {
            ++it;
            continue;
        }
        for (const auto& [id, tab] : it->second.tabs) tabs.insert(id);
        (void)it->second.recorder->stop();  // fails as its writer did; the file ends at its last commit
        it = groups_.erase(it);
    }
    said_.clear();  // failing again, it is said again
    return tabs.size();
}

std::vector<Ack> TabSessions::commit() {
    std::vector<Ack> acks = std::move(closed_acks_);
    closed_acks_.clear();
    for (auto& [key, g] : groups_) {
        bool due = g.written;
        for (const auto& [id, tab] : g.tabs) due = due || tab.ack_due;
        if (!due || g.failed) continue;
        if (g.written)
            for (const auto& [id, tab] : g.tabs)
                if (tab.last_seq > tab.acked_seq) mark_acked(*g.recorder, g.last_time, id, tab.last_seq, tab.page_blocked);
        if (auto written = g.recorder->flush(); !written) {  // not on disk: acknowledge nothing
            fail(g, written.error());
            continue;
        }
        g.written = false;
        for (auto& [id, tab] : g.tabs) {
            if (!tab.ack_due && tab.last_seq == tab.acked_seq) continue;
            tab.acked_seq = tab.last_seq;
            tab.ack_due = false;
            acks.push_back({id, tab.last_seq, std::exchange(tab.ask_key_frame, false)});
        }
    }
    return acks;
}

void TabSessions::stop_all() {
    (void)commit();
    for (auto& [key, g] : groups_) (void)g.recorder->stop();
    groups_.clear();
}

std::vector<std::filesystem::path> TabSessions::files() const {
    std::vector<std::filesystem::path> out;
    for (const auto& [key, g] : groups_) out.push_back(g.recorder->file());
    return out;
}

}  // namespace semtrace::agent
