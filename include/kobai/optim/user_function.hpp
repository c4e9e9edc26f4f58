#pragma once
// minimize() on users' own C++ functions: ways 2–4 of the four ways to give kobai an objective
// (way 1 is formula text, kobai::tape_objective; examples/ has one program per way):
//
//  2. a generic lambda over the scalar type, differentiated automatically:
//       auto r = kobai::minimize([](const auto& x) { return sq(1 - x[0]) + 100 * sq(x[1] -
//       sq(x[0])); },
//                                Eigen::Vector2d{-1.2, 1}, kobai::lbfgs{.memory = 10});
//     x arrives as an Eigen vector of double (values), kobai::var (reverse mode) or kobai::dual
//     (forward mode). The optimizer's points are Eigen::VectorXd whatever the type of x0, so
//     ad_mode::automatic takes reverse mode here (gradient.hpp keeps forward mode for points of
//     fixed size), and ad_mode::forward takes n passes of dual<1> per gradient;
//  3. an objective with value() and value_and_gradient() (kobai::function_objective wraps two
//     lambdas), checked against finite differences first when user_options::check_gradient is set:
//     a disagreement ends the run with status::gradient_check_failed naming the worst component
//     (a start where f or the gradient is not finite throws numerical_error, as without the check);
//  4. a function of doubles only, f(const Eigen::VectorXd&) → double: the gradient by central
//     differences at the optimal step of each coordinate at each point (kobai::central_difference
//     with kobai::relative_step), 2n values per gradient.
#include <Eigen/Core>
#include <algorithm>
#include <cmath>
#include <concepts>
#include <iterator>
#include <span>
#include <string>
#include <type_traits>
#include <utility>

#include "kobai/ad/gradient.hpp"
#include "kobai/diff/check.hpp"
#include "kobai/optim/minimize.hpp"

namespace kobai {

/// How a user's function is differentiated and checked.
struct user_options {
  ad_mode mode = ad_mode::automatic;  ///< for generic lambdas (automatic is reverse mode here)
  /// Compare the supplied gradient with finite differences at x0 before the first step (way 3).
  bool check_gradient = false;
  gradient_check_options check = {};
};

/// A function of doubles only: a callable whose call operator is not a template (a lambda taking
/// `const Eigen::VectorXd&`, a std::function, a functor) or a function, returning a number.
template <class F>
concept plain_function = (std::is_function_v<std::remove_pointer_t<std::remove_cvref_t<F>>> ||
                          requires { &std::remove_cvref_t<F>::operator(); }) &&
                         requires(F& f, const Eigen::VectorXd& x) {
  { f(x) } -> std::convertible_to<double>;
};

/// A generic function of an Eigen vector (its call operator is a template, `[](const auto& x)`),
/// which kobai runs on doubles, on kobai::var and on kobai::dual. (Eigen converts between vector
/// types without a constraint, so "callable with vars" cannot be asked directly; a template call
/// operator is what tells the two kinds apart.)
template <class F>
concept generic_function = !plain_function<F> && !value_objective<std::remove_cvref_t<F>> &&
                           requires(F & f, const Eigen::VectorXd& x) {
  { f(x) } -> std::convertible_to<double>;
};

/// A generic function as an objective: values on doubles, gradients by automatic
/// differentiation (one recording and one reverse sweep, or forward passes).
template <class F>
class ad_objective {
 public:
  explicit ad_objective(F f, ad_mode mode = ad_mode::automatic) : f_(std::move(f)), mode_(mode) {}
  double value(const Eigen::VectorXd& x) { return f_(x); }
  double value_and_gradient(const Eigen::VectorXd& x, Eigen::VectorXd& g) {
    return kobai::value_and_gradient(f_, x, g, mode_);
  }
  gradient_description describe_gradient() const { return {{"gradient", "automatic"}}; }

