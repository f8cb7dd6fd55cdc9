// main.cpp — the `semtrace` command: reads, checks and writes session files.
#include <CLI/CLI.hpp>

#include "commands.hpp"
#include "semtrace/version.hpp"

int main(int argc, char** argv) {
    using namespace semtrace::cli;
    CLI::App app{"semtrace: inspect, verify and create semtrace session files.\n"
                 "Exit codes: 0 success, 1 a file is damaged or input is invalid, 2 wrong usage."};
    app.set_version_flag("--version", std::string(semtrace::sdk_version));
    app.require_subcommand(1);

    std::vector<std::string> info_files;
    auto* info = app.add_subcommand("info", "Show a session's metadata, duration, event counts, size and state");
    info->add_option("FILE", info_files, "session files")->required()->check(CLI::ExistingFile);

    std::string cat_file, from_text, to_text;
    bool cat_json = false;
    auto* cat = app.add_subcommand("cat", "Print a session's events, one per line");
    cat->add_option("FILE", cat_file, "session file")->required()->check(CLI::ExistingFile);
    cat->add_option("--from", from_text, "start at this time since session start (12.5, 12.5s, 250ms, 2m)");
    cat->add_option("--to", to_text, "stop after this time since session start");
    cat->add_flag("--json", cat_json, "JSON lines (docs/jsonl.md): a session line, then one line per event");

    std::vector<std::string> verify_files;
    bool verify_quiet = false;
    auto* verify = app.add_subcommand("verify", "Check every byte of session files; exit 0 only if all are intact");
    verify->add_option("FILE", verify_files, "session files")->required();
    verify->add_flag("-q,--quiet", verify_quiet, "print only failures");

    std::string tree_file, tree_at;
    auto* tree = app.add_subcommand("tree", "Print the UI tree the user saw at an instant, as indented text");
    tree->add_option("FILE", tree_file, "session file")->required()->check(CLI::ExistingFile);
    tree->add_option("--at", tree_at, "time since session start (12.5, 12.5s, 250ms, 2m); default: the end");

    std::vector<std::string> scan_files;
    auto* scan = app.add_subcommand("scan", "Re-run the PII and secret detectors over sessions; exit 1 if any finds something");
    scan->add_option("FILE", scan_files, "session files")->required()->check(CLI::ExistingFile);
    std::string scan_policy;
    scan->add_option("--policy", scan_policy, "scan with this policy's detectors (its custom rules, without those it disables); default: every built-in one")
        ->check(CLI::ExistingFile);

    std::string out_dir, app_name, app_version, policy_file;
    int level = 3;
    auto* record = app.add_subcommand("record", "Write JSON-line events from standard input into a new session");
    record->add_option("--out", out_dir, "directory for the session file (created if missing)")->required();
    record->add_option("--app", app_name, "app name, when the input has no session line");
    record->add_option("--app-version", app_version, "app version, when the input has no session line");
    record->add_option("--level", level, "zstd compression level")->check(CLI::Range(1, 19));
    record->add_option("--policy", policy_file, "privacy policy (docs/policy.md); default: mask all typed text")
        ->check(CLI::ExistingFile);

    std::vector<std::string> export_inputs;
    std::string export_format = "trajectory", export_out, outcome, review, label, since, until, split_text, check_session;
    ExportOptions export_options;
    auto* exporter = app.add_subcommand(
        "export", "Write annotated sessions as a training dataset (docs/export.md); exit 3 if some inputs were skipped");
    exporter->add_option("INPUT", export_inputs, "session files and folders of them (or, with --check-manifest, dataset folders)")
        ->required();
    exporter->add_option("--format", export_format,
                         "trajectory (our JSONL), chat (messages with tool calls), adp (Agent Data Protocol) or mind2web")
        ->check(CLI::IsMember({"trajectory", "chat", "adp", "mind2web"}));
    exporter->add_option("--out", export_out, "a new or empty folder for the dataset");
    exporter->add_option("--outcome", outcome, "only tasks with this outcome")->check(CLI::IsMember({"success", "failure", "abandoned"}));
    exporter->add_option("--min-rating", export_options.tasks.min_rating, "only tasks rated at least this")->check(CLI::Range(1, 5));
    exporter->add_option("--review", review, "only tasks in this review state")
        ->check(CLI::IsMember({"draft", "submitted", "approved", "rejected"}));
    exporter->add_option("--label", label, "only tasks with a step so labelled")
        ->check(CLI::IsMember({"correct", "mistake", "redundant", "exploratory"}));
    exporter->add_option("--app", export_options.sessions.app, "only sessions whose app name contains this (any case)");
    exporter->add_option("--since", since, "only sessions started on or after this day (2026-11-01, UTC)");
    exporter->add_option("--until", until, "only sessions started on or before this day (UTC)");
    exporter->add_flag("--include-unannotated", export_options.tasks.include_unannotated,
                       "export a session without annotations whole, as one task");
    exporter->add_flag("--include-hidden", export_options.tasks.include_hidden, "keep the steps annotators hid from exports");
    exporter->add_option("--split", split_text, "splits by session, as train=0.9,val=0.1 (default: all in train)");
    exporter->add_option("--seed", export_options.seed, "the seed of the split (same seed, same split)");
    exporter->add_option("--shard-size", export_options.shard_size, "lines per shard file (default: one file per split)");
    exporter->add_flag("--dry-run", export_options.dry_run, "say what would be exported; write nothing");
    exporter->add_option("--check-manifest", check_session,
                         "say which datasets under INPUT hold this session (a file, content hash or session id)");

    try {
        app.parse(argc, argv);
    } catch (const CLI::ParseError& e) {
        return app.exit(e) == 0 ? exit_ok : exit_usage;  // --help and --version exit 0
    }

    auto time_option = [](const std::string& text, const char* name) -> std::optional<std::int64_t> {
        if (text.empty()) return std::nullopt;
        auto us = parse_duration_us(text);
        if (!us) throw CLI::ValidationError(name, "'" + text + "' is not a time such as 12.5, 12.5s, 250ms or 2m");
        return us;
    };
    try {
        if (*info) return run_info(info_files);
        if (*cat) return run_cat(cat_file, time_option(from_text, "--from"), time_option(to_text, "--to"), cat_json);
        if (*verify) return run_verify(verify_files, verify_quiet);
        if (*tree) return run_tree(tree_file, time_option(tree_at, "--at"));
        if (*scan) return run_scan(scan_files, scan_policy);
        if (*record) return run_record(out_dir, app_name, app_version, level, policy_file);
        if (*exporter) {
            if (!check_session.empty()) return run_check_manifest(check_session, export_inputs);
            if (export_out.empty() && !export_options.dry_run) throw CLI::RequiredError("--out");
            export_options.out = export_out;
            export_options.format = *semtrace::dataset::parse_format(export_format);
            export_options.tasks.keep_nodes = export_options.format == semtrace::dataset::Format::mind2web;
            if (!outcome.empty()) export_options.tasks.outcome = semtrace::replay::parse_outcome(outcome);
            if (!review.empty()) export_options.tasks.review = semtrace::replay::parse_review(review);
            if (!label.empty()) export_options.tasks.label = semtrace::replay::parse_label(label);
            auto day = [](const std::string& text, const char* name) -> std::optional<std::int64_t> {
                if (text.empty()) return std::nullopt;
                auto us = semtrace::replay::parse_date_unix_us(text);
                if (!us) throw CLI::ValidationError(name, "'" + text + "' is not a day such as 2026-11-29");
                return us;
            };
            export_options.sessions.since_unix_us = day(since, "--since");
            export_options.sessions.until_unix_us = day(until, "--until");
            if (export_options.sessions.until_unix_us) *export_options.sessions.until_unix_us += 86'400'000'000LL;
            if (!split_text.empty()) {
                auto splits = semtrace::dataset::parse_splits(split_text);
                if (!splits) throw CLI::ValidationError("--split", splits.error().message);
                export_options.splits = splits.value();
            }
            // As typed, but where the dataset went is the folder the manifest is in: two exports
            // of the same inputs with the same flags are byte for byte the same.
            export_options.command_line = "semtrace";
            for (int i = 1; i < argc; ++i) {
                std::string arg = argv[i];
                if (arg.rfind("--out=", 0) == 0) arg = "--out=<this folder>";
                else if (arg == "--out" && i + 1 < argc) arg += " <this folder>", ++i;
                export_options.command_line += " " + arg;
            }
            return run_export(export_inputs, export_options);
        }
    } catch (const CLI::Error& e) {
        app.exit(e);
        return exit_usage;
    }
    return exit_usage;
}
