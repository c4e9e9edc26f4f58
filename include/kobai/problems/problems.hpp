#pragma once
// Test problems that know their answer (after ensmallen's problems/): each one carries its formula
// as kobai text, so the command line can run it, its standard start, and its known minima.
//
// The 35 problems of Moré, Garbow & Hillstrom, "Testing Unconstrained Optimization Software", ACM
// TOMS 7(1):17–41, 1981 (numbered as in the paper; f = Σ fᵢ², no ½), and the 2-D classics learners
// meet (Booth, Himmelblau, Matyas, three-hump camel, Goldstein–Price; Rosenbrock and Beale are MGH
// 1 and 5). Variables are x1, x2, …, xn, so natural order is the paper's order.
//
//   const auto* p = kobai::problems::find_problem("rosenbrock");
//   kobai::formula f = kobai::parse(p->formula);     // 100*(x2 - x1^2)^2 + (1 - x1)^2
//   p->start;                                        // (-1.2, 1)
//   p->f_star();                                     // 0
#include <Eigen/Core>
#include <cstddef>
#include <limits>
#include <string>
#include <string_view>
#include <vector>

namespace kobai::problems {

/// A known minimum of a problem.
struct minimum {
  /// The minimizer; empty when only the value is published (Biggs' local solution, an infimum at
  /// infinity).
  Eigen::VectorXd x;
  /// f at the minimizer, as published, or computed in 40-digit arithmetic from the published
  /// approximate minimizer refined by Newton's method (see `note`).
  double f = 0;
  /// True for the global minimum (the smallest value known), false for a local one.
  bool global = true;
  /// True when `x` is given to full double precision, so ∇f(x) ≈ 0 can be checked.
  bool exact = false;
  /// False when `x` is one of many minimizers with this value that are not all listed (Box 3-D's
  /// x1 = x2, x3 = 0; the hyperplane of linear rank 1): a run can reach the value far from `x`.
  bool isolated = true;
  /// True when f does not change as x's coordinates are reordered (Chebyquad), so that every
  /// reordering of `x` is a minimizer too; a run is compared with the one in its own order.
  bool any_order = false;
  /// Where the numbers come from, and conditions ("at infinity", "any x with Σ j·xⱼ = …").
  std::string note;
};

/// One test problem with its data.
struct problem {
  std::string name;   ///< lookup key, lower case with underscores: "rosenbrock", "helical_valley"
  std::string title;  ///< as printed in the literature: "Helical valley"
  int mgh = 0;        ///< number in Moré–Garbow–Hillstrom (1..35), 0 for the other classics
  std::size_t n = 0;  ///< number of variables
  std::size_t m = 0;  ///< number of residuals (f = Σ fᵢ²); 0 when f is not a sum of squares
  /// The objective as kobai text over x1..xn; sums are written out for this n and m. Compile it
  /// over variables(), not the formula's own variables: MGH 34 does not use x1 and xn.
  std::string formula;
  /// The residuals fᵢ as kobai text (empty for problems that are not least squares).
  std::vector<std::string> residuals;
  Eigen::VectorXd start;            ///< standard start x0
  std::vector<minimum> minima;      ///< global first, then published local minima
  bool variable_dimension = false;  ///< n (or m) can be chosen with make_problem
  std::string note;                 ///< source, conventions chosen (which m), caveats

  /// Variable names x1..xn, in the order of `start`.
  std::vector<std::string> variables() const;
  /// The smallest known value f* (the first minimum), NaN when none is known for this n.
  double f_star() const {
    return minima.empty() ? std::numeric_limits<double>::quiet_NaN() : minima.front().f;
  }
};

/// True when f is within 1e-6 of m.f, relative, or absolute where |m.f| < 1: the tolerance by
/// which bench/peer_bench.cpp counts a run as solved. It says nothing of x: on Penalty I (f* =
/// 2.25e-5) a point 4 % above f*, 0.11 from the minimizer, passes.
bool value_matches(const minimum& m, double f);

/// True when x is within 1e-2·max(1, ‖m.x‖∞) of m's listed minimizer in every coordinate, which
/// tells apart minima with the same value (the three-hump camel's two mirror images) and allows
/// for minimizers published to a few digits. False when no minimizer of x's size is listed.
bool near_minimizer(const minimum& m, const Eigen::VectorXd& x);

/// m's minimizer in x's order: m.x itself, or for a minimum found in any order (any_order) m.x's
/// coordinates rearranged so that they rank as x's do (the smallest where x has its smallest).
Eigen::VectorXd minimizer_like(const minimum& m, const Eigen::VectorXd& x);

/// The listed minimum a run that ended at (x, f) reached, or nullptr; what `kobai minimize` labels
/// "global" or "local", so it must not name a minimum the run is not at:
/// - a minimum with an isolated listed minimizer is reached when value_matches and near_minimizer
///   hold; of several (Himmelblau's four), the nearest;
/// - one whose minimizers are not all listed (!isolated) by f alone, to 1e-6·max(|m.f|, 1e-4):
///   relative, as no absolute scale is known, down to an absolute 1e-10 near f = 0, above the
///   f − f* ≈ ‖g‖²/(2λ) ≈ 5e-11 that a run stopped at ‖g‖∞ = 1e-5 leaves where λ ≈ 1;
/// - one published only as a value (to 6 digits, so no tighter than value_matches) by f alone.
/// Under bounds (lower, upper, empty for none) the minima are the unbounded problem's: a listed
/// minimizer outside the box cannot be reached and is skipped; reaching a !isolated value inside
/// the box still reaches that minimum, as f ≥ f* everywhere.
const minimum* reached_minimum(const problem& p, const Eigen::VectorXd& x, double f,
                               const Eigen::VectorXd& lower = {},
                               const Eigen::VectorXd& upper = {});

/// True when p lists a minimizer of f* (the global value) and every one it lists lies outside the
/// box [lower, upper]: the bounded run cannot end at any of them.
bool global_minimizers_outside(const problem& p, const Eigen::VectorXd& lower,
                               const Eigen::VectorXd& upper);

/// Every problem with its default dimensions, MGH 1..35 first, then the 2-D classics.
const std::vector<problem>& all();

/// The problem called `name` (its name, or "mgh7" for MGH 7), or nullptr.
const problem* find_problem(std::string_view name);

/// The problem called `name` with n variables and m residuals (m = 0: its default for this n).
/// Only for problems with variable_dimension (n, or m alone for Gulf, Box 3-D, Jennrich–Sampson,
/// Brown–Dennis and Biggs EXP6, where MGH leave it free); throws usage_error naming the invalid
/// value (e.g. extended Rosenbrock needs an even n, Watson 2 ≤ n ≤ 31, Gulf 3 ≤ m ≤ 100). Minima
/// that depend on n or m are listed when known in closed form or published for that size.
problem make_problem(std::string_view name, std::size_t n, std::size_t m = 0);

}  // namespace kobai::problems
