// test_cli.cpp — the real `semtrace` binary: info, cat, verify, scan, record and their exit codes.
#include <doctest/doctest.h>

#include <fstream>
#include <sstream>

#include "support/commands.hpp"
#include "support/corpora.hpp"
#include "support/sample_events.hpp"
#include "support/session_files.hpp"
#include "support/temp_dir.hpp"

using namespace semtrace;
using namespace semtrace::testing;

TEST_CASE("cat --json piped into record reproduces every event exactly") {
    TempDir dir;
    auto a = write_session(dir / "a.semtrace", sample_events(400));
    auto json_a = run(semtrace_bin + " cat --json " + a.string());
    REQUIRE(json_a.code == 0);
    // Typed text kept as given: the sample events hold no personal data for the detectors to find.
    std::ofstream(dir / "plain.json") << R"({"semtrace_policy": 1, "id": "plain", "capture": {"default": "plain"}})";
    auto recorded = run(semtrace_bin + " cat --json " + a.string() + " | " + semtrace_bin + " record --policy " +
                        (dir / "plain.json").string() + " --out " + (dir / "out").string());
    REQUIRE(recorded.code == 0);
    std::string b = first_line(recorded.out);
    REQUIRE(std::filesystem::exists(b));
    auto json_b = run(semtrace_bin + " cat --json " + b);
    REQUIRE(json_b.code == 0);
    CHECK(without_first_line(json_b.out) == without_first_line(json_a.out));
    CHECK(json_b.out.find("\"app\":\"test-app\"") != std::string::npos);
    CHECK(run(semtrace_bin + " verify " + b).code == 0);
}

TEST_CASE("info reports counts, size and state; cat prints readable lines and honours --from/--to") {
    TempDir dir;
    std::vector<format::Event> events;
    for (int i = 0; i < 10; ++i)
        events.push_back({0, i * 1'000'000, format::Action{ActionType::click, {"button '" + std::to_string(i) + "'", 0, {}}, {}}});
    auto path = write_session(dir / "s.semtrace", events);
    auto info = run(semtrace_bin + " info " + path.string());
    CHECK(info.code == 0);
    CHECK(info.out.find("events       10 (action 10)") != std::string::npos);
    CHECK(info.out.find("actions      click 10") != std::string::npos);
    CHECK(info.out.find("duration     9.000 s") != std::string::npos);
    CHECK(info.out.find("state        complete") != std::string::npos);
    auto cat = run(semtrace_bin + " cat --from 3s --to 5.5 " + path.string());
    CHECK(cat.code == 0);
    CHECK(cat.out ==
          "       3      3.000s  click         button '3'\n"
          "       4      4.000s  click         button '4'\n"
          "       5      5.000s  click         button '5'\n");
}

TEST_CASE("verify: exit 0 only when every file is intact, 1 with the reason otherwise") {
    TempDir dir;
    auto good = write_session(dir / "good.semtrace", sample_events(50));
    auto bytes = read_bytes(good);
    bytes[bytes.size() / 2] ^= 0x10;
    write_bytes(dir / "bad.semtrace", bytes);
    CHECK(run(semtrace_bin + " verify " + good.string()).code == 0);
    auto both = run(semtrace_bin + " verify " + good.string() + " " + (dir / "bad.semtrace").string());
    CHECK(both.code == 1);
    CHECK(both.out.find("ok    " + good.string()) != std::string::npos);
    CHECK(both.out.find("FAIL  " + (dir / "bad.semtrace").string() + ": ") != std::string::npos);
    CHECK(run(semtrace_bin + " verify " + (dir / "missing.semtrace").string()).code == 1);
}

