#include "messages_grad.hpp"

#include <fmt/format.h>

namespace kobai::cli::messages {

std::string partial_name(std::string_view variable) {
  return fmt::format("∂f/∂{}", variable);
}
std::string grad_line(std::string_view variable, std::string_view value) {
  return fmt::format("{} = {}", partial_name(variable), value);
}
std::string derivative_not_finite(std::string_view which, std::string_view value) {
  return fmt::format("{} is {} at this point: the formula has no finite derivative there", which,
                     value);
}
std::string second_partial_name(std::string_view a, std::string_view b) {
  return a == b ? fmt::format("∂²f/∂{}²", a) : fmt::format("∂²f/∂{}∂{}", a, b);
}

}  // namespace kobai::cli::messages
