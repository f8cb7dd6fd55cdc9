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

namespace semtrace::testing {

template <class T>
T read_le(const std::string& bytes, std::size_t at) {
    T v{};
    REQUIRE(at + sizeof(T) <= bytes.size());
    std::memcpy(&v, bytes.data() + at, sizeof(T));
    return v;
}

// The file's bytes followed by the decompressed content of every chunk (layout: docs/FORMAT.md).
inline std::string all_session_bytes(const std::filesystem::path& file) {
    std::ifstream in(file, std::ios::binary);
    REQUIRE(in.good());
    std::string bytes((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
    std::string out = bytes;
    std::size_t pos = 8 + 2 + 4 + read_le<std::uint32_t>(bytes, 10) + 8;
    ZSTD_DCtx* dctx = ZSTD_createDCtx();
    std::string buffer(1 << 16, '\0');
    while (pos < bytes.size() && bytes[pos] == 'C') {
        auto flags = static_cast<std::uint8_t>(bytes[pos + 1]);
        auto payload_len = read_le<std::uint32_t>(bytes, pos + 4);
        std::size_t header = 12 + ((flags & 1) ? 18 : 0) + 4;
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
