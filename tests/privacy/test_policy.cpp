// test_policy.cpp — policy files: the documented example loads, every mistake is named, hostile rules stay linear.
#include <doctest/doctest.h>

#include <map>

#include "format/events.hpp"
#include "privacy/policy.hpp"
#include "privacy/redactor.hpp"
#include "support/temp_dir.hpp"

using namespace semtrace;
using namespace semtrace::privacy;

namespace {

std::string error_of(std::string_view json) {
    auto p = parse_policy(json, "policy.json");
    return p.ok() ? std::string("(accepted)") : p.error().message;
}

std::unique_ptr<Redactor> redactor_for(std::string_view json) {
    auto p = parse_policy(json, "test");
    REQUIRE_MESSAGE(p.ok(), (p.ok() ? "" : p.error().message));
    auto r = Redactor::create(std::move(p.value()));
    REQUIRE(r.ok());
    return std::move(r.value());
}

}  // namespace

TEST_CASE("the complete example in docs/policy.md loads") {
    auto p = load_policy(std::string(SEMTRACE_SOURCE_DIR) + "/docs/policy-example.json");
    REQUIRE_MESSAGE(p.ok(), (p.ok() ? "" : p.error().message));
    CHECK(p->id == "acme-support-2026-11");
    CHECK(p->default_mode == CaptureMode::mask);
    CHECK(p->fields.size() >= 2);
    CHECK(p->custom_rules.size() >= 1);
    CHECK(p->hash.size() == 64);
}

TEST_CASE("the built-in policy is the strictest: mask typed text, every detector on") {
    Policy p = default_policy();
    CHECK(p.default_mode == CaptureMode::mask);
    CHECK(p.fields.empty());
    CHECK(p.disabled_detectors.empty());
    CHECK(p.hash.size() == 64);
}

