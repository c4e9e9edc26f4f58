#include "messages.hpp"

#include <fmt/format.h>
#include <fmt/ranges.h>

#include <limits>

namespace kobai::cli::messages {

std::string error_line(std::string_view message) {
  return fmt::format("error: {}\n", message);
}
std::string unexpected_arguments(const std::vector<std::string>& arguments,
                                 std::string_view command) {
  return fmt::format("unexpected argument{} {} for 'kobai{}{}'", arguments.size() == 1 ? "" : "s",
                     fmt::join(arguments, " "), command.empty() ? "" : " ", command);
}
std::string usage_hint(std::string_view command) {
  return fmt::format("run 'kobai {}--help' for usage\n",
                     command.empty() ? std::string() : std::string(command) + " ");
}
std::string leading_minus_hint(std::string_view formula) {
  return fmt::format(
      "an argument that starts with '-' is read as an option; if '{0}' is the formula, write it "
      "with a space before the minus (\" {0}\"), or last, after -- (-- \"{0}\")\n",
      formula);
}
std::string out_of_memory() {
  return "out of memory: the run needs more memory than the machine gives it";
}
std::string unexpected_failure(std::string_view what) {
  return fmt::format("unexpected failure: {}", what);
}
std::string not_a_count(std::string_view text, std::size_t lo, std::size_t hi) {
  if (hi == std::numeric_limits<std::size_t>::max())
    return fmt::format("'{}' is not a whole number ≥ {}", text, lo);
  return fmt::format("'{}' is not a whole number from {} to {}", text, lo, hi);
}
std::string memory_too_large(double got, std::size_t most) {
  return fmt::format("lbfgs.memory must be at most {}, got {}", most, got);
}
std::string point_needs_values(std::size_t count, std::string_view variables) {
  return fmt::format("the formula has {} variable{} ({}); give their values with --at", count,
                     count == 1 ? "" : "s", variables);
}
std::string point_missing(std::string_view name) {
  return fmt::format("no value given for variable '{}'", name);
}
std::string point_unknown(std::string_view name, std::string_view variables) {
  return fmt::format("'{}' is not a variable of the formula (its variables: {})", name, variables);
}
std::string point_repeated(std::string_view name) {
  return fmt::format("variable '{}' is given twice", name);
}
std::string point_count(std::size_t got, std::size_t expected, std::string_view variables) {
  if (expected == 0)
    return fmt::format("got {} value{}, but the formula has no variables", got,
                       got == 1 ? "" : "s");
  return fmt::format("got {} value{} for {} variable{} ({})", got, got == 1 ? "" : "s", expected,
                     expected == 1 ? "" : "s", variables);
}
std::string point_not_a_number(std::string_view text) {
  return fmt::format("'{}' is not a number", text);
}
std::string point_unreadable(std::string_view text, std::string_view reason) {
  return fmt::format("cannot read the value '{}': {}", text, reason);
}
std::string point_mixed() {
  return "give either all values by name (x=1,y=2) or all by position (1,2), not a mix";
}
std::string point_empty_value(std::size_t position, std::string_view text) {
  return fmt::format("value {} of '{}' is empty; separate the values by single commas", position,
                     text);
}
std::string vars_mismatch(std::string_view given, std::string_view actual) {
  return fmt::format("--vars lists {} but the formula's variables are {}", given, actual);
}
std::string parse_variables(std::string_view list) {
  return fmt::format("variables: {}", list);
}
std::string parse_nodes(std::size_t n) {
  return fmt::format("nodes: {}", n);
}

}  // namespace kobai::cli::messages
