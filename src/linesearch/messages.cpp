#include "messages.hpp"

#include <fmt/format.h>

namespace kobai::messages {
std::string_view rule_text(rule r) {
  switch (r) {
    case rule::at_least_one:
      return "must be at least 1";
    case rule::in_open_unit:
      return "must be in (0, 1)";
    case rule::in_open_half:
      return "must be in (0, 0.5)";
    case rule::up_to_shrink_max:
      return "must be in (0, shrink_max]";
    case rule::below_one:
      return "must be below 1";
    case rule::above_one:
      return "must exceed 1";
    case rule::positive:
      return "must be positive";
    case rule::not_negative:
      return "must not be negative";
    case rule::exceeds_min_step:
      return "must exceed min_step";
    case rule::from_c1_below_one:
      return "must be in [c1, 1)";
    case rule::from_delta_below_one:
      return "must be in [delta, 1)";
  }
  return {};
}
std::string bad_option(std::string_view search, std::string_view field, double value, rule r) {
  return fmt::format("{}.{} = {}: {}", search, field, value, rule_text(r));
}
std::string bad_constant(std::string_view search, std::string_view field, double value, rule r) {
  return fmt::format("{}.{} (--set ls.{}) = {}: {}", search, field, field, value, rule_text(r));
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
  return fmt::format("no acceptable step after {} evaluations", n);
}
std::string step_too_small(double min_step) {
  return fmt::format(
      "the step shrank below {} without sufficient decrease (or with f not finite at every longer "
      "step)",
      min_step);
}
std::string no_measurable_decrease(double alpha) {
  return fmt::format(
      "f rose at every longer step and stopped rising at α = {:.3g} only because its change fell "
      "below the rounding of f: no step decreased f",
      alpha);
}
std::string step_too_large(double max_step) {
  return fmt::format(
      "the step reached its upper bound {} and the function still decreases; it "
      "may be unbounded below along this direction",
      max_step);
}
std::string interval_too_small(double lo, double hi) {
  return fmt::format(
      "the interval of uncertainty [{:.6g}, {:.6g}] shrank to rounding level before the "
      "conditions held",
      lo, hi);
}
std::string rounding_prevents_progress(double lo, double hi) {
  return fmt::format(
      "rounding errors left no new step to try inside the interval of uncertainty [{:.6g}, "
      "{:.6g}]: the values of φ there differ by less than f can show",
      lo, hi);
}
}  // namespace kobai::messages
