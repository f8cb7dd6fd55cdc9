// compact_archive.hpp — a cereal archive for session files: varint integers and per-frame interned strings.
//
// Why not cereal's BinaryArchive: it writes every integer at full width and every string
// in full, which costs 3-4x the bytes before compression and twice the time. Semantic
// events repeat the same locators all day, so strings are interned per frame: the first
// use writes the text, later uses write its index. The reader mirrors the table, so a
// frame decodes only from its start (which the file format guarantees).
//
// Encoding (little-endian):
//   unsigned integers  LEB128 varint        signed integers  zigzag, then varint
//   8-bit integers     one raw byte         double           raw IEEE-754 bytes
//   float              a whole number n: varint zigzag(n) << 1; else byte 1 + IEEE-754 bytes
//                      (event schema 1: always the raw bytes)
//   string             varint tag: 0 = text follows and joins the table, 1 = text follows,
//                      n >= 2 = table entry n-2; text = varint length + bytes
//   size tags          varint
#pragma once

#include <atomic>
#include <bit>
#include <cmath>
#include <cassert>
#include <cstdint>
#include <cstring>
#include <limits>
#include <span>
#include <string>
#include <string_view>
#include <type_traits>
#include <vector>

#include <cereal/cereal.hpp>
#include <tsl/robin_map.h>

#include "format/byte_buffer.hpp"
#include "format/string_hash.hpp"
#include "format/varint.hpp"

namespace semtrace::format {

static_assert(std::endian::native == std::endian::little, "session files are written little-endian");

inline constexpr std::size_t max_string_bytes = 16u << 20;     // a reader refuses longer strings
inline constexpr std::size_t max_interned_strings = 1u << 20;  // a reader refuses larger tables

class CompactOutputArchive : public cereal::OutputArchive<CompactOutputArchive, cereal::AllowEmptyClassElision> {
public:
    explicit CompactOutputArchive(ByteBuffer& out)
        : cereal::OutputArchive<CompactOutputArchive, cereal::AllowEmptyClassElision>(this), out_(&out) {}

    void write_bytes(const void* data, std::size_t size) { out_->append(static_cast<const char*>(data), size); }
    void write_byte(std::uint8_t b) { out_->push_back(static_cast<char>(b)); }
    void write_varint(std::uint64_t v) {
        if (v < 0x80) return write_byte(static_cast<std::uint8_t>(v));  // most: tags, lengths, small numbers
        char buf[max_varint_bytes];
        out_->append(buf, put_varint(buf, v));
    }
    void write_signed(std::int64_t v) { write_varint(zigzag(v)); }
    // A float that holds a whole number (bounds in pixels, nearly always) as the varint
    // zigzag(n) << 1, one or two bytes; any other (fractions, -0, beyond ±2^30, NaN) as the
    // byte 1 and its four IEEE-754 bytes. Lossless either way.
    void write_float(float f) {
        if (f >= -0x1p30f && f <= 0x1p30f && static_cast<float>(static_cast<std::int32_t>(f)) == f &&
            !(f == 0 && std::signbit(f))) {
            return write_varint(zigzag(static_cast<std::int64_t>(f)) << 1);
        }
        write_byte(1);
        write_bytes(&f, sizeof f);
    }
    // Interned per frame (up to intern_limit_bytes long, intern_limit_entries of them). A caller
    // that writes one string over and over (the pipeline: an action's locator) may keep `memo`
    // beside it, zero at first: where the string sits in this frame's table, so that the next
    // write of it in the frame looks nothing up. A memo must only ever be passed with the same
    // `s`; it is good for any archive (another archive's, or an older frame's, is not taken).
    void write_string(std::string_view s, std::uint64_t* memo = nullptr);

    // Forgets interned strings: a new frame starts with an empty table.
    void reset_strings() {
        strings_.clear();
        table_ = next_table();
    }

    // Where the output and the table stand: what an event that cannot be written whole (out of
    // memory while encoding it) goes back to, so that nothing of it stays behind.
    struct Mark {
        std::size_t bytes = 0;
        std::size_t strings = 0;
    };
    Mark mark() const noexcept { return {out_->size(), strings_.size()}; }
    // Back to `m`: the bytes after it cut off, the strings interned after it forgotten (the
    // reader never sees them), and every memo made stale, as one may name a forgotten entry.
    void rewind(Mark m) noexcept {
        out_->truncate(m.bytes);
        for (auto it = strings_.begin(); it != strings_.end();) {
            if (it->second >= m.strings) it = strings_.erase(it);  // the next entry (or one moved into this place)
            else ++it;
        }
        table_ = next_table();
    }

private:
    // Numbers every table any archive of the process starts, so that a memo names its table.
    static std::uint64_t next_table() {
        static std::atomic<std::uint64_t> tables{0};
        return tables.fetch_add(1, std::memory_order_relaxed) + 1;
    }
    static constexpr int memo_entry_bits = 17;  // entries < intern_limit_entries

