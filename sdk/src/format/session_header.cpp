// session_header.cpp — fresh session ids and headers for new session files.
#include "format/session_header.hpp"

#include <chrono>
#include <random>

#include "semtrace/version.hpp"

namespace semtrace::format {

std::string new_session_id() {
    std::random_device random;
    static const char* digits = "0123456789abcdef";
    std::string id;
    for (int i = 0; i < 4; ++i) {
        std::uint32_t word = random();
        for (int j = 0; j < 8; ++j, word >>= 4) id += digits[word & 15];
    }
    return id;
}

SessionHeader new_session_header(std::string app_name, std::string app_version) {
    SessionHeader header;
    header.session_id = new_session_id();
    header.app_name = std::move(app_name);
    header.app_version = std::move(app_version);
    header.sdk_version = std::string(sdk_version);
    header.start_unix_us = std::chrono::duration_cast<std::chrono::microseconds>(
                               std::chrono::system_clock::now().time_since_epoch())
                               .count();
    return header;
}

}  // namespace semtrace::format
