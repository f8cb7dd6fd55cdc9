// event_codec.hpp — how one event is laid out inside a frame (cereal serializers and the action fast path).
#pragma once

#include <cstdint>

#include "format/compact_archive.hpp"
#include "format/events.hpp"

namespace semtrace::format {

// Version of the event encoding inside frames; each frame header names the one it uses. Readers
// decode 1 (floats as four bytes) and 2 (whole-number floats as varints), writers write 2.
inline constexpr std::uint16_t event_schema_version = 2;

// Appends one event. `dt_us` is the time since the previous event of the frame (or since the
// frame's first timestamp), never negative.
void encode_action(CompactOutputArchive& ar, std::uint64_t dt_us, const ActionRef& action);
void encode_event(CompactOutputArchive& ar, std::uint64_t dt_us, const Body& body);

// Reads one event's body into `body` (reusing its strings when it holds an action already) and
// its time step. Throws cereal::Exception on malformed input.
void decode_event(CompactInputArchive& ar, std::uint16_t schema, std::uint64_t& dt_us, Body& body);
// The same in two steps, for readers that skip what comes before the event they seek: the
// head (kind and time step; returns the lead byte), then the rest, decoded or skipped. Skipping
// keeps the string table and runs the same checks as decoding.
std::uint8_t decode_event_head(CompactInputArchive& ar, std::uint16_t schema, std::uint64_t& dt_us);
// Bodies of the kinds a reader switches between, kept with their strings' capacity while the
// event holds another kind: sessions alternate actions and deltas, and building each anew was
// most of what reading them allocated.
struct BodySpares {
    Action action;
    Snapshot snapshot;
    Delta delta;
};
void decode_event_rest(CompactInputArchive& ar, std::uint8_t lead, Body& body, BodySpares& spares);
// Actions are read past without building anything; other events (rare, but they hold trees
// whose checks must run) are decoded into `scratch`, reused like a visited event's body.
void skip_event_rest(CompactInputArchive& ar, std::uint8_t lead, Body& scratch, BodySpares& spares);

void encode_header(CompactOutputArchive& ar, const SessionHeader& header);
SessionHeader decode_header(CompactInputArchive& ar);

}  // namespace semtrace::format
