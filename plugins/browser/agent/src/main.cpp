// main.cpp — semtrace-agent: records what the semtrace browser extension sends over a loopback WebSocket (docs/browser.md).
#include <CLI/CLI.hpp>
#include <csignal>
#include <cstdio>
#include <memory>

#include "privacy/policy.hpp"
#include "privacy/redactor.hpp"
#include "server.hpp"
#include "token.hpp"

int main(int argc, char** argv) {
    using namespace semtrace::agent;
    CLI::App app{"semtrace-agent: records web apps through the semtrace browser extension.\n"
                 "Listens on loopback only; the extension needs the token that --init prints."};
    bool init = false, replace = false;
    std::string token_file = default_token_file().string(), session_per = "tab", out, policy;
    ServerSettings server;
    // A commit a second, like the SDK's flush interval: the extension holds what is not yet
    // acknowledged, so a longer interval costs nothing on a crash, and larger chunks compress
    // better (a checkout purchase: 2.7 KB against 3.0 KB at 250 ms, make bench-browser).
    int ack_ms = 1000, retry_ms = 10'000;
    app.add_flag("--init", init, "create this install's token (kept if it exists), print it and exit");
    app.add_flag("--replace", replace, "with --init: make a new token (the extension must be given it again)");
    app.add_option("--token-file", token_file, "where the token is kept")->capture_default_str();
    app.add_option("--out", out, "directory for session files (created if missing)");
    app.add_option("--policy", policy, "privacy policy (docs/policy.md); default: mask all typed text, record no site")
        ->check(CLI::ExistingFile);
    app.add_option("--listen", server.address, "loopback address to listen on")->capture_default_str();
    app.add_option("--port", server.port, "TCP port; 0 picks a free one (printed)")->capture_default_str();
    app.add_option("--allow-origin", server.allowed_origins,
                   "a web origin allowed to connect besides extensions (tests inject the recorder into pages)");
    app.add_option("--session-per", session_per, "one session per browser tab, or one for the whole browser")
        ->check(CLI::IsMember({"tab", "browser"}))->capture_default_str();
    app.add_option("--ack-ms", ack_ms, "how often what arrived is written and acknowledged")
        ->check(CLI::Range(10, 60'000))->capture_default_str();
    app.add_option("--retry-ms", retry_ms,
                   "while messages are held because their files cannot grow (a full disk), how often to look for room")
        ->check(CLI::Range(100, 3'600'000))->capture_default_str();
    app.add_option("--max-rate", server.messages_per_second, "messages a second per connection (bursts of 10 s allowed)")
        ->check(CLI::PositiveNumber)->capture_default_str();
    app.add_option("--log-received", server.log_received, "append every message as received, one per line (audits, tests)");
    CLI11_PARSE(app, argc, argv);

    if (init) {
        auto token = create_token(token_file, replace);
        if (!token) return std::fprintf(stderr, "semtrace-agent: %s\n", token.error().message.c_str()), 1;
        std::printf("%s\n", token->c_str());
        std::fprintf(stderr, "semtrace-agent: the token is in %s; paste it into the extension's options page\n", token_file.c_str());
        return 0;
    }
    if (out.empty()) return std::fprintf(stderr, "semtrace-agent: --out DIR is required (where sessions go)\n"), 2;
    // A file-size limit (ulimit -f) is a full disk to the agent: the write fails with EFBIG and
    // the messages are held until there is room, instead of the kernel ending the agent.
    std::signal(SIGXFSZ, SIG_IGN);
    auto token = read_token(token_file);
    if (!token) return std::fprintf(stderr, "semtrace-agent: %s\n", token.error().message.c_str()), 1;
    auto rules = semtrace::privacy::policy_from(policy);
    if (!rules) return std::fprintf(stderr, "semtrace-agent: %s\n", rules.error().message.c_str()), 1;
    server.token = token.value();
    server.record_origins = rules->browser.record_origins;
    server.keep_query = rules->urls.keep_query;
    server.policy_id = rules->id;
    server.ack_interval = std::chrono::milliseconds(ack_ms);
    server.retry_interval = std::chrono::milliseconds(retry_ms);
    // The policy's URL and domain block lists: judged here too (a page they block is not
    // recorded), and given to the extension, which judges a page's address in the page.
    auto judge = semtrace::privacy::Redactor::create(rules.value());
    if (!judge) return std::fprintf(stderr, "semtrace-agent: %s\n", judge.error().message.c_str()), 1;
    std::shared_ptr<const semtrace::privacy::Redactor> urls = std::move(judge.value());
    server.block_url_patterns = urls->blocked_url_patterns();
    server.block_domains = rules->block.domains;
    SessionSettings sessions{out, policy, session_per == "tab", {}};
    sessions.url_blocked = [urls](std::string_view url) { return urls->blocked_url(url); };
    Server agent(server, std::move(sessions));
    auto ran = agent.run(
        [&](std::uint16_t port) {
            std::printf("semtrace-agent: listening on %s:%u, sessions in %s\n", server.address.c_str(), port, out.c_str());
            std::fflush(stdout);
        },
        true);
    if (!ran) return std::fprintf(stderr, "semtrace-agent: %s\n", ran.error().message.c_str()), 1;
    const auto& s = agent.session_stats();
    const auto& c = agent.stats();
    std::fprintf(stderr,
                 "semtrace-agent: stopped; %llu messages recorded, %llu resent ones skipped, %llu refused, %llu held "
                 "(not written: the extension keeps them), %llu from pages the policy blocks (not written), %llu bad; "
                 "%llu sessions (%llu tabs resumed, %llu key frames asked of pages open before them, %llu changes of tabs "
                 "in the back kept for their key frame); %llu connections refused\n",
                 (unsigned long long)s.recorded, (unsigned long long)s.duplicates, (unsigned long long)s.refused,
                 (unsigned long long)s.held, (unsigned long long)s.blocked,
                 (unsigned long long)c.bad_messages, (unsigned long long)s.sessions, (unsigned long long)s.resumed,
                 (unsigned long long)s.key_frames_asked, (unsigned long long)s.kept_for_key_frame,
                 (unsigned long long)c.refused_connections);
    return 0;
}
