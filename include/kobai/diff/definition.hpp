#pragma once
// The derivative from its limit definition, as the seed notes derive it:
//   f'(x) = lim_{h→0} (f(x + h) − f(x))/h
//         = lim ((x + h)^2 − x^2)/h = lim ((x^2 + 2*x*h + h^2) − x^2)/h
//         = lim (2*x*h + h^2)/h = lim (2*x + h) = 2*x
// For a polynomial f(x + h) − f(x) expands to terms that each contain h, so the division by h is
// exact and the limit is the h-free part. Partial derivatives hold the other variables fixed:
// (f(x + h, y) − f(x, y))/h. Other formulas (sin, division by a variable, x^0.5) are refused: the
// limit then needs more than algebra.
#include <string>
#include <string_view>

#include "kobai/expr/expr.hpp"

namespace kobai {

/// Each stage of the derivation as a formula (terms of the expanded stages in ascending powers
/// of h, h written last in each term, as by hand).
struct limit_derivation {
  std::string variable;      ///< x
  std::string step;          ///< the name of the increment: "h", or "h1"… when h is taken
  expr f;                    ///< f(x)
  expr difference_quotient;  ///< ((x + h)^2 - x^2)/h
  expr expanded;             ///< ((x^2 + 2*x*h + h^2) - x^2)/h
  expr cancelled;            ///< (2*x*h + h^2)/h
  expr divided;              ///< 2*x + h
  expr result;               ///< 2*x: the limit h → 0, equal to derivative(f, x)
};

/// The derivation of ∂f/∂var by the limit definition. Throws usage_error when f is not a
/// polynomial (numbers, pi, e and variables combined by + − ·, whole non-negative powers and
/// division by a constant).
limit_derivation derive_by_definition(expr f, std::string_view var);

}  // namespace kobai
