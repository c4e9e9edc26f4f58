// Cross-checks on thousands of random smooth formulas at random points (fixed seed): the tape's
// reverse-mode gradient against central, Richardson and complex-step differences, the tape's
// forward-over-reverse Hessian against central differences of the tape gradient, the tape value
// against the reference evaluator, and batch values (the unfused instructions) against single
// values (the fused program, tape_fuse.cpp) bit for bit.
#include <gtest/gtest.h>

#include <cmath>
#include <random>
#include <string>
#include <vector>

#include "kobai/diff/numeric.hpp"
#include "kobai/eval/tape.hpp"
#include "kobai/expr/evaluate.hpp"
#include "kobai/expr/print.hpp"

namespace kobai {
namespace {

constexpr int formulas = 2000;
const std::vector<std::string> names{"x", "y", "z"};

// A random formula of bounded depth that is smooth and finite on [-1, 1]³: logarithms, roots
// and quotients only of expressions kept away from their singularities.
class formula_generator {
 public:
  explicit formula_generator(unsigned seed) : rng_(seed) {}

  expr make(int depth) {
    if (depth == 0 || pick(4) == 0) return leaf();
    const expr u = make(depth - 1);
    switch (pick(19)) {
      case 0:
        return u + make(depth - 1);
      case 1:
        return u - make(depth - 1);
      case 2:
        return u * make(depth - 1);
      case 3:
        return u / (expr::constant(2.5) + expr::unary(op::sin, make(depth - 1)));
      // Integer powers of a leaf or a sum of two leaves only: nested powers like sin(((x+1)^4)^5)
      // oscillate so fast that they are not the well-scaled functions these tolerances are for.
      case 4:
        return pow(shallow(), expr::constant(2));
      case 5:
        return pow(shallow(), expr::constant(static_cast<double>(3 + pick(2))));
      case 6:
        return expr::unary(op::sin, u);
      case 7:
        return expr::unary(op::cos, u);
      case 8:
        return expr::unary(op::exp, expr::unary(op::tanh, u) * expr::constant(2));
      case 9:
        return expr::unary(op::log, expr::constant(1) + pow(u, expr::constant(2)));
      case 10:
        return expr::unary(op::sqrt, expr::constant(1) + pow(u, expr::constant(2)));
      case 11:
        return expr::unary(op::atan, u);
      case 12:
        return expr::unary(op::sigmoid, u);
      case 13:
        return expr::unary(op::erf, u);
      case 14:
        return pow(expr::constant(1.5) + expr::unary(op::sin, u),
                   expr::unary(op::atan, make(depth - 1)));
      // Unary minus inside products and sums: the fused tape moves it into a term's sign.
      case 16:
        return -u * make(depth - 1);
      case 17:
        return make(depth - 1) - (-(u + make(depth - 1)));
      case 15:
        return expr::binary(op::atan2, u,
                            expr::constant(2) + expr::unary(op::cos, make(depth - 1)));
      default:
        return expr::binary(op::hypot, u,
                            expr::constant(0.5) + pow(make(depth - 1), expr::constant(2)));
    }
  }

  std::vector<double> point() {
    std::uniform_real_distribution<double> u(-1.0, 1.0);
    return {u(rng_), u(rng_), u(rng_)};
  }

 private:
  expr shallow() { return pick(2) == 0 ? leaf() : leaf() + expr::constant(0.5); }
  int pick(int n) { return std::uniform_int_distribution<int>(0, n - 1)(rng_); }
  expr leaf() {
    if (pick(3) == 0)
      return expr::constant(std::uniform_real_distribution<double>(-2.0, 2.0)(rng_));
    return expr::variable(names[static_cast<std::size_t>(pick(3))]);
  }
  std::mt19937 rng_;
};

TEST(tape_crosscheck, gradient_agrees_with_central_richardson_and_complex_step) {
  formula_generator gen(20261122);
  for (int k = 0; k < formulas; ++k) {
    const expr e = gen.make(5);
    const tape t = compile(e, names);
    const std::vector<double> x = gen.point();
    std::vector<double> g(3);
    t.value_and_gradient(x, g);
    const std::string shown = to_string(e);
    for (std::size_t i = 0; i < 3; ++i) {
      // Stated tolerances, scaled by 1 + |∂f/∂xᵢ|:
      //   central (default step)    1e-7   (h ~ 6e-6: truncation h²|f'''|/6 plus rounding ε|f|/h)
      //   Richardson                its own error estimate, plus 1e-13 for the tape's rounding
      //   complex step              1e-13  (both exact to rounding; the formulas differ in order)
      const double scale = 1.0 + std::fabs(g[i]);
      const double central = fd_derivative(t, x, i, fd_scheme::central).value;
      EXPECT_LE(std::fabs(central - g[i]), 1e-7 * scale) << shown << " ∂/∂" << names[i];
      const fd_result r = fd_derivative(t, x, i, fd_scheme::richardson);
      EXPECT_LE(std::fabs(r.value - g[i]), r.error_estimate + 1e-13 * scale)
          << shown << " ∂/∂" << names[i];
      const double cs = fd_derivative(t, x, i, fd_scheme::complex_step).value;
      EXPECT_LE(std::fabs(cs - g[i]), 1e-13 * scale) << shown << " ∂/∂" << names[i];
    }
  }
}

TEST(tape_crosscheck, hessian_agrees_with_differences_of_the_gradient) {
  formula_generator gen(7);
  for (int k = 0; k < formulas; ++k) {
    const expr e = gen.make(5);
    const tape t = compile(e, names);
    const std::vector<double> x = gen.point();
    const std::vector<double> H = t.hessian(x);
    const std::vector<double> fd = fd_hessian_from_gradient(
        [&t](std::span<const double> p, std::span<double> g) { t.value_and_gradient(p, g); }, x);
    for (std::size_t i = 0; i < 9; ++i) {
      EXPECT_EQ(H[i], H[(i % 3) * 3 + i / 3]);  // symmetric
      // Central differences of an exact gradient, h = ∛ε·max(|x|,1): 1e-6 · (1 + |Hᵢⱼ|).
      EXPECT_LE(std::fabs(H[i] - fd[i]), 1e-6 * (1.0 + std::fabs(H[i]))) << to_string(e);
    }
  }
}

TEST(tape_crosscheck, value_agrees_with_the_evaluator_and_batch_with_single_values) {
  formula_generator gen(99);
  for (int k = 0; k < formulas; ++k) {
    const expr e = gen.make(5);
    const tape t = compile(e, names);
    std::vector<double> points;
    for (int p = 0; p < 70; ++p) {  // more than one block of values()
      const auto x = gen.point();
      points.insert(points.end(), x.begin(), x.end());
    }
    std::vector<double> batch(70);
    t.values(points, batch);
    for (std::size_t p = 0; p < 70; ++p) {
      const std::span<const double> x(points.data() + 3 * p, 3);
      const double v = t.value(x);
      EXPECT_EQ(batch[p], v) << to_string(e);
      const double reference = evaluate(e, {{"x", x[0]}, {"y", x[1]}, {"z", x[2]}});
      // x^n by repeated multiplication differs from pow by a few ulps.
      EXPECT_LE(std::fabs(v - reference), 1e-12 * (1.0 + std::fabs(reference))) << to_string(e);
    }
  }
}

}  // namespace
}  // namespace kobai
