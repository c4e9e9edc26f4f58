#include "kobai/expr/print.hpp"

#include <gtest/gtest.h>

#include "kobai/expr/parse.hpp"

namespace kobai {
namespace {

std::string infix(std::string_view text) {
  return to_string(parse(text).root());
}
std::string latex(std::string_view text) {
  return to_latex(parse(text).root());
}

TEST(print, uses_the_fewest_parentheses_that_parse_back) {
  EXPECT_EQ(infix("(-x)^2"), "(-x)^2");
  EXPECT_EQ(infix("-(x^2)"), "-x^2");
  EXPECT_EQ(infix("a - (b - c)"), "a - (b - c)");
  EXPECT_EQ(infix("(a - b) - c"), "a - b - c");
  EXPECT_EQ(infix("a/(b*c)"), "a/(b*c)");
  EXPECT_EQ(infix("(x^2)^3"), "(x^2)^3");
  EXPECT_EQ(infix("x^(2^3)"), "x^2^3");
}

TEST(print, numbers_print_shortest_round_trip) {
  EXPECT_EQ(infix("0.1"), "0.1");
  EXPECT_EQ(infix("1e-4"), "0.0001");
  EXPECT_EQ(infix("2^3^2"), "2^3^2");
}

TEST(print, latex_uses_frac_braces_and_left_right) {
  EXPECT_EQ(latex("4x^2 + 4x*y + 2y^2 + 5"), "4 x^{2} + 4 x y + 2 y^{2} + 5");
  EXPECT_EQ(latex("x/(y+1)"), "\\frac{x}{y + 1}");
  EXPECT_EQ(latex("sin(x)"), "\\sin\\left(x\\right)");
  EXPECT_EQ(latex("2*3"), "2 \\cdot 3");
  EXPECT_EQ(latex("x[0]^2 + alpha_1"), "x_{0}^{2} + \\alpha_{1}");
}

TEST(print, latex_escapes_an_underscore_that_is_not_a_subscript) {
  // TeX reads a bare _ as the subscript operator: \mathit{x_} does not compile, and
  // \mathit{_a} sets a as a subscript of nothing.
  EXPECT_EQ(latex("x_ + 1"), "\\mathit{x\\_} + 1");
  EXPECT_EQ(latex("_a"), "\\mathit{\\_a}");
  EXPECT_EQ(latex("_"), "\\mathit{\\_}");
  EXPECT_EQ(latex("a_b_c"), "a_{b\\_c}");
  EXPECT_EQ(latex("x_1"), "x_{1}");
}

}  // namespace
}  // namespace kobai