TEST_CASE("invalid policies are refused with the file and the field named") {
    CHECK(error_of("{") == "policy.json: not valid JSON (check quotes, commas and braces)");
    CHECK(error_of(R"({"id": "x"})").find("policy.json: semtrace_policy: is missing") == 0);
    CHECK(error_of(R"({"semtrace_policy": 2, "id": "x"})").find("semtrace_policy: is 2; this semtrace reads version 1") != std::string::npos);
    CHECK(error_of(R"({"semtrace_policy": 1})").find("policy.json: id: is missing") == 0);
    CHECK(error_of(R"({"semtrace_policy": 1, "id": "x", "captrue": {}})") ==
          "policy.json: captrue: unknown field (a misspelt rule would be silently ignored)");
    CHECK(error_of(R"({"semtrace_policy": 1, "id": "x", "capture": {"fields": [{"match": "a", "mode": "plain", "note": 1}]}})") ==
          "policy.json: capture.fields[0].note: unknown field (a misspelt rule would be silently ignored)");
    CHECK(error_of(R"({"semtrace_policy": 1, "id": "x", "capture": {"default": "maybe"}})") ==
          "policy.json: capture.default: must be \"mask\", \"redact\" or \"plain\"");
    CHECK(error_of(R"({"semtrace_policy": 1, "id": "x", "capture": {"fields": [{"match": "a"}]}})").find("capture.fields[0].mode: is missing") != std::string::npos);
    CHECK(error_of(R"({"semtrace_policy": 1, "id": "x", "block": {"windows": "Payroll"}})") ==
          "policy.json: block.windows: must be an array of strings");
    CHECK(error_of(R"({"semtrace_policy": 1, "id": "x", "detectors": {"disable": ["emial"]}})").find("detectors.disable[0]: \"emial\" is not a built-in detector") != std::string::npos);
    CHECK(error_of(R"({"semtrace_policy": 1, "id": "x", "detectors": {"custom": [{"name": "a", "pattern": "("}]}})").find("detectors.custom[0].pattern: is not a valid RE2 pattern") != std::string::npos);
    CHECK(error_of(R"({"semtrace_policy": 1, "id": "x", "detectors": {"custom": [{"name": "a", "pattern": "x*"}]}})").find("matches the empty string") != std::string::npos);
    CHECK(error_of(R"({"semtrace_policy": 1, "id": "x", "detectors": {"custom": [{"name": "email", "pattern": "x"}]}})").find("is a built-in detector") != std::string::npos);
    CHECK(error_of(R"({"semtrace_policy": 1, "id": "x", "detectors": {"custom": [{"name": "a", "pattern": "x"}, {"name": "a", "pattern": "y"}]}})").find("used twice") != std::string::npos);
    TempDir dir;
    auto missing = load_policy(dir / "nope.json");
    REQUIRE_FALSE(missing.ok());
    CHECK(missing.error().message == (dir / "nope.json").string() + ": cannot read the policy file");
}

TEST_CASE("a rule that would backtrack catastrophically runs in linear time under RE2") {
    // (a+)+$ takes exponential time in a backtracking engine on "aaaa...b".
    auto r = redactor_for(R"({"semtrace_policy": 1, "id": "x", "detectors": {"custom": [{"name": "evil", "pattern": "(a+)+$"}]}})");
    std::string hostile(100000, 'a');
    hostile += 'b';
    std::string scratch;
    auto out = r->scrub(hostile, scratch);
    CHECK(out.size() == hostile.size());  // it returned, and found nothing at the end (b is last)
    CHECK(r->scrub("xaaaa", scratch) == "x⟨EVIL⟩");
}

TEST_CASE("capture modes by locator glob; secret fields are never captured") {
    auto r = redactor_for(R"({"semtrace_policy": 1, "id": "x", "capture": {
        "fields": [{"match": "**/textbox 'Search'", "mode": "plain"},
                   {"match": "window 'Ticket'/textbox 'Notes*'", "mode": "redact"},
                   {"match": "window 'Ticket'/*", "mode": "plain"}],
        "secret_fields": ["**/textbox 'Recovery phrase'"]}})");
    CHECK(r->capture_mode("window 'A'/pane/textbox 'Search'") == CaptureMode::plain);
    CHECK(r->capture_mode("window 'Ticket'/textbox 'Notes (internal)'") == CaptureMode::redact);
    CHECK(r->capture_mode("window 'Ticket'/textbox 'Subject'") == CaptureMode::plain);
    CHECK(r->capture_mode("window 'Ticket'/pane/textbox 'Subject'") == CaptureMode::mask);  // * stays in one step
    std::string s;
    auto v = r->typed("window 'Ticket'/textbox 'Subject'", ValueState::plain, "Printer on fire", s);
    CHECK((v.state == ValueState::plain && v.text == "Printer on fire"));
    v = r->typed("window 'Ticket'/textbox 'Subject'", ValueState::plain, "mail ann@example.com", s);
    CHECK((v.state == ValueState::redacted && v.text == "mail ⟨EMAIL⟩"));
    v = r->typed("window 'Ticket'/textbox 'Notes'", ValueState::plain, "all fine", s);
    CHECK((v.state == ValueState::redacted && v.text == "all fine"));
    v = r->typed("window 'Other'/textbox 'Name'", ValueState::plain, "Ann", s);
    CHECK((v.state == ValueState::masked && v.text.empty()));
    for (const char* secret : {"window 'Ticket'/password 'Password'", "window 'Ticket'/textbox 'New password'",
                               "window 'Ticket'/textbox 'PIN'", "window 'Ticket'/textbox 'CVV'",
                               "window 'Ticket'/textbox 'API key'", "window 'X'/textbox 'Recovery phrase'"}) {
        v = r->typed(secret, ValueState::plain, "hunter2", s);
        CHECK_MESSAGE(v.state == ValueState::masked, secret);
    }
}

