#pragma once
// Text to expression graph. Grammar (see docs/language.md):
//   numbers 3 0.5 .5 1e-4 2.5E+3; constants pi, e; variables [A-Za-z_][A-Za-z_0-9]* and x[0];
//   + - * / and ^ or ** (right-associative, -x^2 = -(x^2), 2^-1 allowed); unary + and -;
//   implicit multiplication after a number (4x^2, 2(x+1), 3sin(x)) and between ")(";
//   functions sin cos tan asin acos atan atan2(y,x) sinh cosh tanh exp log log10 log2 sqrt cbrt
//   abs pow(a,b) hypot(a,b) min(a,b) max(a,b) sigmoid softplus relu erf.
// The parser is an operator-precedence (shunting-yard) loop: no recursion, so input depth cannot
// overflow the stack; parentheses nested deeper than max_nesting are refused with a message.
#include <cstddef>
#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

#include "kobai/expr/expr.hpp"

namespace kobai {

/// Values of variables by name.
using assignment = std::map<std::string, double, std::less<>>;

/// Limits on what the parser accepts.
struct parse_limits {
  std::size_t max_length = std::size_t{64} << 20;  ///< bytes of formula text (64 MiB)
  std::size_t max_nesting = 1000;                  ///< depth of nested parentheses and calls
};

/// A parsed formula: the graph plus the text it came from, so that errors found later (a domain
/// error during evaluation) can point at a column.
class formula {
 public:
  formula() = default;
  formula(expr root, std::string text, std::unordered_map<std::uint32_t, std::size_t> offsets)
      : root_(root), text_(std::move(text)), offsets_(std::move(offsets)) {}

  expr root() const noexcept { return root_; }
  const std::string& text() const noexcept { return text_; }
  /// Byte offset in text() of the first token that produced `node`, if it came from the text.
  std::optional<std::size_t> offset_of(expr node) const;
  /// Variable names in natural order.
  std::vector<std::string> variables() const { return kobai::variables(root_); }
  /// The value at `at`. Throws usage_error for a missing variable and numerical_error (naming
  /// the first operation that produced NaN or infinity, its argument and its column) when the
  /// result is not finite.
  double evaluate(const assignment& at) const;

 private:
  expr root_;
  std::string text_;
  std::unordered_map<std::uint32_t, std::size_t> offsets_;
};

/// Parses `text`. Throws parse_error with the position and what was expected.
formula parse(std::string_view text, const parse_limits& limits = {});

/// 1-based line and column (in characters, not bytes) of a byte offset in `text`.
struct text_position {
  std::size_t line, column;
};
text_position position_of(std::string_view text, std::size_t offset);

/// The line of `text` holding `offset` and a caret line under that character, for messages:
///   4*x^^2
///       ^
std::string caret_excerpt(std::string_view text, std::size_t offset);

}  // namespace kobai
