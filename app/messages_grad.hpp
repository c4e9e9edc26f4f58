#pragma once
// Every message of `kobai grad` and `kobai hessian` that a user reads.
#include <string>
#include <string_view>

namespace kobai::cli::messages {

inline constexpr std::string_view grad_description =
    "Print the exact gradient of a formula at a point (reverse mode on the compiled tape).\n"
    "  example: kobai grad \"4x^2 + 4x*y + 2y^2 + 5\" --at x=1,y=2";
inline constexpr std::string_view hessian_description =
    "Print the exact Hessian matrix of a formula at a point (forward-over-reverse mode).\n"
    "  example: kobai hessian \"4x^2 + 4x*y + 2y^2 + 5\" --at x=1,y=2";

/// "∂f/∂x"
std::string partial_name(std::string_view variable);
/// "∂f/∂x = 16"
std::string grad_line(std::string_view variable, std::string_view value);
/// "∂f/∂x is inf at this point: the formula has no finite derivative there"
std::string derivative_not_finite(std::string_view which, std::string_view value);
/// What grad and hessian print for a formula with no variables, instead of nothing.
inline constexpr std::string_view no_variables_gradient =
    "the formula has no variables: f is a constant and its gradient is empty";
inline constexpr std::string_view no_variables_hessian =
    "the formula has no variables: f is a constant and its Hessian is empty";
/// "∂²f/∂x∂y"
std::string second_partial_name(std::string_view a, std::string_view b);

}  // namespace kobai::cli::messages
