// labelled_phones.cpp — finds the number after words that name a phone: the words, how far back they are read, where the number ends.
#include <algorithm>
#include <array>

#include "privacy/char_classes.hpp"
#include "privacy/labelled_phones.hpp"

namespace semtrace::privacy::detail {

namespace {

constexpr std::size_t max_phone_digits = 13, min_phone_digits = 9;
constexpr std::size_t max_word = 32;       // bytes of one word read back
constexpr int max_between = 3;             // short words between the phone word and the number
constexpr std::size_t max_separators = 4;  // bytes of ": ", ".: ", " # " between two words

// Words that name a phone, in lower case. Those that begin with a letter of a script written
// in three-byte characters (Chinese, Japanese, Korean, Thai, Devanagari) are found inside a
// longer word too: those scripts leave no space between words ("我的手机号码是"). The others
// must be the whole word; their capitalised forms are listed where the first letter is not ASCII.
constexpr std::array phone_words = std::to_array<std::string_view>({
    "phone", "phones", "telephone", "tel", "tele", "ph", "phn", "mob", "mobile", "cell", "cellphone", "cellular",
    "whatsapp", "wa", "viber", "sms", "text", "txt", "call", "ring", "dial", "reach", "fax", "landline", "hotline",
    "contact", "handy", "telefon", "telefonnummer", "rufnummer", "mobil", "mobilnummer", "natel", "t\u00e9l\u00e9phone",
    "t\u00e9l", "portable", "gsm", "tel\u00e9fono", "telefono", "m\u00f3vil", "movil", "celular", "cel", "telefone",
    "telem\u00f3vel", "cellulare", "telefoonnummer", "mobiel", "telefonu", "hp", "sdt", "s\u0111t", "s\u0110t", "tho\u1ea1i",
    "ll\u00e1mame", "llamar",
    "\u0442\u0435\u043b\u0435\u0444\u043e\u043d", "\u0422\u0435\u043b\u0435\u0444\u043e\u043d", "\u0442\u0435\u043b",
    "\u0422\u0435\u043b", "\u043c\u043e\u0431", "\u041c\u043e\u0431",
    "\u043c\u043e\u0431\u0438\u043b\u044c\u043d\u044b\u0439", "\u041c\u043e\u0431\u0438\u043b\u044c\u043d\u044b\u0439",
    "\u0441\u043e\u0442\u043e\u0432\u044b\u0439", "\u0442\u0435\u043b\u0435\u0444\u043e\u043d\u0430",
    "\u0647\u0627\u062a\u0641", "\u062c\u0648\u0627\u0644", "\u0645\u0648\u0628\u0627\u064a\u0644", "\u062a\u0644\u0641\u0646",
    "\u0645\u0648\u0628\u0627\u06cc\u0644", "\u05d8\u05dc\u05e4\u05d5\u05df", "\u05e0\u05d9\u05d9\u05d3",
    "\u7535\u8bdd", "\u96fb\u8a71", "\u624b\u673a", "\u624b\u6a5f", "\u8054\u7cfb", "\u806f\u7e6b", "\u62e8\u6253",
    "\u81f4\u7535", "\u643a\u5e2f", "\u9023\u7d61\u5148", "\uc804\ud654", "\ud734\ub300\ud3f0", "\ud578\ub4dc\ud3f0",
    "\uc5f0\ub77d\ucc98", "\u0e42\u0e17\u0e23", "\u092b\u093c\u094b\u0928", "\u092b\u094b\u0928",
    "\u092e\u094b\u092c\u093e\u0907\u0932", "\u0938\u0902\u092a\u0930\u094d\u0915",
});

// Short words that may stand between the phone word and the number: "call me at", "phone
// number is", "mobile no.", "Tel. unter", "llámame al", "мой номер".
constexpr std::array between_words = std::to_array<std::string_view>({
    "me", "at", "on", "is", "no", "nr", "nbr", "num", "number", "my", "our", "your", "his", "her", "their", "the",
    "to", "or", "via", "us", "de", "du", "la", "le", "el", "mi", "su", "tu", "ist", "est", "es", "mein", "meine",
    "unter", "al", "\u043d\u043e\u043c\u0435\u0440", "\u043c\u043e\u0439",
});

bool is_separator(char c) { return c == ' ' || c == '\t' || c == ':' || c == '.' || c == '#' || c == '-' || c == '=' || c == '('; }
bool in_word(char c) { return is_alpha(c) || static_cast<unsigned char>(c) >= 0x80; }

// `word` as the lists hold it: ASCII letters lowered (at most max_word bytes).
std::string_view lowered(std::string_view word, std::array<char, max_word>& buffer) {
    std::transform(word.begin(), word.end(), buffer.begin(), [](char c) { return is_upper(c) ? static_cast<char>(c | 0x20) : c; });
    return {buffer.data(), word.size()};
}

// Both lists by their first byte: most numbers follow a word of neither ("Order", "ISBN",
// "Case"), and one look at its bucket tells. (Benchmarked: comparing each word with every entry
// cost the number-dense texts a quarter of their throughput.)
struct WordBuckets {
    static constexpr std::size_t phone_flag = 0x80;  // an index into phone_words, else between_words
    std::array<std::uint8_t, 256> count{};
    std::array<std::array<std::uint8_t, 24>, 256> index{};
};
constexpr WordBuckets by_first_byte = [] {
    WordBuckets b;
    auto add = [&](std::string_view w, std::size_t i) {
        auto first = static_cast<unsigned char>(w[0]);
        if (b.count[first] == b.index[first].size()) throw "a bucket of words is full";  // (fails to compile)
        b.index[first][b.count[first]++] = static_cast<std::uint8_t>(i);
    };
    for (std::size_t i = 0; i < phone_words.size(); ++i) add(phone_words[i], i | WordBuckets::phone_flag);
    for (std::size_t i = 0; i < between_words.size(); ++i) add(between_words[i], i);
    return b;
}();
static_assert(phone_words.size() < WordBuckets::phone_flag && between_words.size() < WordBuckets::phone_flag);

enum class WordKind { other, names_phone, between };

WordKind kind_of(std::string_view word) {
    auto first = static_cast<unsigned char>(word[0]);
    for (std::size_t k = 0; k < by_first_byte.count[first]; ++k) {
        std::size_t i = by_first_byte.index[first][k];
        bool phone = i & WordBuckets::phone_flag;
        if (word == (phone ? phone_words[i & ~WordBuckets::phone_flag] : between_words[i]))
            return phone ? WordKind::names_phone : WordKind::between;
    }
    // Scripts without spaces between words: a phone word anywhere in the run of them.
    if (std::none_of(word.begin(), word.end(), [](char c) { return static_cast<unsigned char>(c) >= 0xe0; })) return WordKind::other;
    bool inside = std::any_of(phone_words.begin(), phone_words.end(), [&](std::string_view w) {
        return static_cast<unsigned char>(w[0]) >= 0xe0 && word.find(w) != std::string_view::npos;
    });
    return inside ? WordKind::names_phone : WordKind::other;
}

// Whether groups g[0..2], the separators s[1..2] between them, read as a date: 2026-12-01,
// 01.12.2026, 12/01/26.
bool reads_as_date(const std::size_t* len, const char* sep, std::size_t groups) {
    if (groups < 3 || sep[1] != sep[2] || (sep[1] != '-' && sep[1] != '.' && sep[1] != '/')) return false;
    return (len[0] == 4 && len[1] <= 2 && len[2] <= 2) || (len[0] <= 2 && len[1] <= 2 && (len[2] == 4 || len[2] == 2));
}

// Where the phone number from text[at] ends: groups of digits up to three of " .-/()" apart,
// 9 to 13 digits, ending where no digit follows (a word glued on ends it: "4155550123Open");
// 0 when there is none.
std::size_t phone_end(std::string_view text, std::size_t at) {
    std::size_t len[3] = {}, digits = 0, groups = 0, end = 0, i = at;
    char sep[3] = {};
    while (i < text.size() && is_digit(text[i])) {
        std::size_t group = i;
        while (i < text.size() && is_digit(text[i])) ++i;
        if (digits + (i - group) > max_phone_digits) break;
        digits += i - group;
        if (groups < 3) len[groups] = i - group;
        ++groups;
        if (digits >= min_phone_digits && (i == text.size() || !is_digit(text[i]))) end = i;  // a word may be glued on
        std::size_t gap = 0;
        while (i + gap < text.size() && gap < 3 && std::string_view(" .-/()").find(text[i + gap]) != std::string_view::npos) ++gap;
        if (gap == 0 || i + gap == text.size() || !is_digit(text[i + gap])) break;
        if (groups < 3) sep[groups] = gap == 1 ? text[i] : ' ';
        i += gap;
    }
    return reads_as_date(len, sep, groups) ? 0 : end;
}

}  // namespace

bool phone_named_before(std::string_view text, std::size_t at) {
    if (at > 0 && (is_digit(text[at - 1]) || (at > 1 && is_digit(text[at - 2]) && std::string_view(".-/").find(text[at - 1]) != std::string_view::npos)))
        return false;  // inside a number, or its later group
    std::size_t i = at;
    std::array<char, max_word> buffer;
    // Glued to a word: "tel4155550123" if the word names a phone, and is no two letters, as
    // serial numbers begin ("HP483749296": a printer's, or Malay's word for a mobile).
    if (at > 0 && in_word(text[at - 1])) {
        while (i > 0 && at - i < max_word && in_word(text[i - 1])) --i;
        return (i == 0 || !in_word(text[i - 1])) && at - i >= 3 &&
               kind_of(lowered(text.substr(i, at - i), buffer)) == WordKind::names_phone;
    }
    for (int between = 0; between <= max_between; ++between) {
        for (std::size_t skipped = 0; i > 0 && skipped < max_separators && is_separator(text[i - 1]); ++skipped) --i;
        std::size_t word_end = i;
        while (i > 0 && word_end - i < max_word && in_word(text[i - 1])) --i;
        if (i == word_end || (i > 0 && in_word(text[i - 1]))) return false;  // no word, or one too long to be ours
        WordKind kind = kind_of(lowered(text.substr(i, word_end - i), buffer));
        if (kind != WordKind::between) return kind == WordKind::names_phone;
    }
    return false;
}

bool name_says_phone(std::string_view name) {
    std::array<char, max_word> buffer;
    for (std::size_t i = 0; i < name.size();) {
        std::size_t word = i;
        while (i < name.size() && in_word(name[i])) ++i;
        if (i > word && i - word <= max_word && kind_of(lowered(name.substr(word, i - word), buffer)) == WordKind::names_phone)
            return true;
        while (i < name.size() && !in_word(name[i])) ++i;
    }
    return false;
}

void add_labelled_phone(std::string_view text, std::size_t begin, std::size_t end, std::size_t digits,
                        std::vector<Candidate>& out) {
    // At each group's first digit, while 9 digits are left in the run (a number longer than
    // the run cannot be).
    for (std::size_t i = begin, seen = 0; i < end && digits - seen >= min_phone_digits; ++i) {
        if (!is_digit(text[i])) continue;
        if ((i == 0 || !is_digit(text[i - 1])) && phone_named_before(text, i)) return out.push_back({Builtin::labelled_phone, i, end});
        ++seen;
    }
}

void scan_labelled_phones(std::string_view text, std::size_t begin, std::size_t end, std::uint16_t index,
                          std::vector<Finding>& out) {
    for (std::size_t i = begin; i < end; ++i) {
        if (!is_digit(text[i]) || !phone_named_before(text, i)) continue;
        if (std::size_t e = phone_end(text, i); e) {
            out.push_back({i, e, index});
            i = e;
        }
    }
}

}  // namespace semtrace::privacy::detail
