// keys.hpp — the keys semtrace-replay reads, by the GLFW backend's codes (letters and digits are their ASCII codes).
#pragma once

namespace semtrace::replay_app::keys {

inline constexpr int space = 32, escape = 256, enter = 257, delete_ = 261, down = 264, up = 265, f1 = 290;

}  // namespace semtrace::replay_app::keys