TEST_CASE("record applies the policy: the built-in one masks typed text and redacts the rest") {
    TempDir dir;
    std::ofstream(dir / "in.jsonl")
        << R"({"seq":0,"t_us":0,"kind":"action","type":"fill","target":{"locator":"window 'A'/textbox 'Notes'"},"value":{"state":"plain","text":"call ann@example.com"}})"
        << "\n"
        << R"({"seq":1,"t_us":5,"kind":"action","type":"click","target":{"locator":"window 'Mail - ann@example.com'/button 'Send'"}})"
        << "\n";
    auto r = run(semtrace_bin + " record --app a --out " + (dir / "o").string() + " < " + (dir / "in.jsonl").string(), true);
    REQUIRE_MESSAGE(r.code == 0, r.out);
    auto cat = run(semtrace_bin + " cat --json " + first_line(r.out));
    CHECK(cat.out.find("ann@example.com") == std::string::npos);
    CHECK(cat.out.find("\"value\":{\"state\":\"masked\"}") != std::string::npos);
    CHECK(cat.out.find("Mail - \u27e8EMAIL\u27e9") != std::string::npos);
}

TEST_CASE("record refuses a bad line with its number and keeps the events before it") {
    TempDir dir;
    std::string input =
        "{\"kind\":\"session\",\"app\":\"piped\",\"app_version\":\"3\"}\n"
        "{\"t_us\":10,\"kind\":\"action\",\"type\":\"click\",\"target\":{\"locator\":\"button 'A'\"}}\n"
        "{\"t_us\":20,\"kind\":\"action\",\"type\":\"teleport\",\"target\":{\"locator\":\"x\"}}\n";
    write_bytes(dir / "in.jsonl", std::vector<char>(input.begin(), input.end()));
    auto r = run(semtrace_bin + " record --out " + (dir / "o").string() + " < " + (dir / "in.jsonl").string(), true);
    CHECK(r.code == 1);
    CHECK(r.out.find("stdin:3: unknown action type \"teleport\"") != std::string::npos);
    CHECK(r.out.find("the events before it were kept") != std::string::npos);
    std::string file = session_line(r.out);
    auto cat = run(semtrace_bin + " cat " + file);
    CHECK(cat.code == 0);
    CHECK(cat.out == "       0      0.000s  click         button 'A'\n");
}

TEST_CASE("record on a full disk: one line says where and why, and the file keeps the events before it") {
    TempDir dir;
    std::string input = "{\"kind\":\"session\",\"app\":\"piped\",\"app_version\":\"3\"}\n";
    for (int i = 0; i < 200000; ++i)  // locators that compress poorly: about 1 MB of file
        input += "{\"t_us\":" + std::to_string(i) + ",\"kind\":\"action\",\"type\":\"click\",\"target\":{\"locator\":\"button '" +
                 std::to_string(i * 7919 % 1000003) + "'\"}}\n";
    write_bytes(dir / "in.jsonl", std::vector<char>(input.begin(), input.end()));
    // The shell's file-size limit (64 KiB) fails the writes past it as a full disk would; its
    // signal, which would end the process, is ignored.
    auto r = run("bash -c \"trap '' XFSZ; ulimit -f 64; exec " + semtrace_bin + " record --out " + (dir / "o").string() +
                     " < " + (dir / "in.jsonl").string() + "\"", true);
    CHECK(r.code == 1);
    std::string file = session_line(r.out);
    // The file ends where the write that failed began, after whole chunks: none is torn.
    CHECK(r.out.find("semtrace record: cannot write " + file + " at offset " + std::to_string(std::filesystem::file_size(file)) +
                     ": File too large (the events before it were kept)\n") != std::string::npos);
    // The count it gives is what a reader finds in the file: the first events of the input, in order.
    auto said = r.out.find("semtrace record: ");
    REQUIRE(said != std::string::npos);
    std::uint64_t written = std::stoull(r.out.substr(said + 17));
    CHECK(written > 1000);
    auto cat = run(semtrace_bin + " cat " + file + " 2>&1");
    CHECK(cat.code == 0);
    std::size_t lines = 0;
    for (std::size_t at = 0; (at = cat.out.find('\n', at)) != std::string::npos; ++at) ++lines;
    CHECK(lines == written);
    CHECK(cat.out.find("button '" + std::to_string((written - 1) * 7919 % 1000003) + "'\n") != std::string::npos);
    auto verify = run(semtrace_bin + " verify " + file, true);
    CHECK(verify.code == 1);
    CHECK(verify.out == "FAIL  " + file + ": no footer: the writer did not finish; recovered " + std::to_string(written) + " events\n");
}

