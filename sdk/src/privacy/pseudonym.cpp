// pseudonym.cpp — keyed BLAKE2b through libsodium, and reading the pseudonym key from the environment.
#include <cstdlib>
#include <sodium.h>

#include "privacy/pseudonym.hpp"

namespace semtrace::privacy {

namespace {

std::string hex_of(const unsigned char* bytes, std::size_t n) {
    static constexpr char hex[] = "0123456789abcdef";
    std::string out;
    out.reserve(2 * n);
    for (std::size_t i = 0; i < n; ++i) out += hex[bytes[i] >> 4], out += hex[bytes[i] & 15];
    return out;
}

std::string keyed_hash(std::string_view text, std::string_view key, std::size_t digest_bytes) {
    static const int ready = sodium_init();  // picks the fastest implementation; safe to call again
    (void)ready;
    unsigned char digest[crypto_generichash_BYTES_MAX];
    crypto_generichash(digest, digest_bytes, reinterpret_cast<const unsigned char*>(text.data()), text.size(),
                       reinterpret_cast<const unsigned char*>(key.data()), key.size());
    return hex_of(digest, digest_bytes);
}

int hex_digit(char c) {
    if (c >= '0' && c <= '9') return c - '0';
    if (c >= 'a' && c <= 'f') return c - 'a' + 10;
    if (c >= 'A' && c <= 'F') return c - 'A' + 10;
    return -1;
}

}  // namespace

std::string blake2b_hex(std::string_view text, std::string_view key) { return keyed_hash(text, key, 32); }

Result<std::string> pseudonym_key_from_env(std::string_view variable) {
    const char* value = std::getenv(std::string(variable).c_str());
    std::string_view hex = value ? value : "";
    if (hex.empty())
        return Error{"pseudonym key: " + std::string(variable) +
                     " is not set; set it to 64 hex digits (e.g. `openssl rand -hex 32`) kept by your organisation"};
    if (hex.size() % 2 != 0 || hex.size() < 32 || hex.size() > 128)
        return Error{"pseudonym key: " + std::string(variable) + " must hold 32 to 128 hex digits, it holds " +
                     std::to_string(hex.size()) + " characters"};
    std::string key;
    for (std::size_t i = 0; i < hex.size(); i += 2) {
        int hi = hex_digit(hex[i]), lo = hex_digit(hex[i + 1]);
        if (hi < 0 || lo < 0) return Error{"pseudonym key: " + std::string(variable) + " holds a non-hex character"};
        key += static_cast<char>(hi * 16 + lo);
    }
    return key;
}

std::string pseudonym(std::string_view id, std::string_view key) { return keyed_hash(id, key, 16); }

}  // namespace semtrace::privacy
