// formats.hpp — the lines an exported task becomes: our trajectory JSONL, or chat messages with tool calls for fine-tuning.
#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "trajectories.hpp"

namespace semtrace::dataset {

// docs/export.md describes each and cites the schema it follows.
enum class Format { trajectory, chat };
std::optional<Format> parse_format(std::string_view name);
const char* name_of(Format format);

// One line for `trajectory` (the whole task); one per step for `chat`. No trailing newline.
std::vector<std::string> format_task(Format format, const SessionRecord& session, const TaskRecord& task);

}  // namespace semtrace::dataset
