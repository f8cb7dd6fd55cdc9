// test_agent.cpp — the real semtrace-agent on loopback: who may connect, what a bad message gets, and exactly-once recording across reconnections and a crash.
#include <doctest/doctest.h>

#include <fstream>
#include <ifaddrs.h>
#include <map>
#include <random>
#include <set>
#include <thread>

#include "format/session_reader.hpp"
#include "support/agent_process.hpp"
#include "support/recording.hpp"
#include "support/temp_dir.hpp"
#include "tab_tree.hpp"
#include "ui_tree.hpp"

using namespace semtrace;
using namespace semtrace::testing;

namespace {

// Typed text kept as typed, so that each message's value says which it was.
constexpr const char* plain_policy = R"({"semtrace_policy": 1, "id": "agent-test", "capture": {"default": "plain"},
  "browser": {"record_origins": ["http://127.0.0.1:*"]}})";

struct Setup {
    TempDir dir;
    std::string token = write_test_token(dir / "token");
    std::filesystem::path out = dir / "sessions";
    std::filesystem::path policy = dir / "policy.json";
    Setup() {
        use_test_pseudonym_key();
        std::ofstream(policy) << plain_policy;
    }
    std::vector<std::string> args(std::vector<std::string> more = {}) const {
        std::vector<std::string> a{"--port", "0", "--out", out.string(), "--token-file", (dir / "token").string(),
                                   "--policy", policy.string(), "--ack-ms", "20"};
        a.insert(a.end(), more.begin(), more.end());
        return a;
    }
};

std::vector<format::Event> events_of(const std::filesystem::path& file) {
    auto reader = format::SessionReader::open(file);
    REQUIRE_MESSAGE(reader.ok(), reader.error().message);
    std::vector<format::Event> out;
    REQUIRE(reader->read(0, [&](const format::Event& e) { return out.push_back(e), true; }).ok());
    return out;
}

// The values of every fill action in the sessions of a folder, in file order then event order.
std::vector<std::string> filled_values(const std::filesystem::path& dir) {
    std::vector<std::filesystem::path> files;
    for (const auto& f : std::filesystem::directory_iterator(dir))
        if (f.path().extension() == ".semtrace") files.push_back(f.path());
    std::sort(files.begin(), files.end(), [](const auto& a, const auto& b) {
        return std::filesystem::last_write_time(a) < std::filesystem::last_write_time(b);
    });
    std::vector<std::string> values;
    for (const auto& f : files)
        for (const auto& e : events_of(f))
            if (const auto* a = std::get_if<format::Action>(&e.body)) values.push_back(a->value.text);
    return values;
}

// "v12": operator+ on a literal and a string trips GCC 12's -Wrestrict at -O3 (a false positive).
std::string value_no(int i) {
    std::string v = "v";
    v += std::to_string(i);
    return v;
}

// What the agent says of messages it cannot write.
const std::string held_line =
    "the messages it concerns are held by the extension, unacknowledged, until semtrace-agent can write them\n";

std::string closing_line(const std::string& said) {
    auto at = said.rfind("semtrace-agent: stopped;");
    return at == std::string::npos ? std::string() : said.substr(at);
}

// Sends a bad message and reads up to its error, which comes after every answer to what was
// sent before it: no message of a tab may have been refused (the extension would let it go).
// Returns the errors naming no message that came meanwhile (what the agent cannot write).
std::vector<std::string> expect_none_refused(ExtensionClient& c) {
    c.send_text("{");
    std::vector<std::string> notices;
    for (;;) {
        auto m = c.receive();
        if (m["type"] != "error") continue;
        if (m.contains("tab")) {
            FAIL_CHECK("refused, so the extension would let it go: ", m.dump());
            continue;
        }
        std::string error = m["error"];
        if (error == "message: is not JSON") break;
        notices.push_back(error);
    }
    return notices;
}

// The errors naming no message (what the agent tells the extension it cannot write), once some
// came: asked again a few times, a commit interval apart. Each look ends with an answer, so a
// notice that never comes fails the test instead of hanging it.
std::vector<std::string> notices_of(ExtensionClient& c) {
    for (int look = 0; look < 100; ++look) {
        auto notices = expect_none_refused(c);
        if (!notices.empty()) return notices;
        std::this_thread::sleep_for(std::chrono::milliseconds(20));
    }
    return {};
}

}  // namespace

