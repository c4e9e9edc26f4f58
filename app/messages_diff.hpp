#pragma once
// Every message of the diff and tangent commands that a user reads, in one place (see
// messages.hpp).
#include <cstddef>
#include <string>
#include <string_view>

namespace kobai::cli::messages::diff {

inline constexpr std::string_view diff_description =
    "Differentiate a formula: the simplified derivative by the rules, step by step (--steps), from "
    "the limit definition (--definition), or its value by reverse mode or finite differences.\n"
    "  example: kobai diff \"4x^2 + 4x*y + 2y^2 + 5\"\n"
    "  example: kobai diff \"x^2\" --definition\n"
    "  example: kobai diff \"0.01x^2 + 0.1x\" --at x=5 --compare";
inline constexpr std::string_view tangent_description =
    "The tangent line (one variable) or plane (two) of a formula at a point.\n"
    "  example: kobai tangent \"x^2\" --at x=3                          # y = 6*x - 9\n"
    "  example: kobai tangent \"0.01x^2 + 0.1x\" --at x=5 --method central --h 1e-4";
inline constexpr std::string_view wrt_help =
    "the variables to differentiate by, e.g. x,y (default: every variable of the formula; one the "
    "formula lacks gives 0)";
inline constexpr std::string_view order_help =
    "the order of the derivative (default 1); with several variables every partial of that order, "
    "mixed ones included";
inline constexpr std::string_view diff_at_help =
    "also evaluate the derivative at this point: x=3,y=4 by name or 3,4 in variable order";
inline constexpr std::string_view steps_help =
    "show the derivation rule by rule (sum, constant multiple, power, product, quotient, chain)";
inline constexpr std::string_view definition_help =
    "derive from the limit definition (f(x+h) - f(x))/h, h -> 0 (polynomials)";
inline constexpr std::string_view method_help =
    "symbolic (default), ad (reverse mode on the tape), or a finite difference: forward, backward, "
    "central, five-point, richardson, complex; all but symbolic need --at";
inline constexpr std::string_view h_help =
    "the finite-difference step (default: the optimal order for the scheme, scaled by max(|x|, 1))";
inline constexpr std::string_view compare_help =
    "compare every finite-difference scheme with the exact derivative at --at (one variable)";
inline constexpr std::string_view tangent_at_help = "the point of tangency: x=3, or x=-2,y=2";
inline constexpr std::string_view tangent_method_help =
    "how to get the slopes: symbolic (default, exact), ad, or a finite difference (forward, "
    "backward, central, five-point, richardson, complex) as the book does";

std::string unknown_method(std::string_view name);
std::string method_needs_point(std::string_view method);
std::string method_first_order_only(std::string_view method);
std::string h_needs_difference();
std::string h_not_positive();
std::string exclusive(std::string_view a, std::string_view b);
std::string mode_first_order_only(std::string_view mode);
std::string mode_symbolic_only(std::string_view mode);
std::string compare_needs_point();
std::string compare_one_variable(std::size_t n);
std::string bad_variable_name(std::string_view name);
std::string too_many_partials(std::size_t n, std::size_t limit);
std::string order_negative(int order);

// output
std::string at_point(std::string_view assignments);
std::string kink_convention();
std::string steps_header(bool partial, std::string_view var, std::string_view formula);
std::string held_constant(std::string_view others);
std::string steps_line(std::string_view rule, bool partial, std::string_view var,
                       std::string_view part, std::string_view rest);
std::string steps_note(std::string_view note);
std::string steps_result(bool partial, std::string_view var, std::string_view result);
std::string limit_line(bool partial, std::string_view var, std::string_view h,
                       std::string_view shifted, std::string_view unshifted);
std::string limit_stage(std::string_view h, std::string_view formula);
// The same lines as LaTeX, for --latex: \lim_{h \to 0} and \frac.
std::string limit_line_latex(bool partial, std::string_view var, std::string_view h,
                             std::string_view shifted, std::string_view unshifted);
std::string limit_stage_latex(std::string_view h, std::string_view formula);
std::string limit_result(std::string_view formula);
inline constexpr std::string_view compare_headers[] = {"method", "h", "value", "error",
                                                       "estimated error"};
inline constexpr std::string_view exact_row = "exact (ad)";
inline constexpr std::string_view not_available = "-";

}  // namespace kobai::cli::messages::diff
