// test_annotations.cpp — annotations bound to their session by content hash, strict files, atomic saves, undo and redo.
#include <doctest/doctest.h>

#include <csignal>
#include <fstream>
#include <sys/wait.h>
#include <unistd.h>

#include "annotations.hpp"
#include "support/session_files.hpp"
#include "support/temp_dir.hpp"

using namespace semtrace;
using namespace semtrace::testing;

namespace {

std::filesystem::path a_session(const TempDir& dir, const char* name, const char* marker) {
    return write_session(dir / name, {{0, 0, format::Control{ControlType::start, 0}},
                                      {1, 10, format::Marker{marker, {}}}});
}

replay::Task task(const char* id, std::uint64_t start, std::uint64_t end) {
    replay::Task t;
    t.id = id;
    t.start_step = start;
    t.end_step = end;
    return t;
}

void write_text(const std::filesystem::path& p, const std::string& text) { std::ofstream(p) << text; }

}  // namespace

TEST_CASE("annotations round-trip through the sidecar, every field kept") {
    TempDir dir;
    auto session = a_session(dir, "s.semtrace", "m");
    CHECK(replay::sidecar_path(session) == dir / "s.annot.json");
    auto hash = replay::session_content_hash(session);
    REQUIRE(hash.ok());
    CHECK(hash->size() == 32);
    replay::Annotations a{hash.value(), {}, {3, 7}};
    replay::Task t = task("t1", 2, 9);
    t.instruction = "Close ticket 4711 as solved";
    t.step_instructions = {{2, "open the ticket"}, {5, "set status"}};
    t.milestones = {5};
    t.outcome = replay::Outcome::success;
    t.rating = 4;
    t.labels = {{2, replay::StepLabel::correct}, {4, replay::StepLabel::redundant}};
    t.notes = "hesitated at step 4";
    t.review = replay::Review::submitted;
    t.annotator = "7b3d2fb3";
    a.tasks.push_back(t);
    a.tasks.push_back(task("t2", 10, 11));  // no labels: the next task's must not land here
    replay::Task third = task("t3", 12, 20);
    third.labels = {{12, replay::StepLabel::mistake}, {20, replay::StepLabel::exploratory}};
    a.tasks.push_back(third);
    REQUIRE(replay::save_annotations(replay::sidecar_path(session), a).ok());
    CHECK_FALSE(std::filesystem::exists(dir / "s.annot.json.tmp"));  // renamed into place
    auto loaded = replay::load_annotations(replay::sidecar_path(session), hash.value());
    REQUIRE_MESSAGE(loaded.ok(), (loaded.ok() ? "" : loaded.error().message));
    CHECK(loaded.value() == a);
}

TEST_CASE("a sidecar made for another session is refused, never attached; a missing one is empty") {
    TempDir dir;
    auto one = a_session(dir, "one.semtrace", "a");
    auto other = a_session(dir, "other.semtrace", "b");
    auto one_hash = replay::session_content_hash(one).value();
    auto other_hash = replay::session_content_hash(other).value();
    CHECK(one_hash != other_hash);
    auto empty = replay::load_annotations(replay::sidecar_path(one), one_hash);
    REQUIRE(empty.ok());
    CHECK(empty->tasks.empty());
    REQUIRE(replay::save_annotations(replay::sidecar_path(one), {one_hash, {task("t", 0, 1)}, {}}).ok());
    std::filesystem::copy_file(replay::sidecar_path(one), replay::sidecar_path(other));
    auto refused = replay::load_annotations(replay::sidecar_path(other), other_hash);
    REQUIRE_FALSE(refused.ok());
    CHECK(refused.error().message.find("made for another session") != std::string::npos);
    CHECK_FALSE(replay::AnnotationEditor::open(other).ok());
}

TEST_CASE("bad sidecars say what is wrong and where") {
    TempDir dir;
    auto session = a_session(dir, "s.semtrace", "m");
    auto hash = replay::session_content_hash(session).value();
    auto sidecar = replay::sidecar_path(session);
    auto error_for = [&](const std::string& text) {
        write_text(sidecar, text);
        auto r = replay::load_annotations(sidecar, hash);
        REQUIRE_FALSE(r.ok());
        return r.error().message;
    };
    std::string head = R"({"semtrace_annotations": 1, "session": ")" + hash + R"(", )";
    CHECK(error_for("{not json").find("not valid JSON") != std::string::npos);
    CHECK(error_for(R"({"semtrace_annotations": 2})").find("semtrace_annotations: must be 1") != std::string::npos);
    CHECK(error_for(head + R"("tasks": [{"id": "t", "raiting": 3}]})").find("tasks[0].raiting: unknown field") !=
          std::string::npos);
    CHECK(error_for(head + R"("tasks": [{"outcome": "great"}]})").find("tasks[0].outcome: is \"great\"") !=
          std::string::npos);
    CHECK(error_for(head + R"("tasks": [{"rating": 9}]})").find("tasks[0].rating is 9") != std::string::npos);
    CHECK(error_for(head + R"("tasks": [{"start_step": 5, "end_step": 2}]})").find("ends at step 2") !=
          std::string::npos);
    CHECK(error_for(head + R"("tasks": [{"labels": {"two": "correct"}}]})").find("tasks[0].labels.two: is not a step") !=
          std::string::npos);
    // Labels are read as the file is parsed: their errors still name the task and the step.
    CHECK(error_for(head + R"("tasks": [{"id": "a"}, {"id": "b"}, {"labels": {"3": "great"}}]})")
              .find("tasks[2].labels.3: is \"great\": use one of correct, mistake") != std::string::npos);
    CHECK(error_for(head + R"("tasks": [{"labels": {"3": 1}}]})").find("tasks[0].labels.3: has the wrong type") !=
          std::string::npos);
    CHECK(error_for(head + R"("tasks": [{"labels": {"3": {"label": "correct"}}}]})")
              .find("tasks[0].labels.3: has the wrong type") != std::string::npos);
    CHECK(error_for(head + R"("tasks": [{"labels": ["correct"]}]})").find("tasks[0].labels: must be an object") !=
          std::string::npos);
}

