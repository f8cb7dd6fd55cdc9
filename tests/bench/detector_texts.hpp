// detector_texts.hpp — the texts the detectors are measured on (semtrace-bench-privacy, semtrace-privacy-audit passes): mixed, prose, and both as notes.
#pragma once

#include <fstream>
#include <random>
#include <string>
#include <vector>

#include "support/corpora.hpp"

namespace semtrace::bench {

// Mixed text as forms and notes hold it: two strings of the benign corpus (built to look like
// secrets: numbers of every shape), one text in ten followed by a planted secret.
inline std::vector<std::string> mixed_texts() {
    auto secrets = testing::planted_secrets();
    auto benign = testing::benign_strings();
    std::mt19937 rng(7);
    std::vector<std::string> out;
    for (int i = 0; i < 20000; ++i) {
        std::string s = benign[rng() % benign.size()] + " " + benign[rng() % benign.size()];
        if (i % 10 == 0) s += " " + secrets[rng() % secrets.size()].secret;
        out.push_back(std::move(s));
    }
    return out;
}

// Prose as people write it in notes and comments: the lines of `file`, one in ten followed by a
// planted secret. By default tests/data/prose.txt, our documentation (README.md, docs/policy.md,
// docs/FORMAT.md, docs/jsonl.md) as it was on 2026-11-30, kept as it is so that figures compare
// across changes (the docs themselves change with them). Fewer numbers than the mixed text.
inline std::vector<std::string> prose_lines(const std::string& file = testing::data_path("prose.txt")) {
    auto secrets = testing::planted_secrets();
    std::vector<std::string> out;
    std::mt19937 rng(11);
    std::ifstream in(file);
    for (std::string line; std::getline(in, line);) {
        if (line.empty()) continue;
        if (out.size() % 10 == 0) line += " " + secrets[rng() % secrets.size()].secret;
        out.push_back(std::move(line));
    }
    return out;
}

// Texts joined into notes of about 4 KiB each: the cost per call no longer counts.
inline std::vector<std::string> as_notes(const std::vector<std::string>& texts, const char* separator) {
    std::vector<std::string> out(1);
    for (const std::string& t : texts) {
        if (out.back().size() > 4096) out.emplace_back();
        out.back() += t + separator;
    }
    return out;
}

}  // namespace semtrace::bench
