// cmd_info.cpp — `semtrace info`: what a session is, who consented, how long, what it holds, how well it compressed, whether it is whole.
#include <array>
#include <cstdio>
#include <map>

#include "commands.hpp"
#include "format/session_reader.hpp"
#include "say.hpp"
#include "session_catalog.hpp"

namespace semtrace::cli {

namespace {

struct Counts {
    std::array<std::uint64_t, format::event_kind_count> by_kind{};
    std::array<std::uint64_t, action_type_count> by_action{};
    std::uint64_t dropped = 0;
    std::int64_t last_t_us = 0;
};

void print_counts(const Counts& c, std::uint64_t total) {
    std::printf("events       %llu", static_cast<unsigned long long>(total));
    const char* sep = " (";
    for (int k = 0; k < format::event_kind_count; ++k) {
        if (!c.by_kind[k]) continue;
        std::printf("%s%s %llu", sep, std::string(format::name_of(static_cast<format::EventKind>(k))).c_str(),
                    static_cast<unsigned long long>(c.by_kind[k]));
        sep = ", ";
    }
    std::printf("%s\n", total ? ")" : "");
    if (!c.by_kind[0]) return;
    std::printf("actions     ");
    sep = " ";
    for (int a = 0; a < action_type_count; ++a) {
        if (!c.by_action[a]) continue;
        std::printf("%s%s %llu", sep, std::string(name_of(static_cast<ActionType>(a))).c_str(),
                    static_cast<unsigned long long>(c.by_action[a]));
        sep = ", ";
    }
    std::printf("\n");
}

// Who was recorded and under which terms: pseudonyms only (the SDK never writes the ids).
void print_terms(const format::SessionHeader& h) {
    if (!h.user_pseudonym.empty()) std::printf("user         %s (pseudonym)\n", h.user_pseudonym.c_str());
    if (!h.device_pseudonym.empty()) std::printf("device       %s (pseudonym)\n", h.device_pseudonym.c_str());
    if (!h.consent_record.empty()) std::printf("consent      %s\n", h.consent_record.c_str());
    if (!h.policy_hash.empty()) std::printf("policy       %s\n", h.policy_hash.c_str());
}

int info_one(const std::string& path) {
    auto reader = format::SessionReader::open(path);
    if (!reader) {
        say("semtrace info: %s\n", reader.error().message.c_str());
        return exit_failed;
    }
    const auto& r = reader.value();
    Counts counts;
    auto read = r.read(0, [&](const format::Event& e) {
        ++counts.by_kind[static_cast<int>(e.kind())];
        if (const auto* a = std::get_if<format::Action>(&e.body)) ++counts.by_action[static_cast<int>(a->type)];
        if (const auto* c = std::get_if<format::Control>(&e.body); c && c->type == ControlType::dropped)
            counts.dropped += c->count;
        counts.last_t_us = e.t_us;
        return true;
    });
    const auto& h = r.header();
    std::printf("file         %s\n", path.c_str());
    std::printf("session      %s\n", h.session_id.c_str());
    std::printf("app          %s %s\n", h.app_name.c_str(), h.app_version.c_str());
    std::printf("sdk          %s (format %u)\n", h.sdk_version.c_str(), unsigned{r.format_version()});
    std::printf("started      %s\n", replay::format_unix_us(h.start_unix_us, "%Y-%m-%dT%H:%M:%SZ").c_str());
    print_terms(h);
    std::printf("duration     %.3f s\n", static_cast<double>(counts.last_t_us) / 1e6);
    print_counts(counts, r.event_count());
    std::printf("dropped      %llu events (recorder buffer full)\n", static_cast<unsigned long long>(counts.dropped));
    double per_event = r.event_count() ? static_cast<double>(r.file_size()) / static_cast<double>(r.event_count()) : 0;
    double ratio = r.file_size() ? static_cast<double>(r.raw_bytes()) / static_cast<double>(r.file_size()) : 0;
    std::printf("size         %llu bytes, %.2f bytes/event, encoded %llu bytes, ratio %.2f\n",
                static_cast<unsigned long long>(r.file_size()), per_event,
                static_cast<unsigned long long>(r.raw_bytes()), ratio);
    std::printf("frames       %zu\n", r.frames().size());
    if (r.complete()) std::printf("state        complete\n");
    else std::printf("state        recovered: %s\n", r.damage().c_str());
    if (!read) {
        say("semtrace info: %s\n", read.error().message.c_str());
        return exit_failed;
    }
    return exit_ok;
}

}  // namespace

int run_info(const std::vector<std::string>& files) {
    int code = exit_ok;
    for (std::size_t i = 0; i < files.size(); ++i) {
        if (i) std::printf("\n");
        if (info_one(files[i]) != exit_ok) code = exit_failed;
    }
    return code;
}

}  // namespace semtrace::cli
