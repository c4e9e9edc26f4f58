#include "messages_problems.hpp"

#include <fmt/format.h>

namespace kobai::cli::messages {

std::string problem_unknown(std::string_view name) {
  return fmt::format("unknown problem '{}'; 'kobai problems' lists them", name);
}
std::string problem_dimension_needs_name() {
  return "--n and --m need a problem name";
}
std::string problem_title(std::string_view title, int mgh) {
  return mgh > 0 ? fmt::format("{} (Moré-Garbow-Hillstrom {})", title, mgh) : std::string(title);
}
std::string problem_dimensions(std::size_t n, std::size_t m) {
  return m > 0 ? fmt::format("n = {}, m = {} residuals (f is the sum of their squares)", n, m)
               : fmt::format("n = {}", n);
}
std::string problem_formula(std::string_view formula) {
  return fmt::format("f = {}", formula);
}
std::string problem_start(std::string_view point, std::string_view value) {
  return fmt::format("start x0 = {}, f(x0) = {}", point, value);
}
std::string problem_minimum(bool global, std::string_view value, std::string_view point,
                            std::string_view note) {
  std::string s = fmt::format("{} minimum f = {}", global ? "global" : "local", value);
  if (!point.empty()) s += fmt::format(" at {}", point);
  if (!note.empty()) s += fmt::format(" ({})", note);
  return s;
}
std::string problem_note(std::string_view note) {
  return fmt::format("note: {}", note);
}

}  // namespace kobai::cli::messages
