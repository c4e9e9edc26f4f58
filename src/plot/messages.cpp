#include "messages.hpp"

#include <fmt/format.h>

namespace kobai::messages {
std::string plot_unknown_extension(std::string_view path) {
  return fmt::format("cannot tell the image type of '{}': use a .png, .svg, .pdf or .gif file name",
                     path);
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
std::string plot_clipped_values(double lo, double hi) {
  return fmt::format("values outside [{:.4g}, {:.4g}] are clipped", lo, hi);
}
std::string plot_path_leaves(std::string_view label, std::size_t k) {
  return fmt::format("{}path leaves the plot after iteration {} (diverging)",
                     label.empty() ? std::string() : fmt::format("{}: ", label), k);
}
std::string plot_frame_caption(std::size_t k, std::size_t last, std::string_view f) {
  return fmt::format("iteration {} of {}    f = {}", k, last, f);
}
std::string plot_slice_note(std::string_view fixed) {
  return fmt::format("slice with {}", fixed);
}
std::string plot_tangent_label(std::string_view a, std::string_view equation) {
  return fmt::format("tangent at x = {}: {}", a, equation);
}
std::string plot_step_title(std::size_t k, std::string_view x) {
  return fmt::format("k = {}   x = {}", k, x);
}
}  // namespace kobai::messages
