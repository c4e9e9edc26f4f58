#pragma once
// 2-D axes: data ranges mapped onto a rectangle of the image, "nice" ticks (steps of 1, 2 or 5
// times a power of ten), tick labels, axis labels, a title and a legend.
#include <string>
#include <utility>
#include <vector>

#include "canvas.hpp"
#include "kobai/plot/plot.hpp"

namespace kobai::detail {

/// Tick values covering [lo, hi] with about `target` steps of 1, 2 or 5 × 10^k (Heckbert, "Nice
/// numbers for graph labels", Graphics Gems, 1990), only those inside [lo, hi].
std::vector<double> nice_ticks(double lo, double hi, int target);
/// The step nice_ticks uses.
double nice_step(double lo, double hi, int target);
/// A tick label with as many decimals as the step needs ("0.5", "-2", "1e+06", "2.5e-05").
std::string tick_label(double v, double step);
/// Powers of ten covering [lo, hi] (log10 values), and "10⁻³"-style labels.
std::string power_label(int exponent);

/// Widens a degenerate or reversed range so that lo < hi.
plot_range widen(plot_range r);
/// `r` grown by `fraction` of its width on each side; `r` itself when that would overflow.
plot_range pad(plot_range r, double fraction);
/// Liang–Barsky clipping of the segment (x0,y0)–(x1,y1) to the box; false when nothing is left.
bool clip_segment(double& x0, double& y0, double& x1, double& y1, plot_range bx, plot_range by);

/// Polylines in image coordinates: the data a legend should not cover (curves, paths, marks, a
/// single point for a mark).
using image_lines = std::vector<std::vector<std::pair<double, double>>>;

/// The top-left corner of a w × h legend box in the plot area `p`, placed as matplotlib's
/// loc="best" places it: of the corners, the edge middles and the centre (`inset` from the frame;
/// upper right first, as before), the place whose box holds the fewest vertices of `avoid` plus
/// segments of it that cross the box; the first of the least on a tie.
std::pair<double, double> best_legend_place(const plot_panel& p, double w, double h, double inset,
                                            const image_lines& avoid);

struct legend_entry {
  std::string label;
  rgb color;
  enum class style { line, dashed, marker, line_and_marker, plus } kind = style::line;
};

/// One 2-D plot area.
class axes {
 public:
  axes(double left, double top, double width, double height, plot_range x, plot_range y,
       bool log_y = false);

  double px(double x) const noexcept;
  double py(double y) const noexcept;  ///< log10 is applied when log_y
  bool inside(double x, double y) const noexcept;
  const plot_panel& panel() const noexcept { return panel_; }

  /// Background, grid lines, frame, ticks and their labels; `font` is the tick label size.
  void draw_frame(canvas& c, double font) const;
  /// The y label goes left of the widest y tick label, never over it.
  void draw_labels(canvas& c, const std::string& x_label, const std::string& y_label,
                   double font) const;
  void draw_title(canvas& c, const std::string& title, double font) const;
  /// Legend box at best_legend_place for `avoid` (the top-right corner when nothing is in the
  /// way).
  void draw_legend(canvas& c, const std::vector<legend_entry>& entries, double font,
                   const image_lines& avoid = {}) const;
  /// Appends the polyline through (xs[i], ys[i]) in image coordinates to `out`, broken at
  /// non-finite values.
  void add_image_line(image_lines& out, const std::vector<double>& xs,
                      const std::vector<double>& ys) const;
  /// Clips drawing to the plot area (cairo_save/restore around it is the caller's).
  void clip(canvas& c) const;

 private:
  plot_panel panel_;
};

/// Margins that leave room for tick labels, axis labels and a title, in image units.
struct margins {
  double left, top, right, bottom;
};
margins standard_margins(const canvas& c, bool title, double font);
/// The y tick labels draw_frame writes beside a plot area `height` tall over `y` (the range as
/// given to axes), with tick labels of size `font`.
std::vector<std::string> y_tick_labels(plot_range y, bool log_y, double height, double font);
/// The width of the widest of them, as cairo sets it.
double y_tick_label_width(canvas& c, plot_range y, bool log_y, double height, double font);
/// The room left of a plot area for y tick labels `label_width` wide, a gap, and the y axis title
/// draw_labels rotates, each of size `font`.
double left_margin(canvas& c, double label_width, double font);
/// `m` with its left margin widened when the y tick labels of a plot area `height` tall over `y`
/// need more room than it leaves (so they never run into the axis title).
margins fit_y_labels(margins m, canvas& c, plot_range y, bool log_y, double height, double font);

/// Polyline through (xs[i], ys[i]) in data space, broken at non-finite values (holes, never 0).
void polyline(canvas& c, const axes& a, const std::vector<double>& xs,
              const std::vector<double>& ys);

/// Marks: a filled disc with a white rim, an open ring, a '+'.
void dot(canvas& c, double x, double y, double radius, rgb fill);
void ring(canvas& c, double x, double y, double radius, rgb stroke, double width);
void plus_mark(canvas& c, double x, double y, double size, rgb stroke, double width);

/// The caption line under the figure (notes on clipping or divergence).
void draw_caption(canvas& c, const std::string& caption, double font);

}  // namespace kobai::detail
