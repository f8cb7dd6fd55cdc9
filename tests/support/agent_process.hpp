// agent_process.hpp — the real semtrace-agent started from tests on a free loopback port, and a WebSocket client that speaks to it as the extension does.
#pragma once

#include <doctest/doctest.h>

#include <boost/asio.hpp>
#include <boost/beast/core.hpp>
#include <boost/beast/http.hpp>
#include <boost/beast/websocket.hpp>
#include <csignal>
#include <filesystem>
#include <map>
#include <nlohmann/json.hpp>
#include <string>
#include <fcntl.h>
#include <sys/resource.h>
#include <sys/wait.h>
#include <unistd.h>
#include <vector>

#include "support/file_size_limit.hpp"

namespace semtrace::testing {

namespace net = boost::asio;
namespace beast = boost::beast;
namespace http = beast::http;
namespace websocket = beast::websocket;
using tcp = net::ip::tcp;

// A token of the right shape, written where --token-file points.
inline std::string write_test_token(const std::filesystem::path& file) {
    std::string token(64, 'f');
    for (std::size_t i = 0; i < token.size(); i += 3) token[i] = '7';
    std::filesystem::create_directories(file.parent_path());
    std::FILE* f = std::fopen(file.c_str(), "w");
    REQUIRE(f != nullptr);
    std::fprintf(f, "%s\n", token.c_str());
    std::fclose(f);
    return token;
}

// How the agent's process is set up beyond its arguments.
struct AgentLimits {
    // Files it writes cannot grow past this (RLIMIT_FSIZE, its soft limit), as on a full disk;
    // 0: no limit. SIGXFSZ, which would end it, is ignored.
    rlim_t file_bytes = 0;
    // Its stderr kept in a pipe (no file: a file would be limited too) for said() to return;
    // what it says must fit the pipe (64 KiB), or it waits. Otherwise stderr is the test's.
    bool keep_stderr = false;
};

class AgentProcess {
public:
    explicit AgentProcess(std::vector<std::string> args, const AgentLimits& limits = {}) {
        int out[2], err[2] = {-1, -1};
        REQUIRE(pipe(out) == 0);
        if (limits.keep_stderr) REQUIRE(pipe(err) == 0);
        pid_ = fork();
        REQUIRE(pid_ >= 0);
        if (pid_ == 0) {
            dup2(out[1], 1);
            close(out[0]);
            if (limits.keep_stderr) {
                dup2(err[1], 2);
                close(err[0]);
            }
            if (limits.file_bytes) limit_file_size(limits.file_bytes);
            std::string bin = std::string(SEMTRACE_BIN_DIR) + "/semtrace-agent";
            args.insert(args.begin(), bin);
            std::vector<char*> argv;
            for (auto& a : args) argv.push_back(a.data());
            argv.push_back(nullptr);
            execv(bin.c_str(), argv.data());
            _exit(127);
        }
        close(out[1]);
        if (limits.keep_stderr) {
            close(err[1]);
            stderr_ = err[0];
            fcntl(stderr_, F_SETFL, O_NONBLOCK);  // said() takes what has come
        }
        std::string line;
        char c;
        while (read(out[0], &c, 1) == 1 && c != '\n') line += c;
        close(out[0]);
        auto colon = line.rfind(':', line.find(", sessions"));
        REQUIRE_MESSAGE(line.find("listening on 127.0.0.1:") != std::string::npos, "agent said: ", line);
        port_ = static_cast<std::uint16_t>(std::stoi(line.substr(colon + 1)));
    }
    ~AgentProcess() {
        if (pid_ > 0) stop(SIGKILL);
        if (stderr_ >= 0) close(stderr_);
    }
    // What it has said on stderr so far (keep_stderr); all of it once it has stopped.
    const std::string& said() {
        char buf[4096];
        for (ssize_t n; stderr_ >= 0 && (n = read(stderr_, buf, sizeof buf)) > 0;) said_.append(buf, static_cast<std::size_t>(n));
        return said_;
    }
    std::uint16_t port() const { return port_; }
    // Room again, as when a full disk is cleared: its files may grow up to the hard limit.
    void lift_file_size_limit() {
        rlimit now{};
        REQUIRE(prlimit(pid_, RLIMIT_FSIZE, nullptr, &now) == 0);
        now.rlim_cur = now.rlim_max;
        REQUIRE(prlimit(pid_, RLIMIT_FSIZE, &now, nullptr) == 0);
    }
    // SIGTERM: a clean stop (files complete); SIGKILL: a crash. The exit status.
    int stop(int signal = SIGTERM) {
        kill(pid_, signal);
        int status = 0;
        waitpid(pid_, &status, 0);
        pid_ = -1;
        return WIFEXITED(status) ? WEXITSTATUS(status) : 128 + WTERMSIG(status);
    }

private:
    pid_t pid_ = -1;
    int stderr_ = -1;
    std::string said_;
    std::uint16_t port_ = 0;
};

// Writes time out after 10 s instead of hanging a test. Reads (the WebSocket handshake's too)
// go through wait_or_fail: asio's blocking reads do not heed SO_RCVTIMEO.
inline void with_timeouts(tcp::socket& s) {
    timeval tv{10, 0};
    setsockopt(s.native_handle(), SOL_SOCKET, SO_SNDTIMEO, &tv, sizeof tv);
}

// Runs `io` until `done`, for at most 10 s: asio's blocking reads wait on through SO_RCVTIMEO
// (they poll after EAGAIN), so reads run this way to fail a test instead of hanging it. On
// time-out `cancel` ends the operation and the test fails with `what`.
template <class Cancel>
void wait_or_fail(net::io_context& io, const bool& done, Cancel cancel, const char* what) {
    io.restart();
    io.run_for(std::chrono::seconds(10));
    if (done) return;
    cancel();
    io.restart();
    io.run();
    FAIL(std::string(what));
}

// One HTTP request to the agent; the response's status and body.
inline std::pair<int, std::string> http_request(std::uint16_t port, http::request<http::empty_body> req) {
    net::io_context io;
    tcp::socket socket(io);
    socket.connect({net::ip::make_address("127.0.0.1"), port});
    with_timeouts(socket);
    req.set(http::field::host, "127.0.0.1");
    http::write(socket, req);
    beast::flat_buffer buffer;
    http::response<http::string_body> res;
    beast::error_code ec;
    bool done = false;
    http::async_read(socket, buffer, res, [&](beast::error_code e, std::size_t) { ec = e, done = true; });
    wait_or_fail(io, done, [&] { socket.close(ec); }, "semtrace-agent did not answer the HTTP request in 10 s");
    REQUIRE_MESSAGE(!ec, ec.message());
    return {static_cast<int>(res.result_int()), res.body()};
}

// What the extension's service worker does, synchronously.
class ExtensionClient {
public:
    ExtensionClient(std::uint16_t port, const std::string& token, std::string origin = "chrome-extension://abcdefghijklmnop")
        : ws_(io_) {
        auto& socket = beast::get_lowest_layer(ws_);
        socket.connect({net::ip::make_address("127.0.0.1"), port});
        with_timeouts(socket);
        ws_.set_option(websocket::stream_base::decorator([&](websocket::request_type& req) {
            req.set(http::field::origin, origin);
            req.set(http::field::sec_websocket_protocol, "semtrace.v1, token." + token);
        }));
        beast::error_code ec;
        bool done = false;
        ws_.async_handshake("127.0.0.1", "/v1/record", [&](beast::error_code e) { ec = e, done = true; });
        wait_or_fail(io_, done, [&] { socket.close(ec); }, "semtrace-agent did not answer the WebSocket handshake in 10 s");
        if (ec) throw beast::system_error(ec);  // refused: the tests of who may connect expect it
    }
    void send(const nlohmann::json& m) { send_text(m.dump()); }
    void send_text(const std::string& text) {
        ws_.text(true);
        ws_.write(net::buffer(text));
    }
    // The next message; acknowledgements are remembered whatever is waited for. A test whose
    // agent says nothing for 10 s fails there instead of hanging (wait_or_fail).
    nlohmann::json receive() {
        beast::flat_buffer buffer;
        beast::error_code ec;
        bool done = false;
        ws_.async_read(buffer, [&](beast::error_code e, std::size_t) { ec = e, done = true; });
        wait_or_fail(io_, done, [&] { beast::get_lowest_layer(ws_).close(ec); }, "semtrace-agent sent nothing for 10 s");
        if (ec) throw beast::system_error(ec);
        auto m = nlohmann::json::parse(beast::buffers_to_string(buffer.data()));
        if (m["type"] == "ack")
            for (const auto& a : m["acks"]) {
                auto& seq = acked_[a["tab"].get<std::string>()];
                seq = std::max(seq, a["seq"].get<std::uint64_t>());
                if (a.value("key_frame", false)) ++key_frames_asked_[a["tab"].get<std::string>()];
            }
        return m;
    }
    // Reads until a message of `type` arrives (acks come on their own timer).
    nlohmann::json receive(const std::string& type) {
        for (;;) {
            auto m = receive();
            if (m["type"] == type) return m;
        }
    }
    // Reads until every message of `tab` up to `seq` is acknowledged.
    void wait_for_ack(const std::string& tab, std::uint64_t seq) {
        while (acked_[tab] < seq) receive();
    }
    std::uint64_t acked(const std::string& tab) { return acked_[tab]; }
    // How often an acknowledgement asked for the tab's key frame.
    int key_frames_asked(const std::string& tab) { return key_frames_asked_[tab]; }
    // Reads until the agent closes the connection; the reason it gave.
    std::string wait_for_close() {
        for (;;) {
            try {
                receive();
            } catch (const beast::system_error& e) {
                REQUIRE_MESSAGE(e.code() == websocket::error::closed, e.code().message());
                return std::string(ws_.reason().reason.c_str());
            }
        }
    }
    websocket::stream<tcp::socket>& stream() { return ws_; }

private:
    net::io_context io_;
    websocket::stream<tcp::socket> ws_;
    std::map<std::string, std::uint64_t> acked_;
    std::map<std::string, int> key_frames_asked_;
};

inline nlohmann::json hello(const std::string& policy_id = "semtrace-default") {
    return {{"type", "hello"},
            {"consent", {{"subject", "tester@example.com"}, {"given_at", "2026-11-29T14:00:00Z"}, {"text_version", "v1"}, {"policy_id", policy_id}}},
            {"extension", "0.1.0"}};
}

// A node of a page's tree, and a key frame or delta (`kind`) of a tab holding `nodes`.
inline nlohmann::json tree_node(std::uint64_t id, std::uint64_t parent, const char* role, const char* name) {
    return {{"id", id}, {"parent", parent}, {"role", role}, {"name", name}};
}

inline nlohmann::json tree_message(const char* kind, const std::string& tab, std::uint64_t seq, nlohmann::json nodes) {
    return {{"type", kind}, {"tab", tab}, {"seq", seq}, {"site", "shop.example"}, {"nodes", std::move(nodes)}};
}

// A click on the node `id` of the tab's page.
inline nlohmann::json click(const std::string& tab, std::uint64_t seq, std::uint64_t id, const std::string& locator) {
    return {{"type", "action"}, {"tab", tab}, {"seq", seq}, {"site", "shop.example"}, {"action", "click"},
            {"target", {{"locator", locator}, {"id", id}}}};
}

inline nlohmann::json fill(const std::string& tab, std::uint64_t seq, const std::string& text) {
    return {{"type", "action"}, {"tab", tab}, {"seq", seq}, {"site", "shop.example"}, {"action", "fill"},
            {"target", {{"locator", "page 'Checkout'/form/textbox 'Note'"}, {"id", 7}}},
            {"value", {{"state", "plain"}, {"text", text}}}};
}

}  // namespace semtrace::testing
