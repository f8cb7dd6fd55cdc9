// test_detectors.cpp — each built-in detector finds what it should and leaves its near-misses alone; its labelled secrets corpus.
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
    // spaces around the '@', as people write an address to hide it from robots
    CHECK(redacted("write to john @ example.com please") == "write to ⟨EMAIL⟩ please");
    CHECK(redacted("john@ example.co.uk, ann  @example.org") == "⟨EMAIL⟩, ⟨EMAIL⟩");
    // near misses
    CHECK(found("meet @ 5.30pm, thanks @ john, price @ amazon") == Names{});
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
    // an area code in brackets (United Kingdom, Germany, Australia, Brazil), Chinese mobiles
    for (const char* p : {"(020) 7946 0958", "(0171) 1234567", "(030) 123 456 78", "(02) 9876 5432", "(11) 91234-5678",
                          "(21) 3456-7890", "(11)912345678", "138 0013 8000", "139-1234-5678"})
        CHECK_MESSAGE(redacted(std::string("call ") + p + ", thanks") == "call ⟨PHONE⟩, thanks", p);
    // mobiles as the most populous countries write them without a country code or trunk 0:
    // India in two groups of five, China's eleven digits in one, Russia's trunk 8, Brazil's area
    // code without brackets
    for (const char* p : {"98765 43210", "98765-43210", "13812345678", "8 (916) 123-45-67", "8 916 123 45 67",
                          "8-916-123-45-67", "89161234567", "8 (495) 123-45-67", "11 91234-5678"})
        CHECK_MESSAGE(redacted(std::string("call ") + p + ", thanks") == "call ⟨PHONE⟩, thanks", p);
    // Spain's mobiles (6 or 7, then 3-2-2-2) and landlines (9 and a digit, then 3-2-2), as Spaniards write them
    for (const char* p : {"612 34 56 78", "712-34-56-78", "612.34.56.78", "91 123 45 67", "93-412-34-56", "612\u00a034\u00a056\u00a078"})
        CHECK_MESSAGE(redacted(std::string("mi número es ") + p + ", gracias") == "mi número es ⟨PHONE⟩, gracias", p);
    CHECK(redacted("llama al 612 34 56 78Editar") == "llama al ⟨PHONE⟩Editar");
    for (const char* p : {"512 34 56 78", "90 123 45 67", "612 34 56", "91 123 45", "612 34 56 7"})
        CHECK_MESSAGE(found(p) == Names{}, p);
    // a word glued on after it, as text run together from a page's elements reads ("Edit", "Mon-Fri"):
    // the number is replaced, the word stays
    for (const char* p : {"(555) 123-4567", "555-123-4567", "020 7946 0958", "98765 43210", "13812345678", "8 916 123 45 67",
                          "11 91234-5678", "(11) 91234-5678", "138 0013 8000"})
        CHECK_MESSAGE(redacted(std::string("call ") + p + "Edit") == "call ⟨PHONE⟩Edit", p);
    CHECK(redacted("Call us(415) 555-0123Mon-Fri") == "Call us⟨PHONE⟩Mon-Fri");
    // ... or before it, in the forms whose groups a separator parts (a page's cells run together)
    for (const char* p : {"555-123-4567", "138 0013 8000", "98765 43210", "11 91234-5678", "612 34 56 78", "91 123 45 67"})
        CHECK_MESSAGE(redacted(std::string("John Smith") + p + " ok") == "John Smith⟨PHONE⟩ ok", p);
    // ... and a label run into a number with a trunk 0, 00 or Russia's 8, where a separator parts its groups
    for (const char* p : {"020 7946 0958", "07569 060823", "0171/1234567", "01 23 45 67 89", "0044 20 7946 0958",
                          "8 (916) 123-45-67", "8 916 123-45-67"})
        CHECK_MESSAGE(redacted(std::string("Phone") + p + " ok") == "Phone⟨PHONE⟩ ok", std::string(p));
    // ... but not in one piece: glued to a word, that is a product's or an order's number
    for (const char* p : {"SKU07569060823", "Order89161234567", "Ref004420794609", "Item0171 12", "SKU012-345-678", "PN0171/1234567"})
        CHECK_MESSAGE(found(p) == Names{}, std::string(p));
    CHECK(redacted("Ref ABCDEF555-123-4567") == "Ref ABCDEF555-123-4567");  // a hex string, not a word and a number
    // groups kept together by non-breaking or narrow spaces (a web page, a French locale), or
    // two spaces apart
    for (const char* p : {"555\u2013123\u20134567", "020\u20117946\u20110958", "+44\u200b20\u200b7946\u200b0958",
                          "06\u202f12\u202f34\u202f56\u202f78", "06\u00a012\u00a034\u00a056\u00a078",
                          "+33\u00a06\u00a012\u00a034\u00a056\u00a078", "(555)\u00a0123-4567", "555  123  4567",
                          "020  7946  0958"})
        CHECK_MESSAGE(redacted(std::string("tel ") + p + " ok") == "tel ⟨PHONE⟩ ok", p);
    // near misses: dates, times, short numbers, amounts, versions
    for (const char* p : {"2026-11-29", "12:30:45", "+5.00", "555-1234", "v1.2.3", "0.5", "01.02.2026", "3/4/2026",
                          "30.06.2024 12.12.2024 01.01.2025", "1\u202f234,56\u00a0€", "(2024) 1234-5678", "(12) 345-678",
                          "from 1999\u20132004, pages 120\u2013145", "2024\u201306\u201323 \u2013 2024\u201307\u201301", "score 3\u22122",
                          "ISBN 123 4567 8901", "(020) 79", "128 2048 4096", "12345 67890", "10 2024-2025",
                          "ISBN 6166525613", "12812345678", "8 123 456 78 90", "2024 12345 678"})
        CHECK_MESSAGE(found(p) == Names{}, p);
    // a date's day or month that numbers after it run on from: no trunk 0 (a list's "1." is no date)
    for (const char* p : {"updated 2026-12-01 10 2024 12345 678", "due 30.06.2024 15 30 45", "from 2024/06/01 12 34 56 78"})
        CHECK_MESSAGE(found(p) == Names{}, std::string(p));
    CHECK(redacted("list 1.020 7946 0958") == "list 1.⟨PHONE⟩");
    // hex strings in code and hashes that begin with a phone's digits: not a number with a word
    // glued on
    for (const char* p : {"digits = '0123456789abcdef'", "0123456789ABCDEF", "commit 0412345678b7f4e1",
                          "0412345678deadbeef"})
        CHECK_MESSAGE(found(p) == Names{}, std::string(p));
    for (const char* p : {"020 7946 0958abcdef", "0412345678Edit", "0412345678cafe"})
        CHECK_MESSAGE(found(p) == Names{"phone"}, p);
}

