#pragma once
// What every kind needs before drawing: the compiled function, the plotted variables, the paths
// of the traces in plot coordinates (clipped when a run diverges), fixed data ranges, and the
// captions. Built once per picture; each frame of an animation draws from the same scene, so the
// axes never move between frames.
#include <cstddef>
#include <memory>
#include <optional>
#include <span>
#include <string>
#include <vector>

#include "axes.hpp"
#include "canvas.hpp"
#include "kobai/eval/tape.hpp"
#include "kobai/plot/plot.hpp"

namespace kobai::detail {

/// One trace projected on the plotted variables.
struct path2 {
  std::string label;
  std::vector<double> x, y;  ///< plotted coordinates per iterate (y unused for curve/steps)
  std::vector<double> f;     ///< f at each iterate, as recorded
  std::size_t shown = 0;     ///< iterates inside the far box; later ones are left out
};

class depth_buffer;

struct scene {
  const plot_options* options = nullptr;
  std::span<const trace> traces;
  mutable tape t;  // the tape's scratch buffers change on evaluation
  expr formula;    ///< f itself (for its partial derivatives and tangent plane)
  std::vector<std::string> variables;
  std::size_t ix = 0, iy = 1;  ///< indices of the plotted variables
  std::vector<double> base;    ///< a full point: the values of the variables not plotted
  /// sections, partials, tangent-plane: the point (its plotted coordinates are base[ix], base[iy]).
  bool has_point = false;
  std::string title;
  std::string formula_text;
  std::vector<std::string> notes;  ///< caption notes (clipping, divergence)
  plot_range xr{-1, 1}, yr{-1, 1}, zr{0, 1};
  /// A formula of one variable: the value axis the user gave (plot_options::y_range).
  std::optional<plot_range> value_range;
  std::vector<path2> paths;
  std::size_t iterations = 1;  ///< the longest trace's iterate count (1 with no traces)

  // 2-D grid samples (contour, wireframe, surface): value[j * nx + i] at (gx[i], gy[j]).
  int nx = 0, ny = 0;
  std::vector<double> gx, gy, values;
  /// Contour levels and their lines (polylines x0, y0, x1, y1, ... in data coordinates),
  /// computed on first use: every frame of an animation and every panel of a race draws the same
  /// lines, so only the path is redrawn per frame.
  struct contour_cache {
    std::vector<double> levels;
    std::vector<std::vector<std::vector<double>>> lines;  // per level
  };
  mutable std::optional<contour_cache> contours;
  /// wireframe, surface: the mesh's z-buffer, built on first use (every frame has the same view).
  mutable std::shared_ptr<const depth_buffer> depth;

  /// f at a point given by the two plotted coordinates (others from base).
  double f2(double x, double y) const;
  /// f of one variable.
  double f1(double x) const;
  /// ∇f at (x, y) in the two plotted coordinates.
  void grad2(double x, double y, double& gxv, double& gyv) const;
  /// df/dx of one variable.
  double slope1(double x) const;
  /// Samples f on an n × n grid over xr × yr with one batch evaluation.
  void sample_grid(int n);
  /// Throws usage_error when f has no finite value on the plot (or, for a formula of one variable
  /// without a range of f, values whose span overflows): the picture would be blank axes. Checks
  /// the grid of sample_grid when there is one, else samples the curve.
  void check_values() const;
  /// Values of `g` (a tape over the same variables) at the grid points of sample_grid.
  std::vector<double> grid_values(const tape& g) const;
  std::string caption() const;
};

/// Builds the scene (validates the kind against the number of variables and the traces).
scene make_scene(expr f, std::span<const trace> traces, const plot_options& o,
                 std::vector<std::string> variables);

/// The far box: a path is drawn up to its first iterate that is not finite or lies more than this
/// far from the origin on either plotted axis; past it the run is called diverging. `px`, `py` are
/// the plotted coordinates of the points of interest (starts, tangent points, the point of a point
/// kind, the minimum).
double far_limit(const std::vector<double>& px, const std::vector<double>& py);
/// How many of the iterates (x[k], y[k]) a picture draws under that rule.
std::size_t drawn_iterates(const std::vector<double>& x, const std::vector<double>& y, double far);

/// A robust range of the finite values: [min, max] unless a few huge values would squash the rest,
/// in which case the 2nd–98th percentile range grown by a margin, and `clipped` is set.
plot_range robust_range(std::vector<double> values, bool& clipped);

/// The `q`-th to (1 − q)-th quantile range of the finite values, grown by `margin` of its width on
/// each side and kept within [min, max]; `clipped` is set when that leaves values out.
plot_range quantile_range(std::vector<double> values, double q, double margin, bool& clipped);

/// What a call draws. An animation draws the parts that are the same in every frame (axes, levels,
/// mesh) once as `still` and caches the raster; each frame composites it and draws `moving` (the
/// path, the marks over it, the caption) on top, the same pixels as `all` in the same order.
enum class layer { all, still, moving };

/// Draw one frame: iterates 0..upto of every path are shown (upto = iterations − 1 for a still).
/// Each returns the panels it drew (for plot_summary), whatever the layer.
using panels = std::vector<plot_panel>;
/// Sets the summary's legend texts (the tangents' equations).
panels draw_curve(canvas& c, const scene& s, std::size_t upto, bool animated,
                  plot_summary& summary);
panels draw_steps(canvas& c, const scene& s);
panels draw_contour(canvas& c, const scene& s, std::size_t upto, bool animated,
                    layer part = layer::all);
panels draw_compare(canvas& c, const scene& s, std::size_t upto, bool animated,
                    layer part = layer::all);
panels draw_surface(canvas& c, const scene& s, std::size_t upto, bool animated,
                    layer part = layer::all);
panels draw_convergence(canvas& c, const scene& s);
/// These set the summary's legend texts and its caption (the scene's notes and their own).
panels draw_sections(canvas& c, const scene& s, plot_summary& summary);
panels draw_partials(canvas& c, const scene& s, plot_summary& summary);
panels draw_tangent_plane(canvas& c, const scene& s, plot_summary& summary);

/// Kinds drawn about one point: sections, partials, tangent-plane.
bool point_kind(plot_kind k);

/// Font size of tick labels for a canvas.
double base_font(const canvas& c);
/// "iteration 3 of 20   f = 0.5" for animation captions.
std::string frame_caption(const scene& s, std::size_t upto);

}  // namespace kobai::detail
