// atomic_file.hpp — writing a small file so that readers see the old content or the new, never half: temp file, fsync, rename.
#pragma once

#include <filesystem>
#include <string_view>
#include <sys/types.h>

#include "semtrace/result.hpp"

namespace semtrace::format {

// Writes `text` to FILE.tmp with `mode`, syncs it and renames it over `file`. On failure the
// temp file is removed, `file` is as it was, and the error names the file and the reason.
Result<void> write_file_atomically(const std::filesystem::path& file, std::string_view text, mode_t mode = 0644);

}  // namespace semtrace::format
