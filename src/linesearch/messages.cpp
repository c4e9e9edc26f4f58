#include "messages.hpp"

#include <fmt/format.h>

namespace kobai::messages {
std::string bad_option(std::string_view search, std::string_view field, double value,
                       std::string_view rule) {
  return fmt::format("{}.{} = {}: {}", search, field, value, rule);
}
std::string not_descent(double slope) {
  return fmt::format(
      "the search direction does not go downhill: phi'(0) = {} is not negative. The gradient is "
      "the likely cause; check it against finite differences",
      slope);
}
std::string nonfinite_start(double value, double slope) {
  return fmt::format("the line search cannot start: phi(0) = {}, phi'(0) = {}", value, slope);
}
std::string max_evaluations(std::size_t n) {
  return fmt::format(
      "no acceptable step after {} evaluations; if this repeats, the gradient may disagree with "
      "the function (check it against finite differences)",
      n);
}
std::string step_too_small(double min_step) {
  return fmt::format(
      "the step shrank below {} without sufficient decrease; the gradient is the likely cause "
      "(check it against finite differences), or the function is not finite along the direction",
      min_step);
}
std::string step_too_large(double max_step) {
  return fmt::format(
      "the step reached its upper bound {} and the function still decreases; it "
      "may be unbounded below along this direction",
      max_step);
}
std::string interval_too_small(double lo, double hi) {
  return fmt::format(
      "the interval of uncertainty [{}, {}] shrank to rounding level before the conditions held; "
      "this usually means the gradient disagrees with the function, or the start is already a "
      "minimum to machine precision",
      lo, hi);
}
}  // namespace kobai::messages
