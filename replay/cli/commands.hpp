// commands.hpp — the subcommands of the `semtrace` CLI; each returns the process exit code.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "dataset_writer.hpp"
#include "session_catalog.hpp"
#include "time_text.hpp"

namespace semtrace::cli {

// Exit codes, documented in README.md.
inline constexpr int exit_ok = 0;
inline constexpr int exit_failed = 1;  // a file is damaged, unreadable or input is invalid
inline constexpr int exit_usage = 2;   // the command line is wrong
inline constexpr int exit_partial = 3; // some inputs could not be used; the rest was (export)

int run_info(const std::vector<std::string>& files);
int run_cat(const std::string& file, std::optional<std::int64_t> from_us, std::optional<std::int64_t> to_us, bool json);
int run_verify(const std::vector<std::string>& files, bool quiet);
// The UI tree at `at_us` (the end of the session when not given).
int run_tree(const std::string& file, std::optional<std::int64_t> at_us);
// Exit 1 when any string in the files looks like personal data or a secret.
int run_scan(const std::vector<std::string>& files, const std::string& policy_file);
// Applies the policy (empty: the built-in one) to every event, as the SDK's pipeline does.
int run_record(const std::string& out_dir, const std::string& app, const std::string& app_version, int zstd_level,
               const std::string& policy_file);

struct ExportOptions {
    dataset::Format format = dataset::Format::trajectory;
    std::filesystem::path out;
    dataset::TaskFilter tasks;
    replay::SessionFilter sessions;  // app, start dates
    std::vector<dataset::Split> splits{{"train", 1}};
    std::uint64_t seed = 0;
    std::size_t shard_size = 0;
    bool dry_run = false;
    std::string command_line;
};
// Exit 3 when some inputs could not be exported (each said on stderr) but the others were.
int run_export(const std::vector<std::string>& inputs, const ExportOptions& options);
// Which exported datasets under `dataset_dirs` hold `session` (a file, a content hash or a session id).
int run_check_manifest(const std::string& session, const std::vector<std::string>& dataset_dirs);

// Parses "12.5", "12.5s", "250ms", "2m", "1h" into microseconds.
using replay::parse_duration_us;

}  // namespace semtrace::cli
