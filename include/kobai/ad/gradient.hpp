#pragma once
// Gradients of users' C++ functions. The user writes the objective once, generic over the scalar:
//
//   using kobai::sq;
//   auto rosenbrock = [](const auto& x) { return sq(1 - x[0]) + 100 * sq(x[1] - sq(x[0])); };
//   Eigen::VectorXd g = kobai::gradient(rosenbrock, Eigen::Vector2d{-1.2, 1});
//
// x arrives with the size of the given point (a column or a row vector), as an Eigen column vector
// of kobai::dual<N> (forward mode) or as a read-only Eigen expression whose coefficients are
// kobai::var (reverse mode: x[i], x.size(), segments, dot products of expressions of x and the
// other read-only operations work; x.data() does not; nor does x.stableNorm() in reverse mode).
// Eigen mixes these scalars with double in its own operations (x.dot(c), A * x, x − c with c and
// A of doubles); in reverse mode each of Eigen's products and additions is then a statement on
// the tape, while the loop `s += x[i] * c[i]` is the running sum reverse mode takes without one.
// ad_mode::automatic takes forward mode for points of fixed size up to 16 (one pass with N
// derivatives, nothing allocated) and reverse mode otherwise (one pass recording the tape, one
// reverse sweep: cost independent of n). In reverse mode the function first runs once on
// kobai::sum_var, with the caller's g as the adjoints of the inputs: a result summed with
// `s += term`, or an expression of the inputs returned directly, is differentiated in that one
// pass without a tape. A function that needs a tape (a statement assigned to a scalar of its own,
// its accumulator used otherwise) is noticed and taped, from then on at once (per function type
// and thread); see var.hpp.
#include <Eigen/Core>
#include <algorithm>
#include <concepts>
#include <functional>
#include <optional>
#include <span>
#include <type_traits>
#include <utility>

#include "kobai/ad/dual.hpp"
#include "kobai/ad/messages.hpp"
#include "kobai/ad/var.hpp"
#include "kobai/error.hpp"

namespace kobai {

/// How gradient() differentiates.
enum class ad_mode {
  automatic,  ///< forward for fixed sizes ≤ 16, reverse otherwise
  forward,    ///< dual numbers: one pass with dual<N> for fixed N, n passes of dual<1> otherwise
  reverse     ///< a tape of vars and one reverse sweep
};

namespace detail {

inline constexpr int max_forward_size = 16;

inline ad_tape& thread_tape() {
  static thread_local ad_tape tape;
  return tape;
}

// The number of inputs, known at compile time or Eigen::Dynamic. A row vector is a point as
// good as a column vector (the function still receives a column vector); a matrix is not one.
template <class Derived>
constexpr int size_at_compile_time() {
  static_assert(Eigen::MatrixBase<Derived>::IsVectorAtCompileTime,
                "kobai::gradient: the point x must be an Eigen vector (a column or a row vector), "
                "not a matrix");
  return Eigen::MatrixBase<Derived>::SizeAtCompileTime;
}

template <class F, class Derived>
double forward_gradient(F& f, const Eigen::MatrixBase<Derived>& x, Eigen::Ref<Eigen::VectorXd> g) {
  constexpr int N = size_at_compile_time<Derived>();
  const auto n = x.size();
  if constexpr (N != Eigen::Dynamic) {
    Eigen::Matrix<dual<N>, N, 1> xd;
    for (int i = 0; i < N; ++i) xd[i] = dual<N>(x[i], i);
    const dual<N> y = f(std::as_const(xd));
    g = y.derivatives();
    return y.value();
  } else {
    // One directional derivative per pass: ∂f/∂x_k = f'(x)·e_k. x is read once, before g[0] is
    // written (g may be x itself); each pass only moves the seed.
    using seed = Eigen::Matrix<double, 1, 1>;
    Eigen::Matrix<dual<1>, Eigen::Dynamic, 1> xd(n);
    for (Eigen::Index i = 0; i < n; ++i) xd[i] = dual<1>(x[i], seed(0.0));
    double value = 0;
    for (Eigen::Index k = 0; k < n; ++k) {
      if (k > 0) xd[k - 1] = dual<1>(xd[k - 1].value(), seed(0.0));
      xd[k] = dual<1>(xd[k].value(), seed(1.0));
      const dual<1> y = f(std::as_const(xd));
      g[k] = y.derivative(0);
      value = y.value();
    }
    return value;
  }
}

// The inputs of a reverse pass as an Eigen expression: x[i] makes the var of variable i from the
// point's value when it is read, so no vector of vars is written and read back.
struct reverse_inputs {
  const double* x;
  std::uint32_t first;
  var operator()(Eigen::Index i) const noexcept {
    return ad_tape::input(x[i], first + static_cast<std::uint32_t>(i));
  }
};

// The inputs of the running-sum pass: x[i] is a sum_var whose partials go to g[i].
struct sum_inputs {
  const double* x;
  double* g;
  sum_var operator()(Eigen::Index i) const noexcept { return sum_var::input(x[i], g + i); }
};

// The thread's running-sum pass for one function: a fresh state, the caller's restored at the end
// (a function may take gradients inside its own pass).
class sum_pass_scope {
 public:
  sum_pass_scope() noexcept : saved_(sum_pass) {
    sum_pass.sum = 0;
    sum_pass.broken = false;
  }
  ~sum_pass_scope() {
    sum_pass.sum = saved_.sum;
    sum_pass.broken = saved_.broken;
  }
  sum_pass_scope(const sum_pass_scope&) = delete;
  sum_pass_scope& operator=(const sum_pass_scope&) = delete;