    static constexpr std::size_t intern_limit_bytes = 512;
    static constexpr std::size_t intern_limit_entries = 1u << 16;
    ByteBuffer* out_;
    tsl::robin_map<std::string, std::uint32_t, StringHash, std::equal_to<>> strings_;
    std::uint64_t table_ = next_table();
};

// Reads a byte span; every read is bounds-checked and throws cereal::Exception when the
// input is shorter or larger than it claims.
class CompactInputArchive : public cereal::InputArchive<CompactInputArchive, cereal::AllowEmptyClassElision> {
public:
    CompactInputArchive()
        : cereal::InputArchive<CompactInputArchive, cereal::AllowEmptyClassElision>(this) {}

    void set_input(std::span<const char> in) { pos_ = in.data(), end_ = in.data() + in.size(); }
    std::size_t remaining() const noexcept { return static_cast<std::size_t>(end_ - pos_); }
    void reset_strings() {
        strings_.clear();
        string_bytes_.clear();
    }

    void read_bytes(void* data, std::size_t size) {
        need(size);
        std::memcpy(data, pos_, size);
        pos_ += size;
    }
    std::uint8_t read_byte() {
        need(1);
        return static_cast<std::uint8_t>(*pos_++);
    }
    std::uint64_t read_varint() {
        // Most varints are tags and short lengths: one byte.
        if (pos_ != end_ && static_cast<std::uint8_t>(*pos_) < 0x80) return static_cast<std::uint8_t>(*pos_++);
        return read_long_varint();
    }
    std::uint64_t read_long_varint() {
        std::uint64_t v = 0;
        std::size_t at = 0;
        if (!get_varint(pos_, remaining(), at, max_varint_bytes, v))
            throw cereal::Exception(at == max_varint_bytes ? "varint longer than 10 bytes" : "record ends early");
        pos_ += at;
        return v;
    }
    std::int64_t read_signed() { return unzigzag(read_varint()); }
    // Event schema 1 wrote every float as its four bytes; later ones as write_float does.
    void set_floats_as_bytes(bool as_bytes) noexcept { floats_as_bytes_ = as_bytes; }
    float read_float() {
        float f;
        if (floats_as_bytes_) {
            read_bytes(&f, sizeof f);
            return f;
        }
        std::uint64_t v = read_varint();
        if (v == 1) {
            read_bytes(&f, sizeof f);
            return f;
        }
        if ((v & 1) || v > (std::uint64_t{1} << 32)) throw cereal::Exception("malformed float (tag " + std::to_string(v) + ")");
        return static_cast<float>(unzigzag(v >> 1));
    }
    // Reads a count of items that each take at least one byte, refusing counts the input cannot hold.
    std::size_t read_count() {
        std::uint64_t n = read_varint();
        if (n > remaining()) throw cereal::Exception("count " + std::to_string(n) + " exceeds the bytes left");
        return static_cast<std::size_t>(n);
    }
    void read_string(std::string& s);
    // Reads past a string, keeping the string table as read_string would, with the same checks.
    void skip_string();

private:
    void need(std::size_t size) const {
        if (size > remaining()) throw cereal::Exception("record ends early");
    }
    void intern(const char* data, std::size_t size) {
        if (strings_.size() >= max_interned_strings) throw cereal::Exception("string table overflow");
        strings_.push_back({string_bytes_.size(), size});
        string_bytes_.append(data, size);
    }
    struct Interned {
        std::size_t offset, size;
    };
    const char* pos_ = nullptr;
    const char* end_ = nullptr;
    bool floats_as_bytes_ = false;
    // The table's strings side by side in one buffer: a seek interns hundreds of strings it
    // reads past, and an allocation for each cost it 9 % of its instructions.
    std::vector<Interned> strings_;
    std::string string_bytes_;
};

inline void CompactOutputArchive::write_string(std::string_view s, std::uint64_t* memo) {
    static_assert(intern_limit_entries <= (std::size_t{1} << memo_entry_bits));
    if (memo && *memo >> memo_entry_bits == table_) {
        std::uint64_t entry = *memo & ((std::uint64_t{1} << memo_entry_bits) - 1);
        assert(strings_.count(s) == 1 && strings_.find(s)->second == entry);  // the caller's promise
        return write_varint(entry + 2);
    }
    auto keep = [&](std::uint32_t entry) {
        if (memo) *memo = table_ << memo_entry_bits | entry;
    };
    std::uint64_t tag = 1;  // the text, not kept
    if (!s.empty() && s.size() <= intern_limit_bytes) {
        if (auto it = strings_.find(s); it != strings_.end()) {
            keep(it->second);
            return write_varint(std::uint64_t{it->second} + 2);
        }
        if (strings_.size() < intern_limit_entries) {
            auto entry = static_cast<std::uint32_t>(strings_.size());
            strings_.emplace(std::string(s), entry);
            keep(entry);
            tag = 0;  // the text, joining the table
        }
    }
    write_varint(tag);
    write_varint(s.size());
    write_bytes(s.data(), s.size());
}

inline void CompactInputArchive::read_string(std::string& s) {
    std::uint64_t tag = read_varint();
    if (tag >= 2) {
        if (tag - 2 >= strings_.size()) throw cereal::Exception("string reference to entry " + std::to_string(tag - 2) +
                                                                " of a table of " + std::to_string(strings_.size()));
        const Interned& entry = strings_[tag - 2];
        s.assign(string_bytes_.data() + entry.offset, entry.size);
        return;
    }
    std::uint64_t size = read_varint();
    if (size > max_string_bytes) throw cereal::Exception("string of " + std::to_string(size) + " bytes");
    need(size);
    s.assign(pos_, size);
    if (tag == 0) intern(pos_, size);
    pos_ += size;
}

inline void CompactInputArchive::skip_string() {
    std::uint64_t tag = read_varint();
    if (tag >= 2) {
        if (tag - 2 >= strings_.size()) throw cereal::Exception("string reference to entry " + std::to_string(tag - 2) +
                                                                " of a table of " + std::to_string(strings_.size()));
        return;
    }
    std::uint64_t size = read_varint();
    if (size > max_string_bytes) throw cereal::Exception("string of " + std::to_string(size) + " bytes");
    need(size);
    if (tag == 0) intern(pos_, size);
    pos_ += size;
}

// --- cereal glue: how each primitive is written ---------------------------------------

template <class T>
    requires std::is_arithmetic_v<T>
void CEREAL_SAVE_FUNCTION_NAME(CompactOutputArchive& ar, const T& t) {
    if constexpr (sizeof(T) == 1) ar.write_byte(static_cast<std::uint8_t>(t));
    else if constexpr (std::is_same_v<T, float>) ar.write_float(t);
    else if constexpr (std::is_floating_point_v<T>) ar.write_bytes(&t, sizeof t);
    else if constexpr (std::is_signed_v<T>) ar.write_signed(t);
    else ar.write_varint(t);
}

template <class T>
    requires std::is_arithmetic_v<T>
void CEREAL_LOAD_FUNCTION_NAME(CompactInputArchive& ar, T& t) {
    if constexpr (std::is_same_v<T, bool>) t = ar.read_byte() != 0;
    else if constexpr (sizeof(T) == 1) t = static_cast<T>(ar.read_byte());
    else if constexpr (std::is_same_v<T, float>) t = ar.read_float();
    else if constexpr (std::is_floating_point_v<T>) ar.read_bytes(&t, sizeof t);
    else if constexpr (std::is_signed_v<T>) {
        std::int64_t v = ar.read_signed();
        if (v < std::numeric_limits<T>::min() || v > std::numeric_limits<T>::max())
            throw cereal::Exception("integer out of range");
        t = static_cast<T>(v);
    } else {
        std::uint64_t v = ar.read_varint();
        if (v > std::numeric_limits<T>::max()) throw cereal::Exception("integer out of range");
        t = static_cast<T>(v);
    }
}

inline void CEREAL_SAVE_FUNCTION_NAME(CompactOutputArchive& ar, const std::string& s) { ar.write_string(s); }
inline void CEREAL_LOAD_FUNCTION_NAME(CompactInputArchive& ar, std::string& s) { ar.read_string(s); }

template <class T>
void CEREAL_SAVE_FUNCTION_NAME(CompactOutputArchive& ar, const cereal::SizeTag<T>& tag) {
    ar.write_varint(static_cast<std::uint64_t>(tag.size));
}
template <class T>
void CEREAL_LOAD_FUNCTION_NAME(CompactInputArchive& ar, cereal::SizeTag<T>& tag) {
    tag.size = static_cast<std::remove_reference_t<T>>(ar.read_count());
}

template <class Archive, class T>
    requires(std::is_same_v<Archive, CompactOutputArchive> || std::is_same_v<Archive, CompactInputArchive>)
void CEREAL_SERIALIZE_FUNCTION_NAME(Archive& ar, cereal::NameValuePair<T>& t) {
    ar(t.value);
}

}  // namespace semtrace::format

CEREAL_REGISTER_ARCHIVE(semtrace::format::CompactOutputArchive)
CEREAL_REGISTER_ARCHIVE(semtrace::format::CompactInputArchive)
CEREAL_SETUP_ARCHIVE_TRAITS(semtrace::format::CompactInputArchive, semtrace::format::CompactOutputArchive)
