// labelled_numbers.cpp — finds the number after words that name a phone or an identity number: the words, how far back they are read, where the number ends.
#include <algorithm>
#include <array>

#include "privacy/char_classes.hpp"
#include "privacy/labelled_numbers.hpp"

namespace semtrace::privacy::detail {

namespace {

constexpr std::size_t max_phone_digits = 13, min_phone_digits = 9, min_id_digits = 5, max_id_bytes = 32;
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

// Words that name an identity number by themselves, in lower case, as phone_words. Not "RFC"
// (Mexico's tax id, and every internet standard: "RFC 2373 2.5.2"), "EIN" (German's "a") or
// "NIE" (Polish "not"; Spain's NIE has a detector of its own).
constexpr std::array id_words = std::to_array<std::string_view>({
    "passport", "passports", "passeport", "pasaporte", "passaporto", "paspoort", "paszport", "reisepass", "ssn", "ssns",
    "itin", "tin", "nhs", "medicare", "license", "licence", "licencia", "licenza", "f\u00fchrerschein", "fuhrerschein",
    "rijbewijs", "dl", "bsn", "cpr", "pesel", "personnummer", "personalausweis", "ausweis", "ausweisnummer", "steuernummer",
    "idnr", "nif", "dni", "curp", "cpf", "rg", "aadhaar", "aadhar", "nino", "kimlik", "tckn",
    "account", "acct", "konto", "kontonummer", "cuenta", "compte",  // a bank account's number (no check tells it)
    "\u043f\u0430\u0441\u043f\u043e\u0440\u0442", "\u041f\u0430\u0441\u043f\u043e\u0440\u0442",
    "\u0438\u043d\u043d", "\u0418\u041d\u041d", "\u0441\u043d\u0438\u043b\u0441", "\u0421\u041d\u0418\u041b\u0421",
    "\u8eab\u4efd\u8bc1", "\u8eab\u5206\u8b49", "\u8eab\u4efd\u8b49", "\u62a4\u7167", "\u8b77\u7167",
    "\u30de\u30a4\u30ca\u30f3\u30d0\u30fc", "\u30d1\u30b9\u30dd\u30fc\u30c8", "\uc8fc\ubbfc\ub4f1\ub85d\ubc88\ud638",
    "\uc5ec\uad8c",
});

// Words that name one only with a word such as "ID" or "number" after them: "Tax ID", "Social
// Security number", "ID card no.", "Steuer-ID" — but "Tax 12345.00", "National 10000". Right
// before the number they stand between ("national ID card: …"). "ID" itself only stands between:
// "Order ID 48213377", "id_ID.ISO8859-1" name none.
constexpr std::array id_words_before_between = std::to_array<std::string_view>({
    "tax", "taxpayer", "social", "national", "identity", "identification", "citizen", "voter", "steuer", "card",
});

// Short words that may stand between the phone or identity word and the number: "call me at",
// "phone number is", "mobile no.", "Tel. unter", "llámame al", "мой номер", "Social Security
// number", "tax ID", "ID card no.".
constexpr std::array between_words = std::to_array<std::string_view>({
    "me", "at", "on", "is", "no", "nr", "nbr", "num", "number", "my", "our", "your", "his", "her", "their", "the",
    "to", "or", "via", "us", "de", "du", "la", "le", "el", "mi", "su", "tu", "ist", "est", "es", "mein", "meine",
    "unter", "al", "\u043d\u043e\u043c\u0435\u0440", "\u043c\u043e\u0439", "id", "security", "s",
});

bool is_separator(char c) { return c == ' ' || c == '\t' || c == ':' || c == '.' || c == '#' || c == '-' || c == '=' || c == '('; }
bool in_word(char c) { return is_alpha(c) || static_cast<unsigned char>(c) >= 0x80; }

// `word` as the lists hold it: ASCII letters lowered (at most max_word bytes).
std::string_view lowered(std::string_view word, std::array<char, max_word>& buffer) {
    std::transform(word.begin(), word.end(), buffer.begin(), [](char c) { return is_upper(c) ? static_cast<char>(c | 0x20) : c; });
    return {buffer.data(), word.size()};
}

enum class WordKind : std::uint8_t { other, names_phone, names_id, names_id_after_between, between };

// The three lists as one, each word with its kind.
struct Word {
    std::string_view text;
    WordKind kind = WordKind::other;
};
constexpr auto all_words = [] {
    std::array<Word, phone_words.size() + id_words.size() + id_words_before_between.size() + between_words.size()> all{};
    std::size_t n = 0;
    for (std::string_view w : phone_words) all[n++] = {w, WordKind::names_phone};
    for (std::string_view w : id_words) all[n++] = {w, WordKind::names_id};
    for (std::string_view w : id_words_before_between) all[n++] = {w, WordKind::names_id_after_between};
    for (std::string_view w : between_words) all[n++] = {w, WordKind::between};
    return all;
}();
static_assert(all_words.size() <= 256, "an index into all_words is one byte");

// The words by their first byte: most numbers follow a word of none of the lists ("Order",
// "ISBN", "Case"), and one look at its bucket tells. (Benchmarked: comparing each word with
// every entry cost the number-dense texts a quarter of their throughput.)
struct WordBuckets {
    std::array<std::uint8_t, 256> count{};
    std::array<std::array<std::uint8_t, 32>, 256> index{};
};
constexpr WordBuckets by_first_byte = [] {
    WordBuckets b;
    for (std::size_t i = 0; i < all_words.size(); ++i) {
        auto first = static_cast<unsigned char>(all_words[i].text[0]);
        if (b.count[first] == b.index[first].size()) throw "a bucket of words is full";  // (fails to compile)
        b.index[first][b.count[first]++] = static_cast<std::uint8_t>(i);
    }
    return b;
}();

// The phone and identity words of scripts written without spaces (a lead byte of E0 or more):
// looked for inside a longer word.
constexpr bool unspaced(const Word& w) { return w.kind != WordKind::between && static_cast<unsigned char>(w.text[0]) >= 0xe0; }
constexpr auto unspaced_words = [] {
    std::array<Word, std::count_if(all_words.begin(), all_words.end(), unspaced)> words{};
    std::copy_if(all_words.begin(), all_words.end(), words.begin(), unspaced);
    return words;
}();

WordKind kind_of(std::string_view word) {
    auto first = static_cast<unsigned char>(word[0]);
    for (std::size_t k = 0; k < by_first_byte.count[first]; ++k)
        if (const Word& w = all_words[by_first_byte.index[first][k]]; word == w.text) return w.kind;
    // Scripts without spaces between words: a phone or identity word anywhere in the run of them.
    if (std::none_of(word.begin(), word.end(), [](char c) { return static_cast<unsigned char>(c) >= 0xe0; })) return WordKind::other;
    for (const Word& w : unspaced_words)
        if (word.find(w.text) != std::string_view::npos) return w.kind;
    return WordKind::other;
}

// What a word names, `between` words after it.
Named named(WordKind kind, bool between = false) {
    switch (kind) {
        case WordKind::names_phone: return Named::phone;
        case WordKind::names_id: return Named::id;
        case WordKind::names_id_after_between: return between ? Named::id : Named::nothing;
        default: return Named::nothing;
    }
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

// An identity number as a person types it: one to three letters at a word's edge, one of them
// in lower case, then digits ("passport: l898902c3", "Passport no. x12345678", "ab1234567").
// Where its first digit is; npos when text[at] begins no such value.
std::size_t typed_id_digits(std::string_view text, std::size_t at) {
    if (at > 0 && is_alnum(text[at - 1])) return std::string_view::npos;
    std::size_t i = at;
    bool lower = false;
    for (; i < text.size() && i - at <= 3 && is_alpha(text[i]); ++i) lower |= is_lower(text[i]);
    if (i == at || i - at > 3 || !lower || i == text.size() || !is_digit(text[i])) return std::string_view::npos;
    return i;
}

// The digits in the run of number characters from text[from]: what the candidate pass counts
// before it looks for a labelled number (add_number_runs).
std::size_t run_digits(std::string_view text, std::size_t from) {
    std::size_t digits = 0;
    for (std::size_t i = from; i < text.size() && (class_of(text[i]) & number_class); ++i) digits += is_digit(text[i]);
    return digits;
}

// Where a typed identity number from text[at] ends, its digits from text[d]: the word of ASCII
// letters and digits, less a word glued on after a digit (two letters or more: "l898902exp"),
// with 5 digits or more, and as many in the run of number characters from its first digit
// (the candidate pass finds it there: "ab12c3456" is not read), at most 32 bytes; 0 when none.
std::size_t typed_id_end(std::string_view text, std::size_t at, std::size_t d) {
    if (run_digits(text, d) < min_id_digits) return 0;
    std::size_t end = d;
    while (end < text.size() && is_alnum(text[end])) ++end;
    if (end < text.size() && static_cast<unsigned char>(text[end]) >= 0x80) return 0;  // a letter of another script goes on
    std::size_t letters = 0;
    while (is_alpha(text[end - letters - 1])) ++letters;  // (text[d] is a digit)
    if (letters >= 2) end -= letters;
    std::size_t digits = static_cast<std::size_t>(std::count_if(text.begin() + d, text.begin() + end, is_digit));
    return digits >= min_id_digits && end - at <= max_id_bytes ? end : 0;
}

// Where the identity number from text[at] ends: groups of capitals and digits one of " .-/"
// apart (the same one throughout), each with a digit, 5 digits or more, at most 32 bytes, ending at a
// word's edge; 0 when there is none (or a date: "Passport: 12.03.2030").
std::size_t id_end(std::string_view text, std::size_t at) {
    if (std::size_t d = typed_id_digits(text, at); d != std::string_view::npos) return typed_id_end(text, at, d);
    auto value_char = [](char c) { return is_digit(c) || is_upper(c); };
    std::size_t len[3] = {}, digits = 0, groups = 0, end = 0, i = at;
    char sep[3] = {};
    while (i < text.size() && i - at < max_id_bytes) {
        std::size_t group = i, group_digits = 0;
        for (; i < text.size() && value_char(text[i]); ++i) group_digits += is_digit(text[i]);
        // A word glued on after it ("533380006Edit", "533380006exp", as text run together from a
        // page's elements reads) ends it where the word begins, a digit before; the word stays.
        bool glued = i < text.size() && is_lower(text[i]);
        if (glued && i > group && is_upper(text[i - 1])) --i;
        if (glued && (i == group || !is_digit(text[i - 1]))) break;
        if (glued) group_digits = static_cast<std::size_t>(std::count_if(text.begin() + group, text.begin() + i, is_digit));
        if (group_digits == 0) break;  // "PASSPORT NO 533380006" ("NO" is no number); "L898902C3 ABC" ends before "ABC"
        digits += group_digits;
        if (groups < 3) len[groups] = i - group;
        ++groups;
        if (digits >= min_id_digits && i - at <= max_id_bytes) end = i;
        if (glued || i + 1 >= text.size() || std::string_view(" .-/").find(text[i]) == std::string_view::npos || !value_char(text[i + 1])) break;
        if (groups > 1 && text[i] != sep[1]) break;  // one separator throughout: "License 2.0 2026-11-30" holds none
        if (groups < 3) sep[groups] = text[i];
        ++i;
    }
    return end && reads_as_date(len, sep, groups) ? 0 : end;
}

// Whether text[at] begins a number that words before it may name: a digit after no digit, a
// capital at a word's edge whose group of capitals and digits holds a digit ("L898902C3", not
// "ISBN": only an identity number begins with a capital, and each of its groups holds a digit),
// or a typed identity number's letters. A word in lower case may end right before that capital
// ("PassportL898902C3": a page's label and value run together).
bool number_begins(std::string_view text, std::size_t at) {
    if (is_digit(text[at])) return at == 0 || !is_digit(text[at - 1]);
    if (typed_id_digits(text, at) != std::string_view::npos) return true;
    if (!is_upper(text[at]) || (at > 0 && (is_digit(text[at - 1]) || is_upper(text[at - 1])))) return false;
    for (std::size_t i = at + 1; i < text.size() && (is_upper(text[i]) || is_digit(text[i])); ++i)
        if (is_digit(text[i])) return true;
    return false;
}

}  // namespace

Named named_before(std::string_view text, std::size_t at) {
    if (at > 0 && (is_digit(text[at - 1]) || (at > 1 && is_digit(text[at - 2]) && std::string_view(".-/").find(text[at - 1]) != std::string_view::npos)))
        return Named::nothing;  // inside a number, or its later group
    std::size_t i = at;
    std::array<char, max_word> buffer;
    // Glued to a word: "tel4155550123" if the word names a phone, and is no two letters, as
    // serial numbers begin ("HP483749296": a printer's, or Malay's word for a mobile); an
    // identity number's capital after a word in lower case: "PassportL898902C3".
    if (at > 0 && in_word(text[at - 1])) {
        if (!is_digit(text[at]) && !(is_upper(text[at]) && is_lower(text[at - 1]))) return Named::nothing;
        while (i > 0 && at - i < max_word && in_word(text[i - 1])) --i;
        if ((i > 0 && in_word(text[i - 1])) || at - i < 3) return Named::nothing;
        return named(kind_of(lowered(text.substr(i, at - i), buffer)));
    }
    for (int between = 0; between <= max_between; ++between) {
        for (std::size_t skipped = 0; i > 0 && skipped < max_separators && is_separator(text[i - 1]); ++skipped) --i;
        std::size_t word_end = i;
        while (i > 0 && word_end - i < max_word && in_word(text[i - 1])) --i;
        if (i == word_end || (i > 0 && in_word(text[i - 1]))) return Named::nothing;  // no word, or one too long to be ours
        WordKind kind = kind_of(lowered(text.substr(i, word_end - i), buffer));
        if (kind == WordKind::names_id_after_between && between == 0) continue;  // "national ID card: …"
        if (kind != WordKind::between) return named(kind, between > 0);
    }
    return Named::nothing;
}

bool name_says_number(std::string_view name) {
    std::array<char, max_word> buffer;
    for (std::size_t i = 0; i < name.size();) {
        std::size_t word = i;
        while (i < name.size() && in_word(name[i])) ++i;
        if (i > word && i - word <= max_word &&
            named(kind_of(lowered(name.substr(word, i - word), buffer)), true) != Named::nothing)
            return true;
        while (i < name.size() && !in_word(name[i])) ++i;
    }
    return false;
}

void add_labelled_numbers(std::string_view text, std::size_t begin, std::size_t end, std::size_t digits,
                          std::vector<Candidate>& out) {
    // At each number's first character while enough digits are left in the run for one (a
    // number longer than the run cannot be); one candidate of each detector, to the run's end.
    // named_before finds a word only where a letter comes before the number, after at most a
    // few separators: inside a run (capitals, digits, spaces, + . - / ( )) only after capitals,
    // or at the run's first character, after the text before it. Elsewhere it is not asked.
    bool phone = false, id = false;
    auto look = [&](std::size_t at, std::size_t left) {
        Named n = named_before(text, at);
        if (n == Named::phone && !phone && is_digit(text[at]) && left >= min_phone_digits) {
            phone = true;
            out.push_back({Builtin::labelled_phone, at, end});
        } else if (n == Named::id && !id) {
            id = true;
            out.push_back({Builtin::labelled_id, at, end});
        }
    };
    // A typed identity number's letters, just before the run's first digits ("l898902c3"): the
    // lower-case one ends the run before them.
    std::size_t first_digit = begin;
    while (first_digit < end && !is_digit(text[first_digit])) ++first_digit;
    std::size_t letters = first_digit;
    while (letters > 0 && first_digit - letters < 4 && is_alpha(text[letters - 1])) --letters;
    if (letters < first_digit && typed_id_digits(text, letters) == first_digit) look(letters, digits);
    bool after_letter = true;  // the last character before i but separators is a capital, or outside the run
    for (std::size_t i = begin, left = digits; i < end && left >= min_id_digits && !(phone && id);) {
        char c = text[i];
        if (is_digit(c) || is_upper(c)) {
            if (after_letter && number_begins(text, i)) look(i, left);
            // The word of capitals and digits, a run of each at a time: digits after capitals
            // may begin a number glued to a word ("SSN123456789").
            for (;;) {
                std::size_t digits_from = i;
                while (i < end && is_digit(text[i])) ++i;
                left -= i - digits_from;
                if (i == end || !is_upper(text[i])) break;
                while (i < end && is_upper(text[i])) ++i;
                if (i < end && is_digit(text[i]) && left >= min_id_digits) look(i, left);
            }
            after_letter = is_upper(text[i - 1]);
            continue;
        }
        if (!is_separator(c)) after_letter = false;  // '+', ')', '/': no word ends right before what follows
        ++i;
    }
}

void scan_labelled_phones(std::string_view text, std::size_t begin, std::size_t end, std::uint16_t index,
                          std::vector<Finding>& out) {
    for (std::size_t i = begin; i < end; ++i) {
        if (!is_digit(text[i]) || named_before(text, i) != Named::phone) continue;
        if (std::size_t e = phone_end(text, i); e) {
            out.push_back({i, e, index});
            i = e;
        }
    }
}

// The search goes on inside each finding: a typed identity number reads on across a word glued
// into it ("No11010519491231AccountK01276"), past the run of number characters it began in, and
// the run after holds a number that word names ("K01276"), which that run's candidate span finds
// whether the text before it was searched or not.
void scan_labelled_ids(std::string_view text, std::size_t begin, std::size_t end, std::uint16_t index,
                       std::vector<Finding>& out) {
    for (std::size_t i = begin; i < end; ++i) {
        if (!number_begins(text, i) || named_before(text, i) != Named::id) continue;
        if (std::size_t e = id_end(text, i); e) out.push_back({i, e, index});
    }
}

}  // namespace semtrace::privacy::detail
