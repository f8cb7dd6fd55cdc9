// json_text.hpp — a string as a JSON string literal, appended without a DOM: for writers of millions of lines.
#pragma once

#include <cstddef>
#include <string>
#include <string_view>

namespace semtrace::jsonl {

// `s` in quotes: valid UTF-8 as it is; quotes, backslashes and control characters escaped;
// each byte of invalid UTF-8 as U+FFFD, as nlohmann::json's dump with
// error_handler_t::replace does, so both writers agree.
void append_json_string(std::string& out, std::string_view s);
// The same without the quotes: for a string written in pieces, such as an observation whose
// lines were escaped one by one (escaping whole lines of valid UTF-8 and joining them is
// escaping the joined text).
void append_json_chars(std::string& out, std::string_view s);
// The same written at `out`, which has room for json_chars_room(s.size()) bytes; returns the
// end. For a writer that makes room for a whole record at once.
char* write_json_chars(char* out, std::string_view s);
// At most six bytes a byte: a control character becomes \u00XX; an invalid byte, U+FFFD in three.
constexpr std::size_t json_chars_room(std::size_t bytes) { return 6 * bytes; }

}  // namespace semtrace::jsonl