TEST_CASE("a number typed into a field whose name says an identity document is read as an identity number") {
    auto r = redactor_for(R"({"semtrace_policy": 1, "id": "x", "capture": {"default": "redact"}})");
    std::string s;
    for (const char* field : {"window 'HR'/textbox 'Passport number'", "page 'Apply'/form/textbox 'SSN'",
                              "window 'HR'/textbox 'Driving licence number'", "window 'HR'/textbox 'Tax ID'"}) {
        for (const char* typed : {"L898902C3", "l898902c3"}) {  // as printed, and as a person may type it
            auto v = r->typed(field, ValueState::plain, typed, s);
            CHECK_MESSAGE((v.state == ValueState::redacted && v.text == "⟨ID⟩"), field, " ", typed);
        }
    }
    auto v = r->typed("window 'Shop'/textbox 'Order number'", ValueState::plain, "L898902C3", s);
    CHECK(v.text == "L898902C3");  // an order number looks the same
}

TEST_CASE("a number typed into a field whose name says phone is read as a phone number") {
    auto r = redactor_for(R"({"semtrace_policy": 1, "id": "x", "capture": {"default": "redact"}})");
    std::string s;
    // one run of digits, as most people type their own number: no shape says phone, the name does
    for (const char* field : {"window 'Shop'/textbox 'Phone'", "page 'Checkout'/form/textbox 'Mobile number'",
                              "window 'CRM'/textbox 'Tel.'", "window 'CRM'/textbox 'WhatsApp'",
                              "window 'CRM'/textbox '\u643a\u5e2f\u96fb\u8a71'"}) {
        auto v = r->typed(field, ValueState::plain, "9876543210", s);
        CHECK_MESSAGE((v.state == ValueState::redacted && v.text == "⟨PHONE⟩"), field);
        v = r->typed(field, ValueState::plain, "4155550123 or 020 7946 0958", s);
        CHECK_MESSAGE(v.text == "⟨PHONE⟩ or ⟨PHONE⟩", field);
    }
    auto v = r->typed("window 'Shop'/textbox 'Phone'", ValueState::plain, "ask for Ann", s);
    CHECK(v.text == "ask for Ann");  // the name itself is not written
    // what such a field holds is read as any other text is besides: a URL's percent-encoded parts
    // decoded (and a logged request's, whose word as written reads as a password whole)
    v = r->typed("window 'CRM'/textbox 'Phone'", ValueState::plain,
                 "see https://crm.example/find/4111%201111%201111%201111 or GET /u/ann%40example.com/calls", s);
    CHECK(v.text == "see https://crm.example/find/⟨CARD⟩ or GET ⟨SECRET⟩");
    // other fields keep such a number: an order or tracking number looks the same
    for (const char* field : {"window 'Shop'/textbox 'Order number'", "window 'Shop'/textbox 'Notes'"}) {
        v = r->typed(field, ValueState::plain, "9876543210", s);
        CHECK_MESSAGE(v.text == "9876543210", field);
    }
    // snapshots judge a node's value by the same name
    format::Snapshot snap;
    snap.nodes = {{1, 0, "form", "Contact", {}, {}, 0}, {2, 1, "textbox", "Phone", {ValueState::plain, "98765 43 210"}, {}, 0}};
    r->apply(snap);
    CHECK(snap.nodes[1].value.text == "⟨PHONE⟩");
}

TEST_CASE("an action's locator is judged alike every time: kept for the next action, after the kept ones are let go, and when too long to keep") {
    auto r = redactor_for(R"({"semtrace_policy": 1, "id": "x", "capture": {"default": "plain"},
        "block": {"windows": ["Payroll*"]}})");
    const std::string mail_locator = "window 'Inbox - ann@example.com'/button 'Reply'";
    const std::string long_locator = "window 'Notes'/" + std::string(600, 'x') + " 4111 1111 1111 1111/button 'Go'";
    std::string scratch_locator, scratch_value;
    auto judge = [&](std::string_view locator, ActionType type, std::string_view value) {
        return r->action(type, locator, ValueState::plain, value, scratch_locator, scratch_value);
    };
    auto check_all = [&] {
        auto reply = judge(mail_locator, ActionType::click, {});
        REQUIRE(reply);
        CHECK(reply->locator == "window 'Inbox - ⟨EMAIL⟩'/button 'Reply'");
        CHECK_FALSE(judge("window 'Payroll 2026'/button 'Save'", ActionType::click, {}));
        auto pin = judge("window 'Bank'/textbox 'PIN'", ActionType::fill, "4321");
        REQUIRE(pin);
        CHECK(pin->value.state == ValueState::masked);
        auto note = judge("window 'Bank'/textbox 'Note'", ActionType::fill, "call +44 20 7946 0958");
        REQUIRE(note);
        CHECK((note->value.state == ValueState::redacted && note->value.text == "call ⟨PHONE⟩"));
        auto far = judge(long_locator, ActionType::click, {});
        REQUIRE(far);
        CHECK(far->locator.find("4111") == std::string_view::npos);
        CHECK(far->locator.find("⟨CARD⟩") != std::string_view::npos);
    };
    check_all();
    check_all();  // now from what was kept
    for (int i = 0; i < 5000; ++i) (void)judge("window 'A'/button 'B" + std::to_string(i) + "'", ActionType::click, {});
    check_all();  // more locators than are kept: they were let go, and are judged again
}

