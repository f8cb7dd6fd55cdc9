// pseudonym.hpp — keyed BLAKE2b hashes (libsodium): policy hashes and the pseudonyms that stand for user and device ids.
#pragma once

#include <string>
#include <string_view>

#include "semtrace/result.hpp"

namespace semtrace::privacy {

// BLAKE2b-256 of `text`, 64 lowercase hex digits; keyed when `key` is not empty (16 to 64 bytes).
std::string blake2b_hex(std::string_view text, std::string_view key = {});

// The key named by the policy's pseudonyms.key_env: 32 to 128 hex digits. Never written anywhere.
Result<std::string> pseudonym_key_from_env(std::string_view variable);

// A stable, keyed pseudonym for an id: 32 hex digits; the same id and key give the same pseudonym.
std::string pseudonym(std::string_view id, std::string_view key);

}  // namespace semtrace::privacy
