// test_detectors.cpp — each built-in detector finds what it should and leaves its near-misses alone; the corpora.
#include <doctest/doctest.h>

#include <map>

#include "privacy/detectors.hpp"
#include "privacy/detectors_builtin.hpp"
#include "support/corpora.hpp"

using namespace semtrace;
using namespace semtrace::privacy;
using namespace semtrace::testing;

namespace {

const Detectors& builtin() {
    static const Detectors d = std::move(Detectors::create(default_policy()).value());
    return d;
}

// The names of what the detectors found in `text`, in order.
std::vector<std::string> found(std::string_view text, const Detectors& d = builtin()) {
    std::vector<Finding> f;
    d.find(text, f);
    std::vector<std::string> names;
    for (const Finding& x : f) names.emplace_back(d.name(x));
    return names;
}

std::string redacted(std::string_view text, const Detectors& d = builtin()) {
    std::string out;
    std::vector<Finding> scratch;
    d.redact(text, out, scratch);
    return out;
}

using Names = std::vector<std::string>;

}  // namespace

TEST_CASE("checksums: Luhn and IBAN mod-97") {
    CHECK(luhn_valid("4111111111111111"));
    CHECK_FALSE(luhn_valid("4111111111111112"));
    CHECK(luhn_valid("378282246310005"));
    CHECK_FALSE(luhn_valid(""));
    CHECK(iban_valid("DE89370400440532013000"));
    CHECK(iban_valid("GB82WEST12345698765432"));
    CHECK_FALSE(iban_valid("DE89370400440532013001"));
    CHECK_FALSE(iban_valid("de89370400440532013000"));
}

TEST_CASE("email: plain, tagged, quoted, international and written out") {
    CHECK(redacted("mail john.smith+news@mail.example.co.uk now") == "mail ⟨EMAIL⟩ now");
    CHECK(found("\"john doe\"@example.com") == Names{"email"});
    CHECK(found("Jürgen.Müller@beispiel.de") == Names{"email"});
    CHECK(found("admin@[192.168.10.20]") == Names{"email"});
    CHECK(found("fatima[at]example[dot]org") == Names{"email"});
    CHECK(found("kenji (at) example.com") == Names{"email"});
    // near misses
    CHECK(found("@channel please review") == Names{});
    CHECK(found("user@localhost") == Names{});
    CHECK(found("meet at example dot com") == Names{});
}

TEST_CASE("phone: E.164 and national formats") {
    CHECK(redacted("call +44 20 7946 0958 today") == "call ⟨PHONE⟩ today");
    for (const char* p : {"+1 (555) 123-4567", "(555) 123-4567", "555-123-4567", "555.123.4567", "020 7946 0958",
                          "07700 900123", "+49 30 12345678", "0171/1234567", "01 23 45 67 89", "+81-3-1234-5678",
                          "0044 1632 960123", "+919876543210"})
        CHECK_MESSAGE(found(p) == Names{"phone"}, p);
    // near misses: dates, times, short numbers, amounts, versions
    for (const char* p : {"2026-11-29", "12:30:45", "+5.00", "555-1234", "v1.2.3", "0.5", "01.02.2026", "3/4/2026"})
        CHECK_MESSAGE(found(p) == Names{}, p);
}

TEST_CASE("card: networks, separators, Luhn") {
    CHECK(redacted("card 4111 1111 1111 1111 exp") == "card ⟨CARD⟩ exp");
    for (const char* c : {"4111-1111-1111-1111", "5555555555554444", "3782 822463 10005", "6011 1111 1111 1117",
                          "2223 0031 2200 3222", "3530 1113 3330 0000"})
        CHECK_MESSAGE(found(c) == Names{"card"}, c);
    CHECK(found("4111 1111 1111 1112") != Names{"card"});  // Luhn fails
    CHECK(found("9780306406157") == Names{});             // an ISBN-13, not a card network
    CHECK(found("1234 5678 9012 3456") != Names{"card"});
}

