#include <gtest/gtest.h>

#include <nlohmann/json.hpp>
#include <sstream>

#include "cli.hpp"
#include "run_cli.hpp"

namespace kobai::cli {
namespace {

using test::result;
using test::run_cli;

TEST(cli_tangent, line_of_x_squared_at_3) {
  const result r = run_cli({"tangent", "x^2", "--at", "x=3"});
  EXPECT_EQ(r.code, 0);
  EXPECT_EQ(r.out, "y = 6*x - 9\n");
}

TEST(cli_tangent, plane_of_the_seed_paraboloid) {
  EXPECT_EQ(run_cli({"tangent", "x^2 + y^2", "--at", "x=-2,y=2"}).out, "z = -4*x + 4*y - 8\n");
  EXPECT_EQ(run_cli({"tangent", "x^2 + y^2", "--at", "2,-2", "--vars", "y,x"}).out,
            "z = -4*x + 4*y - 8\n");
}

TEST(cli_tangent, the_books_numeric_slope_with_central_differences) {
  const result r = run_cli(
      {"tangent", "0.01x^2 + 0.1x", "--at", "x=5", "--method", "central", "--h", "1e-4", "--json"});
  ASSERT_EQ(r.code, 0) << r.err;
  const auto j = nlohmann::json::parse(r.out);
  EXPECT_EQ(j["slope"], 0.1999999999990898);
  EXPECT_EQ(j["slopes"]["x"], 0.1999999999990898);
  EXPECT_EQ(j["value"], 0.75);
  const auto exact =
      nlohmann::json::parse(run_cli({"tangent", "0.01x^2 + 0.1x", "--at", "x=5", "--json"}).out);
  EXPECT_EQ(exact["slope"], 0.2);
  EXPECT_EQ(exact["intercept"], -0.25);
  EXPECT_EQ(exact["equation"], "y = 0.2*x - 0.25");
}

TEST(cli_tangent, domain_error_exits_3_and_bad_input_2) {
  const result r = run_cli({"tangent", "log(x)", "--at", "x=0"});
  EXPECT_EQ(r.code, 3);
  EXPECT_NE(r.err.find("log(0)"), std::string::npos) << r.err;
  EXPECT_EQ(run_cli({"tangent", "x^2"}).code, 2);  // --at is required
  EXPECT_EQ(run_cli({"tangent", "5", "--at", ""}).code, 2);
  EXPECT_EQ(run_cli({"tangent", "x^2", "--at", "x=1", "--h", "1e-4"}).code, 2);
  EXPECT_EQ(run_cli({"tangent", "x^2", "--at", "x=1", "--method", "nope"}).code, 2);
}

TEST(cli_tangent, latex_output) {
  EXPECT_EQ(run_cli({"tangent", "x^2", "--at", "x=3", "--latex"}).out, "y = 6 x - 9\n");
}

}  // namespace
}  // namespace kobai::cli