TEST_CASE("the caller's word kept with a locator: the same for each action at it, none for a locator too long to keep, zero once let go") {
    auto r = redactor_for(R"({"semtrace_policy": 1, "id": "x", "capture": {"default": "plain"}})");
    std::string scratch_locator, scratch_value;
    auto memo_of = [&](std::string_view locator) {
        auto clean = r->action(ActionType::click, locator, ValueState::none, {}, scratch_locator, scratch_value);
        REQUIRE(clean);
        return clean->memo;
    };
    const std::string save = "window 'Editor'/button 'Save'", open = "window 'Editor'/button 'Open'";
    *memo_of(save) = 7;
    *memo_of(open) = 9;
    CHECK(*memo_of(save) == 7);
    CHECK(*memo_of(open) == 9);
    CHECK(memo_of("window 'Notes'/" + std::string(600, 'x')) == nullptr);
    for (int i = 0; i < 5000; ++i) (void)memo_of("window 'A'/button 'B" + std::to_string(i) + "'");
    CHECK(*memo_of(save) == 0);  // let go with the rest, and kept again from zero
}

TEST_CASE("a marker attribute whose key names a secret loses its value, whatever the value looks like") {
    auto r = redactor_for(R"({"semtrace_policy": 1, "id": "x"})");
    format::Marker m{"account.created", {{"password", "hunter2"}, {"PIN", "4821"}, {"api_key", "abc"},
                                         {"queue", "billing"}, {"note", "call ann@example.com"}, {"pin", ""}}};
    r->apply(m);
    std::map<std::string, std::string> got(m.attributes.begin(), m.attributes.end());
    CHECK(got["password"] == "⟨SECRET⟩");
    CHECK(got["PIN"] == "⟨SECRET⟩");
    CHECK(got["api_key"] == "⟨SECRET⟩");
    CHECK(got["queue"] == "billing");           // other keys: the detectors only
    CHECK(got["note"] == "call ⟨EMAIL⟩");
    CHECK(got["pin"].empty());                  // nothing there, nothing to hide
}

