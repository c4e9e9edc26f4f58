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
/// which bench/peer_bench.cpp counts a run as solved.
bool value_matches(const minimum& m, double f);

/// The listed minimum a run that ended at (x, f) reached, or nullptr: a global minimum when f
/// matches its value (every point with that value is a global minimizer), else a local one whose
/// value f matches and, when its minimizer is listed, whose minimizer x is near: within
/// 1e-2·max(1, ‖x*‖∞) in every coordinate, which tells apart minima with the same value (the
/// three-hump camel's two mirror images) and allows for minimizers published to a few digits.
const minimum* reached_minimum(const problem& p, const Eigen::VectorXd& x, double f);

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
