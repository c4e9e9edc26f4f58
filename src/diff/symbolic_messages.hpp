#pragma once
// Every message of the symbolic differentiation module that a user reads, in one place.
#include <cstddef>
#include <string>
#include <string_view>

namespace kobai::messages::symbolic {
std::string negative_order(int order);
std::string hessian_too_large(std::size_t n, std::size_t limit);
std::string definition_polynomials_only(std::string_view offending);
std::string steps_too_many(std::size_t limit);
std::string tangent_needs_variables();
std::string tangent_too_many_variables(std::size_t n);
}  // namespace kobai::messages::symbolic
