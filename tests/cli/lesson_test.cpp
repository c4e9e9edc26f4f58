// The lesson kinds on the command line (kobai plot --kind sections|partials|tangent-plane) and
// kobai lesson.
#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>
#include <sstream>

#include "cli.hpp"

namespace kobai::cli {
namespace {

namespace fs = std::filesystem;

struct result {
  int code;
  std::string out, err;
};

result run_cli(std::vector<std::string> args) {
  std::ostringstream out, err;
  const int code = run(args, out, err);
  return {code, out.str(), err.str()};
}

fs::path scratch(const std::string& name) {
  const auto dir = fs::path(testing::TempDir()) / "kobai_cli_lesson";
  fs::create_directories(dir);
  fs::remove_all(dir / name);
  return dir / name;
}

TEST(cli_lesson_kinds, each_kind_draws_at_the_point_given_by_at) {
  for (const std::string kind : {"sections", "partials", "tangent-plane"}) {
    const std::string file = scratch(kind + ".png").string();
    const result r = run_cli({"plot", "x^2 + y^2", "--kind", kind, "--at", "-2,2", "--size",
                              "320x240", "--view", "20,-40", "-o", file});
    EXPECT_EQ(r.code, 0) << kind << ": " << r.err;
    EXPECT_EQ(r.out, "wrote " + file + "\n");
    EXPECT_TRUE(fs::exists(file));
  }
}

TEST(cli_lesson_kinds, surface_and_wrt_are_checked) {
  const std::string file = scratch("p.png").string();
  EXPECT_EQ(
      run_cli({"plot", "x^2 + y^2", "--kind", "sections", "--surface", "none", "-o", file}).code,
      0);
  EXPECT_EQ(run_cli({"plot", "x^2 + y^2", "--kind", "partials", "--wrt", "x,y", "-o", file}).code,
            0);
  const result bad =
      run_cli({"plot", "x^2 + y^2", "--kind", "sections", "--surface", "glass", "-o", file});
  EXPECT_EQ(bad.code, 2);
  EXPECT_EQ(bad.err, "error: --surface 'glass' is not none, wire or shaded\n");
  const result wrt = run_cli({"plot", "x^2 + y^2", "--kind", "partials", "--wrt", "z", "-o", file});
  EXPECT_EQ(wrt.code, 2);
  EXPECT_NE(wrt.err.find("'z'"), std::string::npos) << wrt.err;
}

TEST(cli_lesson_kinds, three_variables_take_a_slice_and_the_point) {
  const std::string file = scratch("slice.png").string();
  const result r = run_cli({"plot", "x^2 + y^2 + w^2", "--kind", "tangent-plane", "--slice", "x,y",
                            "--at", "x=1,y=1,w=2", "-o", file});
  EXPECT_EQ(r.code, 0) << r.err;
  EXPECT_NE(r.out.find("slice with w = 2"), std::string::npos) << r.out;
}

TEST(cli_lesson_kinds, one_variable_is_a_usage_error_naming_curve_and_steps) {
  const result r =
      run_cli({"plot", "x^2", "--kind", "partials", "-o", scratch("one.png").string()});
  EXPECT_EQ(r.code, 2);
  EXPECT_NE(r.err.find("use curve or steps"), std::string::npos) << r.err;
}

TEST(cli_lesson_kinds, a_point_outside_the_range_extends_it_and_says_so) {
  const std::string file = scratch("out.png").string();
  const result r = run_cli({"plot", "x^2 + y^2", "--kind", "sections", "--range", "-1:1,-1:1",
                            "--at", "3,0", "-o", file});
  EXPECT_EQ(r.code, 0) << r.err;
  EXPECT_NE(r.out.find("note: the point (3, 0) lies outside the given range"), std::string::npos)
      << r.out;
}

}  // namespace
}  // namespace kobai::cli
