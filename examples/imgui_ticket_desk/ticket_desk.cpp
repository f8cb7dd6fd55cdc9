// ticket_desk.cpp — the ticket desk's UI in plain Dear ImGui calls; the semtrace plugin records it without any change here.
#include <cstdio>
#include <cstring>
#include <imgui.h>

#include "ticket_desk.hpp"

namespace ticket_desk {

namespace {

constexpr const char* priorities[] = {"Low", "Normal", "High", "Urgent"};

template <std::size_t N>
void copy_into(std::array<char, N>& buffer, const std::string& text) {
    std::snprintf(buffer.data(), N, "%s", text.c_str());
}

}  // namespace

App::App() {
    tickets_ = {
        {4711, "Printer on fire", "ACME Corp", "", "", 2, 0, "", false, false},
        {4712, "Cannot log in", "Globex", "", "", 1, 1, "", false, false},
        {4713, "Invoice missing", "Initech", "", "", 0, 0, "", false, false},
        {4714, "Refund request", "Umbrella", "", "", 1, 2, "", false, false},
    };
    load_form(tickets_[0]);
}

void App::load_form(const Ticket& t) {
    copy_into(customer_, t.customer);
    copy_into(email_, t.email);
    copy_into(phone_, t.phone);
    copy_into(notes_, t.notes);
    priority_ = t.priority;
    status_ = t.status;
    notify_ = t.notify;
}

void App::save_form(Ticket& t) {
    t.customer = customer_.data();
    t.email = email_.data();
    t.phone = phone_.data();
    t.notes = notes_.data();
    t.priority = priority_;
    t.status = status_;
    t.notify = notify_;
    ++saves_;
}

void App::draw() {
    draw_menu_bar();
    ImGui::SetNextWindowPos(ImVec2(10, 30), ImGuiCond_FirstUseEver);
    ImGui::SetNextWindowSize(ImVec2(900, 640), ImGuiCond_FirstUseEver);
    ImGui::Begin("Ticket Desk");
    draw_ticket_list();
    ImGui::SameLine();
    ImGui::BeginGroup();
    if (selected_ >= 0 && selected_ < static_cast<int>(tickets_.size())) draw_ticket_form(tickets_[static_cast<std::size_t>(selected_)]);
    ImGui::EndGroup();
    ImGui::End();
    if (settings_open_) draw_settings();
}

void App::draw_menu_bar() {
    if (!ImGui::BeginMainMenuBar()) return;
    if (ImGui::BeginMenu("File")) {
        if (ImGui::MenuItem("Save", "Ctrl+S")) save_form(tickets_[static_cast<std::size_t>(selected_)]);
        if (ImGui::MenuItem("Quit")) quit_ = true;
        ImGui::EndMenu();
    }
    if (ImGui::BeginMenu("View")) {
        ImGui::MenuItem("Settings", nullptr, &settings_open_);
        ImGui::EndMenu();
    }
    ImGui::EndMainMenuBar();
}

void App::draw_ticket_list() {
    ImGui::BeginChild("list", ImVec2(300, 0), true);
    ImGui::InputText("Filter", filter_.data(), filter_.size());
    ImGui::Separator();
    for (std::size_t i = 0; i < tickets_.size(); ++i) {
        const Ticket& t = tickets_[i];
        char label[160];
        std::snprintf(label, sizeof label, "#%d %s", t.number, t.title.c_str());
        if (filter_[0] && !std::strstr(label, filter_.data())) continue;
        if (ImGui::Selectable(label, selected_ == static_cast<int>(i))) {
            selected_ = static_cast<int>(i);
            load_form(t);
        }
    }
    ImGui::EndChild();
}

void App::draw_ticket_form(Ticket& t) {
    ImGui::Text("Ticket #%d: %s%s", t.number, t.title.c_str(), t.closed ? " (closed)" : "");
    ImGui::InputText("Customer", customer_.data(), customer_.size());
    ImGui::InputText("Email", email_.data(), email_.size());
    ImGui::InputText("Phone", phone_.data(), phone_.size());
    ImGui::Combo("Priority", &priority_, priorities, IM_ARRAYSIZE(priorities));
    ImGui::RadioButton("Open", &status_, 0);
    ImGui::SameLine();
    ImGui::RadioButton("Pending", &status_, 1);
    ImGui::SameLine();
    ImGui::RadioButton("Solved", &status_, 2);
    ImGui::InputTextMultiline("Notes", notes_.data(), notes_.size(), ImVec2(0, 80));
    ImGui::Checkbox("Notify customer", &notify_);
    if (ImGui::Button("Save")) save_form(t);
    ImGui::SameLine();
    if (ImGui::Button("Close ticket")) confirm_close_ = true;
    draw_history(t);
    draw_confirm_close(t);
}

void App::draw_history(const Ticket& t) {
    if (!ImGui::CollapsingHeader("History")) return;
    if (ImGui::TreeNode("Created")) {
        ImGui::Text("Ticket %d opened by %s", t.number, t.customer.c_str());
        ImGui::TreePop();
    }
    if (ImGui::TreeNode("Saves")) {
        ImGui::Text("%d saves this session", saves_);
        ImGui::TreePop();
    }
}

void App::draw_confirm_close(Ticket& t) {
    if (confirm_close_) {
        ImGui::OpenPopup("Close ticket?");
        confirm_close_ = false;
    }
    if (!ImGui::BeginPopupModal("Close ticket?", nullptr, ImGuiWindowFlags_AlwaysAutoResize)) return;
    ImGui::Text("Close ticket #%d? The customer is told.", t.number);
    if (ImGui::Button("Yes")) {
        t.closed = true;
        ImGui::CloseCurrentPopup();
    }
    ImGui::SameLine();
    if (ImGui::Button("No")) ImGui::CloseCurrentPopup();
    ImGui::EndPopup();
}

void App::draw_settings() {
    ImGui::SetNextWindowPos(ImVec2(920, 30), ImGuiCond_FirstUseEver);
    ImGui::SetNextWindowSize(ImVec2(340, 200), ImGuiCond_FirstUseEver);
    if (ImGui::Begin("Settings", &settings_open_)) {
        ImGui::Checkbox("Dark mode", &dark_mode_);
        ImGui::SliderFloat("Font scale", &font_scale_, 0.5f, 2.0f);
        ImGui::InputText("API token", api_token_.data(), api_token_.size(), ImGuiInputTextFlags_Password);
    }
    ImGui::End();
}

}  // namespace ticket_desk
