// Tick labels: each tick of an axis reads differently from its neighbours, at any magnitude, and
// the y tick labels never run into the y axis title.
#include "axes.hpp"

#include <cairo.h>
#include <gtest/gtest.h>

#include <algorithm>
#include <cmath>
#include <cstdint>
#include <set>
#include <string>

#include "kobai/expr/parse.hpp"
#include "scene.hpp"
#include "support.hpp"

namespace kobai::detail {
namespace {

TEST(tick_label, neighbouring_ticks_of_a_large_value_read_differently) {
  // f = 1e6 + x² over −1..1 spans 1000000..1000001: every tick was "1e+06".
  for (const auto& [lo, hi] : {std::pair{1e6, 1e6 + 1}, std::pair{1e5, 1.01e5},
                               std::pair{-2e9 - 3, -2e9 + 3}, std::pair{1e-5, 1.0001e-5}}) {
    const double step = nice_step(lo, hi, 8);
    const std::vector<double> ticks = nice_ticks(lo, hi, 8);
    ASSERT_GE(ticks.size(), 3u);
    std::set<std::string> labels;
    for (double t : ticks) labels.insert(tick_label(t, step));
    EXPECT_EQ(labels.size(), ticks.size()) << lo << ".." << hi;
  }
  EXPECT_EQ(tick_label(1000000.2, 0.2), "1000000.2");
  EXPECT_EQ(tick_label(2e5, 5e4), "2e+05");  // round ticks keep the short form
  EXPECT_EQ(tick_label(2.5e-5, 5e-6), "2.5e-05");
  EXPECT_EQ(tick_label(0.5, 0.5), "0.5");
}

TEST(pad, a_range_near_the_largest_double_is_kept_not_overflowed) {
  const plot_range r = pad({0, 1.7e308}, 0.06);
  EXPECT_EQ(r.lo, 0);
  EXPECT_EQ(r.hi, 1.7e308);
  const plot_range small = pad({0, 1}, 0.5);
  EXPECT_EQ(small.lo, -0.5);
  EXPECT_EQ(small.hi, 1.5);
}

TEST(legend, goes_where_it_covers_the_least_data_upper_right_first) {
  // A 400 × 300 plot area at (50, 40); a 100 × 60 legend, 8 from the frame.
  plot_panel p;
  p.left = 50;
  p.top = 40;
  p.width = 400;
  p.height = 300;
  using place = std::pair<double, double>;
  const place upper_right{342, 48}, upper_left{58, 48}, lower_left{58, 272}, lower_right{342, 272};
  EXPECT_EQ(best_legend_place(p, 100, 60, 8, {}), upper_right);
  // A line through the upper right corner: the upper left is free.
  EXPECT_EQ(best_legend_place(p, 100, 60, 8, {{{300, 40}, {450, 120}}}), upper_left);
  // A mark in each top corner and a segment across the lower left: the lower right is free.
  const image_lines three = {{{400, 70}}, {{90, 70}}, {{40, 300}, {140, 330}}};
  EXPECT_EQ(best_legend_place(p, 100, 60, 8, three), lower_right);
  // The same marks and a segment across the lower right: the lower left, tried before it, is free.
  const image_lines mirrored = {{{400, 70}}, {{90, 70}}, {{360, 300}, {460, 330}}};
  EXPECT_EQ(best_legend_place(p, 100, 60, 8, mirrored), lower_left);
  // A curve along the bottom and both sides, the upper middle free: the legend goes there.
  image_lines u_shape(1);
  for (int i = 0; i <= 40; ++i) {
    const double x = 50 + 10 * i;
    u_shape[0].emplace_back(x, 40 + 300 * (1 - std::pow((x - 250) / 200, 2) * 0.9));
  }
  u_shape.push_back({{60, 60}, {100, 200}});
  u_shape.push_back({{440, 60}, {400, 200}});
  EXPECT_EQ(best_legend_place(p, 100, 60, 8, u_shape), (place{200, 48}));
}

TEST(legend, a_path_into_the_upper_right_leaves_the_legend_elsewhere) {
  // The seed's descent from (2, 2) runs to the origin through the upper right of its contour plot,
  // where the legend used to cover the start.
  const trace run = test::descend("x^2 + y^2", {2, 2}, 0.1, 20);
  const auto file = test::scratch("legend_best.svg");
  const plot_summary s = write_plot(
      parse("x^2 + y^2").root(), std::vector{run},
      {.kind = plot_kind::contour, .width = 480, .height = 360, .minimum = {0, 0}}, file);
  const plot_panel& p = s.panels.at(0);
  const std::vector<test::svg_path> paths = test::svg_paths(test::read_bytes(file));
  const auto box = std::find_if(paths.begin(), paths.end(), [](const test::svg_path& e) {
    return e.style.find("fill-opacity:0.88") != std::string::npos;
  });
  ASSERT_NE(box, paths.end());
  double x0 = INFINITY, y0 = INFINITY, x1 = -INFINITY, y1 = -INFINITY;
  for (const auto& [x, y] : box->points) {
    x0 = std::min(x0, x);
    y0 = std::min(y0, y);
    x1 = std::max(x1, x);
    y1 = std::max(y1, y);
  }
  ASSERT_GT(x1 - x0, 10);
  for (const iteration_record& it : run.iterations) {
    const double u = p.left + (it.x[0] - p.x.lo) / (p.x.hi - p.x.lo) * p.width;
    const double v = p.top + p.height - (it.x[1] - p.y.lo) / (p.y.hi - p.y.lo) * p.height;
    EXPECT_FALSE(u >= x0 && u <= x1 && v >= y0 && v <= y1) << "iterate " << it.k;
  }
}

TEST(y_axis, a_curve_whose_values_reach_the_largest_double_is_framed_by_them) {
  // x² over 0..1.33e154 reaches 1.77e308: padded by 6 % its range overflowed, and the value axis
  // fell back to -1..1 with the whole curve off the plot.
  const plot_summary s = write_plot(
      parse("x^2").root(), {},
      {.kind = plot_kind::curve, .width = 320, .height = 240, .x_range = plot_range{0, 1.33e154}},
      test::scratch("huge_values.png"));
  ASSERT_EQ(s.panels.size(), 1u);
  EXPECT_LE(s.panels[0].y.lo, 0);
  EXPECT_GE(s.panels[0].y.hi, 1.33e154 * 1.33e154);
}

// The widest y tick label of a picture's first panel, measured by cairo on a canvas of its size.
double widest_y_label(const plot_panel& p, int width, int height, double& font, double& unit,
                      double& title_thickness) {
  cairo_surface_t* surface = cairo_image_surface_create(CAIRO_FORMAT_RGB24, width, height);
  canvas c(surface, width, height, 1);
  cairo_surface_destroy(surface);
  font = base_font(c);
  unit = c.unit();
  title_thickness = c.line_height(font * 1.1);
  double w = 0;
  for (const std::string& l : y_tick_labels(p.y, p.log_y, p.height, font)) {
    w = std::max(w, c.text_width(l, font));
  }
  return w;
}

bool ink(std::uint32_t rgb) {
  return ((rgb >> 16) & 0xff) < 140 && ((rgb >> 8) & 0xff) < 140 && (rgb & 0xff) < 140;
}

TEST(y_axis, left_margin_grows_with_the_widest_tick_label_so_it_clears_the_axis_title) {
  // f = 1e6 + x² over −1..1 is labelled 1000000.2, 1000000.4, ...: wider than the fixed margin
  // left room for, so they ran into the rotated "f(x)".
  const int w = 800, h = 600;
  const auto file = test::scratch("wide_y_labels.png");
  const plot_summary s = write_plot(
      parse("1e6 + x^2").root(), {},
      {.kind = plot_kind::curve, .width = w, .height = h, .x_range = plot_range{-1, 1}}, file);
  ASSERT_EQ(s.panels.size(), 1u);
  const plot_panel& p = s.panels[0];
  double font = 0, u = 0, title = 0;
  const double widest = widest_y_label(p, w, h, font, u, title);
  ASSERT_GT(widest, font * 4);  // the case at hand: labels wider than the old room

  // The margin holds the tick (5 units), its gap (3), the labels, and the title's thickness.
  EXPECT_GT(p.left, 8 * u + widest + title);

  // In the picture: the labels' left edge, from the rows the title does not reach, and left of it
  // a blank strip, then the title, whole and inside the image.
  const test::image img = test::read_png(file);
  const int mid = static_cast<int>(p.top + p.height / 2);
  const int band = static_cast<int>(font * 3);  // "f(x)" is about 2 font sizes long
  const int right = static_cast<int>(p.left - 6 * u);
  int labels_left = right, title_left = right, title_right = -1;
  for (int y = static_cast<int>(p.top); y < static_cast<int>(p.top + p.height); ++y) {
    const bool in_band = std::abs(y - mid) <= band;
    for (int x = 0; x < right; ++x) {
      if (!ink(img.at(x, y))) continue;
      if (!in_band) labels_left = std::min(labels_left, x);
    }
  }
  for (int y = mid - band; y <= mid + band; ++y) {
    for (int x = 0; x < labels_left; ++x) {
      if (!ink(img.at(x, y))) continue;
      title_left = std::min(title_left, x);
      title_right = std::max(title_right, x);
    }
  }
  ASSERT_LT(labels_left, right);
  ASSERT_GE(title_right, 0) << "no title left of the tick labels (they cover it)";
  EXPECT_GT(title_left, 0);
  EXPECT_LT(title_right, labels_left - 2);
}

// An x tick label at the frame's right end is centred under its tick, so a long one ("3e+154")
// ran past the image's edge; it now keeps inside, and its last glyph is whole.
TEST(x_axis, a_long_tick_label_at_the_frame_end_stays_inside_the_image) {
  const int w = 320, h = 240;
  const auto file = test::scratch("long_x_labels.png");
  const plot_summary s = write_plot(
      parse("x").root(), {},
      {.kind = plot_kind::curve, .width = w, .height = h, .x_range = plot_range{0, 3e154}}, file);
  ASSERT_EQ(s.panels.size(), 1u);
  const plot_panel& p = s.panels[0];
  const test::image img = test::read_png(file);
  // The rows of the x tick labels: from below the ticks to the x axis title.
  const int top = static_cast<int>(p.top + p.height + 4);
  const int bottom =
      std::min(h - 1, static_cast<int>(p.top + p.height + 0.45 * (h - p.top - p.height)));
  int rightmost = -1;
  for (int y = top; y <= bottom; ++y) {
    for (int x = 0; x < w; ++x) {
      if (ink(img.at(x, y))) rightmost = std::max(rightmost, x);
    }
  }
  ASSERT_GT(rightmost, static_cast<int>(p.left + p.width / 2)) << "no label on the right half";
  EXPECT_LT(rightmost, w - 1) << "the last label touches the image's edge (it is cut)";
}

// The z tick labels of a 3-D view sit left of the box, right-aligned; in a narrow picture a long
// one ("−1.2341e+05") ran past the image's left edge. The box now leaves them room.
TEST(z_axis, long_tick_labels_of_a_3d_view_stay_inside_a_narrow_image) {
  const int w = 300, h = 800;
  for (const plot_kind kind : {plot_kind::wireframe, plot_kind::surface, plot_kind::sections}) {
    SCOPED_TRACE(static_cast<int>(kind));
    const auto file = test::scratch("long_z_labels.png");
    write_plot(parse("x^2 + y^2 - 123456.789").root(), {}, {.kind = kind, .width = w, .height = h},
               file);
    const test::image img = test::read_png(file);
    int leftmost = w;
    for (int y = 0; y < h; ++y) {
      for (int x = 0; x < leftmost; ++x) {
        if (ink(img.at(x, y))) leftmost = x;
      }
    }
    EXPECT_GT(leftmost, 0) << "a label touches the image's left edge (it is cut)";
    EXPECT_LT(leftmost, w / 8) << "no labels at the left";
  }
}

}  // namespace
}  // namespace kobai::detail
