#include "numeric_messages.hpp"

#include <fmt/format.h>

#include <cmath>

namespace kobai::messages::numeric {
std::string bad_step(double h) {
  return fmt::format("the step h must be a positive finite number, got {}", h);
}
std::string complex_needs_complex_function() {
  return "the complex step evaluates f at x + ih, so it needs a function of a complex variable "
         "(complex_step_derivative) or a compiled tape";
}
std::string index_out_of_range(std::size_t i, std::size_t dimension) {
  return fmt::format("variable index {} is out of range for {} variable{}", i, dimension,
                     dimension == 1 ? "" : "s");
}
std::string hessian_too_large(std::size_t dimension, std::size_t limit) {
  return fmt::format("a Hessian of {} variables would hold {} numbers; the limit is {} variables",
                     dimension, dimension * dimension, limit);
}
std::string size_mismatch(std::string_view what, std::size_t got, std::size_t expected) {
  return fmt::format("{} has {} entries, expected {}", what, got, expected);
}
std::string bad_tolerance(std::string_view field, double value) {
  return fmt::format("gradient_check_options.{} must be a finite number ≥ 0, got {}", field, value);
}
std::string difference_not_finite(std::string_view scheme, double h, double value) {
  return fmt::format(
      "the {} difference with step h = {:.6g} is {}: f is finite at the point but not at a point "
      "the step reaches (outside where f is defined, or too large a value); try a smaller step h",
      scheme, h, std::isnan(value) ? "nan" : (value > 0 ? "inf" : "-inf"));
}
}  // namespace kobai::messages::numeric
