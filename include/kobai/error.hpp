#pragma once
// Exceptions are for misuse and bad input; ordinary outcomes (an optimizer that did not converge)
// are values. The command line maps parse_error and usage_error to exit code 2 and
// numerical_error to exit code 3.
#include <cstddef>
#include <stdexcept>
#include <string>

namespace kobai {

/// Base of every exception kobai throws.
class error : public std::runtime_error {
 public:
  using std::runtime_error::runtime_error;
};

/// A formula that does not follow the grammar. `line` and `column` are 1-based; `offset` is the
/// 0-based byte offset into the source text.
class parse_error : public error {
 public:
  parse_error(std::string message, std::string source, std::size_t offset, std::size_t line,
              std::size_t column)
      : error(std::move(message)),
        source_(std::move(source)),
        offset_(offset),
        line_(line),
        column_(column) {}
  const std::string& source() const noexcept { return source_; }
  std::size_t offset() const noexcept { return offset_; }
  std::size_t line() const noexcept { return line_; }
  std::size_t column() const noexcept { return column_; }

 private:
  std::string source_;
  std::size_t offset_, line_, column_;
};

/// Arguments that are wrong for the call (unknown variable, dimension mismatch, bad option value).
class usage_error : public error {
 public:
  using error::error;
};

/// A computation whose result is not a finite number (log(-1), overflow, a Hessian of NaN).
class numerical_error : public error {
 public:
  using error::error;
};

}  // namespace kobai
