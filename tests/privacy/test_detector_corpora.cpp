// test_detector_corpora.cpp — the planted-secrets and benign corpora through the detectors: every secret replaced whole, wherever it sits and however it is typed; the false-positive rate.
#include <doctest/doctest.h>

#include <algorithm>
#include <cstring>
#include <map>
#include <random>

#include "privacy/detectors.hpp"
#include "privacy/candidates.hpp"
#include "privacy/national_ids.hpp"
#include "privacy/char_classes.hpp"
#include "privacy/detectors_builtin.hpp"
#include "privacy/ascii_fold.hpp"
#include "support/corpora.hpp"
#include "detector_checks.hpp"

using namespace semtrace;
using namespace semtrace::privacy;
using namespace semtrace::testing;

TEST_CASE("planted secrets: every one is fully replaced, in every kind") {
    std::map<std::string, int> missed;
    int total = 0;
    for (const Planted& p : planted_secrets()) {
        ++total;
        std::string out = redacted("before " + p.secret + " after");
        std::string digits = digits_only(p.secret);
        bool leaked = out.find(p.secret) != std::string::npos || (!digits.empty() && out.find(digits) != std::string::npos);
        // A secret must not survive in part either: any 6-character piece of it.
        leaked = leaked || piece_survives(out, p.secret, "0123456789@");
        if (leaked) {
            ++missed[p.kind];
            MESSAGE("missed ", p.kind, ": ", p.secret, " -> ", out);
        }
    }
    CHECK(total >= 300);
    CHECK(missed.empty());
}

TEST_CASE("planted secrets among ordinary text and numbers: each is replaced whole, whatever sits on either side") {
    // Amounts, dates, versions and order numbers next to a card or a phone number ("Room 4.12
    // 4329947584068280", "+49 30 74576150 2024-06-23"): a pattern's longest match from the
    // number before would take the secret in and fail its check, and the secret went out whole.
    const auto benign = benign_strings();
    std::mt19937 rng(20261130);
    std::map<std::string, int> missed;
    int total = 0;
    for (const Planted& p : planted_secrets()) {
        for (int k = 0; k < 16; ++k) {
            ++total;
            const std::string& before = benign[rng() % benign.size()];
            const std::string& after = benign[rng() % benign.size()];
            std::string out = redacted(before + " " + p.secret + " " + after);
            std::string digits = digits_only(p.secret);
            bool leaked = out.find(p.secret) != std::string::npos || (digits.size() >= 9 && out.find(digits) != std::string::npos);
            // Nor in part: any 6-character piece of it with a digit or an '@', unless a neighbour has it too.
            leaked = leaked || piece_survives(out, p.secret, "0123456789@", {before, after});
            if (leaked && ++missed[p.kind] <= 3) MESSAGE("missed ", p.kind, ": ", before, " | ", p.secret, " | ", after, " -> ", out);
        }
    }
    CHECK(total >= 4800);
    CHECK(missed.empty());
}

TEST_CASE("planted numbers glued to underscores and punctuation are replaced whole: '_' reads as a space to the number detectors") {
    // Markdown's "_4111 1111 1111 1111_", an id such as "order_4111111111111111": \b took the
    // underscore for part of a word, and the card, phone, IBAN, SSN or address went out whole.
    const std::vector<std::pair<std::string, std::string>> wrappers = {
        {"_", "_"}, {"order_", ""}, {"", "_ok"}, {"**_", "_**"}, {"(", ")"}, {"no.", ";"}, {"\"", "\","}};
    std::map<std::string, int> missed;
    int total = 0;
    for (const Planted& p : planted_secrets()) {
        if (p.kind != "card" && p.kind != "phone" && p.kind != "iban" && p.kind != "ssn" && p.kind != "ipv4") continue;
        for (const auto& [before, after] : wrappers) {
            ++total;
            std::string out = redacted(before + p.secret + after);
            bool leaked = out.find(p.secret) != std::string::npos || piece_survives(out, p.secret, "0123456789");
            if (leaked && ++missed[p.kind] <= 3) MESSAGE("missed ", p.kind, ": ", before, p.secret, after, " -> ", out);
        }
    }
    CHECK(total >= 700);
    CHECK(missed.empty());
}

