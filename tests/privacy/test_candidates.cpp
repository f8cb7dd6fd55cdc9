// test_candidates.cpp — the candidate pass: the spans it gives each detector, its byte masks, and that detectors find in the spans what they find in the whole text.
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

namespace {

// The detectors whose candidates find_candidates gives for `text`, in order, without repeats.
std::vector<std::string> candidate_names(std::string_view text) {
    std::vector<detail::Candidate> c;
    detail::find_candidates(text, c);
    std::vector<std::string> names;
    for (const auto& x : c) {
        std::string name(builtin_detector_names()[static_cast<std::size_t>(x.detector)]);
        if (std::find(names.begin(), names.end(), name) == names.end()) names.push_back(name);
    }
    std::sort(names.begin(), names.end());
    return names;
}

// What one built-in rule finds over its candidate spans of `text`.
std::vector<Finding> found_in_candidates(std::size_t rule, std::string_view text) {
    std::vector<detail::Candidate> candidates;
    detail::find_candidates(text, candidates);
    std::vector<Finding> out;
    for (const auto& c : candidates)
        if (static_cast<std::size_t>(c.detector) == rule)
            detail::run_rule(detail::builtin_rules()[rule], static_cast<std::uint16_t>(rule), text, c.begin, c.end, out);
    return out;
}

// The same text covered, findings that overlap joined as Detectors::find joins them: where a
// finding reaches past its span into the next (a typed identity number reads on across a glued
// word), a search that begins there may stop at what the search over the whole text steps
// over, inside that finding. Nothing else may differ.
bool same_findings(std::vector<Finding> a, std::vector<Finding> b) {
    resolve_overlaps(a);
    resolve_overlaps(b);
    return std::equal(a.begin(), a.end(), b.begin(), b.end(), [](const Finding& x, const Finding& y) {
        return x.begin == y.begin && x.end == y.end && x.detector == y.detector;
    });
}

// Strings made to sit on the detectors' edges: digits among separators, capitals, '@'s,
// quotes, colons, the literals the candidates look for, and pieces of planted secrets.
std::vector<std::string> edge_strings(std::size_t count) {
    static const std::vector<std::string> pieces = {
        "0", "00", "1", "12", "123", "555", "1234", "4111", "9", "+", "+1", "+44", " ", "  ", "-", ".", "/", "(", ")",
        "1:2:3:4:5:", "ffff:", "std::",
        "\n", "\t", "\v", "\f", "\r", ":", "::", "@", "\"", "'", "[", "]", "{", "at", "AT", "dot", "DE", "GB82", "WEST", "AB", "de89", "gb82", "west", "eyJ", "\u00a0", "\u202f", "\u2009", "  ",
        "xox", "xoxb-", "AKIA", "ghp_", "glpat-", "ya29.", "AccountKey=", "-----BEGIN", " PRIVATE KEY-----", "_", "=",
        "%", "!", "#", "a", "Z", "e", "f", "x", "é", "fe80", "0x", "com", "example", "hooks.slack.com", "https://",
        "Account\u212aey=", "\u017f", "aCcOuNtKeY=",
        "password", "Pwd", "pin", "PIN", "api_key", "apiKey", " is ", " was ", "Bearer ", "\u30d1\u30b9\u30ef\u30fc\u30c9", "\u201c", "\u201d",
        ":=", "=>", "call ", "Tel.", "me at ", "no.", "\u624b\u673a", "9876543210", "2026-12-01"};  // RE2's (?i) folds K to the Kelvin sign
    auto planted = planted_secrets();
    std::mt19937 rng(20261130);
    std::vector<std::string> out;
    for (std::size_t i = 0; i < count; ++i) {
        std::string s;
        std::size_t n = 1 + rng() % 24;
        for (std::size_t k = 0; k < n; ++k) {
            if (rng() % 12 == 0) {
                const std::string& secret = planted[rng() % planted.size()].secret;
                std::size_t from = rng() % secret.size();
                s += secret.substr(from, 1 + rng() % (secret.size() - from));
            } else {
                s += pieces[rng() % pieces.size()];
            }
        }
        out.push_back(std::move(s));
    }
    return out;
}

}  // namespace

