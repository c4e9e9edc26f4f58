// `kobai problems`, run in-process.
#include <gtest/gtest.h>

#include <nlohmann/json.hpp>
#include <sstream>

#include "cli.hpp"
#include "kobai/eval/tape.hpp"
#include "kobai/expr/parse.hpp"
#include "run_cli.hpp"

namespace kobai::cli {
namespace {

using test::result;
using test::run_cli;

std::size_t count_lines(const std::string& s) {
  return static_cast<std::size_t>(std::count(s.begin(), s.end(), '\n'));
}

TEST(cli_problems, lists_every_problem_with_n_m_minimum_and_start) {
  const result r = run_cli({"problems"});
  EXPECT_EQ(r.code, 0) << r.err;
  EXPECT_EQ(count_lines(r.out), 41u);  // header + 35 MGH + 5 classics
  EXPECT_NE(r.out.find("\nrosenbrock  1  2  2  0  (-1.2, 1)\n"), std::string::npos) << r.out;
  EXPECT_NE(r.out.find("\nhimmelblau  -  2  2  0  (0, 0)\n"), std::string::npos);
  EXPECT_NE(r.out.find("\nlinear_full_rank  32  10  20  10  (1, 1, 1, 1, 1, 1, 1, 1, 1, 1)\n"),
            std::string::npos);
}

TEST(cli_problems, shows_one_problem_with_formula_start_and_minima) {
  const result r = run_cli({"problems", "rosenbrock"});
  EXPECT_EQ(r.code, 0) << r.err;
  EXPECT_EQ(r.out,
            "Rosenbrock (Moré-Garbow-Hillstrom 1)\n"
            "n = 2, m = 2 residuals (f is the sum of their squares)\n"
            "f = 100*(x2 - x1^2)^2 + (1 - x1)^2\n"
            "start x0 = (-1.2, 1), f(x0) = 24.199999999999996\n"
            "global minimum f = 0 at (1, 1)\n");
}

TEST(cli_problems, the_shown_formula_runs_in_eval_at_the_start) {
  const result shown = run_cli({"problems", "mgh14"});
  const std::string line = shown.out.substr(shown.out.find("\nf = ") + 5);
  const std::string formula = line.substr(0, line.find('\n'));
  const result r = run_cli({"eval", formula, "--at", "-3,-1,-3,-1"});
  EXPECT_EQ(r.code, 0) << r.err;
  EXPECT_EQ(r.out, "19192\n");  // Wood, f(x0) published
}

// --json gives a program everything it needs to run a problem itself. Checked against the
// problem's own numbers: its formula, compiled over its variables, gives each minimum listed with
// a full-precision minimizer its f, and the residuals squared and summed give the formula's value
// at the start.
TEST(cli_problems, json_gives_each_problem_runnable_with_its_minima) {
  const result r = run_cli({"problems", "--json"});
  ASSERT_EQ(r.code, 0) << r.err;
  const auto all = nlohmann::json::parse(r.out);
  ASSERT_EQ(all.size(), 40u);
  std::size_t checked = 0;
  for (const auto& p : all) {
    const std::string name = p["name"];
    const auto variables = p["variables"].get<std::vector<std::string>>();
    ASSERT_EQ(variables.size(), p["n"].get<std::size_t>()) << name;
    const tape f = compile(parse(p["formula"].get<std::string>()).root(), variables);
    const auto start = p["start"].get<std::vector<double>>();
    if (!p["residuals"].empty()) {
      double sum = 0;
      for (const auto& residual : p["residuals"]) {
        const double ri =
            compile(parse(residual.get<std::string>()).root(), variables).value(start);
        sum += ri * ri;
      }
      EXPECT_NEAR(sum, f.value(start), 1e-12 * std::max(1.0, sum)) << name;
    }
    for (const auto& m : p["minima"]) {
      if (m["x"].is_null() || !m["exact"].get<bool>()) continue;
      const double fm = m["f"];
      EXPECT_NEAR(f.value(m["x"].get<std::vector<double>>()), fm, 1e-9 * std::max(1.0, fm)) << name;
      ++checked;
    }
  }
  EXPECT_GT(checked, 20u);
  // A size without a published minimum: f_star null, no minima.
  const auto unknown =
      nlohmann::json::parse(run_cli({"problems", "chebyquad", "--n", "11", "--json"}).out);
  EXPECT_TRUE(unknown["f_star"].is_null());
  EXPECT_TRUE(unknown["minima"].empty());
  EXPECT_TRUE(unknown["minima"].is_array());
}

TEST(cli_problems, variable_dimension_problems_take_n) {
  const result r = run_cli({"problems", "extended_rosenbrock", "--n", "4"});
  EXPECT_EQ(r.code, 0) << r.err;
  EXPECT_NE(r.out.find("start x0 = (-1.2, 1, -1.2, 1), f(x0) = 48.39999999999999\n"),
            std::string::npos)
      << r.out;
}

TEST(cli_problems, unknown_names_and_bad_dimensions_exit_2_with_a_message) {
  const result unknown = run_cli({"problems", "rosenbrok"});
  EXPECT_EQ(unknown.code, 2);
  EXPECT_EQ(unknown.err, "error: unknown problem 'rosenbrok'; 'kobai problems' lists them\n");
  const result odd = run_cli({"problems", "extended_rosenbrock", "--n", "3"});
  EXPECT_EQ(odd.code, 2);
  EXPECT_NE(odd.err.find("n must be a positive multiple of 2"), std::string::npos) << odd.err;
}

// MGH give Gulf n ≤ m ≤ 100 (shared/reference/mgh-problems.md); TOMS 566's m = 99 is the default.
TEST(cli_problems, gulf_takes_an_m_in_its_published_range) {
  const result r = run_cli({"problems", "gulf", "--m", "50"});
  EXPECT_EQ(r.code, 0) << r.err;
  EXPECT_NE(r.out.find("\nn = 3, m = 50 residuals"), std::string::npos) << r.out;
  EXPECT_NE(r.out.find("global minimum f = 0 at (50, 25, 1.5)"), std::string::npos) << r.out;
  const result big = run_cli({"problems", "gulf", "--m", "200"});
  EXPECT_EQ(big.code, 2);
  EXPECT_EQ(big.err, "error: problem 'gulf': m must be between 3 and 100\n");
}

// A dimension that is not a count, or one whose formula would not fit in memory, gets kobai's own
// range message, not CLI11's (which printed the range of a double) and not "out of memory".
TEST(cli_problems, a_dimension_out_of_range_names_the_range_it_takes) {
  for (const char* option : {"--n", "--m"}) {
    for (const char* value : {"0", "-3", "2.5", "100000000000", "99999999999999999999"}) {
      const result r = run_cli({"problems", "linear_full_rank", option, value});
      SCOPED_TRACE(std::string(option) + " " + value);
      EXPECT_EQ(r.code, 2);
      EXPECT_NE(r.err.find(std::string("'") + value + "' is not a whole number from 1 to 1000000"),
                std::string::npos)
          << r.err;
    }
  }
}

}  // namespace
}  // namespace kobai::cli