TEST_CASE("planted numbers with a word glued on after them are replaced, the word kept: text run together from a page's elements") {
    // "415-555-0123Edit", "2345 6789 0124Verified", "123-45-6789exp": no \b stands between the
    // last digit and the word, and the phone, SSN or identity number went out whole. (Korea's and
    // Pakistan's numbers, shapes without a check, still need an edge: see national_id.)
    auto shape_only = [](const std::string& s) {
        return (s.size() == 14 && s[6] == '-') || (s.size() == 15 && s[5] == '-' && s[13] == '-');
    };
    std::map<std::string, int> missed;
    int total = 0;
    for (const Planted& p : planted_secrets()) {
        bool numbers = p.kind == "phone" || p.kind == "ssn" || p.kind == "card" || p.kind == "iban" ||
                       (p.kind == "national_id" && !shape_only(p.secret));
        if (!numbers || !(std::isdigit(static_cast<unsigned char>(p.secret.back())) || p.secret.back() == 'X')) continue;
        for (std::string word : {"Edit", "exp", "Mon-Fri"}) {
            ++total;
            std::string out = redacted("x " + p.secret + word);
            bool leaked = out.find(p.secret) != std::string::npos || piece_survives(out, p.secret, "0123456789");
            // (a long run of letters, digits and symbols is a token or a password whole: no word kept)
            bool kept = (out.size() >= word.size() && out.compare(out.size() - word.size(), word.size(), word) == 0) ||
                        out == "x ⟨TOKEN⟩" || out == "x ⟨SECRET⟩";
            if ((leaked || !kept) && ++missed[p.kind] <= 3) MESSAGE("missed ", p.kind, ": ", p.secret, word, " -> ", out);
        }
    }
    CHECK(total >= 500);
    CHECK(missed.empty());
    // Those with no check and those that end in a capital, to a word in lower case ("850315-1234567exp",
    // "AB 12 34 56 Cexp"); not Spain's DNI and NIE ("87721700Edit" would pass one time in 23).
    auto spanish = [](const std::string& s) {  // DNI "12345678Z", NIE "X1234567L", "X-1234567-L"
        std::string t;
        std::copy_if(s.begin(), s.end(), std::back_inserter(t), [](char c) { return c != '-'; });
        auto digit = [](char c) { return std::isdigit(static_cast<unsigned char>(c)) != 0; };
        return t.size() == 9 && std::isupper(static_cast<unsigned char>(t.back())) && std::all_of(t.begin() + 1, t.end() - 1, digit) &&
               (digit(t[0]) || t[0] == 'X' || t[0] == 'Y' || t[0] == 'Z');
    };
    int lower_total = 0;
    for (const Planted& p : planted_secrets()) {
        if (p.kind != "national_id" || (std::isdigit(static_cast<unsigned char>(p.secret.back())) && !shape_only(p.secret))) continue;
        if (spanish(p.secret)) continue;
        ++lower_total;
        std::string out = redacted("x " + p.secret + "exp");  // (Korea's may read as a card: ⟨CARD⟩exp)
        bool replaced = out.rfind("x \u27e8", 0) == 0 && out.size() > 3 && out.compare(out.size() - 6, 6, "\u27e9exp") == 0;
        if (!replaced && ++missed[p.kind] <= 3) MESSAGE("missed ", p.kind, ": ", p.secret, "exp -> ", out);
    }
    CHECK(lower_total >= 15);
    CHECK(missed.empty());
}

TEST_CASE("planted secrets with a label glued on before them are replaced, the label kept: a page's label and value run together") {
    // "Phone020 7946 0958", "card52998224725", "cardX1208225N", "card2001:db8::8a2e:370:7334",
    // "cardglpat-…". Not phones in one piece ("card15072914289": order and product numbers read so).
    std::map<std::string, int> missed;
    int total = 0;
    for (const Planted& p : planted_secrets()) {
        const bool one_piece = std::all_of(p.secret.begin(), p.secret.end(), [](char c) { return std::isdigit(static_cast<unsigned char>(c)); });
        if (p.kind == "phone" && one_piece) continue;
        if (p.kind == "email" || p.kind == "password" || p.kind == "labelled" || p.kind == "private_key" || p.kind == "jwt") continue;
        for (std::string label : {"card", "Phone", "my id"}) {
            ++total;
            std::string out = redacted(label + p.secret + " ok");
            bool leaked = out.find(p.secret) != std::string::npos || piece_survives(out, p.secret, "0123456789@");
            // The label stays ("my id" may be read as naming the number: "my id⟨ID⟩"); a long run of
            // letters, digits and symbols is a token or a password whole, the word glued on with it
            // ("my ⟨TOKEN⟩"). (An IPv4-mapped IPv6 address glued to a word keeps its "::ffff:", its
            // IPv4 replaced.)
            const std::string word_before = label.substr(0, label.find(' ') + 1);  // "my " of "my id"
            bool kept = out.rfind(label, 0) == 0 || out.rfind(word_before + "\u27e8", 0) == 0;
            if ((leaked || !kept) && ++missed[p.kind] <= 3) MESSAGE("missed ", p.kind, ": ", label, p.secret, " -> ", out);
        }
    }
    CHECK(total >= 1000);
    CHECK(missed.empty());
}

