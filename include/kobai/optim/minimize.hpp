#pragma once
// minimize(objective, x0, method, options, observers...): one engine loop for every method.
//
// A method is an options struct (methods.hpp) whose policy (policy_of<Options>::type) is one of
//  - an update policy: `step_info update(x, g, t)` moves x in place from x_k to x_{k+1} using
//    g_k; the engine then evaluates f and ∇f at the new point (gd, momentum, Adam, ...);
//  - a search policy: `step_info step(iterate&, evaluator<F>&, t)` moves the iterate itself,
//    evaluating trial points through the evaluator (which counts them and records them apart
//    from iterates) and leaving f and ∇f of the accepted point in the iterate (line-search
//    methods: CG, BFGS, L-BFGS, Newton). It may set step_outcome::stop to end the run
//    (line_search_failed) with a message.
// Both kinds expose `state()`: named vectors observers and the trace see. A search policy may
// also offer `measured()` (evaluator.hpp): ‖∇f‖∞ and the finiteness of x at the accepted point,
// taken in its own passes, which spares the engine two passes per iteration.
//
// Nothing in the loop allocates unless options.record_trace is set (the trace grows by one
// record per iteration) or an observer allocates.
//
// The engine (detail::run) sees the objective through an objective_ref and the observers through
// observer_refs, so that it is compiled once per method: the library holds it for every built-in
// method (src/optim/engine_*.cpp, declared extern below), and a file that calls minimize() compiles
// only the two references. A method of the caller's own is built where it is used.
#include <Eigen/Core>
#include <algorithm>
#include <array>
#include <chrono>
#include <cmath>
#include <concepts>
#include <cstddef>
#include <limits>
#include <optional>
#include <span>
#include <string>
#include <type_traits>
#include <utility>
#include <variant>
#include <vector>

#include "kobai/error.hpp"
#include "kobai/optim/bounds.hpp"
#include "kobai/optim/detail/large_buffer.hpp"
#include "kobai/optim/detail/search_policies.hpp"
#include "kobai/optim/detail/update_policies.hpp"
#include "kobai/optim/diagnose.hpp"
#include "kobai/optim/evaluator.hpp"
#include "kobai/optim/methods.hpp"
#include "kobai/optim/objective.hpp"
#include "kobai/optim/objective_ref.hpp"
#include "kobai/optim/status.hpp"
#include "kobai/trace.hpp"

