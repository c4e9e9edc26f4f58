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
std::string tangent_point_size(std::size_t got, std::size_t expected);
std::string slope_not_finite(std::string_view value);
std::string h_needs_scheme();
}  // namespace kobai::messages::symbolic

namespace kobai::messages::symbolic {
// names of the rules in a step-by-step derivation
inline constexpr std::string_view rule_sum = "sum rule";
inline constexpr std::string_view rule_difference = "difference rule";
inline constexpr std::string_view rule_constant = "constant";
inline constexpr std::string_view rule_constant_multiple = "constant multiple";
inline constexpr std::string_view rule_product = "product rule";
inline constexpr std::string_view rule_quotient = "quotient rule";
inline constexpr std::string_view rule_power = "power rule";
inline constexpr std::string_view rule_power_chain = "power rule + chain rule";
inline constexpr std::string_view rule_exponential = "exponential rule (c^u)' = c^u*log(c)*u'";
inline constexpr std::string_view rule_general_power =
    "general power rule (u^v)' = u^v*(v'*log(u) + v*u'/u)";
std::string rule_function(std::string_view name);
std::string rule_chain(std::string_view name);
inline constexpr std::string_view note_abs =
    "abs is not differentiable at 0: abs(u)' = u/abs(u)*u' for u != 0; at u = 0 the one-sided "
    "convention abs'(0) = 0 is used (--method ad)";
inline constexpr std::string_view note_relu =
    "relu is not differentiable at 0: relu(u)' = relu(u)/u*u' (1 for u > 0, 0 for u < 0); at u = "
    "0 the convention relu'(0) = 0 is used (--method ad)";
inline constexpr std::string_view note_min =
    "min(a, b) follows a where a < b and b where b < a (relu(t)/t is 1 for t > 0, 0 for t < 0); "
    "on a tie the convention follows the first argument (--method ad)";
inline constexpr std::string_view note_max =
    "max(a, b) follows a where a > b and b where b > a (relu(t)/t is 1 for t > 0, 0 for t < 0); "
    "on a tie the convention follows the first argument (--method ad)";
}  // namespace kobai::messages::symbolic
