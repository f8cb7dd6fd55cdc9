// json_text.hpp — a string as a JSON string literal, appended without a DOM: for writers of millions of lines.
#pragma once

#include <string>
#include <string_view>

namespace semtrace::jsonl {


// error_handler_t::replace does, so both writers agree.
void append_json_string(std::string& out, std::string_view s);

}  // namespace semtrace::jsonl
