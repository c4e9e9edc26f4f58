#pragma once
// Why a minimization stopped. An ordinary outcome, never an exception.
#include <optional>
#include <string_view>

namespace kobai {

/// Why minimize() stopped.
enum class status {
  converged_gradient,  ///< ‖∇f‖∞ ≤ max(gtol, gtol_relative·‖∇f(x₀)‖∞)
  converged_value,     ///< |f_k − f_{k−1}| ≤ ftol·max(|f_k|, |f_{k−1}|, 1)
  converged_step,      ///< ‖x_k − x_{k−1}‖₂ ≤ xtol·(‖x_k‖₂ + xtol)
  max_iterations,      ///< the iteration limit was reached while progress was still being made
  diverged,            ///< f or x became non-finite, or f grew by orders of magnitude
  stalled,             ///< many iterations with (almost) no decrease while ‖∇f‖ is above gtol
  stopped,             ///< an observer asked to stop
  time_limit,          ///< the wall-time limit was reached
  line_search_failed,  ///< a line search found no acceptable step (line-search methods)
  gradient_check_failed,  ///< a user gradient disagrees with finite differences
  trust_region_failed,    ///< the trust region shrank until its step no longer moved x (newton)
  unbounded,              ///< f fell by 1e20·(|f₀| + 1), or a search's largest step still fell
};

/// "converged_gradient", "max_iterations", ...
std::string_view to_string(status s) noexcept;
/// The status named `text` (as to_string writes it), or nothing.
std::optional<status> status_from_string(std::string_view text) noexcept;
/// True for the three converged_* statuses: the result is a point where a stopping test held.
bool converged(status s) noexcept;

}  // namespace kobai