TEST_CASE("wrong usage exits 2; --help exits 0") {
    CHECK(run(semtrace_bin + " frobnicate").code == 2);
    CHECK(run(semtrace_bin + " cat").code == 2);
    CHECK(run(semtrace_bin + " cat --from soon /dev/null").code == 2);
    CHECK(run(semtrace_bin + " --help").code == 0);
}

TEST_CASE("scan finds planted secrets in a file written without redaction, and names them without their text") {
    TempDir dir;
    std::vector<format::Event> events;
    std::vector<Planted> planted = planted_secrets();
    for (const Planted& p : planted)  // as typed in ASCII, and by a full-width input method
        for (const std::string& typed : {p.secret, full_width(p.secret)})
            events.push_back({0, 0, format::Action{ActionType::fill, {"window 'Raw'/textbox 'Notes'", 0, {}},
                                                   {ValueState::plain, "note " + typed}}});
    events.push_back({0, 0, format::Marker{"plain", {{"who", "ann@example.com"}, {"url", "https://x.example/u/ann%40example.com"}}}});
    // ... and a card as a page puts it into a URL it navigates to
    events.push_back({0, 0, format::Action{ActionType::navigate, {"window 'Raw'", 0, {}},
                                           {ValueState::plain, "https://shop.example/find/4111%201111%201111%201111"}}});
    std::vector<Labelled> labelled;  // "password: hunter2", "my password is fluffy": a weak password after its label
    for (const Labelled& l : labelled_texts())
        if (!l.benign) {
            labelled.push_back(l);
            events.push_back({0, 0, format::Action{ActionType::fill, {"window 'Raw'/textbox 'Notes'", 0, {}},
                                                   {ValueState::plain, "note " + l.text}}});
        }
    auto file = write_session(dir / "raw.semtrace", events);  // the writer alone: no policy, no detectors
    auto r = run(semtrace_bin + " scan " + file.string(), true);
    CHECK(r.code == 1);
    std::size_t lines = 0;
    for (std::size_t at = 0; (at = r.out.find(": event ", at)) != std::string::npos; ++at) ++lines;
    CHECK(lines >= 2 * planted.size() + 3 + labelled.size());
    CHECK(r.out.find(": event " + std::to_string(2 * planted.size()) + ": attribute url: email (") != std::string::npos);
    CHECK(r.out.find(": event " + std::to_string(2 * planted.size() + 1) + ": value: card (") != std::string::npos);
    // Read through one pipe (2>&1), each line is whole: a finding, or the summary after them all
    // (the summary once landed inside a finding waiting in stdout's buffer, and a count fell short).
    std::size_t whole = 0, line_count = 0;
    std::istringstream out(r.out);
    for (std::string line; std::getline(out, line); ++line_count)
        whole += line.rfind(file.string() + ": event ", 0) == 0 || line.rfind("semtrace scan: ", 0) == 0;
    CHECK(whole == line_count);
    CHECK(r.out.find("\nsemtrace scan: " + std::to_string(lines) + " finding(s) in 1 file(s)") != std::string::npos);
    CHECK(r.out.find("labelled_secret") != std::string::npos);
    CHECK(r.out.find("ann@example.com") == std::string::npos);
    for (const Planted& p : planted) CHECK_MESSAGE(r.out.find(p.secret) == std::string::npos, p.secret);
    for (const Labelled& l : labelled) CHECK_MESSAGE(r.out.find(l.text) == std::string::npos, l.text);
}

