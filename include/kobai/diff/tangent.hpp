#pragma once
// The tangent line y = f'(a)(x − a) + f(a) of the seed notes, and its generalisation to several
// variables, the tangent plane z = f(a) + Σ ∂f/∂xᵢ(a)(xᵢ − aᵢ), written as slopes and an intercept:
//   x^2 at x = 3            → y = 6*x - 9
//   x^2 + y^2 at (−2, 2)    → z = -4*x + 4*y - 8
// Slopes are exact by default (the symbolic derivative evaluated at the point). The seed computed
// them by a difference quotient; method = central with h = 1e-4 reproduces the book's numbers
// (slope 0.1999999999990898 at x = 5 for 0.01x^2 + 0.1x).
#include <optional>
#include <span>
#include <string>
#include <vector>

#include "kobai/diff/numeric.hpp"
#include "kobai/expr/parse.hpp"

namespace kobai {

/// How tangent() computes the slopes.
struct tangent_options {
  /// nullopt (default): exact, the symbolic derivative evaluated at the point. Otherwise a
  /// finite-difference scheme on the compiled formula (kobai/diff/numeric.hpp).
  std::optional<fd_scheme> scheme = std::nullopt;
  /// The difference step; nullopt gives the scheme's default_step. Only with a scheme.
  std::optional<double> h = std::nullopt;
  /// Without a scheme: true takes the slopes from the tape's reverse sweep (exact to rounding,
  /// the one-sided conventions at kinks) instead of the symbolic derivative.
  bool reverse_mode = false;
};

/// The tangent line (one variable) or (hyper)plane at a point.
struct tangent_result {
  std::vector<std::string> variables;  ///< in the order of `point`
  std::vector<double> point;           ///< a
  double value = 0;                    ///< f(a)
  std::vector<double> slopes;          ///< ∂f/∂xᵢ(a)
  double intercept = 0;                ///< f(a) − Σ slopeᵢ·aᵢ
  std::string label;                   ///< y for one variable, z for two, f beyond (or the next
                                       ///< free name when the formula uses it)
  expr equation;                       ///< Σ slopeᵢ·xᵢ + intercept, in variable order
  /// A symbolic slope was 0/0 at a kink of abs, relu, min or max (symbolic.hpp) and the slope
  /// is the tape's one-sided convention there (abs'(0) = 0, …), a subgradient at the kink.
  bool kink_convention = false;
};

/// The tangent of f at `point` (values of f.variables() in natural order). Throws usage_error
/// for a formula without variables or a wrong point, numerical_error (naming the operation) when
/// f or a slope is not finite there.
tangent_result tangent(const formula& f, std::span<const double> point,
                       const tangent_options& options = {});

}  // namespace kobai
