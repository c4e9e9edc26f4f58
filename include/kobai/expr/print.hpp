#pragma once
// Expression graph to text. Infix output uses the fewest parentheses that parse back to the same
// graph: `4*x^2 + 4*x*y + 2*y^2 + 5`, `-x^2`, `(-x)^2`, `x^-1`, `a - (b - c)`. Numbers print in the
// shortest form that reads back to the same double. LaTeX output uses \frac, x^{2},
// \sin\left(x\right) and \cdot only between two numbers.
#include <cstddef>
#include <string>

#include "kobai/expr/expr.hpp"

namespace kobai {

struct print_limits {
  /// Shared subexpressions are written out in full, so a small graph can print to a huge string;
  /// past this many characters printing throws usage_error instead.
  std::size_t max_length = std::size_t{256} << 20;
};

/// `4*x^2 + 4*x*y + 2*y^2 + 5`
std::string to_string(expr e, const print_limits& limits = {});
/// `4 x^{2} + 4 x y + 2 y^{2} + 5`
std::string to_latex(expr e, const print_limits& limits = {});
/// A number as the infix printer writes it: the shortest text that reads back to the same double.
std::string format_number(double v);

}  // namespace kobai
