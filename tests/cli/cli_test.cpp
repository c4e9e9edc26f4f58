#include "cli.hpp"
#include "run_cli.hpp"

#include <gtest/gtest.h>

#include <sstream>

namespace kobai::cli {
namespace {

using test::result;
using test::run_cli;

TEST(cli_eval, prints_the_value_at_a_named_point) {
  const result r = run_cli({"eval", "4x^2 + 4x*y + 2y^2 + 5", "--at", "x=1,y=2"});
  EXPECT_EQ(r.code, 0);
  EXPECT_EQ(r.out, "25\n");
}

TEST(cli_eval, accepts_positional_values_in_natural_order) {
  EXPECT_EQ(run_cli({"eval", "x - y", "--at", "-2,2"}).out, "-4\n");
  EXPECT_EQ(run_cli({"eval", "x - y", "--at", "2,-2", "--vars", "y,x"}).out, "-4\n");
}

TEST(cli_eval, a_formula_without_variables_needs_no_point) {
  EXPECT_EQ(run_cli({"eval", "2^3^2"}).out, "512\n");
}

TEST(cli_eval, syntax_error_exits_2_with_a_caret) {
  const result r = run_cli({"eval", "4*x^^2", "--at", "x=1"});
  EXPECT_EQ(r.code, 2);
  EXPECT_EQ(r.err,
            "error: unexpected '^' at column 5; expected a number, variable, function or '('\n"
            "  4*x^^2\n"
            "      ^\n");
}

TEST(cli_eval, domain_error_exits_3) {
  const result r = run_cli({"eval", "log(-1)"});
  EXPECT_EQ(r.code, 3);
  EXPECT_EQ(r.err,
            "error: log(-1) is nan (at column 1): log is defined for positive arguments only\n");
}

TEST(cli_eval, missing_unknown_and_non_numeric_values_exit_2) {
  EXPECT_EQ(run_cli({"eval", "x + y", "--at", "x=1"}).code, 2);
  EXPECT_EQ(run_cli({"eval", "x + y", "--at", "x=1,y=2,z=3"}).code, 2);
  EXPECT_EQ(run_cli({"eval", "x", "--at", "x=abc"}).code, 2);
}

TEST(cli_eval, bad_point_messages_name_the_problem) {
  EXPECT_EQ(run_cli({"eval", "x + y", "--at", "x=1"}).err,
            "error: no value given for variable 'y'\n");
  EXPECT_EQ(run_cli({"eval", "x + y", "--at", "x=1,y=2,z=3"}).err,
            "error: 'z' is not a variable of the formula (its variables: x, y)\n");
  EXPECT_EQ(run_cli({"eval", "x", "--at", "x=abc"}).err, "error: 'abc' is not a number\n");
  EXPECT_EQ(run_cli({"eval", "x + y", "--at", "1"}).err,
            "error: got 1 value for 2 variables (x, y)\n");
  EXPECT_EQ(run_cli({"eval", "x + y"}).err,
            "error: the formula has 2 variables (x, y); give their values with --at\n");
}

TEST(cli_eval, point_values_may_be_constant_formulas) {
  EXPECT_EQ(run_cli({"eval", "sin(x)", "--at", "x=pi/2"}).out, "1\n");
}

TEST(cli_eval, overflow_to_infinity_exits_3) {
  const result r = run_cli({"eval", "exp(x)", "--at", "x=1000"});
  EXPECT_EQ(r.code, 3);
  EXPECT_EQ(r.err, "error: exp(1000) is inf (at column 1): the result overflows a double\n");
}

TEST(cli, unknown_command_or_option_exits_2) {
  EXPECT_EQ(run_cli({"frobnicate"}).code, 2);
  EXPECT_EQ(run_cli({"eval", "x", "--bogus"}).code, 2);
  EXPECT_EQ(run_cli({}).code, 2);
}

TEST(cli, version_and_help_exit_0) {
  EXPECT_EQ(run_cli({"--version"}).out, "0.1.0\n");
  EXPECT_EQ(run_cli({"--help"}).code, 0);
  EXPECT_EQ(run_cli({"eval", "--help"}).code, 0);
}

TEST(cli_parse, prints_canonical_form_variables_and_nodes) {
  const result r = run_cli({"parse", "4x^2 + 4x*y + 2y^2 + 5"});
  EXPECT_EQ(r.out, "4*x^2 + 4*x*y + 2*y^2 + 5\nvariables: x, y\nnodes: 14\n");
}

}  // namespace
}  // namespace kobai::cli