TEST_CASE("the editor saves every change at once, refuses invalid ones, and undoes and redoes them") {
    TempDir dir;
    auto session = a_session(dir, "s.semtrace", "m");
    auto opened = replay::AnnotationEditor::open(session);
    REQUIRE(opened.ok());
    replay::AnnotationEditor& editor = opened.value();
    auto on_disk = [&] {
        return replay::load_annotations(replay::sidecar_path(session), replay::session_content_hash(session).value())
            .value();
    };
    REQUIRE(editor.change([](replay::Annotations& a) { a.tasks.push_back(task("t1", 0, 4)); }).ok());
    REQUIRE(editor.change([](replay::Annotations& a) { a.tasks[0].rating = 5; }).ok());
    CHECK(on_disk().tasks.at(0).rating == 5);  // autosaved: a crash now loses nothing
    auto refused = editor.change([](replay::Annotations& a) { a.tasks[0].rating = 6; });
    CHECK_FALSE(refused.ok());
    CHECK(editor.annotations().tasks[0].rating == 5);
    REQUIRE(editor.undo().ok());
    CHECK(editor.annotations().tasks[0].rating == 0);
    CHECK(on_disk().tasks.at(0).rating == 0);
    REQUIRE(editor.redo().ok());
    CHECK(on_disk().tasks.at(0).rating == 5);
    REQUIRE(editor.undo().ok());
    REQUIRE(editor.change([](replay::Annotations& a) { a.hidden_steps.insert(3); }).ok());
    CHECK_FALSE(editor.can_redo());  // a new change ends the redo branch
    REQUIRE(editor.undo().ok());
    REQUIRE(editor.undo().ok());
    CHECK(editor.annotations().tasks.empty());
    CHECK_FALSE(editor.undo().ok());
    auto reopened = replay::AnnotationEditor::open(session);  // what was saved last is what opens
    REQUIRE(reopened.ok());
    CHECK(reopened->annotations().tasks.empty());
}

TEST_CASE("labels, step instructions and milestones must lie inside their task; an edit that changes nothing is no undo step") {
    TempDir dir;
    auto session = a_session(dir, "s.semtrace", "m");
    auto opened = replay::AnnotationEditor::open(session);
    REQUIRE(opened.ok());
    replay::AnnotationEditor& editor = opened.value();
    REQUIRE(editor.change([](replay::Annotations& a) { a.tasks.push_back(task("t1", 2, 4)); }).ok());
    auto label = editor.change([](replay::Annotations& a) { a.tasks[0].labels[5] = replay::StepLabel::mistake; });
    REQUIRE_FALSE(label.ok());
    CHECK(label.error().message == "tasks[0].labels holds step 5, outside the task (steps 2-4)");
    auto said = editor.change([](replay::Annotations& a) { a.tasks[0].step_instructions[1] = "opens the form"; });
    REQUIRE_FALSE(said.ok());
    CHECK(said.error().message == "tasks[0].step_instructions holds step 1, outside the task (steps 2-4)");
    CHECK(editor.annotations().tasks[0].labels.empty());
    REQUIRE(editor.change([](replay::Annotations& a) { a.tasks[0].rating = 0; }).ok());  // already 0
    REQUIRE(editor.undo().ok());
    CHECK(editor.annotations().tasks.empty());  // the undo took back the task, not the no-op
}

TEST_CASE("a sidecar being saved by a process killed at any moment is the old version or the new one, never torn") {
    TempDir dir;
    auto session = a_session(dir, "s.semtrace", "m");
    auto hash = replay::session_content_hash(session).value();
    auto sidecar = replay::sidecar_path(session);
    replay::Annotations a{hash, {task("t1", 0, 3)}, {}}, b{hash, {task("t1", 0, 3), task("t2", 4, 9)}, {2}};
    a.tasks[0].notes = std::string(100'000, 'a');  // big enough that a save takes many writes
    b.tasks[1].notes = std::string(150'000, 'b');
    REQUIRE(replay::save_annotations(sidecar, a).ok());
    int saw_a = 0, saw_b = 0;
    for (int round = 0; round < 25; ++round) {
        int ready[2];
        REQUIRE(pipe(ready) == 0);
        pid_t child = fork();
        REQUIRE(child >= 0);
        if (child == 0) {  // saves until killed, alternating the two versions; says when b was saved once
            (void)replay::save_annotations(sidecar, b);
            (void)!write(ready[1], "b", 1);
            for (;;) {
                (void)replay::save_annotations(sidecar, a);
                (void)replay::save_annotations(sidecar, b);
            }
        }
        char said = 0;
        REQUIRE(read(ready[0], &said, 1) == 1);
        close(ready[0]);
        close(ready[1]);
        usleep(static_cast<useconds_t>(500 + round * 1500));  // lands anywhere in a save, mostly mid-write
        kill(child, SIGKILL);
        waitpid(child, nullptr, 0);
        auto loaded = replay::load_annotations(sidecar, hash);
        REQUIRE_MESSAGE(loaded.ok(), "round ", round, ": ", (loaded.ok() ? "" : loaded.error().message));
        bool is_a = loaded.value() == a, is_b = loaded.value() == b;
        CHECK_MESSAGE((is_a || is_b), "round ", round, ": a sidecar that is neither version");
        saw_a += is_a;
        saw_b += is_b;
    }
    MESSAGE("killed while saving: the old version survived ", saw_a, " times, the new ", saw_b);
}