TEST_CASE("who may connect: a token, an allowed origin, the WebSocket endpoint; loopback only") {
    Setup s;
    AgentProcess agent(s.args());
    auto upgrade = [&](const std::string& origin, const std::string& protocols, const std::string& target = "/v1/record") {
        http::request<http::empty_body> req{http::verb::get, target, 11};
        req.set(http::field::connection, "Upgrade");
        req.set(http::field::upgrade, "websocket");
        req.set(http::field::sec_websocket_version, "13");
        req.set(http::field::sec_websocket_key, "dGhlIHNhbXBsZSBub25jZQ==");
        if (!origin.empty()) req.set(http::field::origin, origin);
        if (!protocols.empty()) req.set(http::field::sec_websocket_protocol, protocols);
        return http_request(agent.port(), req);
    };
    const std::string ext = "chrome-extension://abcdefghijklmnop";
    auto [no_token, why] = upgrade(ext, "semtrace.v1");
    CHECK(no_token == 401);
    CHECK(why.find("token") != std::string::npos);
    CHECK(upgrade(ext, "semtrace.v1, token." + std::string(64, '0')).first == 401);
    CHECK(upgrade(ext, "semtrace.v1, token." + s.token.substr(1)).first == 401);
    CHECK(upgrade("https://evil.example", "semtrace.v1, token." + s.token).first == 403);
    CHECK(upgrade("", "semtrace.v1, token." + s.token).first == 403);
    CHECK(upgrade(ext, "semtrace.v1, token." + s.token, "/admin").first == 404);
    CHECK(http_request(agent.port(), {http::verb::get, "/v1/record", 11}).first == 426);
    ExtensionClient ok(agent.port(), s.token);  // and the right one is let in
    ok.send(hello("agent-test"));
    auto welcome = ok.receive("welcome");
    CHECK(welcome["policy_id"] == "agent-test");
    CHECK(welcome["record_origins"] == nlohmann::json::array({"http://127.0.0.1:*"}));

    // Bound to 127.0.0.1: this machine's other addresses do not answer at all.
    ifaddrs* addrs = nullptr;
    REQUIRE(getifaddrs(&addrs) == 0);
    for (ifaddrs* a = addrs; a; a = a->ifa_next) {
        if (!a->ifa_addr || a->ifa_addr->sa_family != AF_INET) continue;
        auto ip = net::ip::make_address_v4(ntohl(reinterpret_cast<sockaddr_in*>(a->ifa_addr)->sin_addr.s_addr));
        if (ip.is_loopback()) continue;
        net::io_context io;
        tcp::socket socket(io);
        beast::error_code ec;
        socket.connect({ip, agent.port()}, ec);
        CHECK_MESSAGE(ec == net::error::connection_refused, ip.to_string(), ": ", ec.message());
    }
    freeifaddrs(addrs);
    // and it will not listen anywhere else
    auto refused = std::system((std::string(SEMTRACE_BIN_DIR) + "/semtrace-agent --listen 0.0.0.0 --port 0 --out " +
                                s.out.string() + " --token-file " + (s.dir / "token").string() + " 2>" +
                                (s.dir / "err").string()).c_str());
    CHECK(refused != 0);
    std::ifstream err(s.dir / "err");
    std::string line;
    std::getline(err, line);
    CHECK(line == "semtrace-agent: --listen 0.0.0.0: semtrace-agent listens on loopback only (127.0.0.1 or ::1)");
}

TEST_CASE("bad messages are answered with an error naming the field; the rest of the tab and other tabs go on") {
    Setup s;
    AgentProcess agent(s.args());
    ExtensionClient c(agent.port(), s.token);
    c.send(fill("early", 1, "before hello"));
    CHECK(c.receive("error")["error"] == "consent: send hello with the consent record first");
    c.send(hello("agent-test"));
    c.receive("welcome");
    c.send(fill("tab-a", 1, "a1"));
    c.send_text("{not json");
    CHECK(c.receive("error")["error"] == "message: is not JSON");
    auto bad = fill("tab-a", 2, "a2");
    bad["action"] = "teleport";
    c.send(bad);
    auto e = c.receive("error");
    CHECK(e["error"] == "action: is \"teleport\", not an action type (click, fill, select, ...)");
    CHECK(e["tab"] == "tab-a");
    CHECK(e["seq"] == 2);
    auto no_bounds = fill("tab-b", 1, "b1");
    no_bounds["target"]["bounds"] = {1, 2};
    c.send(no_bounds);
    CHECK(c.receive("error")["error"] == "target.bounds: must be 4 numbers: x, y, width, height");
    c.send(fill("tab-a", 3, "a3"));
    c.send(fill("tab-b", 2, "b2"));
    c.send(fill("Tab 9", 1, "x"));
    CHECK(c.receive("error")["error"] == "tab: may hold only a-z and '-' (at most 19)");
    c.wait_for_ack("tab-a", 3);
    c.wait_for_ack("tab-b", 2);
    CHECK(agent.stop() == 0);
    auto values = filled_values(s.out);
    std::multiset<std::string> got(values.begin(), values.end());
    CHECK(got == std::multiset<std::string>{"a1", "a3", "b2"});
}

