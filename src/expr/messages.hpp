#pragma once
// Every message of the expression module that a user reads, in one place, so that a translated
// edition can replace this file without touching the logic.
#include <cstddef>
#include <string>
#include <string_view>

namespace kobai::messages {

std::string where(std::size_t line, std::size_t column);
inline constexpr std::string_view expected_operand = "a number, variable, function or '('";
inline constexpr std::string_view expected_operator = "an operator, ')' or the end of the formula";
inline constexpr std::string_view expected_argument_end = "',' or ')'";

std::string unexpected(std::string_view what, std::string_view where, std::string_view expected);
std::string unexpected_end(std::string_view expected);
std::string empty_formula();
std::string non_ascii(std::string_view character, unsigned codepoint, std::string_view where,
                      std::string_view hint);
std::string unknown_function(std::string_view name, std::string_view where,
                             std::string_view suggestion);
std::string not_a_function(std::string_view name, std::string_view where);
std::string function_needs_parentheses(std::string_view name, std::string_view where);
std::string wrong_argument_count(std::string_view name, int expected, int got,
                                 std::string_view where);
std::string unclosed_parenthesis(std::string_view where);
std::string unmatched_parenthesis(std::string_view where);
std::string comma_outside_call(std::string_view where);
std::string number_overflow(std::string_view number, std::string_view where);
std::string bad_exponent(std::string_view where);
std::string bad_index(std::string_view where);
std::string implicit_product(std::string_view what, std::string_view where);
std::string too_long(std::size_t length, std::size_t limit);
std::string too_deep(std::size_t limit, std::string_view where);

std::string missing_variable(std::string_view name);
std::string nonfinite_result(std::string_view operation, std::string_view result,
                             std::string_view where, std::string_view hint);
std::string domain_hint(std::string_view function);
std::string too_large_to_print(std::size_t limit);

}  // namespace kobai::messages