TEST_CASE("scan --policy uses the policy's detectors: its custom rules find more, a disabled one finds nothing") {
    TempDir dir;
    auto file = write_session(dir / "raw.semtrace",
                              {{0, 0, format::Action{ActionType::navigate, {"page 'Shop'", 0, {}}, {ValueState::plain, "http://127.0.0.1:8080/"}}},
                               {0, 0, format::Marker{"case", {{"id", "HR-CASE-4471"}}}}});
    auto all = run(semtrace_bin + " scan " + file.string(), true);
    CHECK(all.code == 1);
    CHECK(all.out.find(": ipv4 1") != std::string::npos);
    std::ofstream(dir / "policy.json") << R"({"semtrace_policy": 1, "id": "p", "detectors": {"disable": ["ipv4"],
        "custom": [{"name": "case_number", "pattern": "\\bHR-CASE-[0-9]+\\b"}]}})";
    auto with_policy = run(semtrace_bin + " scan --policy " + (dir / "policy.json").string() + " " + file.string(), true);
    CHECK_MESSAGE(with_policy.code == 1, with_policy.out);
    CHECK(with_policy.out.find("ipv4") == std::string::npos);
    CHECK(with_policy.out.find(": case_number 1") != std::string::npos);
    std::ofstream(dir / "bad.json") << R"({"semtrace_policy": 1})";
    auto bad = run(semtrace_bin + " scan --policy " + (dir / "bad.json").string() + " " + file.string(), true);
    CHECK(bad.code != 0);
    CHECK(bad.out.find("id") != std::string::npos);
}

TEST_CASE("the minimal example records a session that verifies, redacted by its policy") {
    TempDir dir;
    std::string example = std::string(SEMTRACE_BIN_DIR) + "/semtrace-example-minimal " + (dir / "s").string();
    auto refused = run("env -u SEMTRACE_PSEUDONYM_KEY " + example, true);
    CHECK(refused.code == 1);
    CHECK(refused.out.find("SEMTRACE_PSEUDONYM_KEY is not set") != std::string::npos);
    auto r = run("SEMTRACE_PSEUDONYM_KEY=" + std::string(64, 'a') + " " + example);
    REQUIRE(r.code == 0);
    std::string file = first_line(r.out);
    CHECK(run(semtrace_bin + " verify " + file).code == 0);
    auto cat = run(semtrace_bin + " cat " + file);
    CHECK(cat.out.find("select        window 'Ticket Desk'/combobox 'Priority'  = \"High\"") != std::string::npos);
    CHECK(cat.out.find("fill          window 'Ticket Desk'/textbox 'Email'  = <masked>") != std::string::npos);
    CHECK(cat.out.find("marker        ticket.resolved queue=billing ticket=4711") != std::string::npos);
    CHECK(cat.out.find("Customer \u27e8EMAIL\u27e9 called back from \u27e8PHONE\u27e9 (Tokyo office: \u27e8PHONE\u27e9, WhatsApp \u27e8PHONE\u27e9), NI number \u27e8ID\u27e9, passport No. \u27e8ID\u27e9, her son's passport: \u27e8ID\u27e9, card on file _\u27e8CARD\u27e9_, refund to acct no \u27e8ID\u27e9, Madrid mobile \u27e8PHONE\u27e9, from the CRM: Phone\u27e8PHONE\u27e9, router ip\u27e8IP\u27e9, temporary password: \u27e8SECRET\u27e9") !=
          std::string::npos);
    CHECK(cat.out.find("fill          window 'Ticket Desk'/password 'Admin PIN'  = <masked>") != std::string::npos);
    for (std::string_view planted : {"dana@acme.example", "7946", "4111 1111", "\uff11\uff12\uff13\uff14", "4711-secret", "agent-17", "sunflower", "9876543210", "JG 10 37 59 A", "L898902C3", "7721094", "53120480", "612 34 56 78", "2345678", "192.168.1.20"})
        CHECK_MESSAGE(cat.out.find(planted) == std::string::npos, planted);
    // info shows who consented to what, as a pseudonym: never the subject's own id.
    auto info = run(semtrace_bin + " info " + file);
    CHECK(info.out.find("agent-17") == std::string::npos);
    CHECK(info.out.find("\nconsent      {\"given_at\":\"2026-11-29T09:00:00Z\"") != std::string::npos);
    CHECK(info.out.find("\"policy_id\":\"ticket-desk-support\"") != std::string::npos);
    CHECK(info.out.find("\nuser         ") != std::string::npos);
    auto scan = run(semtrace_bin + " scan " + file, true);
    CHECK_MESSAGE(scan.code == 0, scan.out);
}

