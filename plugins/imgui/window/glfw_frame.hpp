// glfw_frame.hpp — one frame of a Dear ImGui app in a GLFW window with OpenGL 3: poll, draw, render, clear.
#pragma once

#include <functional>

struct GLFWwindow;

namespace semtrace::imgui {

struct FrameSize {
    int width = 0, height = 0;  // the framebuffer, in pixels
};

// Polls events, runs `draw` between ImGui::NewFrame() and ImGui::Render(), clears the window
// and renders ImGui's draw data. Does not swap buffers: a caller may read the pixels first.
FrameSize render_frame(GLFWwindow* window, const std::function<void()>& draw);

}  // namespace semtrace::imgui
