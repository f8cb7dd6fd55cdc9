// layout.hpp — byte layout of session files: magic numbers, record headers, checksums. See docs/FORMAT.md.
#pragma once

#include <cstdint>
#include <cstring>
#include <string_view>

#include <xxhash.h>

#include "format/varint.hpp"

namespace semtrace::format {

// 2: the session header's payload is one zstd frame, and a chunk's head holds varints (1: the
// header's cereal bytes as they are, a chunk's head fixed widths). Readers read both.
inline constexpr std::uint16_t format_version = 2;

// File header: magic, u16 format version, u32 payload length, payload, u64 checksum.
inline constexpr char file_magic[8] = {'S', 'E', 'M', 'T', 'R', 'A', 'C', '\x1a'};
inline constexpr std::size_t file_header_fixed = 8 + 2 + 4;
inline constexpr std::uint32_t max_header_payload = 1u << 20;

// Chunk: a piece of one zstd frame, flushed so that it decodes with what came before it.
//   u8 tag 'C', u8 flags, varint event_count, varint payload_len, varint raw_len,
//   [frame begin only: varint first_seq, zigzag varint first_t_us, varint schema], u32 checksum, payload
// (format 1: u16, u32 and u32; u64, i64 and u16 for the frame's begin: 16 or 34 bytes where a
// person's pace, a chunk of two events a second, mostly needs 9).
inline constexpr std::uint8_t chunk_tag = 'C';
inline constexpr std::uint8_t chunk_begins_frame = 0x01;
inline constexpr std::uint8_t chunk_ends_frame = 0x02;
inline constexpr std::size_t chunk_checksum_size = 4;
inline constexpr std::size_t chunk_head_max = 2 + 3 + 5 + 5 + 10 + 10 + 3 + chunk_checksum_size;
inline constexpr std::uint32_t max_chunk_payload = 64u << 20;
inline constexpr std::uint32_t max_chunk_raw = 64u << 20;
inline constexpr std::uint32_t max_chunk_events = 0xffff;

// Footer: u8 tag 'X', u32 frame_count, frame entries, u64 event_count, i64 last_t_us,
// u64 raw_bytes, then the trailer: u64 footer_offset, u64 checksum (of everything from the
// tag through footer_offset), 8-byte end magic.
inline constexpr std::uint8_t footer_tag = 'X';
inline constexpr std::size_t footer_entry_size = 8 + 8 + 8 + 4 + 4;
inline constexpr std::size_t footer_fixed = 1 + 4 + 8 + 8 + 8 + 8;  // tag .. footer_offset
inline constexpr std::size_t trailer_size = 8 + 8 + 8;
inline constexpr char end_magic[8] = {'S', 'E', 'M', 'T', 'E', 'N', 'D', '\x1a'};

// Little-endian field access; the format is little-endian on every machine.
template <class T>
void put(char* at, T value) {
    std::memcpy(at, &value, sizeof value);
}
template <class T>
T get(const char* at) {
    T value;
    std::memcpy(&value, at, sizeof value);
    return value;
}

// What a chunk's head says.
struct ChunkHead {
    std::uint8_t flags = 0;
    std::uint32_t events = 0;
    std::uint32_t payload_len = 0;
    std::uint32_t raw_len = 0;
    std::uint64_t first_seq = 0;  // these three only where the chunk begins a frame
    std::int64_t first_t_us = 0;
    std::uint16_t schema = 0;
};


// Writes a chunk's head, all but its checksum, into `out` (chunk_head_max bytes of room), as
// format_version lays it out; returns its size.
inline std::size_t put_chunk_head(char* out, const ChunkHead& h) {
    out[0] = static_cast<char>(chunk_tag);
    out[1] = static_cast<char>(h.flags);
    std::size_t n = 2;
    n += put_varint(out + n, h.events);
    n += put_varint(out + n, h.payload_len);
    n += put_varint(out + n, h.raw_len);
    if (h.flags & chunk_begins_frame) {
        n += put_varint(out + n, h.first_seq);
        n += put_varint(out + n, zigzag(h.first_t_us));
        n += put_varint(out + n, h.schema);
    }
    return n;
}

enum class HeadRead { ok, short_input, malformed };

// Reads the head of a chunk of a file in format `version` from the n bytes at p (p[0] is the
// tag); `head_size` is its size, checksum included. short_input: the head runs past n.
inline HeadRead get_chunk_head(const char* p, std::size_t n, std::uint16_t version, ChunkHead& h, std::size_t& head_size) {
    if (n < 2) return HeadRead::short_input;
    h = ChunkHead{};
    h.flags = static_cast<std::uint8_t>(p[1]);
    const bool begins = h.flags & chunk_begins_frame;
    if (version == 1) {
        head_size = 12 + (begins ? 18 : 0) + chunk_checksum_size;
        if (n < head_size) return HeadRead::short_input;
        h.events = get<std::uint16_t>(p + 2);
        h.payload_len = get<std::uint32_t>(p + 4);
        h.raw_len = get<std::uint32_t>(p + 8);
        if (begins) h.first_seq = get<std::uint64_t>(p + 12), h.first_t_us = get<std::int64_t>(p + 20), h.schema = get<std::uint16_t>(p + 28);
        return HeadRead::ok;
    }
    std::size_t at = 2;
    std::uint64_t events = 0, payload = 0, raw = 0, seq = 0, t = 0, schema = 0;
    // Short of bytes, or a varint longer than its field allows: which, for the message.
    auto field = [&](std::size_t max_bytes, std::uint64_t& v) {
        std::size_t from = at;
        if (get_varint(p, n, at, max_bytes, v)) return HeadRead::ok;
        return at == n && at - from < max_bytes ? HeadRead::short_input : HeadRead::malformed;
    };
    for (auto [max_bytes, v] : {std::pair{3, &events}, {5, &payload}, {5, &raw}})
        if (auto r = field(static_cast<std::size_t>(max_bytes), *v); r != HeadRead::ok) return r;
    if (begins)
        for (auto [max_bytes, v] : {std::pair{10, &seq}, {10, &t}, {3, &schema}})
            if (auto r = field(static_cast<std::size_t>(max_bytes), *v); r != HeadRead::ok) return r;
    if (events > 0xffff || payload > 0xffffffffu || raw > 0xffffffffu || schema > 0xffff) return HeadRead::malformed;
    head_size = at + chunk_checksum_size;
    if (n < head_size) return HeadRead::short_input;
    h.events = static_cast<std::uint32_t>(events);
    h.payload_len = static_cast<std::uint32_t>(payload);
    h.raw_len = static_cast<std::uint32_t>(raw);
    h.first_seq = seq;
    h.first_t_us = unzigzag(t);
    h.schema = static_cast<std::uint16_t>(schema);
    return HeadRead::ok;
}

// One entry of the footer index: where a frame starts and what it holds.
struct FrameEntry {
    std::uint64_t offset = 0;  // of the frame's first chunk
    std::uint64_t first_seq = 0;
    std::int64_t first_t_us = 0;
    std::uint32_t event_count = 0;
    std::uint32_t bytes = 0;  // on disk, all chunks of the frame
    friend bool operator==(const FrameEntry&, const FrameEntry&) = default;
};

inline std::uint64_t checksum64(const void* data, std::size_t size, std::uint64_t seed = 0) {
    return XXH3_64bits_withSeed(data, size, seed);
}


}  // namespace semtrace::format
