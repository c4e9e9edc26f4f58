#pragma once
// Every message of the finite-difference and gradient-check code that a user reads.
#include <cstddef>
#include <string>
#include <string_view>

namespace kobai::messages::numeric {
std::string bad_step(double h);
std::string complex_needs_complex_function();
std::string index_out_of_range(std::size_t i, std::size_t dimension);
std::string hessian_too_large(std::size_t dimension, std::size_t limit);
std::string size_mismatch(std::string_view what, std::size_t got, std::size_t expected);
std::string bad_tolerance(std::string_view field, double value);
std::string difference_not_finite(std::string_view scheme, double h, double value);
}  // namespace kobai::messages::numeric
