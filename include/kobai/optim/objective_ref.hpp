#pragma once
// An objective seen through a reference: what minimize()'s engine works with. The engine builds
// every method's loop, line search and update; run on a reference it is compiled once per method,
// in the library, instead of once per objective type in every file that calls minimize() (which
// took a minute of compile time per objective type). The price is an indirect call per evaluation,
// next to an evaluation that costs O(n) at least.
#include <Eigen/Core>
#include <concepts>
#include <cstddef>
#include <optional>
#include <type_traits>

#include "kobai/optim/objective.hpp"

namespace kobai {

/// What an objective with a numerical gradient (central_difference) reports about it.
struct difference_facts {
  double step = 0;           ///< h
  step_precision precision;  ///< the worst loss of the difference step so far
  std::size_t values = 0;    ///< values of f spent inside the differences so far
};

/// A differentiable objective by reference (it must outlive the reference), with what it offers
/// beyond value and gradient asked at run time: hessian(), dimension(), describe_gradient() and
/// the facts of a numerical gradient.
class objective_ref {
 public:
  template <differentiable_objective F>
  requires(!std::same_as<std::remove_const_t<F>, objective_ref>) explicit objective_ref(
      F& f) noexcept
      : object_(const_cast<void*>(static_cast<const void*>(&f))), table_(&table_of<F>) {}

  double value(const Eigen::VectorXd& x) const { return table_->value(object_, x); }
  double value_and_gradient(const Eigen::VectorXd& x, Eigen::VectorXd& g) const {
    return table_->value_and_gradient(object_, x, g);
  }
  /// True when the objective computes ∇²f itself.
  bool has_hessian() const noexcept { return table_->hessian != nullptr; }
  /// ∇²f(x) into h; only when has_hessian().
  void hessian(const Eigen::VectorXd& x, Eigen::MatrixXd& h) const {
    table_->hessian(object_, x, h);
  }
  /// The number of variables, when the objective knows it.
  std::optional<std::size_t> dimension() const {
    if (!table_->dimension) return std::nullopt;
    return table_->dimension(object_);
  }
  /// The objective's own description of its gradient, or "supplied".
  gradient_description describe_gradient() const { return table_->describe_gradient(object_); }
  /// Step, precision and value count of a numerical gradient; nothing for other gradients.
  std::optional<difference_facts> differences() const {
    if (!table_->differences) return std::nullopt;
    return table_->differences(object_);
  }
  /// True when a numerical gradient can refine itself (refined_gradient()).
  bool can_refine_gradient() const noexcept { return table_->refined_gradient != nullptr; }
  /// The numerical gradient at x with its truncation error removed to leading order; only when
  /// can_refine_gradient().
  void refined_gradient(const Eigen::VectorXd& x, Eigen::VectorXd& g) const {
    table_->refined_gradient(object_, x, g);
  }

 private:
  struct table {
    double (*value)(void*, const Eigen::VectorXd&);
    double (*value_and_gradient)(void*, const Eigen::VectorXd&, Eigen::VectorXd&);
    void (*hessian)(void*, const Eigen::VectorXd&, Eigen::MatrixXd&);
    std::size_t (*dimension)(void*);
    gradient_description (*describe_gradient)(void*);
    difference_facts (*differences)(void*);
    void (*refined_gradient)(void*, const Eigen::VectorXd&, Eigen::VectorXd&);
  };

  template <class F>
  static F& self(void* p) {
    return *static_cast<F*>(p);
  }

  template <class F>
  static constexpr table table_of = {
      [](void* p, const Eigen::VectorXd& x) -> double { return self<F>(p).value(x); },
      [](void* p, const Eigen::VectorXd& x, Eigen::VectorXd& g) -> double {
        return self<F>(p).value_and_gradient(x, g);
      },
      [] {
        void (*h)(void*, const Eigen::VectorXd&, Eigen::MatrixXd&) = nullptr;
        if constexpr (twice_differentiable_objective<F>)
          h = [](void* p, const Eigen::VectorXd& x, Eigen::MatrixXd& m) {
            self<F>(p).hessian(x, m);
          };
        return h;
      }(),
      [] {
        std::size_t (*d)(void*) = nullptr;
        if constexpr (requires(F & f) { f.dimension(); })
          d = [](void* p) -> std::size_t { return self<F>(p).dimension(); };
        return d;
      }(),
      [](void* p) -> gradient_description {
        if constexpr (requires(F & f) { f.describe_gradient(); }) {
          return self<F>(p).describe_gradient();
        } else {
          return {{"gradient", "supplied"}};
        }
      },
      [] {
        difference_facts (*d)(void*) = nullptr;
        if constexpr (requires(F & f) {
                        f.step();
                        f.precision();
                        f.difference_values();
                      })
          d = [](void* p) -> difference_facts {
            F& f = self<F>(p);
            return {f.step(), f.precision(), f.difference_values()};
          };
        return d;
      }(),
      [] {
        void (*r)(void*, const Eigen::VectorXd&, Eigen::VectorXd&) = nullptr;
        if constexpr (requires(F & f, const Eigen::VectorXd& x, Eigen::VectorXd& g) {
                        f.refined_gradient(x, g);
                      })
          r = [](void* p, const Eigen::VectorXd& x, Eigen::VectorXd& g) {
            self<F>(p).refined_gradient(x, g);
          };
        return r;
      }(),
  };

  void* object_;
  const table* table_;
};

}  // namespace kobai
