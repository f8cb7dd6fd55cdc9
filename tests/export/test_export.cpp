// test_export.cpp — `semtrace export` run for real: formats checked against their JSON Schemas and golden files, filters, splits, lineage, privacy, bad input.
#include <doctest/doctest.h>

#include <fstream>
#include <map>
#include <nlohmann/json.hpp>
#include <set>
#include <sstream>

#include "annotations.hpp"
#include "format/session_header.hpp"
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

void check_schema(const char* schema, const std::filesystem::path& dataset) {
    std::string files;
    for (const auto& f : std::filesystem::directory_iterator(dataset / "data")) files += " " + f.path().string();
    auto checked = run(std::string("/usr/bin/python3 ") + SEMTRACE_SOURCE_DIR + "/tests/export/validate_jsonl.py " +
                           SEMTRACE_SOURCE_DIR + "/docs/export/" + schema + files,
                       true);
    CHECK_MESSAGE(checked.code == 0, checked.out);
}

}  // namespace

TEST_CASE("golden: a hand-annotated session as trajectory and chat lines, each valid against its JSON Schema") {
    TempDir dir;
    golden_session(dir);
    for (const char* format : {"trajectory", "chat"}) {
        CAPTURE(format);
        auto out = dir / format;
        auto r = export_cli((dir / "in").string() + " --format " + format + " --out " + out.string());
        REQUIRE_MESSAGE(r.code == 0, r.out);
        check_schema((std::string(format) + ".schema.json").c_str(), out);
        std::string produced = read_text(out / "data" / "train-00000-of-00001.jsonl");
        std::filesystem::path golden_file = std::string(SEMTRACE_TEST_DATA) + "/export/" + format + ".golden.jsonl";
        if (std::getenv("SEMTRACE_UPDATE_GOLDEN")) std::ofstream(golden_file, std::ios::binary) << produced;  // then read the diff
        std::string golden = read_text(golden_file);
        CHECK_MESSAGE(produced == golden, "differs from tests/data/export/", format, ".golden.jsonl:\n", produced);
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
}

TEST_CASE("a ticket-desk session recorded for real, annotated by hand: every line of both formats is valid") {
    TempDir dir;
    std::string key = "SEMTRACE_PSEUDONYM_KEY=" + std::string(64, 'c');
    auto recorded = run(key + " " + std::string(SEMTRACE_BIN_DIR) + "/semtrace-imgui-ticket-desk --out " + (dir / "in").string() +
                        " --script " + SEMTRACE_SOURCE_DIR + "/examples/imgui_ticket_desk/demo.script");
    REQUIRE_MESSAGE(recorded.code == 0, recorded.out);
    std::filesystem::path session = first_line(recorded.out);
    replay::Task t = a_task("fix-4711", 0, 10);
    t.labels = {{2, replay::StepLabel::correct}, {4, replay::StepLabel::redundant}};
    annotate(session, {t, a_task("settings", 18, 21, replay::Outcome::failure, 2, replay::Review::draft)});
    for (const char* format : {"trajectory", "chat"}) {
        auto out = dir / format;
        auto r = export_cli((dir / "in").string() + " --format " + format + " --out " + out.string());
        REQUIRE_MESSAGE(r.code == 0, r.out);
        check_schema((std::string(format) + ".schema.json").c_str(), out);
    }
    auto lines = read_lines(dir / "trajectory");
    REQUIRE(lines.size() == 2);
    CHECK(lines[0]["steps"].size() == 11);
    CHECK(lines[0]["steps"][2]["label"] == "correct");
    CHECK(lines[0]["steps"][2]["action"]["target"]["name"] == "#4711 Printer on fire");
    CHECK(lines[0]["steps"][2]["action"]["target"]["ref"].is_number());  // in the tree the user saw
    CHECK(lines[1]["outcome"] == "failure");
    CHECK(read_lines(dir / "chat").size() == 11 + 4);
}
