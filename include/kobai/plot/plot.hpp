#pragma once
// Pictures of a function and of descent runs over it: the curve with its tangents, contour lines
// with the path and the −∇f field, a 3-D wireframe or shaded surface with the path, a grid of step
// panels, convergence curves, and races of several methods. One drawing code path renders through
// cairo to PNG, SVG or PDF (chosen by the file extension); `.gif` writes an animation in which the
// path grows frame by frame over fixed axes.
//
// plot/ reads traces and samples the function through the tape; it never includes optim/.
//
//   kobai::plot_options o{.kind = kobai::plot_kind::contour, .width = 640, .height = 480};
//   kobai::write_plot(kobai::parse("x^2 + y^2").root(), {run}, o, "path.png");
#include <array>
#include <cstddef>
#include <filesystem>
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "kobai/expr/expr.hpp"
#include "kobai/trace.hpp"

namespace kobai {

/// What to draw.
enum class plot_kind {
  curve,        ///< f(x) of one variable, tangents at chosen points, the path as moving points
  contour,      ///< contour lines of f(x, y), the path over them, optional −∇f arrows
  wireframe,    ///< 3-D wireframe of f(x, y) with the path as red points joined by a line
  surface,      ///< like wireframe, with shaded faces
  steps,        ///< small multiples: one panel per iteration of a 1-D descent, with its tangent
  convergence,  ///< f − f_best and ‖∇f‖ against iteration, log scale, one line per trace
  compare,      ///< several traces over one contour plot (or a grid of panels), with a legend
  sections,  ///< the two cross-section curves z = f(x, y₀), z = f(x₀, y) through a point, in 3-D
  partials,  ///< the surface with the surface z = ∂f/∂x (or ∂f/∂y, or both side by side)
  tangent_plane,  ///< the surface with its tangent plane at a point, the equation in the legend
  /// The whole worked example as a folder of figures and an index.md (write_lesson); write_plot
  /// refuses it.
  lesson,
};

/// How sections, partials and tangent-plane draw the surface f(x, y) itself.
enum class surface_style {
  none,    ///< left out
  wire,    ///< a faint wireframe
  shaded,  ///< shaded faces
};

/// "curve", "contour", ..., "tangent-plane", "lesson"
std::string_view to_string(plot_kind k) noexcept;
/// The kind named `name`, or nothing.
std::optional<plot_kind> plot_kind_from_string(std::string_view name) noexcept;
/// Every kind's name, comma separated, for messages and help.
std::string plot_kind_names();

/// A closed interval [lo, hi] with lo < hi.
struct plot_range {
  double lo = 0;
  double hi = 0;
};

/// How to draw. Every field is checked by write_plot before drawing; a bad value is a
/// usage_error naming the field.
struct plot_options {
  plot_kind kind = plot_kind::curve;
  /// Image size: pixels for PNG and GIF at 96 dpi, points for SVG and PDF. Each in [16, 8192].
  int width = 800;
  int height = 600;
  /// PNG resolution: the image is width × dpi / 96 pixels wide, drawn at the same layout
  /// (so 192 gives a sharp double-size image). In [24, 1200].
  double dpi = 96;
  /// Plot ranges of the first and second plotted variable; chosen from the path and the points of
  /// interest when absent. For a formula of one variable (curve, steps) y_range is the range of
  /// the value f, as a second range is on a graph of y = f(x).
  std::optional<plot_range> x_range{};
  std::optional<plot_range> y_range{};
  /// curve: draw the tangent line at each of these x (slope from the tape gradient, exact).
  std::vector<double> tangent_at{};
  /// wireframe, surface: elevation and azimuth of the viewer in degrees (matplotlib's convention:
  /// azimuth −60, elevation 30 is its default view).
  double elevation = 30;
  double azimuth = -60;
  /// contour: arrows of −∇f on a grid (the gradient field).
  bool field = false;
  /// contour, compare: fill the bands between levels with the colour map, thin dark lines over
  /// them.
  bool filled = false;
  /// contour, wireframe, surface for f of more than two variables: the two plotted variables.
  /// Empty: the first two in the variable order.
  std::vector<std::string> slice{};
  /// Values of the variables that are not plotted (in variable order, all of them; the plotted
  /// ones are ignored). Empty: the last iterate of the first trace, or 0.
  /// sections, partials, tangent-plane: the point itself (all coordinates); empty: the first
  /// iterate of the first trace, or 0. A point outside given ranges extends them (with a note).
  /// A NaN entry takes that default for its coordinate alone (a plotted variable left out).
  std::vector<double> fixed{};
  /// sections, partials, tangent-plane: how the surface itself is drawn.
  surface_style surface = surface_style::wire;
  /// partials: the variables to differentiate by, one or two of the plotted ones (two: side by
  /// side). Empty: the first plotted variable.
  std::vector<std::string> wrt{};
  /// A known minimizer to mark with '+' (in variable order). Empty: none.
  std::vector<double> minimum{};
  /// Contour levels; 0 chooses (12, log-spaced when the range of f is wide). In [0, 500].
  int levels = 0;
  /// Samples per axis for contour (and the number of wires for wireframe); 0 chooses.
  /// In [0, 2000].
  int grid = 0;
  /// compare: one panel per trace in a grid (the book's Figure 6-8 layout) instead of one plot.
  bool panels = false;
  /// Title over the figure; empty: the formula.
  std::string title{};
  /// GIF: frames per second in [0.5, 50].
  double fps = 10;
  /// GIF: at most this many frames (iterations are subsampled evenly, the last kept); 0 = one
  /// frame per iteration. A wireframe or surface without traces turns once around the vertical
  /// axis instead, in this many frames (0: 36). In [0, 10000].
  int frames = 0;
  /// GIF: how many times the animation plays: 0 forever (the NETSCAPE2.0 extension with loop
  /// count 0), 1 once (no extension), n > 1 n times (loop count n − 1: viewers play the frames
  /// once, then repeat them that many times). In [0, 65536].
  int loop = 0;
};

/// Where a panel's plot area lies in the image and which data ranges it maps (for callers that
/// annotate a picture and for tests that check coordinates). Image y grows downward.
struct plot_panel {
  double left = 0, top = 0, width = 0, height = 0;  ///< plot area in image units
  plot_range x, y;                                  ///< data ranges mapped onto it (2-D kinds)
  bool log_y = false;                               ///< y axis is log10
  /// 3-D kinds: the affine map from data (x, y, z) to the image, image x = p[0]x + p[1]y + p[2]z
  /// + p[3] and image y = p[4]x + p[5]y + p[6]z + p[7] (all zero for 2-D kinds).
  std::array<double, 8> projection{};
};

/// What write_plot drew.
struct plot_summary {
  std::vector<plot_panel> panels;
  std::size_t frames = 1;  ///< 1 for still images
  std::string caption;     ///< notes written under the plot (clipping, divergence), may be empty
  std::vector<std::string> legend;  ///< legend texts of curve and the 3-D kinds (tangent equations)
};

/// Checks, before any work, what write_plot would only find at the end: that `file`'s extension
/// names a format, that the format fits `kind` (a .gif needs a kind with an animation), and that
/// the folder it goes in exists. Throws usage_error naming the problem.
void check_plot_file(const std::filesystem::path& file, plot_kind kind);
/// Checks that `kind` can draw a function of `variables` (curve one, contour two or more), as
/// drawing would; throws usage_error naming the kinds that can.
void check_plot_dimension(plot_kind kind, const std::vector<std::string>& variables);

/// Draws `f` (over `variables`, in that order; empty: the formula's variables in natural order)
/// and the `traces` over it as `options.kind`, and writes `file`. The format comes from the
/// extension: .png .svg .pdf, or .gif (an animation; for curve, contour, wireframe, surface and
/// compare). Throws usage_error for a bad option, a kind that does not fit the number of
/// variables, an unknown extension or a file that cannot be written.
plot_summary write_plot(expr f, std::span<const trace> traces, const plot_options& options,
                        const std::filesystem::path& file, std::vector<std::string> variables = {});

}  // namespace kobai
