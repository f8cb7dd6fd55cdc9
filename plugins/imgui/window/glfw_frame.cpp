// glfw_frame.cpp — render_frame: the GLFW + OpenGL 3 frame the ticket desk and semtrace-replay share.
#include <GLFW/glfw3.h>
#include <imgui.h>
#include <imgui_impl_glfw.h>
#include <imgui_impl_opengl3.h>

#include "glfw_frame.hpp"

namespace semtrace::imgui {

FrameSize render_frame(GLFWwindow* window, const std::function<void()>& draw) {
    glfwPollEvents();
    ImGui_ImplOpenGL3_NewFrame();
    ImGui_ImplGlfw_NewFrame();
    ImGui::NewFrame();
    draw();
    ImGui::Render();
    FrameSize size;
    glfwGetFramebufferSize(window, &size.width, &size.height);
    glViewport(0, 0, size.width, size.height);
    glClearColor(0.08f, 0.08f, 0.1f, 1.0f);
    glClear(GL_COLOR_BUFFER_BIT);
    ImGui_ImplOpenGL3_RenderDrawData(ImGui::GetDrawData());
    return size;
}

}  // namespace semtrace::imgui
