#include "symbolic_messages.hpp"

#include <fmt/format.h>

namespace kobai::messages::symbolic {
std::string negative_order(int order) {
  return fmt::format("the order of a derivative must be 0 or more, not {}", order);
}
std::string hessian_too_large(std::size_t n, std::size_t limit) {
  return fmt::format(
      "a Hessian of {} variables has {} entries; the symbolic Hessian is limited to {} variables",
      n, n * n, limit);
}
std::string definition_polynomials_only(std::string_view offending) {
  return fmt::format(
      "the definition mode covers polynomials only (sums and products of numbers and variables, "
      "whole powers, division by numbers); '{}' is not one. Use the rules instead (drop "
      "--definition)",
      offending);
}
std::string steps_too_many(std::size_t limit) {
  return fmt::format("the derivation would take more than {} steps; too long to show", limit);
}
std::string tangent_needs_variables() {
  return "the formula has no variables: its graph is a horizontal line with no tangent to compute";
}
std::string tangent_point_size(std::size_t got, std::size_t expected) {
  return fmt::format("the point has {} coordinate{} but the formula has {} variable{}", got,
                     got == 1 ? "" : "s", expected, expected == 1 ? "" : "s");
}
std::string slope_not_finite(std::string_view value) {
  return fmt::format("a slope at the point is {}: the formula is not differentiable there", value);
}
std::string h_needs_scheme() {
  return "a step h is for finite differences: give a difference method as well";
}
}  // namespace kobai::messages::symbolic

namespace kobai::messages::symbolic {
std::string rule_function(std::string_view name) {
  return fmt::format("derivative of {}", name);
}
std::string rule_chain(std::string_view name) {
  return fmt::format("chain rule ({})", name);
}
}  // namespace kobai::messages::symbolic
