// session_header.hpp — making the header of a new session: a fresh random id and the start time.
#pragma once

#include <string>

#include "format/events.hpp"

namespace semtrace::format {

// 32 lowercase hex digits from the system's random source.
std::string new_session_id();

// A header for a session starting now, stamped with this SDK's version.
SessionHeader new_session_header(std::string app_name, std::string app_version);

}  // namespace semtrace::format
