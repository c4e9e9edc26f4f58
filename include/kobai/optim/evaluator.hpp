#pragma once
// What a search policy works with (minimize.hpp, optim/detail/search_policies.hpp): the iterate
// it moves, the outcome of its step, and the objective behind an evaluator that counts every call
// and records line-search trial points in the trace apart from the iterates.
#include <Eigen/Core>
#include <cstddef>
#include <optional>
#include <string>

#include "kobai/ad/messages.hpp"
#include "kobai/error.hpp"
#include "kobai/optim/detail/update_policies.hpp"
#include "kobai/optim/objective.hpp"
#include "kobai/optim/status.hpp"
#include "kobai/trace.hpp"

namespace kobai {

/// How many times the objective was called.
struct evaluation_counts {
  std::size_t value = 0;     ///< values, including those inside numerical gradients
  std::size_t gradient = 0;  ///< gradients (each value_and_gradient call counts one of each)
  std::size_t hessian = 0;   ///< exact Hessians (Newton); difference Hessians count gradients
};

/// The iterate a search policy moves.
struct iterate {
  Eigen::VectorXd& x;
  double& f;
  Eigen::VectorXd& gradient;
};

/// What a search policy's step did (it receives the iterate by value; the references inside
/// point at the engine's x, f and ∇f).
struct step_outcome {
  step_info info;
  std::optional<kobai::status> stop;  ///< set to end the run (e.g. line_search_failed)
  std::string message;                ///< why, when stop is set
};

/// What a search policy measured of the accepted point in passes it made anyway, offered through
/// `const point_measures& measured() const` so that the engine need not pass over x and ∇f again.
struct point_measures {
  std::optional<double> gradient_norm;  ///< ‖∇f‖∞, NaN when an element is NaN; none: not measured
  bool x_finite = false;                ///< true: every x_i is finite; false: not known
};

/// The objective as a search policy sees it: counts evaluations and records trial points.
template <class F>
class evaluator {
 public:
  evaluator(F& f, evaluation_counts& counts, kobai::trace* trace)
      : f_(f), counts_(counts), trace_(trace) {}
  double value(const Eigen::VectorXd& x) {
    ++counts_.value;
    return f_.value(x);
  }
  double value_and_gradient(const Eigen::VectorXd& x, Eigen::VectorXd& g) {
    ++counts_.value;
    ++counts_.gradient;
    const double fx = f_.value_and_gradient(x, g);
    // A hand-written gradient that resized g (g = 2 * x.head(1)) would leave coordinates unmoved
    // and the engine reading past its end: one comparison per call says so instead.
    if (g.size() != x.size()) [[unlikely]]
      throw usage_error(ad_messages::size_mismatch(g.size(), x.size()));
    return fx;
  }
  /// True when the objective computes ∇²f(x) itself (an objective_ref is asked at run time).
  bool has_hessian() const {
    if constexpr (requires { f_.has_hessian(); }) {
      return f_.has_hessian();
    } else {
      return twice_differentiable_objective<F>;
    }
  }
  /// ∇²f(x) into H (already n×n); only when has_hessian().
  void hessian(const Eigen::VectorXd& x,
               Eigen::MatrixXd& H) requires twice_differentiable_objective<F> {
    ++counts_.hessian;
    f_.hessian(x, H);
  }
  /// Records a line-search trial point in the trace (when one is being recorded).
  void record_trial(std::size_t k, double alpha, double f, double slope) {
    if (trace_) trace_->trials.push_back({.k = k, .alpha = alpha, .f = f, .slope = slope});
  }

 private:
  F& f_;
  evaluation_counts& counts_;
  kobai::trace* trace_;
};

}  // namespace kobai
