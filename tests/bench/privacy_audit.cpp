// privacy_audit.cpp — the detectors measured at scale: planted secrets left in text around them, and how much harmless text they flag.
// Run: build-bench/bin/semtrace-privacy-audit neighbours | wrappings [--show] | typed | labelled | soup | keys | files [--show DETECTOR] FILE... | passes SET [FILE]
// (what stop notes quote; the tests check the same at a smaller scale and assert).
#define DOCTEST_CONFIG_DISABLE
#include <cstdio>
#include <cstring>
#include <fstream>
#include <functional>
#include <map>
#include <set>
#include <random>
#include <string>
#include <vector>

#include "privacy/detectors.hpp"
#include "privacy/url_findings.hpp"
#include "detector_texts.hpp"
#include "support/corpora.hpp"

namespace {

using namespace semtrace;

const privacy::Detectors& detectors() {
    static const auto d = std::move(privacy::Detectors::create(privacy::default_policy()).value());
    return d;
}

// As the redactor reads a recorded string: the detectors, a URL's (or another word's)
// percent-encoded parts decoded (url_findings.hpp).
std::string redacted(const std::string& text) {
    std::string out;
    std::vector<privacy::Finding> found;
    privacy::find_with_urls(detectors(), text, found);
    detectors().replace(text, 0, found, out);
    return out;
}

// Whether `secret` is still in `out`, whole or as a 6-character piece with a digit or an '@'
// that neither `before` nor `after` holds itself.
bool leaked(const std::string& out, const std::string& secret, const std::string& before, const std::string& after) {
    return out.find(secret) != std::string::npos || testing::piece_survives(out, secret, "0123456789@", {before, after});
}

void report(const char* what, int leaks, int total, const std::map<std::string, int>& by) {
    std::printf("%d of %d %s leak their secret, whole or in part\n", leaks, total, what);
    for (const auto& [k, n] : by) std::printf("  %5d %s\n", n, k.c_str());
}

// Each planted secret between two random benign strings.
int neighbours() {
    auto secrets = testing::planted_secrets();
    auto benign = testing::benign_strings();
    std::mt19937 rng(7);
    std::map<std::string, int> by;
    int leaks = 0, total = 200000;
    for (int i = 0; i < total; ++i) {
        const auto& p = secrets[rng() % secrets.size()];
        std::string before = benign[rng() % benign.size()], after = benign[rng() % benign.size()];
        if (leaked(redacted(before + " " + p.secret + " " + after), p.secret, before, after)) ++leaks, ++by[p.kind];
    }
    report("texts (a planted secret between two benign strings)", leaks, total, by);
    return 0;
}

// Each labelled secret ("password: hunter2", "PIN=4821") between two random benign strings, as
// written and in full width, 16 times each: its value must go. And each benign text naming a
// password ("Password is required") between two benign strings: whether anything is flagged
// that the strings alone would not make.
int labelled() {
    auto texts = testing::labelled_texts();
    auto benign = testing::benign_strings();
    std::mt19937 rng(9);
    std::map<std::string, int> by;
    int leaks = 0, total = 0, flagged = 0, benign_total = 0;
    std::vector<privacy::Finding> found, alone;
    for (const auto& l : texts) {
        for (int k = 0; k < 16; ++k) {
            std::string before = benign[rng() % benign.size()], after = benign[rng() % benign.size()];
            if (l.benign) {
                ++benign_total;
                detectors().find(before + " " + after, alone);
                detectors().find(before + " " + l.text + " " + after, found);
                if (found.size() > alone.size()) {
                    ++flagged;
                    std::printf("  flagged: %s\n", redacted(before + " " + l.text + " " + after).c_str());
                }
                continue;
            }
            for (bool wide : {false, true}) {
                auto form = [&](const std::string& s) { return wide ? testing::full_width(s) : s; };
                ++total;
                std::string out = redacted(form(before + " " + l.text + " " + after));
                bool in_neighbours = before.find(l.secret) != std::string::npos || after.find(l.secret) != std::string::npos;
                if (!in_neighbours && out.find(form(l.secret)) != std::string::npos) ++leaks, ++by[wide ? "full width" : "as written"];
            }
        }
    }
    report("texts (a labelled secret between two benign strings, as written and in full width)", leaks, total, by);
    std::printf("%d of %d texts with a benign text naming a password flagged more than their benign strings alone\n", flagged,
                benign_total);
    return 0;
}

// Text as ASCII again: full-width forms (U+FF01-FF5E, U+3000), Arabic, Persian, Devanagari,
// Bengali, Thai and Myanmar digits and en dashes as the ASCII characters they stand for; other
// text as it is. (Written
// apart from the detectors' own folding, so that it checks it.)
std::string as_ascii(const std::string& text) {
    std::string out;
    for (std::size_t i = 0; i < text.size();) {
        auto b = [&](std::size_t k) { return k < text.size() ? static_cast<unsigned char>(text[k]) : 0u; };
        unsigned cp = 0;
        std::size_t n = 1;
        if (b(i) >= 0xE0 && b(i) < 0xF0) cp = ((b(i) & 0x0Fu) << 12) | ((b(i + 1) & 0x3Fu) << 6) | (b(i + 2) & 0x3Fu), n = 3;
        else if (b(i) >= 0xC0 && b(i) < 0xE0) cp = ((b(i) & 0x1Fu) << 6) | (b(i + 1) & 0x3Fu), n = 2;
        if (cp >= 0xFF01 && cp <= 0xFF5E) out += static_cast<char>(cp - 0xFF01 + '!');
        else if (cp == 0x3000) out += ' ';
        else if (cp >= 0x0660 && cp <= 0x0669) out += static_cast<char>(cp - 0x0660 + '0');
        else if (cp >= 0x06F0 && cp <= 0x06F9) out += static_cast<char>(cp - 0x06F0 + '0');
        else if (cp >= 0x0966 && cp <= 0x096F) out += static_cast<char>(cp - 0x0966 + '0');
        else if (cp >= 0x09E6 && cp <= 0x09EF) out += static_cast<char>(cp - 0x09E6 + '0');
        else if (cp >= 0x0E50 && cp <= 0x0E59) out += static_cast<char>(cp - 0x0E50 + '0');
        else if (cp >= 0x1040 && cp <= 0x1049) out += static_cast<char>(cp - 0x1040 + '0');
        else if (cp == 0x2013) out += '-';
        else out.append(text, i, n);
        i += n;
    }
    return out;
}

// A number's spaces and dashes as the en dashes a word processor puts for hyphens.
std::string en_dashed(std::string_view text) {
    std::string out;
    for (char c : text) out += c == ' ' || c == '-' ? std::string("\u2013") : std::string(1, c);
    return out;
}

// Each planted secret typed by a full-width input method and with the digits of six other
// scripts, and each card, phone, IBAN and SSN with en dashes between its groups, between two
// random benign strings, 16 times each.
int typed() {
    auto secrets = testing::planted_secrets();
    auto benign = testing::benign_strings();
    std::mt19937 rng(9);
    const std::pair<const char*, std::string (*)(std::string_view)> typings[] = {
        {"full width", [](std::string_view s) { return testing::full_width(s); }},
        {"Arabic digits", [](std::string_view s) { return testing::arabic_digits(s); }},
        {"Persian digits", [](std::string_view s) { return testing::arabic_digits(s, true); }},
        {"Devanagari digits", [](std::string_view s) { return testing::native_digits(s, 0x0966); }},
        {"Bengali digits", [](std::string_view s) { return testing::native_digits(s, 0x09E6); }},
        {"Thai digits", [](std::string_view s) { return testing::native_digits(s, 0x0E50); }},
        {"Myanmar digits", [](std::string_view s) { return testing::native_digits(s, 0x1040); }},
        {"en dashes", en_dashed}};
    const std::set<std::string> dashed_kinds = {"card", "phone", "iban", "ssn"};
    std::map<std::string, int> by;
    int leaks = 0, total = 0;
    for (const auto& p : secrets)
        for (const auto& [name, type] : typings)
            for (int k = 0; k < 16 && (type != en_dashed || dashed_kinds.count(p.kind)); ++k, ++total) {
                const std::string& before = benign[rng() % benign.size()];
                const std::string& after = benign[rng() % benign.size()];
                const std::string typed_secret = type(p.secret);
                if (leaked(as_ascii(redacted(before + " " + typed_secret + " " + after)), as_ascii(typed_secret), before, after))
                    ++leaks, ++by[std::string(name) + " | " + p.kind];
            }
    report("texts (a planted secret typed in full width, with other scripts' digits or with en dashes, between two benign strings)", leaks,
           total, by);
    return 0;
}

// Each planted secret in each of 67 wrappings (two glue it to a word: "card…", "…exp"; others run
// it into a label, "Tel.:…", or wrap it in HTML, JSON's escapes or invisible spaces).
// `show`: each leaking text is printed too, as written and as redacted.
int wrappings(bool show) {
    const std::vector<std::pair<std::string, std::string>> around = {
        {"card:", ""}, {"Card: ", "."}, {"(", ")"}, {"\"", "\""}, {"'", "',"}, {"=", "&x=1"}, {"tel:", ""},
        {"<td>", "</td>"}, {"{\"v\":\"", "\"}"}, {"[", "]"}, {"#", ""}, {"no.", ";"}, {"\t", "\n"}, {"x=", ","},
        {"_", "_"}, {"-", "-"}, {"/", "/"}, {"*", "*"}, {"12 ", " 34"}, {"A1 ", " B2"}, {"2024-06-23 ", " 10:47"},
        {"$5 ", " 7%"}, {"v1.2 ", " v3.4"}, {"Name: ", "; ok"}, {"Ref AB12 ", ""}, {"", " 0"}, {"0 ", ""}, {"+1 ", ""},
        {"00 ", ""}, {"", " 1234"}, {"**", "**"}, {"`", "`"}, {"<b>", "</b>"}, {"~", "~"}, {"\n", "\n"},
        {"a\n", "\nb"}, {"x:", ":y"}, {"#", "#"}, {"'", "'s"}, {"1.", ""}, {"1) ", ""}, {"- ", ""}, {"> ", ""},
        {"[", "](http://x)"}, {"(", "),"}, {"", "."}, {"", "..."}, {"€", "€"}, {"é ", " é"}, {"№", ""}, {"→", "←"}, {"card", ""}, {"", "exp"}, {"Tel.:", ""}, {"&nbsp;", "&nbsp;"}, {"\u200b", "\u200b"}, {"\u00ab", "\u00bb"}, {"\uff1a", ""}, {"\\n", "\\n"}, {"\\\"", "\\\""}, {"\\t", ""}, {"<br>", "<br/>"}, {"|", "|"}, {";", ";"}, {"+", "+"}, {"@", ""}, {"=\"", "\";"}};
    std::map<std::string, int> by;
    int leaks = 0, total = 0;
    for (const auto& [before, after] : around)
        for (const auto& p : testing::planted_secrets()) {
            ++total;
            const std::string text = before + p.secret + after, out = redacted(text);
            if (!leaked(out, p.secret, before, after)) continue;
            ++leaks, ++by[p.kind + " | " + before + "…" + after];
            if (show) std::printf("%s\t%s\t%s\n", p.kind.c_str(), text.c_str(), out.c_str());
        }
    report("texts (each planted secret in 67 wrappings)", leaks, total, by);
    return 0;
}

// Texts of 2-5 random dates, times, amounts, versions and ids one or two spaces apart: how many
// the detectors flag, though none holds a secret.
int soup() {
    std::mt19937 rng(5);
    auto num = [&](int lo, int hi) { return lo + static_cast<int>(rng() % static_cast<unsigned>(hi - lo + 1)); };
    auto two = [&](int v) { return (v < 10 ? "0" : "") + std::to_string(v); };
    const std::vector<std::function<std::string()>> pieces = {
        [&] { return two(num(1, 28)) + "." + two(num(1, 12)) + "." + std::to_string(num(1990, 2030)); },
        [&] { return two(num(1, 28)) + "/" + two(num(1, 12)) + "/" + std::to_string(num(1990, 2030)); },
        [&] { return std::to_string(num(1990, 2030)) + "-" + two(num(1, 12)) + "-" + two(num(1, 28)); },
        [&] { return two(num(0, 23)) + ":" + two(num(0, 59)); },
        [&] { return std::to_string(num(1, 999)) + "\u202f" + std::to_string(num(100, 999)) + "," + two(num(0, 99)) + "\u00a0€"; },
        [&] { return std::to_string(num(1, 99)) + " " + std::to_string(num(100, 999)) + " " + std::to_string(num(100, 999)); },
        [&] { return "v" + std::to_string(num(0, 20)) + "." + std::to_string(num(0, 40)) + "." + std::to_string(num(0, 200)); },
        [&] { return std::to_string(num(1000, 99999)); },
        [&] { return "#" + std::to_string(num(100000, 9999999)); },
        [&] { return std::to_string(num(1, 12)) + "  " + std::to_string(num(1000, 9999)); },
    };
    std::map<std::string, int> by;
    std::vector<privacy::Finding> found;
    int flagged = 0, total = 50000;
    for (int i = 0; i < total; ++i) {
        std::string text;
        for (int k = 0, n = num(2, 5); k < n; ++k) text += (k ? (rng() % 3 ? " " : "  ") : "") + pieces[rng() % pieces.size()]();
        detectors().find(text, found);
        flagged += !found.empty();
        for (const auto& f : found) ++by[std::string(detectors().name(f))];
    }
    std::printf("%d of %d number-soup texts flagged (%.1f %%)\n", flagged, total, 100.0 * flagged / total);
    for (const auto& [k, n] : by) std::printf("  %5d %s\n", n, k.c_str());
    return 0;
}

// Random keys of letters and digits (base62), 200,000 of each length, alone: how many the
// detectors leave whole or in part (a key an app generates without a known prefix).
int keys() {
    static constexpr std::string_view base62 = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789";
    std::mt19937_64 rng(1);
    std::vector<privacy::Finding> found;
    for (std::size_t length : {20u, 24u, 32u, 40u}) {
        int missed = 0, total = 200000;
        for (int i = 0; i < total; ++i) {
            std::string key;
            for (std::size_t k = 0; k < length; ++k) key += base62[rng() % base62.size()];
            detectors().find(key, found);
            missed += found.size() != 1 || found[0].begin != 0 || found[0].end != key.size();
        }
        std::printf("%zu characters: %d of %d random keys missed (%.2f %%)\n", length, missed, total, 100.0 * missed / total);
    }
    return 0;
}

// Findings per detector over the lines of files (harmless text: what flags there is a false
// positive). `show`: a detector whose findings are printed too, one a line, as found (to read
// them, or to compare two builds' with diff).
int files(int argc, char** argv, const std::string& show) {
    std::map<std::string, int> by;
    std::vector<privacy::Finding> found;
    std::size_t lines = 0, bytes = 0;
    for (int a = 0; a < argc; ++a) {
        std::ifstream in(argv[a]);
        for (std::string line; std::getline(in, line); ++lines, bytes += line.size()) {
            detectors().find(line, found);
            for (const auto& f : found) {
                ++by[std::string(detectors().name(f))];
                if (detectors().name(f) == show)
                    std::printf("%s\t%s\n", show.c_str(), line.substr(f.begin, f.end - f.begin).c_str());
            }
        }
    }
    std::printf("%zu lines, %zu bytes\n", lines, bytes);
    for (const auto& [k, n] : by) std::printf("  %-13s %d\n", k.c_str(), n);
    return 0;
}

// The texts of semtrace-bench-privacy (detector_texts.hpp): "prose" (the lines of `file`, by
// default tests/data/prose.txt), "notes" (those as 4 KiB notes) or "mixed".
std::vector<std::string> bench_texts(const std::string& set, const std::string& file) {
    if (set == "mixed") return bench::mixed_texts();
    auto lines = file.empty() ? bench::prose_lines() : bench::prose_lines(file);
    return set == "notes" ? bench::as_notes(lines, "\n") : lines;
}

// Two passes of Detectors::find over `texts`: what callgrind counts (--toggle-collect='*measured*').
[[gnu::noinline]] std::size_t measured(const std::vector<std::string>& texts) {
    std::vector<privacy::Finding> found;
    std::size_t n = 0;
    for (int pass = 0; pass < 2; ++pass)
        for (const std::string& t : texts) detectors().find(t, found), n += found.size();
    return n;
}

// The steady state: three passes first, in which RE2 builds the automata states the texts need.
int passes(const std::string& set, const std::string& file) {
    auto texts = bench_texts(set, file);
    std::vector<privacy::Finding> found;
    for (int pass = 0; pass < 3; ++pass)
        for (const std::string& t : texts) detectors().find(t, found);
    std::printf("%zu texts, %zu findings in the measured passes\n", texts.size(), measured(texts));
    return 0;
}

}  // namespace