TEST_CASE("labelled_phone: a number the words before it name a phone") {
    // what no shape tells from an order number: one run of digits, a national number without its
    // trunk 0; the words before say it, and stay
    CHECK(redacted("call me at 4155550123 tonight") == "call me at ⟨PHONE⟩ tonight");
    CHECK(redacted("Tel.4155550123") == "Tel.⟨PHONE⟩");
    CHECK(redacted("Ph: 415 555 0123x") == "Ph: ⟨PHONE⟩x");  // a word glued on ends it
    CHECK(redacted("Tel. 4155550123Open daily") == "Tel. ⟨PHONE⟩Open daily");
    CHECK(redacted("tel4155550123, mob.9876543210") == "tel⟨PHONE⟩, mob.⟨PHONE⟩");  // glued to the word
    CHECK(found("Shipment HP483749296") == Names{});  // ... but not to two letters: a serial number's
    CHECK(redacted("HP 483749296") == "HP ⟨PHONE⟩");   // (HP, Malay's and Indonesian's word for a mobile)
    CHECK(redacted("telephone1 4155550123") == "telephone⟨PHONE⟩");
    CHECK(redacted("WhatsApp: 9876543210") == "WhatsApp: ⟨PHONE⟩");
    CHECK(redacted("mobile no.: 98765-43-210") == "mobile no.: ⟨PHONE⟩");
    CHECK(redacted("My phone number is 612 345 678.") == "My phone number is ⟨PHONE⟩.");
    CHECK(redacted("móvil 612345678") == "móvil ⟨PHONE⟩");
    CHECK(redacted("Handy unter 1512 3456789") == "Handy unter ⟨PHONE⟩");
    CHECK(redacted("Tel 55 1234 5678") == "Tel ⟨PHONE⟩");
    CHECK(redacted("телефон: 9161234567") == "телефон: ⟨PHONE⟩");
    CHECK(redacted("我的手机号码是 1512345678") == "我的手机号码是 ⟨PHONE⟩");
    CHECK(redacted("TEL 4155550123") == "TEL ⟨PHONE⟩");
    CHECK(redacted("call_4155550123") == "call_⟨PHONE⟩");  // '_' reads as a space, as for every number rule
    CHECK(redacted("sms 4155550123") == "sms ⟨PHONE⟩");
    // near misses: other words before, too few or too many digits, a date, a later group, a
    // word too far back
    for (const char* t : {"Order 4155550123", "ISBN 6166525613", "call 41555501", "call 41555501234567",
                          "call on 2026-12-01 10", "call 12/11/2026 1030", "phone 2024 v4155550123",
                          "phone the office about order 4155550123", "iPhone 4155550123", "iPhone4155550123", "hotel4155550123",
                          "call 12:30 4155550123"})
        CHECK_MESSAGE(found(t) == Names{}, t);
    // the strong shapes stay `phone`'s
    CHECK(found("call +44 20 7946 0958") == Names{"phone"});
}