TEST_CASE("a URL in a marker attribute or a node's name is read as a navigate destination: its percent-encoded parts decoded") {
    auto r = redactor_for(R"({"semtrace_policy": 1, "id": "x"})");
    format::Marker m{"page.viewed", {{"url", "https://shop.example/find/4111%201111%201111%201111"},
                                     {"ref", "https://shop.example/find/blue%20shoes"}}};
    r->apply(m);
    std::map<std::string, std::string> got(m.attributes.begin(), m.attributes.end());
    CHECK(got["url"] == "https://shop.example/find/⟨CARD⟩");
    CHECK(got["ref"] == "https://shop.example/find/blue%20shoes");
    // Only the URL is read so: a '+' in the text after it is no space ("+919876543210" went out
    // whole when the whole note was read as a URL with a query)
    format::Marker note{"note", {{"text", "see https://x.example/?q=1 mine +919876543210 %41"}}};
    r->apply(note);
    CHECK(note.attributes[0].second == "see https://x.example/?q=1 mine ⟨PHONE⟩ %41");
    // ... and so is a path or a form's body written without a scheme, as logs and copied
    // requests hold them, besides as written: what either reading finds goes
    format::Marker logged{"request", {{"path", "GET /u/ann%40example.com/orders?q=call%20me%20at%20%2B44%2020%207946%200958 200"},
                                      {"pin", "PIN=48%321 set"},
                                      {"pass", "user=bob pass=hunter%21 ok"},
                                      {"plain", "50%25 off, 4 items"}}};
    r->apply(logged);
    std::map<std::string, std::string> logs(logged.attributes.begin(), logged.attributes.end());
    CHECK(logs["path"] == "GET /u/⟨EMAIL⟩/orders?q=call%20me%20at%20⟨PHONE⟩ 200");
    CHECK(logs["pin"].find("48") == std::string::npos);  // a labelled secret whole, as written
    CHECK(logs["pass"].find("hunter") == std::string::npos);
    CHECK(logs["plain"] == "50%25 off, 4 items");
    format::Snapshot snap;
    snap.nodes = {{1, 0, "link", "Open https://mail.example/u/ann%40example.com", {}, {}, 0}};
    r->apply(snap);
    CHECK(snap.nodes[0].name == "Open https://mail.example/u/⟨EMAIL⟩");
}

TEST_CASE("a text node after a label node ending in a colon (\"Your PIN:\" then \"4821\") is read after it") {
    auto r = redactor_for(R"({"semtrace_policy": 1, "id": "x"})");
    auto text = [](std::uint64_t id, std::string role, std::string name) {
        return format::Node{id, 1, std::move(role), std::move(name), {}, {}, 0};
    };
    format::Snapshot shot;
    shot.nodes = {format::Node{1, 0, "window", "Account", {}, {}, 0}, text(2, "text", "Your PIN:"), text(3, "text", "4821"),
                  text(4, "text", "Temporary password:"), text(5, "text", "Xk29fj"), text(6, "text", "Password:"),
                  text(7, "button", "Show"), text(8, "text", "Status:"), text(9, "text", "Active"),
                  text(10, "label", "Password:"), text(11, "text", "••••••"), text(12, "text", "Mobile:"),
                  text(13, "text", "9876543210"), text(14, "text", "Order:"), text(15, "text", "9876543210")};
    r->apply(shot);
    std::map<std::uint64_t, std::string> names;
    for (const auto& n : shot.nodes) names[n.id] = n.name;
    CHECK(names[2] == "Your PIN:");
    CHECK(names[3] == "⟨SECRET⟩");
    CHECK(names[5] == "⟨SECRET⟩");
    CHECK(names[7] == "Show");      // a button after the label: no value
    CHECK(names[9] == "Active");    // no label
    CHECK(names[11] == "••••••");   // a masked field's dots
    CHECK(names[13] == "⟨PHONE⟩");  // every detector reads the two as one line
    CHECK(names[15] == "9876543210");
}

