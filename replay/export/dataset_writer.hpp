// dataset_writer.hpp — an export's folder: splits by session, numbered shards, duplicates dropped, manifest.json and DATASET_CARD.md.
#pragma once

#include <cstdint>
#include <filesystem>
#include <map>
#include <memory>
#include <set>
#include <string>
#include <string_view>
#include <cstdio>
#include <vector>

#include "formats.hpp"
#include "semtrace/result.hpp"
#include "trajectories.hpp"

namespace semtrace::dataset {

struct Split {
    std::string name;
    double share = 1;
};
// "train=0.9,val=0.1": names, shares that add up to 1.
Result<std::vector<Split>> parse_splits(std::string_view text);
// The split a session falls in: a keyed hash of its content hash, so the same seed puts it in
// the same split whatever else is exported with it, and all of its tasks go together.
const std::string& split_of(const std::vector<Split>& splits, std::uint64_t seed, const std::string& content_hash);

struct ExportSettings {
    Format format = Format::trajectory;
    std::vector<Split> splits{{"train", 1}};
    std::uint64_t seed = 0;
    std::size_t shard_size = 0;  // lines per shard; 0: one shard per split
    std::string command_line;    // as typed, for the manifest
    std::string filters;         // the filters in force, as text, for the manifest and the card
};

// What an export wrote, counted as it went.
struct ExportStats {
    std::uint64_t sessions = 0, trajectories = 0, steps = 0, lines = 0, duplicates = 0;
    std::map<std::string, std::uint64_t> by_split, by_app, by_outcome, by_label, value_states;
    std::map<std::uint64_t, std::uint64_t> step_counts;  // steps in a trajectory -> trajectories
    std::set<std::string> policy_hashes, annotators;
};

class DatasetWriter {
public:
    // `out` must not exist or be empty: an export never writes over another.
    static Result<std::unique_ptr<DatasetWriter>> create(const std::filesystem::path& out, ExportSettings settings);
    ~DatasetWriter();
    // Writes the session's tasks to its split; a trajectory identical to one written before
    // (same app, instruction, observations and actions) is counted and left out.
    Result<void> add(const SessionRecord& session);
    // Names the shards ("train-00000-of-00002.jsonl"), writes manifest.json and DATASET_CARD.md.
    Result<void> finish();
    const ExportStats& stats() const noexcept { return stats_; }

private:
    struct Shards;
    DatasetWriter(std::filesystem::path out, ExportSettings settings);
    class ShardSink;
    Result<void> write(Shards& split, std::string_view piece, bool line_ends);
    void count_labels_and_values(const TaskRecord& t);
    Result<void> write_manifest();
    Result<void> write_card() const;
    std::filesystem::path out_;
    ExportSettings settings_;
    std::map<std::string, std::unique_ptr<Shards>> shards_;  // by split name
    std::set<std::pair<std::uint64_t, std::uint64_t>> seen_;  // 128-bit hashes of trajectories written
    std::string hash_bytes_;  // what a trajectory's hash is taken of, reused
    std::unique_ptr<std::FILE, int (*)(std::FILE*)> sessions_part_;  // the manifest's sessions, streamed
    std::unique_ptr<ShardSink> sink_;
    ExportStats stats_;
};

}  // namespace semtrace::dataset
