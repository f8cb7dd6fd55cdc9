// cmd_record.cpp — `semtrace record`: JSON-line events from standard input become a session file.
#include <cstdio>
#include <filesystem>
#include <iostream>

#include "commands.hpp"
#include "event_json.hpp"
#include "format/session_header.hpp"
#include "format/session_writer.hpp"
#include "privacy/redactor.hpp"
#include "say.hpp"

namespace semtrace::cli {

namespace {

// Opens the writer once the app is known: from the input's session line, or from the flags.
Result<std::unique_ptr<format::SessionWriter>> open_writer(const std::string& out_dir, const std::string& app,
                                                           const std::string& version, int level) {
    std::error_code ec;
    std::filesystem::create_directories(out_dir, ec);
    if (ec) return Error{"cannot create " + out_dir + ": " + ec.message()};
    format::SessionHeader header = format::new_session_header(app, version);
    format::WriterOptions options;
    options.zstd_level = level;
    return format::SessionWriter::create(std::filesystem::path(out_dir) / (header.session_id + ".semtrace"), header,
                                         options);
}

}  // namespace

int run_record(const std::string& out_dir, const std::string& app, const std::string& app_version, int level,
               const std::string& policy_file) {
    auto policy = privacy::policy_from(policy_file);
    auto redactor = policy ? privacy::Redactor::create(std::move(policy.value()))
                           : Result<std::unique_ptr<privacy::Redactor>>(policy.error());
    if (!redactor) {
        say("semtrace record: %s\n", redactor.error().message.c_str());
        return exit_failed;
    }
    std::uint64_t blocked = 0;
    std::unique_ptr<format::SessionWriter> writer;
    std::string line;
    std::uint64_t line_number = 0;
    std::int64_t last_t = 0;
    std::string failure;
    while (failure.empty() && std::getline(std::cin, line)) {
        ++line_number;
        if (line.find_first_not_of(" \t\r") == std::string::npos) continue;
        auto parsed = jsonl::parse_line(line);
        if (!parsed) {
            failure = "stdin:" + std::to_string(line_number) + ": " + parsed.error().message;
            break;
        }
        if (parsed->is_session) {
            if (writer) failure = "stdin:" + std::to_string(line_number) + ": a session line must come first";
            else if (auto w = open_writer(out_dir, parsed->session.app_name, parsed->session.app_version, level); !w)
                failure = w.error().message;
            else writer = std::move(w.value());
            continue;
        }
        if (!writer) {
            if (app.empty()) {
                failure = "stdin:" + std::to_string(line_number) +
                          ": no session line before the first event; give the app with --app NAME";
                break;
            }
            auto w = open_writer(out_dir, app, app_version, level);
            if (!w) {
                failure = w.error().message;
                break;
            }
            writer = std::move(w.value());
        }
        if (parsed->event.t_us < last_t) {
            failure = "stdin:" + std::to_string(line_number) + ": t_us " + std::to_string(parsed->event.t_us) +
                      " is earlier than the previous event's " + std::to_string(last_t);
            break;
        }
        last_t = parsed->event.t_us;
        if (!(*redactor)->apply(parsed->event.body)) {
            ++blocked;
            continue;
        }
        writer->append(parsed->event.t_us, parsed->event.body);
        if (writer->failed()) failure = writer->error().message;
    }
    if (!writer && failure.empty()) {
        if (app.empty()) failure = "stdin: no events and no session line; nothing recorded";
        else if (auto w = open_writer(out_dir, app, app_version, level); !w) failure = w.error().message;
        else writer = std::move(w.value());
    }
    if (writer) {
        auto closed = writer->close();
        if (!closed && failure.empty()) failure = closed.error().message;
        std::printf("%s\n", writer->path().c_str());
        say("semtrace record: %llu events written to %s, %llu blocked by the policy\n",
                     static_cast<unsigned long long>(writer->events_in_file()), writer->path().c_str(),
                     static_cast<unsigned long long>(blocked));
    }
    if (!failure.empty()) {
        say("semtrace record: %s%s\n", failure.c_str(),
                     writer ? " (the events before it were kept)" : "");
        return exit_failed;
    }
    return exit_ok;
}

}  // namespace semtrace::cli
