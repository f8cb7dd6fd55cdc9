// cmd_export.cpp — `semtrace export`: annotated sessions into a training dataset; `--check-manifest`: which datasets hold a session.
#include <algorithm>
#include <cstdio>
#include <fstream>
#include <nlohmann/json.hpp>
#include <unistd.h>

#include "commands.hpp"
#include "dataset_writer.hpp"
#include "format/session_reader.hpp"
#include "say.hpp"
#include "session_catalog.hpp"

namespace semtrace::cli {

namespace {

// Every *.semtrace file named or under a named folder, sorted: the order does not depend on the
// order of the arguments or of the file system. Inputs that are neither are reported.
std::vector<std::filesystem::path> session_files(const std::vector<std::string>& inputs, int& bad_inputs) {
    std::vector<std::filesystem::path> files;
    for (const std::string& input : inputs) {
        std::error_code ec;
        if (std::filesystem::is_directory(input, ec)) {
            for (const auto& entry : std::filesystem::recursive_directory_iterator(input, ec))
                if (entry.path().extension() == ".semtrace" && entry.is_regular_file(ec)) files.push_back(entry.path());
        } else if (std::filesystem::is_regular_file(input, ec)) {
            files.emplace_back(input);
        } else {
            say("semtrace export: %s: no such file or folder; skipped\n", input.c_str());
            ++bad_inputs;
        }
    }
    std::sort(files.begin(), files.end());
    files.erase(std::unique(files.begin(), files.end()), files.end());
    return files;
}

std::string filters_text(const ExportOptions& o) {
    std::string text;
    auto add = [&](const std::string& part) { text += (text.empty() ? "" : ", ") + part; };
    if (o.tasks.outcome) add(std::string("outcome ") + replay::name_of(*o.tasks.outcome));
    if (o.tasks.min_rating) add("rating at least " + std::to_string(o.tasks.min_rating));
    if (o.tasks.review) add(std::string("review ") + replay::name_of(*o.tasks.review));
    if (o.tasks.label) add(std::string("a step labelled ") + replay::name_of(*o.tasks.label));
    if (!o.sessions.app.empty()) add("app name containing '" + o.sessions.app + "'");
    if (o.sessions.since_unix_us) add("started from " + replay::format_unix_us(*o.sessions.since_unix_us) + " UTC");
    if (o.sessions.until_unix_us) add("started before " + replay::format_unix_us(*o.sessions.until_unix_us) + " UTC");
    add(o.tasks.include_unannotated ? "unannotated sessions included whole" : "unannotated sessions left out");
    add(o.tasks.include_hidden ? "hidden steps included" : "hidden steps left out");
    return text;
}

// "1 session", "2 sessions": counts as a person writes them.
std::string counted(std::uint64_t n, const char* one, const char* many) {
    return std::to_string(n) + " " + (n == 1 ? one : many);
}

void progress(std::size_t done, std::size_t total, std::uint64_t trajectories) {
    static const bool tty = isatty(STDERR_FILENO) != 0;  // a log file gets the summary only
    if (!tty) return;
    const int width = 30;
    int filled = total ? static_cast<int>(static_cast<double>(done) / static_cast<double>(total) * width) : width;
    say("\r[%.*s%*s] %zu/%zu sessions, %llu trajectories", filled, "##############################",
                 width - filled, "", done, total, static_cast<unsigned long long>(trajectories));
    if (done == total) std::fputc('\n', stderr);
}

}  // namespace

int run_export(const std::vector<std::string>& inputs, const ExportOptions& options) {
    int failures = 0;
    std::vector<std::filesystem::path> files = session_files(inputs, failures);
    dataset::ExportSettings settings{options.format, options.splits, options.seed, options.shard_size,
                                     options.command_line, filters_text(options)};
    std::unique_ptr<dataset::DatasetWriter> writer;
    if (!options.dry_run) {
        auto created = dataset::DatasetWriter::create(options.out, settings);
        if (!created) {
            say("semtrace export: %s\n", created.error().message.c_str());
            return exit_failed;
        }
        writer = std::move(created.value());
    }
    std::uint64_t unannotated = 0, planned_trajectories = 0, planned_steps = 0;
    for (std::size_t i = 0; i < files.size(); ++i) {
        const std::filesystem::path& file = files[i];
        replay::SessionEntry entry = replay::describe_session(file);  // header, duration, annotation state
        if (entry.error.empty() && !options.sessions.matches(entry)) {
            progress(i + 1, files.size(), writer ? writer->stats().trajectories : planned_trajectories);
            continue;
        }
        auto record = dataset::read_trajectories(file, options.tasks);
        if (!record) {
            say("%s%s: skipped: %s\n", isatty(STDERR_FILENO) ? "\n" : "", file.c_str(),
                         record.error().message.c_str());
            ++failures;
            continue;
        }
        for (const std::string& id : record->empty_tasks) {
            say("%s: task %s has no step to export (hidden, or past the session's end): refused\n",
                         file.c_str(), id.c_str());
            ++failures;
        }
        if (entry.annotation == replay::AnnotationState::none && !options.tasks.include_unannotated) ++unannotated;
        if (options.dry_run) {
            std::uint64_t steps = 0;
            for (const auto& t : record->tasks) steps += t.steps.size();
            if (!record->tasks.empty())
                std::printf("%s: %zu tasks, %llu steps -> %s\n", file.c_str(), record->tasks.size(),
                            static_cast<unsigned long long>(steps),
                            dataset::split_of(options.splits, options.seed, record->content_hash).c_str());
            planned_trajectories += record->tasks.size();
            planned_steps += steps;
        } else if (auto added = writer->add(record.value()); !added) {
            say("semtrace export: %s\n", added.error().message.c_str());
            return exit_failed;  // the disk, not the input: what was written stays, unnamed as shards
        }
        progress(i + 1, files.size(), writer ? writer->stats().trajectories : planned_trajectories);
    }
    if (unannotated)
        say("%s without annotations left out (--include-unannotated exports them whole)\n",
                     counted(unannotated, "session", "sessions").c_str());
    if (options.dry_run) {
        std::printf("would export %s (%s) from %s; nothing written\n",
                    counted(planned_trajectories, "trajectory", "trajectories").c_str(),
                    counted(planned_steps, "step", "steps").c_str(), counted(files.size(), "session file", "session files").c_str());
    } else {
        if (auto done = writer->finish(); !done) {
            say("semtrace export: %s\n", done.error().message.c_str());
            return exit_failed;
        }
        const dataset::ExportStats& s = writer->stats();
        std::printf("exported %s (%s, %s) from %s into %s:", counted(s.trajectories, "trajectory", "trajectories").c_str(),
                    counted(s.steps, "step", "steps").c_str(), counted(s.lines, "line", "lines").c_str(),
                    counted(s.sessions, "session", "sessions").c_str(), options.out.c_str());
        for (const auto& split : options.splits) {
            auto n = s.by_split.find(split.name);
            std::printf(" %s %llu", split.name.c_str(), static_cast<unsigned long long>(n == s.by_split.end() ? 0 : n->second));
        }
        std::printf("; %s left out; manifest.json, DATASET_CARD.md\n", counted(s.duplicates, "duplicate", "duplicates").c_str());
    }
    if (failures) {
        say("semtrace export: %d input(s) could not be exported (above); the rest was\n", failures);
        return exit_partial;
    }
    return exit_ok;
}

int run_check_manifest(const std::string& session, const std::vector<std::string>& dataset_dirs) {
    std::string wanted = session;
    std::error_code ec;
    if (std::filesystem::is_regular_file(session, ec)) {
        auto hash = replay::session_content_hash(session);
        if (!hash) {
            say("semtrace export: %s\n", hash.error().message.c_str());
            return exit_failed;
        }
        wanted = hash.value();
    }
    std::vector<std::filesystem::path> manifests;
    for (const std::string& dir : dataset_dirs) {
        if (std::filesystem::is_regular_file(std::filesystem::path(dir) / "manifest.json", ec))
            manifests.push_back(std::filesystem::path(dir) / "manifest.json");
        for (const auto& entry : std::filesystem::recursive_directory_iterator(dir, ec))
            if (entry.path().filename() == "manifest.json" && entry.path().parent_path() != dir) manifests.push_back(entry.path());
    }
    std::sort(manifests.begin(), manifests.end());
    int found = 0;
    for (const auto& path : manifests) {
        std::ifstream in(path);
        nlohmann::json manifest = nlohmann::json::parse(in, nullptr, false);
        if (manifest.is_discarded() || !manifest.contains("sessions")) {
            say("%s: not an export manifest (not JSON, or no sessions); skipped\n", path.c_str());
            continue;
        }
        for (const auto& s : manifest["sessions"])
            if (s.value("session", "") == wanted || s.value("session_id", "") == wanted) {
                std::printf("%s: holds %s (%s, split %s, %llu trajectories)\n", path.parent_path().c_str(),
                            s.value("session", "").c_str(), s.value("file", "").c_str(), s.value("split", "").c_str(),
                            static_cast<unsigned long long>(s.value("trajectories", 0ULL)));
                ++found;
            }
    }
    if (found == 0) {
        std::printf("no dataset among %zu manifests holds %s\n", manifests.size(), wanted.c_str());
        return exit_failed;
    }
    return exit_ok;
}

}  // namespace semtrace::cli
