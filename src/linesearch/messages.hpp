#pragma once
// Every message of the line-search module that a user reads, in one place.
#include <cstddef>
#include <string>
#include <string_view>

namespace kobai::messages {
/// The rules an option of a line search must obey; rule_text() words them.
enum class rule {
  at_least_one,          // max_evaluations
  in_open_unit,          // (0, 1)
  in_open_half,          // (0, 0.5)
  up_to_shrink_max,      // (0, shrink_max]
  below_one,             // < 1
  above_one,             // > 1
  positive,              // > 0
  not_negative,          // ≥ 0
  exceeds_min_step,      // > min_step
  from_c1_below_one,     // [c1, 1)
  from_delta_below_one,  // [delta, 1)
};
std::string_view rule_text(rule r);
std::string bad_option(std::string_view search, std::string_view field, double value, rule r);
/// A line search's constant out of range, named with the command line's --set key as well.
std::string bad_constant(std::string_view search, std::string_view field, double value, rule r);
std::string not_descent(double slope);
std::string nonfinite_start(double value, double slope);
std::string max_evaluations(std::size_t n);
std::string step_too_small(double min_step);
std::string no_measurable_decrease(double alpha);
std::string step_too_large(double max_step);
std::string interval_too_small(double lo, double hi);
std::string rounding_prevents_progress(double lo, double hi);
}  // namespace kobai::messages
