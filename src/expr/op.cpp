#include "kobai/expr/op.hpp"

#include <array>

namespace kobai {
namespace {
constexpr std::array<std::string_view, op_count> names = {
    "constant", "variable", "pi",   "e",       "neg",      "sin",  "cos", "tan",   "asin",
    "acos",     "atan",     "sinh", "cosh",    "tanh",     "exp",  "log", "log10", "log2",
    "sqrt",     "cbrt",     "abs",  "sigmoid", "softplus", "relu", "erf", "+",     "-",
    "*",        "/",        "^",    "atan2",   "hypot",    "min",  "max"};
}  // namespace

std::string_view op_name(op o) noexcept {
  return names[static_cast<std::size_t>(o)];
}

std::optional<op> function_by_name(std::string_view name) noexcept {
  if (name == "pow") return op::pow;
  for (int i = 0; i < op_count; ++i) {
    const auto o = static_cast<op>(i);
    if (is_function(o) && names[static_cast<std::size_t>(i)] == name) return o;
  }
  return std::nullopt;
}

std::string_view function_names() noexcept {
  return "sin cos tan asin acos atan atan2 sinh cosh tanh exp log log10 log2 sqrt cbrt abs pow "
         "hypot min max sigmoid softplus relu erf";
}

}  // namespace kobai
