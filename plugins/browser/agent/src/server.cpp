// server.cpp — Server: Boost.Beast on one thread: HTTP upgrade checks, a WebSocket per extension, acknowledgements on a timer.
#include <boost/asio.hpp>
#include <boost/beast/core.hpp>
#include <boost/beast/http.hpp>
#include <boost/beast/websocket.hpp>
#include <cstdio>
#include <deque>
#include <fstream>
#include <nlohmann/json.hpp>
#include <optional>
#include <set>
#include <sodium.h>

#include "server.hpp"

namespace semtrace::agent {

namespace net = boost::asio;
namespace beast = boost::beast;
namespace http = beast::http;
namespace websocket = beast::websocket;
using tcp = net::ip::tcp;
using json = nlohmann::json;

bool origin_allowed(const std::string& origin, const std::vector<std::string>& allowed) {
    if (origin.rfind("chrome-extension://", 0) == 0 && origin.size() > 19) return true;
    for (const std::string& a : allowed)
        if (a == origin) return true;
    return false;
}

bool token_offered(const std::string& protocols, const std::string& token) {
    if (token.empty()) return false;
    std::size_t at = 0;
    while (at < protocols.size()) {
        std::size_t end = protocols.find(',', at);
        if (end == std::string::npos) end = protocols.size();
        std::string item = protocols.substr(at, end - at);
        item.erase(0, item.find_first_not_of(' '));
        item.erase(item.find_last_not_of(' ') + 1);
        if (item.rfind("token.", 0) == 0 && item.size() == 6 + token.size() &&
            sodium_memcmp(item.data() + 6, token.data(), token.size()) == 0)  // constant time
            return true;
        at = end + 1;
    }
    return false;
}

namespace {

bool offers(const std::string& protocols, std::string_view wanted) {
    return protocols.find(wanted) != std::string::npos;
}

}  // namespace

class Connection;

struct Server::Impl {
    Impl(ServerSettings s, SessionSettings sessions_settings)
        : settings(std::move(s)), sessions(std::move(sessions_settings)) {}
    ServerSettings settings;
    TabSessions sessions;
    ServerStats stats;
    net::io_context io{1};
    tcp::acceptor acceptor{io};
    net::steady_timer ack_timer{io};
    net::steady_timer retry_timer{io};
    net::signal_set signals{io};
    std::set<std::shared_ptr<Connection>> open;  // WebSockets accepted and not yet closed
    std::ofstream received;
    bool stopping = false;

    void accept();
    // Calls `action` every `interval` until the agent stops.
    void repeat(net::steady_timer& timer, std::chrono::milliseconds interval, void (Impl::*action)());
    void send_acks();
    void retry_held();
    void broadcast(const std::string& text);  // to every connection that said hello
    void shut_down();
};

// One client: first an HTTP request, checked; then, if accepted, a WebSocket.
class Connection : public std::enable_shared_from_this<Connection> {
public:
    Connection(Server::Impl& server, tcp::socket socket) : server_(server), stream_(std::move(socket)) {}

    void start() {
        parser_.header_limit(8 * 1024);
        parser_.body_limit(0);
        stream_.expires_after(std::chrono::seconds(10));
        http::async_read(stream_, buffer_, parser_,
                         [self = shared_from_this()](beast::error_code ec, std::size_t) { self->on_request(ec); });
    }

    void send(std::string text) {
        if (!ws_ || closed_) return;
        outbox_.push_back(std::move(text));
        if (outbox_.size() == 1) write_next();
    }

    void close(const std::string& why = {}) {
        if (!ws_ || closed_) return;
        closed_ = true;
        ws_->async_close(websocket::close_reason(websocket::close_code::going_away, why),
                         [self = shared_from_this()](beast::error_code) {});
    }

    bool greeted() const noexcept { return consent_.has_value(); }

    std::string welcome() const {
        return json{{"type", "welcome"}, {"policy_id", server_.settings.policy_id},
                    {"record_origins", server_.settings.record_origins}, {"keep_query", server_.settings.keep_query},
                    {"block", {{"url_patterns", server_.settings.block_url_patterns}, {"domains", server_.settings.block_domains}}}}.dump();
    }

private:
    void refuse(http::status status, std::string why) {
        ++server_.stats.refused_connections;
        auto res = std::make_shared<http::response<http::string_body>>(status, 11);
        res->set(http::field::content_type, "text/plain");
        res->body() = "semtrace-agent: " + why + "\n";
        res->keep_alive(false);
        res->prepare_payload();
        http::async_write(stream_, *res, [self = shared_from_this(), res](beast::error_code, std::size_t) {
            beast::error_code ignored;
            self->stream_.socket().shutdown(tcp::socket::shutdown_send, ignored);
        });
    }

