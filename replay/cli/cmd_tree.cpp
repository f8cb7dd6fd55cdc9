// cmd_tree.cpp — `semtrace tree`: the UI tree the user saw at an instant of a session, as indented text.
#include <cinttypes>
#include <cstdio>
#include <limits>

#include "commands.hpp"
#include "format/session_reader.hpp"
#include "say.hpp"
#include "ui_tree.hpp"

namespace semtrace::cli {

int run_tree(const std::string& file, std::optional<std::int64_t> at_us) {
    auto reader = format::SessionReader::open(file);
    if (!reader) {
        say("semtrace tree: %s\n", reader.error().message.c_str());
        return exit_failed;
    }
    std::int64_t t = at_us.value_or(std::numeric_limits<std::int64_t>::max());
    auto tree = replay::tree_at(reader.value(), t);
    if (!tree) {
        say("semtrace tree: %s\n", tree.error().message.c_str());
        return exit_failed;
    }
    if (at_us) std::printf("# %s at %.3f s: %zu nodes\n", file.c_str(), static_cast<double>(t) / 1e6, tree->size());
    else std::printf("# %s at its end: %zu nodes\n", file.c_str(), tree->size());
    for (const std::string& line : tree->lines()) std::printf("%s\n", line.c_str());
    return exit_ok;
}

}  // namespace semtrace::cli
