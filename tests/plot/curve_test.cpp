// The curve kind: the polyline is broken at poles and jumps and nowhere else, the automatic value
// range is not flattened by a pole's spikes, every tangent has its own colour, and a descent is
// marked as contour marks it (the open ring at the start) with its minimizer inside the range.
#include <gtest/gtest.h>

#include <cmath>
#include <numbers>
#include <set>
#include <string>
#include <vector>

#include "kobai/expr/parse.hpp"
#include "kobai/plot/plot.hpp"
#include "support.hpp"

namespace kobai {
namespace {

using test::svg_path;

// The curve's colour (colors::curve, 0.12 0.40 0.70) as cairo writes it into SVG.
constexpr const char* curve_stroke = "stroke:rgb(12%,40%,70%)";

struct drawn_curve {
  plot_summary summary;
  std::vector<svg_path> strokes;  ///< the stroked paths in the curve's colour
};

drawn_curve draw(const char* formula, plot_options o) {
  o.kind = plot_kind::curve;
  o.width = 480;
  o.height = 360;
  const auto file = test::scratch("curve_test.svg");
  drawn_curve d;
  d.summary = write_plot(parse(formula).root(), {}, o, file);
  for (svg_path& p : test::svg_paths(test::read_bytes(file))) {
    if (p.only_lines && p.style.find(curve_stroke) != std::string::npos &&
        p.style.find("stroke-dasharray") == std::string::npos && p.points.size() > 2)
      d.strokes.push_back(std::move(p));
  }
  return d;
}

double image_x(const plot_panel& p, double x) {
  return p.left + (x - p.x.lo) / (p.x.hi - p.x.lo) * p.width;
}

// How many drawn segments (a line from one vertex to the next) pass over image x = `at`.
int segments_over(const drawn_curve& d, double at) {
  int n = 0;
  for (const svg_path& p : d.strokes) {
    for (std::size_t k = 1; k < p.points.size(); ++k) {
      if (p.moves[k]) continue;
      const double a = p.points[k - 1].first, b = p.points[k].first;
      if (std::min(a, b) < at && at < std::max(a, b)) ++n;
    }
  }
  return n;
}

TEST(curve, one_over_x_has_no_line_across_its_pole_and_a_range_that_shows_the_branches) {
  const drawn_curve d = draw("1/x", {.x_range = plot_range{-3, 3}});
  ASSERT_FALSE(d.strokes.empty());
  const plot_panel& p = d.summary.panels.at(0);
  EXPECT_EQ(segments_over(d, image_x(p, 0)), 0);
  // Elsewhere the curve is one line: a segment passes over x = ±1.
  EXPECT_EQ(segments_over(d, image_x(p, 1)), 1);
  EXPECT_EQ(segments_over(d, image_x(p, -1)), 1);
  // 1/x at ±1 is ±1: the range is a few units, not the ±400 of the samples beside the pole.
  EXPECT_GT(p.y.hi, 2);
  EXPECT_LT(p.y.hi, 20);
  EXPECT_LT(p.y.lo, -2);
  EXPECT_GT(p.y.lo, -20);
}

TEST(curve, tan_is_cut_at_both_poles_and_its_range_holds_the_middle_branch) {
  const drawn_curve d = draw("tan(x)", {.x_range = plot_range{-3, 3}});
  const plot_panel& p = d.summary.panels.at(0);
  const double half_pi = std::numbers::pi / 2;
  EXPECT_EQ(segments_over(d, image_x(p, half_pi)), 0);
  EXPECT_EQ(segments_over(d, image_x(p, -half_pi)), 0);
  EXPECT_EQ(segments_over(d, image_x(p, 0)), 1);
  EXPECT_EQ(segments_over(d, image_x(p, 2.5)), 1);
  // tan(±1) = ±1.56 stands out of a range of a few units.
  EXPECT_GT(p.y.hi, 3);
  EXPECT_LT(p.y.hi, 30);
}

TEST(curve, a_range_the_user_gives_for_f_wins_and_the_pole_is_still_cut) {
  const drawn_curve d =
      draw("1/x", {.x_range = plot_range{-3, 3}, .y_range = plot_range{-500, 500}});
  const plot_panel& p = d.summary.panels.at(0);
  EXPECT_EQ(p.y.lo, -500);
  EXPECT_EQ(p.y.hi, 500);
  EXPECT_EQ(segments_over(d, image_x(p, 0)), 0);
}

TEST(curve, a_steep_continuous_curve_is_one_line_through_its_steep_part) {
  // atan(1000x) climbs from −π/2 to π/2 within a sample or two of 0, but it is continuous.
  const drawn_curve d = draw("atan(1000*x)", {.x_range = plot_range{-3, 3}});
  const plot_panel& p = d.summary.panels.at(0);
  EXPECT_EQ(segments_over(d, image_x(p, 0)), 1);
  EXPECT_LT(p.y.lo, -1.5);
  EXPECT_GT(p.y.hi, 1.5);
}

TEST(curve, every_tangent_has_its_own_colour_none_the_curves) {
  const auto file = test::scratch("tangents.svg");
  const std::vector<double> at = {1, 2, 3, 4, 5, 6, 7, 8};
  write_plot(parse("x^2").root(), {},
             {.kind = plot_kind::curve, .width = 480, .height = 360, .tangent_at = at}, file);
  std::set<std::string> colours;
  for (const svg_path& p : test::svg_paths(test::read_bytes(file))) {
    if (p.style.find("stroke-dasharray") == std::string::npos) continue;
    const auto b = p.style.find("stroke:rgb(");
    ASSERT_NE(b, std::string::npos) << p.style;
    colours.insert(p.style.substr(b, p.style.find(')', b) - b));
  }
  // Each tangent's line and its legend sample share a colour; eight tangents, eight colours.
  EXPECT_EQ(colours.size(), at.size());
  EXPECT_EQ(colours.count("stroke:rgb(12%,40%,70%"), 0u);
}

TEST(curve, a_descent_rings_its_start_as_contour_does_and_its_minimum_is_in_range) {
  // (x − 1)² from −2 with rate 0.1, five steps: the run stops near 0, the minimizer is 1.
  const trace run = test::descend("(x-1)^2", {-2}, 0.1, 5);
  const auto file = test::scratch("descent_1d.png");
  const plot_summary s =
      write_plot(parse("(x-1)^2").root(), std::vector{run},
                 {.kind = plot_kind::curve, .width = 480, .height = 360, .minimum = {1}}, file);
  const plot_panel& p = s.panels.at(0);
  EXPECT_LT(p.x.lo, -2);
  EXPECT_GT(p.x.hi, 1);
  const test::image img = test::read_png(file);
  const auto pixel = [&](double x) {
    const double fx = (x - 1) * (x - 1);
    const double u = image_x(p, x),
                 v = p.top + p.height - (fx - p.y.lo) / (p.y.hi - p.y.lo) * p.height;
    return img.at(static_cast<int>(std::lround(u)), static_cast<int>(std::lround(v)));
  };
  // The start is an open ring (white inside, as on contour); the last iterate a filled red dot.
  EXPECT_EQ(pixel(run.iterations.front().x[0]), 0xffffffu);
  const std::uint32_t last = pixel(run.iterations.back().x[0]);
  EXPECT_GT((last >> 16) & 0xff, 0xb0u);
  EXPECT_LT((last >> 8) & 0xff, 0x60u);
}

}  // namespace
}  // namespace kobai
