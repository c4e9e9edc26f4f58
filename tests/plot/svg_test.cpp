// Structural checks on SVG output: the drawn path has one vertex per iterate, at the plot-space
// position the axes map the iterate to.
#include <gtest/gtest.h>

#include <cmath>
#include <regex>
#include <sstream>

#include "kobai/expr/parse.hpp"
#include "kobai/plot/plot.hpp"
#include "support.hpp"

namespace kobai {
namespace {

using test::svg_path;

std::vector<svg_path> paths_of(const std::string& svg) {
  return test::svg_paths(svg);
}

std::pair<double, double> to_image(const plot_panel& a, double x, double y) {
  return {a.left + (x - a.x.lo) / (a.x.hi - a.x.lo) * a.width,
          a.top + a.height - (y - a.y.lo) / (a.y.hi - a.y.lo) * a.height};
}

// The one stroked polyline with exactly `n` vertices in the path colour.
const svg_path* find_path(const std::vector<svg_path>& paths, std::size_t n) {
  const svg_path* found = nullptr;
  for (const auto& p : paths) {
    if (p.only_lines && p.points.size() == n &&
        p.style.find("stroke:rgb(84") != std::string::npos) {
      if (found) return nullptr;
      found = &p;
    }
  }
  return found;
}

TEST(svg, contour_path_has_one_vertex_per_iterate_at_its_plot_position) {
  const trace run = test::descend("x^2 + y^2", {-2, 2}, 0.1, 20);
  const auto file = test::scratch("path.svg");
  const plot_summary s = write_plot(parse("x^2 + y^2").root(), std::vector{run},
                                    {.kind = plot_kind::contour,
                                     .width = 400,
                                     .height = 300,
                                     .x_range = plot_range{-2.5, 0.5},
                                     .y_range = plot_range{-0.5, 2.5}},
                                    file);
  const std::vector<svg_path> paths = paths_of(test::read_bytes(file));
  const svg_path* p = find_path(paths, 21);
  ASSERT_NE(p, nullptr);
  for (std::size_t k = 0; k < 21; ++k) {
    const auto [x, y] = to_image(s.panels.at(0), run.iterations[k].x[0], run.iterations[k].x[1]);
    EXPECT_NEAR(p->points[k].first, x, 0.01) << k;
    EXPECT_NEAR(p->points[k].second, y, 0.01) << k;
  }
  // The seed's first step lands on (−1.6, 1.6).
  const auto [x1, y1] = to_image(s.panels.at(0), -1.6, 1.6);
  EXPECT_NEAR(p->points[1].first, x1, 0.01);
  EXPECT_NEAR(p->points[1].second, y1, 0.01);
}

TEST(svg, compare_draws_each_method_over_the_same_axes) {
  const std::vector<trace> runs{test::descend("x^2/20 + y^2", {-7, 2}, 0.95, 12, "gd"),
                                test::descend("x^2/20 + y^2", {-7, 2}, 0.5, 8, "slow")};
  const auto file = test::scratch("compare.svg");
  const plot_summary s =
      write_plot(parse("x^2/20 + y^2").root(), runs,
                 {.kind = plot_kind::compare, .width = 500, .height = 400}, file);
  ASSERT_EQ(s.panels.size(), 1u);
  const std::vector<svg_path> paths = paths_of(test::read_bytes(file));
  const svg_path* first = find_path(paths, 13);
  ASSERT_NE(first, nullptr);
  const auto [x, y] = to_image(s.panels[0], -7, 2);
  EXPECT_NEAR(first->points[0].first, x, 0.01);
  EXPECT_NEAR(first->points[0].second, y, 0.01);
  // The range holds every iterate of both runs.
  for (const trace& t : runs) {
    for (const auto& it : t.iterations) {
      EXPECT_GE(it.x[0], s.panels[0].x.lo);
      EXPECT_LE(it.x[0], s.panels[0].x.hi);
      EXPECT_GE(it.x[1], s.panels[0].y.lo);
      EXPECT_LE(it.x[1], s.panels[0].y.hi);
    }
  }
}

TEST(svg, compare_panels_give_one_plot_per_method) {
  std::vector<trace> runs;
  for (int i = 0; i < 4; ++i)
    runs.push_back(test::descend("x^2/20 + y^2", {-7, 2}, 0.2 + 0.2 * i, 10));
  const plot_summary s =
      write_plot(parse("x^2/20 + y^2").root(), runs,
                 {.kind = plot_kind::compare, .width = 600, .height = 500, .panels = true},
                 test::scratch("panels.svg"));
  ASSERT_EQ(s.panels.size(), 4u);
  EXPECT_LT(s.panels[0].left, s.panels[1].left);  // 2 × 2: first row left to right
  EXPECT_LT(s.panels[0].top, s.panels[2].top);
}

}  // namespace
}  // namespace kobai
