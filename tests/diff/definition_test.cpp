#include "kobai/diff/definition.hpp"

#include <gtest/gtest.h>

#include <cmath>

#include "kobai/diff/symbolic.hpp"
#include "kobai/error.hpp"
#include "kobai/expr/evaluate.hpp"
#include "kobai/expr/parse.hpp"
#include "kobai/expr/print.hpp"

namespace kobai {
namespace {

TEST(definition, derives_x_squared_as_the_seed_does) {
  const limit_derivation d = derive_by_definition(parse("x^2").root(), "x");
  EXPECT_EQ(d.step, "h");
  EXPECT_EQ(to_string(d.difference_quotient), "((x + h)^2 - x^2)/h");
  EXPECT_EQ(to_string(d.expanded), "(x^2 + 2*x*h + h^2 - x^2)/h");
  EXPECT_EQ(to_string(d.cancelled), "(2*x*h + h^2)/h");
  EXPECT_EQ(to_string(d.divided), "2*x + h");
  EXPECT_EQ(to_string(d.result), "2*x");
}

TEST(definition, partial_derivatives_hold_the_other_variables_fixed) {
  const expr f = parse("4*x^2 + 4*x*y + 2*y^2 + 5").root();
  const limit_derivation dx = derive_by_definition(f, "x");
  EXPECT_EQ(to_string(dx.cancelled), "(8*x*h + 4*y*h + 4*h^2)/h");
  EXPECT_EQ(to_string(dx.result), "8*x + 4*y");
  EXPECT_EQ(to_string(derive_by_definition(f, "y").result), "4*x + 4*y");
}

TEST(definition, agrees_with_the_rules_on_every_polynomial_tried) {
  for (const char* text :
       {"x^2", "x^5 - 3*x^4 + 2*x^3 - x + 7", "(x + 1)*(x - 1)*(x + 2)", "x^2*y^3*z",
        "(1 - x)^2 + 100*(y - x^2)^2", "(x^2 + y - 11)^2 + (x + y^2 - 7)^2", "x/2 + pi*x^2",
        "(x + 2*y - 7)^2 + (2*x + y - 5)^2", "7", "-(x - y)^3"}) {
    const expr f = parse(text).root();
    for (const char* v : {"x", "y", "z"})
      for (double p : {-1.5, 0.25, 2.0}) {
        // The definition expands; the rules may keep factors: compare values, not forms.
        const assignment at{{"x", p}, {"y", 1 - p}, {"z", 2 * p}};
        const double a = evaluate(derive_by_definition(f, v).result, at);
        const double b = evaluate(derivative(f, v), at);
        EXPECT_NEAR(a, b, 1e-12 * std::max(1.0, std::fabs(b))) << text << " d/d" << v;
      }
  }
}

TEST(definition, picks_another_increment_name_when_h_is_a_variable) {
  const limit_derivation d = derive_by_definition(parse("h*x^2").root(), "x");
  EXPECT_EQ(d.step, "h1");
  EXPECT_EQ(to_string(d.result), "2*h*x");
}

TEST(definition, refuses_what_is_not_a_polynomial) {
  for (const char* text : {"sin(x)", "1/x", "x^0.5", "x^-1", "2^x", "x^y", "abs(x)"})
    EXPECT_THROW(derive_by_definition(parse(text).root(), "x"), usage_error) << text;
}

}  // namespace
}  // namespace kobai
