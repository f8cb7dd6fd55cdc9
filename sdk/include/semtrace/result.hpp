// semtrace/result.hpp — Result<T>: a value or an Error, returned across every module edge.
#pragma once

#include <string>
#include <utility>
#include <variant>

namespace semtrace {

// Whose it is to mend. `refused`: what was asked is not allowed, and asking again will not
// change that (no consent for it, options that cannot work, recording switched off by
// SEMTRACE_DISABLE or the kill switch). `failed`: the machine could not do it (a disk, memory,
// a file, the policy or key it needs); mended there, the same request may work.
enum class ErrorKind : unsigned char { failed, refused };

// What went wrong, in one line a person can act on: what, where, why.
struct Error {
    std::string message;
    ErrorKind kind = ErrorKind::failed;
};

inline Error refusal(std::string message) { return Error{std::move(message), ErrorKind::refused}; }

// A value or an Error, like std::expected (C++23), which C++20 lacks.
// Reading value() of an error Result is a programming error and aborts in debug builds.
template <class T>
class [[nodiscard]] Result {
public:
    Result(T value) : state_(std::in_place_index<0>, std::move(value)) {}
    Result(Error error) : state_(std::in_place_index<1>, std::move(error)) {}

    bool ok() const noexcept { return state_.index() == 0; }
    explicit operator bool() const noexcept { return ok(); }

    T& value() & { return std::get<0>(state_); }
    const T& value() const& { return std::get<0>(state_); }
    T&& value() && { return std::get<0>(std::move(state_)); }
    T* operator->() { return &value(); }
    const T* operator->() const { return &value(); }
    T& operator*() & { return value(); }

    const Error& error() const { return std::get<1>(state_); }

private:
    std::variant<T, Error> state_;
};

// Result of an operation that returns nothing on success.
template <>
class [[nodiscard]] Result<void> {
public:
    Result() = default;
    Result(Error error) : error_(std::move(error)), failed_(true) {}

    bool ok() const noexcept { return !failed_; }
    explicit operator bool() const noexcept { return ok(); }
    const Error& error() const { return error_; }

private:
    Error error_;
    bool failed_ = false;
};

}  // namespace semtrace
