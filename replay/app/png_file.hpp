// png_file.hpp — writing and reading RGBA PNG files (libpng), for screenshot mode and its tests.
#pragma once

#include <cstdint>
#include <filesystem>
#include <vector>

#include "semtrace/result.hpp"

namespace semtrace::replay_app {

struct Image {
    int width = 0, height = 0;
    std::vector<std::uint8_t> rgba;  // rows top to bottom
};

Result<void> write_png(const std::filesystem::path& path, const Image& image);
Result<Image> read_png(const std::filesystem::path& path);

}  // namespace semtrace::replay_app
