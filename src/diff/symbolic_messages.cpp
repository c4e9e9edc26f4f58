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
std::string tangent_too_many_variables(std::size_t n) {
  return fmt::format(
      "a tangent line or plane needs a formula of one or two variables; this one has {}", n);
}
}  // namespace kobai::messages::symbolic