TEST_CASE("candidates: a run, a word or an '@' each detector can find something in, and nothing else") {
    for (std::size_t i = 0; i < detail::builtin_count; ++i)  // Builtin numbers the rules in policy order
        CHECK(detail::builtin_rules()[i].name == builtin_detector_names()[i]);
    CHECK(detail::builtin_rules().size() == detail::builtin_count);
    CHECK(candidate_names("The quick brown fox jumps over the lazy dog (twice), said the README.") == Names{});
    CHECK(candidate_names("call 555-123-4567") == Names{"labelled_phone", "phone"});
    CHECK(candidate_names("call +44 20 7946 0958") == Names{"phone"});
    CHECK(candidate_names("call me at 4155550123") == Names{"labelled_phone"});
    CHECK(candidate_names("Order 4155550123") == Names{});  // no word naming a phone, no phone's shape
    CHECK(candidate_names("on 2026-11-29 at 10:30") == Names{});  // no +, no leading 0, not 3-3-4
    CHECK(candidate_names("ISBN 978-3-16-148410-0") == Names{});  // nor a card network's first digit
    CHECK(candidate_names("SSN 123-45-6789") == Names{"labelled_id", "ssn"});
    CHECK(candidate_names("Passport No. L898902C3") == Names{"labelled_id"});
    CHECK(candidate_names("Order No. L898902C3") == Names{});
    CHECK(candidate_names("PassportL898902C3") == Names{"labelled_id"});
    CHECK(candidate_names("Passport No. l898902c3") == Names{"labelled_id"});
    CHECK(candidate_names("from 192.168.1.20") == Names{"ipv4"});
    CHECK(candidate_names("v1.2.3") == Names{});
    // (4-4-4: an Aadhaar's shape, for national_id)
    CHECK(candidate_names("4222 2222 2222 2") == Names{"card", "national_id"});  // 13 digits, Visa, Luhn-valid
    CHECK(candidate_names("4111 1111 1111 1") == Names{"national_id"});          // Luhn fails
    CHECK(candidate_names("4222 2222 2222") == Names{"national_id"});            // 12: check_card wants 13
    CHECK(candidate_names("4111 1111  1111 1") == Names{"national_id"});         // two spaces break a card
    CHECK(candidate_names("IBAN DE89 3704 0044 0532 0130 00") == Names{"iban", "national_id", "phone"});
    CHECK(candidate_names("DE89 3704 0044") == Names{});  // 14 characters: an IBAN has 15; "0044" too short a phone
    CHECK(candidate_names("mail ann@example.org") == Names{"email"});
    CHECK(candidate_names("ann [at] example [dot] org") == Names{"email"});
    CHECK(candidate_names("ann ( at ) example ( dot ) org") == Names{"email"});  // a bracket before a blank
    CHECK(candidate_names("ann [\tAT] example.org") == Names{"email"});
    CHECK(candidate_names("host fe80::1") == Names{"ipv6"});
    CHECK(candidate_names("P@ssw0rd!") == Names{"email", "password"});
    CHECK(candidate_names("-----BEGIN RSA PRIVATE KEY-----") == Names{"private_key"});
    for (std::size_t at = 56; at <= 64; ++at)  // the dashes across the first 64-byte block's end
        CHECK_MESSAGE(candidate_names(std::string(at, 'x') + " -----BEGIN PRIVATE KEY-----") == Names{"private_key"}, at);
    CHECK(candidate_names("AKIAIOSFODNN7EXAMPLE") == Names{"cloud_key", "token"});
}

TEST_CASE("candidates: the block masks agree with the byte classes, for every byte at every place") {
    for (int c = 0; c < 256; ++c) {
        for (std::size_t at : {std::size_t{0}, std::size_t{17}, detail::block_bytes - 1}) {
            unsigned char block[detail::block_bytes];
            std::memset(block, 'a', sizeof block);
            block[at] = static_cast<unsigned char>(c);
            detail::BlockMasks m = detail::block_masks(block, sizeof block);
            std::uint16_t f = detail::class_of(static_cast<char>(c));
            CHECK_MESSAGE(m.blank == (f & detail::blank_class ? std::uint64_t{1} << at : 0), "byte ", c);
            CHECK_MESSAGE(m.closer == (f & detail::closer_class ? std::uint64_t{1} << at : 0), "byte ", c);
            CHECK_MESSAGE(m.dash == (c == '-' ? std::uint64_t{1} << at : 0), "byte ", c);
            CHECK_MESSAGE(m.fold == (detail::fold_lead(static_cast<unsigned char>(c)) ? std::uint64_t{1} << at : 0), "byte ", c);
        }
    }
}

