#pragma once
// What minimize() needs from a function, as C++20 concepts, and adapters that supply it:
// tape_objective (a compiled formula, exact reverse-mode gradient), central_difference (the
// book's numerical gradient over any value-only objective) and function_objective (two lambdas).
#include <Eigen/Core>
#include <algorithm>
#include <cmath>
#include <concepts>
#include <cstddef>
#include <limits>
#include <optional>
#include <span>
#include <string>
#include <utility>
#include <vector>

#include "kobai/diff/numeric.hpp"
#include "kobai/eval/tape.hpp"
#include "kobai/expr/print.hpp"
#include "kobai/optim/bounds.hpp"

namespace kobai {

/// Offers f(x).
template <class F>
concept value_objective = requires(F& f, const Eigen::VectorXd& x) {
  { f.value(x) } -> std::convertible_to<double>;
};

/// How an objective computes its gradient, as (name, value text) pairs for the trace header and
/// the JSON result's options. An objective may say so with a member describe_gradient().
using gradient_description = std::vector<std::pair<std::string, std::string>>;

/// Offers f(x) and ∇f(x) together; value_and_gradient writes g (already sized to x.size()).
template <class F>
concept differentiable_objective = value_objective<F> &&
    requires(F& f, const Eigen::VectorXd& x, Eigen::VectorXd& g) {
  { f.value_and_gradient(x, g) } -> std::convertible_to<double>;
};

/// Also offers the Hessian: hessian(x, H) writes ∇²f(x) into H (resized by the callee).
/// Newton's method and the divergence diagnosis use it when present.
template <class F>
concept twice_differentiable_objective = differentiable_objective<F> &&
    requires(F& f, const Eigen::VectorXd& x, Eigen::MatrixXd& h) {
  f.hessian(x, h);
};

/// A compiled formula as an objective: x[i] is tape.variables()[i]; the gradient is exact
/// (one reverse sweep).
class tape_objective {
 public:
  explicit tape_objective(tape t) : tape_(std::move(t)) {}
  /// f(x)
  double value(const Eigen::VectorXd& x) const {
    return tape_.value(std::span<const double>(x.data(), static_cast<std::size_t>(x.size())));
  }
  /// f(x), with ∇f(x) written into g
  double value_and_gradient(const Eigen::VectorXd& x, Eigen::VectorXd& g) const {
    return tape_.value_and_gradient(
        std::span<const double>(x.data(), static_cast<std::size_t>(x.size())),
        std::span<double>(g.data(), static_cast<std::size_t>(g.size())));
  }
  /// ∇²f(x), exact (forward-over-reverse on the tape); usage_error above
  /// tape::max_hessian_dimension variables.
  void hessian(const Eigen::VectorXd& x, Eigen::MatrixXd& h) const {
    const auto n = x.size();
    const std::vector<double> flat =
        tape_.hessian(std::span<const double>(x.data(), static_cast<std::size_t>(n)));
    h = Eigen::Map<const Eigen::MatrixXd>(flat.data(), n, n);
  }
  const kobai::tape& compiled() const noexcept { return tape_; }
  gradient_description describe_gradient() const { return {{"gradient", "exact"}}; }
  std::size_t dimension() const noexcept { return tape_.dimension(); }

 private:
  kobai::tape tape_;
};

/// How much precision the numerical gradient lost: the largest relative error of a realised
/// difference step, |((x_i + h) − x_i) − h| / h, and the |x_i| where it happened.
struct step_precision {
  double worst_relative_error = 0;
  double at_magnitude = 0;
};

/// The numerical gradient of ゼロから作るDeep Learning §4.3 (`numerical_gradient`), per
/// coordinate in order: save x_i, f₁ = f(x + h e_i), f₂ = f(x − h e_i), g_i = (f₁ − f₂)/(2h),
/// restore x_i. Truncation error O(h²·f'''), rounding error about ε·|f|/h; once |x_i|·ε
/// approaches h the difference step itself is lost (see precision()).
/// Selects central_difference's step per coordinate and per point (see its constructor).
struct relative_step_t {};
inline constexpr relative_step_t relative_step{};

template <value_objective F>
class central_difference {
 public:
  /// One step h > 0 for every coordinate; the book uses 1e-4.
  explicit central_difference(F f, double h = 1e-4) : f_(std::move(f)), h_(h) {}
  /// The step of coordinate i at each point x: h_i = ε^(1/3)·max(|x_i|, 1), which balances the
  /// truncation error O(h²·f''') with the rounding error ε·|f|/h (Nocedal & Wright, "Numerical
  /// Optimization", 2nd ed., §8.1), whatever the scale of each coordinate.
  central_difference(F f, relative_step_t) : f_(std::move(f)), h_(0), relative_(true) {}
  /// The relative step, with every point of a difference inside `box` (x itself must be): where
  /// x_i + h or x_i − h leaves it, the one-sided three-point difference on the side with room,
  ///   gᵢ ≈ ±(−3f(x) + 4f(x ± h eᵢ) − f(x ± 2h eᵢ))/2h,
  /// of the same order as the central one, with h shrunk to half the room when neither side has
  /// 2h (SciPy's approx_derivative with bounds adjusts its scheme the same way); a coordinate the
  /// box fixes gets 0. f may be undefined outside the box.
  central_difference(F f, relative_step_t, kobai::bounds box)
      : f_(std::move(f)), h_(0), relative_(true), box_(std::move(box)) {}