  /// Whether the pass's additions are the whole gradient of y: y is the accumulator's last value,
  /// or no sum was made and y is an input, a constant or an expression of them (whose partials are
  /// then added here, with ∂y/∂y = 1).
  template <class R>
  bool finish(const R& y) const noexcept {
    if (sum_pass.broken) return false;
    if constexpr (std::same_as<R, sum_var>)
      if (sum_pass.sum != 0) return y.sum_bits() == sum_pass.sum;
    // Otherwise a sum made is not the result (or only part of it): the tape must sort it out.
    if (sum_pass.sum != 0) return false;
    // No accumulator exists: y's leaves are inputs and constants (or y is a plain number).
    if constexpr (reverse_number<R>) y.add_to(1.0);
    return true;
  }

 private:
  sum_pass_state saved_;
};

// The running-sum pass: f(x) with ∇f(x) in out, or nothing when f needs a tape (out is then
// overwritten with partial sums).
template <class F, int N>
std::optional<double> sum_pass_gradient(F& f, std::span<const double> x, std::span<double> out) {
  std::fill(out.begin(), out.end(), 0.0);
  sum_pass_scope pass;
  const auto n = static_cast<Eigen::Index>(x.size());
  // A named const object, so that functions taking `auto&` see a const lvalue.
  const auto inputs =
      Eigen::Matrix<sum_var, N, 1>::NullaryExpr(n, sum_inputs{x.data(), out.data()});
  const auto y = f(inputs);
  if (!pass.finish(y)) return std::nullopt;
  return value_of(y);
}

template <class F, class Derived>
double reverse_gradient(F& f, const Eigen::MatrixBase<Derived>& x, Eigen::Ref<Eigen::VectorXd> g) {
  constexpr int N = size_at_compile_time<Derived>();
  const Eigen::Ref<const Eigen::VectorXd> given(x);
  const std::span<double> out(g.data(), static_cast<std::size_t>(g.size()));
  // The running-sum pass writes g while it reads x, and a pass it hands over to the tape has left
  // partial sums in g: a g that overlaps x gets a copy of x, read by every pass.
  std::span<const double> point(given.data(), out.size());
  Eigen::VectorXd copy;
  const std::less<const double*> below;
  if (below(point.data(), out.data() + out.size()) &&
      below(out.data(), point.data() + point.size())) {
    copy = given;
    point = std::span<const double>(copy.data(), out.size());
  }
  // The running-sum pass first (see sum_pass_gradient), until a function turns out to need a
  // tape.
  static thread_local bool needs_tape = false;
  if (!needs_tape) {
    if (const std::optional<double> value = sum_pass_gradient<F, N>(f, point, out)) return *value;
    needs_tape = true;
  }
  // Reuse the thread's tape (and its memory) unless a gradient is already being taken on it.
  const bool nested = detail::active_tape == &thread_tape();
  std::optional<ad_tape> local;
  ad_tape& tape = nested ? local.emplace() : thread_tape();
  ad_tape::scope active(tape);
  const auto taped = [&](bool sum) {
    tape.clear();
    const std::uint32_t first = tape.reserve_variables(static_cast<std::size_t>(x.size()));
    if (sum) tape.begin_sum();
    // A named const object, so that functions taking `auto&` see a const lvalue as before.
    const auto inputs =
        Eigen::Matrix<var, N, 1>::NullaryExpr(x.size(), reverse_inputs{point.data(), first});
    return var(f(inputs));
  };
  // A function whose result is a running sum (s += term) takes the accumulating mode of
  // ad_tape::begin_sum(); one that uses its accumulator otherwise is taped again normally, and
  // from then on at once (per function type and thread).
  static thread_local bool not_a_sum = false;
  if (!not_a_sum) {
    const var y = taped(true);
    if (tape.finish_sum(y, out)) return y.value();
    not_a_sum = true;
  }
  const var y = taped(false);
  tape.gradient(y, out);
  return y.value();
}

}  // namespace detail

/// f(x), and ∇f(x) written into g (g.size() == x.size()).
template <class F, class Derived>
double value_and_gradient(F&& f, const Eigen::MatrixBase<Derived>& x, Eigen::Ref<Eigen::VectorXd> g,
                          ad_mode mode = ad_mode::automatic) {
  if (g.size() != x.size()) throw usage_error(ad_messages::size_mismatch(g.size(), x.size()));
  constexpr int N = detail::size_at_compile_time<Derived>();
  if (mode == ad_mode::automatic)
    mode =
        N != Eigen::Dynamic && N <= detail::max_forward_size ? ad_mode::forward : ad_mode::reverse;
  if (mode == ad_mode::forward) return detail::forward_gradient(f, x, g);
  return detail::reverse_gradient(f, x, g);
}

/// ∇f(x) of a generic function f (see the header comment).
template <class F, class Derived>
Eigen::VectorXd gradient(F&& f, const Eigen::MatrixBase<Derived>& x,
                         ad_mode mode = ad_mode::automatic) {
  Eigen::VectorXd g(x.size());
  value_and_gradient(f, x, g, mode);
  return g;
}

}  // namespace kobai
