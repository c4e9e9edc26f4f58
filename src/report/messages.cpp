#include "messages.hpp"

#include <fmt/format.h>

namespace kobai::report_messages {

std::string status_line(std::string_view summary) {
  return fmt::format("status: {}\n", summary);
}
std::string note_line(std::string_view note) {
  return fmt::format("note: {}\n", note);
}

std::string partial(std::string_view var, std::string_view derivative) {
  return fmt::format("∂f/∂{} = {}\n", var, derivative);
}
std::string step_heading(std::size_t k, std::string_view names, std::string_view point) {
  return fmt::format("\nstep {} from ({}) = ({}):\n", k, names, point);
}
std::string partial_value(std::string_view var, std::string_view derivative,
                          std::string_view value) {
  if (derivative.empty()) return fmt::format("  ∂f/∂{} = {}\n", var, value);
  return fmt::format("  ∂f/∂{} = {} = {}\n", var, derivative, value);
}
std::string new_point(std::string_view names, std::string_view point, std::string_view f) {
  return fmt::format("  new point ({}) = ({}), f = {}\n", names, point, f);
}
std::string rest(std::size_t first, std::size_t last, std::string_view f_first,
                 std::string_view f_last, std::string_view point) {
  if (first == last)
    return fmt::format("\nstep {}: the same update; f = {} at ({})\n", first, f_last, point);
  return fmt::format("\nsteps {}–{}: the same update; f goes from {} to {}, ending at ({})\n",
                     first, last, f_first, f_last, point);
}
std::string no_such_step(std::size_t k, std::size_t iterates) {
  return fmt::format("there is no step {}: the run has steps 1 to {}", k,
                     iterates > 0 ? iterates - 1 : 0);
}
std::string nothing_to_explain() {
  return "no steps were taken\n";
}
std::string assign(std::string_view lhs, std::string_view formula, std::string_view arithmetic,
                   std::string_view value) {
  // b_x = ∂f/∂x = −4, not b_x = ∂f/∂x = −4 = −4: arithmetic that is already the value is said once.
  if (arithmetic == value) return fmt::format("  {} = {} = {}\n", lhs, formula, value);
  return fmt::format("  {} = {} = {} = {}\n", lhs, formula, arithmetic, value);
}
std::string adam_rate(std::size_t t, std::string_view arithmetic, std::string_view value) {
  return fmt::format("  t = {}, α_t = α √(1 − β₂ᵗ) / (1 − β₁ᵗ) = {} = {}\n", t, arithmetic, value);
}
std::string first_momentum_step() {
  return "  (first step: b = ∂f)\n";
}

}  // namespace kobai::report_messages
