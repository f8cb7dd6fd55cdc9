// robot.cpp — the robot user: finds items in the last frame the plugin saw, and feeds ImGui mouse and keyboard input frame by frame.
#include <algorithm>
#include <cctype>
#include <cstdlib>
#include <fstream>

#include <imgui.h>
#include <imgui_internal.h>

#include "robot.hpp"

namespace semtrace::imgui {

namespace {

// GLFW's key codes, so that scripts and apps built on the GLFW backend agree.
constexpr int key_tab = 258, key_enter = 257, key_escape = 256, key_backspace = 259, key_left = 263, key_right = 262,
              key_up = 265, key_down = 264, key_a = 65, key_left_control = 341, key_left_shift = 340,
              key_left_alt = 342, key_f1 = 290;

// A key's GLFW code by name: Enter, Escape, Tab, Backspace, Space, Delete, Up, Down, Left, Right,
// F1-F12, or one printable character (a letter in either case, a digit, punctuation); -1 if none.
int key_code(std::string_view name) {
    static const std::pair<std::string_view, int> named[] = {
        {"Enter", key_enter}, {"Escape", key_escape}, {"Tab", key_tab}, {"Backspace", key_backspace},
        {"Space", 32},        {"Delete", 261},        {"Up", key_up},   {"Down", key_down},
        {"Left", key_left},   {"Right", key_right},   {"Home", 268},    {"End", 269}};
    for (auto [n, code] : named)
        if (n == name) return code;
    if (name.size() >= 2 && name.size() <= 3 && name[0] == 'F') {
        int f = std::atoi(std::string(name.substr(1)).c_str());
        if (f >= 1 && f <= 12) return key_f1 + f - 1;
    }
    if (name.size() == 1 && name[0] > ' ' && name[0] < 127)  // GLFW codes printable keys by their ASCII
        return std::toupper(static_cast<unsigned char>(name[0]));
    return -1;
}

// The names in a locator, in order: "window 'A'/button 'B'" -> {"A", "B"}.
std::vector<std::string> names_in(std::string_view locator) {
    std::vector<std::string> names;
    std::string current;
    bool quoted = false;
    for (std::size_t i = 0; i < locator.size(); ++i) {
        char c = locator[i];
        if (quoted && c == '\\' && i + 1 < locator.size()) current += locator[++i];
        else if (c == '\'') {
            if (quoted) names.push_back(current);
            current.clear();
            quoted = !quoted;
        } else if (quoted) current += c;
    }
    return names;
}

std::vector<std::string> split_path(std::string_view target) {
    std::vector<std::string> parts;
    std::size_t start = 0;
    for (std::size_t i = 0; i <= target.size(); ++i)
        if (i == target.size() || target[i] == '/') {
            parts.emplace_back(target.substr(start, i - start));
            start = i + 1;
        }
    return parts;
}

bool ends_with(const std::vector<std::string>& names, const std::vector<std::string>& parts) {
    if (parts.size() > names.size()) return false;
    return std::equal(parts.rbegin(), parts.rend(), names.rbegin());
}

std::string trim(std::string s) {
    while (!s.empty() && (s.back() == ' ' || s.back() == '\r' || s.back() == '\t')) s.pop_back();
    std::size_t b = s.find_first_not_of(" \t");
    return b == std::string::npos ? std::string() : s.substr(b);
}

}  // namespace

ImGuiContext* create_headless_context(float width, float height) {
    ImGuiContext* previous = ImGui::GetCurrentContext();
    ImGuiContext* context = ImGui::CreateContext();
    ImGui::SetCurrentContext(context);
    ImGuiIO& io = ImGui::GetIO();
    io.DisplaySize = ImVec2(width, height);
    io.DeltaTime = 1.0f / 60.0f;
    io.IniFilename = nullptr;
    io.LogFilename = nullptr;
    unsigned char* pixels = nullptr;
    int w = 0, h = 0;
    io.Fonts->GetTexDataAsRGBA32(&pixels, &w, &h);  // builds the atlas; nothing draws it
    io.KeyMap[ImGuiKey_Tab] = key_tab;
    io.KeyMap[ImGuiKey_Enter] = key_enter;
    io.KeyMap[ImGuiKey_Escape] = key_escape;
    io.KeyMap[ImGuiKey_Backspace] = key_backspace;
    io.KeyMap[ImGuiKey_LeftArrow] = key_left;
    io.KeyMap[ImGuiKey_RightArrow] = key_right;
    io.KeyMap[ImGuiKey_UpArrow] = key_up;
    io.KeyMap[ImGuiKey_DownArrow] = key_down;
    io.KeyMap[ImGuiKey_A] = key_a;
    if (previous) ImGui::SetCurrentContext(previous);
    return context;
}

Robot::Robot(ImGuiContext* context, std::function<void()> frame) : context_(context), frame_(std::move(frame)) {}

void Robot::idle(int frames) {
    ImGui::SetCurrentContext(context_);
    for (int i = 0; i < frames; ++i) frame_();
}

namespace {

// Widgets drawn without a label report (combo boxes) are found as ImGui's test engine finds
// them: the label, hashed with the ID stack the widget was drawn under, gives its id.
const SeenItem* by_hashed_label(const std::vector<SeenItem>& items, const std::string& label) {
    for (const SeenItem& item : items)
        if (item.locator.empty() && item.width > 0 && ImHashStr(label.c_str(), 0, item.seed) == item.id) return &item;
    return nullptr;
}

}  // namespace

Result<SeenItem> Robot::find(std::string_view target) {
    std::vector<std::string> parts = split_path(target);
    for (int attempt = 0; attempt < 30; ++attempt) {  // popups and windows can take a frame or two to appear
        std::vector<SeenItem> items = items_seen(context_);
        for (const SeenItem& item : items)
            if (!item.locator.empty() && ends_with(names_in(item.locator), parts) && item.width > 0) return item;
        if (parts.size() == 1)
            if (const SeenItem* item = by_hashed_label(items, parts[0])) return *item;
        idle(1);
    }
    return Error{"robot: nothing called '" + std::string(target) + "' was drawn in the last 30 frames"};
}

// Three frames of travel, as a hand moves: ImGui sees hover before the press.
void Robot::move_to(float x, float y) {
    ImGuiIO& io = context_->IO;
    ImVec2 from = io.MousePos.x < 0 ? ImVec2(x, y) : io.MousePos;
    for (int step = 1; step <= 3; ++step) {
        float f = static_cast<float>(step) / 3.0f;
        io.MousePos = ImVec2(from.x + (x - from.x) * f, from.y + (y - from.y) * f);
        idle(1);
    }
}

Result<void> Robot::click(std::string_view target) {
    auto item = find(target);
    if (!item) return item.error();
    move_to(item->x + item->width * 0.5f, item->y + item->height * 0.5f);
    ImGuiIO& io = context_->IO;
    io.MouseDown[0] = true;
    idle(1);
    io.MouseDown[0] = false;
    idle(2);
    return {};
}

Result<void> Robot::type(std::string_view target, std::string_view text) {
    if (auto clicked = click(target); !clicked) return clicked;
    ImGuiIO& io = context_->IO;
    // Ctrl+A first: what is typed replaces what the field held, as when a person selects it all.
    io.KeyCtrl = io.KeysDown[key_left_control] = io.KeysDown[key_a] = true;
    idle(1);
    io.KeyCtrl = io.KeysDown[key_left_control] = io.KeysDown[key_a] = false;
    idle(1);
    this->text(text);
    return press("Enter");
}

Result<void> Robot::press(std::string_view chord) {
    bool ctrl = false, shift = false, alt = false;
    std::string_view key = chord;
    for (std::size_t plus; key.size() > 1 && (plus = key.find('+', 1)) != std::string_view::npos;) {
        std::string_view modifier = key.substr(0, plus);
        if (modifier == "Ctrl") ctrl = true;
        else if (modifier == "Shift") shift = true;
        else if (modifier == "Alt") alt = true;
        else return Error{"robot: unknown modifier '" + std::string(modifier) + "' in '" + std::string(chord) + "': use Ctrl, Shift or Alt"};
        key = key.substr(plus + 1);
    }
    int code = key_code(key);
    if (code < 0)
        return Error{"robot: unknown key '" + std::string(key) +
                     "': use a character, Enter, Escape, Tab, Backspace, Space, Delete, an arrow (Up), or F1-F12"};
    ImGuiIO& io = context_->IO;
    auto hold = [&](bool down) {
        io.KeyCtrl = io.KeysDown[key_left_control] = ctrl && down;
        io.KeyShift = io.KeysDown[key_left_shift] = shift && down;
        io.KeyAlt = io.KeysDown[key_left_alt] = alt && down;
        io.KeysDown[code] = down;
    };
    hold(true);
    idle(1);
    hold(false);
    idle(2);
    return {};
}

void Robot::text(std::string_view text) {
    ImGuiIO& io = context_->IO;
    for (std::size_t i = 0; i < text.size();) {  // one character per frame, whole UTF-8 sequences
        std::size_t n = 1;
        while (i + n < text.size() && (static_cast<unsigned char>(text[i + n]) & 0xC0) == 0x80) ++n;
        io.AddInputCharactersUTF8(std::string(text.substr(i, n)).c_str());
        idle(1);
        i += n;
    }
}

Result<void> Robot::scroll(std::string_view target, std::string_view direction, int notches) {
    if (direction != "down" && direction != "up") return Error{"robot: scroll down or up, not '" + std::string(direction) + "'"};
    auto item = find(target);
    if (!item) return item.error();
    move_to(item->x + item->width * 0.5f, item->y + item->height * 0.5f);
    ImGuiIO& io = context_->IO;
    for (int i = 0; i < notches; ++i) {  // a wheel clicks a notch every few frames, not every frame
        io.MouseWheel = direction == "down" ? -1.0f : 1.0f;
        idle(1);
        io.MouseWheel = 0;
        idle(2);
    }
    return {};
}

Result<void> Robot::run_script(const std::filesystem::path& script) {
    std::ifstream in(script);
    if (!in) return Error{"robot: cannot read " + script.string()};
    std::string line;
    for (int number = 1; std::getline(in, line); ++number) {
        line = trim(line);
        if (line.empty() || line[0] == '#') continue;
        std::size_t space = line.find(' ');
        std::string command = line.substr(0, space);
        std::string rest = space == std::string::npos ? "" : trim(line.substr(space + 1));
        Result<void> done;
        if (command == "click") done = click(rest);
        else if (command == "press") done = press(rest);
        else if (command == "text") text(rest);
        else if (command == "wait") idle(std::max(1, std::atoi(rest.c_str())));
        else if (command == "scroll") {
            std::size_t eq = rest.find(" = ");
            if (eq == std::string::npos) done = Error{"scroll needs 'TARGET = down' or 'TARGET = up'"};
            else done = scroll(trim(rest.substr(0, eq)), trim(rest.substr(eq + 3)));
        }
        else if (command == "type") {
            std::size_t eq = rest.find(" = ");
            if (eq == std::string::npos) done = Error{"type needs 'TARGET = TEXT'"};
            else done = type(trim(rest.substr(0, eq)), rest.substr(eq + 3));
        } else {
            done = Error{"unknown command '" + command + "': use click, type, text, press, scroll or wait"};
        }
        if (!done) return Error{script.string() + ":" + std::to_string(number) + ": " + done.error().message};
    }
    return {};
}

}  // namespace semtrace::imgui
