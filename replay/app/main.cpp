// main.cpp — semtrace-replay: a session's reconstructed screen, its steps and a timeline; --screenshot renders one frame.
//
// Usage: semtrace-replay FILE|FOLDER [--at T] [--annotator P] [--script S] [--screenshot OUT.png] [--size WxH]
//   --at T          the instant shown first (12.5, 12.5s, 250ms, 2m); default: the first action
//   --annotator P   the pseudonym new tasks carry (default: $SEMTRACE_ANNOTATOR)
//   --script S      drive the tool with the robot's key presses and typing from S, then exit
//   --screenshot F  render one frame at T (after the script, if any) into the PNG file F and exit
#include <cstdio>
#include <cstdlib>
#include <string>
#include <vector>

#include <GLFW/glfw3.h>
#include <imgui.h>
#include <imgui_impl_glfw.h>
#include <imgui_impl_opengl3.h>

#include "glfw_frame.hpp"
#include "png_file.hpp"
#include "replay_app.hpp"
#include "robot.hpp"
#include "time_text.hpp"

namespace {

struct Args {
    std::string file, screenshot, script, annotator;
    std::optional<std::int64_t> at_us;
    int width = 1280, height = 800;
};

bool parse(int argc, char** argv, Args& a) {
    for (int i = 1; i < argc; ++i) {
        std::string arg = argv[i];
        bool value = i + 1 < argc;
        if (arg == "--at" && value) {
            a.at_us = semtrace::replay::parse_duration_us(argv[++i]);
            if (!a.at_us) return false;
        } else if (arg == "--annotator" && value) {
            a.annotator = argv[++i];
        } else if (arg == "--script" && value) {
            a.script = argv[++i];
        } else if (arg == "--screenshot" && value) {
            a.screenshot = argv[++i];
        } else if (arg == "--size" && value) {
            if (std::sscanf(argv[++i], "%dx%d", &a.width, &a.height) != 2 || a.width < 64 || a.height < 64) return false;
        } else if (arg[0] != '-' && a.file.empty()) {
            a.file = arg;
        } else {
            return false;
        }
    }
    return !a.file.empty();
}

semtrace::replay_app::Image read_back(int width, int height) {
    semtrace::replay_app::Image image{width, height, std::vector<std::uint8_t>(static_cast<std::size_t>(width) * height * 4)};
    glPixelStorei(GL_PACK_ALIGNMENT, 1);
    glReadPixels(0, 0, width, height, GL_RGBA, GL_UNSIGNED_BYTE, image.rgba.data());
    // OpenGL's rows run bottom to top; PNG's top to bottom.
    std::size_t row = static_cast<std::size_t>(width) * 4;
    for (int y = 0; y < height / 2; ++y)
        std::swap_ranges(image.rgba.begin() + static_cast<std::ptrdiff_t>(row * y),
                         image.rgba.begin() + static_cast<std::ptrdiff_t>(row * (y + 1)),
                         image.rgba.begin() + static_cast<std::ptrdiff_t>(row * (height - 1 - y)));
    return image;
}

}  // namespace

int main(int argc, char** argv) {
    Args args;
    if (const char* annotator = std::getenv("SEMTRACE_ANNOTATOR")) args.annotator = annotator;
    if (!parse(argc, argv, args)) {
        std::fprintf(stderr, "usage: semtrace-replay FILE|FOLDER [--at T] [--annotator P] [--script S] [--screenshot OUT.png] [--size WxH]\n");
        return 2;
    }
    if (!glfwInit()) {
        std::fprintf(stderr, "semtrace-replay: cannot open a window (no display? run under xvfb-run)\n");
        return 1;
    }
    glfwWindowHint(GLFW_CONTEXT_VERSION_MAJOR, 3);
    glfwWindowHint(GLFW_CONTEXT_VERSION_MINOR, 0);
    if (!args.screenshot.empty() || !args.script.empty()) glfwWindowHint(GLFW_VISIBLE, GLFW_FALSE);
    GLFWwindow* window = glfwCreateWindow(args.width, args.height, "semtrace-replay", nullptr, nullptr);
    if (!window) {
        glfwTerminate();
        std::fprintf(stderr, "semtrace-replay: cannot create an OpenGL 3 window\n");
        return 1;
    }
    glfwMakeContextCurrent(window);
    ImGui::CreateContext();
    ImGui::GetIO().IniFilename = nullptr;
    ImGui_ImplGlfw_InitForOpenGL(window, true);
    ImGui_ImplOpenGL3_Init("#version 130");
    // A session that cannot be opened is said on stderr and in the window; the exit code says so too.
    semtrace::replay_app::ReplayApp view(args.file, {args.at_us, args.annotator});
    int code = view.error().empty() ? 0 : 1;
    if (!args.script.empty()) {  // the robot presses keys and types between real frames; the backend keeps them
        semtrace::imgui::Robot robot(ImGui::GetCurrentContext(), [&] {
            semtrace::imgui::render_frame(window, [&] { view.draw(); });
            glfwSwapBuffers(window);
        });
        if (auto ran = robot.run_script(args.script); !ran) {
            std::fprintf(stderr, "semtrace-replay: %s\n", ran.error().message.c_str());
            code = 1;
        }
        if (args.screenshot.empty()) glfwSetWindowShouldClose(window, GLFW_TRUE);
    }
    for (int frame = 0; !glfwWindowShouldClose(window); ++frame) {
        auto size = semtrace::imgui::render_frame(window, [&] { view.draw(); });
        if (!args.screenshot.empty() && frame == 2) {  // two frames: ImGui lays a window out in its first
            if (auto saved = semtrace::replay_app::write_png(args.screenshot, read_back(size.width, size.height)); !saved) {
                std::fprintf(stderr, "semtrace-replay: %s\n", saved.error().message.c_str());
                code = 1;
            }
            break;
        }
        glfwSwapBuffers(window);
    }
    ImGui_ImplOpenGL3_Shutdown();
    ImGui_ImplGlfw_Shutdown();
    ImGui::DestroyContext();
    glfwDestroyWindow(window);
    glfwTerminate();
    return code;
}
