// fuzz_agent_message.cpp — libFuzzer target: any bytes as a message from the browser extension; parse_message must answer, never crash or hang.
#include <cstdint>
#include <string_view>

#include "message.hpp"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    auto m = semtrace::agent::parse_message(std::string_view(reinterpret_cast<const char*>(data), size));
    if (!m && m.error().message.empty()) __builtin_trap();  // every refusal says why
    return 0;
}
