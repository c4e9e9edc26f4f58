#pragma once
// Checking a hand-written gradient against finite differences, the first thing to do before
// handing a value-and-gradient function to an optimizer.
//
//   const auto report = check_gradient(my_value_and_gradient, x0);
//   if (!report.passed) std::cerr << "component " << report.worst << " is wrong\n";
//
// Component i passes when
//   |gᵢ − dᵢ| ≤ rtol·max(|gᵢ|, |dᵢ|) + atol·max(|f(x)|, 1)
// where gᵢ is the user's partial and dᵢ the difference approximation (central by default, whose
// error at the default step is about 1e-10·max(|f|, 1) for well-scaled functions). A wrong
// gradient is an ordinary outcome: the result says so, nothing is thrown.
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
  /// Absolute tolerance, multiplied by max(|f(x)|, 1) so that it follows the scale of f: covers
  /// partials near 0, where the difference has an absolute error of order ε^(2/3)·|f|.
  /// Default 1e-6, valid ≥ 0.
  double atol = 1e-6;
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
  double allowed;  ///< rtol·max(|gᵢ|, |dᵢ|) + atol·max(|f(x)|, 1)
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