    void on_request(beast::error_code ec) {
        if (ec) return;
        const auto& req = parser_.get();
        beast::error_code peer_ec;
        auto peer = stream_.socket().remote_endpoint(peer_ec);
        if (peer_ec || !peer.address().is_loopback()) return refuse(http::status::forbidden, "only this machine may connect");
        if (req.target() != "/v1/record") return refuse(http::status::not_found, "the only endpoint is /v1/record");
        if (!websocket::is_upgrade(req)) return refuse(http::status::upgrade_required, "a WebSocket upgrade is required");
        std::string origin(req[http::field::origin]);
        if (!origin_allowed(origin, server_.settings.allowed_origins))
            return refuse(http::status::forbidden, "origin '" + origin + "' is not allowed (--allow-origin)");
        std::string protocols(req[http::field::sec_websocket_protocol]);
        if (!offers(protocols, "semtrace.v1"))
            return refuse(http::status::bad_request, "offer the subprotocol semtrace.v1");
        if (!token_offered(protocols, server_.settings.token))
            return refuse(http::status::unauthorized, "missing or wrong token: paste the one semtrace-agent --init printed into the extension's options");
        stream_.expires_never();
        ws_.emplace(std::move(stream_));
        ws_->set_option(websocket::stream_base::timeout::suggested(beast::role_type::server));
        ws_->set_option(websocket::stream_base::decorator(
            [](websocket::response_type& res) { res.set(http::field::sec_websocket_protocol, "semtrace.v1"); }));
        ws_->read_message_max(MessageLimits::bytes);
        ws_->async_accept(req, [self = shared_from_this()](beast::error_code accept_ec) {
            if (accept_ec) return;
            ++self->server_.stats.connections;
            self->server_.open.insert(self);
            self->tokens_ = self->server_.settings.messages_per_second * 10;
            self->refilled_ = std::chrono::steady_clock::now();
            self->send(self->welcome());  // what the popup shows before anyone has agreed
            self->read_next();
        });
    }

    void read_next() {
        ws_->async_read(buffer_, [self = shared_from_this()](beast::error_code ec, std::size_t) {
            if (ec) {
                self->closed_ = true;
                self->server_.open.erase(self);
                return;
            }
            if (self->closed_) return;  // closed by the agent: the extension sends it again
            std::string text = beast::buffers_to_string(self->buffer_.data());
            self->buffer_.consume(self->buffer_.size());
            self->handle(text, self->ws_->got_text());
            if (!self->closed_) self->read_next();
        });
    }

    void write_next() {
        ws_->text(true);
        ws_->async_write(net::buffer(outbox_.front()), [self = shared_from_this()](beast::error_code ec, std::size_t) {
            if (ec) return;
            self->outbox_.pop_front();
            if (!self->outbox_.empty()) self->write_next();
        });
    }

    bool take_token() {
        auto now = std::chrono::steady_clock::now();
        double rate = server_.settings.messages_per_second;
        tokens_ = std::min(rate * 10, tokens_ + rate * std::chrono::duration<double>(now - refilled_).count());
        refilled_ = now;
        if (tokens_ < 1) return false;
        tokens_ -= 1;
        return true;
    }

    // An error names the message by tab and seq when they can be read, so the extension can
    // let it go; other tabs and everything accepted before are untouched.
    void reply_error(const std::string& text, const std::string& why) {
        ++server_.stats.bad_messages;
        json reply = {{"type", "error"}, {"error", why}};
        json m = json::parse(text, nullptr, false);
        if (m.is_object() && m.contains("tab") && m["tab"].is_string()) reply["tab"] = m["tab"];
        if (m.is_object() && m.contains("seq") && m["seq"].is_number_unsigned()) reply["seq"] = m["seq"];
        send(reply.dump(-1, ' ', false, json::error_handler_t::replace));
    }

    void handle(const std::string& text, bool is_text) {
        if (server_.received.is_open()) server_.received << text << '\n';
        if (!is_text) return reply_error("", "message: binary messages are not accepted; send JSON text");
        if (!take_token()) {
            ++server_.stats.rate_limited;
            return reply_error(text, "rate: more than " + std::to_string(static_cast<long>(server_.settings.messages_per_second)) +
                                         " messages a second; resend later");
        }
        auto message = parse_message(text);
        if (!message) return reply_error(text, message.error().message);
        if (const auto* hello = std::get_if<Hello>(&message.value())) {
            consent_ = hello->consent;
            send(welcome());
            return;
        }
        const auto& event = std::get<TabEvent>(message.value());
        if (!consent_) return reply_error(text, "consent: send hello with the consent record first");
        if (auto handled = server_.sessions.handle(*consent_, event); !handled)
            return reply_error(text, handled.error().message);
    }

