#include <gtest/gtest.h>

#include <nlohmann/json.hpp>

#include <sstream>

#include "cli.hpp"
#include "run_cli.hpp"

namespace kobai::cli {
namespace {

using test::result;
using test::run_cli;

TEST(cli_grad, prints_one_exact_partial_per_variable) {
  const result r = run_cli({"grad", "4x^2 + 4x*y + 2y^2 + 5", "--at", "x=1,y=2"});
  EXPECT_EQ(r.code, 0);
  EXPECT_EQ(r.out, "∂f/∂x = 16\n∂f/∂y = 12\n");
}

TEST(cli_grad, follows_the_variable_order_option) {
  EXPECT_EQ(run_cli({"grad", "x^2 - y", "--at", "2,3", "--vars", "y,x"}).out,
            "∂f/∂y = -1\n∂f/∂x = 6\n");
}

TEST(cli_grad, json_has_the_value_and_the_gradient) {
  const result r = run_cli({"grad", "x^2 + y^2", "--at", "x=-2,y=2", "--json"});
  EXPECT_EQ(r.code, 0);
  // Parsed, so that a value of 80 or a gradient printed another way cannot pass.
  const auto j = nlohmann::json::parse(r.out);
  EXPECT_EQ(j["value"], 8.0);
  EXPECT_EQ(j["gradient"], nlohmann::json::array({-4.0, 4.0}));
}

TEST(cli_grad, a_domain_error_exits_3_naming_the_operation) {
  const result r = run_cli({"grad", "log(x)", "--at", "x=-1"});
  EXPECT_EQ(r.code, 3);
  EXPECT_EQ(r.err,
            "error: log(-1) is nan (at column 1): log is defined for positive arguments only\n");
}

TEST(cli_grad, an_infinite_derivative_exits_3) {
  const result r = run_cli({"grad", "sqrt(x)", "--at", "x=0"});
  EXPECT_EQ(r.code, 3);
  EXPECT_EQ(r.err,
            "error: ∂f/∂x is inf at this point: the formula has no finite derivative there\n");
}

TEST(cli_grad, a_missing_point_exits_2) {
  EXPECT_EQ(run_cli({"grad", "x + y", "--at", "x=1"}).code, 2);
}

TEST(cli_hessian, prints_the_matrix_with_variable_headings) {
  const result r = run_cli({"hessian", "4x^2 + 4x*y + 2y^2 + 5", "--at", "x=1,y=2"});
  EXPECT_EQ(r.code, 0);
  EXPECT_EQ(r.out,
            "   x  y\n"
            "x  8  4\n"
            "y  4  4\n");
}

TEST(cli_hessian, json_has_the_rows) {
  const result r = run_cli({"hessian", "x*y^2", "--at", "x=3,y=2", "--json"});
  EXPECT_EQ(r.code, 0);
  // ∂²/∂x² = 0, ∂²/∂x∂y = 2y = 4, ∂²/∂y² = 2x = 6
  EXPECT_NE(r.out.find("\"hessian\": [\n    [\n      0.0,\n      4.0\n    ],\n    [\n      4.0,\n"
                       "      6.0\n    ]\n  ]"),
            std::string::npos)
      << r.out;
}

TEST(cli_hessian, an_infinite_second_derivative_exits_3) {
  const result r = run_cli({"hessian", "x*sqrt(y)", "--at", "x=1,y=0"});
  EXPECT_EQ(r.code, 3);
  EXPECT_NE(r.err.find("∂²f/∂"), std::string::npos) << r.err;
}

TEST(cli_hessian, the_second_derivative_of_abs_to_a_power_at_its_kink_is_the_true_one) {
  // (|x|^1.5)'' = 0.75·|x|^(−1/2) is +∞ at 0, as (x^(4/3))'' is; (|x|²)'' = 2.
  for (const char* f : {"abs(x)^1.5", "x^(4/3)"}) {
    const result r = run_cli({"hessian", f, "--at", "0"});
    EXPECT_EQ(r.code, 3) << f << r.out;
    EXPECT_NE(r.err.find("∂²f/∂x²"), std::string::npos) << r.err;
  }
  EXPECT_EQ(run_cli({"hessian", "abs(x)^2", "--at", "0"}).out, "   x\nx  2\n");
  // kobai diff agrees: the symbolic second derivative is +∞ there too.
  EXPECT_EQ(run_cli({"diff", "abs(x)^1.5", "--order", "2", "--at", "0"}).code, 3);
  EXPECT_EQ(run_cli({"diff", "abs(x)^2", "--order", "2", "--at", "0"}).code, 0);
}

// (x·√x)″ = 0.75/√x → +∞ at 0, but the product rule on the tape meets 0·∞ there and gives NaN;
// the message names the infinity, as for x^1.5.
TEST(cli_hessian, a_product_whose_rule_meets_zero_times_infinity_reports_the_infinity) {
  for (const char* f : {"x*sqrt(x)", "x^1.5"}) {
    const result r = run_cli({"hessian", f, "--at", "0"});
    EXPECT_EQ(r.code, 3) << f;
    EXPECT_NE(r.err.find("∂²f/∂x² is inf at this point"), std::string::npos) << f << r.err;
  }
}

TEST(cli_grad, a_formula_without_variables_says_its_gradient_is_empty) {
  const result g = run_cli({"grad", "5"});
  EXPECT_EQ(g.code, 0);
  EXPECT_EQ(g.out, "the formula has no variables: f is a constant and its gradient is empty\n");
  const result h = run_cli({"hessian", "5"});
  EXPECT_EQ(h.code, 0);
  EXPECT_EQ(h.out, "the formula has no variables: f is a constant and its Hessian is empty\n");
  EXPECT_EQ(run_cli({"grad", "5", "--at", "1"}).err,
            "error: got 1 value, but the formula has no variables\n");
}

TEST(cli_grad, an_unknown_option_is_named_in_the_order_typed) {
  const result r = run_cli({"grad", "x^2", "--at", "x=1", "--method", "central"});
  EXPECT_EQ(r.code, 2);
  EXPECT_EQ(r.err,
            "error: unexpected arguments --method central for 'kobai grad'\n"
            "run 'kobai grad --help' for usage\n");
}

}  // namespace
}  // namespace kobai::cli
