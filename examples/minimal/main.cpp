// main.cpp — examples/minimal: a console "ticket desk" that records a scripted support workflow through the public SDK.
//
// Usage: semtrace-example-minimal [OUTPUT_DIR]   (default: sessions)
// Prints the path of the session file it wrote. Needs SEMTRACE_PSEUDONYM_KEY (docs/policy.md);
// `make demo` sets a demo key. Records under examples/minimal/policy.json.
#include <chrono>
#include <cstdio>
#include <thread>

#include "semtrace/semtrace.hpp"

namespace {

using semtrace::Target;
using semtrace::Value;

void pause_like_a_person() { std::this_thread::sleep_for(std::chrono::milliseconds(15)); }

// The screen as the user sees it after opening ticket 4711.
void record_ticket_screen(semtrace::Recorder& rec) {
    const semtrace::Node nodes[] = {
        {1, 0, "window", "Ticket Desk", {}, {0, 0, 1280, 800}, 0},
        {2, 1, "list", "Tickets", {}, {0, 40, 320, 760}, 0},
        {3, 2, "listitem", "#4711 Printer on fire", {}, {0, 40, 320, 32}, 1},
        {4, 1, "textbox", "Customer", Value::plain("ACME Corp"), {340, 60, 400, 28}, 0},
        {5, 1, "textbox", "Email", Value::masked(), {340, 100, 400, 28}, 0},
        {6, 1, "combobox", "Priority", Value::plain("Normal"), {340, 140, 200, 28}, 0},
        {7, 1, "button", "Save", {}, {1100, 740, 120, 36}, 0},
    };
    rec.snapshot(nodes);
}

}  // namespace

int main(int argc, char** argv) {
    semtrace::Options options;
    options.app = {"ticket-desk", "1.4.0"};
    options.output_dir = argc > 1 ? argv[1] : "sessions";
    options.policy_file = SEMTRACE_EXAMPLE_POLICY;
    // What the app's consent dialog collected: who, when, which text, which policy.
    options.consent = {"agent-17", "2026-11-29T09:00:00Z", "ticket-desk-consent-v2", "ticket-desk-support"};
    options.user_id = "agent-17";
    auto started = semtrace::Recorder::start(options);
    if (!started) {
        std::fprintf(stderr, "example: %s\n", started.error().message.c_str());
        return 1;
    }
    semtrace::Recorder& rec = *started.value();

    const auto window = Target::path("window 'Ticket Desk'");
    rec.open(window);
    rec.focus(Target::path("window 'Ticket Desk'/textbox 'Filter'"));
    pause_like_a_person();
    rec.fill(Target::path("window 'Ticket Desk'/textbox 'Filter'"), Value::plain("printer"));
    pause_like_a_person();
    rec.click(Target::path("window 'Ticket Desk'/list 'Tickets'/listitem '#4711 Printer on fire'").with_id(3));
    record_ticket_screen(rec);
    pause_like_a_person();
    // The app hands over what was typed; the policy decides what is kept. Email is masked
    // (the policy's default); Notes is a redact field, so the address becomes ⟨EMAIL⟩, the phone
    // numbers ⟨PHONE⟩ (the Tokyo one typed by an input method in full width, the mobile in one
    // run of digits after the word that names it, the Madrid one as Spaniards write it, the one
    // pasted from the CRM with its label run into it), the router's address glued to its word ⟨IP⟩, the National Insurance number, the passport
    // numbers their words name (as printed, and as typed in lower case) and the bank account's
    // ⟨ID⟩, the card in Markdown's underscores ⟨CARD⟩, and the password its label names ⟨SECRET⟩.
    rec.fill(Target::path("window 'Ticket Desk'/textbox 'Email'").with_id(5), Value::plain("dana@acme.example"));
    rec.fill(Target::path("window 'Ticket Desk'/textbox 'Notes'"),
             Value::plain("Customer dana@acme.example called back from +44 20 7946 0958 (Tokyo office: "
                          "\uff10\uff13\uff0d\uff11\uff12\uff13\uff14\uff0d\uff15\uff16\uff17\uff18, WhatsApp 9876543210), "
                          "NI number JG 10 37 59 A, passport No. L898902C3, her son's passport: l7721094, "
                          "card on file _4111 1111 1111 1111_, refund to acct no 53120480, Madrid mobile 612 34 56 78, "
                          "from the CRM: Phone0171 2345678, router ip192.168.1.20, temporary password: sunflower"));
    rec.fill(Target::path("window 'Ticket Desk'/password 'Admin PIN'"), Value::plain("4711-secret"));
    pause_like_a_person();
    rec.select(Target::path("window 'Ticket Desk'/combobox 'Priority'").with_id(6), "High");
    const semtrace::Node changed[] = {{6, 1, "combobox", "Priority", Value::plain("High"), {340, 140, 200, 28}, 0}};
    rec.delta(changed, {});
    rec.toggle(Target::path("window 'Ticket Desk'/checkbox 'Notify customer'"), true);
    pause_like_a_person();
    rec.shortcut(window, "save");
    rec.click(Target::path("window 'Ticket Desk'/toolbar/button 'Save'").with_id(7).with_bounds({1100, 740, 120, 36}));
    rec.marker("ticket.resolved", {{"queue", "billing"}, {"ticket", "4711"}});
    pause_like_a_person();
    rec.close(window);

    auto summary = rec.stop();
    if (!summary) {
        std::fprintf(stderr, "example: %s\n", summary.error().message.c_str());
        return 1;
    }
    std::printf("%s\n", summary->file.c_str());
    return 0;
}
