#include "kobai/diff/tangent.hpp"

#include <gtest/gtest.h>

#include "kobai/error.hpp"
#include "kobai/expr/print.hpp"

namespace kobai {
namespace {

TEST(tangent, line_of_x_squared_at_3) {
  const tangent_result t = tangent(parse("x^2"), std::vector{3.0});
  EXPECT_EQ(t.label, "y");
  EXPECT_EQ(t.value, 9.0);
  EXPECT_EQ(t.slopes, std::vector{6.0});
  EXPECT_EQ(t.intercept, -9.0);
  EXPECT_EQ(to_string(t.equation), "6*x - 9");
}

TEST(tangent, plane_of_the_seed_paraboloid_at_the_start_point) {
  const tangent_result t = tangent(parse("x^2 + y^2"), std::vector{-2.0, 2.0});
  EXPECT_EQ(t.label, "z");
  EXPECT_EQ(to_string(t.equation), "-4*x + 4*y - 8");
}

TEST(tangent, central_difference_with_the_books_step_reproduces_its_slope) {
  const tangent_result t =
      tangent(parse("0.01x^2 + 0.1x"), std::vector{5.0}, {.scheme = fd_scheme::central, .h = 1e-4});
  EXPECT_EQ(t.slopes.front(), 0.1999999999990898);
  const tangent_result exact = tangent(parse("0.01x^2 + 0.1x"), std::vector{5.0});
  EXPECT_EQ(exact.slopes.front(), 0.2);
  const tangent_result ad =
      tangent(parse("0.01x^2 + 0.1x"), std::vector{5.0}, {.reverse_mode = true});
  EXPECT_EQ(ad.slopes.front(), 0.2);
}

TEST(tangent, zero_slopes_and_intercepts_are_left_out) {
  EXPECT_EQ(to_string(tangent(parse("x^2"), std::vector{0.0}).equation), "0");
  EXPECT_EQ(to_string(tangent(parse("x^2 + 1"), std::vector{0.0}).equation), "1");
  EXPECT_EQ(to_string(tangent(parse("x^2"), std::vector{0.5}).equation), "x - 0.25");
  EXPECT_EQ(to_string(tangent(parse("-x"), std::vector{2.0}).equation), "-x");
}

TEST(tangent, label_avoids_the_formulas_own_variables) {
  EXPECT_EQ(tangent(parse("y^2"), std::vector{1.0}).label, "z");
  EXPECT_EQ(tangent(parse("x*z"), std::vector{1.0, 1.0}).label, "f");
}

TEST(tangent, domain_errors_are_numerical_errors_and_bad_input_is_usage) {
  EXPECT_THROW(tangent(parse("log(x)"), std::vector{0.0}), numerical_error);
  EXPECT_THROW(tangent(parse("sqrt(x)"), std::vector{0.0}), numerical_error);  // slope 1/0
  EXPECT_THROW(tangent(parse("5"), std::vector<double>{}), usage_error);
  EXPECT_THROW(tangent(parse("x + y"), std::vector{1.0}), usage_error);
  EXPECT_THROW(tangent(parse("x"), std::vector{1.0}, {.h = 1e-4}), usage_error);
}

}  // namespace
}  // namespace kobai
