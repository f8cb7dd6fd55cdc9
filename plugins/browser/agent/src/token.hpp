// token.hpp — semtrace-agent's per-install token: made once by --init, kept in a file only its owner reads.
#pragma once

#include <filesystem>
#include <string>

#include "semtrace/result.hpp"

namespace semtrace::agent {

// $XDG_CONFIG_HOME/semtrace/agent-token, or ~/.config/semtrace/agent-token.
std::filesystem::path default_token_file();
// 32 random bytes (libsodium) as 64 hex digits, written with mode 0600; an existing token is
// kept (the extension already has it) unless `replace`.
Result<std::string> create_token(const std::filesystem::path& file, bool replace);
Result<std::string> read_token(const std::filesystem::path& file);

}  // namespace semtrace::agent
