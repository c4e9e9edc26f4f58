#include "messages_diff.hpp"

#include <fmt/format.h>

namespace kobai::cli::messages::diff {

std::string unknown_method(std::string_view name) {
  return fmt::format(
      "unknown method '{}'; choose symbolic, ad, forward, backward, central, five-point, "
      "richardson or complex",
      name);
}
std::string method_needs_point(std::string_view method) {
  return fmt::format("--method {} computes a value: give the point with --at", method);
}
std::string method_first_order_only(std::string_view method) {
  return fmt::format("--method {} gives first derivatives only; use --method symbolic for --order",
                     method);
}
std::string h_needs_difference() {
  return "--h is the step of a finite difference: use it with --method forward, backward, "
         "central, five-point, richardson or complex, or with --compare";
}
std::string h_not_positive() {
  return "--h must be a positive finite number";
}
std::string exclusive(std::string_view a, std::string_view b) {
  return fmt::format("{} and {} cannot be used together", a, b);
}
std::string mode_first_order_only(std::string_view mode) {
  return fmt::format("{} shows first derivatives only (--order 1)", mode);
}
std::string mode_symbolic_only(std::string_view mode) {
  return fmt::format("{} is a symbolic derivation: it cannot be combined with --method", mode);
}
std::string compare_needs_point() {
  return "--compare needs the point: give it with --at, e.g. --at x=5";
}
std::string compare_one_variable(std::size_t n) {
  return fmt::format(
      "--compare compares derivatives by one variable; choose one of the {} with --wrt", n);
}
std::string bad_variable_name(std::string_view name) {
  return fmt::format("'{}' is not a variable name", name);
}
std::string too_many_partials(std::size_t n, std::size_t limit) {
  return fmt::format("that is {} partial derivatives; at most {} are printed", n, limit);
}
std::string order_negative(int order) {
  return fmt::format("--order must be 0 or more, not {}", order);
}

std::string kink_convention() {
  return "note: the derivative formula is 0/0 at this point, a kink of abs, relu, min or max; the "
         "value is kobai's one-sided convention there (abs'(0) = 0, relu'(0) = 0, min and max "
         "follow their first argument on a tie), as the tape computes it";
}
std::string at_point(std::string_view assignments) {
  return fmt::format("at {}:", assignments);
}
std::string steps_header(bool partial, std::string_view var, std::string_view formula) {
  return fmt::format("{0}/{0}{1} ({2}):", partial ? "∂" : "d", var, formula);
}
std::string held_constant(std::string_view others) {
  return fmt::format("  ({} held constant)", others);
}
std::string steps_line(std::string_view rule, bool partial, std::string_view var,
                       std::string_view part, std::string_view rest) {
  return fmt::format("  {0}: {1}/{1}{2} ({3}) = {4}", rule, partial ? "∂" : "d", var, part, rest);
}
std::string steps_note(std::string_view note) {
  return fmt::format("    note: {}", note);
}
std::string steps_result(bool partial, std::string_view var, std::string_view result) {
  return partial ? fmt::format("∂f/∂{} = {}", var, result)
                 : fmt::format("f'({}) = {}", var, result);
}
std::string limit_line(bool partial, std::string_view var, std::string_view h,
                       std::string_view shifted, std::string_view unshifted) {
  return fmt::format("{} = lim {}→0 ({} - {})/{}",
                     partial ? fmt::format("∂f/∂{}", var) : fmt::format("f'({})", var), h, shifted,
                     unshifted, h);
}
std::string limit_stage(std::string_view h, std::string_view formula) {
  return fmt::format("  = lim {}→0 {}", h, formula);
}
std::string limit_line_latex(bool partial, std::string_view var, std::string_view h,
                             std::string_view shifted, std::string_view unshifted) {
  return fmt::format("{} = \\lim_{{{} \\to 0}} \\frac{{{} - {}}}{{{}}}",
                     partial ? fmt::format("\\frac{{\\partial f}}{{\\partial {}}}", var)
                             : fmt::format("f'({})", var),
                     h, shifted, unshifted, h);
}
std::string limit_stage_latex(std::string_view h, std::string_view formula) {
  return fmt::format("  = \\lim_{{{} \\to 0}} {}", h, formula);
}
std::string limit_result(std::string_view formula) {
  return fmt::format("  = {}", formula);
}

}  // namespace kobai::cli::messages::diff
