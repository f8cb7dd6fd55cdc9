// json_text.hpp — a string as a JSON string literal, appended without a DOM: for writers of millions of lines.
#pragma once

#include <string>
#include <string_view>

namespace semtrace::jsonl {

// `s` in quotes: valid UTF-8 as it is; quotes, backslashes and control characters escaped;
// each byte of invalid UTF-8 as U+FFFD, as nlohmann::json's dump with
// error_handler_t::replace does, so both writers agree.
void append_json_string(std::string& out, std::string_view s);

}  // namespace semtrace::jsonl
