// varint.hpp — LEB128 varints and zigzag signs, as the session format writes every number: the archive's and the chunk heads'.
#pragma once

#include <cstddef>
#include <cstdint>

namespace semtrace::format {

inline constexpr std::size_t max_varint_bytes = 10;

constexpr std::uint64_t zigzag(std::int64_t v) {
    return (static_cast<std::uint64_t>(v) << 1) ^ static_cast<std::uint64_t>(v >> 63);
}
constexpr std::int64_t unzigzag(std::uint64_t z) { return static_cast<std::int64_t>((z >> 1) ^ (~(z & 1) + 1)); }

// Writes v into out (max_varint_bytes of room); returns how many bytes it took.
inline std::size_t put_varint(char* out, std::uint64_t v) {
    std::size_t n = 0;
    for (; v >= 0x80; v >>= 7) out[n++] = static_cast<char>(static_cast<std::uint8_t>(v) | 0x80);
    out[n++] = static_cast<char>(v);
    return n;
}

// Reads a varint of at most max_bytes from p[at, n), moving `at` past it; false when it runs
// past n or past max_bytes.
inline bool get_varint(const char* p, std::size_t n, std::size_t& at, std::size_t max_bytes, std::uint64_t& v) {
    v = 0;
    for (std::size_t i = 0; i < max_bytes && at < n; ++i) {
        auto b = static_cast<std::uint8_t>(p[at++]);
        v |= std::uint64_t{b & 0x7fu} << (7 * i);
        if (!(b & 0x80)) return true;
    }
    return false;
}

}  // namespace semtrace::format
