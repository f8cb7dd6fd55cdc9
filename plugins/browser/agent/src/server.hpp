// server.hpp — semtrace-agent's WebSocket server: loopback only, a token and an allowed origin to connect, every message checked.
#pragma once

#include <cstdint>
#include <filesystem>
#include <functional>
#include <memory>
#include <string>
#include <vector>

#include "tab_sessions.hpp"

namespace semtrace::agent {

struct ServerSettings {
    std::string address = "127.0.0.1";       // must be a loopback address
    std::uint16_t port = 47831;              // 0: any free port (printed)
    std::string token;                       // 64 hex digits, from semtrace-agent --init
    std::vector<std::string> allowed_origins;  // exact origins; chrome-extension:// ones always pass
    std::chrono::milliseconds ack_interval{1000};  // how often what arrived is made durable and acknowledged
    // While messages are held (their files could not grow), how often the agent looks for room
    // again; once there is, it closes the extension's connections so that it sends them again.
    std::chrono::milliseconds retry_interval{10'000};
    double messages_per_second = 2000;      // per connection, with a burst of 10 seconds' worth
    std::filesystem::path log_received;      // every message as received, one per line (tests, audits)
    std::vector<std::string> record_origins;  // the policy's: sent to the extension in `welcome`
    std::vector<std::string> keep_query;      // the policy's urls.keep_query: likewise
    // The policy's block.urls (as the redactor's patterns) and block.domains: likewise, so that a
    // page at such an address sends nothing.
    std::vector<std::string> block_url_patterns;
    std::vector<std::string> block_domains;
    std::string policy_id;
};

struct ServerStats {
    std::uint64_t connections = 0, refused_connections = 0, bad_messages = 0, rate_limited = 0;
};

// Runs the server on the calling thread until `stop()` (or SIGINT/SIGTERM when asked to
// handle them). `on_listening(port)` is called once the port is open.
class Server {
public:
    Server(ServerSettings settings, SessionSettings sessions);
    ~Server();
    Result<void> run(const std::function<void(std::uint16_t)>& on_listening, bool handle_signals);
    void stop();  // from any thread
    const ServerStats& stats() const noexcept;
    const AgentStats& session_stats() const noexcept;

    struct Impl;  // server.cpp's; its connections hold it

private:
    std::unique_ptr<Impl> impl_;
};

// The origin a connection may come from: an extension's, or one listed.
bool origin_allowed(const std::string& origin, const std::vector<std::string>& allowed);
// Whether a token offered in Sec-WebSocket-Protocol ("semtrace.v1, token.<hex>") is `token`.
bool token_offered(const std::string& protocols, const std::string& token);

}  // namespace semtrace::agent
