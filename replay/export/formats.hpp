// formats.hpp — the lines an exported task becomes: our trajectory JSONL, or chat messages with tool calls for fine-tuning.
#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "trajectories.hpp"

namespace semtrace::dataset {

// docs/export.md describes each and cites the schema it follows.
enum class Format { trajectory, chat, adp, mind2web };
std::optional<Format> parse_format(std::string_view name);
const char* name_of(Format format);

// Where lines go, in pieces: a format appends to buffer() and calls piece_done() between steps;
// the sink passes what is buffered on once it has grown, so a task of a million steps never
// sits in memory as one string.
class LineSink {
public:
    virtual ~LineSink() = default;
    std::string& buffer() noexcept { return buffer_; }
    void piece_done() {
        if (buffer_.size() >= 1 << 20) flush();
    }
    virtual void end_line() = 0;  // the buffer holds the rest of the line; the sink adds '\n'

protected:
    virtual void flush() = 0;  // hands the buffer on and clears it
    std::string buffer_;
};

// One line per task for `trajectory`, `adp` and `mind2web`; one per step for `chat`.
void format_task(Format format, const SessionRecord& session, const TaskRecord& task, LineSink& sink);

}  // namespace semtrace::dataset
