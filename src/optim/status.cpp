#include "kobai/optim/status.hpp"

#include <array>
#include <utility>

namespace kobai {
namespace {
constexpr std::array<std::pair<status, std::string_view>, 12> names = {{
    {status::converged_gradient, "converged_gradient"},
    {status::converged_value, "converged_value"},
    {status::converged_step, "converged_step"},
    {status::max_iterations, "max_iterations"},
    {status::diverged, "diverged"},
    {status::stalled, "stalled"},
    {status::stopped, "stopped"},
    {status::time_limit, "time_limit"},
    {status::line_search_failed, "line_search_failed"},
    {status::gradient_check_failed, "gradient_check_failed"},
    {status::trust_region_failed, "trust_region_failed"},
    {status::unbounded, "unbounded"},
}};
}  // namespace

std::string_view to_string(status s) noexcept {
  for (const auto& [value, name] : names)
    if (value == s) return name;
  return "unknown";
}

std::optional<status> status_from_string(std::string_view text) noexcept {
  for (const auto& [value, name] : names)
    if (name == text) return value;
  return std::nullopt;
}

bool converged(status s) noexcept {
  return s == status::converged_gradient || s == status::converged_value ||
         s == status::converged_step;
}

}  // namespace kobai
