// The kinds of the two-variable lesson (sections, partials, tangent-plane), checked on their SVG
// output against closed forms for f = x² + y²: each drawn vertex is mapped back through the
// panel's 3-D projection. Then the lesson folder's shared frame.
#include <gtest/gtest.h>

#include <algorithm>
#include <array>
#include <cmath>
#include <filesystem>
#include <fstream>
#include <string>
#include <vector>

#include "kobai/error.hpp"
#include "kobai/expr/parse.hpp"
#include "kobai/plot/lesson.hpp"
#include "kobai/plot/plot.hpp"
#include "support.hpp"

namespace kobai {
namespace {

using test::svg_path;

double f(double x, double y) {
  return x * x + y * y;
}

std::pair<double, double> image_of(const plot_panel& p, double x, double y, double z) {
  const auto& m = p.projection;
  return {m[0] * x + m[1] * y + m[2] * z + m[3], m[4] * x + m[5] * y + m[6] * z + m[7]};
}

// The image point (u, v) lies in the plane `fixed_axis` = value (0: x, 1: y): solves the other
// horizontal coordinate and z from the two image equations.
std::pair<double, double> unproject_in_plane(const plot_panel& p, double u, double v,
                                             int fixed_axis, double value) {
  const auto& m = p.projection;
  const int free_axis = 1 - fixed_axis;
  const double a = m[free_axis], b = m[2], c = m[4 + free_axis], d = m[6];
  const double ru = u - m[3] - m[fixed_axis] * value;
  const double rv = v - m[7] - m[4 + fixed_axis] * value;
  const double det = a * d - b * c;
  return {(ru * d - b * rv) / det, (a * rv - c * ru) / det};
}

std::vector<svg_path> stroked(const std::vector<svg_path>& paths, const std::string& colour,
                              std::size_t min_points) {
  std::vector<svg_path> out;
  for (const auto& p : paths) {
    if (p.only_lines && p.points.size() >= min_points &&
        p.style.find("fill:none") != std::string::npos &&
        p.style.find("stroke:" + colour) != std::string::npos) {
      out.push_back(p);
    }
  }
  return out;
}

bool has_vertex(const std::vector<svg_path>& paths, const std::string& fill,
                std::pair<double, double> at, double tolerance) {
  for (const auto& p : paths) {
    if (p.style.find("fill:" + fill) == std::string::npos) continue;
    for (const auto& q : p.points) {
      if (std::hypot(q.first - at.first, q.second - at.second) < tolerance) return true;
    }
  }
  return false;
}

double distance_to_polyline(const svg_path& p, std::pair<double, double> q) {
  double best = INFINITY;
  for (std::size_t i = 1; i < p.points.size(); ++i) {
    const auto [ax, ay] = p.points[i - 1];
    const auto [bx, by] = p.points[i];
    const double dx = bx - ax, dy = by - ay, len2 = dx * dx + dy * dy;
    const double t =
        len2 > 0 ? std::clamp(((q.first - ax) * dx + (q.second - ay) * dy) / len2, 0.0, 1.0) : 0;
    best = std::min(best, std::hypot(ax + t * dx - q.first, ay + t * dy - q.second));
  }
  return best;
}

TEST(lesson_kinds, section_curves_lie_in_their_planes_on_the_surface_and_cross_at_the_point) {
  const auto file = test::scratch("sections.svg");
  const double x0 = -2, y0 = 2;
  const plot_summary s = write_plot(parse("x^2 + y^2").root(), {},
                                    {.kind = plot_kind::sections,
                                     .width = 600,
                                     .height = 450,
                                     .x_range = plot_range{-3, 3},
                                     .y_range = plot_range{-3, 3},
                                     .fixed = {x0, y0}},
                                    file);
  ASSERT_EQ(s.panels.size(), 1u);
  const plot_panel& p = s.panels[0];
  const std::vector<svg_path> paths = test::svg_paths(test::read_bytes(file));
  // z = f(x, y0) in the plane y = y0 (blue), z = f(x0, y) in the plane x = x0 (orange).
  const std::vector<svg_path> along_x = stroked(paths, "rgb(12%,40%,70%)", 50);
  const std::vector<svg_path> along_y = stroked(paths, "rgb(90%,45%,5%)", 50);
  ASSERT_EQ(along_x.size(), 1u);
  ASSERT_EQ(along_y.size(), 1u);
  for (const auto& [u, v] : along_x[0].points) {
    const auto [x, z] = unproject_in_plane(p, u, v, 1, y0);
    EXPECT_NEAR(z, f(x, y0), 2e-3 * 18) << "at x = " << x;
  }
  for (const auto& [u, v] : along_y[0].points) {
    const auto [y, z] = unproject_in_plane(p, u, v, 0, x0);
    EXPECT_NEAR(z, f(x0, y), 2e-3 * 18) << "at y = " << y;
  }
  const auto point = image_of(p, x0, y0, f(x0, y0));
  EXPECT_LT(distance_to_polyline(along_x[0], point), 0.05);
  EXPECT_LT(distance_to_polyline(along_y[0], point), 0.05);
}

TEST(lesson_kinds, partial_plane_of_x2_plus_y2_is_z_equals_2x_at_the_domain_corners) {
  const auto file = test::scratch("partials.svg");
  const plot_summary s = write_plot(parse("x^2 + y^2").root(), {},
                                    {.kind = plot_kind::partials,
                                     .width = 600,
                                     .height = 450,
                                     .x_range = plot_range{-2, 3},
                                     .y_range = plot_range{-1, 2},
                                     .fixed = {-2, 2}},
                                    file);
  ASSERT_EQ(s.panels.size(), 1u);
  const std::vector<svg_path> paths = test::svg_paths(test::read_bytes(file));
  for (const double x : {-2.0, 3.0}) {
    for (const double y : {-1.0, 2.0}) {
      EXPECT_TRUE(has_vertex(paths, "rgb(18%,62%,25%)", image_of(s.panels[0], x, y, 2 * x), 0.02))
          << "corner (" << x << ", " << y << ")";
      // and not at the surface's height there
      EXPECT_FALSE(
          has_vertex(paths, "rgb(18%,62%,25%)", image_of(s.panels[0], x, y, f(x, y)), 0.02));
    }
  }
  EXPECT_NE(std::find(s.legend.begin(), s.legend.end(), "∂f/∂x = 2*x"), s.legend.end());
  EXPECT_NE(std::find(s.legend.begin(), s.legend.end(), "∂f/∂x = -4 at (-2, 2)"), s.legend.end());
}

TEST(lesson_kinds, partials_wrt_x_and_y_draw_two_panels_side_by_side) {
  const auto file = test::scratch("partials2.svg");
  const plot_summary s =
      write_plot(parse("x^2 + y^2").root(), {},
                 {.kind = plot_kind::partials, .fixed = {-2, 2}, .wrt = {"x", "y"}}, file);
  ASSERT_EQ(s.panels.size(), 2u);
  EXPECT_LT(s.panels[0].left + s.panels[0].width, s.panels[1].left + 1);
  const std::vector<svg_path> paths = test::svg_paths(test::read_bytes(file));
  EXPECT_TRUE(has_vertex(paths, "rgb(18%,62%,25%)", image_of(s.panels[1], -2.5, 2.5, 5), 0.02));
}

TEST(lesson_kinds, tangent_plane_touches_the_surface_at_the_point_with_the_exact_slopes) {
  const auto file = test::scratch("tangent.svg");
  const double x0 = -1, y0 = 1;
  const plot_summary s = write_plot(parse("x^2 + y^2").root(), {},
                                    {.kind = plot_kind::tangent_plane,
                                     .x_range = plot_range{-3, 3},
                                     .y_range = plot_range{-3, 3},
                                     .fixed = {x0, y0}},
                                    file);
  const std::vector<svg_path> paths = test::svg_paths(test::read_bytes(file));
  const std::string orange = "rgb(95%,55%,10%)";
  // z = f(a) + ∇f(a)·(p − a) = 2 − 2(x + 1) + 2(y − 1): touches f at a, slopes −2 and 2.
  const auto plane = [&](double x, double y) { return 2 - 2 * (x - x0) + 2 * (y - y0); };
  EXPECT_TRUE(has_vertex(paths, orange, image_of(s.panels[0], x0, y0, f(x0, y0)), 0.02));
  const double h = 0.25 * 6;  // the neighbourhood: a quarter of the domain on each side
  for (const double dx : {-h, h}) {
    for (const double dy : {-h, h}) {
      EXPECT_TRUE(has_vertex(
          paths, orange, image_of(s.panels[0], x0 + dx, y0 + dy, plane(x0 + dx, y0 + dy)), 0.02));
    }
  }
}

TEST(lesson_kinds, tangent_plane_legend_is_the_equation_kobai_tangent_prints) {
  const plot_summary s = write_plot(parse("x^2 + y^2").root(), {},
                                    {.kind = plot_kind::tangent_plane, .fixed = {-2, 2}},
                                    test::scratch("tangent.png"));
  ASSERT_FALSE(s.legend.empty());
  EXPECT_EQ(s.legend[0], "z = -4*x + 4*y - 8");
}

TEST(lesson_kinds, one_variable_formulas_are_refused_naming_curve_and_steps) {
  for (const plot_kind k : {plot_kind::sections, plot_kind::partials, plot_kind::tangent_plane}) {
    try {
      write_plot(parse("x^2").root(), {}, {.kind = k}, test::scratch("one.png"));
      ADD_FAILURE() << "no error for " << to_string(k);
    } catch (const usage_error& e) {
      const std::string what = e.what();
      EXPECT_NE(what.find("curve"), std::string::npos) << what;
      EXPECT_NE(what.find("steps"), std::string::npos) << what;
    }
  }
}

TEST(lesson_kinds, a_point_outside_the_given_range_extends_it_and_says_so) {
  const plot_summary s = write_plot(parse("x^2 + y^2").root(), {},
                                    {.kind = plot_kind::sections,
                                     .x_range = plot_range{-1, 1},
                                     .y_range = plot_range{-1, 1},
                                     .fixed = {4, 0}},
                                    test::scratch("outside.png"));
  EXPECT_GE(s.panels[0].x.hi, 4);
  EXPECT_NE(s.caption.find("outside"), std::string::npos) << s.caption;
}

TEST(lesson_kinds, a_nan_in_fixed_keeps_the_traces_start_for_that_coordinate_alone) {
  // The start (1, 3, 5) with z given as 7: the point is (1, 3, 7), f = 1 + 9 + 49 = 59 (the
  // label names the plotted coordinates).
  trace run;
  run.variables = {"x", "y", "z"};
  iteration_record start;
  start.x = Eigen::Vector3d(1, 3, 5);
  start.f = 35;
  run.iterations.push_back(start);
  const plot_summary s = write_plot(parse("x^2 + y^2 + z^2").root(), std::vector{run},
                                    {.kind = plot_kind::sections,
                                     .width = 320,
                                     .height = 240,
                                     .slice = {"x", "y"},
                                     .fixed = {std::nan(""), std::nan(""), 7}},
                                    test::scratch("fixed_nan.png"));
  ASSERT_EQ(s.legend.size(), 3u);
  EXPECT_EQ(s.legend[2], "point (1, 3), f = 59");
}

TEST(lesson_kinds, a_constant_partial_is_a_flat_plane_on_a_real_axis) {
  const auto file = test::scratch("flat.svg");
  const plot_summary s = write_plot(parse("3*x + y^2").root(), {},
                                    {.kind = plot_kind::partials,
                                     .x_range = plot_range{-1, 1},
                                     .y_range = plot_range{-1, 1},
                                     .fixed = {0, 0},
                                     .surface = surface_style::none},
                                    file);
  const plot_panel& p = s.panels[0];
  for (double v : p.projection) EXPECT_TRUE(std::isfinite(v));
  const std::vector<svg_path> paths = test::svg_paths(test::read_bytes(file));
  EXPECT_TRUE(has_vertex(paths, "rgb(18%,62%,25%)", image_of(p, 1, 1, 3), 0.02));
  EXPECT_NE(s.caption.find("constant"), std::string::npos) << s.caption;
}

TEST(lesson_kinds, holes_where_f_is_undefined_are_left_out_not_drawn_at_zero) {
  const auto file = test::scratch("holes.svg");
  const plot_summary s = write_plot(parse("sqrt(x) + y^2").root(), {},
                                    {.kind = plot_kind::sections,
                                     .x_range = plot_range{-1, 1},
                                     .y_range = plot_range{-1, 1},
                                     .fixed = {0.5, 0}},
                                    file);
  const std::vector<svg_path> paths = test::svg_paths(test::read_bytes(file));
  const std::vector<svg_path> along_x = stroked(paths, "rgb(12%,40%,70%)", 20);
  ASSERT_EQ(along_x.size(), 1u);
  for (const auto& [u, v] : along_x[0].points) {
    const auto [x, z] = unproject_in_plane(s.panels[0], u, v, 1, 0);
    EXPECT_GE(x, -1e-3);  // no vertex where sqrt(x) is undefined
    (void)z;
  }
}

// A folder of its own per test (test::scratch names files).
std::filesystem::path lesson_dir(const std::string& name) {
  return std::filesystem::path(testing::TempDir()) / "kobai_plot_lesson" / name;
}

TEST(lesson, step_figures_share_one_frame_so_only_the_path_moves) {
  const trace run = test::descend("x^2 + y^2", {-2, 2}, 0.1, 20);
  const auto dir = lesson_dir("svg");
  std::filesystem::remove_all(dir);
  const lesson_summary s =
      write_lesson(parse("x^2 + y^2").root(), run,
                   {.figure = {.width = 400, .height = 300}, .extension = "svg"}, dir);
  ASSERT_EQ(s.files.size(), 11u);
  EXPECT_EQ(s.files.back().filename(), "index.md");
  // Every stroke but the red path is the same in the four step figures: box, ticks, wires (the
  // glyphs, unstroked, differ in the titles).
  const auto frame_of = [](const std::filesystem::path& file) {
    std::string frame;
    for (const auto& p : test::svg_paths(test::read_bytes(file))) {
      if (p.style.find("stroke:rgb") == std::string::npos) continue;
      if (p.style.find("84%,12%,14%") != std::string::npos) continue;  // the path and its dots
      for (const auto& [x, y] : p.points)
        frame += std::to_string(x) + "," + std::to_string(y) + " ";
    }
    return frame;
  };
  const std::string first = frame_of(s.files[6]);
  EXPECT_FALSE(first.empty());
  for (std::size_t i = 7; i < 10; ++i) EXPECT_TRUE(frame_of(s.files[i]) == first) << s.files[i];
  EXPECT_EQ(s.files[9].filename(), "10-step-20.svg");
}

TEST(lesson, a_diverging_run_is_framed_about_the_drawn_part_of_its_path) {
  // Rate 1.5 on x² + y² doubles the distance to 0 each step: (−2, 2), (4, −4), ... (−8192, 8192).
  // The figures cut the path where it leaves the plot; the frame held the whole run, so the drawn
  // part was a speck in a vast empty frame.
  const trace run = test::descend("x^2 + y^2", {-2, 2}, 1.5, 12);
  const auto dir = lesson_dir("diverging");
  std::filesystem::remove_all(dir);
  const lesson_summary s =
      write_lesson(parse("x^2 + y^2").root(), run, {.figure = {.width = 160, .height = 120}}, dir);
  // The note says where the path leaves the plot; iterates 0..k are drawn.
  std::size_t k = 0;
  for (const std::string& n : s.notes) {
    const auto at = n.find("path leaves the plot after iteration ");
    if (at != std::string::npos) k = std::stoul(n.substr(at + 37));
  }
  ASSERT_GT(k, 0u) << "no note that the path leaves the plot";
  ASSERT_LT(k, 12u);
  double xlo = INFINITY, xhi = -INFINITY, ylo = INFINITY, yhi = -INFINITY;
  for (std::size_t i = 0; i <= k; ++i) {
    xlo = std::min(xlo, run.iterations[i].x[0]);
    xhi = std::max(xhi, run.iterations[i].x[0]);
    ylo = std::min(ylo, run.iterations[i].x[1]);
    yhi = std::max(yhi, run.iterations[i].x[1]);
  }
  // The frame holds the drawn part ...
  EXPECT_LE(s.x_range.lo, xlo);
  EXPECT_GE(s.x_range.hi, xhi);
  EXPECT_LE(s.y_range.lo, ylo);
  EXPECT_GE(s.y_range.hi, yhi);
  // ... and not the iterates left out: it is at most a few times the drawn part's extent.
  EXPECT_LT(s.x_range.hi - s.x_range.lo, 4 * (xhi - xlo));
  EXPECT_LT(s.y_range.hi - s.y_range.lo, 4 * (yhi - ylo));
  EXPECT_GT(std::abs(run.iterations[12].x[0]), s.x_range.hi - s.x_range.lo);
  // The last figure's title names its iterate as one the frame does not show; the first's does not.
  std::ifstream in(dir / "index.md");
  const std::string index((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
  EXPECT_NE(index.find("after step 12: (x, y) = (-8192, 8192), outside the frame"),
            std::string::npos)
      << index;
  EXPECT_NE(index.find("after step 1: (x, y) = (4, -4)\n"), std::string::npos) << index;
}

TEST(lesson, a_folder_that_is_not_empty_is_refused_unless_forced) {
  const trace run = test::descend("x^2 + y^2", {-2, 2}, 0.1, 3);
  const auto dir = lesson_dir("full");
  std::filesystem::remove_all(dir);
  std::filesystem::create_directories(dir);
  std::ofstream(dir / "keep.txt") << "x";
  const lesson_options small{.figure = {.width = 64, .height = 48}};
  EXPECT_THROW(write_lesson(parse("x^2 + y^2").root(), run, small, dir), usage_error);
  lesson_options forced = small;
  forced.force = true;
  EXPECT_EQ(write_lesson(parse("x^2 + y^2").root(), run, forced, dir).files.size(), 10u);
}

}  // namespace
}  // namespace kobai
