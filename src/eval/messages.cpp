#include "messages.hpp"

#include <fmt/format.h>

namespace kobai::messages {
std::string duplicate_variable(std::string_view name) {
  return fmt::format("variable '{}' is listed twice", name);
}
std::string unlisted_variable(std::string_view name) {
  return fmt::format("the formula uses variable '{}', which is not in the variable list", name);
}
std::string dimension_mismatch(std::size_t got, std::size_t expected) {
  return fmt::format("got {} value{} for {} variable{}", got, got == 1 ? "" : "s", expected,
                     expected == 1 ? "" : "s");
}
}  // namespace kobai::messages
