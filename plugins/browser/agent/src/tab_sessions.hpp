// tab_sessions.hpp — the browser's tabs as recording sessions: each message recorded once, acknowledged only when on disk, resumed after a restart.
#pragma once

#include <cstdint>
#include <filesystem>
#include <functional>
#include <map>
#include <memory>
#include <set>
#include <string>
#include <utility>
#include <vector>

#include "message.hpp"
#include "tab_tree.hpp"
#include "semtrace/semtrace.hpp"

namespace semtrace::agent {

struct SessionSettings {
    std::filesystem::path output_dir;
    std::filesystem::path policy_file;  // empty: the built-in policy (masks all typed text)
    bool session_per_tab = true;        // false: one session for the whole browser
    // The policy's block.urls and block.domains: a page at such an address is not recorded.
    // Empty: no address is blocked.
    std::function<bool(std::string_view url)> url_blocked;
};

struct Ack {
    std::string tab;
    std::uint64_t seq = 0;  // every message of the tab up to this one is on disk (or was refused)
    // The tab's session has no key frame of its page (it began after a restart of the agent,
    // or after a full disk, while the page was open): the page is asked to send one.
    bool key_frame = false;
};

struct AgentStats {
    std::uint64_t recorded = 0, duplicates = 0, refused = 0, sessions = 0, resumed = 0;
    std::uint64_t held = 0;  // not written (the file cannot grow): left to the extension, which keeps them
    std::uint64_t blocked = 0;  // taken and let go: on a page whose address the policy blocks
    // In a session of the whole browser: changes of a tab in the back, kept for its key frame
    // when the person comes back (of `recorded`, not written as they came).
    std::uint64_t kept_for_key_frame = 0;
    std::uint64_t key_frames_asked = 0;  // of pages whose session began while they were open
};

// What became of a message handle() took.
enum class Handled {
    recorded,
    duplicate,  // seen before (a resend): recorded already
    held,       // its session's file cannot grow (a full disk): not recorded, not acknowledged,
                // and no error either, so that the extension keeps it and sends it again
    blocked,    // on a page whose address the policy blocks: acknowledged, never recorded
};

// Single-threaded: the agent's network thread calls everything.
//
// Exactly once across crashes: sessions are written only at commit() (write_at_flush_only),
// and each commit ends with a `semtrace.browser.acked` marker naming each tab's last message
// before the acknowledgement is sent. A restarted agent reads the last such marker in the
// tab's previous file (named in OUTPUT/.agent/tabs/TAB) and skips what it covers: the file
// never holds messages past it, so a resent message is neither lost nor recorded twice.
class TabSessions {
public:
    explicit TabSessions(SessionSettings settings);
    ~TabSessions();

    // Records `e` unless its seq was seen. An error says why the message will never be recorded
    // (no consent, the recorder refused to start, ...): the extension lets it go.
    Result<Handled> handle(const Consent& consent, const TabEvent& e);
    // Makes everything handled durable, then says which messages the extension may forget.
    std::vector<Ack> commit();
    // Commits and ends every session (the agent is stopping); files are complete afterwards.
    void stop_all();

    // Whether messages are held: a session's file could not grow, or could not be made.
    bool holding() const noexcept;
    // Whether the output folder can take a megabyte now (written to a file there, synced and
    // removed): held messages are asked for again only then, not while the disk stays full.
    bool room_to_write() const;
    // Ends the sessions whose files could not grow (each ends at its last commit) and forgets
    // which tabs were held, so that each tab's next message starts a new session after the last
    // one on disk, as after a restart. The caller has the extension send again everything not
    // acknowledged, oldest first, before anything newer. Returns how many tabs were held.
    std::size_t release_held();

    const AgentStats& stats() const noexcept { return stats_; }
    // What could not be written since the last call, each said once: for the extension's popup.
    std::vector<std::string> take_failures() { return std::exchange(failures_, {}); }
    std::vector<std::filesystem::path> files() const;

private:
    struct TabState {
        std::uint64_t last_seq = 0;   // the newest message recorded or skipped
        std::uint64_t acked_seq = 0;  // the newest message on disk and acknowledged
        bool ack_due = false;         // a message came since the last acknowledgement (maybe a resend)
        // The tab's page is at an address the policy blocks: what it sends until its next
        // navigate is let go. Kept in the acknowledgement marker, so a restarted agent knows.
        bool page_blocked = false;
        // Added to the page's node ids in a session of the whole browser: each tab numbers its
        // nodes from 1, and one tab's tree must not be read as another's (the replay's, and
        // the privacy rules', which judge a node by its place in the tree). 0 in a tab's own.
        std::uint64_t node_ids_from = 0;
        TabTree tree;  // in a session of the whole browser: the page's tree, for when the person comes back
        // The session holds the page's key frame, or will: one was recorded, or a navigate
        // (whose page sends one), or the page was asked for one (ask_key_frame, with the next ack).
        bool key_frame_coming = false;
        bool ask_key_frame = false;
    };
    struct ResumePoint {
        std::uint64_t seq = 0;
        bool page_blocked = false;
    };
    struct Group {
        std::unique_ptr<Recorder> recorder;
        std::map<std::string, TabState> tabs;
        bool written = false;  // events since the last commit
        // The latest page time recorded: the agent's own markers take it, so that they do not
        // move the session's time line past events still to come from what the extension held.
        Recorder::Time last_time{};
        // Its file could not grow (said once, in fail()): its messages are held from then on.
        // The file keeps what was acknowledged; a new session resumes after it.
        bool failed = false;
        // In a session of the whole browser: the tab whose tree the file has (the one the
        // person last acted in, or whose page last sent a key frame); empty when none is known.
        std::string shown_tab;
    };
    Result<Group*> group_for(const Consent& consent, const TabEvent& e, Recorder::Time when);
    Result<std::unique_ptr<Recorder>> start_session(const Consent& consent, const std::string& app,
                                                    Recorder::Time first_event);
    ResumePoint resume_point(const std::string& tab) const;
    void remember_file(const std::string& tab, const std::filesystem::path& file) const;
    bool record(Recorder& r, const TabEvent& e, Recorder::Time when, std::uint64_t node_ids_from);
    // Which tab's tree a session of the whole browser shows as `e` comes (tab_tree.hpp).
    enum class Shown { write, keep, failed };
    Shown show_tab(Group& g, const std::string& id, TabState& tab, const TabEvent& e, Recorder::Time when);
    void say(const Error& why);
    void fail(Group& g, const Error& why);
    Handled hold(const std::string& tab);

    SessionSettings settings_;
    std::map<std::string, Group> groups_;  // by tab, or one ("browser") for the whole browser
    std::vector<Ack> closed_acks_;  // tabs closed since the last commit: their files are complete
    // Tabs a message of which was held: all their later ones are held too, so that the
    // extension sends them again in order, after the held one (release_held, or a restart).
    std::set<std::string> held_tabs_;
    std::set<std::string> said_;  // failures said on stderr, each once
    std::vector<std::string> failures_;  // said, not yet taken
    AgentStats stats_;
};

}  // namespace semtrace::agent