    Server::Impl& server_;
    beast::tcp_stream stream_;
    beast::flat_buffer buffer_;
    http::request_parser<http::empty_body> parser_;
    std::optional<websocket::stream<beast::tcp_stream>> ws_;
    std::deque<std::string> outbox_;
    std::optional<Consent> consent_;
    bool closed_ = false;
    double tokens_ = 0;
    std::chrono::steady_clock::time_point refilled_;
};

void Server::Impl::accept() {
    acceptor.async_accept([this](beast::error_code ec, tcp::socket socket) {
        if (ec) return;  // closed: stopping
        std::make_shared<Connection>(*this, std::move(socket))->start();
        accept();
    });
}

void Server::Impl::send_acks() {
    std::vector<Ack> acks = sessions.commit();
    // What cannot be written, as an error naming no message: the extension lets none go and
    // shows it in its popup ("last problem").
    for (const std::string& failure : sessions.take_failures())
        broadcast(json{{"type", "error"}, {"error", failure}}.dump(-1, ' ', false, json::error_handler_t::replace));
    if (acks.empty()) return;
    json list = json::array();
    for (const Ack& a : acks) {
        list.push_back({{"tab", a.tab}, {"seq", a.seq}});
        if (a.key_frame) list.back()["key_frame"] = true;
    }
    broadcast(json{{"type", "ack"}, {"acks", list}}.dump());
}

void Server::Impl::broadcast(const std::string& text) {
    for (const auto& c : open)
        if (c->greeted()) c->send(text);
}

void Server::Impl::repeat(net::steady_timer& timer, std::chrono::milliseconds interval, void (Impl::*action)()) {
    timer.expires_after(interval);
    timer.async_wait([this, &timer, interval, action](beast::error_code ec) {
        if (ec || stopping) return;
        (this->*action)();
        repeat(timer, interval, action);
    });
}

// The extension sends what it holds again only when it connects again, everything not
// acknowledged, oldest first: closing its connection is how the agent asks for the held
// messages, before any newer one is recorded in their place.
void Server::Impl::retry_held() {
    if (!sessions.holding() || !sessions.room_to_write()) return;  // nothing held, or still no room
    send_acks();  // what the other tabs sent is acknowledged first, and not sent again
    std::size_t tabs = sessions.release_held();
    std::fprintf(stderr,
                 "semtrace-agent: there is room to write again; the held messages of %zu tab%s are asked for again "
                 "(the extension reconnects and sends them)\n",
                 tabs, tabs == 1 ? "" : "s");
    for (const auto& c : open) c->close("semtrace-agent can write again: send what is not acknowledged");
    open.clear();
}

void Server::Impl::shut_down() {
    if (stopping) return;
    stopping = true;
    beast::error_code ignored;
    acceptor.close(ignored);
    ack_timer.cancel();
    retry_timer.cancel();
    signals.cancel(ignored);
    send_acks();
    sessions.stop_all();  // complete files: a clean stop leaves nothing to recover
    for (const auto& c : open) c->close();
    open.clear();
    io.stop();
}

Server::Server(ServerSettings settings, SessionSettings sessions)
    : impl_(std::make_unique<Impl>(std::move(settings), std::move(sessions))) {}

Server::~Server() = default;

Result<void> Server::run(const std::function<void(std::uint16_t)>& on_listening, bool handle_signals) {
    Impl& s = *impl_;
    beast::error_code ec;
    auto address = net::ip::make_address(s.settings.address, ec);
    if (ec) return Error{"--listen " + s.settings.address + ": not an IP address"};
    if (!address.is_loopback())
        return Error{"--listen " + s.settings.address + ": semtrace-agent listens on loopback only (127.0.0.1 or ::1)"};
    tcp::endpoint endpoint(address, s.settings.port);
    s.acceptor.open(endpoint.protocol(), ec);
    if (!ec) s.acceptor.set_option(net::socket_base::reuse_address(true), ec);
    if (!ec) s.acceptor.bind(endpoint, ec);
    if (!ec) s.acceptor.listen(net::socket_base::max_listen_connections, ec);
    if (ec) return Error{"cannot listen on " + s.settings.address + ":" + std::to_string(s.settings.port) + ": " + ec.message()};
    if (!s.settings.log_received.empty()) {
        s.received.open(s.settings.log_received, std::ios::app);
        if (!s.received) return Error{"--log-received " + s.settings.log_received.string() + ": cannot open for writing"};
    }
    if (handle_signals) {
        s.signals.add(SIGINT);
        s.signals.add(SIGTERM);
        s.signals.async_wait([&s](beast::error_code sig_ec, int) {
            if (!sig_ec) s.shut_down();
        });
    }
    s.accept();
    s.repeat(s.ack_timer, s.settings.ack_interval, &Impl::send_acks);
    s.repeat(s.retry_timer, s.settings.retry_interval, &Impl::retry_held);
    on_listening(s.acceptor.local_endpoint().port());
    s.io.run();
    return {};
}

void Server::stop() {
    net::post(impl_->io, [this] { impl_->shut_down(); });
}

const ServerStats& Server::stats() const noexcept { return impl_->stats; }
const AgentStats& Server::session_stats() const noexcept { return impl_->sessions.stats(); }

}  // namespace semtrace::agent
