#include <gtest/gtest.h>

#include <filesystem>
#include <sstream>

#include "cli.hpp"

namespace kobai::cli {
namespace {

struct result {
  int code;
  std::string out, err;
};

result run_cli(std::vector<std::string> args) {
  std::ostringstream out, err;
  const int code = run(args, out, err);
  return {code, out.str(), err.str()};
}

std::string scratch(const std::string& name) {
  const auto dir = std::filesystem::path(testing::TempDir()) / "kobai_cli_plot";
  std::filesystem::create_directories(dir);
  std::filesystem::remove(dir / name);
  return (dir / name).string();
}

TEST(cli_plot, draws_the_tangent_figure_and_says_where) {
  const std::string file = scratch("tangent.png");
  const result r = run_cli(
      {"plot", "x^2", "--kind", "curve", "--tangent-at", "3", "--size", "320x240", "-o", file});
  EXPECT_EQ(r.code, 0) << r.err;
  EXPECT_EQ(r.out, "wrote " + file + "\n");
  EXPECT_TRUE(std::filesystem::exists(file));
}

TEST(cli_plot, contour_takes_ranges_by_name_and_the_field) {
  const std::string file = scratch("field.svg");
  const result r = run_cli({"plot", "x^2 + y^2", "--kind", "contour", "--field", "--range",
                            "y=-1:1,x=-2:2", "--size", "300x200", "-o", file});
  EXPECT_EQ(r.code, 0) << r.err;
  EXPECT_TRUE(std::filesystem::exists(file));
}

TEST(cli_plot, unknown_kind_exits_2_listing_the_kinds) {
  const result r = run_cli({"plot", "x^2", "--kind", "pie", "-o", scratch("pie.png")});
  EXPECT_EQ(r.code, 2);
  EXPECT_EQ(r.err,
            "error: unknown kind 'pie'; the kinds are curve, contour, wireframe, surface, steps, "
            "convergence, compare\n");
}

TEST(cli_plot, contour_of_one_variable_exits_2) {
  const result r = run_cli({"plot", "x^2", "--kind", "contour", "-o", scratch("c.png")});
  EXPECT_EQ(r.code, 2);
  EXPECT_NE(r.err.find("use curve or steps"), std::string::npos);
}

TEST(cli_plot, bad_sizes_exit_2) {
  for (const char* size : {"0x600", "100000x100000", "big"}) {
    const result r = run_cli({"plot", "x^2", "--size", size, "-o", scratch("s.png")});
    EXPECT_EQ(r.code, 2) << size;
    EXPECT_NE(r.err.find("size"), std::string::npos) << size;
  }
}

TEST(cli_plot, unwritable_path_and_unknown_extension_exit_2) {
  const result a = run_cli({"plot", "x^2", "-o", "/nonexistent-dir/a.png"});
  EXPECT_EQ(a.code, 2);
  EXPECT_EQ(a.err, "error: cannot write '/nonexistent-dir/a.png'\n");
  const result b = run_cli({"plot", "x^2", "-o", scratch("a.jpg")});
  EXPECT_EQ(b.code, 2);
  EXPECT_NE(b.err.find(".png, .svg, .pdf or .gif"), std::string::npos);
}

TEST(cli_plot, bad_range_and_view_exit_2) {
  EXPECT_EQ(
      run_cli({"plot", "x^2+y^2", "--kind", "contour", "--range", "x=3:1", "-o", scratch("r.png")})
          .code,
      2);
  EXPECT_EQ(
      run_cli({"plot", "x^2+y^2", "--kind", "wireframe", "--view", "30", "-o", scratch("v.png")})
          .code,
      2);
}

}  // namespace
}  // namespace kobai::cli
