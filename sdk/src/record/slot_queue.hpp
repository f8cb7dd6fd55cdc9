// slot_queue.hpp — bounded lock-free queue of fixed-size event slots: many recording threads, one pipeline thread.
//
// Dmitry Vyukov's bounded MPMC design reduced to one consumer: each slot carries a turn
// counter, so a producer claims a slot with one compare-and-swap on the tail and publishes
// it with one release store; nothing allocates, locks or calls the kernel. When every
// slot is taken, try_claim fails at once and the caller decides (drop and count, or wait).
#pragma once

#include <atomic>
#include <cstddef>
#include <cstdint>
#include <memory>

namespace semtrace::detail {

template <class Slot>
class SlotQueue {
public:
    // capacity is rounded up to a power of two.
    explicit SlotQueue(std::size_t capacity) {
        std::size_t size = 2;
        while (size < capacity) size <<= 1;
        mask_ = size - 1;
        slots_ = std::make_unique<Cell[]>(size);
        for (std::size_t i = 0; i < size; ++i) slots_[i].turn.store(i, std::memory_order_relaxed);
    }

    std::size_t capacity() const noexcept { return mask_ + 1; }

    // Claims the next free slot for writing, or returns nullptr when the queue is full or
    // closed. The claimed slot must be published with publish(); until then the consumer waits
    // at it.
    Slot* try_claim(std::uint64_t& ticket) noexcept {
        std::uint64_t pos = tail_.load(std::memory_order_relaxed);
        for (;;) {
            if (pos & closed_bit) return nullptr;
            Cell& cell = slots_[pos & mask_];
            std::uint64_t turn = cell.turn.load(std::memory_order_acquire);
            auto diff = static_cast<std::int64_t>(turn - pos);
            if (diff == 0) {
                if (tail_.compare_exchange_weak(pos, pos + 1, std::memory_order_relaxed)) {
                    ticket = pos;
                    // The next call's cell, brought near while the caller fills this one.
                    const char* next = reinterpret_cast<const char*>(&slots_[(pos + 1) & mask_]);
                    __builtin_prefetch(next, 1);
                    __builtin_prefetch(next + 64, 1);
                    return &cell.slot;
                }
            } else if (diff < 0) {
                return nullptr;
            } else {
                pos = tail_.load(std::memory_order_relaxed);
            }
        }
    }

    void publish(std::uint64_t ticket) noexcept {
        slots_[ticket & mask_].turn.store(ticket + 1, std::memory_order_release);
    }

    // Consumer side (one thread only): the oldest published slot, or nullptr.
    Slot* front() noexcept {
        Cell& cell = slots_[head_ & mask_];
        return cell.turn.load(std::memory_order_acquire) == head_ + 1 ? &cell.slot : nullptr;
    }
    void pop() noexcept {
        slots_[head_ & mask_].turn.store(head_ + mask_ + 1, std::memory_order_release);
        ++head_;
    }
    // Slots claimed since the queue was made (each claim is one accepted event).
    std::uint64_t claimed() const noexcept { return tail_.load(std::memory_order_relaxed) & ~closed_bit; }
    // Consumer side: slots taken since the queue was made.
    std::uint64_t taken() const noexcept { return head_; }
    // True when no slot has been claimed beyond what the consumer has taken.
    bool drained() const noexcept { return (tail_.load(std::memory_order_acquire) & ~closed_bit) == head_; }

    // No claim succeeds once this returns; a slot claimed before it is still published, and the
    // consumer that sees closed() and then drained() has taken every claimed slot. A flag read
    // before claiming could not promise that: a producer that read it just before it was set
    // claimed after the consumer's last look, and its accepted event was never taken.
    void close() noexcept { tail_.fetch_or(closed_bit, std::memory_order_acq_rel); }
    bool closed() const noexcept { return tail_.load(std::memory_order_acquire) & closed_bit; }

private:
    // Cache-line aligned: a cell that straddled lines shared one with its neighbour, so a
    // producer writing one slot took the line from the consumer reading the one before.
    struct alignas(64) Cell {
        std::atomic<std::uint64_t> turn{0};
        Slot slot;
    };

    // In the tail: a claim's compare-and-swap fails once it is set, with no other word to read.
    static constexpr std::uint64_t closed_bit = std::uint64_t{1} << 63;

    std::unique_ptr<Cell[]> slots_;
    std::size_t mask_ = 0;
    alignas(64) std::atomic<std::uint64_t> tail_{0};
    alignas(64) std::uint64_t head_ = 0;
};

}  // namespace semtrace::detail