TEST_CASE("labelled_id: an identity number the words before it name, which no check tells from an order number") {
    // a US passport, a driver's licence, an SSN without dashes, a tax id, Denmark's CPR, a BSN in
    // nine digits, Germany's tax id: the value goes, the words stay
    CHECK(redacted("Passport No. 533380006, exp 2030") == "Passport No. ⟨ID⟩, exp 2030");
    CHECK(redacted("passport number: L898902C3") == "passport number: ⟨ID⟩");
    CHECK(redacted("PassportL898902C3 Expires2030") == "Passport⟨ID⟩ Expires2030");  // a page's label and value run together
    CHECK(redacted("OrderL898902C3") == "OrderL898902C3");                              // a word that names no identity number
    CHECK(redacted("Driver's License #: D1234567") == "Driver's License #: ⟨ID⟩");
    CHECK(redacted("SSN 123456789") == "SSN ⟨ID⟩");
    CHECK(redacted("Social Security number is 123456789.") == "Social Security number is ⟨ID⟩.");
    CHECK(redacted("Tax ID: 12-3456789") == "Tax ID: ⟨ID⟩");
    CHECK(redacted("CPR-nr. 150761-4285") == "CPR-nr. ⟨ID⟩");
    CHECK(redacted("BSN 123456782") == "BSN ⟨ID⟩");
    CHECK(redacted("Steuer-ID 12 345 678 901") == "Steuer-ID ⟨ID⟩");
    CHECK(redacted("NHS number 4857773456") == "NHS number ⟨ID⟩");
    CHECK(redacted("PASSPORT NO 533380006") == "PASSPORT NO ⟨ID⟩");  // a word in capitals is no number
    CHECK(redacted("ID card number: YB0125117") == "ID card number: ⟨ID⟩");
    CHECK(redacted("national ID card: 12345678") == "national ID card: ⟨ID⟩");
    CHECK(redacted("паспорт 4510 123456") == "паспорт ⟨ID⟩");
    CHECK(redacted("身份证 44030519900101123X") == "身份证 ⟨ID⟩");  // (not China's check: read by its word)
    CHECK(redacted("SSN123456789") == "SSN⟨ID⟩");                   // glued to the word
    CHECK(redacted("Passport: X1234567 ABC") == "Passport: ⟨ID⟩ ABC");  // a group without a digit ends it
    // a word glued on after it, as text run together from a page's elements reads: the word stays
    CHECK(redacted("SSN 533380006Edit") == "SSN ⟨ID⟩Edit");
    CHECK(redacted("SSN 533380006exp") == "SSN ⟨ID⟩exp");
    // as a person types it: lower case, a letter or three before the digits
    CHECK(redacted("passport: l898902c3") == "passport: ⟨ID⟩");
    CHECK(redacted("Passport no. x12345678, expires 2031") == "Passport no. ⟨ID⟩, expires 2031");
    CHECK(redacted("my passport number is ab1234567") == "my passport number is ⟨ID⟩");
    CHECK(redacted("Driver's license: dl12345678") == "Driver's license: ⟨ID⟩");
    CHECK(redacted("passport:l898902exp") == "passport:⟨ID⟩exp");
    // a bank account's number
    CHECK(redacted("acct no 12345678 sort 12-34-56") == "acct no ⟨ID⟩ sort 12-34-56");
    CHECK(redacted("routing 021000021 account 000123456789") == "routing ⟨PHONE⟩ account ⟨ID⟩");
    CHECK(redacted("Kontonummer: 5320130") == "Kontonummer: ⟨ID⟩");
    CHECK(redacted("Account number is 88712345") == "Account number is ⟨ID⟩");
    // near misses: other words, "id" alone, too few digits, a date, four letters before the
    // digits (a word), digits split by a letter, a word too far back
    for (const char* t : {"Order ID 12345678", "Session id: 48213377", "Ticket 123456789", "Passport 1234",
                          "Passport expires 2030-01-01", "Passport: 12.03.2030", "passport: abcd1234567", "SSN: 1234abcde",
                          "passport: ab12c3456", "passport: x1234", "Passport scan: img20240115.jpg",
                          "Account 3 of 10", "account 2024", "accounts payable 2024-06-30",
                          "License: MIT", "License 3 of 10 seats", "the passport photo of 2019 went to 12345678",
                          "Tax 12345.00", "National 10000", "see RFC 2373 2.5.2", "ein 100.000 Euro Auto",
                          "Apache License 2.0 2026-11-30", "'id_ID.ISO8859-1'"})
        CHECK_MESSAGE(found(t) == Names{}, std::string(t));
}

