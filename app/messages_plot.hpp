#pragma once
// Messages of the picture commands (plot, compare, and minimize's --plot), in one place.
#include <cstddef>
#include <string>
#include <string_view>

namespace kobai::cli::messages {

inline constexpr std::string_view plot_description =
    "Draw a formula and descent runs: curve, contour, wireframe, surface, steps, convergence,\n"
    "compare, sections, partials, tangent-plane (and lesson: a folder, from --trace).\n"
    "The file type comes from the extension (.png .svg .pdf; .gif animates).\n"
    "  example: kobai plot \"x^2\" --kind curve --tangent-at 3 -o tangent.png";
inline constexpr std::string_view plot_kind_help =
    "what to draw: curve, contour, wireframe, surface, steps, convergence, compare, sections,\n"
    "partials, tangent-plane, lesson";
inline constexpr std::string_view plot_output_help =
    "the image file: .png, .svg, .pdf, or .gif for an animation";
inline constexpr std::string_view plot_range_help =
    "plot ranges, by name or in order: x=-3:3,y=-2:2 or -3:3,-2:2 (one variable: -3:3,0:5 also "
    "fixes the range of f)";
inline constexpr std::string_view plot_tangent_help =
    "curve: tangent lines at these x, e.g. 3 or 1,3";
inline constexpr std::string_view plot_view_help =
    "3-D kinds: elevation,azimuth in degrees (default 30,-60)";
inline constexpr std::string_view plot_field_help = "contour: arrows of -grad f";
inline constexpr std::string_view plot_filled_help =
    "contour, compare: fill the bands between levels with colour, thin lines over them";
inline constexpr std::string_view plot_slice_help =
    "the two plotted variables of a formula with more than two, e.g. x,y";
inline constexpr std::string_view plot_at_help =
    "values of the variables not plotted, by name (z=1) or all in order (default: the last\n"
    "iterate, or 0); sections, partials, tangent-plane: the point (default: the trace's start,\n"
    "or 0), by name the plotted ones may be left out and keep that default";
inline constexpr std::string_view plot_surface_help =
    "sections, partials, tangent-plane: the surface as none, wire (default) or shaded";
inline constexpr std::string_view plot_wrt_help =
    "partials: the variable to differentiate by, or two side by side: x or x,y";
inline constexpr std::string_view plot_minimum_help =
    "the minimizer marked with '+' on curve, contour, wireframe, surface and compare, and kept\n"
    "inside the automatic ranges (default: with\n"
    "--problem its published minimizer, otherwise the minimum L-BFGS reaches from the run's\n"
    "lowest point, so a run stopped early still shows where it was heading; none without a run)";
inline constexpr std::string_view plot_levels_help = "number of contour levels (default 12)";
inline constexpr std::string_view plot_grid_help = "samples per axis (default: by kind)";
inline constexpr std::string_view plot_size_help = "image size WIDTHxHEIGHT (default 800x600)";
inline constexpr std::string_view plot_dpi_help = "PNG resolution (default 96)";
inline constexpr std::string_view plot_fps_help = "GIF frames per second (default 10)";
inline constexpr std::string_view plot_frames_help =
    "GIF: at most this many frames, iterations subsampled evenly (default: all)";
inline constexpr std::string_view plot_loop_help =
    "GIF: how many times the animation plays, 0 = forever (default 0)";
inline constexpr std::string_view plot_no_loop_help = "GIF: play once (the same as --loop 1)";
inline constexpr std::string_view plot_title_help = "title (default: the formula)";
inline constexpr std::string_view plot_panels_help =
    "compare: one panel per method (kobai compare's default; excludes --overlay)";
inline constexpr std::string_view plot_overlay_help =
    "compare: all methods on one contour plot with a legend (the default here; excludes --panels)";
inline constexpr std::string_view plot_vars_help = "variable order (default: natural order)";
inline constexpr std::string_view plot_file_help =
    "also draw the run into this image file (.png .svg .pdf .gif)";
inline constexpr std::string_view plot_file_kind_help =
    "kind of picture for --plot (default: curve for one variable, contour otherwise)";

inline constexpr std::string_view compare_description =
    "Race several methods from one start and draw their paths: one panel per method (--panels,\n"
    "the default) or all on one plot (--overlay).\n"
    "  example: kobai compare \"x^2/20 + y^2\" --from -7,2 --methods "
    "gd:rate=0.95,momentum:rate=0.1,adagrad:rate=1.5,adam:rate=0.3 -o race.png";
inline constexpr std::string_view compare_from_help = "the common start point, e.g. -7,2";
inline constexpr std::string_view compare_methods_help =
    "methods with their options: gd:rate=0.95,momentum:rate=0.1,mu=0.9,adam:rate=0.3";
inline constexpr std::string_view compare_iters_help = "iterations per method (default 30)";
inline constexpr std::string_view compare_overlay_help =
    "layout: all methods on one contour plot with a legend (excludes --panels)";
inline constexpr std::string_view compare_panels_help =
    "layout: one panel per method, the book's Figure 6-8 (the default; excludes --overlay)";
inline constexpr std::string_view compare_kind_help =
    "compare (paths over contours, default) or convergence";
inline constexpr std::string_view plot_trace_help =
    "a trace written by 'kobai minimize --trace FILE' (repeat for several runs)";

inline constexpr std::string_view plot_force_help = "lesson: write into a folder that is not empty";
inline constexpr std::string_view lesson_description =
    "The worked example of the gradient method on a formula of two variables, as numbered\n"
    "figures (surface, sections, start, partial derivatives, steps 1, 2, 3 and the last) and an\n"
    "index.md with the arithmetic of each step.\n"
    "  example: kobai lesson \"x^2 + y^2\" --from -2,2 --rate 0.1 --iters 20 -o lesson/";
inline constexpr std::string_view lesson_from_help =
    "the start point: -2,2 in variable order or x=-2,y=2 by name";
inline constexpr std::string_view lesson_rate_help = "learning rate α (default 0.1)";
inline constexpr std::string_view lesson_iters_help = "steps of the gradient method (default 20)";
inline constexpr std::string_view lesson_output_help =
    "the folder to write (created; refused when not empty unless --force)";
inline constexpr std::string_view lesson_format_help = "figures as png (default), svg or pdf";
inline constexpr std::string_view lesson_digits_help =
    "significant digits in the arithmetic (default 10)";

std::string lesson_bad_format(std::string_view format);
std::string lesson_bad_digits(int digits);
std::string lesson_needs_two_variables(std::size_t count);
std::string lesson_needs_trace();
std::string lesson_partial_line(std::string_view var, std::string_view derivative);
/// A lesson's run that stopped early (diverged) says so, in index.md and on the terminal.
std::string lesson_run_stopped(std::string_view status, std::size_t steps, std::size_t asked,
                               std::string_view why);

std::string compare_bad_methods(std::string_view text);
/// `options`: the method's options, from option_names (method_text.hpp).
std::string compare_unknown_option(std::string_view key, std::string_view spec,
                                   std::string_view options);
/// newton-ls and newton-tr name their globalization; an option may repeat it, not change it.
std::string compare_globalization_contradicts(std::string_view value, std::string_view method);
std::string compare_bad_value(std::string_view key, std::string_view spec);
std::string compare_bad_kind(std::string_view kind);
std::string plot_bad_tangent(std::string_view text);
/// kind compare draws paths on contours, so it needs a formula of two or more variables.
std::string compare_needs_two_variables(std::size_t count, std::string_view variables);
/// "--plot-kind shapes the picture of --plot FILE, which was not given" (kobai minimize)
std::string plot_option_without_plot(std::string_view option);
std::string compare_line(std::string_view method, std::size_t iterations, std::string_view f,
                         std::string_view status);
std::string plot_cannot_read_trace(std::string_view path);
std::string plot_bad_trace_line(std::string_view path, std::size_t line);
std::string plot_not_a_trace(std::string_view path);
/// A trace recorded over other variables than the formula's (exit 2).
std::string plot_trace_other_variables(std::string_view path, std::string_view trace_variables,
                                       std::string_view variables);
/// A trace recorded from another formula over the same variables: drawn, with this note.
std::string plot_trace_other_formula(std::string_view path, std::string_view trace_formula,
                                     std::string_view formula);

std::string plot_unknown_kind(std::string_view kind, std::string_view kinds);
std::string plot_bad_size(std::string_view text);
std::string plot_bad_range(std::string_view text);
std::string plot_bad_view(std::string_view text);
std::string plot_bad_surface(std::string_view text);
std::string plot_wrote(std::string_view path, std::size_t frames);
std::string plot_note(std::string_view caption);

}  // namespace kobai::cli::messages
