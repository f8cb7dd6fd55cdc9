// json_text.cpp — JSON strings written by hand, fast: what every JSON-lines writer of semtrace appends with.
#include <array>

#include "json_text.hpp"

namespace semtrace::jsonl {

namespace {

// Bytes copied as they are: printable ASCII but the quote and the backslash.
constexpr auto plain = [] {
    std::array<bool, 256> table{};
    for (int c = 0x20; c < 0x80; ++c) table[static_cast<std::size_t>(c)] = c != '"' && c != '\\';
    return table;
}();

}  // namespace

void append_json_string(std::string& out, std::string_view s) {
    out += '"';
    static const char* hex = "0123456789abcdef";
    for (std::size_t i = 0; i < s.size(); ++i) {
        std::size_t run = i;  // printable ASCII that needs no escape goes in one append
        while (run < s.size() && plain[static_cast<unsigned char>(s[run])]) ++run;
        if (run > i) {
            out.append(s.data() + i, run - i);
            i = run - 1;
            continue;
        }
        auto c = static_cast<unsigned char>(s[i]);
        if (c == '"' || c == '\\') {
            out += '\\';
            out += static_cast<char>(c);
        } else if (c >= 0x20 && c < 0x80) {
            out += static_cast<char>(c);
        } else if (c < 0x20) {
            switch (c) {
                case '\n': out += "\\n"; break;
                case '\t': out += "\\t"; break;
                case '\r': out += "\\r"; break;
                default: out += "\\u00", out += hex[c >> 4], out += hex[c & 15];
            }
        } else {
            // Copy a valid UTF-8 sequence as it is; anything else becomes U+FFFD.
            std::size_t len = c >= 0xF0 && c < 0xF5 ? 4 : c >= 0xE0 ? 3 : c >= 0xC2 && c < 0xE0 ? 2 : 0;
            bool valid = len > 0 && i + len <= s.size();
            for (std::size_t k = 1; valid && k < len; ++k) valid = (static_cast<unsigned char>(s[i + k]) & 0xC0) == 0x80;
            if (valid && len == 3) {
                auto c1 = static_cast<unsigned char>(s[i + 1]);
                valid = !(c == 0xE0 && c1 < 0xA0) && !(c == 0xED && c1 >= 0xA0);
            }
            if (valid && len == 4) {
                auto c1 = static_cast<unsigned char>(s[i + 1]);
                valid = !(c == 0xF0 && c1 < 0x90) && !(c == 0xF4 && c1 >= 0x90);
            }
            if (valid) {
                out.append(s.substr(i, len));
                i += len - 1;
            } else {
                out += "\xEF\xBF\xBD";
            }
        }
    }
    out += '"';
}

}  // namespace semtrace::jsonl
