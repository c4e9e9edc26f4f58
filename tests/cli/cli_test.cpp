#include "cli.hpp"
#include "run_cli.hpp"

#include <gtest/gtest.h>

#include <new>
#include <sstream>
#include <stdexcept>

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

// "1,,2" left a value out: counting three values would send the user looking for the wrong thing.
TEST(cli_eval, an_empty_value_in_a_point_is_named_by_its_position) {
  EXPECT_EQ(run_cli({"eval", "x + y", "--at", "1,,2"}).err,
            "error: value 2 of '1,,2' is empty; separate the values by single commas\n");
  EXPECT_EQ(run_cli({"eval", "x + y", "--at", "1,2,"}).err,
            "error: value 3 of '1,2,' is empty; separate the values by single commas\n");
  EXPECT_EQ(run_cli({"eval", "x + y", "--at", "x=1,,y=2"}).code, 2);
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

// CLI11 reads "-1" into an unsigned option as 2⁶⁴ − 1: a run of 10¹⁹ iterations, or a vector of
// 10¹⁹ starts. Every count option refuses a sign before it is converted.
TEST(cli_counts, a_negative_count_is_a_usage_error_in_every_command) {
  const std::vector<std::vector<std::string>> cases = {
      {"minimize", "x^2+y^2", "--from", "1,1", "--iters", "-1"},
      {"minimize", "x^2+y^2", "--starts", "-1", "--box", "x=-1:1,y=-1:1", "--iters", "2"},
      {"minimize", "x^2+y^2", "--starts", "2", "--box", "x=-1:1,y=-1:1", "--seed", "-1"},
      {"minimize", "x^2+y^2", "--from", "1,1", "--method", "lbfgs", "--memory", "-1"},
      {"compare", "x^2+y^2", "--from", "1,1", "--methods", "gd", "--iters", "-1", "-o", "r.png"},
      {"lesson", "x^2+y^2", "--from", "1,1", "--iters", "-1", "-o", "lesson_dir"}};
  for (const auto& args : cases) {
    const result r = run_cli(args);
    EXPECT_EQ(r.code, exit_usage) << args[0] << ' ' << args[4] << ' ' << args[5];
    EXPECT_NE(r.err.find("'-1' is not a whole number"), std::string::npos) << r.err;
    EXPECT_EQ(r.out, "");
  }
}

TEST(cli_counts, a_count_that_is_not_a_whole_number_is_a_usage_error) {
  for (const std::string text : {"2.5", "1e3", "+3", "ten", "99999999999999999999"}) {
    const result r = run_cli({"minimize", "x^2", "--from", "1", "--iters", text});
    EXPECT_EQ(r.code, exit_usage) << text;
    EXPECT_NE(r.err.find("'" + text + "' is not a whole number"), std::string::npos) << r.err;
  }
}

TEST(cli_counts, lbfgs_memory_past_a_thousand_pairs_is_refused_before_any_allocation) {
  const result r = run_cli(
      {"minimize", "x^2+y^2", "--from", "1,1", "--method", "lbfgs", "--memory", "100000000000"});
  EXPECT_EQ(r.code, exit_usage);
  EXPECT_NE(r.err.find("'100000000000' is not a whole number from 1 to 1000"), std::string::npos)
      << r.err;
  const result c = run_cli(
      {"compare", "x^2+y^2", "--from", "1,1", "--methods", "lbfgs:memory=1e12", "-o", "r.png"});
  EXPECT_EQ(c.code, exit_usage);
  EXPECT_NE(c.err.find("lbfgs.memory must be at most 1000, got 1000000000000"), std::string::npos)
      << c.err;
  const result ok =
      run_cli({"minimize", "x^2+y^2", "--from", "1,1", "--method", "lbfgs", "--memory", "1000"});
  EXPECT_EQ(ok.code, exit_ok) << ok.err;
}

TEST(cli_leading_minus, a_formula_read_as_an_option_gets_a_hint_on_how_to_write_it) {
  const std::string hint =
      "if '-x^2' is the formula, write it with a space before the minus (\" -x^2\"), or last, "
      "after -- (-- \"-x^2\")";
  for (const std::vector<std::string>& args :
       {std::vector<std::string>{"diff", "-x^2"},
        std::vector<std::string>{"minimize", "-x^2", "--from", "1"}}) {
    const result r = run_cli(args);
    EXPECT_EQ(r.code, exit_usage) << args[0];
    EXPECT_NE(r.err.find(hint), std::string::npos) << r.err;
  }
  // Negative numbers after an option are values, and need no hint.
  const result n = run_cli({"minimize", "x^2", "--from", "-1", "--bogus"});
  EXPECT_EQ(n.code, exit_usage);
  EXPECT_EQ(n.err.find("read as an option"), std::string::npos) << n.err;
}

TEST(cli_leading_minus, both_ways_the_hint_gives_pass_the_formula) {
  EXPECT_EQ(run_cli({"eval", " -x^2", "--at", "x=3"}).out, "-9\n");
  EXPECT_EQ(run_cli({"eval", "--at", "x=3", "--", "-x^2"}).out, "-9\n");
  const result m = run_cli({"minimize", "--from", "1", "--iters", "1", "--", "-x^2"});
  EXPECT_EQ(m.code, exit_ok) << m.err;
}

TEST(cli_run_action, an_allocation_failure_ends_with_a_message_not_an_abort) {
  std::ostringstream err;
  EXPECT_EQ(run_action([] { throw std::bad_alloc(); }, err), exit_failure);
  EXPECT_EQ(err.str(),
            "error: out of memory: the run needs more memory than the machine gives it\n");
}

TEST(cli_run_action, any_other_library_exception_ends_with_its_message) {
  std::ostringstream err;
  EXPECT_EQ(run_action([] { throw std::out_of_range("index 7"); }, err), exit_failure);
  EXPECT_EQ(err.str(), "error: unexpected failure: index 7\n");
}

TEST(cli_eval, a_value_too_large_for_a_double_says_so) {
  const result r = run_cli({"eval", "x", "--at", "x=1e999"});
  EXPECT_EQ(r.code, 2);
  EXPECT_EQ(r.err,
            "error: cannot read the value '1e999': number 1e999 at column 1 is too large for a "
            "double (largest is about 1.8e308)\n");
}

}  // namespace
}  // namespace kobai::cli