TEST_CASE("national_id: identity numbers of seventeen countries beside the US, with their checks") {
    for (const char* id : {"11010519491231002X", "2345 6789 0124", "2345-6789-0124", "529.982.247-25", "52998224725",
                           "12345678Z", "12345678-Z", "X1234567L", "AB 12 34 56 C", "AB123456C", "850315-1234567",
                           "GAMA850614MDFRRL09", "1 85 05 78 006 084 91", "185057800608491", "35202-1234567-1",
                           "10000000146", "1234 5678 9018", "RSSMRA85T10A562S",
                           // Sweden (and a coordination number), Belgium (born before 2000 and
                           // after), Poland, the Netherlands, Canada
                           "811218-9876", "811218+9876", "811278-9873", "85.07.30-033.28", "12.11.04-123.18",
                           "44051401359", "12230512347", "1112.22.333", "1234.56.782", "130 692 544", "271-528-366"})
        CHECK_MESSAGE(redacted(std::string("my id ") + id + ", thanks") == "my id ⟨ID⟩, thanks", std::string(id));
    // those that end in a digit (or China's X), a word glued on after them: the word stays
    for (const char* id : {"11010519491231002X", "2345 6789 0124", "529.982.247-25", "52998224725", "1 85 05 78 006 084 91",
                           "185057800608491", "10000000146", "1234 5678 9018", "811218-9876", "85.07.30-033.28",
                           "44051401359", "1112.22.333", "130 692 544"})
        CHECK_MESSAGE(redacted(std::string("id ") + id + "ok") == "id ⟨ID⟩ok", std::string(id));
    CHECK(redacted("id 2345 6789 0124Verified") == "id ⟨ID⟩Verified");
    // a word glued on before them (a page's label and its value run together): those with a
    // check, in groups or not; the letters some begin with stay theirs
    for (const char* id : {"2345 6789 0124", "529.982.247-25", "811218-9876", "85.07.30-033.28", "1112.22.333", "130 692 544",
                           "11010519491231002X", "52998224725", "12345678Z", "185057800608491", "10000000146", "44051401359"})
        CHECK_MESSAGE(redacted(std::string("Maria Lopez") + id + " ok") == "Maria Lopez⟨ID⟩ ok", std::string(id));
    // ... and, to a word in lower case, those that begin with a capital or have no check; and
    // those that end with a capital or have no check, a word in lower case glued on after them
    for (const char* id : {"X1234567L", "AB 12 34 56 C", "AB123456C", "850315-1234567", "35202-1234567-1",
                           "RSSMRA85T10A562S"})
        CHECK_MESSAGE(redacted(std::string("my id") + id + " ok") == "my id⟨ID⟩ ok", std::string(id));
    for (const char* id : {"AB 12 34 56 C", "850315-1234567", "35202-1234567-1", "RSSMRA85T10A562S"})
        CHECK_MESSAGE(redacted(std::string("id ") + id + "exp") == "id ⟨ID⟩exp", std::string(id));
    // near misses: a word in capitals glued on (an order's code), or after a DNI's letter a word
    // that begins with one ("87721700Edit": a number before a page's button; one in 23 would pass)
    for (const char* t : {"ORD-12345-1234567-1X", "REFX1234567L", "ORD35202-1234567-1", "87721700Edit", "X1234567Lexp",
                          "0x50500000506,", "0X19200000192c"})  // (hex literals)
        CHECK_MESSAGE(found(t) == Names{}, std::string(t));
    CHECK(redacted("NIE X1234567L ok") == "NIE ⟨ID⟩ ok");
    CHECK(redacted("id GAMA850614MDFRRL09Verified") == "id ⟨TOKEN⟩");  // one long word: the token detector's
    CHECK(detail::china_id_valid("11010519491231002X"));
    CHECK_FALSE(detail::china_id_valid("110105194912310021"));  // check digit wrong
    CHECK(detail::aadhaar_valid("234567890124"));
    CHECK_FALSE(detail::aadhaar_valid("234567890125"));
    CHECK_FALSE(detail::aadhaar_valid("134567890124"));  // none begins with 0 or 1
    CHECK(detail::cpf_valid("52998224725"));
    CHECK_FALSE(detail::cpf_valid("52998224726"));
    CHECK_FALSE(detail::cpf_valid("11111111111"));  // passes the sums, issued to nobody
    CHECK(detail::dni_valid("12345678Z"));
    CHECK_FALSE(detail::dni_valid("12345678A"));
    CHECK(detail::nino_valid("AB123456C"));
    CHECK_FALSE(detail::nino_valid("QQ123456C"));  // the prefix of examples
    CHECK_FALSE(detail::nino_valid("AB123456E"));
    CHECK(detail::curp_valid("MOTR930411HJCRMN03"));        // a published test vector of the check digit
    CHECK_FALSE(detail::curp_valid("MOTR930411HJCRMG73"));  // ... and one whose digit is wrong
    CHECK(detail::nir_valid("185057800608491"));
    CHECK(detail::tckn_valid("10000000146"));  // the number of examples
    CHECK_FALSE(detail::tckn_valid("10000000147"));
    CHECK(detail::my_number_valid("123456789018"));
    CHECK_FALSE(detail::my_number_valid("123456789019"));
    CHECK(detail::codice_fiscale_valid("RSSMRA85T10A562S"));  // Mario Rossi, every manual's example
    CHECK(detail::codice_fiscale_valid("MRTMTT91D08F205J"));
    CHECK_FALSE(detail::codice_fiscale_valid("RSSMRA85T10A562T"));
    CHECK_FALSE(detail::nir_valid("185057800608492"));
    CHECK(detail::personnummer_valid("8112189876"));  // Skatteverket's example
    CHECK_FALSE(detail::personnummer_valid("8112189875"));
    CHECK_FALSE(detail::personnummer_valid("8113189875"));  // passes Luhn; no 13th month
    CHECK(detail::belgian_number_valid("85073003328"));     // the example of Belgium's eID
    CHECK(detail::belgian_number_valid("12110412318"));     // born in 2012: a 2 before the 9 digits
    CHECK_FALSE(detail::belgian_number_valid("85073003329"));
    CHECK(detail::pesel_valid("44051401359"));  // the example of Poland's registry
    CHECK_FALSE(detail::pesel_valid("44051401358"));
    CHECK_FALSE(detail::pesel_valid("44151401352"));  // passes the sum; month 15 is none
    CHECK(detail::bsn_valid("111222333"));
    CHECK_FALSE(detail::bsn_valid("111222334"));
    CHECK(detail::sin_valid("130692544"));
    CHECK_FALSE(detail::sin_valid("130692545"));
    CHECK_FALSE(detail::sin_valid("046454286"));  // the examples' number: none is led by 0
    // near misses: the same shapes with a wrong check, order numbers, barcodes, ISBNs, dates
    for (const char* t : {"110105194912310021", "2345 6789 0125", "529.982.247-26", "12345678A", "QQ 12 34 56 C",
                          "ISBN 978-3-16-148410-0", "Order 12345678901", "EAN 4006381333931", "850345-1234567",
                          "2026-12-01 12:30", "Case 12345678", "GAMA850614MDFRRL08", "185057800608492",
                          "35202-1234567-12", "ORD-12345-1234567-1X", "10000000147", "1234 5678 9019",
                          "RSSMRA85T10A562T", "SKU ABCDEF12G34H567I", "811218-9875", "build 240315-0042",
                          "91.12.30-033.11", "44051401358", "1112.22.334", "130 692 545", "part 123-456-789",
                          "830 692 547", "Scale 1.000.000", "v 1.10.2025", "2024.12.31"})
        CHECK_MESSAGE(found(t) == Names{}, std::string(t));
}

