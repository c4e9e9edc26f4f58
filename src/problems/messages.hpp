#pragma once
// Every message of the problems module that a user reads, in one place.
#include <cstddef>
#include <string>
#include <string_view>

namespace kobai::problems::messages {
std::string unknown_problem(std::string_view name);
std::string fixed_dimension(std::string_view name, std::size_t n, std::size_t m);
std::string bad_dimension(std::string_view name, std::string_view why);
std::string m_is_fixed(std::string_view name, std::size_t m, std::size_t n);
std::string n_at_least(std::size_t k);
std::string n_multiple_of(std::size_t k);
std::string n_between(std::size_t lo, std::size_t hi);
std::string m_at_least_n(std::size_t m, std::size_t n);
std::string n_is_fixed(std::size_t n);
std::string m_between(std::size_t lo, std::size_t hi);
}  // namespace kobai::problems::messages