  double value(const Eigen::VectorXd& x) { return f_.value(x); }
  double value_and_gradient(const Eigen::VectorXd& x, Eigen::VectorXd& g) {
    work_ = x;  // no allocation after the first call: same size every time
    const double fx = f_.value(x);
    for (Eigen::Index i = 0; i < x.size(); ++i) {
      const double saved = work_[i];
      const double h = relative_ ? default_step(fd_scheme::central, saved) : h_;
      const std::optional<double> used = difference(i, h, fx, g[i]);
      if (!used) continue;
      if (relative_) largest_step_ = std::max(largest_step_, *used);
      const double realised = (saved + *used) - saved;
      const double error = std::abs(realised - *used) / *used;
      if (!(error <= precision_.worst_relative_error)) {
        precision_.worst_relative_error = error;
        precision_.at_magnitude = std::abs(saved);
      }
    }
    return fx;
  }
  /// The gradient at x with the truncation error of the differences removed to leading order:
  /// both schemes err by c·h² + O(h⁴), so Richardson's (4·D(h/2) − D(h))/3 errs by O(h⁴) (Nocedal
  /// & Wright, §8.1). Costs 4 values of f per coordinate, counted in difference_values().
  void refined_gradient(const Eigen::VectorXd& x, Eigen::VectorXd& g) {
    work_ = x;
    const double fx = f_.value(x);
    ++value_calls_;
    for (Eigen::Index i = 0; i < x.size(); ++i) {
      const double h = relative_ ? default_step(fd_scheme::central, x[i]) : h_;
      double coarse = 0;
      double fine = 0;
      if (difference(i, h, fx, coarse) && difference(i, h / 2, fx, fine))
        g[i] = (4 * fine - coarse) / 3;
      else
        g[i] = 0;
    }
  }
  /// The step; with relative_step, the largest h_i used so far (0 before the first gradient).
  double step() const noexcept { return relative_ ? largest_step_ : h_; }
  gradient_description describe_gradient() const {
    return {{"gradient", "central"},
            {"h", relative_ ? std::string("ε^(1/3)·max(|xᵢ|, 1)") : format_number(h_)}};
  }
  /// The wrapped objective's dimension, when it knows it.
  std::size_t dimension() const requires requires(const F& inner) { inner.dimension(); }
  { return f_.dimension(); }
  /// The worst loss of the difference step seen so far.
  const step_precision& precision() const noexcept { return precision_; }
  /// Values of f spent inside the differences so far (2n per gradient, less 2 for each
  /// coordinate the box fixes).
  std::size_t difference_values() const noexcept { return value_calls_; }

 private:
  F f_;
  double h_;
  bool relative_ = false;
  kobai::bounds box_;
  double largest_step_ = 0;
  Eigen::VectorXd work_;

  /// ∂f/∂x_i at work_ (f(work_) = fx) into gi with step h: central where x_i ± h stays in the box,
  /// otherwise one-sided towards the room,
  ///   gᵢ ≈ ±(−3f(x) + 4f(x ± h eᵢ) − f(x ± 2h eᵢ))/2h,
  /// with h shrunk to half the room when neither side has 2h. Returns the step used; nothing (and
  /// gi = 0) when the box fixes x_i. work_ is restored.
  std::optional<double> difference(Eigen::Index i, double h, double fx, double& gi) {
    const double saved = work_[i];
    const double lower_room = box_.empty() ? h : saved - box_.lower[i];
    const double upper_room = box_.empty() ? h : box_.upper[i] - saved;
    if (h <= lower_room && h <= upper_room) {
      work_[i] = saved + h;
      const double f1 = f_.value(work_);
      work_[i] = saved - h;
      const double f2 = f_.value(work_);
      gi = (f1 - f2) / (2 * h);
    } else {
      const bool up = upper_room >= 2 * h || (lower_room < 2 * h && upper_room >= lower_room);
      const double room = up ? upper_room : lower_room;
      h = std::min(h, room / 2);
      if (!(h > 0)) {
        gi = 0;  // the box fixes x_i: no direction to differentiate along
        return std::nullopt;
      }
      const double side = up ? 1 : -1;
      const auto clamped = [&](double t) {
        return std::clamp(t, box_.lower[i], box_.upper[i]);  // rounding of saved ± 2h
      };
      work_[i] = clamped(saved + side * h);
      const double f1 = f_.value(work_);
      work_[i] = clamped(saved + side * 2 * h);
      const double f2 = f_.value(work_);
      gi = side * (-3 * fx + 4 * f1 - f2) / (2 * h);
    }
    value_calls_ += 2;
    work_[i] = saved;
    return h;
  }
  step_precision precision_;
  std::size_t value_calls_ = 0;
};

/// An objective from two callables: value(x) → double and value_and_gradient(x, g) → double.
template <class V, class VG>
class function_objective {
 public:
  function_objective(V value, VG value_and_gradient)
      : value_(std::move(value)), value_and_gradient_(std::move(value_and_gradient)) {}
  double value(const Eigen::VectorXd& x) { return value_(x); }
  double value_and_gradient(const Eigen::VectorXd& x, Eigen::VectorXd& g) {
    return value_and_gradient_(x, g);
  }

 private:
  V value_;
  VG value_and_gradient_;
};

}  // namespace kobai