TEST_CASE("a page's times are kept: what was held while the agent was away is recorded when it happened") {
    Setup s;
    AgentProcess agent(s.args());
    ExtensionClient c(agent.port(), s.token);
    c.send(hello("agent-test"));
    using namespace std::chrono;
    const std::int64_t now_ms = duration_cast<milliseconds>(system_clock::now().time_since_epoch()).count();
    auto at = [](nlohmann::json m, std::int64_t t) { return m["t"] = t, m; };
    c.send(at(fill("tab-t", 1, "two minutes ago"), now_ms - 120'000));
    c.send(at(fill("tab-t", 2, "a minute ago"), now_ms - 60'000));
    c.send(at(fill("tab-t", 3, "an hour ago"), now_ms - 3'600'000));  // out of order: the last one's time
    c.send(fill("tab-t", 4, "no time: on arrival"));
    c.send(at(fill("tab-t", 5, "bad"), -1));
    CHECK(c.receive("error")["error"] == "t: must be a whole number, 0 or more");
    auto text_time = fill("tab-t", 5, "bad");
    text_time["t"] = "soon";
    c.send(text_time);
    CHECK(c.receive("error")["error"] == "t: must be a whole number, 0 or more");
    c.send(at(fill("tab-t", 5, "bad"), 5'000'000'000'000));
    CHECK(c.receive("error")["error"] == "t: must be milliseconds since 1970 (the page's Date.now()), before 2100");
    c.wait_for_ack("tab-t", 4);
    CHECK(agent.stop() == 0);

    std::filesystem::path file;
    for (const auto& f : std::filesystem::directory_iterator(s.out))
        if (f.path().extension() == ".semtrace") file = f.path();
    auto reader = format::SessionReader::open(file);
    REQUIRE(reader.ok());
    CHECK(reader->header().start_unix_us == (now_ms - 120'000) * 1000);  // the first event's time
    std::map<std::string, double> seconds;
    REQUIRE(reader->read(0, [&](const format::Event& e) {
        if (const auto* a = std::get_if<format::Action>(&e.body)) seconds[a->value.text] = static_cast<double>(e.t_us) / 1e6;
        return true;
    }).ok());
    REQUIRE(seconds.size() == 4);
    CHECK(seconds["two minutes ago"] == doctest::Approx(0.0));
    CHECK(seconds["a minute ago"] == doctest::Approx(60.0));
    CHECK(seconds["an hour ago"] == doctest::Approx(60.0));
    CHECK(seconds["no time: on arrival"] == doctest::Approx(120.0).epsilon(0.05));  // a few seconds of slack
}

TEST_CASE("a message larger than the limit closes that connection only; the next one goes on with nothing lost") {
    Setup s;
    AgentProcess agent(s.args());
    ExtensionClient c(agent.port(), s.token);
    c.send(hello("agent-test"));
    c.send(fill("tab-a", 1, "kept"));
    c.wait_for_ack("tab-a", 1);
    c.send_text(std::string(5 << 20, ' '));
    beast::flat_buffer buffer;
    beast::error_code ec;
    while (!ec) c.stream().read(buffer, ec);
    CHECK(c.stream().reason().code == websocket::close_code::too_big);
    ExtensionClient again(agent.port(), s.token);
    again.send(hello("agent-test"));
    again.send(fill("tab-a", 2, "after"));
    again.wait_for_ack("tab-a", 2);
    CHECK(agent.stop() == 0);
    CHECK(filled_values(s.out) == std::vector<std::string>{"kept", "after"});
}

TEST_CASE("resent messages are recorded once: after a reconnection, and across a crash of the agent") {
    Setup s;
    std::vector<std::string> expected;
    for (int i = 1; i <= 300; ++i) expected.push_back(value_no(i));
    auto agent = std::make_unique<AgentProcess>(s.args());
    {
        ExtensionClient c(agent->port(), s.token);
        c.send(hello("agent-test"));
        for (int i = 1; i <= 50; ++i) c.send(fill("tab-a", i, expected[i - 1]));
        c.wait_for_ack("tab-a", 50);
    }
    {
        ExtensionClient c(agent->port(), s.token);  // a reconnection resends what it is unsure of
        c.send(hello("agent-test"));
        for (int i = 40; i <= 120; ++i) c.send(fill("tab-a", i, expected[i - 1]));
        c.wait_for_ack("tab-a", 100);  // part of it is on disk and acknowledged...
        for (int i = 121; i <= 200; ++i) c.send(fill("tab-a", i, expected[i - 1]));
    }
    CHECK(agent->stop(SIGKILL) == 128 + SIGKILL);  // ...then the agent dies with the rest in flight
    agent = std::make_unique<AgentProcess>(s.args());
    {
        ExtensionClient c(agent->port(), s.token);
        c.send(hello("agent-test"));
        for (int i = 101; i <= 300; ++i) c.send(fill("tab-a", i, expected[i - 1]));  // everything not acknowledged
        c.wait_for_ack("tab-a", 300);
    }
    CHECK(agent->stop() == 0);
    CHECK(filled_values(s.out) == expected);
}

TEST_CASE("a page at an address the policy blocks is not recorded: not its navigate, its actions or its tree; across a crash too") {
    Setup s;
    std::ofstream(s.policy) << R"({"semtrace_policy": 1, "id": "agent-test", "capture": {"default": "plain"},
      "browser": {"record_origins": ["http://127.0.0.1:*"]},
      "block": {"domains": ["bank.example"], "urls": ["https://intranet.example/hr/**"]}})";
    auto navigate = [](std::uint64_t seq, const std::string& url) {
        return nlohmann::json{{"type", "action"}, {"tab", "tab-b"}, {"seq", seq}, {"site", "shop.example"}, {"action", "navigate"},
                              {"target", {{"locator", "page 'Somewhere'"}}}, {"value", {{"state", "plain"}, {"text", url}}}};
    };
    auto tree = [](const char* kind, std::uint64_t seq, const std::string& name) {
        return nlohmann::json{{"type", kind}, {"tab", "tab-b"}, {"seq", seq}, {"site", "online.bank.example"},
                              {"nodes", nlohmann::json::array({{{"id", 1}, {"parent", 0}, {"role", "text"}, {"name", name}}})}};
    };
    // The messages over one connection, until the last is acknowledged.
    auto deliver = [&](AgentProcess& agent, const std::vector<nlohmann::json>& messages) {
        ExtensionClient c(agent.port(), s.token);
        c.send(hello("agent-test"));
        for (const auto& m : messages) c.send(m);
        c.wait_for_ack("tab-b", messages.back()["seq"].get<std::uint64_t>());
    };
    auto agent = std::make_unique<AgentProcess>(s.args());
    deliver(*agent, {navigate(1, "https://shop.example/cart"), fill("tab-b", 2, "kept one"),
                     navigate(3, "https://online.bank.example/login"), fill("tab-b", 4, "typed at the bank"),
                     tree("snapshot", 5, "Balance 12,345.67")});
    CHECK(agent->stop(SIGKILL) == 128 + SIGKILL);  // still on the bank's page when the agent dies
    agent = std::make_unique<AgentProcess>(s.args(), AgentLimits{0, true});
    deliver(*agent, {tree("delta", 6, "Transfer to Ann Lee"), navigate(7, "https://intranet.example/hr/reviews/17"),
                     fill("tab-b", 8, "typed in a review"), navigate(9, "https://shop.example/done"),
                     fill("tab-b", 10, "kept two"), tree("snapshot", 11, "Order placed")});
    CHECK(agent->stop() == 0);
    INFO(closing_line(agent->said()));
    CHECK(closing_line(agent->said()).find(" 2 from pages the policy blocks (not written)") != std::string::npos);  // since the restart
    CHECK(filled_values(s.out) == std::vector<std::string>{"https://shop.example/cart", "kept one", "https://shop.example/done", "kept two"});
    std::string everything;
    for (const auto& f : std::filesystem::directory_iterator(s.out))
        if (f.path().extension() == ".semtrace")
            for (const auto& e : events_of(f.path())) {
                if (const auto* a = std::get_if<format::Action>(&e.body)) everything += a->value.text + "\n";
                if (const auto* t = std::get_if<format::Snapshot>(&e.body)) everything += t->nodes.at(0).name + "\n";
                if (const auto* t = std::get_if<format::Delta>(&e.body)) everything += t->upserts.at(0).name + "\n";
            }
    for (const char* never : {"bank", "Balance", "Ann Lee", "intranet", "review"})
        CHECK_MESSAGE(everything.find(never) == std::string::npos, never, " in ", everything);
    CHECK(everything.find("https://shop.example/done") != std::string::npos);
    CHECK(everything.find("Order placed") != std::string::npos);  // the tree of a page not blocked
}

TEST_CASE("more than the rate allows: the excess is refused with a reason, what came before is kept") {
    Setup s;
    AgentProcess agent(s.args({"--max-rate", "20"}));  // bursts of 200
    ExtensionClient c(agent.port(), s.token);
    c.send(hello("agent-test"));
    for (int i = 1; i <= 260; ++i) c.send(fill("tab-a", i, value_no(i)));
    // One more once the allowance has refilled: its acknowledgement comes after every answer above.
    std::this_thread::sleep_for(std::chrono::seconds(1));
    c.send(fill("tab-a", 261, "v261"));
    int refused = 0;
    for (bool done = false; !done;) {
        auto m = c.receive();
        if (m["type"] == "error") {
            CHECK(m["error"].get<std::string>().rfind("rate: more than 20 messages a second", 0) == 0);
            ++refused;
        }
        done = c.acked("tab-a") == 261;
    }
    CHECK(refused >= 40);  // 260 sent at once, 200 (and what refilled meanwhile) let through
    CHECK(agent.stop() == 0);
    CHECK(filled_values(s.out).size() == 261 - static_cast<std::size_t>(refused));
}

TEST_CASE("a crash between acknowledgements leaves nothing on disk past the last one: big messages, resent, recorded once") {
    Setup s;
    auto args = s.args();
    args[args.size() - 1] = "1000";  // --ack-ms: a long window between commits
    std::string pad(8000, 'x');      // half a chunk each: unless held back, they reach the file at once
    std::vector<std::string> expected;
    for (int i = 1; i <= 120; ++i) expected.push_back(value_no(i) + pad);
    auto agent = std::make_unique<AgentProcess>(args);
    {
        ExtensionClient c(agent->port(), s.token);
        c.send(hello("agent-test"));
        for (int i = 1; i <= 50; ++i) c.send(fill("tab-a", i, expected[i - 1]));
        c.wait_for_ack("tab-a", 50);
        for (int i = 51; i <= 120; ++i) c.send(fill("tab-a", i, expected[i - 1]));
        // Time for the agent to take them in before the next commit. Not an assertion: on a
        // slow machine less is in flight and the test proves less, it does not fail.
        std::this_thread::sleep_for(std::chrono::milliseconds(300));
        CHECK(c.acked("tab-a") == 50);
    }
    agent->stop(SIGKILL);
    agent = std::make_unique<AgentProcess>(s.args());
    {
        ExtensionClient c(agent->port(), s.token);
        c.send(hello("agent-test"));
        for (int i = 51; i <= 120; ++i) c.send(fill("tab-a", i, expected[i - 1]));
        c.wait_for_ack("tab-a", 120);
    }
    CHECK(agent->stop() == 0);
    CHECK(filled_values(s.out) == expected);
}

// Values of 1.5 KB that compress poorly (lower-case letters after the number), so that about 70
// fill a 64 KiB file; no detector takes them for a secret (the plain policy keeps them as typed).
std::vector<std::string> incompressible_values(int count) {
    std::mt19937 rng(5);
    std::vector<std::string> values;
    for (int i = 1; i <= count; ++i) {
        std::string v = value_no(i) + " ";
        for (int k = 0; k < 1500; ++k) v += static_cast<char>('a' + rng() % 26);
        values.push_back(v);
    }
    return values;
}

TEST_CASE("consent the policy does not cover: each message refused, naming it, so that the extension lets it go; none held") {
    Setup s;
    AgentProcess agent(s.args(), {0, true});
    {
        ExtensionClient c(agent.port(), s.token);
        c.send(hello("another-policy"));
        for (int i = 1; i <= 2; ++i) {
            c.send(fill("tab-a", i, value_no(i)));
            auto error = c.receive("error");
            CHECK(error["tab"] == "tab-a");
            CHECK(error["seq"] == i);
            CHECK(error["error"].get<std::string>().rfind(
                      "consent.policy_id is \"another-policy\" but the policy in use is \"agent-test\"", 0) == 0);
        }
    }
    CHECK(agent.stop() == 0);
    CHECK_MESSAGE(closing_line(agent.said()).find(" 2 refused, 0 held ") != std::string::npos, agent.said());
}

namespace {

// The first 20 on disk (so that one commit succeeds before the file is full, whatever the
// machine's pace), then the rest, until the agent says it holds them (its files limited).
void send_until_held(ExtensionClient& c, AgentProcess& agent, const std::vector<std::string>& values) {
    c.send(hello("agent-test"));
    for (int i = 1; i <= 20; ++i) c.send(fill("tab-a", i, values[i - 1]));
    c.wait_for_ack("tab-a", 20);
    for (std::size_t i = 21; i <= values.size(); ++i) c.send(fill("tab-a", i, values[i - 1]));
    for (int waited = 0; agent.said().find(held_line) == std::string::npos && waited < 200; ++waited)
        std::this_thread::sleep_for(std::chrono::milliseconds(100));
}

// What the extension does on connecting again: everything after the last acknowledged, until all is.
void send_again_after(const AgentProcess& agent, const std::string& token, const std::vector<std::string>& values,
                      std::uint64_t acked) {
    ExtensionClient c(agent.port(), token);
    c.send(hello("agent-test"));
    for (std::uint64_t i = acked + 1; i <= values.size(); ++i) c.send(fill("tab-a", i, values[i - 1]));
    c.wait_for_ack("tab-a", values.size());
}

}  // namespace

TEST_CASE("a full disk: what cannot be written is neither acknowledged nor refused; a restarted agent takes it, once each") {
    Setup s;
    const std::vector<std::string> expected = incompressible_values(300);
    std::uint64_t acked = 0;
    {
        AgentProcess agent(s.args(), {64 * 1024, true});  // about 70 of them fit
        ExtensionClient c(agent.port(), s.token);
        send_until_held(c, agent, expected);
        std::string said = agent.said();
        CHECK_MESSAGE(said.find("semtrace-agent: cannot write " + (s.out / "").string()) == 0, said);
        CHECK(said.find(": File too large; " + held_line) != std::string::npos);
        auto notices = expect_none_refused(c);  // the failure is on stderr: its notice came before
        REQUIRE(notices.size() == 1);
        CHECK(notices[0].rfind("cannot write " + (s.out / "").string(), 0) == 0);
        CHECK(notices[0].find(": File too large; " + held_line.substr(0, held_line.size() - 1)) != std::string::npos);
        acked = c.acked("tab-a");
        CHECK(acked >= 20);
        CHECK(acked < 300);
        CHECK(agent.stop() == 0);
        CHECK(closing_line(agent.said()).find(" held (not written: the extension keeps them)") != std::string::npos);
    }
    {
        AgentProcess agent(s.args());  // room again
        send_again_after(agent, s.token, expected, acked);
        CHECK(agent.stop() == 0);
    }
    CHECK(filled_values(s.out) == expected);  // every one, once, in order, across the two files
}

TEST_CASE("a full disk, then room again: the agent asks for what it held and records it, once each, without a restart") {
    Setup s;
    const std::vector<std::string> expected = incompressible_values(300);
    AgentProcess agent(s.args({"--retry-ms", "100"}), {64 * 1024, true});
    std::uint64_t acked = 0;
    {
        ExtensionClient c(agent.port(), s.token);
        send_until_held(c, agent, expected);
        REQUIRE_MESSAGE(agent.said().find(held_line) != std::string::npos, agent.said());
        // Still full: five looks for room find none, and the connection stays (a closed one
        // would throw here instead of answering).
        std::this_thread::sleep_for(std::chrono::milliseconds(500));
        (void)expect_none_refused(c);
        CHECK(agent.said().find("room to write again") == std::string::npos);
        acked = c.acked("tab-a");
        CHECK(acked >= 20);
        CHECK(acked < 300);
        agent.lift_file_size_limit();
        CHECK(c.wait_for_close() == "semtrace-agent can write again: send what is not acknowledged");
        CHECK(c.acked("tab-a") == acked);  // nothing of the held tab acknowledged on the way
    }
    CHECK_MESSAGE(agent.said().find("semtrace-agent: there is room to write again; the held messages of 1 tab are asked "
                                    "for again (the extension reconnects and sends them)\n") != std::string::npos,
                  agent.said());
    send_again_after(agent, s.token, expected, acked);  // as the extension reconnects
    CHECK(agent.stop() == 0);
    CHECK(filled_values(s.out) == expected);  // every one, once, in order: the first file, then the new one
    CHECK(closing_line(agent.said()).find(" 0 refused") != std::string::npos);
}

TEST_CASE("no room for a new session: its tab's messages are held, not refused; restarted with room, all are recorded") {
    Setup s;
    std::vector<std::string> expected;
    for (int i = 1; i <= 20; ++i) expected.push_back(value_no(i));
    {
        AgentProcess agent(s.args(), {64, true});  // not even a session's header fits
        ExtensionClient c(agent.port(), s.token);
        c.send(hello("agent-test"));
        for (int i = 1; i <= 20; ++i) c.send(fill("tab-a", i, expected[i - 1]));
        auto notices = notices_of(c);  // for the popup ("last problem"), once
        REQUIRE(notices.size() == 1);
        const std::string& notice = notices[0];
        CHECK(notice.rfind("cannot write " + (s.out / "").string(), 0) == 0);
        CHECK(notice.find(" at offset 0: File too large; " + held_line.substr(0, held_line.size() - 1)) != std::string::npos);
        CHECK(c.acked("tab-a") == 0);
        CHECK(agent.stop() == 0);
        const std::string& said = agent.said();
        CHECK_MESSAGE(said.rfind("semtrace-agent: cannot write " + (s.out / "").string(), 0) == 0, said);
        CHECK(said.find(" at offset 0: File too large; " + held_line) != std::string::npos);
        CHECK(said.find("cannot write", said.find(held_line)) == std::string::npos);  // said once
        CHECK(closing_line(said).find("20 held") != std::string::npos);
    }
    for (const auto& f : std::filesystem::directory_iterator(s.out))  // no half-made session left behind
        CHECK_MESSAGE(f.path().extension() != ".semtrace", f.path());
    {
        AgentProcess agent(s.args());
        ExtensionClient c(agent.port(), s.token);
        c.send(hello("agent-test"));
        for (int i = 1; i <= 20; ++i) c.send(fill("tab-a", i, expected[i - 1]));
        c.wait_for_ack("tab-a", 20);
        CHECK(agent.stop() == 0);
    }
    CHECK(filled_values(s.out) == expected);
}

TEST_CASE("--session-per browser: every tab in one session, each tab numbered on its own, resumed after a crash") {
    Setup s;
    auto agent = std::make_unique<AgentProcess>(s.args({"--session-per", "browser"}));
    {
        ExtensionClient c(agent->port(), s.token);
        c.send(hello("agent-test"));
        for (int i = 1; i <= 3; ++i) {
            c.send(fill("tab-a", i, "a" + std::to_string(i)));
            c.send(fill("tab-b", i, "b" + std::to_string(i)));
        }
        c.wait_for_ack("tab-a", 3);
        c.wait_for_ack("tab-b", 3);
    }
    agent->stop(SIGKILL);
    agent = std::make_unique<AgentProcess>(s.args({"--session-per", "browser"}));
    {
        ExtensionClient c(agent->port(), s.token);
        c.send(hello("agent-test"));
        for (int i = 2; i <= 4; ++i) c.send(fill("tab-b", i, "b" + std::to_string(i)));  // 2 and 3 again
        c.send(fill("tab-a", 4, "a4"));
        c.wait_for_ack("tab-b", 4);
        c.wait_for_ack("tab-a", 4);
    }
    CHECK(agent->stop() == 0);
    std::size_t files = 0;
    for (const auto& f : std::filesystem::directory_iterator(s.out)) files += f.path().extension() == ".semtrace";
    CHECK(files == 2);  // one per run of the agent, each holding both tabs
    CHECK(filled_values(s.out) == std::vector<std::string>{"a1", "b1", "a2", "b2", "a3", "b3", "b4", "a4"});
}

TEST_CASE("--session-per browser: each tab's tree keeps its own nodes, though every page numbers them from 1") {
    Setup s;
    std::ofstream(s.policy) << R"({"semtrace_policy": 1, "id": "agent-test", "capture": {"default": "plain"},
      "browser": {"record_origins": ["http://127.0.0.1:*"]}, "block": {"locators": ["**/dialog 'Medical history'"]}})";
    AgentProcess agent(s.args({"--session-per", "browser"}), AgentLimits{0, true});
    {
        ExtensionClient c(agent.port(), s.token);
        c.send(hello("agent-test"));
        // tab-a's key frame comes after tab-b's: it starts tab-a's tree again, not tab-b's.
        c.send(tree_message("snapshot", "tab-b", 1,
                                nlohmann::json::array({tree_node(1, 0, "main", "Clinic"), tree_node(2, 1, "dialog", "Medical history")})));
        c.send(tree_message("snapshot", "tab-a", 1,
                                nlohmann::json::array({tree_node(1, 0, "main", "Shop"), tree_node(2, 1, "form", "Search")})));
        // tab-a's search field, child of tab-a's node 2 (not the other tab's blocked dialog)
        c.send(tree_message("delta", "tab-a", 2, nlohmann::json::array({tree_node(3, 2, "textbox", "Query")})));
        c.send(tree_message("delta", "tab-b", 2, nlohmann::json::array({tree_node(3, 2, "text", "Allergic to penicillin"),
                                                                 tree_node(4, 1, "text", "Paid with 4111 1111 1111 1111")})));
        // Back to tab-b: its tree as the agent kept it, changes included, goes through the
        // same privacy rules as a page's own key frame.
        c.send(click("tab-b", 3, 1, "page/main 'Clinic'"));
        c.wait_for_ack("tab-a", 2);
        c.wait_for_ack("tab-b", 3);
    }
    CHECK(agent.stop() == 0);
    CHECK_MESSAGE(closing_line(agent.said()).find(" 1 changes of tabs in the back kept for their key frame)") != std::string::npos,
                  agent.said());  // tab-b's delta, while tab-a was in front
    std::vector<std::pair<std::uint64_t, std::string>> nodes;
    for (const auto& f : std::filesystem::directory_iterator(s.out))
        if (f.path().extension() == ".semtrace")
            for (const auto& e : events_of(f.path())) {
                if (const auto* t = std::get_if<format::Snapshot>(&e.body))
                    for (const auto& n : t->nodes) nodes.emplace_back(n.id, n.name);
                if (const auto* t = std::get_if<format::Delta>(&e.body))
                    for (const auto& n : t->upserts) nodes.emplace_back(n.id, n.name);
            }
    std::set<std::pair<std::uint64_t, std::string>> distinct(nodes.begin(), nodes.end());
    std::set<std::uint64_t> ids;
    std::string names;
    for (const auto& [id, name] : distinct) ids.insert(id), names += name + "\n";
    CHECK(ids.size() == distinct.size());  // no id shared between the tabs (tab-b's key frame is written twice)
    CHECK(names.find("Query") != std::string::npos);
    CHECK(names.find("penicillin") == std::string::npos);
    CHECK(names.find("Medical history") == std::string::npos);
    CHECK(names.find("Paid with \u27e8CARD\u27e9") != std::string::npos);  // tab-b's tree was written when the person came back
    CHECK(names.find("1111") == std::string::npos);
}

TEST_CASE("--session-per browser: the tree at each action is the tab the person acts in; another tab's changes wait for them to come back") {
    Setup s;
    AgentProcess agent(s.args({"--session-per", "browser"}));
    {
        ExtensionClient c(agent.port(), s.token);
        c.send(hello("agent-test"));
        c.send(tree_message("snapshot", "tab-a", 1,
                                nlohmann::json::array({tree_node(1, 0, "main", "Shop"), tree_node(2, 1, "button", "Buy")})));
        c.send(tree_message("snapshot", "tab-b", 1,
                                nlohmann::json::array({tree_node(1, 0, "main", "Mail"), tree_node(2, 1, "button", "Send")})));
        c.send(click("tab-b", 2, 2, "page/button 'Send'"));
        // tab-a changes behind tab-b (a timer on the page), then tab-b, which is in front
        c.send(tree_message("delta", "tab-a", 2, nlohmann::json::array({tree_node(3, 1, "text", "Sale ends soon")})));
        c.send(tree_message("delta", "tab-b", 3, nlohmann::json::array({tree_node(3, 1, "text", "Draft saved")})));
        c.send(click("tab-a", 3, 2, "page/button 'Buy'"));  // the person comes back to tab-a
        c.send(click("tab-b", 4, 2, "page/button 'Send'"));  // and goes to tab-b again
        c.wait_for_ack("tab-a", 3);
        c.wait_for_ack("tab-b", 4);
    }
    agent.stop(SIGKILL);
    // A restarted agent knows no tab's tree: a tab the person acts in shows none until its page
    // sends a key frame, rather than the other tab's.
    AgentProcess again(s.args({"--session-per", "browser"}));
    {
        ExtensionClient c(again.port(), s.token);
        c.send(hello("agent-test"));
        c.send(click("tab-a", 4, 2, "page/button 'Buy'"));
        c.send(tree_message("snapshot", "tab-a", 5,
                                nlohmann::json::array({tree_node(1, 0, "main", "Shop"), tree_node(2, 1, "button", "Pay")})));
        c.send(click("tab-a", 6, 2, "page/button 'Pay'"));
        c.wait_for_ack("tab-a", 6);
    }
    CHECK(again.stop() == 0);
    // The tree as the replay rebuilds it, at each click: the names in it, and whether the
    // clicked node is one of them; the sessions of both runs in turn.
    std::vector<std::filesystem::path> files;
    for (const auto& f : std::filesystem::directory_iterator(s.out))
        if (f.path().extension() == ".semtrace") files.push_back(f.path());
    REQUIRE(files.size() == 2);
    std::sort(files.begin(), files.end(), [](const auto& a, const auto& b) {
        return std::filesystem::last_write_time(a) < std::filesystem::last_write_time(b);
    });
    std::string at_clicks;
    auto trees_at_clicks = [&](const std::filesystem::path& file) {
        replay::UiTree shown;
        for (const auto& e : events_of(file)) {
            shown.apply(e.body);
            const auto* a = std::get_if<format::Action>(&e.body);
            if (!a) continue;
            std::string names;
            for (const format::Node* n : shown.nodes()) names += (names.empty() ? "" : ", ") + n->name;
            const format::Node* clicked = shown.find(a->target.node_id);
            at_clicks += a->target.locator + " in [" + names + "]" + (clicked ? "" : " (not in the tree)") + "\n";
        }
    };
    for (const auto& file : files) trees_at_clicks(file);
    CHECK(at_clicks ==
          "page/button 'Send' in [Mail, Send]\n"
          "page/button 'Buy' in [Shop, Buy, Sale ends soon]\n"
          "page/button 'Send' in [Mail, Send, Draft saved]\n"
          "page/button 'Buy' in [] (not in the tree)\n"
          "page/button 'Pay' in [Shop, Pay]\n");
}

TEST_CASE("a tab's tree kept by the agent: in the order its nodes came, and forgotten past its bound until the next key frame") {
    agent::TabTree tree;
    CHECK_FALSE(tree.known());
    auto node = [](std::uint64_t id, std::uint64_t parent) { return format::Node{id, parent, "text", "n", {}, {}, 0}; };
    tree.change({node(1, 0)}, {});  // a delta of a tree not known: still not known
    CHECK_FALSE(tree.known());
    tree.replace({node(9, 0), node(4, 9)});
    tree.change({node(2, 4), node(9, 0)}, {4});
    std::vector<std::uint64_t> ids;
    for (const format::Node* n : tree.nodes()) ids.push_back(n->id);
    CHECK(ids == std::vector<std::uint64_t>{9, 2});
    std::vector<format::Node> many;
    for (std::uint64_t id = 1; id <= agent::TabTree::max_nodes; ++id) many.push_back(node(100 + id, 9));
    tree.change(many, {});  // 2 + max_nodes: one tab may not hold more
    CHECK_FALSE(tree.known());
    CHECK(tree.nodes().empty());
    tree.replace({node(1, 0)});
    CHECK(tree.known());
    CHECK(tree.nodes().size() == 1);
}

TEST_CASE("a tab's session that begins while its page is open asks the page for its key frame, once") {
    Setup s;
    AgentProcess agent(s.args(), AgentLimits{0, true});
    auto snapshot = [](const char* tab, std::uint64_t seq) {
        return tree_message("snapshot", tab, seq, nlohmann::json::array({tree_node(1, 0, "main", "Shop")}));
    };
    auto navigate = nlohmann::json{{"type", "action"}, {"tab", "tab-b"}, {"seq", 1}, {"site", "shop.example"}, {"action", "navigate"},
                                   {"target", {{"locator", "page 'Shop'"}}}, {"value", {{"state", "plain"}, {"text", "http://shop.example/"}}}};
    ExtensionClient c(agent.port(), s.token);
    c.send(hello("agent-test"));
    c.send(fill("tab-a", 1, "a1"));  // as after a restart of the agent: the page has long sent its key frame
    c.send(navigate);                // a page that has just loaded: its key frame comes by itself
    c.send(snapshot("tab-b", 2));
    c.send(snapshot("tab-c", 1));
    c.wait_for_ack("tab-a", 1);
    c.wait_for_ack("tab-b", 2);
    c.wait_for_ack("tab-c", 1);
    c.send(fill("tab-a", 2, "a2"));
    c.send(snapshot("tab-a", 3));
    c.send(fill("tab-a", 4, "a4"));
    c.wait_for_ack("tab-a", 4);
    CHECK(c.key_frames_asked("tab-a") == 1);
    CHECK(c.key_frames_asked("tab-b") == 0);
    CHECK(c.key_frames_asked("tab-c") == 0);
    CHECK(agent.stop() == 0);
    CHECK_MESSAGE(closing_line(agent.said()).find(" 1 key frames asked of pages open before them,") != std::string::npos, agent.said());
}
