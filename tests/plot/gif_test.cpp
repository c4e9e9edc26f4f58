// Animated GIF: frame count, size, one shared palette, the loop flag, the frame delay, and axes
// that stay put from frame to frame.
#include <gtest/gtest.h>

#include <algorithm>
#include <cmath>

#include "kobai/error.hpp"
#include "kobai/expr/parse.hpp"
#include "kobai/plot/plot.hpp"
#include "support.hpp"

namespace kobai {
namespace {

const trace& seed_run() {
  static const trace t = test::descend("x^2 + y^2", {-2, 2}, 0.1, 20);
  return t;
}

TEST(gif, one_frame_per_iterate_with_one_palette_and_a_loop) {
  const auto file = test::scratch("seed.gif");
  const plot_summary s =
      write_plot(parse("x^2 + y^2").root(), std::vector{seed_run()},
                 {.kind = plot_kind::contour, .width = 320, .height = 240, .fps = 10}, file);
  EXPECT_EQ(s.frames, 21u);
  const test::gif_info g = test::read_gif(file);
  EXPECT_EQ(g.width, 320);
  EXPECT_EQ(g.height, 240);
  EXPECT_EQ(g.frames.size(), 21u);
  EXPECT_GT(g.palette_size, 2);
  EXPECT_LE(g.palette_size, 256);
  EXPECT_FALSE(g.has_local_palettes);
  EXPECT_TRUE(g.loops);
  EXPECT_EQ(g.netscape_blocks, 1);
  EXPECT_EQ(g.loop_count, 0);
  ASSERT_EQ(g.delays.size(), 21u);
  for (int d : g.delays) EXPECT_EQ(d, 10);
}

TEST(gif, frames_subsample_and_loop_one_plays_once) {
  const auto file = test::scratch("sub.gif");
  const plot_summary s = write_plot(
      parse("x^2 + y^2").root(), std::vector{seed_run()},
      {.kind = plot_kind::wireframe, .width = 200, .height = 160, .fps = 4, .frames = 5, .loop = 1},
      file);
  EXPECT_EQ(s.frames, 5u);
  const test::gif_info g = test::read_gif(file);
  EXPECT_EQ(g.frames.size(), 5u);
  EXPECT_FALSE(g.loops);
  EXPECT_EQ(g.netscape_blocks, 0);
  for (int d : g.delays) EXPECT_EQ(d, 25);
}

// Without a run a wireframe or surface turns once around the vertical axis: 36 frames by default
// (10° each), or --frames of them, under the one palette.
TEST(gif, a_wireframe_without_a_run_turns_around) {
  const auto file = test::scratch("turn.gif");
  const plot_summary s =
      write_plot(parse("x^2 - y^2").root(), {},
                 {.kind = plot_kind::wireframe, .width = 160, .height = 120}, file);
  EXPECT_EQ(s.frames, 36u);
  EXPECT_EQ(test::read_gif(file).frames.size(), 36u);
  const plot_summary few =
      write_plot(parse("x^2 - y^2").root(), {},
                 {.kind = plot_kind::surface, .width = 160, .height = 120, .frames = 4}, file);
  EXPECT_EQ(few.frames, 4u);
  const test::gif_info g = test::read_gif(file);
  ASSERT_EQ(g.frames.size(), 4u);
  EXPECT_FALSE(g.has_local_palettes);
  // The saddle z = x² − y² is the same surface after half a turn and the opposite one after a
  // quarter turn, so frame 2 differs from frame 0 least (in the axis labels only).
  const double quarter = test::compare_images(g.frames[0], g.frames[1]).mean;
  const double half = test::compare_images(g.frames[0], g.frames[2]).mean;
  const double three_quarters = test::compare_images(g.frames[0], g.frames[3]).mean;
  EXPECT_GT(half, 0.0);
  EXPECT_GT(quarter, 2 * half);
  EXPECT_GT(three_quarters, 2 * half);
}

// A turning surface hides a marked point in some frames and not in others: behind the hill
// 10·exp(−x² − y²), seen from the −x side (azimuth 180), the '+' at (3, 0) is drawn faint; seen
// from the +x side (azimuth 0) in full. Each frame of the turn decides for its own view.
TEST(gif, a_turning_surface_hides_the_minimum_by_each_frames_view) {
  const auto file = test::scratch("turn_mark.gif");
  const expr hill = parse("10*exp(-(x^2 + y^2))").root();
  const auto render = [&](double azimuth, int frames) {
    return write_plot(hill, {},
                      {.kind = plot_kind::wireframe,
                       .width = 600,
                       .height = 600,
                       .x_range = plot_range{-4, 4},
                       .y_range = plot_range{-4, 4},
                       .azimuth = azimuth,
                       .minimum = {3, 0},
                       .frames = frames},
                      file);
  };
  // The darkest channel of the pixel under the '+' of the last frame drawn.
  const auto mark_shade = [&](const plot_summary& s, int frame) {
    const auto& m = s.panels.at(0).projection;
    const double z = 10 * std::exp(-9.0);
    const double ix = m[0] * 3 + m[2] * z + m[3], iy = m[4] * 3 + m[6] * z + m[7];
    const test::gif_info g = test::read_gif(file);
    const std::uint32_t p =
        g.frames.at(static_cast<std::size_t>(frame)).at(static_cast<int>(ix), static_cast<int>(iy));
    return std::max({(p >> 16) & 0xffu, (p >> 8) & 0xffu, p & 0xffu});
  };
  EXPECT_LT(mark_shade(render(0, 1), 0), 70u);    // in front: full black
  EXPECT_GT(mark_shade(render(180, 1), 0), 90u);  // behind the hill: faint
  EXPECT_GT(mark_shade(render(0, 2), 1), 90u);    // the turn's second frame is the view from 180
}

TEST(gif, a_contour_without_a_run_is_one_frame_and_says_so) {
  const auto file = test::scratch("still.gif");
  const plot_summary s =
      write_plot(parse("x^2 + y^2").root(), {},
                 {.kind = plot_kind::contour, .width = 160, .height = 120}, file);
  EXPECT_EQ(s.frames, 1u);
  EXPECT_NE(s.caption.find("nothing moves"), std::string::npos) << s.caption;
}

// Viewers play the frames once and then repeat them the loop count times, so three plays are
// stored as loop count 2.
TEST(gif, loop_three_plays_three_times) {
  const auto file = test::scratch("thrice.gif");
  write_plot(parse("x^2 + y^2").root(), std::vector{seed_run()},
             {.kind = plot_kind::contour, .width = 160, .height = 120, .frames = 3, .loop = 3},
             file);
  const test::gif_info g = test::read_gif(file);
  EXPECT_EQ(g.netscape_blocks, 1);
  EXPECT_EQ(g.loop_count, 2);
  EXPECT_FALSE(g.loops);
}

TEST(gif, loop_out_of_range_is_refused) {
  EXPECT_THROW(write_plot(parse("x^2 + y^2").root(), std::vector{seed_run()},
                          {.kind = plot_kind::contour, .width = 160, .height = 120, .loop = -1},
                          test::scratch("bad.gif")),
               usage_error);
}

// The axes (tick labels, frame, title) are drawn from the same scene in every frame: the strip
// left of the plot area and the title strip are identical in the first and last frame, while the
// plot area itself changes as the path grows.
TEST(gif, axes_are_identical_from_frame_to_frame) {
  for (plot_kind kind :
       {plot_kind::contour, plot_kind::curve, plot_kind::compare, plot_kind::wireframe}) {
    const bool one = kind == plot_kind::curve;
    const trace run = one ? test::descend("x^2", {3}, 0.1, 12) : seed_run();
    const auto file = test::scratch("steady.gif");
    const plot_summary s = write_plot(parse(one ? "x^2" : "x^2 + y^2").root(), std::vector{run},
                                      {.kind = kind, .width = 320, .height = 240}, file);
    const test::gif_info g = test::read_gif(file);
    ASSERT_GE(g.frames.size(), 2u);
    const plot_panel& a = s.panels.at(0);
    const test::image& first = g.frames.front();
    const test::image& last = g.frames.back();
    int left_strip_changes = 0, plot_changes = 0;
    for (int y = 0; y < static_cast<int>(a.top + a.height); ++y) {
      for (int x = 0; x < g.width; ++x) {
        const bool changed = first.at(x, y) != last.at(x, y);
        if (x < static_cast<int>(a.left) - 2 || y < static_cast<int>(a.top) - 2) {
          left_strip_changes += changed;
        } else {
          plot_changes += changed;
        }
      }
    }
    EXPECT_EQ(left_strip_changes, 0) << to_string(kind);
    EXPECT_GT(plot_changes, 20) << to_string(kind);
  }
}

// A race in panels (the book's Figure 6-8 layout) animates every method together: each panel's
// plot area changes between the first and last frame, and the frame count follows the longest run.
TEST(gif, compare_panels_move_every_method_together) {
  const std::vector<trace> runs = {test::descend("x^2/20 + y^2", {-7, 2}, 0.95, 12),
                                   test::descend("x^2/20 + y^2", {-7, 2}, 0.5, 8)};
  const auto file = test::scratch("race.gif");
  const plot_summary s =
      write_plot(parse("x^2/20 + y^2").root(), runs,
                 {.kind = plot_kind::compare, .width = 480, .height = 360, .panels = true}, file);
  EXPECT_EQ(s.frames, 13u);
  ASSERT_EQ(s.panels.size(), 2u);
  const test::gif_info g = test::read_gif(file);
  ASSERT_EQ(g.frames.size(), 13u);
  EXPECT_FALSE(g.has_local_palettes);
  for (const plot_panel& a : s.panels) {
    int changes = 0;
    for (int y = static_cast<int>(a.top); y < static_cast<int>(a.top + a.height); ++y)
      for (int x = static_cast<int>(a.left); x < static_cast<int>(a.left + a.width); ++x)
        changes += g.frames.front().at(x, y) != g.frames.back().at(x, y);
    EXPECT_GT(changes, 20) << "panel at " << a.left << "," << a.top;
  }
}

TEST(gif, same_run_gives_the_same_bytes) {
  const auto a = test::scratch("a.gif"), b = test::scratch("b.gif");
  const plot_options o{.kind = plot_kind::surface, .width = 160, .height = 120};
  write_plot(parse("x^2 + y^2").root(), std::vector{seed_run()}, o, a);
  write_plot(parse("x^2 + y^2").root(), std::vector{seed_run()}, o, b);
  EXPECT_EQ(test::read_bytes(a), test::read_bytes(b));
}

}  // namespace
}  // namespace kobai