TEST_CASE("iban, ssn, ip addresses") {
    CHECK(redacted("IBAN DE89 3704 0044 0532 0130 00 please") == "IBAN ⟨IBAN⟩ please");
    CHECK(found("GB82WEST12345698765432") == Names{"iban"});
    CHECK(found("DE89 3704 0044 0532 0130 01") != Names{"iban"});  // mod-97 fails
    CHECK(found("SSN 123-45-6789") == Names{"ssn"});
    for (const char* s : {"000-12-3456", "666-12-3456", "900-12-3456", "123-00-4567", "123-45-0000"})
        CHECK_MESSAGE(found(s) != Names{"ssn"}, s);
    CHECK(found("from 192.168.1.20 at") == Names{"ipv4"});
    CHECK(found("version 1.2.3.4.5") == Names{});
    CHECK(found("300.1.1.1") == Names{});
    CHECK(found("host 2001:db8::8a2e:370:7334") == Names{"ipv6"});
    CHECK(found("fe80::1ff:fe23:4567:890a%eth0") == Names{"ipv6"});
    CHECK(found("at 12:30:45") == Names{});
    CHECK(found("MAC 00:1A:2B:3C:4D:5E") == Names{});
}

TEST_CASE("tokens and keys: JWT, cloud, source host, chat, private keys, generic") {
    CHECK(found("eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiIxMjM0In0.dBjftJeZ4CVPmB92K27uhbUJU1p1r_wW1gFWFOEjXk") == Names{"jwt"});
    CHECK(found("AKIAIOSFODNN7EXAMPLE") == Names{"cloud_key"});
    CHECK(found("ghp_16C7e42F292c6912E7710c838347Ae178B4a") == Names{"source_token"});
    CHECK(found("xoxb-123456789012-1234567890123-AbCdEfGhIjKlMnOpQrStUvWx") == Names{"chat_token"});
    CHECK(redacted("key:\n-----BEGIN RSA PRIVATE KEY-----\nMIIEow\n-----END RSA PRIVATE KEY-----\nend") ==
          "key:\n⟨PRIVATE_KEY⟩\nend");
    CHECK(redacted("-----BEGIN PRIVATE KEY-----\nMIIEow cut off") == "⟨PRIVATE_KEY⟩");
    CHECK(found("token 9f86d081884c7d659a2feaa0c55ad015") == Names{"token"});
    CHECK(found("P@ssw0rd!2024") == Names{"password"});
    // near misses: words, paths, file names, versions
    CHECK(found("/usr/share/doc/libsodium-dev/README") == Names{});
    CHECK(found("quarterly_report_final_v2.pdf") == Names{});
    CHECK(found("internationalization") == Names{});
    CHECK(found("hunter2") == Names{});  // weak passwords look like words: only field masking protects them
}

TEST_CASE("custom rules from the policy run alongside the built-ins; disabled detectors do not") {
    auto policy = parse_policy(R"({"semtrace_policy": 1, "id": "p",
        "detectors": {"disable": ["ipv4"],
                      "custom": [{"name": "employee_id", "pattern": "EMP-[0-9]{6}", "placeholder": "EMPLOYEE"}]}})",
                               "test");
    REQUIRE_MESSAGE(policy.ok(), (policy.ok() ? "" : policy.error().message));
    auto d = Detectors::create(*policy);
    REQUIRE(d.ok());
    CHECK(redacted("EMP-004711 from 10.0.0.1", *d) == "⟨EMPLOYEE⟩ from 10.0.0.1");
}

TEST_CASE("a hostile string costs linear time: long digit runs, separators and near-emails") {
    std::string hostile;
    for (int i = 0; i < 20000; ++i) hostile += "1 ";
    hostile += std::string(20000, '@') + std::string(20000, 'a') + "@" + std::string(20000, '.');
    std::vector<Finding> f;
    builtin().find(hostile, f);  // completes (and ASan/UBSan see every byte); no timing asserted here
    CHECK(f.size() < hostile.size());
}

