// token.cpp — making, storing and reading the agent's token.
#include <cstdlib>
#include <fstream>
#include <sodium.h>

#include "format/atomic_file.hpp"
#include "token.hpp"

namespace semtrace::agent {

std::filesystem::path default_token_file() {
    if (const char* xdg = std::getenv("XDG_CONFIG_HOME"); xdg && *xdg) return std::filesystem::path(xdg) / "semtrace" / "agent-token";
    const char* home = std::getenv("HOME");
    return std::filesystem::path(home ? home : ".") / ".config" / "semtrace" / "agent-token";
}

Result<std::string> read_token(const std::filesystem::path& file) {
    std::ifstream in(file);
    std::string token;
    if (!in || !std::getline(in, token))
        return Error{"no token in " + file.string() + ": run semtrace-agent --init first"};
    bool hex = token.size() == 64;
    for (char c : token) hex = hex && std::isxdigit(static_cast<unsigned char>(c));
    if (!hex) return Error{file.string() + ": not a token (64 hex digits); run semtrace-agent --init --replace"};
    return token;
}

Result<std::string> create_token(const std::filesystem::path& file, bool replace) {
    if (!replace && std::filesystem::exists(file)) return read_token(file);
    if (sodium_init() < 0) return Error{"libsodium could not start"};
    unsigned char bytes[32];
    randombytes_buf(bytes, sizeof bytes);
    char hex[65];
    sodium_bin2hex(hex, sizeof hex, bytes, sizeof bytes);
    std::error_code ec;
    std::filesystem::create_directories(file.parent_path(), ec);
    if (auto written = format::write_file_atomically(file, std::string(hex) + "\n", 0600); !written) return written.error();
    return std::string(hex);
}

}  // namespace semtrace::agent