namespace kobai {

/// The two stopping rules whose default depends on the method: the fixed-rate family is run for
/// a given number of steps (as in PyTorch and the book), so its gtol is small; the line-search
/// family stops at gtol = 1e-5 on ‖∇f‖∞ (SciPy's L-BFGS-B pgtol, liblbfgs' and LBFGS++'s ε).
struct stopping_defaults {
  std::size_t max_iterations = 100;
  double gtol = 1e-10;
};

/// Stopping rules and diagnosis, shared by every method.
struct minimize_options {
  /// Iterations (updates) at most, the book's step_num; unset: the method's stopping_defaults
  /// (100, or 1000 for the line-search family).
  std::optional<std::size_t> max_iterations = {};
  /// Converged when ‖∇f‖∞ ≤ max(gtol, gtol_relative·‖∇f(x₀)‖∞); a gradient exactly 0 always
  /// stops. Unset: the method's stopping_defaults (1e-10, or 1e-5 for the line-search family).
  std::optional<double> gtol = {};
  double gtol_relative = 0;  ///< ≥ 0; 0 switches the relative test off
  /// Converged when |f_k − f_{k−1}| ≤ ftol·max(|f_k|, |f_{k−1}|, 1) (SciPy's form); 0 = off.
  double ftol = 0;
  /// Converged when ‖x_k − x_{k−1}‖₂ ≤ xtol·(‖x_k‖₂ + xtol); 0 = off.
  double xtol = 0;
  double time_limit = std::numeric_limits<double>::infinity();  ///< seconds of wall time, > 0
  /// Diverged when f_k − f₀ > divergence_growth·(|f₀| + 1): seven orders of magnitude.
  double divergence_growth = 1e7;
  /// Unbounded when f₀ − f_k > unbounded_fall·(|f₀| + 1), or f_k = −∞: twenty orders of magnitude
  /// (MATLAB's fminunc stops at its ObjectiveLimit, −1e20, for the same reason).
  double unbounded_fall = 1e20;
  /// Stalled when no iteration in the last stall_window reached a new lowest f; 0 = off.
  std::size_t stall_window = 100;
  /// A run that reaches max_iterations is called stalled when f fell by less than this fraction
  /// per iteration over the last stall_window iterations (and ‖∇f‖ is still above gtol).
  double stall_rate = 1e-6;
  /// Keep iterating after divergence, an unbounded fall or a stall was detected (non-finite values
  /// still stop).
  bool keep_going = false;
  bool record_trace = false;  ///< fill result::trace (allocates per iteration)
  /// Track per-coordinate sign flips of the step (zig-zag note) when the dimension is at most
  /// this; 0 = off.
  std::size_t oscillation_max_dimension = 1000;
  /// Names of the coordinates for messages and the trace; empty means x[0], x[1], ...
  std::vector<std::string> variables = {};
  std::string formula = {};  ///< recorded in the trace header
  /// Box bounds (empty: none). The fixed-rate family projects each new x onto the box, gd-ls
  /// becomes the projected-gradient method and lbfgs becomes L-BFGS-B; cg, bfgs and newton
  /// refuse bounds. ‖∇f‖∞ in the stopping rule becomes ‖P(x − ∇f) − x‖∞. A start
  /// outside the box is projected onto it, and a note says so.
  kobai::bounds bounds = {};
};

/// Throws usage_error naming the first field out of range.
void validate(const minimize_options& o);
/// The stopping rules that suit `m`: max_iterations 100 and gtol 1e-10 for the fixed-rate
/// family; 1000 and 1e-5 for the line-search family.
stopping_defaults stopping_defaults_for(const method_options& m);
/// minimize_options with max_iterations and gtol set to `m`'s stopping_defaults.
minimize_options default_options(const method_options& m);
/// The stopping rules as (name, value text) pairs, numbers in shortest round-trip form; an unset
/// max_iterations or gtol shows its value in `d`.
std::vector<std::pair<std::string, std::string>> describe(const minimize_options& o,
                                                          const stopping_defaults& d = {});

/// A method: one of the options structs of methods.hpp, a method_options holding one, or a
/// method of the caller's own that names its policy (`using policy = ...;`).
template <class M>
concept optimization_method = std::is_constructible_v<method_options, M> || requires {
  typename M::policy;
};

/// What an observer sees at every iteration (k = 0 is the start).
struct iteration_view {
  std::size_t k;
  const Eigen::VectorXd& x;
  double f;
  const Eigen::VectorXd& gradient;
  double gradient_norm;  ///< ‖∇f‖∞; under bounds ‖P(x − ∇f) − x‖∞
  double step_length;    ///< ‖x_k − x_{k−1}‖₂
  double rate;           ///< η used to reach x_k
  std::span<const state_ref> state;
};

/// An observer's answer.
enum class observer_action { proceed, stop };

/// Anything called with each iteration_view; returning observer_action::stop ends the run with
/// status::stopped. Callables returning void always proceed; any other return type is refused at
/// compile time (a bool would be ambiguous: libraries disagree on whether true means stop).
template <class O>
concept observer = std::invocable<O&, const iteration_view&>;

/// An observer by reference (it must outlive the reference), as the engine calls it.
class observer_ref {
 public:
  template <observer O>
  requires(!std::same_as<std::remove_const_t<O>, observer_ref>) explicit observer_ref(O& o) noexcept
      : object_(const_cast<void*>(static_cast<const void*>(&o))),
        call_([](void* p, const iteration_view& view) {
          O& self = *static_cast<O*>(p);
          using answer = std::invoke_result_t<O&, const iteration_view&>;
          static_assert(std::same_as<answer, observer_action> || std::is_void_v<answer>,
                        "an observer returns void or kobai::observer_action: return "
                        "kobai::observer_action::stop to end the run (status::stopped) and "
                        "observer_action::proceed to go on; a bool is not accepted");
          if constexpr (std::same_as<answer, observer_action>) {
            return self(view);
          } else {
            self(view);
            return observer_action::proceed;
          }
        }) {}
  observer_action operator()(const iteration_view& view) const { return call_(object_, view); }

