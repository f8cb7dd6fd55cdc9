// string_hash.hpp — StringHash: XXH3 over string views, for the string tables of the writer and the redactor.
#pragma once

#include <cstddef>
#include <string_view>

#include <xxhash.h>

namespace semtrace::format {

// XXH3: for the 20-80 byte locators that fill these tables, a third of what std::hash costs
// (one lookup per recorded action in the writer, and one in the redactor). Both tables are
// tsl::robin_map (open addressing): std::unordered_map's node per entry and prime-modulo
// buckets made the writer's lookups a fifth of its time. Transparent: a string_view finds a
// std::string key without a copy.
struct StringHash {
    using is_transparent = void;
    std::size_t operator()(std::string_view s) const noexcept { return XXH3_64bits(s.data(), s.size()); }
};

}  // namespace semtrace::format
