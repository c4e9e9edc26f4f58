#pragma once
// Every message of the line-search module that a user reads, in one place.
#include <cstddef>
#include <string>
#include <string_view>

namespace kobai::messages {
std::string bad_option(std::string_view search, std::string_view field, double value,
                       std::string_view rule);
std::string not_descent(double slope);
std::string nonfinite_start(double value, double slope);
std::string max_evaluations(std::size_t n);
std::string step_too_small(double min_step);
std::string step_too_large(double max_step);
std::string interval_too_small(double lo, double hi);
}  // namespace kobai::messages
