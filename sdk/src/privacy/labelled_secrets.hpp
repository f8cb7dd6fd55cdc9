// labelled_secrets.hpp — values that text itself calls secret: "password: hunter2", "PIN = 4821", "api_key: …", "my password is fluffy7".
#pragma once

#include <cstddef>
#include <cstdint>
#include <string_view>
#include <vector>

#include "privacy/candidates.hpp"
#include "privacy/detectors.hpp"

namespace semtrace::privacy::detail {

// Why a detector of its own: a weak password ("hunter2", "fluffy") looks like any word, and no
// pattern tells it from one; but people say what it is when they write it down — in notes,
// tickets, chat, configuration pasted into a form. The label names the value: a password (in
// two dozen languages: Passwort, contraseña, пароль, パスワード, 密码, …), a PIN, a card's
// security code, an API, access or secret key, a token, a client secret, credentials, an
// Authorization header. The value is replaced, the label kept ("password: ⟨SECRET⟩"): what was
// written stays readable, and the secret is gone.
//
// Two forms:
//   - the label, then ':' or '=' (also ":=", "=>", spaces or a quote between: `"password": "x"`,
//     `DB_PASSWORD=x`, "mot de passe : x", "Password is: x"; before ": " a preposition and one or
//     two words may come between: "Password for the router: x"), then the value: a quoted string,
//     or the characters up to the next blank (an Authorization's scheme, "Bearer", is kept and
//     the word after it taken);
//   - the label, then "is" or "was" (ist, est, es), then a value with a digit ("the password
//     is fluffy7"), or after a possessive any word but those a message about a password says
//     there: "my password is fluffy", not "Your password is incorrect".
// Labels for PINs and security codes take only values with a digit ("Pin: Yes" is a button).
// A label ends where the separator begins, at a word's edge (a camelCase capital counts):
// "bypass: 3" and "compass=N" hold no label; the password words may end a longer identifier
// ("userpassword=", "DB_PASSWORD="), and "_confirmation", "_hash", "2" may follow them.

// The value a separator at text[at] (':' or '=') gives, when a label ends before it; else an
// empty span. Reads at most a few dozen bytes before `at` and 512 after.
struct ValueSpan {
    std::size_t begin = 0;
    std::size_t end = 0;
    bool empty() const { return begin == end; }
};
ValueSpan value_after_separator(std::string_view text, std::size_t at);

// The value a copula beginning at text[at] ("is", "was", …, with a space before and after it)
// gives, when a label ends before it and the value is one (above); else an empty span.
ValueSpan value_after_copula(std::string_view text, std::size_t at);

// The candidate pass's part (find_candidates): appends, in text order, a one-byte candidate at
// each separator and copula whose label names a secret and whose value the label allows.
void add_labelled_candidates(std::string_view text, std::vector<Candidate>& out);

// The scanner (Rule::scan): each separator and copula in text[begin, end) whose label names a
// secret adds its value. Linear: each place reads a bounded stretch around it.
void scan_labelled_secrets(std::string_view text, std::size_t begin, std::size_t end, std::uint16_t index,
                           std::vector<Finding>& out);

}  // namespace semtrace::privacy::detail