TEST_CASE("benign corpus: the false-positive rate stays under 2%") {
    auto benign = benign_strings();
    REQUIRE(benign.size() >= 300);
    int flagged = 0;
    for (const std::string& s : benign) {
        auto names = found(s);
        if (!names.empty()) {
            ++flagged;
            MESSAGE("flagged as ", names[0], ": ", s);
        }
    }
    double rate = 100.0 * flagged / static_cast<double>(benign.size());
    MESSAGE("benign false positives: ", flagged, " of ", benign.size(), " (", rate, "%)");
    CHECK(rate < 2.0);
}

namespace {

// The text with every full-width form read back as ASCII.
std::string folded(std::string_view text) {
    detail::FoldedText f;  // (a text with nothing to fold comes out as it went in)
    f.reset(text);
    return std::string(f.text());
}

// Whether a finding begins or ends inside a character (a byte that continues one).
bool splits_a_character(std::string_view text, const std::vector<Finding>& found) {
    auto inside = [&](std::size_t at) { return at < text.size() && (static_cast<unsigned char>(text[at]) & 0xC0) == 0x80; };
    return std::any_of(found.begin(), found.end(), [&](const Finding& f) { return inside(f.begin) || inside(f.end); });
}

}  // namespace

TEST_CASE("text typed in full-width forms or with other scripts' digits: every planted secret and benign string is read as its ASCII, over whole characters") {
    // "４１１１ １１１１ １１１１ １１１１", "０９０－１２３４－５６７８", "ｔａｒｏ＠ｅｘａｍｐｌｅ．ｊｐ": what an input
    // method in full-width mode types, and what Japanese forms often ask for. No pattern saw them.
    std::vector<std::string> texts;
    for (const Planted& p : planted_secrets()) texts.push_back("before " + p.secret + " after");
    for (const std::string& s : benign_strings()) texts.push_back(s);
    // Two findings that overlap are named by the longer in the ASCII's characters, not in bytes
    // (a phone in two-byte Arabic digits outgrew the password it overlapped; found by the fuzzer).
    texts.push_back("@@[atDE89 3704 0044 0532 01`@@@@@@@@@IiO%");
    int differ = 0, split = 0, secrets_left = 0;
    for (const std::string& text : texts) {
        // "٠١٠٠ ١٢٣ ٤٥٦٧" from an Arabic keyboard, "۰۹۱۲ ۳۴۵ ۶۷۸۹" from a Persian one, and Devanagari,
        // Bengali, Thai, Myanmar and Khmer digits
        std::vector<std::string> typings{full_width(text)};
        for (char32_t zero : {0x0660, 0x06F0, 0x0966, 0x09E6, 0x0E50, 0x1040, 0x17E0}) typings.push_back(native_digits(text, zero));
        for (const std::string& typed : typings) {
            std::vector<Finding> f;
            builtin().find(typed, f);
            split += splits_a_character(typed, f);
            // The same findings as in ASCII, and once read back, the same redacted text.
            bool same = found(typed) == found(text) && folded(redacted(typed)) == redacted(text);
            if (!same && ++differ <= 3) MESSAGE("differs: ", text, " -> ", redacted(typed));
        }
    }
    for (const Planted& p : planted_secrets()) {
        // Planted in ASCII text, with full-width digits and letters only (ASCII spaces kept).
        std::string secret;
        for (char c : p.secret) secret += c == ' ' ? std::string(" ") : full_width(std::string(1, c));
        const std::string out = redacted("Card on file: " + secret + ", thanks");
        bool leaked = out.find(secret) != std::string::npos || piece_survives(folded(out), p.secret, "0123456789@");
        if (leaked && ++secrets_left <= 3) MESSAGE("missed ", p.kind, ": ", secret, " -> ", out);
    }
    CHECK(texts.size() >= 600);
    CHECK(differ == 0);
    CHECK(split == 0);
    CHECK(secrets_left == 0);
    // Near misses stay: full-width amounts, dates and counts are not secrets.
    for (const char* benign : {"合計：１２，３４５円", "２０２４年６月２３日", "在庫 ４２ 個", "第３章 ｖ２．１"}) CHECK(found(benign).empty());
}
