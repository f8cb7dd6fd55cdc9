// test_planted_sessions.cpp — secrets recorded through every field kind and event type never reach the file; consent.
#include <doctest/doctest.h>

#include <fstream>

#include "format/session_reader.hpp"
#include "semtrace/semtrace.hpp"
#include "support/corpora.hpp"
#include "support/raw_session.hpp"
#include "support/planted_recording.hpp"
#include "support/recording.hpp"
#include "support/session_files.hpp"
#include "support/temp_dir.hpp"

using namespace semtrace;
using namespace semtrace::testing;

TEST_CASE("planted secrets: none reaches the file, through any field kind or event type") {
    TempDir dir;
    auto started = Recorder::start(planted_options(dir));
    REQUIRE_MESSAGE(started.ok(), (started.ok() ? "" : started.error().message));
    auto secrets = planted_secrets();
    REQUIRE(secrets.size() >= 300);
    for (const Planted& p : secrets) record_everywhere(*started.value(), p.secret);
    auto summary = started.value()->stop();
    REQUIRE(summary.ok());
    CHECK(summary->events_dropped == 0);

    std::string bytes = all_session_bytes(summary->file);
    auto reader = format::SessionReader::open(summary->file);
    REQUIRE(reader.ok());
    CHECK(reader->verify().ok());
    CHECK(reader->event_count() == 2 + secrets.size() * 16);  // start, 16 per secret, end
    int leaked = 0;
    for (const Planted& p : secrets) {
        std::string digits = digits_only(p.secret);
        // (and as a URL holds it: "4111%201111%201111%201111")
        if (bytes.find(p.secret) != std::string::npos || (!digits.empty() && bytes.find(digits) != std::string::npos) ||
            bytes.find(percent_encoded(p.secret)) != std::string::npos) {
            ++leaked;
            MESSAGE("leaked ", p.kind, ": ", p.secret);
        }
    }
    CHECK(leaked == 0);
    // The redacted text is there, so the search above looked at real content.
    CHECK(bytes.find("note: \u27e8EMAIL\u27e9") != std::string::npos);
    CHECK(bytes.find("tester@example.com") == std::string::npos);  // the consent subject is a pseudonym
}

namespace {

// Every text recorded through every field kind and event type (record_everywhere), then the
// session's bytes with every frame decompressed.
std::string recorded_bytes(const TempDir& dir, const std::vector<std::string>& texts) {
    auto started = Recorder::start(planted_options(dir));
    REQUIRE(started.ok());
    for (const std::string& text : texts) record_everywhere(*started.value(), text);
    auto summary = started.value()->stop();
    REQUIRE(summary.ok());
    CHECK(summary->events_dropped == 0);
    return all_session_bytes(summary->file);
}

}  // namespace

TEST_CASE("planted secrets among numbers and underscores: none reaches the file, through any field kind or event type") {
    // Where the detectors' patterns once let them through: after an amount or a version, before a
    // date, glued to Markdown's underscores.
    TempDir dir;
    auto secrets = planted_secrets();
    std::vector<std::string> texts;
    for (const Planted& p : secrets)
        for (const auto& [before, after] : {std::pair{"Room 4.12 ", " 2024-06-23"}, std::pair{"_", "_ v1.2"}})
            texts.push_back(before + p.secret + after);
    const std::string bytes = recorded_bytes(dir, texts);
    int leaked = 0;
    for (const Planted& p : secrets) {
        std::string digits = digits_only(p.secret);  // 6 or more: the kept context has short numbers of its own
        if (bytes.find(p.secret) != std::string::npos || (digits.size() >= 6 && bytes.find(digits) != std::string::npos)) {
            ++leaked;
            MESSAGE("leaked ", p.kind, ": ", p.secret);
        }
    }
    CHECK(leaked == 0);
    CHECK(bytes.find("Room 4.12 ") != std::string::npos);  // the context is kept: the search looked at real content
}

TEST_CASE("planted secrets typed in full-width forms or with Arabic-script digits: none reaches the file, through any field kind or event type") {
    // "４１１１ １１１１ １１１１ １１１１" from an input method in full-width mode, "٤١١١ ١١١١ …" from an
    // Arabic keyboard: read as their ASCII by the detectors, redacted as the ASCII would be.
    TempDir dir;
    auto secrets = planted_secrets();
    const std::vector<std::string (*)(std::string_view)> typings = {
        [](std::string_view s) { return full_width(s); }, [](std::string_view s) { return arabic_digits(s); }};
    std::vector<std::string> texts;
    for (const Planted& p : secrets)
        for (auto typed : typings) texts.push_back(typed(p.secret));
    const std::string bytes = recorded_bytes(dir, texts);
    int leaked = 0;
    for (const Planted& p : secrets) {
        for (auto typed : typings) {
            std::string digits = typed(digits_only(p.secret));
            if (bytes.find(typed(p.secret)) != std::string::npos || (!digits.empty() && bytes.find(digits) != std::string::npos)) {
                ++leaked;
                MESSAGE("leaked ", p.kind, ": ", typed(p.secret));
            }
        }
    }
    CHECK(leaked == 0);
    CHECK(bytes.find("note: \u27e8EMAIL\u27e9") != std::string::npos);  // the search looked at real content
}