 private:
  F f_;
  ad_mode mode_;
};

/// A function of doubles as a value objective (for central_difference).
template <class F>
class value_only {
 public:
  explicit value_only(F f) : f_(std::move(f)) {}
  double value(const Eigen::VectorXd& x) { return f_(x); }

 private:
  F f_;
};

namespace detail {
/// The result of a run that did not start because the user's gradient is wrong.
result gradient_check_failure(const gradient_check_result& check, const Eigen::VectorXd& x0,
                              std::string method, const minimize_options& options,
                              const evaluation_counts& evaluations);
}  // namespace detail

/// Way 2: a generic lambda, differentiated automatically; observers as for objectives.
template <generic_function F, optimization_method Method, observer... Observers>
result minimize(F&& f, const Eigen::VectorXd& x0, const Method& method,
                const minimize_options& options, const user_options& user,
                Observers&&... observers) {
  return minimize(ad_objective<std::decay_t<F>>(std::forward<F>(f), user.mode), x0, method, options,
                  std::forward<Observers>(observers)...);
}

template <generic_function F, optimization_method Method, observer... Observers>
result minimize(F&& f, const Eigen::VectorXd& x0, const Method& method,
                const minimize_options& options, Observers&&... observers) {
  return minimize(std::forward<F>(f), x0, method, options, user_options{},
                  std::forward<Observers>(observers)...);
}

/// Without options: the method's stopping_defaults.
template <generic_function F, optimization_method Method>
result minimize(F&& f, const Eigen::VectorXd& x0, const Method& method) {
  return minimize(std::forward<F>(f), x0, method, minimize_options{}, user_options{});
}

/// Way 3 with the check: the supplied gradient is compared with differences at x0 first.
template <differentiable_objective F, optimization_method Method, observer... Observers>
result minimize(F&& f, const Eigen::VectorXd& x0, const Method& method,
                const minimize_options& options, const user_options& user,
                Observers&&... observers) {
  if (!user.check_gradient)
    return minimize(std::forward<F>(f), x0, method, options, std::forward<Observers>(observers)...);
  if (x0.size() == 0) throw usage_error(detail::empty_start_message());
  evaluation_counts spent;  // by the check: each call is one value and one gradient
  const value_gradient_function fg = [&](std::span<const double> x, std::span<double> g) {
    const Eigen::VectorXd xv = Eigen::Map<const Eigen::VectorXd>(x.data(), std::ssize(x));
    Eigen::VectorXd gv(xv.size());
    const double v = f.value_and_gradient(xv, gv);
    ++spent.value;
    ++spent.gradient;
    if (gv.size() != xv.size()) throw usage_error(ad_messages::size_mismatch(gv.size(), xv.size()));
    Eigen::Map<Eigen::VectorXd>(g.data(), std::ssize(g)) = gv;
    return v;
  };
  const gradient_check_result check =
      check_gradient(fg, std::span<const double>(x0.data(), x0.size()), user.check);
  // Where f or the gradient is undefined at x0 no difference can judge the gradient: the start
  // is refused as the run itself would refuse it.
  const bool start_finite =
      std::isfinite(check.value) &&
      std::ranges::all_of(check.entries, [](const auto& e) { return std::isfinite(e.user); });
  if (!start_finite) {
    Eigen::VectorXd g(x0.size());
    for (Eigen::Index i = 0; i < g.size(); ++i)
      g[i] = check.entries[static_cast<std::size_t>(i)].user;
    throw numerical_error(detail::bad_start_message(check.value, x0, g, options.variables));
  }
  if (!check.passed)
    return detail::gradient_check_failure(check, x0, detail::method_name_of(method), options,
                                          spent);
  result r =
      minimize(std::forward<F>(f), x0, method, options, std::forward<Observers>(observers)...);
  r.evaluations.value += spent.value;
  r.evaluations.gradient += spent.gradient;
  return r;
}

/// Way 4: values only; the gradient by central differences (the book's numerical_gradient with
/// the optimal step ε^(1/3)·max(|xᵢ|, 1) of each coordinate at each point, kobai::relative_step).
template <plain_function F, optimization_method Method, observer... Observers>
result minimize(F&& f, const Eigen::VectorXd& x0, const Method& method,
                const minimize_options& options, Observers&&... observers) {
  // Under bounds every difference stays in the box: f may be undefined outside it.
  return minimize(central_difference(value_only<std::decay_t<F>>(std::forward<F>(f)), relative_step,
                                     options.bounds),
                  x0, method, options, std::forward<Observers>(observers)...);
}

/// Without options: the method's stopping_defaults.
template <plain_function F, optimization_method Method>
result minimize(F&& f, const Eigen::VectorXd& x0, const Method& method) {
  return minimize(std::forward<F>(f), x0, method, minimize_options{});
}

namespace detail {
template <class>
inline constexpr bool always_false = false;

/// What minimize() accepts as f.
template <class F>
concept objective_like = differentiable_objective<F> || generic_function<F> || plain_function<F>;

/// The compile error for a call no minimize() accepts, saying what to write instead.
template <class F, class Method>
void explain_bad_call() {
  if constexpr (!objective_like<F>) {
    if constexpr (differentiable_objective<std::remove_cvref_t<F>>) {
      static_assert(always_false<F>,
                    "kobai::minimize: the objective is const but its value() or "
                    "value_and_gradient() is not: pass it non-const");
    } else if constexpr (std::invocable<F&, const Eigen::VectorXd&, Eigen::VectorXd&>) {
      static_assert(always_false<F>,
                    "kobai::minimize: f takes the point x alone; for a hand-written gradient use "
                    "kobai::function_objective(value, value_and_gradient), or pass a generic "
                    "lambda [](const auto& x) { ... } and let kobai differentiate it");
    } else if constexpr (std::invocable<F&, double>) {
      static_assert(always_false<F>,
                    "kobai::minimize: f takes the whole point, not one number: write "
                    "[](const auto& x) { return ... x[0] ...; } (differentiated automatically) "
                    "or a function of const Eigen::VectorXd& (differentiated by differences)");
    } else {
      static_assert(always_false<F>,
                    "kobai::minimize: f must map a point to a number: a generic lambda "
                    "[](const auto& x) returning a scalar, a function of const Eigen::VectorXd& "
                    "returning double, or an objective with value() and value_and_gradient()");
    }
  } else {
    static_assert(always_false<Method>,
                  "kobai::minimize: the third argument must be a method such as kobai::lbfgs{}, "
                  "kobai::gd{.rate = 0.1} or a kobai::method_options");
  }
}
}  // namespace detail

/// Calls no other minimize() accepts (f of the wrong shape, a third argument that is not a
/// method) end here, in one readable compile error instead of pages of failed overloads.
template <class F, class Method>
requires(!detail::objective_like<F> || !optimization_method<Method>) result
    minimize(F&&, const Eigen::VectorXd&, const Method&) {
  detail::explain_bad_call<F, Method>();
  return {};
}

template <class F, class Method, class... Rest>
requires(!detail::objective_like<F> || !optimization_method<Method>) result
    minimize(F&&, const Eigen::VectorXd&, const Method&, const minimize_options&, Rest&&...) {
  detail::explain_bad_call<F, Method>();
  return {};
}

/// A function of doubles has no gradient to check and no mode to choose: user_options with it is
/// one readable compile error.
template <plain_function F, optimization_method Method, class... Observers>
result minimize(F&&, const Eigen::VectorXd&, const Method&, const minimize_options&,
                const user_options&, Observers&&...) {
  static_assert(detail::always_false<F>,
                "kobai::minimize: user_options (check_gradient, mode) are for a generic lambda or "
                "a hand-written gradient; a function of const Eigen::VectorXd& alone is "
                "differentiated by central differences: leave the user_options out");
  return {};
}

}  // namespace kobai
