#pragma once
// The messages of `kobai problems`, apart from the shared ones so that commands do not collide.
#include <cstddef>
#include <string>
#include <string_view>

namespace kobai::cli::messages {

inline constexpr std::string_view problems_description =
    "List the test problems that know their answer (Moré-Garbow-Hillstrom and 2-D classics),\n"
    "or show one: its formula, standard start and known minima.\n"
    "  example: kobai problems rosenbrock\n"
    "  example: kobai problems extended_rosenbrock --n 20";
inline constexpr std::string_view problem_name_help =
    "a problem name (or mghN for Moré-Garbow-Hillstrom problem N); omit to list all";
inline constexpr std::string_view problem_n_help =
    "number of variables, for problems of variable dimension";
inline constexpr std::string_view problem_m_help =
    "number of residuals, for problems where m can be chosen";
inline constexpr std::string_view problems_header = "name  mgh  n  m  f*  start";
inline constexpr std::string_view problems_json_help =
    "print JSON: every problem (or the one named) with its formula, variables, residuals, start "
    "and known minima";
inline constexpr std::string_view unknown_minimum = "unknown";

std::string problem_unknown(std::string_view name);
std::string problem_dimension_needs_name();
std::string problem_title(std::string_view title, int mgh);
std::string problem_dimensions(std::size_t n, std::size_t m);
std::string problem_formula(std::string_view formula);
std::string problem_start(std::string_view point, std::string_view value);
std::string problem_minimum(bool global, std::string_view value, std::string_view point,
                            std::string_view note);
std::string problem_note(std::string_view note);

}  // namespace kobai::cli::messages
