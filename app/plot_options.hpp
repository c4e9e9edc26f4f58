#pragma once
// The drawing options shared by `kobai plot`, `kobai compare` and `kobai minimize --plot`: one
// place that registers them and turns them into kobai::plot_options.
#include <functional>
#include <memory>
#include <span>
#include <string>
#include <vector>

#include <CLI/CLI.hpp>

#include "cli.hpp"
#include "kobai/expr/expr.hpp"
#include "kobai/plot/plot.hpp"
#include "kobai/trace.hpp"

namespace kobai::cli {

/// Option text as given on the command line.
struct plot_arguments {
  std::string range, tangent_at, view, slice, at, minimum, title, surface, wrt;
  std::string size = "800x600";
  double dpi = 96;
  double fps = 10;
  int frames = 0;
  int levels = 0;
  int grid = 0;
  int loop = 0;  ///< GIF plays: 0 forever, n n times
  bool field = false;
  bool filled = false;
  bool no_loop = false;
  bool panels = false;
  bool overlay = false;  ///< the default layout of plot and minimize --plot, spelled out
  bool force = false;    ///< lesson: write into a folder that is not empty
};

/// Registers --range --tangent-at --view --field --filled --slice --at --minimum --levels --grid
/// --size
/// --dpi --fps --frames --loop --no-loop --title --panels --overlay --surface --wrt --force on
/// `cmd`. --panels and --overlay exclude each other; --overlay is the default here. `kobai compare`
/// registers its own pair, whose default is --panels (with_panels false).
void add_drawing_options(CLI::App& cmd, plot_arguments& a, bool with_panels = true);

/// The kind named `name`, or usage_error listing the kinds.
plot_kind parse_plot_kind(const std::string& name);

/// plot_options for `kind` from the arguments, with points read for `variables`.
plot_options make_plot_options(const plot_arguments& a, plot_kind kind,
                               const std::vector<std::string>& variables);

/// The minimizer to mark with '+' when none is given: where L-BFGS, started from the lowest
/// iterate of the runs, converges (‖∇f‖∞ ≤ 1e-9); empty when it does not converge or there are
/// no runs. For a run stopped short of the minimum (the seed's 20 steps on x² + y²) this is the
/// minimum the run was heading for, not its last point.
std::vector<double> nearby_minimum(expr f, std::span<const trace> traces,
                                   const std::vector<std::string>& variables);

/// Draws and reports "wrote FILE" (and any caption note) on io.out. Without options.minimum,
/// the kinds that mark one (contour, wireframe, surface, compare) mark nearby_minimum. The kind
/// lesson writes the folder `file` from the first trace (refusing a folder that is not empty unless
/// `force`).
void draw_and_report(expr f, std::span<const trace> traces, const plot_options& options,
                     const std::string& file, const std::vector<std::string>& variables, streams io,
                     bool force = false);

/// For `kobai minimize`: the --plot FILE and --plot-kind K options (plus the drawing options).
/// check(variables) throws usage_error for a bad file name, kind or drawing option before the
/// run starts; draw(f, trace, known_minimum) draws once the run is done. Both do nothing without
/// --plot. `known_minimum` (a test problem's published minimizer, or empty) is marked unless
/// --minimum was given.
///
///   auto plot = add_plot_options(*cmd, io);
///   ...
///   plot.check(variables);
///   ...
///   plot.draw(f.root(), result.trace, {});
struct plot_hook {
  std::function<void(const std::vector<std::string>& variables)> check;
  std::function<void(expr, const trace&, std::span<const double> known_minimum)> draw;
};
plot_hook add_plot_options(CLI::App& cmd, streams io);

}  // namespace kobai::cli
