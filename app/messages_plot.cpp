#include <fmt/format.h>

#include "messages_plot.hpp"

namespace kobai::cli::messages {

std::string lesson_bad_format(std::string_view format) {
  return fmt::format("--format '{}' is not png, svg or pdf", format);
}
std::string lesson_bad_digits(int digits) {
  return fmt::format("--digits must be 1 to 17, got {}", digits);
}
std::string lesson_needs_two_variables(std::size_t count) {
  return fmt::format(
      "kobai lesson teaches a function of two variables, but the formula has {}; for one "
      "variable draw the kinds curve or steps (kobai plot --kind curve|steps)",
      count);
}
std::string lesson_needs_trace() {
  return "kind 'lesson' draws a descent run: give --trace FILE (from kobai minimize --trace), or "
         "use kobai lesson";
}
std::string lesson_partial_line(std::string_view var, std::string_view derivative) {
  return fmt::format("∂f/∂{} = {}\n", var, derivative);
}
std::string compare_bad_methods(std::string_view text) {
  return fmt::format(
      "--methods '{}' is not a list like gd:rate=0.95,momentum:rate=0.1,adam:rate=0.3", text);
}
std::string compare_unknown_option(std::string_view key, std::string_view spec,
                                   std::string_view options) {
  return fmt::format("'{}' is not an option of '{}' (its options: {})", key, spec, options);
}
std::string compare_globalization_contradicts(std::string_view value, std::string_view method) {
  return fmt::format(
      "globalization={} contradicts {}, which chooses its own; write newton:globalization={}, or "
      "{} alone",
      value, method, value, method);
}
std::string compare_bad_value(std::string_view key, std::string_view spec) {
  return fmt::format("the value of '{}' in '{}' is not valid", key, spec);
}
std::string compare_needs_two_variables(std::size_t count, std::string_view variables) {
  return fmt::format(
      "kind 'compare' draws a function of two or more variables, but the formula has {} ({}); "
      "use --kind convergence",
      count, variables);
}
std::string plot_bad_tangent(std::string_view text) {
  return fmt::format("--tangent-at '{}' is not a list of numbers", text);
}
std::string compare_bad_kind(std::string_view kind) {
  return fmt::format("kobai compare draws kind compare or convergence, not '{}'", kind);
}
std::string plot_option_without_plot(std::string_view option) {
  return fmt::format("{} shapes the picture of --plot FILE, which was not given", option);
}
std::string compare_line(std::string_view method, std::size_t iterations, std::string_view f,
                         std::string_view status) {
  return fmt::format("{}: f = {} after {} iteration{} ({})\n", method, f, iterations,
                     iterations == 1 ? "" : "s", status);
}
std::string plot_cannot_read_trace(std::string_view path) {
  return fmt::format("cannot read trace '{}'", path);
}
std::string plot_bad_trace_line(std::string_view path, std::size_t line) {
  return fmt::format("'{}' line {} is not a kobai trace record", path, line);
}
std::string plot_not_a_trace(std::string_view path) {
  return fmt::format("'{}' is not a kobai trace (no header or no iterations)", path);
}
std::string plot_trace_other_variables(std::string_view path, std::string_view trace_variables,
                                       std::string_view variables) {
  return fmt::format(
      "trace '{}' was recorded over the variables ({}), but the plot's are, in order, ({}); draw "
      "it over the formula it was recorded from",
      path, trace_variables, variables);
}
std::string plot_trace_other_formula(std::string_view path, std::string_view trace_formula,
                                     std::string_view formula) {
  return fmt::format(
      "note: trace '{}' was recorded from f = {}, not f = {}; its path is drawn over the formula "
      "given\n",
      path, trace_formula, formula);
}
std::string plot_unknown_kind(std::string_view kind, std::string_view kinds) {
  return fmt::format("unknown kind '{}'; the kinds are {}", kind, kinds);
}
std::string plot_bad_size(std::string_view text) {
  return fmt::format("--size '{}' is not WIDTHxHEIGHT, e.g. 800x600", text);
}
std::string plot_bad_range(std::string_view text) {
  return fmt::format("--range '{}' is not like x=-3:3,y=-2:2 (each range lo:hi with lo < hi)",
                     text);
}
std::string plot_bad_view(std::string_view text) {
  return fmt::format("--view '{}' is not elevation,azimuth in degrees, e.g. 30,-60", text);
}
std::string plot_bad_surface(std::string_view text) {
  return fmt::format("--surface '{}' is not none, wire or shaded", text);
}
std::string plot_wrote(std::string_view path, std::size_t frames) {
  if (frames > 1) return fmt::format("wrote {} ({} frames)\n", path, frames);
  return fmt::format("wrote {}\n", path);
}
std::string lesson_run_stopped(std::string_view status, std::size_t steps, std::size_t asked,
                               std::string_view why) {
  return fmt::format(
      "the run stopped after {} of {} steps with status {}, so the figures end there: {}", steps,
      asked, status, why);
}
std::string plot_note(std::string_view caption) {
  return fmt::format("note: {}\n", caption);
}

}  // namespace kobai::cli::messages
