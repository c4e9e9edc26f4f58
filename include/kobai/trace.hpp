#pragma once
// The record of a minimization: one entry per iterate, and line-search trial points kept apart.
// Written by optim/, read by report/ and plot/ (which never include optim/).
#include <Eigen/Core>
#include <cstddef>
#include <string>
#include <utility>
#include <vector>

namespace kobai {

/// A named vector of method state at one iteration (momentum's velocity, Adam's moments).
struct state_vector {
  std::string name;
  Eigen::VectorXd value;
};

/// One iterate. k = 0 is the start point.
struct iteration_record {
  std::size_t k = 0;
  Eigen::VectorXd x;
  double f = 0;
  Eigen::VectorXd gradient;  ///< ∇f(x); empty when the method did not compute it
  double gradient_norm = 0;  ///< ‖∇f(x)‖∞
  double step_length = 0;    ///< ‖x_k − x_{k−1}‖₂, 0 at k = 0
  double learning_rate = 0;  ///< the rate or step size used to reach this iterate (0 at k = 0)
  std::vector<state_vector> state;
};

/// A point a line search evaluated while looking for the next iterate.
struct trial_point {
  std::size_t k = 0;  ///< the iteration the search belongs to (it moves from x_k)
  double alpha = 0;   ///< step along the search direction
  double f = 0;       ///< φ(α) = f(x_k + α d)
  double slope = 0;   ///< φ'(α) = ∇f(x_k + α d)ᵀ d (NaN when not computed)
};

struct trace {
  std::string formula;                 ///< the formula text, empty for C++ objectives
  std::vector<std::string> variables;  ///< names of the coordinates of x
  std::string method;                  ///< e.g. "gd", "adam"
  /// Every effective option of the method as (name, value text), in a fixed order.
  std::vector<std::pair<std::string, std::string>> options;
  std::vector<iteration_record> iterations;
  std::vector<trial_point> trials;
};

}  // namespace kobai
