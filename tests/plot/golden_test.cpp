// Golden images: each kind drawn small and compared with tests/plot/golden/KIND.png within a
// tolerance (mean channel difference and share of strongly different pixels), so a change in
// anti-aliasing is tolerated and a missing line or moved axis is not. Regenerate after an
// intended change of the pictures with:
//   KOBAI_UPDATE_GOLDEN=1 ctest --test-dir build/release -R golden
#include <gtest/gtest.h>

#include <cstdlib>

#include "kobai/expr/parse.hpp"
#include "kobai/plot/plot.hpp"
#include "support.hpp"

namespace kobai {
namespace {

struct golden_case {
  const char* name;
  const char* formula;
  plot_options options;
  bool one_variable;
};

void check_golden(const golden_case& c) {
  std::vector<trace> runs;
  if (c.one_variable) {
    runs.push_back(test::descend(c.formula, {3}, 0.1, 15));
  } else if (c.options.kind == plot_kind::compare) {
    runs.push_back(test::descend(c.formula, {-7, 2}, 0.95, 20, "gd:rate=0.95"));
    runs.push_back(test::descend(c.formula, {-7, 2}, 0.3, 20, "gd:rate=0.3"));
  } else {
    runs.push_back(test::descend(c.formula, {-2, 2}, 0.1, 20));
  }
  const auto out = test::scratch(std::string(c.name) + ".png");
  write_plot(parse(c.formula).root(), runs, c.options, out);
  const std::filesystem::path golden =
      test::source_dir() / "tests/plot/golden" / (std::string(c.name) + ".png");
  if (std::getenv("KOBAI_UPDATE_GOLDEN")) {
    std::filesystem::copy_file(out, golden, std::filesystem::copy_options::overwrite_existing);
    GTEST_SKIP() << "golden written: " << golden;
  }
  ASSERT_TRUE(std::filesystem::exists(golden)) << golden;
  const test::difference d = test::compare_images(test::read_png(out), test::read_png(golden));
  EXPECT_LT(d.mean, 2.0) << c.name;
  EXPECT_LT(d.strong, 0.01) << c.name;
}

TEST(golden, curve_with_tangent) {
  check_golden({"curve",
                "x^2",
                {.kind = plot_kind::curve, .width = 240, .height = 180, .tangent_at = {3}},
                true});
}
TEST(golden, steps) {
  check_golden({"steps", "x^2", {.kind = plot_kind::steps, .width = 320, .height = 240}, true});
}
TEST(golden, contour_with_field) {
  check_golden({"contour",
                "x^2 + y^2",
                {.kind = plot_kind::contour, .width = 240, .height = 180, .field = true},
                false});
}
TEST(golden, contour_filled) {
  check_golden({"contour-filled",
                "x^2 + y^2",
                {.kind = plot_kind::contour, .width = 240, .height = 180, .filled = true},
                false});
}
TEST(golden, wireframe) {
  check_golden({"wireframe",
                "x^2 + y^2",
                {.kind = plot_kind::wireframe, .width = 240, .height = 180},
                false});
}
TEST(golden, surface) {
  check_golden(
      {"surface", "x^2 + y^2", {.kind = plot_kind::surface, .width = 240, .height = 180}, false});
}
TEST(golden, convergence) {
  check_golden({"convergence",
                "x^2 + y^2",
                {.kind = plot_kind::convergence, .width = 320, .height = 180},
                false});
}
TEST(golden, compare) {
  check_golden({"compare",
                "x^2/20 + y^2",
                {.kind = plot_kind::compare, .width = 240, .height = 180},
                false});
}
// The point of these three is the run's start, (−2, 2).
TEST(golden, sections) {
  check_golden(
      {"sections", "x^2 + y^2", {.kind = plot_kind::sections, .width = 240, .height = 180}, false});
}
TEST(golden, partials_side_by_side) {
  check_golden({"partials",
                "x^2 + y^2",
                {.kind = plot_kind::partials, .width = 320, .height = 180, .wrt = {"x", "y"}},
                false});
}
TEST(golden, tangent_plane) {
  check_golden({"tangent-plane",
                "x^2 + y^2",
                {.kind = plot_kind::tangent_plane, .width = 240, .height = 180},
                false});
}

}  // namespace
}  // namespace kobai
