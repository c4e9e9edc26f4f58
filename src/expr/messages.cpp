#include "messages.hpp"

#include <fmt/format.h>

namespace kobai::messages {

std::string where(std::size_t line, std::size_t column) {
  return line == 1 ? fmt::format("column {}", column)
                   : fmt::format("line {}, column {}", line, column);
}
std::string unexpected(std::string_view what, std::string_view at, std::string_view expected) {
  return fmt::format("unexpected {} at {}; expected {}", what, at, expected);
}
std::string unexpected_end(std::string_view expected) {
  return fmt::format("unexpected end of formula; expected {}", expected);
}
std::string empty_formula() {
  return "empty formula; expected a number, variable or function";
}
std::string non_ascii(std::string_view character, unsigned codepoint, std::string_view at,
                      std::string_view hint) {
  return fmt::format("unexpected character '{}' (U+{:04X}) at {}; {}", character, codepoint, at,
                     hint.empty() ? "names use ASCII letters, digits and '_'" : hint);
}
std::string unknown_function(std::string_view name, std::string_view at,
                             std::string_view suggestion) {
  if (suggestion.empty()) return fmt::format("unknown function '{}' at {}", name, at);
  return fmt::format("unknown function '{}' at {}; did you mean '{}'?", name, at, suggestion);
}
std::string not_a_function(std::string_view name, std::string_view at) {
  return fmt::format("'{}' at {} is not a function; write '{}*(' to multiply", name, at, name);
}
std::string function_needs_parentheses(std::string_view name, std::string_view at) {
  return fmt::format("function '{}' at {} needs its argument in parentheses, as in {}(x)", name, at,
                     name);
}
std::string wrong_argument_count(std::string_view name, int expected, int got,
                                 std::string_view at) {
  return fmt::format("function '{}' at {} takes {} argument{}, got {}", name, at, expected,
                     expected == 1 ? "" : "s", got);
}
std::string unclosed_parenthesis(std::string_view at) {
  return fmt::format("unbalanced parentheses: '(' at {} is never closed", at);
}
std::string unmatched_parenthesis(std::string_view at) {
  return fmt::format("unbalanced parentheses: ')' at {} has no matching '('", at);
}
std::string comma_outside_call(std::string_view at) {
  return fmt::format("unexpected ',' at {}; a comma only separates the arguments of a function",
                     at);
}
std::string number_overflow(std::string_view number, std::string_view at) {
  return fmt::format("number {} at {} is too large for a double (largest is about 1.8e308)", number,
                     at);
}
std::string bad_exponent(std::string_view at) {
  return fmt::format("malformed number at {}: expected digits after the exponent 'e'", at);
}
std::string bad_index(std::string_view at) {
  return fmt::format("malformed index at {}: expected a whole number in brackets, as in x[0]", at);
}
std::string implicit_product(std::string_view what, std::string_view at) {
  return fmt::format("unexpected {} at {}; write '*' to multiply", what, at);
}
std::string too_long(std::size_t length, std::size_t limit) {
  return fmt::format("formula of {} bytes is longer than the limit of {} bytes", length, limit);
}
std::string too_deep(std::size_t limit, std::string_view at) {
  return fmt::format("parentheses nested deeper than {} levels at {}", limit, at);
}
std::string missing_variable(std::string_view name) {
  return fmt::format("no value given for variable '{}'", name);
}
std::string nonfinite_result(std::string_view operation, std::string_view result,
                             std::string_view at, std::string_view hint) {
  std::string s = fmt::format("{} is {}", operation, result);
  if (!at.empty()) s += fmt::format(" (at {})", at);
  if (!hint.empty()) s += fmt::format(": {}", hint);
  return s;
}
std::string domain_hint(std::string_view function) {
  if (function == "log" || function == "log10" || function == "log2")
    return fmt::format("{} is defined for positive arguments only", function);
  if (function == "sqrt") return "sqrt is defined for arguments >= 0 only";
  if (function == "asin" || function == "acos")
    return fmt::format("{} is defined on [-1, 1] only", function);
  if (function == "/") return "division by zero";
  if (function == "^") return "a negative base needs a whole-number exponent";
  return "the result overflows a double";
}
std::string too_large_to_print(std::size_t limit) {
  return fmt::format("expression too large to print (more than {} characters written out)", limit);
}

}  // namespace kobai::messages