int main(int argc, char** argv) {
    if (argc >= 3 && !std::strcmp(argv[1], "passes")) return passes(argv[2], argc >= 4 ? argv[3] : "");
    if (argc >= 2 && !std::strcmp(argv[1], "neighbours")) return neighbours();
    if (argc >= 2 && !std::strcmp(argv[1], "wrappings")) return wrappings(argc >= 3 && !std::strcmp(argv[2], "--show"));
    if (argc >= 2 && !std::strcmp(argv[1], "soup")) return soup();
    if (argc >= 2 && !std::strcmp(argv[1], "keys")) return keys();
    if (argc >= 2 && !std::strcmp(argv[1], "typed")) return typed();
    if (argc >= 2 && !std::strcmp(argv[1], "labelled")) return labelled();
    if (argc >= 5 && !std::strcmp(argv[1], "files") && !std::strcmp(argv[2], "--show"))
        return files(argc - 4, argv + 4, argv[3]);
    if (argc >= 3 && !std::strcmp(argv[1], "files")) return files(argc - 2, argv + 2, "");
    std::fprintf(stderr, "usage: %s neighbours | wrappings [--show] | typed | labelled | soup | keys | files [--show DETECTOR] FILE... | passes prose|notes|mixed [FILE]\n", argv[0]);
    return 2;
}
