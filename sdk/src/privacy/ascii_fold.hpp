// ascii_fold.hpp — text typed in full-width forms or with the digits of other scripts, folded to ASCII for the detectors, with the way back to the text's offsets.
#pragma once

#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

namespace semtrace::privacy::detail {

// Why: an input method in full-width mode types "４１１１ １１１１ １１１１ １１１１",
// "０９０－１２３４－５６７８" or "ｔａｒｏ＠ｅｘａｍｐｌｅ．ｊｐ" (Japanese forms often ask for numbers
// that way), and Arabic, Persian, Bengali, Nepali, Thai or Burmese keyboards type their own
// digits ("٠١٠٠ ١٢٣ ٤٥٦٧", "۰۹۱۲ ۳۴۵ ۶۷۸۹", "০১৭১১ ২৩৪৫৬৭"). No pattern written for ASCII sees
// those, so the detectors read such a text folded to ASCII: U+FF01-FF5E ("！" to "～", the ASCII
// characters ! to ~ in full width) become those characters, U+3000 (the ideographic space) a
// space, and the decimal digits of the Arabic, Indic, Thai, Lao, Tibetan, Myanmar and Khmer
// scripts the digits 0-9. A finding in the folded text is then mapped back to the characters it
// covers in the text: whole characters, never a part of one.

// What the character at s[i] folds to: its ASCII character and its length in bytes, or a length
// of 0 when it folds to nothing. U+FF01-FF3F are EF BC 81-BF, U+FF40-FF5E EF BD 80-9E, U+3000
// E3 80 80; digits: Arabic U+0660-0669 D9 A0-A9, Persian U+06F0-06F9 DB B0-B9, the nine Indic
// scripts from Devanagari (U+0966) to Malayalam (U+0D66) E0 A5..B5 (odd) A6-AF, Thai and Lao
// E0 B9 / BB 90-99, Tibetan E0 BC A0-A9, Myanmar E1 81 80-89, Khmer E1 9F A0-A9.
struct Fold {
    char ascii = 0;
    std::size_t length = 0;
};

// E0 second third: a digit of the Indic scripts, Thai, Lao or Tibetan.
inline Fold indic_digit(unsigned second, unsigned third) {
    auto digit = [](unsigned d) { return Fold{static_cast<char>('0' + d), 3}; };
    if (second >= 0xA5 && second <= 0xB5 && (second & 1) && third >= 0xA6 && third <= 0xAF) return digit(third - 0xA6);
    if ((second == 0xB9 || second == 0xBB) && third >= 0x90 && third <= 0x99) return digit(third - 0x90);
    if (second == 0xBC && third >= 0xA0 && third <= 0xA9) return digit(third - 0xA0);
    return {};
}
inline Fold fold_at(std::string_view s, std::size_t i) {
    auto b = [&](std::size_t k) { return k < s.size() ? static_cast<unsigned char>(s[k]) : 0u; };
    switch (b(i)) {
        case 0xD9: return b(i + 1) >= 0xA0 && b(i + 1) <= 0xA9 ? Fold{static_cast<char>('0' + b(i + 1) - 0xA0), 2} : Fold{};
        case 0xDB: return b(i + 1) >= 0xB0 && b(i + 1) <= 0xB9 ? Fold{static_cast<char>('0' + b(i + 1) - 0xB0), 2} : Fold{};
        case 0xE0: return indic_digit(b(i + 1), b(i + 2));
        case 0xE1:
            if (b(i + 1) == 0x81 && b(i + 2) >= 0x80 && b(i + 2) <= 0x89) return {static_cast<char>('0' + b(i + 2) - 0x80), 3};
            if (b(i + 1) == 0x9F && b(i + 2) >= 0xA0 && b(i + 2) <= 0xA9) return {static_cast<char>('0' + b(i + 2) - 0xA0), 3};
            return {};
        case 0xE3: return b(i + 1) == 0x80 && b(i + 2) == 0x80 ? Fold{' ', 3} : Fold{};
        case 0xEF:
            if (b(i + 1) == 0xBC && b(i + 2) >= 0x81 && b(i + 2) <= 0xBF) return {static_cast<char>(b(i + 2) - 0x81 + '!'), 3};
            if (b(i + 1) == 0xBD && b(i + 2) >= 0x80 && b(i + 2) <= 0x9E) return {static_cast<char>(b(i + 2) - 0x80 + '`'), 3};
            return {};
        default: return {};
    }
}

// Whether a byte can begin a character that folds (the candidate pass looks for these first).
constexpr bool fold_lead(unsigned char c) { return c == 0xD9 || c == 0xDB || c == 0xE0 || c == 0xE1 || c == 0xE3 || c == 0xEF; }

// A text folded, and where each of its bytes came from: made only for a text that holds a
// character that folds (Detectors::find).
class FoldedText {
public:
    void reset(std::string_view text) {
        folded_.clear();
        from_.clear();
        for (std::size_t i = 0; i < text.size();) {
            Fold f = fold_at(text, i);
            from_.push_back(i);
            folded_ += f.length ? f.ascii : text[i];
            i += f.length ? f.length : 1;
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