TEST_CASE("secrets written after their label: none reaches the file, through any field kind or event type; the label does") {
    // "password: hunter2", "PIN=4821", "my password is fluffy7": a weak password looks like any
    // word, but the text says what it is (labelled_secret).
    TempDir dir;
    std::vector<std::string> texts;
    std::vector<Labelled> secrets;
    for (const Labelled& l : labelled_texts())
        if (!l.benign) texts.push_back(l.text), secrets.push_back(l);
    REQUIRE(secrets.size() >= 150);
    const std::string bytes = recorded_bytes(dir, texts);
    int leaked = 0;
    for (const Labelled& l : secrets) {
        // The text as written, and the value alone where it is long enough not to occur by chance.
        if (bytes.find(l.text) != std::string::npos || (l.secret.size() >= 6 && bytes.find(l.secret) != std::string::npos)) {
            ++leaked;
            MESSAGE("leaked: ", l.text);
        }
    }
    CHECK(leaked == 0);
    CHECK(bytes.find("password: \u27e8SECRET\u27e9") != std::string::npos);  // the label is kept: the search looked at real content
}

TEST_CASE("a label and its value in two text nodes of a snapshot (\"password:\" then \"fluffy\"): the value never reaches the file") {
    TempDir dir;
    auto started = Recorder::start(planted_options(dir));
    REQUIRE(started.ok());
    std::vector<std::pair<std::string, std::string>> pairs;  // each "label: value" of the corpus, cut at ": "
    for (const Labelled& l : labelled_texts()) {
        std::size_t colon = l.text.find(": ");
        if (l.benign || colon == std::string::npos || l.text.substr(colon + 2) != l.secret || l.secret.find(' ') != std::string::npos)
            continue;
        pairs.emplace_back(l.text.substr(0, colon + 1), l.secret);
    }
    REQUIRE(pairs.size() >= 40);
    for (const auto& [label, value] : pairs) {
        const Node nodes[] = {{1, 0, "window", "Account", {}, {}, 0}, {2, 1, "text", label, {}, {}, 0},
                              {3, 1, "text", value, {}, {}, 0}};
        CHECK(started.value()->snapshot(nodes));
    }
    auto summary = started.value()->stop();
    REQUIRE(summary.ok());
    const std::string bytes = all_session_bytes(summary->file);
    int leaked = 0;
    for (const auto& [label, value] : pairs) {
        if (value.size() < 6 || bytes.find(value) == std::string::npos) continue;
        ++leaked;
        MESSAGE("leaked: ", label, " ", value);
    }
    CHECK(leaked == 0);
    CHECK(bytes.find(pairs.front().first) != std::string::npos);  // the labels are kept: the search looked at real content
}

TEST_CASE("no consent, consent to another policy, a bad policy, SEMTRACE_DISABLE: the recorder does not start") {
    TempDir dir;
    Options o = recording_options(dir / "s");
    o.consent = {};
    auto r = Recorder::start(o);
    REQUIRE_FALSE(r.ok());
    CHECK(r.error().message == "consent.subject is empty: say who agreed to be recorded");
    CHECK(r.error().kind == ErrorKind::refused);  // a relay such as semtrace-agent lets its messages go

    o = recording_options(dir / "s");
    o.consent.given_at = "yesterday";
    CHECK(Recorder::start(o).error().message.find("consent.given_at is \"yesterday\"") == 0);

    o = recording_options(dir / "s");
    o.consent.policy_id = "another-policy";
    CHECK(Recorder::start(o).error().message.find("consent.policy_id is \"another-policy\" but the policy in use is \"semtrace-default\"") == 0);
    CHECK(Recorder::start(o).error().kind == ErrorKind::refused);

    std::ofstream(dir / "bad.json") << R"({"semtrace_policy": 1, "id": "x", "capture": {"defualt": "plain"}})";
    o = recording_options(dir / "s");
    o.policy_file = dir / "bad.json";
    CHECK(Recorder::start(o).error().message == (dir / "bad.json").string() + ": capture.defualt: unknown field (a misspelt rule would be silently ignored)");
    CHECK(Recorder::start(o).error().kind == ErrorKind::failed);  // mended in the file, the same start works

    o = recording_options(dir / "s");
    setenv("SEMTRACE_DISABLE", "1", 1);
    auto disabled = Recorder::start(o);
    unsetenv("SEMTRACE_DISABLE");
    REQUIRE_FALSE(disabled.ok());
    CHECK(disabled.error().message == "recording is disabled on this machine: SEMTRACE_DISABLE is set");
    CHECK(disabled.error().kind == ErrorKind::refused);

    unsetenv("SEMTRACE_PSEUDONYM_KEY");
    CHECK(Recorder::start(o).error().message.find("pseudonym key: SEMTRACE_PSEUDONYM_KEY is not set") == 0);
    CHECK(Recorder::start(o).error().kind == ErrorKind::failed);
    CHECK_FALSE(std::filesystem::exists(dir / "s"));  // nothing was written by any refused start
}