TEST_CASE("text shape: counts and stretches, exact at their thresholds and across long texts") {
    using namespace semtrace::privacy::detail;
    auto shape = shape_of("Call +1 (555) 010-44 now, ask for ann@x.io [at] 10:30");
    CHECK(shape.digits == 13);
    CHECK(shape.colons == 1);
    CHECK(shape.at_sign);
    CHECK(shape.bracket);
    CHECK(shape.has(phone_8_digits));  // 1 555 010 44: nine digits among ( ) - and spaces
    CHECK_FALSE(shape.has(number_9_digits));  // the brackets break a card-style number
    CHECK_FALSE(shape_of("1234-567").has(phone_8_digits));
    CHECK(shape_of("1234-5678").has(phone_8_digits));
    CHECK_FALSE(shape_of("4111 1111 1111").has(number_13_digits));
    CHECK(shape_of("4111 1111 1111 1").has(number_13_digits));
    CHECK(shape_of("abcdefghij0123456789").has(token_20_chars));
    CHECK_FALSE(shape_of("abcdefghij 0123456789").has(token_15_chars));
    CHECK(shape_of("fe80::1").has(hex_6_chars));
    CHECK(shape_of("P@ss word").password_symbol);
    CHECK_FALSE(shape_of("file-name_v1.2/x:y,z'").password_symbol);
    // Counters and stretches survive the 4095-byte chunks the pass works in.
    std::string digits(10000, '7');
    CHECK(shape_of(digits).digits == 10000);
    CHECK(shape_of(std::string(4090, ' ') + "12345678901234").has(number_13_digits));
    CHECK_FALSE(shape_of(std::string(4090, 'x') + " 1234 5678 90").has(number_13_digits));
}

TEST_CASE("each built-in detector's gate is a necessary condition: it never hides what the detector finds") {
    using namespace semtrace::privacy::detail;
    std::vector<std::string> texts;
    for (const Planted& p : planted_secrets()) {
        texts.push_back(p.secret);
        texts.push_back("before " + p.secret + " after");
    }
    for (const std::string& b : benign_strings()) texts.push_back(b);
    std::string long_text;  // secrets in a long text, some across the 4095-byte chunk boundary
    for (const Planted& p : planted_secrets()) long_text += p.secret + " and then ";
    texts.push_back(long_text);
    int checked = 0;
    const auto& rules = builtin_rules();
    for (std::size_t r = 0; r < rules.size(); ++r) {
        bool gated = rules[r].possible != nullptr;
        REQUIRE_MESSAGE(gated, rules[r].name, " has no gate");
        for (const std::string& text : texts) {
            std::vector<Finding> out;
            run_rule(rules[r], static_cast<std::uint16_t>(r), text, out);
            if (out.empty()) continue;
            ++checked;
            CHECK_MESSAGE(rules[r].possible(shape_of(text)), rules[r].name, " gate hides a finding in: ", text);
        }
    }
    CHECK(checked > 400);
}

TEST_CASE("planted secrets: every one is fully replaced, in every kind") {
    std::map<std::string, int> missed;
    int total = 0;
    for (const Planted& p : planted_secrets()) {
        ++total;
        std::string out = redacted("before " + p.secret + " after");
        std::string digits = digits_only(p.secret);
        bool leaked = out.find(p.secret) != std::string::npos || (!digits.empty() && out.find(digits) != std::string::npos);
        // A secret must not survive in part either: any 6-character piece of it.
        for (std::size_t i = 0; !leaked && i + 6 <= p.secret.size(); i += 3)
            leaked = p.secret.substr(i, 6).find_first_of("0123456789@") != std::string::npos &&
                     out.find(p.secret.substr(i, 6)) != std::string::npos;
        if (leaked) {
            ++missed[p.kind];
            MESSAGE("missed ", p.kind, ": ", p.secret, " -> ", out);
        }
    }
    CHECK(total >= 300);
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
