#include "messages.hpp"

#include <fmt/format.h>

namespace kobai::problems::messages {
std::string unknown_problem(std::string_view name) {
  return fmt::format("unknown problem '{}' (kobai problems lists them)", name);
}
std::string fixed_dimension(std::string_view name, std::size_t n, std::size_t m) {
  return fmt::format("problem '{}' has fixed dimensions n = {}, m = {}", name, n, m);
}
std::string bad_dimension(std::string_view name, std::string_view why) {
  return fmt::format("problem '{}': {}", name, why);
}
std::string m_is_fixed(std::string_view name, std::size_t m, std::size_t n) {
  return fmt::format("problem '{}' has m = {} residuals for n = {}; m cannot be chosen", name, m,
                     n);
}
std::string n_at_least(std::size_t k) {
  return fmt::format("n must be at least {}", k);
}
std::string n_multiple_of(std::size_t k) {
  return fmt::format("n must be a positive multiple of {}", k);
}
std::string n_between(std::size_t lo, std::size_t hi) {
  return fmt::format("n must be between {} and {}", lo, hi);
}
std::string m_at_least_n(std::size_t m, std::size_t n) {
  return fmt::format("m = {} must be at least n = {}", m, n);
}
std::string n_is_fixed(std::size_t n) {
  return fmt::format("n is fixed at {}; only m can be chosen", n);
}
std::string m_between(std::size_t lo, std::size_t hi) {
  return fmt::format("m must be between {} and {}", lo, hi);
}
}  // namespace kobai::problems::messages