TEST_CASE("consent and pseudonyms in the header: keyed, stable, never the id itself") {
    TempDir dir;
    auto header_of = [&](const std::string& user) {
        Options o = recording_options(dir / "s");
        o.user_id = user;
        o.device_id = "laptop-42";
        return header_of_new_session(o);
    };
    auto a = header_of("ann@example.com");
    auto b = header_of("ann@example.com");
    auto c = header_of("bob@example.com");
    CHECK(a.user_pseudonym.size() == 32);
    CHECK(a.user_pseudonym == b.user_pseudonym);
    CHECK(a.user_pseudonym != c.user_pseudonym);
    CHECK(a.device_pseudonym.size() == 32);
    CHECK(a.policy_hash.size() == 64);
    CHECK(a.consent_record.find("\"policy_id\":\"semtrace-default\"") != std::string::npos);
    CHECK(a.consent_record.find("\"given_at\":\"2026-11-29T14:00:00Z\"") != std::string::npos);
    CHECK(a.consent_record.find("tester@example.com") == std::string::npos);
    Options o = recording_options(dir / "s");  // sets the test key, replaced on the next line
    setenv("SEMTRACE_PSEUDONYM_KEY", std::string(64, '1').c_str(), 1);
    o.user_id = "ann@example.com";
    auto other_key = Recorder::start(o);
    REQUIRE(other_key.ok());
    auto summary = other_key.value()->stop();
    REQUIRE(summary.ok());
    CHECK(format::SessionReader::open(summary->file)->header().user_pseudonym != a.user_pseudonym);
    use_test_pseudonym_key();
}

TEST_CASE("revoking consent stops recording and discards what was not yet written") {
    TempDir dir;
    Options o = recording_options(dir / "s");
    auto rec = Recorder::start(o);
    REQUIRE(rec.ok());
    CHECK(rec.value()->click(Target::path("window 'A'/button 'Before'")));
    REQUIRE(rec.value()->flush().ok());
    for (int i = 0; i < 1000; ++i) (void)rec.value()->click(Target::path("window 'A'/button 'Queued'"));
    auto summary = rec.value()->revoke_consent();
    REQUIRE(summary.ok());
    CHECK_FALSE(rec.value()->click(Target::path("window 'A'/button 'After'")));
    auto reader = format::SessionReader::open(summary->file);
    REQUIRE(reader.ok());
    CHECK(reader->verify().ok());
    auto events = read_all(reader.value());
    bool before = false, revoked = false;
    int queued = 0;
    for (const auto& e : events) {
        if (auto* a = std::get_if<format::Action>(&e.body)) {
            before = before || a->target.locator == "window 'A'/button 'Before'";
            queued += a->target.locator == "window 'A'/button 'Queued'";
        }
        if (auto* m = std::get_if<format::Marker>(&e.body)) revoked = revoked || m->name == "semtrace.consent_revoked";
    }
    CHECK(before);
    CHECK(revoked);
    CHECK(queued < 1000);  // the pipeline may have written some before the revocation reached it
    MESSAGE("queued clicks written before the revocation: ", queued);
}

TEST_CASE("blocked windows are dropped and counted; pauses hold no content") {
    TempDir dir;
    std::ofstream(dir / "policy.json") << R"({"semtrace_policy": 1, "id": "b", "block": {"windows": ["Payroll*"]}})";
    Options o = recording_options(dir / "s");
    o.policy_file = dir / "policy.json";
    o.consent.policy_id = "b";
    auto rec = Recorder::start(o);
    REQUIRE(rec.ok());
    CHECK(rec.value()->click(Target::path("window 'Payroll 2026'/button 'Approve'")));
    CHECK(rec.value()->click(Target::path("window 'Desk'/button 'Save'")));
    rec.value()->pause();
    CHECK_FALSE(rec.value()->click(Target::path("window 'Desk'/button 'While paused'")));
    rec.value()->resume();
    auto summary = rec.value()->stop();
    REQUIRE(summary.ok());
    CHECK(summary->events_blocked == 1);
    std::string bytes = all_session_bytes(summary->file);
    CHECK(bytes.find("Payroll") == std::string::npos);
    CHECK(bytes.find("While paused") == std::string::npos);
    CHECK(bytes.find("window 'Desk'/button 'Save'") != std::string::npos);
}
