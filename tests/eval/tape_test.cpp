#include "kobai/eval/tape.hpp"

#include <gtest/gtest.h>

#include <bit>
#include <cmath>
#include <complex>
#include <limits>
#include <string>

#include "kobai/diff/numeric.hpp"
#include "kobai/diff/symbolic.hpp"
#include "kobai/error.hpp"
#include "kobai/expr/evaluate.hpp"

#include "kobai/expr/parse.hpp"
#include "kobai/expr/print.hpp"

namespace kobai {
namespace {

TEST(tape, value_and_gradient_of_the_seed_quadratic) {
  const tape t = compile(parse("4x^2 + 4x*y + 2y^2 + 5").root());
  const std::vector<double> x{1.0, 2.0};
  std::vector<double> g(2);
  EXPECT_EQ(t.value(x), 25.0);
  EXPECT_EQ(t.value_and_gradient(x, g), 25.0);
  EXPECT_EQ(g[0], 16.0);  // 8x + 4y
  EXPECT_EQ(g[1], 12.0);  // 4x + 4y
}

}  // namespace
}  // namespace kobai

namespace kobai {
namespace {

TEST(tape, hessian_of_the_seed_quadratic_is_exact) {
  const tape t = compile(parse("4x^2 + 4x*y + 2y^2 + 5").root());
  EXPECT_EQ(t.hessian(std::vector{1.0, 2.0}), (std::vector<double>{8, 4, 4, 4}));
}

TEST(tape, peepholes_fold_constants_and_turn_squares_into_products) {
  // 4x^2 + 4x*y + 2y^2 + 5: x·x, 4·(x·x), 4·x, (4x)·y, +, y·y, 2·(y·y), +, + 5.
  EXPECT_EQ(compile(parse("4x^2 + 4x*y + 2y^2 + 5").root()).size(), 9u);
  // 2^3 and -(1/4) fold to constants; x^1 is x itself.
  const tape t = compile(parse("2^3*x + -(1/4) + x^1").root());
  EXPECT_EQ(t.size(), 3u);
  EXPECT_EQ(t.value(std::vector{2.0}), 17.75);
  EXPECT_EQ(compile(parse("x^1").root()).size(), 0u);
  EXPECT_EQ(compile(parse("2*pi").root()).value({}), 2 * pi_value);
}

TEST(tape, integer_powers_and_their_derivatives) {
  const tape t = compile(parse("x^3 + x^-2 + x^0").root());
  std::vector<double> g(1);
  EXPECT_DOUBLE_EQ(t.value_and_gradient(std::vector{2.0}, g), 8.0 + 0.25 + 1.0);
  EXPECT_DOUBLE_EQ(g[0], 12.0 - 2.0 / 8.0);                             // 3x² − 2x⁻³
  EXPECT_DOUBLE_EQ(t.hessian(std::vector{2.0})[0], 12.0 + 6.0 / 16.0);  // 6x + 6x⁻⁴
}

TEST(tape, negative_zero_constants_keep_their_sign) {
  EXPECT_EQ(compile(parse("1/(-0*x + 0)").root()).value(std::vector{1.0}),
            std::numeric_limits<double>::infinity());
  const tape t = compile(expr::constant(1.0) / expr::constant(-0.0) + expr::variable("x"));
  EXPECT_EQ(t.value(std::vector{1.0}), -std::numeric_limits<double>::infinity());
}

TEST(tape, batch_values_match_single_values_across_blocks) {
  const tape t = compile(parse("sin(x)*y + x^2/y").root());
  std::vector<double> points, out(150);
  for (int i = 0; i < 150; ++i) {
    points.push_back(0.1 * i);
    points.push_back(1.0 + 0.01 * i);
  }
  t.values(points, out);
  for (std::size_t i = 0; i < 150; ++i)
    EXPECT_EQ(out[i], t.value(std::span<const double>(points).subspan(2 * i, 2)));
  EXPECT_THROW(t.values(points, std::span<double>(out).first(10)), usage_error);
}

TEST(tape, hessian_refuses_ten_thousand_variables) {
  std::vector<std::string> names;
  expr sum = expr::constant(0);
  for (int i = 0; i < 10000; ++i) {
    names.emplace_back("v");
    names.back() += std::to_string(i);
    sum = sum + expr::variable(names.back());
  }
  const tape t = compile(sum, names);
  EXPECT_THROW(t.hessian(std::vector<double>(10000, 1.0)), usage_error);
}

// At a kink of abs the Hessian is the average of the sides' Hessians (abs'(0) = 0 is the average
// of their ±1). Truth: formulas whose Hessian is constant on each side of the kink, taken by the
// same tape at points off the kink in every quadrant, where no kink rule applies.
TEST(tape, hessian_at_an_abs_kink_is_the_average_of_the_sides) {
  const double h = 0.125;  // points in all four quadrants, off the kinks x = 0, y = 0, x = y
  const std::vector<std::vector<double>> sides{{h, 2 * h}, {-h, 2 * h}, {h, -2 * h}, {-h, -2 * h}};
  for (const char* text : {"abs(x)^2 + y^2", "x*abs(x) + y", "(abs(x) + abs(y))^2", "abs(x)*abs(y)",
                           "abs(x - y)^2", "abs(x)"}) {
    const tape t = compile(parse(text).root(), {"x", "y"});
    std::vector<double> average(4, 0.0);
    for (const auto& p : sides) {
      const std::vector<double> H = t.hessian(p);
      for (std::size_t k = 0; k < 4; ++k) average[k] += H[k] / 4;
    }
    EXPECT_EQ(t.hessian(std::vector{0.0, 0.0}), average) << text;
  }
}

TEST(tape, hessian_is_infinite_where_both_sides_of_an_abs_kink_are) {
  // (|x|^1.5)'' = 0.75·|x|^(−1/2): +∞ at 0 from either side, 1.5 at ±0.25.
  const tape t = compile(parse("abs(x)^1.5").root());
  EXPECT_EQ(t.hessian(std::vector{0.0})[0], std::numeric_limits<double>::infinity());
  EXPECT_DOUBLE_EQ(t.hessian(std::vector{0.25})[0], 1.5);
  EXPECT_DOUBLE_EQ(t.hessian(std::vector{-0.25})[0], 1.5);
  // The gradient keeps its convention: 1.5·|x|^0.5·sign(x) is 0 at 0.
  std::vector<double> g(1);
  t.value_and_gradient(std::vector{0.0}, g);
  EXPECT_EQ(g[0], 0.0);
  // x^(4/3), no kink: (4/9)·x^(−2/3) is +∞ at 0 as well.
  EXPECT_EQ(compile(parse("x^(4/3)").root()).hessian(std::vector{0.0})[0],
            std::numeric_limits<double>::infinity());
  // The symbolic second derivative says the same.
  const expr d2 = derivative(parse("abs(x)^1.5").root(), "x", 2);
  EXPECT_EQ(evaluate(d2, {{"x", 0.0}}), std::numeric_limits<double>::infinity()) << to_string(d2);
  EXPECT_DOUBLE_EQ(evaluate(d2, {{"x", -0.25}}), 1.5) << to_string(d2);
}

TEST(tape, complex_evaluation_refuses_formulas_with_kinks) {
  const tape t = compile(parse("abs(x) + x").root());
  EXPECT_EQ(t.non_analytic_operation(), op::abs);
  EXPECT_THROW(t.value_complex(std::vector<std::complex<double>>{{1.0, 1e-20}}), usage_error);
  EXPECT_FALSE(compile(parse("sin(x)^3").root()).non_analytic_operation().has_value());
}

// Every function of the language, at a point inside its domain away from kinks: the gradient
// agrees with Ridders' extrapolation within its own error estimate (plus 1e-13 relative for the
// tape's rounding), and the Hessian with central differences of the gradient within 1e-7·(1+|H|).
TEST(tape, every_function_has_exact_first_and_second_derivatives) {
  const char* formulas[] = {
      "sin(x*y)",    "cos(x-y)",    "tan(x/3)",    "asin(x/2)", "acos(y/3)",    "atan(x*y)",
      "sinh(x)*y",   "cosh(x+y)",   "tanh(x*y)",   "exp(x*y)",  "log(x+y)",     "log10(x*y)",
      "log2(x+2y)",  "sqrt(x*y)",   "cbrt(x+y)",   "abs(x-y)",  "sigmoid(x*y)", "softplus(x-y)",
      "relu(x+y)",   "erf(x*y)",    "x/y",         "x^y",       "pow(y, x)",    "atan2(x, y)",
      "hypot(x, y)", "min(x^2, y)", "max(x, y^2)", "-x*y",      "x^2.5*y",      "(x+y)^-3"};
  const std::vector<double> x{0.7, 1.3};
  for (const char* text : formulas) {
    const tape t = compile(parse(text).root(), {"x", "y"});
    std::vector<double> g(2);
    t.value_and_gradient(x, g);
    for (std::size_t i = 0; i < 2; ++i) {
      const fd_result r = fd_derivative(t, x, i, fd_scheme::richardson);
      EXPECT_LE(std::fabs(r.value - g[i]), r.error_estimate + 1e-13 * (1 + std::fabs(g[i])))
          << text << " ∂/∂x" << i;
    }
    const auto H = t.hessian(x);
    const auto fd = fd_hessian_from_gradient(
        [&t](std::span<const double> p, std::span<double> q) { t.value_and_gradient(p, q); }, x);
    for (std::size_t k = 0; k < 4; ++k)
      EXPECT_LE(std::fabs(H[k] - fd[k]), 1e-7 * (1 + std::fabs(H[k]))) << text << " H" << k;
  }
}

// value_and_gradient() keeps its adjoints zero between calls instead of clearing them on entry:
// every call must give, bit for bit, what a fresh copy of the tape gives, whatever came before,
// including calls whose adjoints were infinite or NaN and Hessians in between.
TEST(tape, gradients_do_not_depend_on_earlier_calls) {
  const char* formulas[] = {"4x^2 + 4x*y + 2y^2 + 5", "log(x)*y^2 - 3*x*y*z + sqrt(z)",
                            "exp(-x*z)*y + x^2/(2 + y^2) + 1.5*sin(x*y)",
                            "min(x, y)*z^2 - abs(x - z) + relu(y)*x*y*z*z"};
  const std::vector<std::vector<double>> points{
      {0.5, -1.5, 2.0}, {0.0, 2.0, 0.0}, {-1.0, 0.0, -4.0}, {1e308, -1e308, 3.0}, {3.0, 1.0, 0.25}};
  for (const char* text : formulas) {
    const tape compiled = compile(parse(text).root(), {"x", "y", "z"});
    tape t = compiled;
    std::vector<double> g(3), fresh_g(3);
    for (int round = 0; round < 2; ++round) {
      for (const auto& x : points) {
        tape fresh = compiled;
        const double v = t.value_and_gradient(x, g);
        const double fresh_v = fresh.value_and_gradient(x, fresh_g);
        EXPECT_EQ(std::bit_cast<std::uint64_t>(v), std::bit_cast<std::uint64_t>(fresh_v)) << text;
        for (std::size_t i = 0; i < 3; ++i)
          EXPECT_EQ(std::bit_cast<std::uint64_t>(g[i]), std::bit_cast<std::uint64_t>(fresh_g[i]))
              << text << " ∂/∂x" << i << " at point " << &x - points.data();
        if (round == 1) t.hessian(x);
      }
    }
  }
}

// Fused products of one to five factors, squares among them, against the symbolic derivative
// evaluated, at points where factors vanish (the reverse sweep stops passing a zero adjoint
// along a product) and at negative values.
TEST(tape, gradients_of_long_products_match_the_symbolic_derivative) {
  const char* formulas[] = {"x",
                            "-x*y",
                            "2*x*y^2*z",
                            "x^2*y^2*z^2*x*y",
                            "-3*x*y*z + x*x*y - z^2",
                            "5 - x*y*z*x^2*y",
                            "-(x*y)*(-z)*x^2 + y"};
  const std::vector<std::vector<double>> points{
      {0.5, -1.5, 2.0}, {0.0, 2.0, 3.0}, {-1.0, 0.0, -4.0}, {1.25, -0.75, 0.0}, {0.0, 0.0, 0.0}};
  const std::vector<std::string> names{"x", "y", "z"};
  for (const char* text : formulas) {
    const expr f = parse(text).root();
    const tape t = compile(f, names);
    std::vector<double> g(3);
    for (const auto& x : points) {
      t.value_and_gradient(x, g);
      const assignment at{{"x", x[0]}, {"y", x[1]}, {"z", x[2]}};
      for (std::size_t i = 0; i < 3; ++i) {
        const double exact = evaluate(derivative(f, names[i]), at);
        EXPECT_NEAR(g[i], exact, 1e-14 * (1 + std::fabs(exact))) << text << " ∂/∂" << names[i];
        if (exact == 0.0) {
          EXPECT_EQ(g[i], 0.0) << text << " ∂/∂" << names[i];
        }
      }
    }
  }
}

// The forward sweep takes sin and cos together (sincos where the C library has it): the value and
// the derivative must be std::sin's and std::cos's to the bit, also for huge arguments, whose
// reduction modulo π/2 is the hard part, and for ±0. (The gradient of cos at ±0 is the adjoint
// sum 0 + 1·(∓0) = +0, so derivatives are compared as numbers, which is exact but for the sign
// of zero.)
TEST(tape, sine_and_cosine_derivatives_are_the_library_functions_to_the_bit) {
  const tape sine = compile(parse("sin(x)").root());
  const tape cosine = compile(parse("cos(x)").root());
  std::vector<double> g(1);
  for (const double a : {0.0, -0.0, 0.5, -2.75, 1e5, -3.0e15, 1e300, 1e-310}) {
    const std::vector<double> x{a};
    EXPECT_EQ(std::bit_cast<std::uint64_t>(sine.value_and_gradient(x, g)),
              std::bit_cast<std::uint64_t>(std::sin(a)));
    EXPECT_EQ(g[0], std::cos(a));
    EXPECT_EQ(std::bit_cast<std::uint64_t>(cosine.value_and_gradient(x, g)),
              std::bit_cast<std::uint64_t>(std::cos(a)));
    EXPECT_EQ(g[0], -std::sin(a));
  }
}

}  // namespace
}  // namespace kobai
