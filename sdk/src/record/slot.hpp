// slot.hpp — one event in flight between a recording thread and the pipeline: fixed size, strings inline.
#pragma once

#include <cstdint>
#include <cstring>
#include <memory>
#include <string>
#include <string_view>

#include "semtrace/vocabulary.hpp"

namespace semtrace::detail {

// 248 bytes: with the queue's turn counter, four cache lines exactly. Strings that fit
// `inline_text` travel inside the slot; longer ones are copied to the heap (`spill`), the one
// case where recording allocates.
struct Slot {
    static constexpr std::size_t inline_text = 184;

    std::uint8_t kind = 0;         // format::EventKind
    std::uint8_t subtype = 0;      // ActionType or ControlType
    std::uint8_t value_state = 0;  // ValueState
    std::uint8_t reserved = 0;
    std::uint32_t first_len = 0;   // locator, or marker name
    std::uint32_t second_len = 0;  // value, or packed marker attributes
    std::uint32_t reserved2 = 0;
    std::int64_t t_us = 0;
    std::uint64_t number = 0;      // node id, or control count
    Bounds bounds;
    std::string* spill = nullptr;  // owns the text when it did not fit inline
    void* tree = nullptr;          // owns a format::Snapshot or format::Delta
    char text[inline_text];

    // Stores two strings back to back; returns false only when the heap copy failed.
    bool store_text(std::string_view first, std::string_view second) noexcept {
        first_len = static_cast<std::uint32_t>(first.size());
        second_len = static_cast<std::uint32_t>(second.size());
        if (first.size() + second.size() <= inline_text) {
            // memcpy from an empty view's null pointer is undefined, even for zero bytes.
            if (!first.empty()) std::memcpy(text, first.data(), first.size());
            if (!second.empty()) std::memcpy(text + first.size(), second.data(), second.size());
            spill = nullptr;
            return true;
        }
        try {
            auto copy = std::make_unique<std::string>();  // freed if reserving its room fails
            copy->reserve(first.size() + second.size());
            copy->append(first).append(second);
            spill = copy.release();
            return true;
        } catch (...) {
            spill = nullptr;
            return false;
        }
    }
    const char* text_data() const noexcept { return spill ? spill->data() : text; }
    std::string_view first() const noexcept { return {text_data(), first_len}; }
    std::string_view second() const noexcept { return {text_data() + first_len, second_len}; }
};

}  // namespace semtrace::detail
