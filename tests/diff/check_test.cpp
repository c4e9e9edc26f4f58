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
  // allowed = rtol·max(|g|,|d|) + atol·max(|f|,1) = 1e-6·12.001 + 1e-6·25
  EXPECT_NEAR(r.entries[1].allowed, 1e-6 * 12.001 + 1e-6 * 25.0, 1e-12);
}

TEST(check_gradient, the_tolerance_formula_decides_at_its_boundary) {
  // A bug of 3.6e-5 against allowed 1e-6·12 + 1e-6·25 = 3.7e-5 passes; 3.8e-5 does not.
  EXPECT_TRUE(check_gradient(seed(3.6e-5), std::vector{1.0, 2.0}).passed);
  EXPECT_FALSE(check_gradient(seed(3.8e-5), std::vector{1.0, 2.0}).passed);
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
