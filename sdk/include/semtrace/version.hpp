// semtrace/version.hpp — the SDK's version, written into every session header.
#pragma once

#include <string_view>

namespace semtrace {

inline constexpr std::string_view sdk_version = "0.1.0";

}  // namespace semtrace