TEST_CASE("a delta's nodes are judged where the session's tree has them, not by their own step alone") {
    auto r = redactor_for(R"({"semtrace_policy": 1, "id": "x",
        "capture": {"fields": [{"match": "**/search 'Find'/textbox 'Query'", "mode": "plain"}]},
        "block": {"locators": ["**/panel 'Private'"]}})");
    format::Snapshot shot;
    shot.nodes = {{1, 0, "window", "Clinic", {}, {}, 0}, {2, 1, "panel", "Private", {}, {}, 0},
                  {3, 2, "textbox", "Diagnosis", {}, {}, 0}, {4, 1, "search", "Find", {}, {}, 0},
                  {5, 4, "textbox", "Query", {}, {}, 0}};
    CHECK(r->apply(shot) == 2);  // the blocked panel and its field
    // A delta names what changed: a node inside the blocked panel (its parent not in the
    // delta) and one new inside that one, and the search field with what was typed.
    format::Delta d;
    d.upserts = {{3, 2, "textbox", "Diagnosis: influenza", {ValueState::plain, "influenza"}, {}, 0},
                 {6, 3, "text", "seen by Dr Ann Lee", {}, {}, 0},
                 {5, 4, "textbox", "Query", {ValueState::plain, "desk lamp"}, {}, 0}};
    CHECK(r->apply(d) == 2);
    REQUIRE(d.upserts.size() == 1);
    CHECK(d.upserts[0].id == 5);
    CHECK((d.upserts[0].value.state == ValueState::plain && d.upserts[0].value.text == "desk lamp"));  // its field's rule
    // A node the page moves out of the panel is judged at its new place; a removed one is
    // forgotten (a node naming it as its parent is judged by its own step).
    format::Delta moved;
    moved.upserts = {{7, 1, "textbox", "Notes", {}, {}, 0}, {3, 7, "button", "Save", {}, {}, 0}};
    CHECK(r->apply(moved) == 0);
    format::Delta inside;
    inside.upserts = {{10, 2, "text", "Blood type", {}, {}, 0}};
    CHECK(r->apply(inside) == 1);
    format::Delta gone;
    gone.removed = {2};
    r->apply(gone);
    inside.upserts = {{10, 2, "text", "Blood type", {}, {}, 0}};
    CHECK(r->apply(inside) == 0);
    // A key frame is a new tree (a new page numbers its nodes from 1 again): what the ids
    // meant before is forgotten, and a node whose parent is unknown is judged by its own step.
    format::Snapshot next;
    next.nodes = {{1, 0, "window", "Clinic", {}, {}, 0}, {2, 1, "panel", "Public", {}, {}, 0}};
    CHECK(r->apply(next) == 0);
    format::Delta d2;
    d2.upserts = {{3, 2, "textbox", "Notes", {ValueState::plain, "hello"}, {}, 0},
                  {9, 8, "textbox", "Query", {ValueState::plain, "desk lamp"}, {}, 0}};
    CHECK(r->apply(d2) == 0);
    REQUIRE(d2.upserts.size() == 2);
    CHECK(d2.upserts[1].value.state == ValueState::masked);  // no place, no field rule: masked
}

TEST_CASE("in a session of several trees (a browser's tabs, 2^40 ids apart), one tree's key frame leaves the others' places known") {
    auto r = redactor_for(R"({"semtrace_policy": 1, "id": "x", "block": {"locators": ["**/dialog 'Card details'"]}})");
    constexpr std::uint64_t tab_b = std::uint64_t{2} << 40;  // as semtrace-agent numbers the second tab
    format::Snapshot b;
    b.nodes = {{tab_b + 1, 0, "document", "Checkout", {}, {}, 0}, {tab_b + 2, tab_b + 1, "dialog", "Card details", {}, {}, 0},
               {tab_b + 3, tab_b + 2, "textbox", "Name on card", {}, {}, 0}};
    CHECK(r->apply(b) == 2);
    // Tab A loads a page: its key frame is a new tree for tab A only.
    format::Snapshot a;
    a.nodes = {{(std::uint64_t{1} << 40) + 1, 0, "document", "Search", {}, {}, 0}};
    CHECK(r->apply(a) == 0);
    // Tab B's dialog changes: its nodes are still inside the blocked dialog.
    format::Delta d;
    d.upserts = {{tab_b + 3, tab_b + 2, "textbox", "Name on card: Ann Lee", {}, {}, 0},
                 {tab_b + 4, tab_b + 2, "text", "Card ending 4242, Ann Lee", {}, {}, 0}};
    CHECK(r->apply(d) == 2);
    CHECK(d.upserts.empty());
    // Tab B's own next page forgets its old tree, as a single-tree session does.
    format::Snapshot b2;
    b2.nodes = {{tab_b + 1, 0, "document", "Thanks", {}, {}, 0}};
    CHECK(r->apply(b2) == 0);
    format::Delta after;
    after.upserts = {{tab_b + 5, tab_b + 2, "text", "Order placed", {}, {}, 0}};
    CHECK(r->apply(after) == 0);
}

