#include <gtest/gtest.h>

#include <nlohmann/json.hpp>
#include <sstream>
#include <tuple>

#include "cli.hpp"
#include "run_cli.hpp"

namespace kobai::cli {
namespace {

using test::result;
using test::run_cli;

TEST(cli_diff, one_variable_prints_just_the_derivative) {
  EXPECT_EQ(run_cli({"diff", "x^2"}).out, "2*x\n");
  EXPECT_EQ(run_cli({"diff", "0.01*x^2 + 0.1*x"}).out, "0.02*x + 0.1\n");
}

TEST(cli_diff, several_variables_print_one_partial_per_line) {
  const result r = run_cli({"diff", "4x^2 + 4x*y + 2y^2 + 5"});
  EXPECT_EQ(r.code, 0);
  EXPECT_EQ(r.out, "∂f/∂x = 8*x + 4*y\n∂f/∂y = 4*x + 4*y\n");
  EXPECT_EQ(run_cli({"diff", "4x^2 + 4x*y + 2y^2 + 5", "--wrt", "y"}).out, "4*x + 4*y\n");
}

TEST(cli_diff, a_variable_the_formula_lacks_gives_zero) {
  EXPECT_EQ(run_cli({"diff", "x^2 + y^2", "--wrt", "x,z"}).out, "∂f/∂x = 2*x\n∂f/∂z = 0\n");
  EXPECT_EQ(run_cli({"diff", "5"}).out, "0\n");
  EXPECT_EQ(run_cli({"diff", "x", "--wrt", "2x"}).code, 2);
}

TEST(cli_diff, at_a_point_also_prints_the_values) {
  EXPECT_EQ(run_cli({"diff", "x^2", "--at", "x=3"}).out, "2*x\nat x = 3: 6\n");
  EXPECT_EQ(run_cli({"diff", "4x^2 + 4x*y + 2y^2 + 5", "--at", "x=1,y=2"}).out,
            "∂f/∂x = 8*x + 4*y\n∂f/∂y = 4*x + 4*y\nat x = 1, y = 2: ∂f/∂x = 16, ∂f/∂y = 12\n");
}

TEST(cli_diff, no_derivative_is_printed_where_the_function_is_undefined) {
  // sqrt(x)^2 simplifies to a derivative of 1, which has a value at x = −1.5 where f has none.
  for (const auto& [formula, at, what] : {std::tuple{"sqrt(x)^2", "x=-1.5", "sqrt(-1.5)"},
                                          {"x + log(x) - log(x)", "x=-1", "log(-1)"}}) {
    for (const char* method : {"symbolic", "ad", "central"}) {
      const result r = run_cli({"diff", formula, "--at", at, "--method", method});
      EXPECT_EQ(r.code, 3) << formula << " " << method << ": " << r.out;
      EXPECT_NE(r.err.find(what), std::string::npos) << r.err;
    }
  }
}

TEST(cli_diff, a_difference_whose_step_leaves_the_domain_is_a_numerical_error) {
  // f is finite at the point, but log(1e-5 − 0.1) and (1 + 1e300)² are not.
  for (const auto& [formula, at, h] :
       {std::tuple{"log(x)", "x=1e-5", "0.1"}, {"x^2", "x=1", "1e300"}}) {
    const result r = run_cli({"diff", formula, "--at", at, "--method", "central", "--h", h});
    EXPECT_EQ(r.code, 3) << r.out;
    EXPECT_NE(r.err.find("the central difference with step h = "), std::string::npos) << r.err;
    const result t = run_cli({"tangent", formula, "--at", at, "--method", "central", "--h", h});
    EXPECT_EQ(t.code, 3) << t.out;
    EXPECT_NE(t.err.find("the central difference with step h = "), std::string::npos) << t.err;
    EXPECT_EQ(t.err.find("not differentiable"), std::string::npos) << t.err;
  }
}

TEST(cli_diff, at_a_kink_the_value_is_the_one_sided_convention_with_a_note) {
  // d/dx max(x², 0) = 2*relu(x^2)/x is 0/0 at x = 0, where the derivative exists and is 0.
  const result r = run_cli({"diff", "max(x^2,0)", "--at", "x=0"});
  EXPECT_EQ(r.code, 0) << r.err;
  EXPECT_NE(r.out.find("at x = 0: 0\n"), std::string::npos) << r.out;
  EXPECT_NE(r.out.find("one-sided convention"), std::string::npos) << r.out;
  // min(x, y) on the tie x = y follows its first argument.
  const result m = run_cli({"diff", "min(x,y)", "--at", "x=1,y=1", "--json"});
  EXPECT_EQ(m.code, 0) << m.err;
  const auto j = nlohmann::json::parse(m.out);
  EXPECT_EQ(j["derivatives"][0]["value"], 1.0);
  EXPECT_EQ(j["derivatives"][1]["value"], 0.0);
  EXPECT_TRUE(j["derivatives"][0].contains("note"));
  // abs(x) at 0: the tangent is the subgradient 0, said to be a convention.
  const result t = run_cli({"tangent", "abs(x)", "--at", "x=0"});
  EXPECT_EQ(t.code, 0) << t.err;
  EXPECT_EQ(t.out.substr(0, t.out.find('\n')), "y = 0");
  EXPECT_NE(t.out.find("one-sided convention"), std::string::npos) << t.out;
  // Without a kink a derivative that is infinite or undefined stays an error.
  EXPECT_EQ(run_cli({"diff", "sqrt(x)", "--at", "x=0"}).code, 3);
  EXPECT_EQ(run_cli({"tangent", "sqrt(x)", "--at", "x=0"}).code, 3);
}

TEST(cli_diff, higher_orders_list_every_partial_of_that_order) {
  EXPECT_EQ(run_cli({"diff", "x^3", "--order", "2"}).out, "6*x\n");
  EXPECT_EQ(run_cli({"diff", "x^3*y^2", "--order", "2"}).out,
            "∂²f/∂x² = 6*x*y^2\n∂²f/∂x∂y = 6*x^2*y\n∂²f/∂y² = 2*x^3\n");
  EXPECT_EQ(run_cli({"diff", "x", "--order", "-1"}).code, 2);
}

TEST(cli_diff, steps_end_in_the_simplified_result_and_name_the_rules) {
  const result r = run_cli({"diff", "x^2*sin(x)", "--steps"});
  EXPECT_EQ(r.code, 0);
  EXPECT_EQ(r.out,
            "d/dx (x^2*sin(x)):\n"
            "  power rule: d/dx (x^2) = 2*x^1 = 2*x\n"
            "  derivative of sin: d/dx (sin(x)) = cos(x)\n"
            "  product rule: d/dx (x^2*sin(x)) = 2*x*sin(x) + x^2*cos(x) = x^2*cos(x) + "
            "2*x*sin(x)\n"
            "f'(x) = x^2*cos(x) + 2*x*sin(x)\n");
  const result kink = run_cli({"diff", "abs(x)", "--steps"});
  EXPECT_NE(kink.out.find("abs'(0) = 0"), std::string::npos) << kink.out;
}

TEST(cli_diff, partial_steps_say_which_variables_are_held_constant) {
  const result r = run_cli({"diff", "4x^2 + 4x*y + 2y^2 + 5", "--steps", "--wrt", "x"});
  EXPECT_NE(r.out.find("(y held constant)"), std::string::npos) << r.out;
  EXPECT_NE(r.out.find("sum rule: ∂/∂x (4*x^2 + 4*x*y + 2*y^2 + 5) = 8*x + 4*y + 0 + 0 = "
                       "8*x + 4*y\n"),
            std::string::npos)
      << r.out;
  EXPECT_NE(r.out.find("∂f/∂x = 8*x + 4*y\n"), std::string::npos);
}

TEST(cli_diff, definition_derives_x_squared_as_the_seed_does) {
  const result r = run_cli({"diff", "x^2", "--definition"});
  EXPECT_EQ(r.code, 0);
  EXPECT_EQ(r.out,
            "f'(x) = lim h→0 (f(x + h) - f(x))/h\n"
            "  = lim h→0 ((x + h)^2 - x^2)/h\n"
            "  = lim h→0 (x^2 + 2*x*h + h^2 - x^2)/h\n"
            "  = lim h→0 (2*x*h + h^2)/h\n"
            "  = lim h→0 (2*x + h)\n"
            "  = 2*x\n");
}

TEST(cli_diff, definition_of_a_non_polynomial_is_a_usage_error) {
  const result r = run_cli({"diff", "sin(x)", "--definition"});
  EXPECT_EQ(r.code, 2);
  EXPECT_NE(r.err.find("polynomials only"), std::string::npos) << r.err;
}

TEST(cli_diff, latex_and_json_outputs) {
  EXPECT_EQ(run_cli({"diff", "x^2", "--latex"}).out, "2 x\n");
  EXPECT_EQ(run_cli({"diff", "x^2 + y^2", "--latex"}).out,
            "\\frac{\\partial f}{\\partial x} = 2 x\n\\frac{\\partial f}{\\partial y} = 2 y\n");
  const result r = run_cli({"diff", "4x^2 + 4x*y + 2y^2 + 5", "--at", "x=1,y=2", "--json"});
  ASSERT_EQ(r.code, 0);
  const auto j = nlohmann::json::parse(r.out);
  EXPECT_EQ(j["derivatives"][0]["infix"], "8*x + 4*y");
  EXPECT_EQ(j["derivatives"][0]["value"], 16.0);
  EXPECT_EQ(j["derivatives"][1]["wrt"][0], "y");
  EXPECT_EQ(j["at"]["y"], 2.0);
  const auto steps = nlohmann::json::parse(run_cli({"diff", "x^2", "--steps", "--json"}).out);
  EXPECT_EQ(steps["steps"][0]["steps"][0]["rule"], "power rule");
}

TEST(cli_diff, methods_reproduce_the_books_central_difference) {
  EXPECT_EQ(
      run_cli({"diff", "0.01x^2 + 0.1x", "--at", "x=5", "--method", "central", "--h", "1e-4"}).out,
      "0.1999999999990898\n");
  EXPECT_EQ(
      run_cli({"diff", "0.01x^2 + 0.1x", "--at", "x=10", "--method", "central", "--h", "1e-4"}).out,
      "0.2999999999986347\n");
  EXPECT_EQ(run_cli({"diff", "0.01x^2 + 0.1x", "--at", "x=5", "--method", "ad"}).out, "0.2\n");
  EXPECT_EQ(run_cli({"diff", "x^2 + y^2", "--at", "-2,2", "--method", "complex"}).out,
            "∂f/∂x = -4\n∂f/∂y = 4\n");
}

TEST(cli_diff, compare_prints_every_scheme_against_the_exact_value) {
  const result r = run_cli({"diff", "0.01x^2 + 0.1x", "--at", "x=5", "--compare", "--h", "1e-4"});
  ASSERT_EQ(r.code, 0) << r.err;
  EXPECT_EQ(r.out.rfind("method", 0), 0u) << r.out;
  for (const char* m : {"exact (ad)", "forward", "backward", "central", "five-point", "richardson",
                        "complex", "0.1999999999990898"})
    EXPECT_NE(r.out.find(m), std::string::npos) << m << "\n" << r.out;
  const auto j = nlohmann::json::parse(
      run_cli({"diff", "0.01x^2 + 0.1x", "--at", "x=5", "--compare", "--json"}).out);
  EXPECT_EQ(j["compare"]["exact"], 0.2);
  EXPECT_GE(j["compare"]["rows"].size(), 5u);
}

TEST(cli_diff, bad_combinations_are_usage_errors) {
  EXPECT_EQ(run_cli({"diff", "x^2", "--method", "central"}).code, 2);  // needs --at
  EXPECT_EQ(run_cli({"diff", "x^2", "--method", "secant", "--at", "x=1"}).code, 2);
  EXPECT_EQ(run_cli({"diff", "x^2", "--h", "1e-4"}).code, 2);
  EXPECT_EQ(run_cli({"diff", "x^2", "--at", "x=1", "--method", "central", "--h", "-1"}).code, 2);
  EXPECT_EQ(run_cli({"diff", "x^2", "--steps", "--definition"}).code, 2);
  EXPECT_EQ(run_cli({"diff", "x^2", "--latex", "--json"}).code, 2);
  EXPECT_EQ(run_cli({"diff", "x^2", "--steps", "--order", "2"}).code, 2);
  EXPECT_EQ(run_cli({"diff", "x*y", "--compare", "--at", "1,2"}).code, 2);
  EXPECT_EQ(run_cli({"diff", "abs(x)", "--at", "x=1", "--method", "complex"}).code, 2);
}

TEST(cli_diff, domain_errors_at_the_point_exit_3) {
  // f itself is undefined at the point: the message names the function, checked before the
  // derivative.
  const result undefined_f = run_cli({"diff", "log(x)", "--at", "x=0"});
  EXPECT_EQ(undefined_f.code, 3);
  EXPECT_EQ(undefined_f.err.rfind("error: ", 0), 0u) << undefined_f.err;
  EXPECT_NE(undefined_f.err.find("log(0) is -inf"), std::string::npos) << undefined_f.err;
  // f is 0 there but its derivative 1/(2*sqrt(x)) is not: the message names the division.
  const result r = run_cli({"diff", "sqrt(x)", "--at", "x=0"});
  EXPECT_EQ(r.code, 3);
  EXPECT_EQ(r.err.rfind("error: ", 0), 0u) << r.err;
  EXPECT_NE(r.err.find("0.5 / 0 is inf: division by zero"), std::string::npos) << r.err;
  EXPECT_EQ(run_cli({"diff", "sqrt(x)", "--at", "x=-1", "--method", "ad"}).code, 3);
}

TEST(cli_diff, definition_in_latex_is_latex_on_every_line) {
  const result r = run_cli({"diff", "x^2", "--definition", "--latex"});
  EXPECT_EQ(r.code, 0);
  EXPECT_EQ(r.out,
            "f'(x) = \\lim_{h \\to 0} \\frac{f(x + h) - f(x)}{h}\n"
            "  = \\lim_{h \\to 0} \\frac{\\left(x + h\\right)^{2} - x^{2}}{h}\n"
            "  = \\lim_{h \\to 0} \\frac{x^{2} + 2 x h + h^{2} - x^{2}}{h}\n"
            "  = \\lim_{h \\to 0} \\frac{2 x h + h^{2}}{h}\n"
            "  = \\lim_{h \\to 0} \\left(2 x + h\\right)\n"
            "  = 2 x\n");
}

}  // namespace
}  // namespace kobai::cli
