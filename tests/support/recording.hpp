// recording.hpp — Recorder options for tests: consent given to the built-in policy, a test pseudonym key.
#pragma once

#include <cstdlib>
#include <filesystem>
#include <string>

#include "semtrace/semtrace.hpp"

namespace semtrace::testing {

// A fixed key, so that pseudonyms are stable across runs; organisations generate their own.
inline constexpr const char* test_pseudonym_key = "8f2c1e0d9b7a65443322110ffeeddccbbaa99887766554433221100f0e1d2c3b";

inline void use_test_pseudonym_key() { setenv("SEMTRACE_PSEUDONYM_KEY", test_pseudonym_key, 1); }

inline Options recording_options(const std::filesystem::path& output_dir, std::string app = "test-app") {
    use_test_pseudonym_key();
    Options o;
    o.app = {std::move(app), "2.0"};
    o.output_dir = output_dir;
    o.consent = {"tester@example.com", "2026-11-29T14:00:00Z", "consent-text-3", "semtrace-default"};
    return o;
}

}  // namespace semtrace::testing