TEST_CASE("card: networks, separators, Luhn") {
    CHECK(redacted("card 4111 1111 1111 1111 exp") == "card ⟨CARD⟩ exp");
    for (const char* c : {"4111-1111-1111-1111", "5555555555554444", "3782 822463 10005", "6011 1111 1111 1117",
                          "2223 0031 2200 3222", "3530 1113 3330 0000"})
        CHECK_MESSAGE(found(c) == Names{"card"}, c);
    CHECK(found("4111 1111 1111 1112") != Names{"card"});  // Luhn fails
    CHECK(found("9780306406157") == Names{});             // an ISBN-13, not a card network
    CHECK(found("1234 5678 9012 3456") != Names{"card"});
    // groups kept together by non-breaking or narrow spaces, or two spaces apart
    for (const char* c : {"4111\u00a01111\u00a01111\u00a01111", "4111\u202f1111\u202f1111\u202f1111", "4111  1111  1111  1111"})
        CHECK_MESSAGE(redacted(std::string("card ") + c + " ok") == "card ⟨CARD⟩ ok", c);
    // ... or joined by the en dashes a word processor puts for hyphens, or by invisible characters
    // a pasted number carries (zero-width space, soft hyphen, word joiner)
    for (const char* c : {"4111\u20131111\u20131111\u20131111", "4111\u20111111\u20111111\u20111111", "4111\u200b1111\u200b1111\u200b1111",
                          "4111\u00ad1111\u00ad1111\u00ad1111", "4111\u20601111\u20601111\u20601111"})
        CHECK_MESSAGE(redacted(std::string("card ") + c + " ok") == "card ⟨CARD⟩ ok", c);
    CHECK(found("v 1.2.3.4.5.6.7.8.9.10.11.12.13") == Names{});  // dots are no card's separator...
    CHECK(redacted("receipt 4111.1111.1111.1111 ok") == "receipt ⟨CARD⟩ ok");  // ... but four groups of four are
    CHECK(found("build 4111.1111.1111.1112") == Names{});                        // (Luhn fails)
    // glued to a word: the letters stay
    CHECK(redacted("card4111111111111111 on file") == "card⟨CARD⟩ on file");
    CHECK(redacted("card 4111111111111111exp") == "card ⟨CARD⟩exp");
    CHECK(redacted("ref X5555555555554444Y") == "ref X⟨CARD⟩Y");
    CHECK(found("sha e3b0c44298fc1c149afbf4c8996fb924") == Names{});
    CHECK(found("id4111111111111112") == Names{});  // Luhn fails
}

