// dataset_card.cpp — DATASET_CARD.md: what an export holds (counts, step lengths, privacy settings), with the front matter Hugging Face reads.
#include <cerrno>
#include <cstring>
#include <fstream>

#include "dataset_writer.hpp"
#include "semtrace/version.hpp"

namespace semtrace::dataset {

namespace {

void table(std::ostream& out, const char* what, const char* counted, const std::map<std::string, std::uint64_t>& counts) {
    out << "| " << what << " | " << counted << " |\n|---|---|\n";
    for (const auto& [name, n] : counts) out << "| " << name << " | " << n << " |\n";
    out << "\n";
}

// Trajectories by length, in buckets, and the quantiles of the length.
void step_lengths(std::ostream& out, const std::map<std::uint64_t, std::uint64_t>& lengths, std::uint64_t total) {
    if (total == 0) {
        out << "No trajectories.\n\n";
        return;
    }
    auto quantile = [&](double q) {
        std::uint64_t seen = 0, wanted = static_cast<std::uint64_t>(q * static_cast<double>(total - 1));
        for (const auto& [length, n] : lengths) {
            seen += n;
            if (seen > wanted) return length;
        }
        return lengths.rbegin()->first;
    };
    out << "min " << lengths.begin()->first << ", median " << quantile(0.5) << ", 90th percentile " << quantile(0.9)
        << ", max " << lengths.rbegin()->first << "\n\n| steps | trajectories |\n|---|---|\n";
    const std::pair<std::uint64_t, const char*> buckets[] = {{1, "1"},     {5, "2-5"},    {10, "6-10"},  {20, "11-20"},
                                                             {50, "21-50"}, {100, "51-100"}, {UINT64_MAX, "over 100"}};
    std::uint64_t low = 0;
    for (auto [high, name] : buckets) {
        std::uint64_t n = 0;
        for (const auto& [length, count] : lengths)
            if (length > low && length <= high) n += count;
        out << "| " << name << " | " << n << " |\n";
        low = high;
    }
    out << "\n";
}

}  // namespace

Result<void> DatasetWriter::write_card() const {
    std::ofstream out(out_ / "DATASET_CARD.md", std::ios::binary);
    out << "---\nconfigs:\n- config_name: default\n  data_files:\n";
    for (const Split& s : settings_.splits) out << "  - split: " << s.name << "\n    path: data/" << s.name << "-*\n";
    out << "---\n\n# semtrace export: " << stats_.trajectories << " trajectories from " << stats_.sessions
        << " sessions\n\nFormat `" << name_of(settings_.format) << "` (docs/export.md in semtrace), written by semtrace "
        << sdk_version << ":\n\n    " << settings_.command_line << "\n\nFilters: " << settings_.filters
        << ". Split by session (seed " << settings_.seed << "): a session's tasks are all in one split. "
        << stats_.duplicates << " duplicate trajectories were left out. manifest.json lists every source session.\n\n";
    out << "## Counts\n\n| split | trajectories |\n|---|---|\n";
    for (const Split& s : settings_.splits) {
        auto n = stats_.by_split.find(s.name);
        out << "| " << s.name << " | " << (n == stats_.by_split.end() ? 0 : n->second) << " |\n";
    }
    out << "\n";
    table(out, "app", "trajectories", stats_.by_app);
    table(out, "outcome", "trajectories", stats_.by_outcome);
    table(out, "step label", "steps", stats_.by_label);
    out << "## Steps per trajectory\n\n";
    step_lengths(out, stats_.step_counts, stats_.trajectories);
    out << "## Privacy\n\nEvery string is as the recorder's privacy engine wrote it on the device: a `masked` value "
           "carries nothing of what was typed, not even its length; a `redacted` one holds typed placeholders such as "
           "⟨EMAIL⟩ where the detectors found something. The export changes neither.\n\n";
    table(out, "action value", "steps", stats_.value_states);
    out << "Recorded under the privacy policies (hash):";
    for (const std::string& h : stats_.policy_hashes) out << " `" << h << "`";
    out << (stats_.policy_hashes.empty() ? " none recorded" : "") << ".\n\nAnnotators (pseudonyms):";
    for (const std::string& a : stats_.annotators) out << " " << a;
    out << (stats_.annotators.empty() ? " none recorded" : "") << ".\n";
    out.close();
    if (!out) return Error{(out_ / "DATASET_CARD.md").string() + ": cannot write: " + std::strerror(errno)};
    return {};
}

}  // namespace semtrace::dataset
