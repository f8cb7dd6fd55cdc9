// full_width.hpp — text typed in full-width forms (Chinese, Japanese and Korean input methods) folded to ASCII for the detectors, with the way back to the text's offsets.
#pragma once

#include <cstdint>
#include <cstring>
#include <string>
#include <string_view>
#include <vector>

namespace semtrace::privacy::detail {

// Why: an input method in full-width mode types "４１１１ １１１１ １１１１ １１１１",
// "０９０－１２３４－５６７８" or "ｔａｒｏ＠ｅｘａｍｐｌｅ．ｊｐ", and Japanese forms often ask for
// numbers that way. No pattern written for ASCII sees those, so the detectors read such a text
// folded to ASCII: U+FF01-FF5E ("！" to "～", the ASCII characters ! to ~ in full width) become
// those characters, and U+3000 (the ideographic space) a space. A finding in the folded text is
// then mapped back to the characters it covers in the text: whole characters, never a part of one.

// The ASCII character the full-width form at s[i] stands for, or 0 when there is none there.
// U+FF01-FF3F are EF BC 81-BF, U+FF40-FF5E are EF BD 80-9E, U+3000 is E3 80 80: three bytes each.
inline char full_width_at(std::string_view s, std::size_t i) {
    if (i + 2 >= s.size()) return 0;
    auto b = [&](std::size_t k) { return static_cast<unsigned char>(s[k]); };
    if (b(i) == 0xE3) return b(i + 1) == 0x80 && b(i + 2) == 0x80 ? ' ' : 0;
    if (b(i) != 0xEF) return 0;
    if (b(i + 1) == 0xBC && b(i + 2) >= 0x81 && b(i + 2) <= 0xBF) return static_cast<char>(b(i + 2) - 0x81 + '!');
    if (b(i + 1) == 0xBD && b(i + 2) >= 0x80 && b(i + 2) <= 0x9E) return static_cast<char>(b(i + 2) - 0x80 + '`');
    return 0;
}

// Whether `s` holds a full-width form. (The candidate pass finds them on its way: this is for the rest.)
inline bool has_full_width(std::string_view s) {
    for (std::size_t i = 0; i < s.size(); ++i)
        if (full_width_at(s, i)) return true;
    return false;
}

// A text folded, and where each of its bytes came from: made only for a text that holds a
// full-width form (Detectors::find).
class FoldedText {
public:
    void reset(std::string_view text) {
        folded_.clear();
        from_.clear();
        for (std::size_t i = 0; i < text.size();) {
            char ascii = full_width_at(text, i);
            from_.push_back(i);
            folded_ += ascii ? ascii : text[i];
            i += ascii ? 3 : 1;
        }
        from_.push_back(text.size());
    }
    std::string_view text() const { return folded_; }
    // The offset in the text of the folded text's offset `at` (0 to its size): a span [b, e) of
    // the folded text covers [original(b), original(e)) of the text.
    std::size_t original(std::size_t at) const { return from_[at]; }

private:
    std::string folded_;
    std::vector<std::size_t> from_;
};

}  // namespace semtrace::privacy::detail