TEST_CASE("iban, ssn, ip addresses") {
    CHECK(redacted("IBAN DE89 3704 0044 0532 0130 00 please") == "IBAN ⟨IBAN⟩ please");
    CHECK(found("GB82WEST12345698765432") == Names{"iban"});
    // typed in lower or mixed case, as people type them into chats and notes
    CHECK(redacted("iban de89 3704 0044 0532 0130 00 please") == "iban ⟨IBAN⟩ please");
    CHECK(redacted("to gb82 west 1234 5698 7654 32, thanks") == "to ⟨IBAN⟩, thanks");
    CHECK(redacted("IBAN:De89370400440532013000.") == "IBAN:⟨IBAN⟩.");
    CHECK(found("ab12 west 1234 5698 7654 32") == Names{});  // mod 97 fails
    CHECK(redacted("IBAN DE89\u00a03704\u00a00044\u00a00532\u00a00130\u00a000.") == "IBAN ⟨IBAN⟩.");
    CHECK(found("DE89 3704 0044 0532 0130 01") != Names{"iban"});  // mod-97 fails
    // in groups of four a dash apart, as some banks and forms print them
    CHECK(redacted("IBAN DE89-3704-0044-0532-0130-00.") == "IBAN ⟨IBAN⟩.");
    CHECK(redacted("to gb82-west-1234-5698-7654-32, thanks") == "to ⟨IBAN⟩, thanks");
    CHECK(found("DE89-3704-0044-0532-0130-01") != Names{"iban"});  // mod-97 fails
    // a word glued on after its last digit ("Copy" beside it in a page): the IBAN goes, the word stays
    CHECK(redacted("IBAN DE89370400440532013000Copy") == "IBAN ⟨IBAN⟩Copy");
    CHECK(redacted("IBAN DE89 3704 0044 0532 0130 00Copy") == "IBAN ⟨IBAN⟩Copy");
    CHECK(redacted("to GB82 WEST 1234 5698 7654 32exp") == "to ⟨IBAN⟩exp");
    // a label glued on before it (a page's "IBAN" and its value run together): the label stays
    CHECK(redacted("IBANDE89370400440532013000") == "IBAN⟨IBAN⟩");
    CHECK(redacted("IBANDE89 3704 0044 0532 0130 00 ok") == "IBAN⟨IBAN⟩ ok");
    CHECK(redacted("KontoDE89 3704 0044 0532 0130 00.") == "Konto⟨IBAN⟩.");
    CHECK(redacted("to:IBANGB82 WEST 1234 5698 7654 32Copy") == "to:IBAN⟨IBAN⟩Copy");
    CHECK(found("SKUDE89370400440532013001") == Names{});  // mod-97 fails
    // glued to a word, it must be printed as banks do: in capitals, in one piece or in fours
    CHECK(found("LG OLED55C3 est invalide 44% off") == Names{});  // "ED55C3ESTINVALIDE44" passes mod 97
    CHECK(found("ibande89370400440532013000") == Names{});
    CHECK(found("IBANDE89 3704 0044 0532 0130 00") == Names{"iban"});
    Names spaced_in_threes = found("IBANDE89 370 400 440 532 013 000");  // (two threes of it pass Canada's check)
    CHECK(std::find(spaced_in_threes.begin(), spaced_in_threes.end(), "iban") == spaced_in_threes.end());
    CHECK(found("4DE89370400440532013000") == Names{});    // a digit before: no edge, no label
    CHECK(found("SSN 123-45-6789") == Names{"ssn"});
    CHECK(redacted("SSN 123 45 6789.") == "SSN ⟨SSN⟩.");
    CHECK(redacted("SSN 123\u201345\u20136789.") == "SSN ⟨SSN⟩.");  // en dashes
    CHECK(redacted("SSN 123-45-6789Edit") == "SSN ⟨SSN⟩Edit");         // a word glued on after it
    CHECK(redacted("SSN 123 45 6789exp") == "SSN ⟨SSN⟩exp");
    CHECK(redacted("Jane Roe123-45-6789 ok") == "Jane Roe⟨SSN⟩ ok");  // a word glued on before it
    for (const char* s : {"000-12-3456", "666-12-3456", "900-12-3456", "123-00-4567", "123-45-0000", "900 12 3456",
                          "123 00 4567", "123  45  6789"})
        CHECK_MESSAGE(found(s) != Names{"ssn"}, s);
    CHECK(found("from 192.168.1.20 at") == Names{"ipv4"});
    CHECK(found("version 1.2.3.4.5") == Names{});
    CHECK(found("v1.2.3.4.5") == Names{});
    CHECK(redacted("host no.139.208.6.23;") == "host no.⟨IP⟩;");  // a dot after a word is no longer number
    CHECK(found("300.1.1.1") == Names{});
    // a word glued on, before or after: the address alone is redacted; a version's word is no label
    CHECK(redacted("ip192.168.10.24") == "ip⟨IP⟩");
    CHECK(redacted("addr192.168.1.1x and 10.0.0.7exp") == "addr⟨IP⟩x and ⟨IP⟩exp");
    CHECK(redacted("card139.208.6.23") == "card⟨IP⟩");
    // two run together, the letter between them glued to both (found by the candidates' fuzzer)
    CHECK(redacted("s92.168.1.20o192.168.1.20of") == "s⟨IP⟩o⟨IP⟩of");
    for (const char* s : {"v1.2.3.4", "build10.0.19041.1", "Ver2.0.1.5", "Release4.2.0.1 notes", "rev1.0.0.12"})
        CHECK_MESSAGE(found(s) == Names{}, s);
    CHECK(found("host 2001:db8::8a2e:370:7334") == Names{"ipv6"});
    CHECK(found("fe80::1ff:fe23:4567:890a%eth0") == Names{"ipv6"});
    CHECK(found("see std::vector and semtrace::Recorder") == Names{});
    CHECK(redacted("map ::ffff:192.168.1.1 x") == "map ⟨IP⟩ x");  // with its IPv4 tail, whole
    CHECK(redacted("map 0:0:0:0:0:ffff:192.168.1.1 x") == "map ⟨IP⟩ x");
    CHECK(found("at 12:30:45") == Names{});
    CHECK(found("MAC 00:1A:2B:3C:4D:5E") == Names{});
    // after a label and its colon, as logs and settings print them; a colon after it left alone
    CHECK(redacted("ip:2001:db8::1") == "ip:⟨IP⟩");
    CHECK(redacted("inet6:fe80::1ff:fe23:4567:890a;") == "inet6:⟨IP⟩;");
    CHECK(redacted("x:2001:db8::1:y") == "x:⟨IP⟩:y");
    CHECK(redacted("Tel.:2001:db8::8a2e:370:7334 ok") == "Tel.:⟨IP⟩ ok");  // a label's colon after a dot
    CHECK(redacted("IP\uff1a2001:db8::8a2e:370:7334 ok") == "IP\uff1a⟨IP⟩ ok");  // a full-width colon
    CHECK(found("Time:12:30:45 MAC:00:1A:2B:3C:4D:5E") == Names{});
    CHECK(found("std::vector<int>::iterator") == Names{});
    // glued to a word before or after it (a page's label and value run together): the word stays
    CHECK(redacted("card2001:0db8:0000:0000:0000:ff00:0042:8329 ok") == "card⟨IP⟩ ok");
    CHECK(redacted("IPv6fe80::a00:27ff:fe4e:66a1 ok") == "IPv6⟨IP⟩ ok");
    CHECK(redacted("host 2a00:1450:4001:82b::200eexp") == "host ⟨IP⟩exp");
    CHECK(redacted("host 2606:4700:4700::1111Copy") == "host ⟨IP⟩Copy");
    // ... but code is no address glued to a word: too few groups, or no digit
    for (const char* t : {"Cache::add", "MyFeed::add(x)", "Bad::cafe::face", "MAC00:1A:2B:3C:4D:5E", "Decoder::feed:dead:beef:cafe",
                          "Cafe::add Dead::beef", "see Face::feed"})
        CHECK_MESSAGE(found(t) == Names{}, std::string(t));
}