TEST_CASE("block lists: windows, screens, locators and their insides; URLs and domains") {
    auto r = redactor_for(R"({"semtrace_policy": 1, "id": "x", "block": {
        "windows": ["Payroll*"], "screens": ["Medical record"], "locators": ["**/panel 'Private'"],
        "urls": ["https://intranet.example/hr/**"], "domains": ["bank.example"]}})");
    CHECK(r->blocked("window 'Payroll 2026'/button 'Save'"));
    CHECK(r->blocked("window 'App'/screen 'Medical record'/textbox 'Notes'"));
    CHECK(r->blocked("window 'App'/panel 'Private'"));
    CHECK(r->blocked("window 'App'/panel 'Private'/textbox 'Diary'"));
    CHECK_FALSE(r->blocked("window 'App'/panel 'Public'/textbox 'Diary'"));
    CHECK_FALSE(r->blocked("window 'Pay'/button 'Save'"));
    CHECK(r->blocked_url("https://intranet.example/hr/reviews/17?x=1"));
    CHECK(r->blocked_url("https://online.bank.example/login"));
    CHECK(r->blocked_url("https://BANK.example"));
    CHECK_FALSE(r->blocked_url("https://notbank.example/"));
    CHECK_FALSE(r->blocked_url("https://intranet.example/wiki"));
}

TEST_CASE("URLs lose their query and fragment unless the policy keeps a parameter") {
    auto r = redactor_for(R"({"semtrace_policy": 1, "id": "x", "urls": {"keep_query": ["page"]}})");
    std::string s;
    CHECK(r->url("https://shop.example/cart?page=2&session=abc123&email=a@b.example#card", s) ==
          "https://shop.example/cart?page=2");
    CHECK(r->url("https://shop.example/u/ann@example.com/orders", s) == "https://shop.example/u/⟨EMAIL⟩/orders");
    // What was typed reaches a URL percent-encoded, a query's spaces as '+': a part holding an
    // escape is read decoded, and each finding replaces the characters it came from.
    CHECK(r->url("https://shop.example/find/4111%201111%201111%201111?page=2", s) == "https://shop.example/find/⟨CARD⟩?page=2");
    CHECK(r->url("https://shop.example/u/ann%40example.com/orders", s) == "https://shop.example/u/⟨EMAIL⟩/orders");
    CHECK(r->url("https://shop.example/u/ann.lee%2Bshop%40example.com", s) == "https://shop.example/u/⟨EMAIL⟩");
    auto q = redactor_for(R"({"semtrace_policy": 1, "id": "x", "urls": {"keep_query": ["q"]}})");
    CHECK(q->url("https://search.example/?q=415%20555%200123&sid=77", s) == "https://search.example/?q=⟨PHONE⟩");
    CHECK(q->url("https://search.example/?q=4111+1111+1111+1111", s) == "https://search.example/?q=⟨CARD⟩");
    CHECK(q->url("https://search.example/?q=call+me+at+4155550123", s) == "https://search.example/?q=call+me+at+⟨PHONE⟩");
    CHECK(q->url("https://search.example/?q=%2B44%2020%207946%200958", s) == "https://search.example/?q=⟨PHONE⟩");
    CHECK(q->url("https://search.example/?q=password%3A%20hunter2", s) == "https://search.example/?q=password%3A%20⟨SECRET⟩");
    CHECK(q->url("https://search.example/?q=%3FTr0ub4dor%263", s) == "https://search.example/?q=⟨SECRET⟩");  // a '?' and '&' typed
    // ... and what holds nothing stays as written (as written, letters, digits and a '%' read as
    // a password: such a part went whole before)
    CHECK(q->url("https://search.example/?q=blue%20shoes%2C%20size%2042", s) == "https://search.example/?q=blue%20shoes%2C%20size%2042");
    CHECK(q->url("https://search.example/?q=100%25+cotton+shirts", s) == "https://search.example/?q=100%25+cotton+shirts");
    std::string scratch;
    auto v = r->action_value(ActionType::navigate, "window 'Browser'", ValueState::plain,
                             "https://shop.example/?token=9f86d081884c7d659a2feaa0c55ad015", scratch);
    CHECK((v.state == ValueState::redacted && v.text == "https://shop.example/"));
}
