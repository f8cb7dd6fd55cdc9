// raw_session.hpp — every byte a session file holds, decompressed, read without the SDK's reader.
//
// The privacy tests search these bytes, not what the reader decodes: a secret that reached the
// file in any form — a string table, a half-written chunk — is found here.
#pragma once

#include <doctest/doctest.h>
#include <zstd.h>

#include <cstdint>
#include <cstring>
#include <filesystem>
#include <fstream>
#include <iterator>
#include <string>
#include <utility>

namespace semtrace::testing {

template <class T>
T read_le(const std::string& bytes, std::size_t at) {
    T v{};
    REQUIRE(at + sizeof(T) <= bytes.size());
    std::memcpy(&v, bytes.data() + at, sizeof(T));
    return v;
}

// A LEB128 varint at `at`, which it moves past.
inline std::uint64_t read_varint(const std::string& bytes, std::size_t& at) {
    std::uint64_t v = 0;
    for (int shift = 0; shift < 64; shift += 7) {
        REQUIRE(at < bytes.size());
        auto b = static_cast<std::uint8_t>(bytes[at++]);
        v |= std::uint64_t{b & 0x7fu} << shift;
        if (!(b & 0x80)) return v;
    }
    FAIL("varint longer than 10 bytes");
    return v;
}

// A chunk's head at `pos`: its size and its payload's (format 1: fixed widths; 2: varints).
inline std::pair<std::size_t, std::size_t> chunk_head(const std::string& bytes, std::size_t pos, std::uint16_t version) {
    auto flags = static_cast<std::uint8_t>(bytes[pos + 1]);
    if (version == 1) return {12 + ((flags & 1) ? 18 : 0) + 4, read_le<std::uint32_t>(bytes, pos + 4)};
    std::size_t at = pos + 2;
    (void)read_varint(bytes, at);                        // events
    std::size_t payload_len = read_varint(bytes, at);    // payload
    (void)read_varint(bytes, at);                        // raw
    if (flags & 1) for (int i = 0; i < 3; ++i) (void)read_varint(bytes, at);  // first seq, first time, schema
    return {at + 4 - pos, payload_len};
}

// The file's bytes followed by the decompressed session header and the decompressed content of
// every chunk (layout: docs/FORMAT.md).
inline std::string all_session_bytes(const std::filesystem::path& file) {
    std::ifstream in(file, std::ios::binary);
    REQUIRE(in.good());
    std::string bytes((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
    std::string out = bytes;
    const auto version = read_le<std::uint16_t>(bytes, 8);
    const auto header_len = read_le<std::uint32_t>(bytes, 10);
    if (version >= 2) {  // the header is one zstd frame
        REQUIRE(14 + header_len <= bytes.size());
        auto size = ZSTD_getFrameContentSize(bytes.data() + 14, header_len);
        REQUIRE(size < (1u << 20));
        std::string header(static_cast<std::size_t>(size), '\0');
        REQUIRE(ZSTD_decompress(header.data(), header.size(), bytes.data() + 14, header_len) == header.size());
        out += header;
    }
    std::size_t pos = 8 + 2 + 4 + header_len + 8;
    ZSTD_DCtx* dctx = ZSTD_createDCtx();
    std::string buffer(1 << 16, '\0');
    while (pos < bytes.size() && bytes[pos] == 'C') {
        auto flags = static_cast<std::uint8_t>(bytes[pos + 1]);
        auto [header, payload_len] = chunk_head(bytes, pos, version);
        REQUIRE(pos + header + payload_len <= bytes.size());
        if (flags & 1) ZSTD_DCtx_reset(dctx, ZSTD_reset_session_only);
        ZSTD_inBuffer input{bytes.data() + pos + header, payload_len, 0};
        bool output_full = false;
        while (input.pos < input.size || output_full) {
            ZSTD_outBuffer output{buffer.data(), buffer.size(), 0};
            std::size_t rc = ZSTD_decompressStream(dctx, &output, &input);
            REQUIRE_MESSAGE(!ZSTD_isError(rc), ZSTD_getErrorName(rc));
            out.append(buffer.data(), output.pos);
            output_full = output.pos == output.size;
        }
        pos += header + payload_len;
    }
    ZSTD_freeDCtx(dctx);
    return out;
}

}  // namespace semtrace::testing