TEST_CASE("tokens and keys glued to a word before them") {
    // (a page's label and value run together) The word stays, but where the generic token
    // detector takes the whole word with the key in it ("keysk_live_…": ⟨TOKEN⟩).
    for (const char* key : {"sk_live_4eC39HqLyjWDarjtT1zdp7dc", "AKIAIOSFODNN7EXAMPLE", "glpat-A3uhEuWRrNwRlN_CNIyH",
                            "ghp_16C7e42F292c6912E7710c838347Ae178B4a", "xoxb-1234567890-1234567890-aBcDeFgHiJkLmNoP",
                            "9369936732:AAFlqWmHMKxbjAB5lWww8QyWUBS1Bl2tXr3"}) {
        const std::string out = redacted(std::string("Your card") + key + " ok");
        CHECK_MESSAGE((out == "Your card⟨SECRET⟩ ok" || out == "Your ⟨TOKEN⟩ ok"), key, " -> ", out);
    }
    CHECK(redacted("Your cardglpat-A3uhEuWRrNwRlN_CNIyH ok") == "Your card⟨SECRET⟩ ok");
    CHECK(redacted("Your cardAKIAIOSFODNN7EXAMPLE ok") == "Your card⟨SECRET⟩ ok");
    CHECK(redacted("bot card9369936732:AAFlqWmHMKxbjAB5lWww8QyWUBS1Bl2tXr3 ok") == "bot card⟨SECRET⟩ ok");
    // ... but a name in code is no key glued to a word: no digit, no capital
    for (const char* t : {"def task_live_updatesfromtheserver():", "run disk_test_environmentvariables now"})
        CHECK_MESSAGE(found(t) == Names{}, std::string(t));
    // a form that begins without an edge is taken whole, its first letter with it
    CHECK(redacted("hook cardhttps://hooks.slack.com/services/T0000/B0000/jskbHXbdSZQjzGJRcdaMOgcb ok") == "hook card⟨SECRET⟩ ok");
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
    // a random key with one digit or none (one in seven of 20 characters), but not a CamelCase name
    CHECK(found("key gHtYuJkLoPiUyTrEwQaSdFgHjKlZxCvBnM1q") == Names{"token"});
    CHECK(found("kVbRtQpLmZxWcYnHsDfJgK") == Names{"token"});
    // ... with as many vowels as a name's words hold (a quarter to 30 %), its small letters in short runs
    CHECK(found("3AkrnoKFrOpCdoLXBhEj") == Names{"token"});
    CHECK(found("api key BTZmr7uEHqFPIpxbEsCO") == Names{"token"});
    for (const char* name : {"getElementsByTagName", "AbstractSingletonProxyFactoryBean", "SimpleXMLRPCDispatcher",
                             "HTTPPasswordMgrWithPriorAuth", "SPDX-FileCopyrightText", "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ",
                             "cnHighLabelFontColor", "TypoScriptCssDataLexer", "errSSLCertNotYetValid", "SQLNumResultRowsIfKnown"})
        CHECK_MESSAGE(found(name) == Names{}, name);
    CHECK(found("P@ssw0rd!2024") == Names{"password"});
    // ... with letters of other scripts around it and no space: Japanese, a currency sign
    CHECK(redacted("パスワードはHorse2019$です") == "パスワードは⟨SECRET⟩です");
    CHECK(redacted("€Horse2019$€") == "€⟨SECRET⟩€");
    CHECK(found("пароль2019$") == Names{});  // what is left of a word in another script is too short
    // a Markdown link's text is no part of its address: checked as a word of its own
    CHECK(redacted("see [Tr0ub4dor&3](https://example.com/a) now") == "see [⟨SECRET⟩](https://example.com/a) now");
    CHECK(found("[the docs](https://example.com/v1.2/guide?page=2)") == Names{});
    // near misses: words, paths, file names, versions
    CHECK(found("/usr/share/doc/libsodium-dev/README") == Names{});
    CHECK(found("quarterly_report_final_v2.pdf") == Names{});
    CHECK(found("internationalization") == Names{});
    CHECK(found("hunter2") == Names{});  // weak passwords look like words: only field masking protects them
}

