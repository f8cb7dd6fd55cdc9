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

    std::string out_dir, app_name, app_version, policy_file;
    int level = 3;
    auto* record = app.add_subcommand("record", "Write JSON-line events from standard input into a new session");
    record->add_option("--out", out_dir, "directory for the session file (created if missing)")->required();
    record->add_option("--app", app_name, "app name, when the input has no session line");
    record->add_option("--app-version", app_version, "app version, when the input has no session line");
    record->add_option("--level", level, "zstd compression level")->check(CLI::Range(1, 19));
    record->add_option("--policy", policy_file, "privacy policy (docs/policy.md); default: mask all typed text")
        ->check(CLI::ExistingFile);

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
        if (*scan) return run_scan(scan_files);
        if (*record) return run_record(out_dir, app_name, app_version, level, policy_file);
    } catch (const CLI::Error& e) {
        app.exit(e);
        return exit_usage;
    }
    return exit_usage;
}
