#pragma once
// Every message of the command line that a user reads, in one place, so that a translated edition
// (--lang ja) can follow without touching the logic.
#include <cstddef>
#include <string>
#include <string_view>
#include <vector>

namespace kobai::cli::messages {

std::string error_line(std::string_view message);
std::string usage_hint(std::string_view command);
/// "unexpected arguments --method central for 'kobai grad'"
std::string unexpected_arguments(const std::vector<std::string>& arguments,
                                 std::string_view command);
/// After a parse error when an argument such as "-x^2" was probably a formula.
std::string leading_minus_hint(std::string_view formula);
/// An error no check caught: out of memory, or another failure of the library.
std::string out_of_memory();
std::string unexpected_failure(std::string_view what);
/// A count option given a value that is not a whole number in [lo, hi] (-1 is not 2⁶⁴ − 1).
std::string not_a_count(std::string_view text, std::size_t lo, std::size_t hi);
/// lbfgs's memory (--memory, or memory= in a method list) above the largest kobai keeps.
std::string memory_too_large(double got, std::size_t most);

// help text
inline constexpr std::string_view app_description =
    "kobai (勾配): differentiate functions and minimize them by the gradient method";
inline constexpr std::string_view eval_description =
    "Evaluate a formula at a point.\n"
    "  example: kobai eval \"4x^2 + 4x*y + 2y^2 + 5\" --at x=1,y=2";
inline constexpr std::string_view parse_description =
    "Parse a formula and print its canonical form, variables and node count.\n"
    "  example: kobai parse \"x[0]**2 + x[1]**2\" --latex";
inline constexpr std::string_view expr_help = "the formula, e.g. \"x^2 + y^2\"";
inline constexpr std::string_view at_help =
    "the point: x=3,y=4 by name, or 3,4 in variable order (values may be formulas: x=pi/2)";
inline constexpr std::string_view vars_help =
    "variable order for positional values (default: natural order, x2 before x10)";
inline constexpr std::string_view latex_help = "print LaTeX instead of infix";
inline constexpr std::string_view json_help = "print JSON";

// point parsing
std::string point_needs_values(std::size_t count, std::string_view variables);
std::string point_missing(std::string_view name);
std::string point_unknown(std::string_view name, std::string_view variables);
std::string point_repeated(std::string_view name);
std::string point_count(std::size_t got, std::size_t expected, std::string_view variables);
std::string point_not_a_number(std::string_view text);
// A value the formula parser refused, with its reason (1e999 overflows a double).
std::string point_unreadable(std::string_view text, std::string_view reason);
std::string point_mixed();
/// Value `position` (from 1) of the point `text` is empty: "1,,2" or "1,2,".
std::string point_empty_value(std::size_t position, std::string_view text);
std::string vars_mismatch(std::string_view given, std::string_view actual);

// parse command
std::string parse_variables(std::string_view list);
std::string parse_nodes(std::size_t n);
inline constexpr std::string_view none = "(none)";

}  // namespace kobai::cli::messages
