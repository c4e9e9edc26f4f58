#pragma once
// Checking a hand-written gradient against finite differences, the first thing to do before
// handing a value-and-gradient function to an optimizer.
//
//   const auto report = check_gradient(my_value_and_gradient, x0);
//   if (!report.passed) std::cerr << "component " << report.worst << " is wrong\n";
//
// Component i passes when
//   |gᵢ − dᵢ| ≤ rtol·max(|gᵢ|, |dᵢ|) + atol + rounding + truncation
// where gᵢ is the user's partial and dᵢ the difference approximation at step h (central by
// default). The last two terms are the error dᵢ may carry whatever the gradient, estimated from
// the values actually taken:
//   rounding   = 20·ε·max|f(stencil)|/h  (each value rounded to a few ulps of |f|; Nocedal &
//                Wright, 2nd ed., §8.1, bound the central difference's rounding by ε·|f|/h)
//   truncation = |dᵢ(h) − dᵢ(2h)|         (Richardson: its own error estimate)
// so adding a constant to f widens the tolerance only by the rounding that constant causes in
// the values. While that rounding exceeds what rtol and atol ask to resolve, the step grows
// tenfold (at most four times, stopping once truncation dominates), since only a longer step
// resolves a derivative of a function with a large constant part. A wrong gradient is an
// ordinary outcome: the result says so, nothing is thrown.
#include <cstddef>
#include <functional>
#include <optional>
#include <span>
#include <vector>

#include "kobai/diff/numeric.hpp"

namespace kobai {

/// f(x), with ∇f(x) written into g (g.size() == x.size()).
using value_gradient_function =
    std::function<double(std::span<const double> x, std::span<double> g)>;

/// How check_gradient compares.
struct gradient_check_options {
  /// Relative tolerance: the allowed error grows with the size of the partial. Default 1e-6,
  /// valid ≥ 0.
  double rtol = 1e-6;
  /// Absolute tolerance, in units of the partial. (The difference's own rounding and truncation
  /// are allowed for apart, so this need not follow the scale of f.) Default 1e-8, valid ≥ 0.
  double atol = 1e-8;
  /// The difference scheme (complex_step is not available for a function of doubles).
  fd_scheme scheme = fd_scheme::central;
  /// The step; default_step(scheme, xᵢ) when empty.
  std::optional<double> h = {};
};

/// One component of the comparison.
struct gradient_check_entry {
  double user;     ///< gᵢ, the user's partial
  double numeric;  ///< dᵢ, by differences
  double error;    ///< |gᵢ − dᵢ|
  double allowed;  ///< rtol·max(|gᵢ|, |dᵢ|) + atol + rounding + truncation (see above)
  bool passed;     ///< error ≤ allowed (false when either value is NaN)
};

/// The verdict of check_gradient.
struct gradient_check_result {
  bool passed;                                ///< every component passed
  std::size_t worst;                          ///< the component with the largest error/allowed
  double worst_ratio;                         ///< its error/allowed (≤ 1 when passed)
  double value;                               ///< f(x) as the user's function returned it
  std::vector<gradient_check_entry> entries;  ///< one per variable
};

/// Compares the gradient `fg` computes at x with differences of its value. Throws usage_error for
/// invalid options (naming the field) and for complex_step.
gradient_check_result check_gradient(const value_gradient_function& fg, std::span<const double> x,
                                     const gradient_check_options& options = {});

}  // namespace kobai
