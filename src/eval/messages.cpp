#include "messages.hpp"

#include <fmt/format.h>

namespace kobai::messages {
std::string duplicate_variable(std::string_view name) {
  return fmt::format("variable '{}' is listed twice", name);
}
std::string unlisted_variable(std::string_view name) {
  return fmt::format("the formula uses variable '{}', which is not in the variable list", name);
}
std::string dimension_mismatch(std::size_t got, std::size_t expected) {
  return fmt::format("got {} value{} for {} variable{}", got, got == 1 ? "" : "s", expected,
                     expected == 1 ? "" : "s");
}
std::string not_analytic(std::string_view operation) {
  return fmt::format(
      "the complex step needs a formula that is analytic, and {} is not (it has a kink); use "
      "central or richardson instead",
      operation);
}
std::string hessian_too_large(std::size_t dimension, std::size_t limit) {
  return fmt::format("a Hessian of {} variables would hold {} numbers; the limit is {} variables",
                     dimension, dimension * dimension, limit);
}
}  // namespace kobai::messages
