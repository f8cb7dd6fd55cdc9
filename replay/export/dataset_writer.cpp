// dataset_writer.cpp — writing an export: shards per split as lines arrive, then the manifest and the dataset card.
#include <algorithm>
#include <array>
#include <charconv>
#include <cerrno>
#include <cmath>
#include <cstdio>
#include <cstring>
#include <fstream>
#include <nlohmann/json.hpp>
#include <xxhash.h>

#include "dataset_writer.hpp"
#include "semtrace/version.hpp"

namespace semtrace::dataset {

using json = nlohmann::ordered_json;

namespace {

std::string dumped(const json& j, int indent = -1) { return j.dump(indent, ' ', false, json::error_handler_t::replace); }

std::string shard_name(const std::string& split, std::size_t index, std::size_t count) {
    char name[64];
    std::snprintf(name, sizeof name, "-%05zu-of-%05zu.jsonl", index, count);
    return split + name;
}

// The pieces that make a trajectory what it is, each ended by a zero byte, hashed in one call
// (a call per piece was most of the hashing's cost); `bytes` is scratch kept between calls.
// A step's pieces are written through a pointer into room made for them at once.
XXH128_hash_t trajectory_hash(const SessionRecord& s, const TaskRecord& t, std::string& bytes) {
    bytes.clear();
    char* p = nullptr;
    auto add = [&](std::string_view text) {
        p = std::copy(text.begin(), text.end(), p);
        *p++ = '\0';
    };
    auto room = [&](std::size_t size) {
        std::size_t used = bytes.size();
        bytes.resize(used + size);
        p = bytes.data() + used;
    };
    room(s.header.app_name.size() + t.task.instruction.size() + 2);
    add(s.header.app_name);
    add(t.task.instruction);
    for (const StepRecord& step : t.steps) {
        std::string_view type = name_of(step.action.type), state = name_of(step.action.value.state);
        room(sizeof(std::uint64_t) + type.size() + step.action.target.locator.size() + 24 + state.size() +
             step.action.value.text.size() + 6);
        std::uint64_t observation = step.observation->hash();
        add({reinterpret_cast<const char*>(&observation), sizeof observation});
        add(type);
        add(step.action.target.locator);
        p = std::to_chars(p, p + 24, step.action.target.node_id).ptr;
        *p++ = '\0';
        add(state);
        add(step.action.value.text);
        bytes.resize(static_cast<std::size_t>(p - bytes.data()));
    }
    return XXH3_128bits(bytes.data(), bytes.size());
}

json consent_json(const std::string& record) {
    if (record.empty()) return nullptr;
    json parsed = json::parse(record, nullptr, false);
    return parsed.is_discarded() ? json(record) : parsed;
}

}  // namespace

Result<std::vector<Split>> parse_splits(std::string_view text) {
    std::vector<Split> splits;
    double total = 0;
    std::size_t start = 0;
    while (start <= text.size()) {
        std::size_t comma = std::min(text.find(',', start), text.size());
        std::string part(text.substr(start, comma - start));
        std::size_t eq = part.find('=');
        char* end = nullptr;
        double share = eq == std::string::npos ? -1 : std::strtod(part.c_str() + eq + 1, &end);
        std::string name = part.substr(0, std::min(eq, part.size()));
        bool name_ok = !name.empty() && std::all_of(name.begin(), name.end(), [](char c) {
            return std::isalnum(static_cast<unsigned char>(c)) || c == '_';
        });
        if (!name_ok || share <= 0 || !end || *end != '\0')
            return Error{"--split: '" + part + "' is not NAME=SHARE (as in train=0.9,val=0.1)"};
        for (const Split& s : splits)
            if (s.name == name) return Error{"--split: " + name + " is named twice"};
        splits.push_back({name, share});
        total += share;
        start = comma + 1;
    }
    if (std::fabs(total - 1.0) > 1e-6) return Error{"--split: the shares add up to " + std::to_string(total) + ", not 1"};
    return splits;
}

const std::string& split_of(const std::vector<Split>& splits, std::uint64_t seed, const std::string& content_hash) {
    double u = static_cast<double>(XXH3_64bits_withSeed(content_hash.data(), content_hash.size(), seed) >> 11) * 0x1.0p-53;
    double edge = 0;
    for (const Split& s : splits) {
        edge += s.share;
        if (u < edge) return s.name;
    }
    return splits.back().name;
}

struct DatasetWriter::Shards {
    std::string split;
    std::vector<std::filesystem::path> parts;  // written so far, the last one open
    std::FILE* file = nullptr;
    std::size_t lines_in_file = 0;
    bool in_line = false;  // a line was begun and not ended: the next piece continues it
    std::uint64_t sessions = 0, trajectories = 0, lines = 0;
    ~Shards() {
        if (file) std::fclose(file);
    }
};

DatasetWriter::DatasetWriter(std::filesystem::path out, ExportSettings settings)
    : out_(std::move(out)), settings_(std::move(settings)), sessions_part_(nullptr, &std::fclose) {}

DatasetWriter::~DatasetWriter() = default;

Result<std::unique_ptr<DatasetWriter>> DatasetWriter::create(const std::filesystem::path& out, ExportSettings settings) {
    std::error_code ec;
    if (std::filesystem::exists(out, ec) && !std::filesystem::is_empty(out, ec))
        return Error{out.string() + ": is not empty: export into a new folder (an export never writes over another)"};
    std::filesystem::create_directories(out / "data", ec);
    if (ec) return Error{out.string() + ": cannot create the folder: " + ec.message()};
    std::unique_ptr<DatasetWriter> writer(new DatasetWriter(out, std::move(settings)));
    for (const Split& s : writer->settings_.splits) {
        writer->shards_[s.name] = std::make_unique<Shards>();
        writer->shards_[s.name]->split = s.name;
    }
    writer->sessions_part_.reset(std::fopen((out / "manifest.sessions.part").c_str(), "w"));
    if (!writer->sessions_part_) return Error{(out / "manifest.sessions.part").string() + ": cannot create: " + std::strerror(errno)};
    return writer;
}

// A line is written in pieces; a new shard starts only where a line does.
Result<void> DatasetWriter::write(Shards& split, std::string_view piece, bool line_ends) {
    bool line_starts = !split.in_line;
    if (line_starts && (!split.file || (settings_.shard_size && split.lines_in_file == settings_.shard_size))) {
        if (split.file && std::fclose(split.file) != 0)
            return Error{split.parts.back().string() + ": cannot finish writing: " + std::strerror(errno)};
        char name[64];
        std::snprintf(name, sizeof name, "-%05zu.jsonl.part", split.parts.size());
        split.parts.push_back(out_ / "data" / (split.split + name));
        split.file = std::fopen(split.parts.back().c_str(), "w");
        split.lines_in_file = 0;
        if (!split.file) return Error{split.parts.back().string() + ": cannot create: " + std::strerror(errno)};
    }
    split.in_line = !line_ends;
    if (std::fwrite(piece.data(), 1, piece.size(), split.file) != piece.size() || (line_ends && std::fputc('\n', split.file) < 0))
        return Error{split.parts.back().string() + ": cannot write (" + std::strerror(errno) +
                     "); the lines before are kept in the shards written so far"};
    if (line_ends) {
        ++split.lines_in_file;
        ++split.lines;
        ++stats_.lines;
    }
    return {};
}

// The formats' sink: pieces and line ends go to the split's shards; the first error is kept.
class DatasetWriter::ShardSink : public LineSink {
public:
    explicit ShardSink(DatasetWriter& writer) : writer_(writer) {}
    void start(Shards& shards) {  // for one task; the buffer's memory is kept from task to task
        shards_ = &shards;
        result_ = {};
        buffer_.clear();
    }
    void end_line() override { pass(true); }
    Result<void> result() { return std::move(result_); }

private:
    void flush() override { pass(false); }
    void pass(bool line_ends) {
        if (result_) result_ = writer_.write(*shards_, buffer_, line_ends);
        buffer_.clear();
    }
    DatasetWriter& writer_;
    Shards* shards_ = nullptr;
    Result<void> result_;
};


// Counted by enum, then added to the stats' tables once a task: two map lookups a step cost
// 3 % of an export's instructions.
void DatasetWriter::count_labels_and_values(const TaskRecord& t) {
    std::array<std::uint64_t, 5> labels{};  // the four labels, then "not labelled"
    std::array<std::uint64_t, 4> values{};
    for (const StepRecord& step : t.steps) {
        ++labels[step.label ? static_cast<std::size_t>(*step.label) : 4];
        ++values[static_cast<std::size_t>(step.action.value.state)];
    }
    for (std::size_t i = 0; i < labels.size(); ++i)
        if (labels[i]) stats_.by_label[i < 4 ? replay::name_of(static_cast<replay::StepLabel>(i)) : "not labelled"] += labels[i];
    for (std::size_t i = 0; i < values.size(); ++i)
        if (values[i]) stats_.value_states[std::string(name_of(static_cast<ValueState>(i)))] += values[i];
}

Result<void> DatasetWriter::add(const SessionRecord& s) {
    Shards& shards = *shards_.at(split_of(settings_.splits, settings_.seed, s.content_hash));
    json tasks = json::array(), annotators = json::array();
    std::uint64_t trajectories = 0, steps = 0;
    std::set<std::string> seen_annotators;
    for (const TaskRecord& t : s.tasks) {
        XXH128_hash_t h = trajectory_hash(s, t, hash_bytes_);
        if (!seen_.insert({h.high64, h.low64}).second) {
            ++stats_.duplicates;
            continue;
        }
        if (!sink_) sink_ = std::make_unique<ShardSink>(*this);
        sink_->start(shards);
        format_task(settings_.format, s, t, *sink_);
        if (auto written = sink_->result(); !written) return written;
        ++trajectories;
        steps += t.steps.size();
        tasks.push_back(t.task.id);
        if (!t.task.annotator.empty()) seen_annotators.insert(t.task.annotator);
        ++stats_.by_app[s.header.app_name];
        ++stats_.by_outcome[t.task.outcome == replay::Outcome::unset ? "not set" : replay::name_of(t.task.outcome)];
        ++stats_.step_counts[t.steps.size()];
        count_labels_and_values(t);
    }
    if (trajectories == 0) return {};
    for (const std::string& a : seen_annotators) annotators.push_back(a), stats_.annotators.insert(a);
    if (!s.header.policy_hash.empty()) stats_.policy_hashes.insert(s.header.policy_hash);
    ++stats_.sessions;
    stats_.trajectories += trajectories;
    stats_.steps += steps;
    ++shards.sessions;
    shards.trajectories += trajectories;
    stats_.by_split[shards.split] += trajectories;
    const std::string& consent = s.header.consent_record;
    char consent_id[17];
    std::snprintf(consent_id, sizeof consent_id, "%016llx",
                  static_cast<unsigned long long>(XXH3_64bits(consent.data(), consent.size())));
    json entry = {{"session", s.content_hash},
                  {"session_id", s.header.session_id},
                  {"file", s.file.filename().string()},
                  {"app", {{"name", s.header.app_name}, {"version", s.header.app_version}}},
                  {"split", shards.split},
                  {"policy_hash", s.header.policy_hash},
                  {"consent_id", consent.empty() ? json(nullptr) : json(consent_id)},
                  {"consent", consent_json(consent)},
                  {"user", s.header.user_pseudonym},
                  {"device", s.header.device_pseudonym},
                  {"annotators", annotators},
                  {"tasks", tasks},
                  {"trajectories", trajectories},
                  {"steps", steps}};
    std::string line = dumped(entry) + "\n";
    if (std::fputs(line.c_str(), sessions_part_.get()) < 0)
        return Error{(out_ / "manifest.sessions.part").string() + ": cannot write: " + std::strerror(errno)};
    return {};
}

Result<void> DatasetWriter::finish() {
    for (auto& [name, shards] : shards_) {
        if (shards->file && std::fclose(shards->file) != 0)
            return Error{shards->parts.back().string() + ": cannot finish writing: " + std::strerror(errno)};
        shards->file = nullptr;
        for (std::size_t i = 0; i < shards->parts.size(); ++i) {
            std::error_code ec;
            std::filesystem::rename(shards->parts[i], out_ / "data" / shard_name(name, i, shards->parts.size()), ec);
            if (ec) return Error{shards->parts[i].string() + ": cannot rename: " + ec.message()};
        }
    }
    if (auto m = write_manifest(); !m) return m;
    return write_card();
}

Result<void> DatasetWriter::write_manifest() {
    if (std::fclose(sessions_part_.release()) != 0)
        return Error{(out_ / "manifest.sessions.part").string() + ": cannot finish writing: " + std::strerror(errno)};
    json splits = json::object();
    for (const Split& s : settings_.splits) {
        const Shards& shards = *shards_.at(s.name);
        json files = json::array();
        for (std::size_t i = 0; i < shards.parts.size(); ++i) files.push_back("data/" + shard_name(s.name, i, shards.parts.size()));
        splits[s.name] = {{"share", s.share}, {"sessions", shards.sessions}, {"trajectories", shards.trajectories},
                          {"lines", shards.lines}, {"files", files}};
    }
    json head = {{"semtrace_export", 1},
                 {"tool_version", std::string(sdk_version)},
                 {"command_line", settings_.command_line},
                 {"format", name_of(settings_.format)},
                 {"filters", settings_.filters},
                 {"seed", settings_.seed},
                 {"shard_size", settings_.shard_size},
                 {"sessions_exported", stats_.sessions},
                 {"trajectories", stats_.trajectories},
                 {"steps", stats_.steps},
                 {"duplicates_dropped", stats_.duplicates},
                 {"splits", splits}};
    std::string text = dumped(head, 2);
    text.erase(text.size() - 2);  // "\n}": the sessions follow, streamed from the part file
    text += ",\n  \"sessions\": [";
    std::ofstream out(out_ / "manifest.json", std::ios::binary);
    std::ifstream in(out_ / "manifest.sessions.part", std::ios::binary);
    out << text;
    std::string line;
    bool any = false;
    for (; std::getline(in, line); any = true) out << (any ? ",\n    " : "\n    ") << line;
    out << (any ? "\n  ]\n}\n" : "]\n}\n");
    out.close();
    if (!out || in.bad()) return Error{(out_ / "manifest.json").string() + ": cannot write: " + std::strerror(errno)};
    std::filesystem::remove(out_ / "manifest.sessions.part");
    return {};
}

}  // namespace semtrace::dataset
