#pragma once
// Points given on the command line: "x=3,y=4" by name or "3,4" in variable order. Each value may
// be a constant formula ("pi/2", "1e-3", "-2").
#include <string>
#include <string_view>
#include <vector>

#include "kobai/expr/parse.hpp"

namespace kobai::cli {

/// The variable order: `vars_option` ("y,x") when given (it must name exactly the formula's
/// variables), otherwise the formula's variables in natural order.
std::vector<std::string> variable_order(const std::vector<std::string>& formula_variables,
                                        std::string_view vars_option);

/// Reads a point for `variables`. Throws usage_error naming what is missing, unknown or not a
/// number.
std::vector<double> parse_point(std::string_view text, const std::vector<std::string>& variables);

/// Splits on commas that are not inside parentheses.
std::vector<std::string> split_top_level(std::string_view text);

/// "x, y"
std::string join(const std::vector<std::string>& names, std::string_view separator = ", ");

}  // namespace kobai::cli