TEST_CASE("candidates: a short block, padded with blanks, reads as blanks past its end") {
    for (std::size_t size : {std::size_t{0}, std::size_t{1}, std::size_t{16}, std::size_t{17}, std::size_t{63}}) {
        unsigned char block[detail::block_bytes];
        std::memset(block, ' ', sizeof block);
        std::memset(block, '7', size);  // digits: closer characters, not blanks
        detail::BlockMasks m = detail::block_masks(block, size);
        std::uint64_t inside = size == 0 ? 0 : ~std::uint64_t{0} >> (64 - size);
        CHECK_MESSAGE((m.closer & inside) == inside, size);
        CHECK_MESSAGE((m.blank & inside) == 0, size);
        CHECK_MESSAGE((m.blank | inside) == ~std::uint64_t{0}, size);  // every byte past the end
    }
}

TEST_CASE("candidates never change what a detector finds: the spans find what the whole text does") {
    std::vector<std::string> texts;
    for (const Planted& p : planted_secrets()) {
        texts.push_back(p.secret);
        texts.push_back("before " + p.secret + " after");
        texts.push_back("x" + p.secret + "_");
        texts.push_back("x " + p.secret + "Edit");  // a word glued on, which some patterns end with
    }
    for (const std::string& b : benign_strings()) texts.push_back(b);
    for (const Labelled& l : labelled_texts()) texts.push_back("before " + l.text + " after");
    // What the fuzzer found: a National Insurance number's spaces where the candidates did not
    // look for them (the pattern took "ES34 2009A").
    for (const char* t : {"&6524 ES34 2009A 4991", "AB12 3456C", "AB 1234 56 C", "AB 123456 C"}) texts.push_back(t);
    // Two cards one letter apart, which both spans would take; two addresses so (the fuzzer).
    texts.push_back("4111111111111111a5555555555554444 and x4111111111111111y5555555555554444z");
    texts.push_back("s92.168.1.20o192.168.1.20of\x12\n\n");
    texts.push_back("ssn 123-45-6789x123-45-6789 and 415-555-0123e415-555-0124");
    // A typed identity number read on across a glued word into the next run ("No1101…AccountK01276"),
    // where that run's own span finds "K01276" again, inside it (the fuzzer, stop 29).
    texts.push_back("336Passport No11010519491231AccountK01276Passport No110105rt No11010519491231E");
    texts.push_back("Passport No11010519491231Account3837 74");  // ... and one that ends past it
    std::string long_text;
    for (const Planted& p : planted_secrets()) long_text += p.secret + " and then ";
    texts.push_back(long_text);
    std::string long_word;  // longer than the 16 bits a word's length is kept in
    while (long_word.size() < 70000) long_word += "AKIAIOSFODNN7EXAMPLE,+44-20-7946-0958,";
    texts.push_back("start " + long_word + " end");
    for (std::string& s : edge_strings(30000)) texts.push_back(std::move(s));
    // Identity numbers as people type them, and what lies close to them.
    for (const char* label : {"passport: ", "Passport no. ", "SSN ", "passport:", "my passport number is ", "see "})
        for (const char* value : {"l898902c3", "ab12c3456", "aB12345", "Ab12345 67", "ab123 45678", "l898902exp", "x1234567l",
                                  "abc12345", "abcd12345", "ssn123456", "ab12345-678", "l 898902", "A1b234567", "x12345 AB12"})
            for (const char* after : {"", " after", "Edit", "\u00e9", "7"}) texts.push_back(std::string(label) + value + after);
    const auto& rules = detail::builtin_rules();
    std::size_t found_somewhere = 0, differ = 0;
    for (const std::string& text : texts) {
        for (std::size_t r = 0; r < rules.size(); ++r) {
            std::vector<Finding> whole;
            detail::run_rule(rules[r], static_cast<std::uint16_t>(r), text, whole);
            found_somewhere += !whole.empty();
            if (same_findings(whole, found_in_candidates(r, text))) continue;
            if (++differ <= 10) FAIL_CHECK(rules[r].name << " finds otherwise in its candidates of: " << text);
        }
    }
    CHECK(differ == 0);
    CHECK(found_somewhere > 1500);
}
