// png_file.cpp — RGBA images to and from PNG through libpng's simplified API.
#include <png.h>

#include "png_file.hpp"

namespace semtrace::replay_app {

Result<void> write_png(const std::filesystem::path& path, const Image& image) {
    png_image png{};
    png.version = PNG_IMAGE_VERSION;
    png.width = static_cast<png_uint_32>(image.width);
    png.height = static_cast<png_uint_32>(image.height);
    png.format = PNG_FORMAT_RGBA;
    if (!png_image_write_to_file(&png, path.c_str(), 0, image.rgba.data(), 0, nullptr))
        return Error{path.string() + ": cannot write the PNG: " + png.message};
    return {};
}

Result<Image> read_png(const std::filesystem::path& path) {
    png_image png{};
    png.version = PNG_IMAGE_VERSION;
    if (!png_image_begin_read_from_file(&png, path.c_str())) return Error{path.string() + ": not a PNG: " + png.message};
    png.format = PNG_FORMAT_RGBA;
    Image image;
    image.width = static_cast<int>(png.width);
    image.height = static_cast<int>(png.height);
    image.rgba.resize(PNG_IMAGE_SIZE(png));
    if (!png_image_finish_read(&png, nullptr, image.rgba.data(), 0, nullptr))
        return Error{path.string() + ": cannot read the PNG: " + png.message};
    return image;
}

}  // namespace semtrace::replay_app