TEST_CASE("labelled_secret: the value after a password, PIN or key label goes, the label stays") {
    // A weak password looks like any word ("hunter2" above); written after its label, it is one.
    CHECK(redacted("password: hunter2") == "password: ⟨SECRET⟩");
    CHECK(redacted("login bob, pwd=letmein, then reboot") == "login bob, pwd=⟨SECRET⟩, then reboot");
    CHECK(redacted("Mot de passe : soleil") == "Mot de passe : ⟨SECRET⟩");
    CHECK(redacted("パスワード：sakura") == "パスワード：⟨SECRET⟩");  // a full-width colon, read as ':'
    CHECK(redacted("{\"user\": \"ann\", \"password\": \"open sesame\"}") == "{\"user\": \"ann\", \"password\": \"⟨SECRET⟩\"}");
    CHECK(redacted("DB_PASSWORD=fluffy") == "DB_PASSWORD=⟨SECRET⟩");
    CHECK(redacted("dbPassword := fluffy") == "dbPassword := ⟨SECRET⟩");
    CHECK(redacted("password_confirmation: fluffy") == "password_confirmation: ⟨SECRET⟩");
    CHECK(redacted("Authorization: Bearer abc.def") == "Authorization: Bearer ⟨SECRET⟩");
    CHECK(redacted("the wifi password is dragon42") == "the wifi password is ⟨SECRET⟩");
    CHECK(redacted("Password is: fluffy") == "Password is: ⟨SECRET⟩");
    CHECK(redacted("PIN: 4821") == "PIN: ⟨SECRET⟩");
    CHECK(redacted("CVV 123, cvv: 123") == "CVV 123, cvv: ⟨SECRET⟩");  // no separator, no label
    CHECK(found("api_key=abc") == Names{"labelled_secret"});
    CHECK(found("userPin = 1234") == Names{"labelled_secret"});  // a camelCase capital begins a word
    CHECK(redacted("Password for the router: fluffy.") == "Password for the router: ⟨SECRET⟩.");
    CHECK(redacted("Passwort für das WLAN: sommer") == "Passwort für das WLAN: ⟨SECRET⟩");
    // near misses: no separator, no label at a word's edge, no value, a value the label cannot mean
    CHECK(found("Password must be at least 8 characters") == Names{});
    CHECK(found("The password is required") == Names{});      // after "is", only a value with a digit
    CHECK(redacted("my password is fluffy") == "my password is ⟨SECRET⟩");  // after a possessive, a word too
    CHECK(redacted("mein WLAN Passwort ist sommer") == "mein WLAN Passwort ist ⟨SECRET⟩");
    CHECK(found("Your password is incorrect") == Names{});  // but what a message says of a password
    CHECK(found("Your password is too short.") == Names{});
    CHECK(found("Ihr Passwort ist falsch") == Names{});
    CHECK(found("the password is fluffy") == Names{});  // (no possessive: docs/policy.md)
    CHECK(found("Password is 8-64 characters") == Names{});  // a number shorter than a PIN
    CHECK(found("The PIN is 4 digits") == Names{});
    CHECK(found("Pin: off") == Names{});  // a PIN has digits
    CHECK(found("bypass: 3 items") == Names{});
    CHECK(found("compass=north") == Names{});
    CHECK(found("Password:") == Names{});
    CHECK(found("Password: \n") == Names{});
    CHECK(found("Password strength: weak") == Names{});
    CHECK(found("\"password\": \"\"") == Names{});
    CHECK(found("https://example.com/login") == Names{});
    CHECK(found("password: ⟨SECRET⟩") == Names{});  // what this detector leaves: `semtrace scan` of a redacted session is clean
    CHECK(found("Password: ••••••••") == Names{});  // a masked field's dots
    CHECK(found("PIN = ****") == Names{});
    // A value longer than the 512 bytes read is cut there, and not inside a character.
    std::string long_value = "password: x";  // then two-byte characters: byte 512 of the value is inside one
    for (int i = 0; i < 400; ++i) long_value += "\u00e9";
    std::vector<Finding> f;
    builtin().find(long_value, f);
    REQUIRE(f.size() == 1);
    CHECK(f[0].begin == 10);
    CHECK(f[0].end == 10 + 511);
    CHECK((static_cast<unsigned char>(long_value[f[0].end]) & 0xC0) != 0x80);
}

TEST_CASE("labelled secrets corpus: every value after its label is replaced, the label kept; benign texts untouched") {
    int secrets = 0, benign = 0;
    for (const Labelled& l : labelled_texts()) {
        std::string out = redacted(l.text);
        if (l.benign) {
            ++benign;
            CHECK_MESSAGE(found(l.text).empty(), "flagged: ", l.text, " -> ", out);
            continue;
        }
        ++secrets;
        std::string label = l.text.substr(0, l.text.find(l.secret));
        CHECK_MESSAGE(out.find(l.secret) == std::string::npos, "left: ", l.text, " -> ", out);
        // (A label glued to its value, "pin=837904", may go with it: the password detector takes
        // a word with letters, digits and a symbol whole.)
        bool glued = label.empty() || !(label.back() == ' ' || label.back() == '"' || label.back() == '\'' || label.back() == '\t' ||
                                        static_cast<unsigned char>(label.back()) >= 0x80);
        CHECK_MESSAGE((glued || out.rfind(label, 0) == 0), "label lost: ", l.text, " -> ", out);
        // ... in full width too, as an input method types it
        CHECK_MESSAGE(redacted(full_width(l.text)).find(full_width(l.secret)) == std::string::npos, "left: ", full_width(l.text));
    }
    CHECK(secrets >= 150);
    CHECK(benign >= 40);
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
    for (int i = 0; i < 5000; ++i) hostile += "password=pwd:my pin is 1234\"";  // labels, separators, copulas, quotes
    std::vector<Finding> f;
    builtin().find(hostile, f);  // completes (and ASan/UBSan see every byte); no timing asserted here
    CHECK(f.size() < hostile.size());
}