TEST_CASE("tree prints the UI tree at an instant, indented, with ids an export can refer to") {
    TempDir dir;
    format::Snapshot screen{{format::Node{1, 0, "window", "Editor", {}, {}, 0},
                             format::Node{2, 1, "button", "Save", {}, {}, 0},
                             format::Node{3, 1, "textbox", "Email", {ValueState::masked, ""}, {}, 0}}};
    format::Delta later{{format::Node{2, 1, "button", "Saved", {}, {}, 0}}, {3}};
    auto file = write_session(dir / "t.semtrace", {{0, 0, format::Control{ControlType::start, 0}},
                                                   {1, 1'000'000, screen},
                                                   {2, 3'000'000, later}});
    auto at_two = run(semtrace_bin + " tree " + file.string() + " --at 2s");
    REQUIRE(at_two.code == 0);
    CHECK(without_first_line(at_two.out) == "[1] window 'Editor'\n  [2] button 'Save'\n  [3] textbox 'Email' = <masked>\n");
    auto at_end = run(semtrace_bin + " tree " + file.string());
    CHECK(without_first_line(at_end.out) == "[1] window 'Editor'\n  [2] button 'Saved'\n");
    CHECK(run(semtrace_bin + " tree " + file.string() + " --at soon").code == 2);
}

TEST_CASE("sessions written in format 1 (the header as it is, floats as four bytes) read as they did") {
    // Written by the code of 3a589ad (tests/data/golden/format1): `semtrace record` of events with
    // bounds whole, fractional, negative and huge; and examples/minimal, whose header holds the
    // consent record, a pseudonym and the policy's hash. The .jsonl beside each is what that
    // code's `cat --json` printed.
    const std::string golden = std::string(SEMTRACE_TEST_DATA) + "/golden/format1/";
    for (const char* name : {"events", "minimal"}) {
        CAPTURE(name);
        const std::string file = golden + name + ".semtrace";
        auto cat = run(semtrace_bin + " cat --json " + file);
        REQUIRE(cat.code == 0);
        std::ifstream expected_file(golden + name + ".jsonl");
        std::stringstream expected;
        expected << expected_file.rdbuf();
        CHECK(cat.out == expected.str());
        CHECK(cat.out.find("\"format_version\":1") != std::string::npos);
        CHECK(run(semtrace_bin + " verify " + file).code == 0);
    }
    auto info = run(semtrace_bin + " info " + golden + "minimal.semtrace");
    CHECK(info.out.find("(format 1)") != std::string::npos);
    CHECK(info.out.find("policy       c86f6ebc738b84f879dde20c6852703e981334149847296b686cb5b088c85d15") != std::string::npos);
}

TEST_CASE("a new session is written in format 2: its header compressed, read back whole") {
    TempDir dir;
    auto path = write_session(dir / "s.semtrace", sample_events(20));
    auto info = run(semtrace_bin + " info " + path.string());
    CHECK(info.code == 0);
    CHECK(info.out.find("(format 2)") != std::string::npos);
    CHECK(info.out.find("session      ") != std::string::npos);
}