 private:
  void* object_;
  observer_action (*call_)(void*, const iteration_view&);
};

/// The outcome of minimize().
struct result {
  std::string method;
  Eigen::VectorXd x;  ///< the last iterate
  double f = std::numeric_limits<double>::quiet_NaN();
  Eigen::VectorXd gradient;
  /// ‖∇f(x)‖∞; under bounds the projected gradient's ‖P(x − ∇f) − x‖∞, the measure the run
  /// stops on (diagnosis.projected_gradient)
  double gradient_norm = std::numeric_limits<double>::quiet_NaN();
  std::size_t iterations = 0;
  evaluation_counts evaluations;
  kobai::status status = status::max_iterations;
  std::string message;             ///< why it stopped, in a sentence
  std::vector<std::string> notes;  ///< diagnosis a learner should hear (zig-zag, lost precision)
  kobai::diagnosis diagnosis;      ///< the facts behind message and notes
  double seconds = 0;              ///< wall time
  kobai::trace trace;              ///< filled when minimize_options::record_trace

  /// One line: "converged_gradient after 12 iterations: f = 1e-20, ‖g‖∞ = 2e-10 (...)"
  /// ("projected ‖g‖∞" under bounds).
  std::string summary() const;
  /// Several lines: method, status, message, f, ‖g‖, iterations, evaluations, time, notes.
  std::string report() const;
};

namespace detail {

template <class P>
concept update_policy = requires(P& p, Eigen::VectorXd& x, const Eigen::VectorXd& g,
                                 std::size_t t) {
  { p.update(x, g, t) } -> std::same_as<step_info>;
};

/// Effective name of a method options type.
template <class Method>
std::string method_name_of(const Method& m) {
  if constexpr (std::is_constructible_v<method_options, Method>) {
    return std::string(method_name(method_options(m)));
  } else {
    return std::string(Method::name);
  }
}

template <class Method>
std::vector<std::pair<std::string, std::string>> describe_of(const Method& m) {
  if constexpr (std::is_constructible_v<method_options, Method>) {
    return describe(method_options(m));
  } else {
    return describe(m);
  }
}

template <class Method>
double base_rate_of(const Method& m) {
  if constexpr (requires { m.rate; }) {
    return m.rate;
  } else {
    return std::numeric_limits<double>::quiet_NaN();
  }
}

// These two run over x and ∇f every iteration. Long vectors take Eigen's vectorized loops; short
// ones a scalar loop, because a packet load right after the scalar stores that wrote x and ∇f
// cannot be store-forwarded and stalls (it doubled the engine's cost per iteration at n = 2).
inline constexpr Eigen::Index scalar_check_below = 32;

/// ‖v‖∞, NaN when any element is NaN.
inline double inf_norm(const Eigen::VectorXd& v) {
  if (v.size() >= scalar_check_below) return v.cwiseAbs().maxCoeff<Eigen::PropagateNaN>();
  double m = 0;
  for (Eigen::Index i = 0; i < v.size(); ++i) {
    const double a = std::abs(v[i]);
    if (a > m || std::isnan(a)) m = a;  // a NaN stays: no comparison with it is true
  }
  return m;
}

inline bool all_finite(const Eigen::VectorXd& v) {
  if (v.size() >= scalar_check_below) return v.allFinite();
  for (Eigen::Index i = 0; i < v.size(); ++i)
    if (!std::isfinite(v[i])) return false;
  return true;
}

/// Writes message and notes of `r` from its status and diagnosis (src/optim/result.cpp).
void finish(result& r, const minimize_options& o);
/// Appends one iteration record (with copies of x, ∇f and the method state).
void record(kobai::trace& t, const iteration_view& view);
/// "x[3]"
std::string default_name(Eigen::Index i);
std::string dimension_mismatch_message(std::size_t names, std::size_t dimension);
std::string bad_start_message(double f, const Eigen::VectorXd& x, const Eigen::VectorXd& g,
                              const std::vector<std::string>& names);
/// "the start point has no coordinates ..."
std::string empty_start_message();
/// Throws usage_error unless b has n coordinates with lower ≤ upper (not NaN), lower < +∞ and
/// upper > −∞ in each.
void check_bounds(const bounds& b, Eigen::Index n, const std::vector<std::string>& names);
std::string bounds_not_supported_message(std::string_view method);
/// Throws usage_error when `matrices` dense n×n matrices of doubles (bfgs: 1, newton: 3) would
/// not fit in the machine's physical memory (src/optim/result.cpp): the size is known before the
/// first allocation, and a refusal that names it and the way out (lbfgs) beats std::bad_alloc or
/// a machine brought to a crawl by swapping.
void check_dense_size(std::string_view method, Eigen::Index n, int matrices);

/// The stopping defaults of `m`: stopping_defaults_for(m) for a built-in method, the fixed-rate
/// family's for a method of the caller's own.
template <class Method>
stopping_defaults stopping_defaults_of(const Method& m) {
  if constexpr (std::is_constructible_v<method_options, Method>) {
    return stopping_defaults_for(method_options(m));
  } else {
    return {};
  }
}

/// The method's policy; search policies that handle bounds receive them, the others refuse them
/// (the engine projects after each update of the fixed-rate family).
template <class P, class Method>
P make_policy(const Method& m, Eigen::Index n, std::size_t max_iterations, const bounds* box) {
  if constexpr (std::is_constructible_v<P, const Method&, Eigen::Index, std::size_t,
                                        const bounds*>) {
    return P(m, n, max_iterations, box);
  } else {
    if constexpr (!update_policy<P>) {
      if (box) {
        // newton's name is the same for both globalizations; the message names the one asked for.
        std::string name = method_name_of(m);
        if constexpr (std::is_same_v<Method, newton>)
          if (m.globalization == globalization::line_search) name += "-ls";
        throw usage_error(bounds_not_supported_message(name));
      }
    }
    return P(m, n, max_iterations);
  }
}

/// Watches per-coordinate sign flips of the step for the zig-zag note.
class oscillation_tracker {
 public:
  oscillation_tracker(const Eigen::VectorXd& x0, bool enabled)
      : enabled_(enabled),
        previous_(enabled ? x0 : Eigen::VectorXd()),
        last_step_(Eigen::VectorXd::Zero(enabled ? x0.size() : 0)),
        flips_(Eigen::VectorXd::Zero(enabled ? x0.size() : 0)) {}
  void observe(const Eigen::VectorXd& x) {
    if (!enabled_) return;
    for (Eigen::Index i = 0; i < x.size(); ++i) {
      const double d = x[i] - previous_[i];
      if (d * last_step_[i] < 0) flips_[i] += 1;
      if (d != 0) last_step_[i] = d;
      previous_[i] = x[i];
    }
    ++steps_;
  }
  void report(diagnosis& out) const {
    if (!enabled_) return;
    for (Eigen::Index i = 0; i < flips_.size(); ++i)
      if (steps_ >= 5 && flips_[i] >= 0.8 * static_cast<double>(steps_ - 1))
        out.zigzag.push_back(
            {static_cast<std::size_t>(i), static_cast<std::size_t>(flips_[i]), steps_ - 1});
  }

