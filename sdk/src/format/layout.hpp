// layout.hpp — byte layout of session files: magic numbers, record headers, checksums. See docs/FORMAT.md.
#pragma once

#include <cstdint>
#include <cstring>
#include <string_view>

#include <xxhash.h>

namespace semtrace::format {

// 2: the session header's payload is one zstd frame (1: the cereal bytes as they are). Readers
// read both.
inline constexpr std::uint16_t format_version = 2;

// File header: magic, u16 format version, u32 payload length, payload, u64 checksum.
inline constexpr char file_magic[8] = {'S', 'E', 'M', 'T', 'R', 'A', 'C', '\x1a'};
inline constexpr std::size_t file_header_fixed = 8 + 2 + 4;
inline constexpr std::uint32_t max_header_payload = 1u << 20;

// Chunk: a piece of one zstd frame, flushed so that it decodes with what came before it.
//   u8 tag 'C', u8 flags, u16 event_count, u32 payload_len, u32 raw_len,
//   [frame begin only: u64 first_seq, i64 first_t_us, u16 schema], u32 checksum, payload
inline constexpr std::uint8_t chunk_tag = 'C';
inline constexpr std::uint8_t chunk_begins_frame = 0x01;
inline constexpr std::uint8_t chunk_ends_frame = 0x02;
inline constexpr std::size_t chunk_fixed = 12;
inline constexpr std::size_t chunk_begin_extra = 18;
inline constexpr std::size_t chunk_checksum_size = 4;
// A chunk's head, checksum included, as its flags make it.
constexpr std::size_t chunk_head_size(std::uint8_t flags) {
    return chunk_fixed + ((flags & chunk_begins_frame) ? chunk_begin_extra : 0) + chunk_checksum_size;
}
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

}  // namespace semtrace::format
