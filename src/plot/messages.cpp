#include "messages.hpp"

#include <fmt/format.h>

namespace kobai::messages {
std::string gif_failed(std::string_view what, std::string_view reason) {
  return fmt::format("{}: {}", what, reason);
}
std::string plot_unknown_extension(std::string_view path) {
  return fmt::format("cannot tell the image type of '{}': use a .png, .svg, .pdf or .gif file name",
                     path);
}
std::string plot_no_folder(std::string_view path, std::string_view folder) {
  return fmt::format("cannot write '{}': the folder '{}' does not exist", path, folder);
}
std::string plot_cannot_write(std::string_view path) {
  return fmt::format("cannot write '{}'", path);
}
std::string plot_bad_size(int width, int height) {
  return fmt::format("size {}x{} is out of range: width and height must be between 16 and 8192",
                     width, height);
}
std::string plot_bad_option(std::string_view field, std::string_view why) {
  return fmt::format("plot option '{}' {}", field, why);
}
std::string plot_needs_one_variable(std::string_view kind, std::size_t count,
                                    std::string_view variables) {
  return fmt::format(
      "kind '{}' draws a function of one variable, but the formula has {} ({}); use contour, "
      "wireframe, surface or compare",
      kind, count, variables);
}
std::string plot_needs_two_variables(std::string_view kind, std::size_t count,
                                     std::string_view variables) {
  return fmt::format(
      "kind '{}' draws a function of two or more variables, but the formula has {}{}; use curve "
      "or steps",
      kind, count, variables.empty() ? std::string() : fmt::format(" ({})", variables));
}
std::string plot_needs_trace(std::string_view kind) {
  return fmt::format("kind '{}' draws a descent run: give a trace", kind);
}
std::string plot_no_animation(std::string_view kind) {
  return fmt::format(
      "kind '{}' has no animation: GIF files are written for curve, contour, wireframe, surface "
      "and compare",
      kind);
}
std::string plot_still_gif() {
  return "without a run nothing moves: the GIF has one frame (wireframe and surface turn instead)";
}
std::string plot_trace_mismatch(std::size_t index, std::string_view why) {
  return fmt::format("trace {} does not fit the formula: {}", index + 1, why);
}
std::string plot_slice_unknown(std::string_view name, std::string_view variables) {
  return fmt::format("--slice names '{}', which is not a variable of the formula ({})", name,
                     variables);
}
std::string plot_bad_range(std::string_view axis) {
  return fmt::format("the {} range must be two finite numbers lo < hi", axis);
}
std::string plot_trace_variables(std::string_view trace, std::string_view plot) {
  return fmt::format("its variables are ({}), the plot's are ({})", trace, plot);
}
std::string plot_trace_coordinates(std::size_t k, std::size_t coordinates, std::size_t variables) {
  return fmt::format("iteration {} has {} coordinates, the formula {} variables", k, coordinates,
                     variables);
}
std::string plot_one_value_per_variable(std::size_t variables) {
  return fmt::format("needs {} values, one per variable", variables);
}
std::string plot_range_too_wide(std::string_view axis) {
  return fmt::format("the {} range is too wide: its width hi - lo must be a finite number", axis);
}
std::string plot_f_not_finite(std::string_view ranges) {
  return fmt::format(
      "f has nothing to draw on {}: it overflows or is undefined at every sample (or at all "
      "but lone ones); give a --range where f has values",
      ranges);
}
std::string plot_f_range_overflows(std::string_view ranges, std::string_view lo,
                                   std::string_view hi) {
  return fmt::format(
      "the values of f on {} run from {} to {}, a span that overflows; give a smaller --range "
      "or the range of f",
      ranges, lo, hi);
}
std::string plot_clipped_values(double lo, double hi) {
  return fmt::format("values outside [{:.4g}, {:.4g}] are clipped", lo, hi);
}
std::string plot_path_leaves(std::string_view label, std::size_t k) {
  return fmt::format("{}path leaves the plot after iteration {} (diverging)",
                     label.empty() ? std::string() : fmt::format("{}: ", label), k);
}
std::string plot_path_start_not_finite(std::string_view label) {
  return fmt::format("{}path not drawn: its start is not a finite number",
                     label.empty() ? std::string() : fmt::format("{}: ", label));
}
std::string plot_frame_caption(std::size_t k, std::size_t last, std::string_view f) {
  return fmt::format("iteration {} of {}    f = {}", k, last, f);
}
std::string plot_slice_note(std::string_view fixed) {
  return fmt::format("slice with {}", fixed);
}
std::string plot_tangent_label(std::string_view variable, std::string_view a,
                               std::string_view equation) {
  return fmt::format("tangent at {} = {}: {}", variable, a, equation);
}
std::string plot_no_tangent(std::string_view variable, std::string_view a) {
  return fmt::format("no tangent at {} = {}: f or its slope is not a finite number there", variable,
                     a);
}
std::string plot_tangent_point_too_far(std::string_view variable, std::string_view a,
                                       std::string_view why) {
  return fmt::format(
      "cannot draw the curve about the tangent point {} = {}: {}; choose a point where f is a "
      "finite number, or give a range",
      variable, a, why);
}
std::string plot_tangent_range_overflows(std::string_view lo, std::string_view hi) {
  return fmt::format("the range about it, {} .. {}, overflows", lo, hi);
}
std::string plot_tangent_f_overflows(std::string_view variable, std::string_view lo,
                                     std::string_view hi) {
  return fmt::format(
      "f overflows there: it is infinite at the point and at {} = {} and {} beside it", variable,
      lo, hi);
}
std::string plot_step_title(std::size_t k, std::string_view x) {
  return fmt::format("k = {}   x = {}", k, x);
}
std::string plot_point_outside(std::string_view point, std::string_view ranges) {
  return fmt::format("the point ({}) lies outside the given range; drawn over {}", point, ranges);
}
std::string plot_lesson_is_folder() {
  return "kind 'lesson' writes a folder of figures: use 'kobai lesson' (or write_lesson)";
}
std::string plot_no_tangent_plane(std::string_view point, std::string_view why) {
  return fmt::format("f has no tangent plane at the point ({}): {}", point, why);
}
std::string plot_undefined_at_point(std::string_view point) {
  return fmt::format("f is not defined at the point ({})", point);
}
std::string plot_wrt_unknown(std::string_view name, std::string_view plotted) {
  return fmt::format(
      "--wrt names '{}'; the partial derivatives drawn are of the plotted variables "
      "({}), one or two of them",
      name, plotted);
}
std::string plot_section_label(std::string_view fixed, std::string_view value) {
  return fmt::format("section {} = {}", fixed, value);
}
std::string plot_point_label(std::string_view point, std::string_view f) {
  return fmt::format("point ({}), f = {}", point, f);
}
std::string plot_partial_title(std::string_view var, std::string_view derivative) {
  return fmt::format("∂f/∂{} = {}", var, derivative);
}
std::string plot_partial_label(std::string_view var, std::string_view point,
                               std::string_view value) {
  return fmt::format("∂f/∂{} = {} at ({})", var, value, point);
}
std::string plot_constant_partial(std::string_view var, std::string_view value) {
  return fmt::format("∂f/∂{} is the constant {}: a flat plane", var, value);
}
std::string lesson_not_a_folder(std::string_view path) {
  return fmt::format("'{}' exists and is not a folder", path);
}
std::string lesson_folder_not_empty(std::string_view path) {
  return fmt::format(
      "the folder '{}' is not empty: choose a new folder, or add --force to write "
      "into it",
      path);
}
std::string lesson_no_steps() {
  return "the run has no steps to show: give at least one iteration";
}
std::string lesson_surface(std::string_view formula) {
  return fmt::format("the surface f = {}", formula);
}
std::string lesson_sections(std::string_view names, std::string_view point) {
  return fmt::format("two functions of one variable crossed at ({}) = ({})", names, point);
}
std::string lesson_start(std::string_view names, std::string_view point) {
  return fmt::format("the start point ({}) = ({})", names, point);
}
std::string lesson_start_sections(std::string_view names, std::string_view point) {
  return fmt::format("the sections through the start point ({}) = ({})", names, point);
}
std::string lesson_partial(std::string_view var) {
  return fmt::format("the partial derivative ∂f/∂{}", var);
}
std::string lesson_step(std::size_t k, std::string_view names, std::string_view point) {
  return fmt::format("after step {}: ({}) = ({})", k, names, point);
}
std::string lesson_step_outside(std::size_t k, std::string_view names, std::string_view point) {
  return fmt::format("after step {}: ({}) = ({}), outside the frame", k, names, point);
}
std::string lesson_index_title(std::string_view formula) {
  return fmt::format("# The gradient method on f = {}\n\n", formula);
}
std::string lesson_index_run(std::string_view names, std::string_view start,
                             std::string_view method, std::size_t steps) {
  return fmt::format("Method {} from ({}) = ({}), {} steps. The figures share one frame.\n\n",
                     method.empty() ? "gd" : method, names, start, steps);
}
std::string lesson_index_preamble(std::string_view text) {
  return fmt::format("```text\n{}```\n\n", text);
}
std::string lesson_index_figure(std::size_t number, std::string_view heading,
                                std::string_view file) {
  return fmt::format("## {}. {}\n\n![{}]({})\n\n", number, heading, heading, file);
}
std::string lesson_index_arithmetic(std::string_view text) {
  // explain_step's text starts with a blank line before its heading.
  const std::size_t first = text.find_first_not_of('\n');
  return fmt::format("```text\n{}```\n\n",
                     first == std::string_view::npos ? text : text.substr(first));
}
}  // namespace kobai::messages
