#pragma once
// Every message of the evaluation module that a user reads, in one place.
#include <cstddef>
#include <string>
#include <string_view>

namespace kobai::messages {
std::string duplicate_variable(std::string_view name);
std::string unlisted_variable(std::string_view name);
std::string dimension_mismatch(std::size_t got, std::size_t expected);
}  // namespace kobai::messages