 private:
  bool enabled_;
  Eigen::VectorXd previous_, last_step_, flips_;
  std::size_t steps_ = 0;
};

/// The engine behind minimize(): f from x0 with `method`, each observer called at every iteration.
template <class Method>
result run(objective_ref f, const Eigen::VectorXd& x0, const Method& method,
           const minimize_options& options, std::span<const observer_ref> observers) {
  using clock = std::chrono::steady_clock;
  const auto started = clock::now();
  validate(method);
  validate(options);
  const Eigen::Index n = x0.size();
  if (n == 0) throw usage_error(detail::empty_start_message());
  if (!options.variables.empty() && options.variables.size() != static_cast<std::size_t>(n))
    throw usage_error(
        detail::dimension_mismatch_message(options.variables.size(), static_cast<std::size_t>(n)));
  if (const std::optional<std::size_t> d = f.dimension(); d && *d != static_cast<std::size_t>(n))
    throw usage_error(detail::dimension_mismatch_message(*d, static_cast<std::size_t>(n)));

  const bool bounded = !options.bounds.empty();
  if (bounded) detail::check_bounds(options.bounds, n, options.variables);

  const stopping_defaults defaults = detail::stopping_defaults_of(method);
  const std::size_t max_iterations = options.max_iterations.value_or(defaults.max_iterations);

  result r;
  r.method = detail::method_name_of(method);
  // The iterate and its gradient offered huge pages before their first touch (large_buffer.hpp).
  r.x.resize(n);
  r.gradient.resize(n);
  detail::offer_huge_pages(r.x.data(), r.x.size());
  detail::offer_huge_pages(r.gradient.data(), r.gradient.size());
  r.x = x0;
  if (bounded) {
    detail::project(options.bounds, r.x);
    for (Eigen::Index i = 0; i < n; ++i)
      if (r.x[i] != x0[i]) r.diagnosis.projected_start.push_back(static_cast<std::size_t>(i));
  }
  r.gradient.setZero();
  r.diagnosis.base_rate = detail::base_rate_of(method);
  r.diagnosis.projected_gradient = bounded;
  r.diagnosis.method = r.method;
  const std::size_t difference_values_before = f.differences().value_or(difference_facts{}).values;

  kobai::trace* trace = options.record_trace ? &r.trace : nullptr;
  if (trace) {
    r.trace.formula = options.formula;
    r.trace.method = r.method;
    r.trace.variables = options.variables;
    if (r.trace.variables.empty())
      for (Eigen::Index i = 0; i < n; ++i) r.trace.variables.push_back(detail::default_name(i));
    r.trace.options = detail::describe_of(method);
    for (auto& p : f.describe_gradient()) r.trace.options.push_back(std::move(p));
    for (auto& p : describe(options, defaults)) r.trace.options.push_back(std::move(p));
  }

  if constexpr (std::is_same_v<Method, bfgs>) detail::check_dense_size(r.method, n, 1);
  // Newton keeps the Hessian, its shifted copy and their Cholesky factor.
  if constexpr (std::is_same_v<Method, newton>) detail::check_dense_size(r.method, n, 3);
  using policy_type = typename detail::policy_of<Method>::type;
  policy_type policy = detail::make_policy<policy_type>(method, n, max_iterations,
                                                        bounded ? &options.bounds : nullptr);
  // ‖∇f‖∞, or under bounds the projected gradient's ‖P(x − ∇f) − x‖∞.
  const auto measure = [&](const Eigen::VectorXd& x, const Eigen::VectorXd& g) {
    return bounded ? detail::projected_gradient_norm(options.bounds, x, g) : detail::inf_norm(g);
  };
  Eigen::VectorXd x_before(bounded && detail::update_policy<policy_type> ? n : 0);
  evaluator<objective_ref> ev(f, r.evaluations, trace);

  Eigen::VectorXd& x = r.x;
  Eigen::VectorXd& g = r.gradient;
  double fx = ev.value_and_gradient(x, g);
  if (!std::isfinite(fx) || !detail::all_finite(g))
    throw numerical_error(detail::bad_start_message(fx, x, g, options.variables));
  const double f0 = fx;
  const double g0 = measure(x, g);
  r.diagnosis.start_f = f0;
  r.diagnosis.start_gradient_norm = g0;
  const double gtol = std::max(options.gtol.value_or(defaults.gtol), options.gtol_relative * g0);
  r.diagnosis.gtol = gtol;
  double gnorm = g0;

  const bool timed = std::isfinite(options.time_limit);
  const std::size_t window = options.stall_window;
  std::vector<double> recent(window + 1, 0.0);  // f over the last window+1 iterations (ring)
  double best = f0;
  std::size_t best_at = 0;
  detail::oscillation_tracker zigzag(
      x0, options.oscillation_max_dimension > 0 &&
              static_cast<std::size_t>(n) <= options.oscillation_max_dimension);

  const auto notify_all = [&](std::size_t k, const step_info& s) {
    if (!trace && observers.empty()) return false;  // nobody is looking: no view to build
    const auto st = policy.state();
    const iteration_view view{k,      x,
                              fx,     g,
                              gnorm,  s.step_length,
                              s.rate, std::span<const state_ref>(st.data(), st.size())};
    if (trace) detail::record(*trace, view);
    bool stop = false;
    for (const observer_ref& o : observers) stop = o(view) == observer_action::stop || stop;
    return stop;
  };

  std::size_t k = 0;
  std::optional<kobai::status> outcome;
  if (window > 0) recent[0] = f0;
  if (notify_all(0, {})) outcome = status::stopped;
  if (!outcome && gnorm <= gtol) outcome = status::converged_gradient;

  while (!outcome && k < max_iterations) {
    ++k;
    const double f_previous = fx;
    step_info s;
    point_measures measured;
    if constexpr (detail::update_policy<policy_type>) {
      if (bounded) x_before = x;
      s = policy.update(x, g, k);
      if (bounded) {
        detail::project(options.bounds, x);
        s.step_length = (x - x_before).norm();
      }
      fx = ev.value_and_gradient(x, g);
    } else {
      step_outcome o = policy.step(iterate{x, fx, g}, ev, k);
      s = o.info;
      if constexpr (requires { policy.measured(); }) {
        // The policy's ‖∇f‖∞ stands in for inf_norm only where inf_norm takes Eigen's maxCoeff
        // (its scalar loop treats NaN otherwise) and without bounds (measure is then another).
        if (!o.stop) measured = policy.measured();
        if (bounded || n < detail::scalar_check_below) measured.gradient_norm.reset();
      }
      if (o.stop) {
        r.diagnosis.method_message = std::move(o.message);
        outcome = *o.stop;
      }
    }
    gnorm = measured.gradient_norm ? *measured.gradient_norm : measure(x, g);
    // A search that failed from (or moved to) a point that already meets the gradient test has
    // nothing left to find: the kept point is converged (a failed search near the minimizer is
    // rounding, as when differences of f cannot resolve a step any more).
    if (outcome == status::line_search_failed && gnorm <= gtol) {
      outcome = status::converged_gradient;
      r.diagnosis.method_message.clear();
    }
    r.diagnosis.last_f_change = std::abs(f_previous - fx);
    r.diagnosis.last_step = s.step_length;
    zigzag.observe(x);
    const bool stop_asked = notify_all(k, s);
    // A fall by twenty orders of magnitude (or to −∞) means f has no minimum to converge to; a
    // line search or trust region that failed out there failed for that reason.
    if (r.diagnosis.unbounded_at == 0 && fx < f0 - options.unbounded_fall * (std::abs(f0) + 1)) {
      r.diagnosis.unbounded_at = k;
      r.diagnosis.unbounded_f = fx;
      if (!options.keep_going) outcome = status::unbounded;
    }
    if (outcome) break;

    // An update policy's step length ‖x_k − x_{k−1}‖₂ is finite only when every coordinate of
    // x_k is (a non-finite coordinate makes its difference inf or NaN): a finite step spares a
    // second pass over x.
    const bool x_finite = (detail::update_policy<policy_type> && std::isfinite(s.step_length)) ||
                          measured.x_finite || detail::all_finite(x);
    if (!std::isfinite(fx) || !x_finite || !std::isfinite(gnorm)) {
      if (r.diagnosis.unbounded_at != 0) {
        // Kept going after the fall until a number overflowed: still the fall that ended it.
        outcome = status::unbounded;
        break;
      }
      r.diagnosis.non_finite = true;
      // The iteration the message names: here, even when growth was seen earlier (keep_going).
      r.diagnosis.diverged_at = k;
      outcome = status::diverged;
      break;
    }
    if (r.diagnosis.diverged_at == 0 && fx - f0 > options.divergence_growth * (std::abs(f0) + 1)) {
      r.diagnosis.diverged_at = k;
      r.diagnosis.diverged_f = fx;
      if (!options.keep_going) {
        outcome = status::diverged;
        break;
      }
    }
    if (r.diagnosis.diverged_at != 0) {
      // Kept going after divergence: only the iteration limit (or non-finite values) ends it;
      // a gradient that vanished out there is lost precision, not convergence.
    } else if (gnorm <= gtol) {
      outcome = status::converged_gradient;
    } else if (options.ftol > 0 &&
               std::abs(f_previous - fx) <=
                   options.ftol * std::max({std::abs(fx), std::abs(f_previous), 1.0})) {
      outcome = status::converged_value;
    } else if (options.xtol > 0 && s.step_length <= options.xtol * (x.norm() + options.xtol)) {
      outcome = status::converged_step;
    } else if (stop_asked) {
      outcome = status::stopped;
    } else if (timed && std::chrono::duration<double>(clock::now() - started).count() >=
                            options.time_limit) {
      outcome = status::time_limit;
    }
    if (fx < best) {
      best = fx;
      best_at = k;
    }
    if (window > 0) {
      recent[k % (window + 1)] = fx;
      if (!outcome && !options.keep_going && k - best_at >= window) {
        r.diagnosis.stalled_at = k;
        outcome = status::stalled;
      }
    }
  }
  r.iterations = k;
  if (!outcome) {
    outcome = status::max_iterations;
    // Slow progress over the last window: the measured rate tells the learner why.
    if (window > 0 && k > 0) {
      const std::size_t w = std::min(window, k);
      const double then = recent[(k - w) % (window + 1)];
      const double rate = (then - fx) / (static_cast<double>(w) * std::max(std::abs(then), 1e-300));
      r.diagnosis.progress_rate = rate;
      r.diagnosis.progress_window = w;
      r.diagnosis.progress_from = then;
      // Stalled means f still falls, too slowly; a run whose f rose over the window has not
      // stalled, and a larger rate would make it worse (max_iterations says that f rose).
      if (rate >= 0 && rate < options.stall_rate && gnorm > gtol) outcome = status::stalled;
    }
  }
  if (r.diagnosis.diverged_at != 0)
    outcome = status::diverged;
  else if (r.diagnosis.unbounded_at != 0)
    outcome = status::unbounded;
  r.status = *outcome;
  // Under bounds, an unbounded f fell along sides left open: name them, so that the remedy
  // (bound that side) points at a variable.
  if (r.status == status::unbounded && bounded) {
    double furthest = 0;
    Eigen::VectorXd moved(n);
    for (Eigen::Index i = 0; i < n; ++i) {
      const double from = std::clamp(x0[i], options.bounds.lower[i], options.bounds.upper[i]);
      moved[i] = x[i] - from;
      const bool open = moved[i] > 0 ? std::isinf(options.bounds.upper[i])
                                     : moved[i] < 0 && std::isinf(options.bounds.lower[i]);
      if (!open) moved[i] = 0;
      furthest = std::max(furthest, std::abs(moved[i]));
    }
    for (Eigen::Index i = 0; i < n; ++i)
      if (furthest > 0 && std::abs(moved[i]) >= 0.1 * furthest)
        r.diagnosis.open_sides.emplace_back(static_cast<std::size_t>(i), moved[i] > 0);
  }
  r.f = fx;
  r.gradient_norm = gnorm;
  zigzag.report(r.diagnosis);
  if constexpr (requires { policy.diagnose(r.diagnosis); }) policy.diagnose(r.diagnosis);
  // The diagnoses below evaluate ∇²f: one exact Hessian, or 2n gradients of central differences
  // (gradient_difference_hessian). They count among the evaluations like every other call of f;
  // a difference gradient's values are counted with the rest of its values, further down.
  const auto count_curvature = [&] {
    if (f.has_hessian()) {
      ++r.evaluations.hessian;
      return;
    }
    const auto gradients = static_cast<std::size_t>(2 * n);
    r.evaluations.gradient += gradients;
    if (!f.differences()) r.evaluations.value += gradients;
  };
  constexpr Eigen::Index largest_differenced = 100;  // 2n gradients and an n×n matrix
  // ∇f = 0 holds at saddle points and maxima too. Newton works with ∇²f, so a run it calls
  // converged is checked against it at the last point: the exact one, or (an automatic or
  // hand-written gradient) central differences of ∇f, accurate to about 1e-10 against the
  // tolerance 1e-6 of indefinite_curvature. A gradient that is itself a difference is too noisy
  // to difference again.
  if constexpr (std::is_same_v<Method, newton>) {
    if (converged(r.status) &&
        (f.has_hessian() || (!f.differences() && n <= largest_differenced))) {
      Eigen::MatrixXd h(n, n);
      if (f.has_hessian())
        f.hessian(x, h);
      else
        gradient_difference_hessian(f, x, h);
      count_curvature();
      r.diagnosis.not_a_minimum = indefinite_curvature(h);
    }
  }
  // A numerical gradient within gtol may be its own truncation error (c·h² cancelling ∇f, as
  // with the book's h = 1e-4 on a function whose third derivatives are large): Richardson's
  // extrapolation at the last point says what the gradient is with that error removed.
  if (r.status == status::converged_gradient && f.can_refine_gradient()) {
    Eigen::VectorXd refined(n);
    f.refined_gradient(x, refined);
    r.diagnosis.refined_gradient_norm = measure(x, refined);
  }
  // The curvature at x₀ explains a fixed rate that made f grow: by divergence, or within the
  // iteration limit (f rose over the last window).
  const bool rose = r.status == status::max_iterations && r.diagnosis.progress_rate < 0 &&
                    !std::isnan(r.diagnosis.base_rate);
  if ((r.status == status::diverged || rose) && n <= largest_differenced) {
    r.diagnosis.start_curvature = estimate_curvature(f, x0, largest_differenced);
    count_curvature();
  }
  if (const std::optional<difference_facts> d = f.differences()) {
    r.diagnosis.difference_step = d->step;
    r.diagnosis.precision = d->precision;
    r.evaluations.value += d->values - difference_values_before;
  }
  r.seconds = std::chrono::duration<double>(clock::now() - started).count();
  detail::finish(r, options);
  return r;
}

/// The engine with a method chosen at run time (src/optim/engine.cpp).
result run_any(objective_ref f, const Eigen::VectorXd& x0, const method_options& method,
               const minimize_options& options, std::span<const observer_ref> observers);

// Built in the library, once per built-in method (src/optim/engine_*.cpp).
#define KOBAI_ENGINE_INSTANCE(prefix, M)                                         \
  prefix template result run<M>(objective_ref, const Eigen::VectorXd&, const M&, \
                                const minimize_options&, std::span<const observer_ref>);
#define KOBAI_ENGINE_INSTANCES(prefix)    \
  KOBAI_ENGINE_INSTANCE(prefix, gd)       \
  KOBAI_ENGINE_INSTANCE(prefix, momentum) \
  KOBAI_ENGINE_INSTANCE(prefix, nesterov) \
  KOBAI_ENGINE_INSTANCE(prefix, adagrad)  \
  KOBAI_ENGINE_INSTANCE(prefix, rmsprop)  \
  KOBAI_ENGINE_INSTANCE(prefix, adam)     \
  KOBAI_ENGINE_INSTANCE(prefix, adamw)    \
  KOBAI_ENGINE_INSTANCE(prefix, gd_ls)    \
  KOBAI_ENGINE_INSTANCE(prefix, cg)       \
  KOBAI_ENGINE_INSTANCE(prefix, bfgs)     \
  KOBAI_ENGINE_INSTANCE(prefix, lbfgs)    \
  KOBAI_ENGINE_INSTANCE(prefix, newton)
KOBAI_ENGINE_INSTANCES(extern)
#undef KOBAI_ENGINE_INSTANCES

}  // namespace detail

/// Minimizes f from x0 with `method`. Throws usage_error for invalid options or a dimension
/// mismatch, numerical_error when f or ∇f is not finite at x0. Every other outcome (converged,
/// diverged, stalled, ...) is a status in the result. max_iterations and gtol, when the options
/// leave them unset (or there are no options), are the method's stopping_defaults.
///
///   auto r =
///   kobai::minimize(kobai::tape_objective(kobai::compile(kobai::parse("x^2+y^2").root())),
///                            Eigen::Vector2d{-2, 2}, kobai::gd{.rate = 0.1},
///                            {.max_iterations = 20});
///   r.x  // (-0.02305843009213694, 0.02305843009213694)
template <differentiable_objective F, optimization_method Method, observer... Observers>
requires(!std::same_as<std::remove_cvref_t<Method>, method_options>) result
    minimize(F&& f, const Eigen::VectorXd& x0, const Method& method,
             const minimize_options& options, Observers&&... observers) {
  const std::array<observer_ref, sizeof...(Observers)> list{observer_ref(observers)...};
  return detail::run(objective_ref(f), x0, method, options, list);
}

template <differentiable_objective F, optimization_method Method>
requires(!std::same_as<std::remove_cvref_t<Method>, method_options>) result
    minimize(F&& f, const Eigen::VectorXd& x0, const Method& method) {
  return minimize(std::forward<F>(f), x0, method, minimize_options{});
}

/// minimize() with a method chosen at run time.
template <differentiable_objective F, observer... Observers>
result minimize(F&& f, const Eigen::VectorXd& x0, const method_options& method,
                const minimize_options& options, Observers&&... observers) {
  const std::array<observer_ref, sizeof...(Observers)> list{observer_ref(observers)...};
  return detail::run_any(objective_ref(f), x0, method, options, list);
}

template <differentiable_objective F>
result minimize(F&& f, const Eigen::VectorXd& x0, const method_options& method) {
  return minimize(std::forward<F>(f), x0, method, minimize_options{});
}

}  // namespace kobai
