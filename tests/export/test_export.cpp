// test_export.cpp — `semtrace export` run for real: formats checked against their JSON Schemas and golden files, filters, splits, lineage, privacy, bad input.
#include <doctest/doctest.h>

#include <fstream>
#include <map>
#include <nlohmann/json.hpp>
#include <regex>
#include <set>
#include <sstream>
#include <unordered_set>

#include "annotations.hpp"
#include "format/session_header.hpp"
#include "format/session_reader.hpp"
#include "support/commands.hpp"
#include "support/corpora.hpp"
#include "support/planted_recording.hpp"
#include "support/session_files.hpp"
#include "support/temp_dir.hpp"

using namespace semtrace;
using namespace semtrace::testing;
using json = nlohmann::json;

namespace {

std::string read_text(const std::filesystem::path& p) {
    std::ifstream in(p, std::ios::binary);
    return {std::istreambuf_iterator<char>(in), {}};
}

std::vector<json> read_lines(const std::filesystem::path& dataset) {
    std::vector<json> lines;
    std::vector<std::filesystem::path> files;
    for (const auto& f : std::filesystem::directory_iterator(dataset / "data")) files.push_back(f.path());
    std::sort(files.begin(), files.end());
    for (const auto& f : files) {
        std::istringstream in(read_text(f));
        for (std::string line; std::getline(in, line);) lines.push_back(json::parse(line));
    }
    return lines;
}

Run export_cli(const std::string& args) { return run(semtrace_bin + " export " + args, true); }

// A small editor session whose every byte is fixed: fixed id and start, a key frame, four actions
// (one on a node the recorder named only by locator), a change the app made after the third.
std::filesystem::path editor_session(const std::filesystem::path& file, const char* app = "ticket-desk",
                                     const char* session_id = "00112233445566778899aabbccddeeff",
                                     std::int64_t start_unix_us = 1'796'000'000'000'000) {
    format::SessionHeader h = format::new_session_header(app, "1.4.0");
    h.session_id = session_id;
    h.start_unix_us = start_unix_us;
    h.policy_hash = "5e1f";
    h.consent_record = R"({"given_at":"2026-11-02T09:00:00Z","policy_id":"desk","subject":"c0ffee","text_version":"v2"})";
    std::filesystem::create_directories(file.parent_path());
    format::Snapshot screen{{format::Node{1, 0, "window", "Editor", {}, {0, 0, 800, 600}, 0},
                             format::Node{2, 1, "textbox", "Email", {ValueState::masked, ""}, {10, 10, 200, 20}, 0},
                             format::Node{3, 1, "combobox", "Priority", {ValueState::plain, "Low"}, {10, 40, 200, 20}, 0},
                             format::Node{4, 1, "button", "Save", {}, {10, 70, 80, 20}, 0}}};
    return write_session(
        file,
        {{0, 0, format::Control{ControlType::start, 0}},
         {1, 100'000, screen},
         {2, 1'000'000, format::Action{ActionType::fill, {"window 'Editor'/textbox 'Email'", 2, {}}, {ValueState::masked, ""}}},
         {3, 2'000'000, format::Action{ActionType::select, {"window 'Editor'/combobox 'Priority'", 0, {}}, {ValueState::plain, "High"}}},
         {4, 2'100'000, format::Delta{{format::Node{3, 1, "combobox", "Priority", {ValueState::plain, "High"}, {10, 40, 200, 20}, 0}}, {}}},
         {5, 3'000'000, format::Action{ActionType::fill, {"window 'Editor'/textbox 'Notes'", 0, {}}, {ValueState::redacted, "call \u27e8PHONE\u27e9"}}},
         {6, 4'000'000, format::Action{ActionType::click, {"window 'Editor'/button 'Save'", 4, {}}, {}}},
         {7, 4'500'000, format::Control{ControlType::end, 0}}},
        {}, 0, true, &h);
}

replay::Task a_task(const char* id, std::uint64_t start, std::uint64_t end, replay::Outcome outcome = replay::Outcome::success,
                    int rating = 5, replay::Review review = replay::Review::approved) {
    replay::Task t;
    t.id = id;
    t.start_step = start;
    t.end_step = end;
    t.instruction = "Set the priority to High and save";
    t.outcome = outcome;
    t.rating = rating;
    t.review = review;
    t.annotator = "ann-1";
    return t;
}

void annotate(const std::filesystem::path& session, std::vector<replay::Task> tasks, std::set<std::uint64_t> hidden = {}) {
    replay::Annotations a{replay::session_content_hash(session).value(), std::move(tasks), std::move(hidden)};
    REQUIRE(replay::save_annotations(replay::sidecar_path(session), a).ok());
}

// The hand-annotated editor session the golden files were made from.
std::filesystem::path golden_session(const TempDir& dir) {
    auto s = editor_session(dir / "in" / "editor.semtrace");
    replay::Task t = a_task("t1", 0, 3);
    t.labels = {{0, replay::StepLabel::correct}, {1, replay::StepLabel::correct}, {2, replay::StepLabel::mistake}};
    t.step_instructions = {{1, "choose High"}};
    t.milestones = {3};
    annotate(s, {t}, {2});  // the mistake is hidden from exports
    return s;
}

// The first shard compared with tests/data/export/NAME.golden.jsonl, after what differs from one
// recording to the next (the file's hash, the session id, times) is replaced by fixed marks.
// SEMTRACE_UPDATE_GOLDEN=1 writes the golden file instead: then read its diff before committing.
void check_golden(const std::filesystem::path& dataset, const std::string& name,
                  const std::vector<std::string>& varying = {}, bool times_vary = false) {
    std::string produced = read_text(dataset / "data" / "train-00000-of-00001.jsonl");
    for (const std::string& v : varying)
        for (std::size_t at; (at = produced.find(v)) != std::string::npos;) produced.replace(at, v.size(), "<varies>");
    if (times_vary) produced = std::regex_replace(produced, std::regex(R"("t":[0-9.e+-]+)"), "\"t\":0");
    std::filesystem::path golden_file = std::string(SEMTRACE_TEST_DATA) + "/export/" + name + ".golden.jsonl";
    if (std::getenv("SEMTRACE_UPDATE_GOLDEN")) std::ofstream(golden_file, std::ios::binary) << produced;
    CHECK_MESSAGE(produced == read_text(golden_file), "differs from tests/data/export/", name, ".golden.jsonl:\n", produced);
}

void check_schema(const char* schema, const std::filesystem::path& dataset) {
    std::string files;
    for (const auto& f : std::filesystem::directory_iterator(dataset / "data")) files += " " + f.path().string();
    auto checked = run(std::string("/usr/bin/python3 ") + SEMTRACE_SOURCE_DIR + "/tests/export/validate_jsonl.py " +
                           SEMTRACE_SOURCE_DIR + "/docs/export/" + schema + files,
                       true);
    CHECK_MESSAGE(checked.code == 0, checked.out);
}

}  // namespace

TEST_CASE("golden: a hand-annotated session in every format, each line valid against its JSON Schema") {
    TempDir dir;
    golden_session(dir);
    for (const char* format : {"trajectory", "chat", "adp", "mind2web"}) {
        CAPTURE(format);
        auto out = dir / format;
        auto r = export_cli((dir / "in").string() + " --format " + format + " --out " + out.string());
        REQUIRE_MESSAGE(r.code == 0, r.out);
        check_schema((std::string(format) + ".schema.json").c_str(), out);
        check_golden(out, format);
    }
    // What the golden files say, spelled out: the hidden step is left out, the rest as annotated.
    auto lines = read_lines(dir / "trajectory");
    REQUIRE(lines.size() == 1);
    const json& steps = lines[0]["steps"];
    REQUIRE(steps.size() == 3);
    CHECK(steps[0]["index"] == 0);
    CHECK(steps[1]["index"] == 1);
    CHECK(steps[2]["index"] == 3);
    CHECK(steps[0]["action"]["value"] == json{{"state", "masked"}});
    CHECK(steps[1]["action"]["target"]["ref"] == 3);  // found by its locator in the tree
    CHECK(steps[1]["step_instruction"] == "choose High");
    CHECK(steps[2]["action"]["target"]["ref"] == 4);
    CHECK(steps[2]["milestone"] == true);
    CHECK(steps[2]["observation"].get<std::string>().find("[3] combobox 'Priority' = \"High\"") != std::string::npos);
    CHECK(read_lines(dir / "chat").size() == 3);  // a line per step
    auto mind2web = read_lines(dir / "mind2web").at(0);
    CHECK(mind2web["action_reprs"] == json::array({"[textbox]  Email -> TYPE: <masked>", "[combobox]  Priority -> SELECT: High",
                                                   "[button]  Save -> CLICK"}));
    CHECK(mind2web["actions"][2]["pos_candidates"][0]["backend_node_id"] == "4");
    CHECK(mind2web["actions"][2]["neg_candidates"].size() == 2);  // the other interactive nodes: Email, Priority
}

TEST_CASE("golden: a ticket-desk session recorded for real, annotated by hand, in every format, every line valid") {
    TempDir dir;
    std::string key = "SEMTRACE_PSEUDONYM_KEY=" + std::string(64, 'c');
    auto recorded = run(key + " " + std::string(SEMTRACE_BIN_DIR) + "/semtrace-imgui-ticket-desk --out " + (dir / "in").string() +
                        " --script " + SEMTRACE_SOURCE_DIR + "/examples/imgui_ticket_desk/demo.script");
    REQUIRE_MESSAGE(recorded.code == 0, recorded.out);
    std::filesystem::path session = first_line(recorded.out);
    replay::Task t = a_task("fix-4711", 0, 10);
    t.labels = {{2, replay::StepLabel::correct}, {4, replay::StepLabel::redundant}};
    annotate(session, {t, a_task("settings", 18, 21, replay::Outcome::failure, 2, replay::Review::draft)});
    for (const char* format : {"trajectory", "chat", "adp", "mind2web"}) {
        auto out = dir / format;
        auto r = export_cli((dir / "in").string() + " --format " + format + " --out " + out.string());
        REQUIRE_MESSAGE(r.code == 0, r.out);
        check_schema((std::string(format) + ".schema.json").c_str(), out);
        // The robot drives the same UI the same way every run: only times and ids differ.
        auto header = format::SessionReader::open(session).value().header();
        check_golden(out, std::string("ticket-desk.") + format,
                     {replay::session_content_hash(session).value(), header.session_id}, true);
    }
    auto lines = read_lines(dir / "trajectory");
    REQUIRE(lines.size() == 2);
    CHECK(lines[0]["steps"].size() == 11);
    CHECK(lines[0]["steps"][2]["label"] == "correct");
    CHECK(lines[0]["steps"][2]["action"]["target"]["name"] == "#4711 Printer on fire");
    CHECK(lines[0]["steps"][2]["action"]["target"]["ref"].is_number());  // in the tree the user saw
    CHECK(lines[1]["outcome"] == "failure");
    CHECK(read_lines(dir / "chat").size() == 11 + 4);
    // A tool call points at an [id] of the screen it was given, or names its target by locator:
    // the first step opens the window before any snapshot, so both kinds occur here.
    std::set<std::string> kinds;
    for (const auto& line : read_lines(dir / "chat")) {
        auto args = nlohmann::json::parse(line["messages"][2]["tool_calls"][0]["function"]["arguments"].get<std::string>());
        std::string screen = line["messages"][1]["content"];
        if (args.contains("ref")) {
            kinds.insert("ref");
            CHECK_MESSAGE(screen.find("[" + std::to_string(args["ref"].get<std::uint64_t>()) + "]") != std::string::npos, args);
        } else {
            kinds.insert("element");
            CHECK_MESSAGE(!args["element"].get<std::string>().empty(), args);
        }
    }
    CHECK(kinds == std::set<std::string>{"element", "ref"});
    for (const auto& line : read_lines(dir / "adp")) {
        std::string screen;
        for (const auto& item : line["content"]) {
            if (item["class_"] == "web_observation") screen = item["axtree"];
            if (item["class_"] == "api_action" && item["kwargs"].contains("ref"))
                CHECK_MESSAGE(screen.find("[" + std::to_string(item["kwargs"]["ref"].get<std::uint64_t>()) + "]") != std::string::npos,
                              item);
        }
    }
}

TEST_CASE("splits by session, deterministic for a seed, byte-identical twice; numbered shards") {
    TempDir dir;
    for (int i = 0; i < 40; ++i) {
        char id[33];
        std::snprintf(id, sizeof id, "%032x", i + 1);
        auto s = editor_session(dir / "in" / ("s" + std::to_string(i) + ".semtrace"), "ticket-desk", id);
        replay::Task first = a_task("a", 0, 1), second = a_task("b", 2, 3);
        first.instruction += " #" + std::to_string(i);  // distinct work: not duplicates
        second.instruction += " #" + std::to_string(i);
        annotate(s, {first, second});
    }
    std::string args = (dir / "in").string() + " --split train=0.75,val=0.25 --seed 7 --shard-size 9 --out ";
    REQUIRE(export_cli(args + (dir / "one").string()).code == 0);
    REQUIRE(export_cli(args + (dir / "two").string()).code == 0);
    for (const auto& f : std::filesystem::recursive_directory_iterator(dir / "one")) {
        if (!f.is_regular_file()) continue;
        auto rel = std::filesystem::relative(f.path(), dir / "one");
        CHECK_MESSAGE(read_text(f.path()) == read_text(dir / "two" / rel), rel.string(), " differs between two runs");
    }
    std::map<std::string, std::set<std::string>> sessions_in;  // split -> sessions
    std::size_t lines = 0;
    for (const auto& f : std::filesystem::directory_iterator(dir / "one" / "data")) {
        std::string name = f.path().filename().string();
        std::string split = name.substr(0, name.find('-'));
        std::istringstream in(read_text(f.path()));
        std::size_t in_file = 0;
        for (std::string line; std::getline(in, line); ++in_file) sessions_in[split].insert(json::parse(line)["session"]);
        CHECK(in_file <= 9);
        lines += in_file;
        CHECK(name.find("-of-0000") != std::string::npos);
    }
    CHECK(lines == 80);
    REQUIRE(sessions_in.size() == 2);
    CHECK(sessions_in["train"].size() + sessions_in["val"].size() == 40);  // each session in one split only
    for (const auto& s : sessions_in["val"]) CHECK(sessions_in["train"].count(s) == 0);
    CHECK(sessions_in["val"].size() >= 4);  // a quarter of 40, give or take what hashing gives
    CHECK(sessions_in["val"].size() <= 18);
    json manifest = json::parse(read_text(dir / "one" / "manifest.json"));
    CHECK(manifest["splits"]["train"]["files"].size() == (manifest["splits"]["train"]["lines"].get<int>() + 8) / 9);
    CHECK(read_text(dir / "one" / "DATASET_CARD.md").find("  - split: val\n    path: data/val-*") != std::string::npos);

    REQUIRE(export_cli((dir / "in").string() + " --split train=0.75,val=0.25 --seed 8 --out " + (dir / "seed8").string()).code == 0);
    std::set<std::string> val8;
    for (const auto& f : std::filesystem::directory_iterator(dir / "seed8" / "data"))
        if (f.path().filename().string().rfind("val-", 0) == 0) {
            std::istringstream in(read_text(f.path()));
            for (std::string line; std::getline(in, line);) val8.insert(json::parse(line)["session"]);
        }
    CHECK(val8 != sessions_in["val"]);  // another seed, another split
}

TEST_CASE("filters: outcome, rating, review, label, app, dates; hidden steps and unannotated sessions on request") {
    TempDir dir;
    auto a = editor_session(dir / "in" / "a.semtrace", "ticket-desk", "0000000000000000000000000000000a", 1'796'000'000'000'000);
    auto b = editor_session(dir / "in" / "b.semtrace", "Mail Client", "0000000000000000000000000000000b", 1'797'000'000'000'000);
    editor_session(dir / "in" / "c.semtrace", "ticket-desk", "0000000000000000000000000000000c");  // not annotated
    replay::Task good = a_task("good", 0, 3), failed = a_task("failed", 0, 1, replay::Outcome::failure, 2, replay::Review::draft);
    good.labels = {{1, replay::StepLabel::mistake}};
    annotate(a, {good, failed}, {0});
    annotate(b, {a_task("mail", 1, 2, replay::Outcome::success, 4, replay::Review::submitted)});
    auto task_ids = [&](const std::string& flags) {
        static int n = 0;
        auto out = dir / ("out" + std::to_string(n++));
        auto r = export_cli((dir / "in").string() + " " + flags + " --out " + out.string());
        REQUIRE_MESSAGE(r.code == 0, r.out);
        std::vector<std::string> ids;
        for (const json& line : read_lines(out)) ids.push_back(line["task_id"]);
        std::sort(ids.begin(), ids.end());
        return ids;
    };
    using ids = std::vector<std::string>;
    CHECK(task_ids("") == ids{"failed", "good", "mail"});
    CHECK(task_ids("--outcome success") == ids{"good", "mail"});
    CHECK(task_ids("--min-rating 4") == ids{"good", "mail"});
    CHECK(task_ids("--review approved") == ids{"good"});
    CHECK(task_ids("--label mistake") == ids{"good"});
    CHECK(task_ids("--app mail") == ids{"mail"});
    CHECK(task_ids("--since 2026-12-01") == ids{"mail"});  // b started later
    CHECK(task_ids("--until 2026-11-30") == ids{"failed", "good"});
    CHECK(task_ids("--include-unannotated") == ids{"failed", "good", "mail", "session"});
    auto steps_of_good = [&](const std::string& flags) {
        static int n = 0;
        auto out = dir / ("steps" + std::to_string(n++));
        REQUIRE(export_cli((dir / "in").string() + " --review approved " + flags + " --out " + out.string()).code == 0);
        return read_lines(out).at(0)["steps"].size();
    };
    CHECK(steps_of_good("") == 3);  // step 0 is hidden
    CHECK(steps_of_good("--include-hidden") == 4);
    auto dry = export_cli((dir / "in").string() + " --dry-run --outcome success");
    CHECK(dry.code == 0);
    CHECK(dry.out.find("would export 2 trajectories (5 steps)") != std::string::npos);
    CHECK(dry.out.find("1 session without annotations left out") != std::string::npos);
}

TEST_CASE("duplicates are left out and counted; the manifest tells which datasets hold a session") {
    TempDir dir;
    // Two recordings of the same work: different files (ids), identical trajectories.
    auto a = editor_session(dir / "in" / "a.semtrace", "ticket-desk", "000000000000000000000000000000aa");
    auto b = editor_session(dir / "in" / "b.semtrace", "ticket-desk", "000000000000000000000000000000bb");
    auto other = editor_session(dir / "elsewhere" / "c.semtrace", "ticket-desk", "000000000000000000000000000000cc");
    annotate(a, {a_task("t", 0, 3)});
    annotate(b, {a_task("t", 0, 3)});
    annotate(other, {a_task("t", 0, 2)});
    auto r = export_cli((dir / "in").string() + " --out " + (dir / "datasets" / "v1").string());
    REQUIRE_MESSAGE(r.code == 0, r.out);
    CHECK(r.out.find("exported 1 trajectory (4 steps, 1 line) from 1 session") != std::string::npos);
    CHECK(r.out.find("1 duplicate left out") != std::string::npos);
    json manifest = json::parse(read_text(dir / "datasets" / "v1" / "manifest.json"));
    CHECK(manifest["duplicates_dropped"] == 1);
    CHECK(manifest["sessions"].size() == 1);
    CHECK(manifest["sessions"][0]["consent"]["subject"] == "c0ffee");
    CHECK(manifest["sessions"][0]["annotators"] == json::array({"ann-1"}));
    REQUIRE(export_cli((dir / "in").string() + " " + (dir / "elsewhere").string() + " --out " + (dir / "datasets" / "v2").string()).code == 0);

    auto holds = export_cli("--check-manifest " + a.string() + " " + (dir / "datasets").string());
    CHECK(holds.code == 0);
    CHECK(holds.out.find((dir / "datasets" / "v1").string() + ": holds") != std::string::npos);
    CHECK(holds.out.find((dir / "datasets" / "v2").string() + ": holds") != std::string::npos);
    auto by_id = export_cli("--check-manifest 000000000000000000000000000000cc " + (dir / "datasets").string());
    CHECK(by_id.code == 0);
    CHECK(by_id.out.find("v1") == std::string::npos);
    CHECK(by_id.out.find("v2: holds") != std::string::npos);
    auto none = export_cli("--check-manifest " + b.string() + " " + (dir / "datasets").string());  // left out as a duplicate
    CHECK(none.code == 1);
    CHECK(none.out.find("no dataset among 2 manifests holds") != std::string::npos);
}

TEST_CASE("planted secrets recorded every way an app can hand them over never appear in any export format") {
    TempDir dir;
    auto started = Recorder::start(planted_options(dir));
    REQUIRE(started.ok());
    auto secrets = planted_secrets();
    for (const Planted& p : secrets) record_everywhere(*started.value(), p.secret);
    auto summary = started.value()->stop();
    REQUIRE(summary.ok());
    for (const char* format : {"trajectory", "chat", "adp", "mind2web"}) {
        auto out = dir / format;
        auto r = export_cli(summary->file.string() + " --include-unannotated --include-hidden --format " + format +
                            " --out " + out.string());
        REQUIRE_MESSAGE(r.code == 0, r.out);
        std::string all;
        for (const auto& f : std::filesystem::recursive_directory_iterator(out)) {
            if (!f.is_regular_file()) continue;
            std::string text = read_text(f.path());
            if (f.path().extension() != ".jsonl" || std::string(format) != "chat") {
                all += text;
                continue;
            }
            // A chat line's system message and tools are constants of ours: what came from the
            // session is the user message and the tool call between them.
            std::istringstream in(text);
            for (std::string line; std::getline(in, line);) {
                std::size_t from = line.find("{\"role\":\"user\""), to = line.rfind(",\"tools\":");
                REQUIRE((from != std::string::npos && to != std::string::npos));
                all.append(line, from, to - from).append("\n");
            }
        }
        CHECK(all.size() > 100'000);  // the export holds the session's content
        CHECK(all.find("note: \u27e8EMAIL\u27e9") != std::string::npos);  // redacted text, placeholders kept
        // Each step repeats the screen: searched once per distinct line, the search takes seconds, not minutes.
        std::unordered_set<std::string_view> seen;
        std::string distinct;
        std::string_view rest(all);
        while (!rest.empty()) {
            std::size_t cut = std::min(rest.find("\\n"), rest.find('\n'));
            std::string_view piece = rest.substr(0, cut);
            if (seen.insert(piece).second) distinct.append(piece).append("\x01");
            rest = cut == std::string_view::npos ? std::string_view() : rest.substr(cut + (rest[cut] == '\n' ? 1 : 2));
        }
        int leaked = 0;
        for (const Planted& p : secrets) {
            std::string as_json = json(p.secret).dump();  // as it would be written, escapes and all
            std::string_view inner(as_json.data() + 1, as_json.size() - 2);
            bool found = false;
            for (std::size_t start = 0; start <= inner.size() && !found;) {  // each line of a many-line secret
                std::size_t end = std::min(inner.find("\\n", start), inner.size());
                std::string_view line = inner.substr(start, end - start);
                found = line.size() >= 6 && distinct.find(line) != std::string::npos;
                start = end + 2;
            }
            std::string digits = digits_only(p.secret);
            if (found || (!digits.empty() && distinct.find(digits) != std::string::npos)) {
                ++leaked;
                MESSAGE(std::string(format), " leaked ", p.kind, ": ", p.secret);
            }
        }
        CHECK(leaked == 0);
    }
}

TEST_CASE("bad input: a corrupt session among good ones, another session's sidecar, an empty task, a used folder") {
    TempDir dir;
    auto good = editor_session(dir / "in" / "good.semtrace");
    annotate(good, {a_task("t", 0, 3), a_task("all-hidden", 1, 2)}, {1, 2});
    auto stray = editor_session(dir / "in" / "stray.semtrace", "ticket-desk", "000000000000000000000000000000ff");
    std::filesystem::copy_file(replay::sidecar_path(good), replay::sidecar_path(stray));
    std::ofstream(dir / "in" / "corrupt.semtrace") << "not a session at all, but named like one";
    auto r = export_cli((dir / "in").string() + " " + (dir / "missing").string() + " --out " + (dir / "out").string());
    CHECK(r.code == 3);  // partial
    CHECK(r.out.find((dir / "in" / "corrupt.semtrace").string() + ": skipped: ") != std::string::npos);
    CHECK(r.out.find((dir / "in" / "stray.semtrace").string() + ": skipped: ") != std::string::npos);
    CHECK(r.out.find("another session") != std::string::npos);
    CHECK(r.out.find("task all-hidden has no step to export") != std::string::npos);
    CHECK(r.out.find((dir / "missing").string() + ": no such file or folder") != std::string::npos);
    CHECK(r.out.find("4 input(s) could not be exported") != std::string::npos);
    auto lines = read_lines(dir / "out");
    REQUIRE(lines.size() == 1);  // the good session's task went out all the same
    CHECK(lines[0]["task_id"] == "t");

    auto again = export_cli(good.string() + " --out " + (dir / "out").string());
    CHECK(again.code == 1);
    CHECK(again.out.find("is not empty: export into a new folder") != std::string::npos);
    CHECK(read_lines(dir / "out").size() == 1);  // untouched
    auto usage = export_cli(good.string() + " --out " + (dir / "x").string() + " --split train=0.5,val=0.3");
    CHECK(usage.code == 2);
    CHECK(usage.out.find("add up to 0.8") != std::string::npos);
}
