#include "kobai/plot/plot.hpp"

#include <gtest/gtest.h>

#include <array>
#include <cmath>
#include <map>
#include <set>

#include "kobai/error.hpp"
#include "kobai/expr/parse.hpp"
#include "support.hpp"

namespace kobai {
namespace {

using test::scratch;

expr f_of(const char* text) {
  return parse(text).root();
}

TEST(plot_kind, names_round_trip) {
  for (plot_kind k :
       {plot_kind::curve, plot_kind::contour, plot_kind::wireframe, plot_kind::surface,
        plot_kind::steps, plot_kind::convergence, plot_kind::compare, plot_kind::sections,
        plot_kind::partials, plot_kind::tangent_plane, plot_kind::lesson}) {
    EXPECT_EQ(plot_kind_from_string(to_string(k)), k);
  }
  EXPECT_FALSE(plot_kind_from_string("pie"));
  EXPECT_EQ(plot_kind_names(),
            "curve, contour, wireframe, surface, steps, convergence, compare, sections, partials, "
            "tangent-plane, lesson");
}

TEST(write_plot, refuses_a_tangent_point_where_f_overflows_but_draws_one_at_a_pole) {
  const auto p = scratch("overflowing_tangent.png");
  for (double at : {1e200, -1e300, 1e155}) {
    try {
      write_plot(f_of("x^2"), {}, {.kind = plot_kind::curve, .tangent_at = {at}}, p);
      ADD_FAILURE() << "tangent at " << at << " was drawn";
    } catch (const usage_error& e) {
      EXPECT_NE(std::string(e.what()).find("f overflows there"), std::string::npos) << e.what();
    }
  }
  // 1/x is infinite at 0 only: the curve is drawn and the legend says there is no tangent.
  const plot_summary s =
      write_plot(f_of("1/x"), {}, {.kind = plot_kind::curve, .tangent_at = {0}}, p);
  ASSERT_EQ(s.legend.size(), 2u);
  EXPECT_NE(s.legend[1].find("no tangent at x = 0"), std::string::npos);
  // A range the user gives is drawn as given, the point outside it.
  EXPECT_NO_THROW(write_plot(
      f_of("x^2"), {},
      {.kind = plot_kind::curve, .x_range = plot_range{-1, 1}, .tangent_at = {1e200}}, p));
}

TEST(write_plot, png_has_the_requested_size_and_dpi_scales_it) {
  const auto p = scratch("size.png");
  write_plot(f_of("x^2"), {}, {.kind = plot_kind::curve, .width = 320, .height = 200}, p);
  const test::image a = test::read_png(p);
  EXPECT_EQ(a.width, 320);
  EXPECT_EQ(a.height, 200);
  write_plot(f_of("x^2"), {}, {.kind = plot_kind::curve, .width = 320, .height = 200, .dpi = 192},
             p);
  const test::image b = test::read_png(p);
  EXPECT_EQ(b.width, 640);
  EXPECT_EQ(b.height, 400);
}

TEST(write_plot, same_input_gives_the_same_bytes_in_every_format) {
  const std::vector<trace> run{test::descend("x^2 + y^2", {-2, 2}, 0.1, 20)};
  for (const char* ext : {".png", ".svg", ".pdf", ".gif"}) {
    const auto a = scratch(std::string("same_a") + ext), b = scratch(std::string("same_b") + ext);
    const plot_options o{.kind = plot_kind::contour, .width = 240, .height = 180};
    write_plot(f_of("x^2 + y^2"), run, o, a);
    write_plot(f_of("x^2 + y^2"), run, o, b);
    EXPECT_EQ(test::read_bytes(a), test::read_bytes(b)) << ext;
    EXPECT_GT(test::read_bytes(a).size(), 200u) << ext;
  }
}

TEST(write_plot, pdf_and_svg_have_their_signatures_and_the_size_in_points) {
  const auto pdf = scratch("sig.pdf"), svg = scratch("sig.svg");
  write_plot(f_of("sin(x)"), {}, {.kind = plot_kind::curve, .width = 200, .height = 150}, pdf);
  write_plot(f_of("sin(x)"), {}, {.kind = plot_kind::curve, .width = 200, .height = 150}, svg);
  EXPECT_EQ(test::read_bytes(pdf).substr(0, 5), "%PDF-");
  EXPECT_NE(test::read_bytes(pdf).find("/MediaBox [ 0 0 200 150 ]"), std::string::npos);
  EXPECT_NE(test::read_bytes(svg).find("<svg"), std::string::npos);
  EXPECT_NE(test::read_bytes(svg).find("width=\"200pt\""), std::string::npos);
}

TEST(write_plot, refuses_sizes_zero_and_absurd) {
  const auto p = scratch("bad.png");
  EXPECT_THROW(write_plot(f_of("x^2"), {}, {.width = 0, .height = 600}, p), usage_error);
  EXPECT_THROW(write_plot(f_of("x^2"), {}, {.width = 100000, .height = 100000}, p), usage_error);
  EXPECT_FALSE(std::filesystem::exists(p));
}

TEST(write_plot, refuses_unknown_extension_and_unwritable_path) {
  try {
    write_plot(f_of("x^2"), {}, {}, scratch("picture.bmp"));
    FAIL();
  } catch (const usage_error& e) {
    EXPECT_NE(std::string(e.what()).find(".png, .svg, .pdf or .gif"), std::string::npos);
  }
  EXPECT_THROW(write_plot(f_of("x^2"), {}, {}, "/nonexistent-dir/x/picture.png"), usage_error);
}

TEST(write_plot, kinds_refuse_the_wrong_number_of_variables) {
  const auto p = scratch("kinds.png");
  try {
    write_plot(f_of("x^2"), {}, {.kind = plot_kind::contour}, p);
    FAIL();
  } catch (const usage_error& e) {
    EXPECT_NE(std::string(e.what()).find("use curve or steps"), std::string::npos);
  }
  EXPECT_THROW(write_plot(f_of("x^2 + y^2"), {}, {.kind = plot_kind::curve}, p), usage_error);
  EXPECT_THROW(write_plot(f_of("x^2"), {}, {.kind = plot_kind::steps}, p), usage_error);
  EXPECT_THROW(write_plot(f_of("x^2 + y^2"), {}, {.kind = plot_kind::convergence}, p), usage_error);
}

TEST(write_plot, refuses_animation_for_still_kinds) {
  const std::vector<trace> run{test::descend("x^2", {3}, 0.1, 5)};
  EXPECT_THROW(write_plot(f_of("x^2"), run, {.kind = plot_kind::steps}, scratch("steps.gif")),
               usage_error);
}

TEST(write_plot, a_trace_over_other_variables_is_refused) {
  const std::vector<trace> run{test::descend("a^2 + b^2", {1, 1}, 0.1, 3)};
  EXPECT_THROW(
      write_plot(f_of("x^2 + y^2"), run, {.kind = plot_kind::contour}, scratch("mismatch.png")),
      usage_error);
}

TEST(write_plot, options_are_checked_by_name) {
  const auto p = scratch("opts.png");
  try {
    write_plot(f_of("x^2"), {}, {.fps = 0}, scratch("fps.gif"));
    FAIL();
  } catch (const usage_error& e) {
    EXPECT_NE(std::string(e.what()).find("'fps'"), std::string::npos);
  }
  EXPECT_THROW(write_plot(f_of("x^2"), {}, {.x_range = plot_range{2, 1}}, p), usage_error);
  EXPECT_THROW(
      write_plot(f_of("x^2+y^2+z^2"), {}, {.kind = plot_kind::contour, .slice = {"x", "w"}}, p),
      usage_error);
}

bool coloured(std::uint32_t c) {
  const int r = (c >> 16) & 0xff, g = (c >> 8) & 0xff, b = c & 0xff;
  return std::max({r, g, b}) - std::min({r, g, b}) > 40;
}

// Calls visit(x, y) for every pixel of the plot area at least `inset` pixels inside its edge.
template <class Visit>
void plot_area_pixels(const plot_panel& a, int inset, Visit visit) {
  for (int y = static_cast<int>(a.top) + inset; y < static_cast<int>(a.top + a.height) - inset;
       ++y) {
    for (int x = static_cast<int>(a.left) + inset; x < static_cast<int>(a.left + a.width) - inset;
         ++x) {
      visit(x, y);
    }
  }
}

// sqrt(x) is NaN for x < 0: the left half of the plot must hold no contour line and no filled
// band (a hole), where drawing NaN as 0 would put the lowest level there; filled bands cover the
// defined right half.
TEST(write_plot, undefined_regions_are_left_empty) {
  for (const bool filled : {false, true}) {
    const auto p = scratch("hole.png");
    const plot_summary s = write_plot(f_of("sqrt(x) + y^2"), {},
                                      {.kind = plot_kind::contour,
                                       .width = 300,
                                       .height = 300,
                                       .x_range = plot_range{-1, 1},
                                       .y_range = plot_range{-1, 1},
                                       .filled = filled,
                                       .levels = 10},
                                      p);
    const test::image img = test::read_png(p);
    const plot_panel& a = s.panels.at(0);
    int left = 0, right = 0, right_total = 0;
    plot_area_pixels(a, 3, [&](int x, int y) {
      if (x < a.left + a.width / 2 - 3) {
        left += coloured(img.at(x, y));
      } else if (x > a.left + a.width / 2 + 3) {
        right += coloured(img.at(x, y));
        ++right_total;
      }
    });
    EXPECT_EQ(left, 0) << filled;
    EXPECT_GT(right, filled ? right_total * 9 / 10 : 500) << filled;
  }
}

// Contours of x² + y² on [−2, 2]², 400 × 400, 6 levels, with or without filled bands.
plot_summary bowl_contour(const std::filesystem::path& p, bool filled) {
  return write_plot(f_of("x^2 + y^2"), {},
                    {.kind = plot_kind::contour,
                     .width = 400,
                     .height = 400,
                     .x_range = plot_range{-2, 2},
                     .y_range = plot_range{-2, 2},
                     .filled = filled,
                     .levels = 6},
                    p);
}
// The pixels just inside the plot's centre and its top-left corner.
std::uint32_t centre_pixel(const test::image& img, const plot_panel& a) {
  return img.at(static_cast<int>(a.left + a.width / 2) + 1,
                static_cast<int>(a.top + a.height / 2) + 1);
}
std::uint32_t corner_pixel(const test::image& img, const plot_panel& a) {
  return img.at(static_cast<int>(a.left) + 4, static_cast<int>(a.top) + 4);
}

// x² + y² on [−2, 2]² with 6 levels: 7 bands (below the first level, between, above the last),
// each a solid colour over at least 0.5 % of the plot area, the lowest in the middle and the
// highest in a corner.
TEST(write_plot, filled_contour_has_one_colour_per_band) {
  const auto p = scratch("filled.png");
  const plot_summary s = bowl_contour(p, true);
  const test::image img = test::read_png(p);
  const plot_panel& a = s.panels.at(0);
  std::map<std::uint32_t, int> count;
  int total = 0;
  plot_area_pixels(a, 2, [&](int x, int y) {
    ++count[img.at(x, y)];
    ++total;
  });
  int bands = 0;
  for (const auto& [colour, n] : count) bands += n > total / 200;
  EXPECT_EQ(bands, 7);
  const std::uint32_t centre = centre_pixel(img, a), corner = corner_pixel(img, a);
  EXPECT_TRUE(coloured(centre));
  EXPECT_TRUE(coloured(corner));
  EXPECT_NE(centre, corner);
  EXPECT_GT(count[centre], total / 200);
  EXPECT_GT(count[corner], total / 200);
}

// The key to the bands, right of the plot: the 7 band colours of the plot area stacked from the
// lowest (the centre's) at the bottom to the highest (the corner's) at the top, and no key without
// bands.
TEST(write_plot, filled_contour_has_a_colour_bar_of_its_bands) {
  for (const bool filled : {true, false}) {
    const auto p = scratch("bar.png");
    const plot_summary s = bowl_contour(p, filled);
    const test::image img = test::read_png(p);
    const plot_panel& a = s.panels.at(0);
    std::set<std::uint32_t> plot_colours;
    plot_area_pixels(a, 2, [&](int x, int y) { plot_colours.insert(img.at(x, y)); });
    // Each colour right of the plot, with the lowest and highest row it appears on.
    std::map<std::uint32_t, std::pair<int, int>> rows;
    for (int y = static_cast<int>(a.top); y < static_cast<int>(a.top + a.height); ++y) {
      for (int x = static_cast<int>(a.left + a.width) + 2; x < img.width; ++x) {
        const std::uint32_t c = img.at(x, y);
        if (!coloured(c)) continue;
        auto [it, fresh] = rows.try_emplace(c, y, y);
        it->second.second = y;
      }
    }
    if (!filled) {
      EXPECT_TRUE(rows.empty());
      continue;
    }
    int bands = 0;
    for (const auto& [c, span] : rows)
      bands += plot_colours.contains(c) && span.second - span.first > 20;
    EXPECT_EQ(bands, 7);
    const std::uint32_t centre = centre_pixel(img, a), corner = corner_pixel(img, a);
    ASSERT_TRUE(rows.contains(centre) && rows.contains(corner));
    EXPECT_GT(rows[centre].first, rows[corner].second);  // image rows grow downward
  }
}

TEST(write_plot, filled_contour_in_svg_is_an_image_under_the_lines) {
  const auto p = scratch("filled.svg");
  write_plot(f_of("x^2 + y^2"), {},
             {.kind = plot_kind::contour, .width = 300, .height = 200, .filled = true}, p);
  const std::string svg = test::read_bytes(p);
  const auto image = svg.find("<image");
  ASSERT_NE(image, std::string::npos);
}

// The seed's bowl from matplotlib's default view (elevation 30): its near wall hides the floor,
// so the last iterates are drawn faint; seen from straight above nothing hides them.
TEST(write_plot, wireframe_draws_the_hidden_part_of_the_path_faint) {
  const std::vector<trace> run{test::descend("x^2 + y^2", {-2, 2}, 0.1, 20)};
  const auto redness = [&](double elevation, std::size_t k) {
    const auto p = scratch("depth.png");
    const plot_summary s = write_plot(
        f_of("x^2 + y^2"), run,
        {.kind = plot_kind::wireframe, .width = 600, .height = 450, .elevation = elevation}, p);
    const std::array<double, 8>& m = s.panels.at(0).projection;
    const iteration_record& it = run[0].iterations.at(k);
    const double x = it.x[0], y = it.x[1], z = it.f;
    const double ix = m[0] * x + m[1] * y + m[2] * z + m[3];
    const double iy = m[4] * x + m[5] * y + m[6] * z + m[7];
    const std::uint32_t c =
        test::read_png(p).at(static_cast<int>(std::floor(ix)), static_cast<int>(std::floor(iy)));
    return static_cast<int>((c >> 16) & 0xff) - static_cast<int>((c >> 8) & 0xff);
  };
  EXPECT_GT(redness(30, 1), 150);   // on the far wall, in view
  EXPECT_LT(redness(30, 20), 110);  // on the floor, behind the near wall
  EXPECT_GT(redness(89, 20), 150);  // from above
}

TEST(write_plot, a_diverging_run_still_draws_and_says_so) {
  // rate 1.1 on x²: x ← x − 2.2x = −1.2x, growing without bound; pushed to overflow.
  trace run = test::descend("x^2 + y^2", {1, 1}, 1.1, 40);
  run.iterations.back().x << 1e300, -1e300;
  run.iterations.back().f = INFINITY;
  for (plot_kind k : {plot_kind::contour, plot_kind::wireframe, plot_kind::convergence}) {
    const auto p = scratch("diverge.png");
    const plot_summary s = write_plot(f_of("x^2 + y^2"), std::vector{run},
                                      {.kind = k, .width = 300, .height = 200}, p);
    EXPECT_NE(s.caption.find("diverging"), std::string::npos) << to_string(k);
    EXPECT_GT(test::read_bytes(p).size(), 1000u);
    // Within the plot, the ranges stay finite and sensible.
    EXPECT_LT(s.panels.at(0).x.hi - s.panels.at(0).x.lo, 1e6) << to_string(k);
  }
}

// A small function or a narrow range is drawn at its own scale: 1e-15 x² over −5..5 rises to
// 2.5e-14 (not a flat line on a −1..1 axis), and a range of width 1e-13 is kept as given.
TEST(write_plot, small_values_and_narrow_ranges_keep_their_scale) {
  const plot_summary curve = write_plot(
      f_of("1e-15*x^2"), {},
      {.kind = plot_kind::curve, .width = 300, .height = 200, .x_range = plot_range{-5, 5}},
      scratch("small.png"));
  EXPECT_LT(curve.panels.at(0).y.hi, 1e-13);
  EXPECT_GT(curve.panels.at(0).y.hi, 2.5e-14);
  const plot_summary contour = write_plot(f_of("x^2 + y^2"), {},
                                          {.kind = plot_kind::contour,
                                           .width = 300,
                                           .height = 200,
                                           .x_range = plot_range{0, 1e-13},
                                           .y_range = plot_range{0, 1e-13}},
                                          scratch("narrow.png"));
  EXPECT_EQ(contour.panels.at(0).x.lo, 0.0);
  EXPECT_EQ(contour.panels.at(0).x.hi, 1e-13);
  EXPECT_EQ(contour.panels.at(0).y.hi, 1e-13);
}

// For a formula of one variable the second range is the value axis, as on a graph of y = f(x):
// x² over −3..3 shown for 0 ≤ y ≤ 5 (without it the axis reaches 9), in curve and steps alike.
TEST(write_plot, a_second_range_of_a_curve_is_its_value_axis) {
  const plot_options o{.kind = plot_kind::curve,
                       .width = 300,
                       .height = 200,
                       .x_range = plot_range{-3, 3},
                       .y_range = plot_range{0, 5}};
  const plot_summary curve = write_plot(f_of("x^2"), {}, o, scratch("value_axis.png"));
  EXPECT_EQ(curve.panels.at(0).y.lo, 0.0);
  EXPECT_EQ(curve.panels.at(0).y.hi, 5.0);
  plot_options steps = o;
  steps.kind = plot_kind::steps;
  const plot_summary s = write_plot(f_of("x^2"), std::vector{test::descend("x^2", {2}, 0.1, 3)},
                                    steps, scratch("value_axis_steps.png"));
  ASSERT_FALSE(s.panels.empty());
  for (const plot_panel& p : s.panels) EXPECT_EQ(p.y.hi, 5.0);
  const plot_summary chosen = write_plot(
      f_of("x^2"), {},
      {.kind = plot_kind::curve, .width = 300, .height = 200, .x_range = plot_range{-3, 3}},
      scratch("value_axis_chosen.png"));
  EXPECT_GT(chosen.panels.at(0).y.hi, 9.0);
}

// A run whose iterates are not finite (null in a trace file) leaves nothing to frame: the curve
// is drawn over the default range, not over a NaN range that loses it.
TEST(write_plot, a_run_with_no_finite_point_still_draws_the_curve) {
  trace run = test::descend("x^2", {3}, 0.1, 2);
  for (auto& it : run.iterations) {
    it.x << NAN;
    it.f = NAN;
  }
  const plot_summary s =
      write_plot(f_of("x^2"), std::vector{run},
                 {.kind = plot_kind::curve, .width = 300, .height = 200}, scratch("nan_run.png"));
  EXPECT_EQ(s.panels.at(0).x.lo, -5.0);
  EXPECT_EQ(s.panels.at(0).x.hi, 5.0);
  EXPECT_GT(s.panels.at(0).y.hi, 20.0);  // x² reaches 25 at the ends
}

// A start that is not a number is not a run that diverged after iteration 0.
TEST(write_plot, a_run_that_starts_at_nan_is_not_called_diverging) {
  trace run = test::descend("x^2 + y^2", {-2, 2}, 0.1, 2);
  run.iterations.front().x << NAN, 2;
  const plot_summary s = write_plot(f_of("x^2 + y^2"), std::vector{run},
                                    {.kind = plot_kind::contour, .width = 300, .height = 200},
                                    scratch("nan_start.png"));
  EXPECT_EQ(s.caption, "path not drawn: its start is not a finite number");
}

// The tangent's legend is written in the plotted variable, like the axis under it.
TEST(write_plot, curve_tangent_legend_names_the_plotted_variable) {
  const plot_summary s = write_plot(
      f_of("t^2"), {}, {.kind = plot_kind::curve, .width = 300, .height = 200, .tangent_at = {3}},
      scratch("tangent_t.png"));
  EXPECT_EQ(s.legend, (std::vector<std::string>{"f(t)", "tangent at t = 3: y = 6t − 9"}));
}

// Where the slope is not finite (√x at 0) or f overflows (x² at 1e200) there is no tangent line
// to write: the legend says so instead of "y = infx + nan".
TEST(write_plot, a_tangent_with_no_finite_slope_is_named_not_printed_as_nan) {
  // Over a given range: without one, a point where f overflows (x² at 1e200) is refused.
  for (const auto& [formula, at] : {std::pair{"sqrt(x)", 0.0}, std::pair{"x^2", 1e200}}) {
    const plot_summary s = write_plot(f_of(formula), {},
                                      {.kind = plot_kind::curve,
                                       .width = 300,
                                       .height = 200,
                                       .x_range = plot_range{-1, 2},
                                       .tangent_at = {at}},
                                      scratch("no_tangent.png"));
    ASSERT_EQ(s.legend.size(), 2u) << formula;
    EXPECT_EQ(s.legend[1].find("no tangent at x = "), 0u) << s.legend[1];
    EXPECT_EQ(s.legend[1].find("nan"), std::string::npos) << s.legend[1];
  }
}

// Both ends finite but a width that overflows to infinity cannot be drawn (every tick would land
// on one pixel): refused like a reversed range.
// x² at 1e154: f = 1e308 and f' = 2e154 are finite but the intercept f(a) − f'(a)·a = −1e308
// overflows, so the legend writes the tangent about the point instead of calling it undefined.
TEST(write_plot, a_tangent_whose_intercept_overflows_is_written_about_its_point) {
  const plot_summary s =
      write_plot(f_of("x^2"), {},
                 {.kind = plot_kind::curve, .width = 300, .height = 200, .tangent_at = {1e154}},
                 scratch("far_tangent.png"));
  ASSERT_EQ(s.legend.size(), 2u);
  EXPECT_EQ(s.legend[1], "tangent at x = 1e+154: y = 1e+308 + 2e+154(x − 1e+154)");
}

TEST(write_plot, a_range_whose_width_overflows_is_refused) {
  try {
    write_plot(f_of("x^2"), {},
               {.kind = plot_kind::curve,
                .width = 300,
                .height = 200,
                .x_range = plot_range{-1e308, 1e308}},
               scratch("too_wide.png"));
    FAIL() << "no error";
  } catch (const usage_error& e) {
    EXPECT_EQ(std::string(e.what()),
              "the x range is too wide: its width hi - lo must be a finite number");
  }
}

TEST(write_plot, slices_a_function_of_three_variables) {
  const std::vector<trace> run{test::descend("x^2 + 2y^2 + 3z^2", {1, 1, 1}, 0.1, 10)};
  const plot_summary s =
      write_plot(f_of("x^2 + 2y^2 + 3z^2"), run,
                 {.kind = plot_kind::contour, .width = 300, .height = 200, .slice = {"x", "z"}},
                 scratch("slice.png"));
  EXPECT_NE(s.caption.find("slice with y = "), std::string::npos);
}

TEST(write_plot, every_kind_draws_the_seed_runs) {
  const std::vector<trace> two{test::descend("x^2 + y^2", {-2, 2}, 0.1, 20)};
  const std::vector<trace> one{test::descend("x^2", {3}, 0.1, 15)};
  for (plot_kind k : {plot_kind::contour, plot_kind::wireframe, plot_kind::surface,
                      plot_kind::convergence, plot_kind::compare}) {
    EXPECT_NO_THROW(write_plot(f_of("x^2 + y^2"), two, {.kind = k, .width = 200, .height = 160},
                               scratch("every.png")))
        << to_string(k);
  }
  for (plot_kind k : {plot_kind::curve, plot_kind::steps, plot_kind::convergence}) {
    EXPECT_NO_THROW(write_plot(f_of("x^2"), one, {.kind = k, .width = 200, .height = 160},
                               scratch("every.png")))
        << to_string(k);
  }
}

}  // namespace
}  // namespace kobai
