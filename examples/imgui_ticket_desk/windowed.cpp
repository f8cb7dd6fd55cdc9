// windowed.cpp — GLFW window, OpenGL 3 context and Dear ImGui's GLFW/OpenGL 3 backends around the ticket desk.
#include <cstdio>

#include <GLFW/glfw3.h>
#include <imgui.h>
#include <imgui_impl_glfw.h>
#include <imgui_impl_opengl3.h>

#include "glfw_frame.hpp"
#include "semtrace/imgui.hpp"
#include "windowed.hpp"

int run_windowed(ticket_desk::App& app, semtrace::Recorder& recorder, int frames) {
    if (!glfwInit()) {
        std::fprintf(stderr, "ticket desk: cannot open a window (no display?): use --script FILE to run headless\n");
        return 1;
    }
    glfwWindowHint(GLFW_CONTEXT_VERSION_MAJOR, 3);
    glfwWindowHint(GLFW_CONTEXT_VERSION_MINOR, 0);
    GLFWwindow* window = glfwCreateWindow(1280, 800, "Ticket Desk (recorded by semtrace)", nullptr, nullptr);
    if (!window) {
        glfwTerminate();
        std::fprintf(stderr, "ticket desk: cannot create an OpenGL 3 window\n");
        return 1;
    }
    glfwMakeContextCurrent(window);
    glfwSwapInterval(1);
    ImGuiContext* context = ImGui::CreateContext();
    ImGui_ImplGlfw_InitForOpenGL(window, true);
    ImGui_ImplOpenGL3_Init("#version 130");
    semtrace::imgui::Options plugin;
    plugin.pause_key = GLFW_KEY_P;  // Ctrl+Shift+P pauses and resumes recording
    int code = 0;
    if (auto attached = semtrace::imgui::attach(context, recorder, plugin); !attached) {
        std::fprintf(stderr, "ticket desk: %s\n", attached.error().message.c_str());
        code = 1;
    }
    for (int n = 0; code == 0 && !glfwWindowShouldClose(window) && !app.quit_requested() && n != frames; ++n) {
        semtrace::imgui::render_frame(window, [&] { app.draw(); });
        glfwSwapBuffers(window);
    }
    ImGui_ImplOpenGL3_Shutdown();
    ImGui_ImplGlfw_Shutdown();
    ImGui::DestroyContext(context);
    glfwDestroyWindow(window);
    glfwTerminate();
    return code;
}
