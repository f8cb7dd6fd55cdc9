// cmd_scan.cpp — `semtrace scan`: re-runs the detectors over finished sessions; any string that looks like PII is reported.
//
// The last line of defence and an audit tool: a session written by a recorder whose policy
// worked has nothing to report. Findings name the file, the event, the field, the detector and
// the byte range, never the text: the report must not become a copy of what it found.
#include <cstdio>
#include <map>

#include "commands.hpp"
#include "format/session_reader.hpp"
#include "privacy/detectors.hpp"
#include "privacy/url_findings.hpp"
#include "say.hpp"

namespace semtrace::cli {

namespace {

class Scanner {
public:
    explicit Scanner(const privacy::Detectors& d) : detectors_(d) {}

    // Read as the recorder reads it: a URL (a navigate action's value, or one inside any string)
    // with its percent-encoded parts decoded (url_findings.hpp).
    void check(const std::string& file, std::uint64_t seq, std::string_view field, std::string_view text, bool url = false) {
        if (url) privacy::find_in_url(detectors_, text, found_);
        else privacy::find_with_urls(detectors_, text, found_);
        for (const privacy::Finding& f : found_) {
            ++by_detector_[std::string(detectors_.name(f))];
            std::printf("%s: event %llu: %.*s: %.*s (%zu bytes at %zu)\n", file.c_str(),
                        static_cast<unsigned long long>(seq), static_cast<int>(field.size()), field.data(),
                        static_cast<int>(detectors_.name(f).size()), detectors_.name(f).data(), f.end - f.begin,
                        f.begin);
        }
    }

    void check(const std::string& file, std::uint64_t seq, const std::string& prefix, const format::Node& n) {
        check(file, seq, prefix + " role", n.role);
        check(file, seq, prefix + " name", n.name);
        check(file, seq, prefix + " value", n.value.text);
    }

    void check(const std::string& file, const format::Event& e) {
        if (const auto* a = std::get_if<format::Action>(&e.body)) {
            check(file, e.seq, "locator", a->target.locator);
            check(file, e.seq, "value", a->value.text, a->type == ActionType::navigate);
        } else if (const auto* s = std::get_if<format::Snapshot>(&e.body)) {
            for (const auto& n : s->nodes) check(file, e.seq, "node " + std::to_string(n.id), n);
        } else if (const auto* d = std::get_if<format::Delta>(&e.body)) {
            for (const auto& n : d->upserts) check(file, e.seq, "node " + std::to_string(n.id), n);
        } else if (const auto* m = std::get_if<format::Marker>(&e.body)) {
            check(file, e.seq, "marker name", m->name);
            for (const auto& [key, value] : m->attributes) {
                check(file, e.seq, "attribute key", key);
                check(file, e.seq, "attribute " + key, value);
            }
        }
    }

    std::uint64_t total() const {
        std::uint64_t n = 0;
        for (const auto& [name, count] : by_detector_) n += count;
        return n;
    }
    const std::map<std::string, std::uint64_t>& by_detector() const { return by_detector_; }

private:
    const privacy::Detectors& detectors_;
    std::vector<privacy::Finding> found_;
    std::map<std::string, std::uint64_t> by_detector_;
};

}  // namespace

int run_scan(const std::vector<std::string>& files, const std::string& policy_file) {
    // The built-in set by default; with a policy, its custom rules too and without those it
    // turns off (an address a study expects, such as a test server's 127.0.0.1).
    auto policy = privacy::policy_from(policy_file);
    if (!policy) {
        say("semtrace scan: %s\n", policy.error().message.c_str());
        return exit_failed;
    }
    auto detectors = privacy::Detectors::create(policy.value());
    if (!detectors) {
        say("semtrace scan: %s\n", detectors.error().message.c_str());
        return exit_failed;
    }
    Scanner scanner(*detectors);
    int code = exit_ok;
    for (const std::string& path : files) {
        auto reader = format::SessionReader::open(path);
        if (!reader) {
            say("semtrace scan: %s\n", reader.error().message.c_str());
            code = exit_failed;
            continue;
        }
        auto read = reader->read(0, [&](const format::Event& e) {
            scanner.check(path, e);
            return true;
        });
        if (!read) {
            say("semtrace scan: %s (the events before it were scanned)\n", read.error().message.c_str());
            code = exit_failed;
        }
    }
    std::string summary = std::to_string(scanner.total()) + " finding(s) in " + std::to_string(files.size()) + " file(s)";
    const char* sep = ": ";
    for (const auto& [name, count] : scanner.by_detector()) {
        summary += sep + name + " " + std::to_string(count);
        sep = ", ";
    }
    say("semtrace scan: %s\n", summary.c_str());
    return scanner.total() ? exit_failed : code;
}

}  // namespace semtrace::cli
