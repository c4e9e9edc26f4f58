#pragma once
// Every message of the evaluation module that a user reads, in one place.
#include <cstddef>
#include <string>
#include <string_view>

namespace kobai::messages {
std::string duplicate_variable(std::string_view name);
std::string unlisted_variable(std::string_view name);
std::string dimension_mismatch(std::size_t got, std::size_t expected);
std::string not_analytic(std::string_view operation);
std::string hessian_too_large(std::size_t dimension, std::size_t limit);
}  // namespace kobai::messages
