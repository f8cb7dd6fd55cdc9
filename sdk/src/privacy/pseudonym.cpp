// pseudonym.cpp — keyed BLAKE2b through libsodium, and reading the pseudonym key from the environment.
#include <cstdlib>
#include <sodium.h>

#include "privacy/pseudonym.hpp"

namespace semtrace::privacy {

namespace {

std::string hex_of(const unsigned char* bytes, std::size_t n) {
    std::string out(2 * n + 1, '\0');
    sodium_bin2hex(out.data(), out.size(), bytes, n);
    out.pop_back();  // the terminating NUL
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
    std::string key(hex.size() / 2, '\0');
    std::size_t key_size = 0;
    const char* hex_end = nullptr;
    if (sodium_hex2bin(reinterpret_cast<unsigned char*>(key.data()), key.size(), hex.data(), hex.size(), nullptr,
                       &key_size, &hex_end) != 0 ||
        key_size != key.size())
        return Error{"pseudonym key: " + std::string(variable) + " holds a non-hex character"};
    return key;
}

std::string pseudonym(std::string_view id, std::string_view key) { return keyed_hash(id, key, 16); }

}  // namespace semtrace::privacy
