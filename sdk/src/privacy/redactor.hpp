// redactor.hpp — applies a policy to events in the pipeline thread, before anything is encoded or written.
#pragma once

#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

#include <tsl/robin_map.h>

#include "format/events.hpp"
#include "format/string_hash.hpp"
#include "privacy/detectors.hpp"
#include "privacy/policy.hpp"
#include "semtrace/result.hpp"

namespace semtrace::privacy {

// What the redactor did to one string: its state and text as they may be stored. `text` views
// either the input or the redactor's scratch space, valid until the next call.
struct CleanValue {
    ValueState state = ValueState::none;
    std::string_view text;
};

struct CleanAction {
    std::string_view locator;
    CleanValue value;
    // A word the caller may keep with this locator, zero at first, good until the next call
    // (null when the locator is too long to keep): the pipeline keeps where the stored locator
    // sits in the writer's string table (format::CompactOutputArchive::write_string).
    std::uint64_t* memo = nullptr;
};

// One per pipeline: not thread-safe (it reuses scratch buffers to stay allocation-free).
class Redactor {
public:
    static Result<std::unique_ptr<Redactor>> create(Policy policy);
    ~Redactor();

    const Policy& policy() const noexcept;

    // Events inside a blocked window, screen or locator (or any of its ancestors) are never
    // recorded; the caller drops them and counts them.
    bool blocked(std::string_view locator) const;
    bool blocked_url(std::string_view url) const;
    // block.urls as the patterns blocked_url matches a URL (without its query and fragment)
    // against, whole and ignoring case: for the browser extension, which judges a page's
    // address in the page. RE2's quoting reads the same in a JavaScript RegExp without the u flag.
    std::vector<std::string> blocked_url_patterns() const;
    // Secret fields (passwords, PINs, anything the policy lists) are never captured in any mode.
    bool secret(std::string_view locator) const;
    CaptureMode capture_mode(std::string_view locator) const;

    // Text that is not typed (names, choices, titles, attribute values): the detectors only.
    std::string_view scrub(std::string_view text, std::string& scratch);
    // Typed text at `locator`: the field's capture mode, then the detectors.
    CleanValue typed(std::string_view locator, ValueState state, std::string_view text, std::string& scratch);
    // A URL: blocked query parameters and the fragment dropped, then the detectors.
    std::string_view url(std::string_view url, std::string& scratch);
    // The value an action carries, by what the action is (typed, a choice, a destination).
    CleanValue action_value(ActionType type, std::string_view locator, ValueState state, std::string_view text,
                            std::string& scratch);
    // An action as it may be stored, or nothing when the policy blocks it (its locator, or
    // the URL of a navigate). The views point into the input or the two scratch strings.
    std::optional<CleanAction> action(ActionType type, std::string_view locator, ValueState state,
                                      std::string_view value, std::string& scratch_locator,
                                      std::string& scratch_value);

    // Trees and markers in place. Nodes in blocked parts of the UI are removed; returns how many.
    std::size_t apply(format::Snapshot& snapshot);
    std::size_t apply(format::Delta& delta);
    void apply(format::Marker& marker);
    // Any event in place; false when the policy blocks it (for tools that hold whole events).
    bool apply(format::Body& body);

    struct Compiled;

private:
    // What the policy makes of a locator: the same for every action at it. People act on the
    // same few hundred controls all day, and the block lists, secret rules, capture modes and
    // detectors cost a recorded action several times what looking them up does.
    struct LocatorFacts {
        bool blocked = false;
        bool secret = false;
        CaptureMode mode = CaptureMode::mask;
        // What its values are read after: the field's name and ": " when the name says phone
        // (a "Phone" field's "9876543210" is a number no shape tells from an order number).
        std::string said_before;
        std::optional<std::string> stored;  // what may be stored, when the detectors changed it
        std::uint64_t memo = 0;             // the caller's (CleanAction::memo)
    };
    explicit Redactor(std::unique_ptr<Compiled> compiled);
    // A field, key or node name that says password, PIN, token, … (secret_names).
    bool names_secret(std::string_view name) const;
    // The detectors over text read after `before` (LocatorFacts::said_before, labels_before),
    // which is not written.
    std::string_view scrub_after(std::string_view before, std::string_view text, std::string& scratch);
    // `key_frame`: the nodes are the whole tree (a snapshot), not what changed in it (a delta).
    std::size_t clean_nodes(std::vector<format::Node>& nodes, bool key_frame);
    std::vector<std::string> labels_before(const std::vector<format::Node>& nodes);
    // Good until the next locator not yet kept: the table moves its entries as it fills.
    LocatorFacts& facts(std::string_view locator);
    CleanValue typed(const LocatorFacts& at, ValueState state, std::string_view text, std::string& scratch);
    CleanValue action_value(const LocatorFacts& at, ActionType type, ValueState state, std::string_view text,
                            std::string& scratch);
    std::unique_ptr<Compiled> c_;
    std::vector<Finding> findings_;
    // Bounded: emptied when full. Memory only, like the events in flight it is read from.
    tsl::robin_map<std::string, LocatorFacts, format::StringHash, std::equal_to<>> facts_;
    LocatorFacts uncached_;  // a locator too long to keep
    // The session's tree as its events built it: each node's path by id (its role and name
    // steps as they came, as block lists and field rules read them). A delta holds only what
    // changed; its nodes' places come from here, or a node inside a blocked panel would be
    // judged by its own step alone and written. A key frame replaces its own tree (a new page
    // numbers its nodes again): the nodes whose ids share its nodes' top bits (tree_of), so
    // that in a session of several trees (semtrace-agent's tabs, each 2^40 ids apart) one
    // tab's key frame leaves the others' places known. At most max_tree_nodes, past which
    // such a node is judged by its own step (its value masked by default). Memory only.
    std::unordered_map<std::uint64_t, std::string> tree_paths_;
    static constexpr std::size_t max_tree_nodes = std::size_t{1} << 20;
    static constexpr std::uint64_t tree_of(std::uint64_t node_id) { return node_id >> 40; }
    void forget_trees_of(const std::vector<format::Node>& key_frame);
};

}  // namespace semtrace::privacy
