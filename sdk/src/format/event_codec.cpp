// event_codec.cpp — encoding and decoding of events and the session header with the compact cereal archive.
#include "format/event_codec.hpp"

#include <cereal/types/utility.hpp>
#include <cereal/types/vector.hpp>

namespace semtrace {

template <class Archive>
void serialize(Archive& ar, Bounds& b) {
    ar(b.x, b.y, b.width, b.height);
}

namespace format {

// Lead byte of an event: kind in bits 0-2; for actions, bit 3 = has node id,
// bit 4 = has bounds, bits 5-6 = value state.
namespace {
constexpr std::uint8_t kind_mask = 0x07;
constexpr std::uint8_t has_node_bit = 0x08;
constexpr std::uint8_t has_bounds_bit = 0x10;
constexpr int value_state_shift = 5;

bool carries_text(ValueState state) { return state == ValueState::plain || state == ValueState::redacted; }

ValueState checked_state(std::uint8_t raw) {
    if (raw > static_cast<std::uint8_t>(ValueState::redacted)) throw cereal::Exception("unknown value state");
    return static_cast<ValueState>(raw);
}
}  // namespace

template <class Archive>
void save(Archive& ar, const Value& v) {
    ar(static_cast<std::uint8_t>(v.state));
    if (carries_text(v.state)) ar(v.text);
}
template <class Archive>
void load(Archive& ar, Value& v) {
    std::uint8_t state = 0;
    ar(state);
    v.state = checked_state(state);
    if (carries_text(v.state)) ar(v.text);
    else v.text.clear();  // a Value read into again (BodySpares) must not keep the last one's text
}

template <class Archive>
void serialize(Archive& ar, Node& n) {
    ar(n.id, n.parent, n.role, n.name, n.value, n.bounds, n.state);
}

template <class Archive>
void serialize(Archive& ar, Marker& m) {
    ar(m.name, m.attributes);
}

template <class Archive>
void serialize(Archive& ar, SessionHeader& h) {
    ar(h.session_id, h.app_name, h.app_version, h.sdk_version, h.start_unix_us, h.user_pseudonym,
       h.device_pseudonym, h.consent_record, h.policy_hash);
}

void encode_action(CompactOutputArchive& ar, std::uint64_t dt_us, const ActionRef& a) {
    std::uint8_t lead = static_cast<std::uint8_t>(EventKind::action);
    if (a.node_id != 0) lead |= has_node_bit;
    if (a.bounds.known()) lead |= has_bounds_bit;
    lead |= static_cast<std::uint8_t>(static_cast<std::uint8_t>(a.value_state) << value_state_shift);
    ar.write_byte(lead);
    ar.write_varint(dt_us);
    ar.write_byte(static_cast<std::uint8_t>(a.type));
    ar.write_string(a.locator, a.locator_memo);
    if (a.node_id != 0) ar.write_varint(a.node_id);
    if (a.bounds.known()) ar(a.bounds);
    if (carries_text(a.value_state)) ar.write_string(a.value);
}

void encode_event(CompactOutputArchive& ar, std::uint64_t dt_us, const Body& body) {
    if (const auto* action = std::get_if<Action>(&body)) return encode_action(ar, dt_us, ActionRef::of(*action));
    ar.write_byte(static_cast<std::uint8_t>(body.index()));
    ar.write_varint(dt_us);
    std::visit(
        [&](const auto& e) {
            using T = std::decay_t<decltype(e)>;
            if constexpr (std::is_same_v<T, Snapshot>) ar(e.nodes);
            else if constexpr (std::is_same_v<T, Delta>) ar(e.upserts, e.removed);
            else if constexpr (std::is_same_v<T, Marker>) ar(e);
            else if constexpr (std::is_same_v<T, Control>) ar(static_cast<std::uint8_t>(e.type), e.count);
        },
        body);
}

namespace {
// Into an Action already there: its strings keep their capacity, so a reader going through a
// frame of actions (a seek, `cat`) does not allocate per event. Every field is written.
void decode_action(CompactInputArchive& ar, std::uint8_t lead, Action& a) {
    std::uint8_t type = ar.read_byte();
    if (type >= action_type_count) throw cereal::Exception("unknown action type " + std::to_string(type));
    a.type = static_cast<ActionType>(type);
    ar.read_string(a.target.locator);
    a.target.node_id = (lead & has_node_bit) ? ar.read_varint() : 0;
    a.target.bounds = Bounds{};
    if (lead & has_bounds_bit) ar(a.target.bounds);
    a.value.state = checked_state(static_cast<std::uint8_t>(lead >> value_state_shift));
    if (carries_text(a.value.state)) ar.read_string(a.value.text);
    else a.value.text.clear();
}

// Markers and control events (actions, key frames and deltas are read into bodies kept for it).
Body decode_other(CompactInputArchive& ar, std::uint8_t lead) {
    switch (static_cast<EventKind>(lead & kind_mask)) {
        case EventKind::action:
        case EventKind::snapshot:
        case EventKind::delta: break;
        case EventKind::marker: {
            Marker m;
            ar(m);
            return m;
        }
        case EventKind::control: {
            std::uint8_t type = ar.read_byte();
            if (type >= control_type_count) throw cereal::Exception("unknown control type " + std::to_string(type));
            Control c{static_cast<ControlType>(type), 0};
            ar(c.count);
            return c;
        }
    }
    throw cereal::Exception("unknown event kind " + std::to_string(lead & kind_mask));
}
}  // namespace

std::uint8_t decode_event_head(CompactInputArchive& ar, std::uint16_t schema, std::uint64_t& dt_us) {
    if (schema == 0 || schema > event_schema_version)
        throw cereal::Exception("unknown event schema " + std::to_string(schema));
    ar.set_floats_as_bytes(schema == 1);
    std::uint8_t lead = ar.read_byte();
    dt_us = ar.read_varint();
    return lead;
}

void decode_event_rest(CompactInputArchive& ar, std::uint8_t lead, Body& body, BodySpares& spares) {
    auto kind = static_cast<EventKind>(lead & kind_mask);
    auto park = [&] {  // what the body holds goes back to the spares, capacity and all
        if (auto* a = std::get_if<Action>(&body)) spares.action = std::move(*a);
        else if (auto* s = std::get_if<Snapshot>(&body)) spares.snapshot = std::move(*s);
        else if (auto* d = std::get_if<Delta>(&body)) spares.delta = std::move(*d);
    };
    if (kind == EventKind::action) {
        if (!std::holds_alternative<Action>(body)) park(), body = std::move(spares.action);
        decode_action(ar, lead, std::get<Action>(body));
    } else if (kind == EventKind::snapshot) {
        if (!std::holds_alternative<Snapshot>(body)) park(), body = std::move(spares.snapshot);
        ar(std::get<Snapshot>(body).nodes);  // into the nodes already there
    } else if (kind == EventKind::delta) {
        if (!std::holds_alternative<Delta>(body)) park(), body = std::move(spares.delta);
        Delta& d = std::get<Delta>(body);
        ar(d.upserts, d.removed);  // cereal reads into the elements already there
    } else {
        park();
        body = decode_other(ar, lead);
    }
}

void skip_event_rest(CompactInputArchive& ar, std::uint8_t lead, Body& scratch, BodySpares& spares) {
    if (static_cast<EventKind>(lead & kind_mask) != EventKind::action) {
        decode_event_rest(ar, lead, scratch, spares);
        return;
    }
    std::uint8_t type = ar.read_byte();
    if (type >= action_type_count) throw cereal::Exception("unknown action type " + std::to_string(type));
    ar.skip_string();
    if (lead & has_node_bit) (void)ar.read_varint();
    if (lead & has_bounds_bit) {
        Bounds bounds;
        ar(bounds);
    }
    if (carries_text(checked_state(static_cast<std::uint8_t>(lead >> value_state_shift)))) ar.skip_string();
}

void decode_event(CompactInputArchive& ar, std::uint16_t schema, std::uint64_t& dt_us, Body& body) {
    BodySpares spares;
    decode_event_rest(ar, decode_event_head(ar, schema, dt_us), body, spares);
}

void encode_header(CompactOutputArchive& ar, const SessionHeader& header) { ar(header); }

SessionHeader decode_header(CompactInputArchive& ar) {
    SessionHeader header;
    ar(header);
    return header;
}

std::string_view name_of(EventKind kind) noexcept {
    switch (kind) {
        case EventKind::action: return "action";
        case EventKind::snapshot: return "snapshot";
        case EventKind::delta: return "delta";
        case EventKind::marker: return "marker";
        case EventKind::control: return "control";
    }
    return "unknown";
}

}  // namespace format
}  // namespace semtrace
