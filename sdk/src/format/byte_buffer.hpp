// byte_buffer.hpp — a growable run of bytes whose appends are a capacity check and a copy: what the compact archive writes into.
//
// Why not std::vector<char>: the archive appends a byte or a varint of one to three bytes at a
// time, several per event, and libstdc++ makes each of those an out-of-line insert (about 18
// instructions a varint, a tenth of the pipeline thread's work per action). Here the common
// case is inline and the rare growth is not; new room is not zeroed.
#pragma once

#include <cstddef>
#include <cstring>
#include <memory>
#include <span>

namespace semtrace::format {

class ByteBuffer {
public:
    char* data() noexcept { return data_.get(); }
    const char* data() const noexcept { return data_.get(); }
    std::size_t size() const noexcept { return size_; }
    bool empty() const noexcept { return size_ == 0; }
    std::span<const char> bytes() const noexcept { return {data_.get(), size_}; }

    void clear() noexcept { size_ = 0; }
    // Keeps the first `size` bytes (no more than it holds).
    void truncate(std::size_t size) noexcept {
        if (size < size_) size_ = size;
    }
    void reserve(std::size_t capacity) {
        if (capacity > capacity_) regrow(capacity);
    }

    void push_back(char c) {
        if (size_ == capacity_) grow(1);
        data_[size_++] = c;
    }
    void append(const char* p, std::size_t n) {
        if (capacity_ - size_ < n) grow(n);
        if (n != 0) std::memcpy(data_.get() + size_, p, n);
        size_ += n;
    }

private:
    [[gnu::noinline]] void grow(std::size_t more) {
        std::size_t want = size_ + more, twice = 2 * capacity_;
        regrow(want > twice ? want : (twice < 256 ? 256 : twice));
    }
    void regrow(std::size_t capacity) {
        auto bigger = std::make_unique_for_overwrite<char[]>(capacity);
        if (size_ != 0) std::memcpy(bigger.get(), data_.get(), size_);
        data_ = std::move(bigger);
        capacity_ = capacity;
    }

    std::unique_ptr<char[]> data_;
    std::size_t size_ = 0;
    std::size_t capacity_ = 0;
};

}  // namespace semtrace::format
