#include "kobai/diff/steps.hpp"

#include <gtest/gtest.h>

#include "kobai/diff/symbolic.hpp"
#include "kobai/error.hpp"
#include "kobai/expr/parse.hpp"
#include "kobai/expr/print.hpp"

namespace kobai {
namespace {

std::vector<std::string> rules(const derivation& d) {
  std::vector<std::string> r;
  for (const derivation_step& s : d.steps) r.push_back(s.rule);
  return r;
}

TEST(steps, power_rule_then_the_simplified_result) {
  const derivation d = derive_with_steps(parse("x^2").root(), "x");
  ASSERT_EQ(d.steps.size(), 1u);
  EXPECT_EQ(d.steps[0].rule, "power rule");
  EXPECT_EQ(to_string(d.steps[0].applied), "2*x^1");
  EXPECT_EQ(to_string(d.steps[0].result), "2*x");
  EXPECT_EQ(to_string(d.result), "2*x");
}

TEST(steps, name_every_rule_a_learner_uses) {
  EXPECT_EQ(rules(derive_with_steps(parse("x^2*sin(x)").root(), "x")),
            (std::vector<std::string>{"power rule", "derivative of sin", "product rule"}));
  EXPECT_EQ(rules(derive_with_steps(parse("sin(x)/x").root(), "x")),
            (std::vector<std::string>{"derivative of sin", "quotient rule"}));
  EXPECT_EQ(rules(derive_with_steps(parse("exp(3*x)").root(), "x")),
            (std::vector<std::string>{"constant multiple", "chain rule (exp)"}));
  EXPECT_EQ(rules(derive_with_steps(parse("(x + 1)^3").root(), "x")),
            (std::vector<std::string>{"sum rule", "power rule + chain rule"}));
}

TEST(steps, a_sum_is_one_step_showing_constant_terms_as_zero) {
  const derivation d = derive_with_steps(parse("4*x^2 + 4*x*y + 2*y^2 + 5").root(), "x");
  ASSERT_FALSE(d.steps.empty());
  const derivation_step& last = d.steps.back();
  EXPECT_EQ(last.rule, "sum rule");
  EXPECT_EQ(to_string(last.applied), "8*x + 4*y + 0 + 0");
  EXPECT_EQ(to_string(last.result), "8*x + 4*y");
  int sums = 0, constants = 0;
  for (const derivation_step& s : d.steps) {
    sums += s.rule == "sum rule";
    constants += s.rule == "constant";
  }
  EXPECT_EQ(sums, 1);
  EXPECT_EQ(constants, 1);  // 2*y^2 (a bare number needs no line)
}

TEST(steps, every_formula_in_every_step_parses_back_and_the_end_is_the_derivative) {
  for (const char* text : {"x^2*sin(x)", "(x^2 + 1)/(x - 1)", "exp(-x^2/2)", "x^x",
                           "abs(x) + max(x, 2*x) + relu(x - 1)", "log(1 + exp(x))*atan2(x, 2)"}) {
    const expr f = parse(text).root();
    const derivation d = derive_with_steps(f, "x");
    for (const derivation_step& s : d.steps) {
      for (expr e : {s.of, s.applied, s.result})
        EXPECT_EQ(to_string(parse(to_string(e)).root()), to_string(e)) << text;
    }
    EXPECT_EQ(d.result, derivative(f, "x")) << text;
    EXPECT_EQ(d.steps.back().of, f) << text;
  }
}

TEST(steps, say_the_one_sided_convention_at_kinks) {
  for (const char* text : {"abs(x)", "relu(x)", "min(x, 1)", "max(x, 1)"}) {
    const derivation d = derive_with_steps(parse(text).root(), "x");
    ASSERT_FALSE(d.steps.empty());
    EXPECT_NE(d.steps.back().note.find("convention"), std::string::npos) << text;
  }
  EXPECT_TRUE(derive_with_steps(parse("sin(x)").root(), "x").steps.back().note.empty());
}

TEST(steps, refuse_derivations_too_long_to_read) {
  expr e = expr::variable("x");
  for (int i = 0; i < 40; ++i) e = expr::unary(op::sin, e);
  EXPECT_THROW(derive_with_steps(e, "x", {.max_steps = 30}), usage_error);
  EXPECT_EQ(derive_with_steps(e, "x", {.max_steps = 40}).steps.size(), 40u);
}

}  // namespace
}  // namespace kobai
