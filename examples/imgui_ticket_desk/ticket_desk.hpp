// ticket_desk.hpp — the ticket desk: an ordinary Dear ImGui app (tickets, a customer form, menus, a modal, settings) that knows nothing of semtrace.
#pragma once

#include <array>
#include <string>
#include <vector>

namespace ticket_desk {

struct Ticket {
    int number = 0;
    std::string title;
    std::string customer;
    std::string email;
    std::string phone;
    int priority = 1;  // Low, Normal, High, Urgent
    int status = 0;    // Open, Pending, Solved
    std::string notes;
    bool notify = false;
    bool closed = false;
};

class App {
public:
    App();
    void draw();  // one frame of UI, between ImGui::NewFrame() and ImGui::Render()
    bool quit_requested() const { return quit_; }
    const std::vector<Ticket>& tickets() const { return tickets_; }

private:
    void draw_menu_bar();
    void draw_ticket_list();
    void draw_ticket_form(Ticket& t);
    void draw_history(const Ticket& t);
    void draw_confirm_close(Ticket& t);
    void draw_settings();
    void load_form(const Ticket& t);
    void save_form(Ticket& t);

    std::vector<Ticket> tickets_;
    int selected_ = 0;
    std::array<char, 64> filter_{};
    std::array<char, 128> customer_{}, email_{}, phone_{};
    std::array<char, 1024> notes_{};
    std::array<char, 128> api_token_{};
    int priority_ = 1, status_ = 0;
    bool notify_ = false;
    bool settings_open_ = false, dark_mode_ = true, confirm_close_ = false, quit_ = false;
    float font_scale_ = 1.0f;
    int saves_ = 0;
};

}  // namespace ticket_desk
