#include "kobai/diff/numeric.hpp"

#include <gtest/gtest.h>

#include <cmath>
#include <complex>
#include <limits>

#include "kobai/error.hpp"
#include "kobai/eval/tape.hpp"
#include "kobai/expr/parse.hpp"

namespace kobai {
namespace {

double book(double x) {
  return 0.01 * (x * x) + 0.1 * x;  // as the book's f(x) = 0.01*x**2 + 0.1*x
}

double relative_error(double approx, double exact) {
  return std::fabs(approx - exact) / std::max(std::fabs(exact), 1e-300);
}

TEST(fd_scheme, names_round_trip) {
  for (const fd_scheme s : {fd_scheme::forward, fd_scheme::backward, fd_scheme::central,
                            fd_scheme::five_point, fd_scheme::richardson, fd_scheme::complex_step})
    EXPECT_EQ(fd_scheme_from_string(to_string(s)), s);
  EXPECT_EQ(to_string(fd_scheme::five_point), "five-point");
  EXPECT_EQ(to_string(fd_scheme::complex_step), "complex");
  EXPECT_FALSE(fd_scheme_from_string("centre").has_value());
}

TEST(fd_derivative, central_reproduces_the_book_values_bit_for_bit) {
  EXPECT_EQ(fd_derivative(book, 5.0, fd_scheme::central, 1e-4).value, 0.1999999999990898);
  EXPECT_EQ(fd_derivative(book, 10.0, fd_scheme::central, 1e-4).value, 0.2999999999986347);
}

TEST(fd_derivative, central_on_the_tape_reproduces_the_book_values) {
  const tape t = compile(parse("0.01x^2 + 0.1x").root());
  EXPECT_EQ(fd_derivative(t, std::vector{5.0}, 0, fd_scheme::central, 1e-4).value,
            0.1999999999990898);
  EXPECT_EQ(fd_derivative(t, std::vector{10.0}, 0, fd_scheme::central, 1e-4).value,
            0.2999999999986347);
}

TEST(fd_derivative, forward_is_the_corrected_seed_formula) {
  // (f(a+h) − f(a))/h for f = x² at 3 with h = 1/1024 (exact in binary): 2·3 + h exactly.
  const double h = 1.0 / 1024;
  const auto r = fd_derivative([](double x) { return x * x; }, 3.0, fd_scheme::forward, h);
  EXPECT_EQ(r.value, 6.0 + h);
  EXPECT_EQ(r.h, h);
  EXPECT_TRUE(std::isnan(r.error_estimate));
  EXPECT_EQ(fd_derivative([](double x) { return x * x; }, 3.0, fd_scheme::backward, h).value,
            6.0 - h);
}

TEST(fd_derivative, default_steps_have_the_optimal_order_scaled_by_x) {
  const double eps = std::numeric_limits<double>::epsilon();
  EXPECT_DOUBLE_EQ(default_step(fd_scheme::forward, 0.5), std::sqrt(eps));
  EXPECT_DOUBLE_EQ(default_step(fd_scheme::central, -100.0), 100.0 * std::cbrt(eps));
  EXPECT_DOUBLE_EQ(default_step(fd_scheme::five_point, 4.0), 4.0 * std::pow(eps, 0.2));
}

// Smooth functions with closed-form derivatives at well-scaled points.
struct smooth_case {
  double (*f)(double);
  double (*df)(double);
  std::complex<double> (*fc)(std::complex<double>);
  double x;
};

const smooth_case smooth[] = {
    {[](double x) { return std::sin(x); }, [](double x) { return std::cos(x); },
     [](std::complex<double> z) { return std::sin(z); }, 0.7},
    {[](double x) { return std::exp(x); }, [](double x) { return std::exp(x); },
     [](std::complex<double> z) { return std::exp(z); }, 1.3},
    {[](double x) { return std::log(x); }, [](double x) { return 1 / x; },
     [](std::complex<double> z) { return std::log(z); }, 2.5},
    {[](double x) { return x * x * x - 2 * x; }, [](double x) { return 3 * x * x - 2; },
     [](std::complex<double> z) { return z * z * z - 2.0 * z; }, -1.7},
    {[](double x) { return std::atan(x) * std::exp(-x * x); },
     [](double x) { return std::exp(-x * x) * (1 / (1 + x * x) - 2 * x * std::atan(x)); },
     [](std::complex<double> z) { return std::atan(z) * std::exp(-z * z); }, 0.4},
    {[](double x) { return std::sqrt(1 + x * x); },
     [](double x) { return x / std::sqrt(1 + x * x); },
     [](std::complex<double> z) { return std::sqrt(1.0 + z * z); }, 3.0},
};

TEST(fd_derivative, central_default_step_is_within_1e_10_relative) {
  for (const auto& c : smooth)
    EXPECT_LE(relative_error(fd_derivative(c.f, c.x, fd_scheme::central).value, c.df(c.x)), 1e-10)
        << c.x;
}

TEST(fd_derivative, five_point_default_step_is_within_1e_11_relative) {
  for (const auto& c : smooth)
    EXPECT_LE(relative_error(fd_derivative(c.f, c.x, fd_scheme::five_point).value, c.df(c.x)),
              1e-11)
        << c.x;
}

TEST(fd_derivative, richardson_is_within_1e_12_and_its_estimate_bounds_the_error) {
  for (const auto& c : smooth) {
    const fd_result r = fd_derivative(c.f, c.x, fd_scheme::richardson);
    const double error = std::fabs(r.value - c.df(c.x));
    EXPECT_LE(error / std::fabs(c.df(c.x)), 1e-12) << c.x;
    EXPECT_LE(error, r.error_estimate) << c.x;
  }
}

TEST(fd_derivative, complex_step_is_within_1e_15_relative) {
  for (const auto& c : smooth)
    EXPECT_LE(relative_error(complex_step_derivative(c.fc, c.x).value, c.df(c.x)), 1e-15) << c.x;
}

TEST(fd_derivative, complex_step_on_a_real_function_is_a_usage_error) {
  EXPECT_THROW(fd_derivative(book, 1.0, fd_scheme::complex_step), usage_error);
}

TEST(fd_derivative, a_step_that_is_not_positive_is_a_usage_error) {
  EXPECT_THROW(fd_derivative(book, 1.0, fd_scheme::central, 0.0), usage_error);
  EXPECT_THROW(fd_derivative(book, 1.0, fd_scheme::central, -1e-3), usage_error);
  EXPECT_THROW(fd_derivative(book, 1.0, fd_scheme::central, std::nan("")), usage_error);
}

TEST(fd_derivative, richardson_recovers_when_its_first_step_leaves_the_domain) {
  // log at 0.05: the first steps 0.1, 0.1/1.4, … reach negative arguments (NaN).
  const fd_result r =
      fd_derivative([](double x) { return std::log(x); }, 0.05, fd_scheme::richardson);
  EXPECT_LE(relative_error(r.value, 20.0), 1e-10);
  EXPECT_LE(std::fabs(r.value - 20.0), r.error_estimate);
}

TEST(fd_gradient, partials_of_the_seed_quadratic) {
  const multivariate_function f = [](std::span<const double> p) {
    return 4 * p[0] * p[0] + 4 * p[0] * p[1] + 2 * p[1] * p[1] + 5;
  };
  const std::vector<double> x{1.0, 2.0};
  const auto g = fd_gradient(f, x, fd_scheme::central);
  EXPECT_NEAR(g[0], 16.0, 1e-8);
  EXPECT_NEAR(g[1], 12.0, 1e-8);
  EXPECT_NEAR(fd_partial(f, x, 1, fd_scheme::richardson).value, 12.0, 1e-11);
  EXPECT_THROW(fd_partial(f, x, 2, fd_scheme::central), usage_error);
}

TEST(fd_gradient, tape_every_scheme_agrees_with_reverse_mode) {
  const tape t = compile(parse("sin(x*y) + exp(x/3) * log(1 + y^2)").root());
  const std::vector<double> x{0.8, -1.3};
  std::vector<double> g(2);
  t.value_and_gradient(x, g);
  const std::pair<fd_scheme, double> tolerance[] = {
      {fd_scheme::forward, 1e-6},     {fd_scheme::backward, 1e-6},
      {fd_scheme::central, 1e-9},     {fd_scheme::five_point, 1e-11},
      {fd_scheme::richardson, 1e-12}, {fd_scheme::complex_step, 1e-15}};
  for (const auto& [s, tol] : tolerance) {
    const auto fd = fd_gradient(t, x, s);
    for (std::size_t i = 0; i < 2; ++i)
      EXPECT_LE(relative_error(fd[i], g[i]), tol) << to_string(s) << ' ' << i;
  }
}

TEST(fd_hessian, of_the_seed_quadratic_is_8_4_4_4) {
  const multivariate_function f = [](std::span<const double> p) {
    return 4 * p[0] * p[0] + 4 * p[0] * p[1] + 2 * p[1] * p[1] + 5;
  };
  const std::vector<double> x{1.0, 2.0};
  const auto H = fd_hessian(f, x);
  const double expected[] = {8, 4, 4, 4};
  for (int k = 0; k < 4; ++k) EXPECT_NEAR(H[static_cast<std::size_t>(k)], expected[k], 1e-6);
  const auto Hg = fd_hessian_from_gradient(
      [](std::span<const double> p, std::span<double> g) {
        g[0] = 8 * p[0] + 4 * p[1];
        g[1] = 4 * p[0] + 4 * p[1];
      },
      x);
  for (int k = 0; k < 4; ++k) EXPECT_NEAR(Hg[static_cast<std::size_t>(k)], expected[k], 1e-9);
}

TEST(fd_hessian, refuses_ten_thousand_variables_before_allocating) {
  const std::vector<double> x(10000, 0.0);
  EXPECT_THROW(fd_hessian([](std::span<const double>) { return 0.0; }, x), usage_error);
}

TEST(fd_compare, lists_every_scheme_with_its_error_against_the_exact_value) {
  const tape t = compile(parse("0.01x^2 + 0.1x").root());
  const fd_comparison c = fd_compare(t, std::vector{5.0}, 0, 1e-4);
  EXPECT_EQ(c.exact, 0.2);
  ASSERT_EQ(c.rows.size(), 6u);
  EXPECT_EQ(c.rows[2].method, "central");
  EXPECT_EQ(c.rows[2].value, 0.1999999999990898);
  EXPECT_EQ(c.rows[2].error, 0.1999999999990898 - 0.2);
  EXPECT_EQ(c.rows[0].method, "forward");
  EXPECT_NEAR(c.rows[0].error, 1e-6, 1e-9);  // truncation h·f''/2 = 1e-4 · 0.02 / 2
  EXPECT_EQ(c.rows[5].method, "complex");
  EXPECT_FALSE(std::isnan(c.rows[4].error_estimate));
}

TEST(fd_compare, omits_the_complex_step_for_a_formula_with_a_kink) {
  const tape t = compile(parse("abs(x) + x^2").root());
  const fd_comparison c = fd_compare(t, std::vector{2.0}, 0);
  EXPECT_EQ(c.rows.size(), 5u);
  EXPECT_THROW(fd_derivative(t, std::vector{2.0}, 0, fd_scheme::complex_step), usage_error);
}

}  // namespace
}  // namespace kobai
