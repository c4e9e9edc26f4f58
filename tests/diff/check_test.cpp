#include "kobai/diff/check.hpp"

#include <gtest/gtest.h>

#include <cmath>

#include "kobai/error.hpp"

namespace kobai {
namespace {

// The seed quadratic 4x² + 4xy + 2y² + 5 with its gradient (8x + 4y, 4x + 4y); `bug` adds an
// error to ∂f/∂y.
value_gradient_function seed(double bug) {
  return [bug](std::span<const double> p, std::span<double> g) {
    g[0] = 8 * p[0] + 4 * p[1];
    g[1] = 4 * p[0] + 4 * p[1] + bug;
    return 4 * p[0] * p[0] + 4 * p[0] * p[1] + 2 * p[1] * p[1] + 5;
  };
}

TEST(check_gradient, a_correct_gradient_passes) {
  const auto r = check_gradient(seed(0.0), std::vector{1.0, 2.0});
  EXPECT_TRUE(r.passed);
  EXPECT_EQ(r.value, 25.0);
  ASSERT_EQ(r.entries.size(), 2u);
  EXPECT_NEAR(r.entries[0].numeric, 16.0, 1e-8);
  EXPECT_LE(r.worst_ratio, 1.0);
}

TEST(check_gradient, a_wrong_component_fails_and_is_named_worst) {
  const auto r = check_gradient(seed(1e-3), std::vector{1.0, 2.0});
  EXPECT_FALSE(r.passed);
  EXPECT_EQ(r.worst, 1u);
  EXPECT_TRUE(r.entries[0].passed);
  EXPECT_FALSE(r.entries[1].passed);
  EXPECT_NEAR(r.entries[1].error, 1e-3, 1e-8);
  // allowed = rtol·max(|g|,|d|) + atol + rounding + truncation: 1e-6·12.001 + 1e-8, plus a
  // rounding of 20·ε·|f|/h ≈ 20·2.2e-16·25/1.2e-5 ≈ 1e-8 (the quadratic truncates nothing)
  EXPECT_GT(r.entries[1].allowed, 1e-6 * 12.001 + 1e-8);
  EXPECT_LT(r.entries[1].allowed, 1e-6 * 12.001 + 1e-8 + 2e-8);
}

TEST(check_gradient, the_tolerance_formula_decides_at_its_boundary) {
  // A bug of 1.1e-5 against allowed ≈ 1e-6·12 + 3e-8 passes; 1.3e-5 does not.
  EXPECT_TRUE(check_gradient(seed(1.1e-5), std::vector{1.0, 2.0}).passed);
  EXPECT_FALSE(check_gradient(seed(1.3e-5), std::vector{1.0, 2.0}).passed);
}

// c + (x − 1)² + (y − 2)² with its gradient (2(x − 1) + bug, 2(y − 2)).
value_gradient_function offset_bowl(double c, double bug) {
  return [c, bug](std::span<const double> p, std::span<double> g) {
    g[0] = 2 * (p[0] - 1) + bug;
    g[1] = 2 * (p[1] - 2);
    return c + (p[0] - 1) * (p[0] - 1) + (p[1] - 2) * (p[1] - 2);
  };
}

TEST(check_gradient, a_constant_added_to_f_does_not_hide_a_wrong_component) {
  for (const double c : {0.0, 1e7, 1e12}) {
    for (const std::vector<double>& x : {std::vector{0.0, 0.0}, std::vector{2.5, 2.0}}) {
      const auto r = check_gradient(offset_bowl(c, -3), x);
      EXPECT_FALSE(r.passed) << "c = " << c << ", x = " << x[0];
      EXPECT_EQ(r.worst, 0u) << "c = " << c;
      EXPECT_TRUE(r.entries[1].passed) << "c = " << c;
    }
  }
}

TEST(check_gradient, a_constant_added_to_f_raises_no_false_alarm_on_a_correct_gradient) {
  for (const double c : {0.0, 1.0, -1e7, 1e7, 1e12}) {
    for (const std::vector<double>& x : {std::vector{0.0, 0.0}, std::vector{2.5, -3.0}}) {
      const auto r = check_gradient(offset_bowl(c, 0), x);
      EXPECT_TRUE(r.passed) << "c = " << c << ", x = " << x[0];
      EXPECT_NEAR(r.entries[0].numeric, 2 * (x[0] - 1), 1e-3) << "c = " << c;
    }
  }
}

TEST(check_gradient, the_truncation_of_the_difference_is_allowed_for) {
  // x³ + 1e-3·x⁵ at x = 0: the partial is 0, the central difference h² + 1e-3·h⁴ ≈ 3.7e-11
  // stays well above any rounding of these tiny values.
  const value_gradient_function cubic = [](std::span<const double> p, std::span<double> g) {
    g[0] = 3 * p[0] * p[0] + 5e-3 * std::pow(p[0], 4);
    return p[0] * p[0] * p[0] + 1e-3 * std::pow(p[0], 5);
  };
  for (const fd_scheme s : {fd_scheme::forward, fd_scheme::central, fd_scheme::five_point}) {
    const auto r = check_gradient(cubic, std::vector{0.0}, {.rtol = 0, .atol = 0, .scheme = s});
    EXPECT_TRUE(r.passed) << to_string(s);
  }
}

TEST(check_gradient, a_nan_gradient_fails) {
  const auto r = check_gradient(seed(std::nan("")), std::vector{1.0, 2.0});
  EXPECT_FALSE(r.passed);
  EXPECT_EQ(r.worst, 1u);
  EXPECT_TRUE(std::isinf(r.worst_ratio));
}

TEST(check_gradient, richardson_catches_smaller_errors_with_tighter_tolerances) {
  const gradient_check_options tight{.rtol = 1e-10, .atol = 1e-11, .scheme = fd_scheme::richardson};
  EXPECT_TRUE(check_gradient(seed(0.0), std::vector{1.0, 2.0}, tight).passed);
  EXPECT_FALSE(check_gradient(seed(1e-8), std::vector{1.0, 2.0}, tight).passed);
}

TEST(check_gradient, invalid_options_name_the_field) {
  try {
    check_gradient(seed(0.0), std::vector{1.0, 2.0}, {.rtol = -1});
    FAIL();
  } catch (const usage_error& e) {
    EXPECT_NE(std::string(e.what()).find("rtol"), std::string::npos);
  }
  EXPECT_THROW(check_gradient(seed(0.0), std::vector{1.0}, {.scheme = fd_scheme::complex_step}),
               usage_error);
}

}  // namespace
}  // namespace kobai
