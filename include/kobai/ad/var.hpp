#pragma once
// Reverse-mode automatic differentiation. The tape records one node per statement, not per
// operation: an arithmetic operation or function on vars returns a small expression object (an
// ad_unary or ad_binary holding its operands by value, its value and its local partial
// derivatives), and assigning an expression to a var records one node holding, for every var
// leaf of the expression, its index and ∂node/∂leaf (the product of the local partials on the
// path from the root, pushed down the expression at compile time). One reverse sweep over the
// nodes, in the opposite order, accumulates adjoints
//   ā_leaf += (∂node/∂leaf) · ā_node
// and yields the whole gradient at a small constant multiple of the function's cost, whatever the
// number of variables (Griewank & Walther, "Evaluating Derivatives", 2nd ed., §3.2 and §4.6; the
// statement-level nodes are those of Stan Math and FastAD, Sagebaum et al. "Expression templates
// for primal value taping in the reverse mode of AD", Optim. Methods Softw. 2018).
//
// The tape is three flat arrays (an arena with indices, structure of arrays): each node's first
// operand, and the operands' indices and partials. Nothing is allocated per operation or per
// statement once a reused tape has grown to the size of the function, and nothing recurses at run
// time. Operations record on the thread's active tape, set by ad_tape::scope.
//
//   kobai::ad_tape t;
//   kobai::ad_tape::scope active(t);
//   kobai::var x = t.variable(3.0), y = t.variable(4.0);
//   kobai::var f = x * y + sin(x);         // one node with three operands: x, y, x
//   std::vector<double> g(2);
//   t.gradient(f, g);                      // g = (y + cos x, x)
//
// An expression object may be kept in an `auto` variable (it holds copies, never references);
// each use of it is recomputed and recorded into the statement that uses it.
//
// kobai::gradient() records a running sum `s += term` without nodes: when the function's result
// is the accumulator s, s has adjoint 1 from start to end, so each term's leaf partials can go
// into the adjoints at once, during the function's own pass (ad_tape::begin_sum). Only the
// statements on other vars are swept. A function that uses its accumulator any other way is
// noticed and taped again as above.
//
// Before any taping, kobai::gradient runs the function once on sum_vars (the scalar of the
// running-sum pass): x[i] carries the address of ∂f/∂x_i in the caller's gradient, and
// `s += term` on the accumulator adds the term's leaf partials there at once. Nothing on a sum_var
// records anything, so nothing in the function's loop can allocate and the compiler keeps the
// pass's bookkeeping in registers. A use that would need a record (a statement assigned to a
// sum_var, the accumulator read, scaled, or an earlier value returned) only marks the pass as
// broken, and kobai::gradient then uses the tape.
#include <Eigen/Core>
#include <algorithm>
#include <cmath>
#include <concepts>
#include <cstdint>
#include <span>
#include <type_traits>
#include <vector>

#include "kobai/ad/messages.hpp"
#include "kobai/error.hpp"

namespace kobai {

class ad_tape;
class var;
class sum_var;
template <class A, bool Singular = false>
class ad_unary;
template <class A, class B, bool Singular = false>
class ad_binary;

namespace detail {
// Node 0 of every tape is a sink that constants point at, so recording needs no branch on
// whether a leaf is a constant.
inline constexpr std::uint32_t constant_node = 0;
// Marks the index of an accumulator's value while a tape adds sums straight into the adjoints
// (ad_tape::add_to_sum); such an index never names a node.
inline constexpr std::uint32_t sum_bit = std::uint32_t{1} << 31;
// The accumulator index of a tape that is not adding sums: no var has it.
inline constexpr std::uint32_t no_sum = ~std::uint32_t{0};
inline thread_local ad_tape* active_tape = nullptr;

// One edge of the chain rule, ∂node/∂leaf = outer·inner, inner a local partial on the path, with
// Edge: a zero inner partial gives 0 even when the outer factor is infinite or NaN (√ of x·x at
// 0: ∞·0). Forward mode's rule (dual.hpp: a zero entry of a derivative stays zero), so that both
// modes give the same gradient; such a kink then has derivative 0, as |a| has at 0. Only the
// operands of a function whose own partial can be infinite at a finite value (√, ∛, pow, asin,
// acos: the Singular nodes) take the rule, and only while that partial is not finite, so that
// every other product stays one multiplication (the rule in every product made the running-sum
// pass 1.7× slower on extended Rosenbrock at n = 10⁴, bench/README.md).
template <bool Edge>
double times(double outer, double inner) noexcept {
  if constexpr (Edge)
    return inner == 0 ? 0.0 : outer * inner;
  else
    return outer * inner;
}

// The thread's running-sum pass (sum_var): the number of the accumulator's current value (0
// before its first addition; each addition gives the next number, so an earlier value or a copy
// is told from the last), and whether a use the pass cannot follow was seen.
struct sum_pass_state {
  std::uint64_t sum = 0;
  bool broken = false;
};
inline thread_local sum_pass_state sum_pass;
// The sum_ field of an input of the pass: never the number of an accumulator's value.
inline constexpr std::uint64_t input_mark = std::uint64_t{1} << 63;

template <class T>
inline constexpr bool is_reverse = false;
template <>
inline constexpr bool is_reverse<var> = true;
template <>
inline constexpr bool is_reverse<sum_var> = true;
template <class A, bool S>
inline constexpr bool is_reverse<ad_unary<A, S>> = true;
template <class A, class B, bool S>
inline constexpr bool is_reverse<ad_binary<A, B, S>> = true;
}  // namespace detail

/// A var or an expression of vars.
template <class T>
concept reverse_number = detail::is_reverse<std::remove_cvref_t<T>>;

/// A real number whose operations are recorded for reverse-mode differentiation. Constants (built
/// from a double) are not recorded.
class var {
 public:
  var(double v = 0) noexcept  // NOLINT(google-explicit-constructor): constants mix with vars
      : v_(v), i_(detail::constant_node) {}
  /// Records the expression as one node on the active tape (nothing when all its leaves are
  /// constants).
  template <reverse_number E>
  requires(!std::same_as<E, var>) var(
      const E& e);  // NOLINT(google-explicit-constructor): expressions become vars on assignment

  double value() const noexcept { return v_; }
  /// Index of the node on the tape; 0 (the tape's sink) for a constant.
  std::uint32_t index() const noexcept { return i_; }

  template <reverse_number E>
  var& operator+=(const E& b);
  template <reverse_number E>
  var& operator-=(const E& b);
  template <reverse_number E>
  var& operator*=(const E& b);
  template <reverse_number E>
  var& operator/=(const E& b);
  var& operator+=(double b);
  var& operator-=(double b);
  var& operator*=(double b);
  var& operator/=(double b);

  // The expression interface (see ad_unary): a var is a leaf.
  using scalar = var;
  static constexpr int leaves = 1;
  template <int Offset, bool Edge = false>
  std::uint32_t push(std::uint32_t* index, double* partial, double w) const noexcept {
    index[Offset] = i_;
    partial[Offset] = w;
    return i_;
  }
  std::uint32_t leaf_bits() const noexcept { return i_; }
  template <bool Edge = false>
  void add_partials(double* adjoint, double w) const noexcept {
    adjoint[i_] += w;
  }

 private:
  friend class ad_tape;
  var(double v, std::uint32_t i) noexcept : v_(v), i_(i) {}
  double v_;
  std::uint32_t i_;
};

/// f(a), with its local partial ∂f/∂a. push<Offset> writes the leaves' indices and their partials
/// times w from position Offset on, and returns the bitwise or of the indices (0: all constants).
/// On sum_var leaves, add_to(w) adds w·∂this/∂leaf into every leaf's adjoint and sum_bits() is the
/// bitwise or of the leaves' sum_bits(). Edge: the products follow detail::times<true>. Singular:
/// f' may be infinite where f is finite, and a product w·f' that is not finite passes Edge on to
/// a's subtree.
template <class A, bool Singular>
class ad_unary {
 public:
  ad_unary(const A& a, double f, double dfa) noexcept : a_(a), v_(f), d_(dfa) {}
  double value() const noexcept { return v_; }
  using scalar = typename A::scalar;  // var or sum_var: what the expression is assigned to
  static constexpr int leaves = A::leaves;
  template <int Offset, bool Edge = false>
  std::uint32_t push(std::uint32_t* index, double* partial, double w) const noexcept {
    const double wd = detail::times<Edge>(w, d_);
    if (Singular && !Edge && !std::isfinite(wd))
      return a_.template push<Offset, true>(index, partial, wd);
    return a_.template push<Offset, Edge>(index, partial, wd);
  }
  /// The bitwise or of the leaves' indices.
  std::uint32_t leaf_bits() const noexcept { return a_.leaf_bits(); }
  /// adjoint[leaf] += w·∂this/∂leaf for every leaf.
  template <bool Edge = false>
  void add_partials(double* adjoint, double w) const noexcept {
    const double wd = detail::times<Edge>(w, d_);
    if (Singular && !Edge && !std::isfinite(wd))
      a_.template add_partials<true>(adjoint, wd);
    else
      a_.template add_partials<Edge>(adjoint, wd);
  }
  std::uint64_t sum_bits() const noexcept { return a_.sum_bits(); }
  template <bool Edge = false>
  void add_to(double w) const noexcept {
    const double wd = detail::times<Edge>(w, d_);
    if (Singular && !Edge && !std::isfinite(wd))
      a_.template add_to<true>(wd);
    else
      a_.template add_to<Edge>(wd);
  }

 private:
  A a_;
  double v_, d_;
};

/// f(a, b), with its local partials ∂f/∂a and ∂f/∂b (Edge and Singular as for ad_unary).
template <class A, class B, bool Singular>
class ad_binary {
 public:
  ad_binary(const A& a, const B& b, double f, double dfa, double dfb) noexcept
      : a_(a), b_(b), v_(f), da_(dfa), db_(dfb) {}
  double value() const noexcept { return v_; }
  using scalar = typename A::scalar;
  static constexpr int leaves = A::leaves + B::leaves;
  template <int Offset, bool Edge = false>
  std::uint32_t push(std::uint32_t* index, double* partial, double w) const noexcept {
    if (Singular && !Edge && !finite(w)) return push<Offset, true>(index, partial, w);
    return a_.template push<Offset, Edge>(index, partial, detail::times<Edge>(w, da_)) |
           b_.template push<Offset + A::leaves, Edge>(index, partial, detail::times<Edge>(w, db_));
  }
  std::uint32_t leaf_bits() const noexcept { return a_.leaf_bits() | b_.leaf_bits(); }
  template <bool Edge = false>
  void add_partials(double* adjoint, double w) const noexcept {
    if (Singular && !Edge && !finite(w)) return add_partials<true>(adjoint, w);
    a_.template add_partials<Edge>(adjoint, detail::times<Edge>(w, da_));
    b_.template add_partials<Edge>(adjoint, detail::times<Edge>(w, db_));
  }
  std::uint64_t sum_bits() const noexcept { return a_.sum_bits() | b_.sum_bits(); }
  template <bool Edge = false>
  void add_to(double w) const noexcept {
    if (Singular && !Edge && !finite(w)) return add_to<true>(w);
    a_.template add_to<Edge>(detail::times<Edge>(w, da_));
    b_.template add_to<Edge>(detail::times<Edge>(w, db_));
  }

 private:
  // Whether both products with w are finite.
  bool finite(double w) const noexcept { return std::isfinite(w * da_) && std::isfinite(w * db_); }

  A a_;
  B b_;
  double v_, da_, db_;
};

/// The scalar of kobai::gradient's running-sum pass: a value, the address its partials are added
/// to (∂f/∂x_i in the caller's gradient for input i, none for a constant) and its place in the
/// running sum (detail::input_mark for an input, 0 for a constant, k for the accumulator's value
/// after its k-th addition). `s += term` and `s −= term` on the accumulator (a constant until its
/// first addition) add ±∂term/∂leaf into the leaves' adjoints: when the accumulator's last value is
/// the result, its adjoint is 1 all along the sum, so these are the reverse sweep's own additions.
/// Nothing here records or allocates; every other use that would need a record marks the thread's
/// pass as broken (detail::sum_pass) and kobai::gradient tapes the function instead.
class sum_var {
 public:
  sum_var(double v = 0) noexcept  // NOLINT(google-explicit-constructor): constants mix in
      : v_(v), adjoint_(nullptr), sum_(0) {}
  /// A statement's value: a constant when every leaf is one; otherwise the pass cannot follow it.
  template <reverse_number E>
  requires(!std::same_as<E, sum_var>) sum_var(const E& e)
  noexcept  // NOLINT(google-explicit-constructor): expressions become values
      : v_(e.value()), adjoint_(nullptr), sum_(0) {
    if (e.sum_bits() != 0) detail::sum_pass.broken = true;
  }
  /// Input i of the pass, whose partials are added to *adjoint.
  static sum_var input(double v, double* adjoint) noexcept {
    return sum_var(v, adjoint, detail::input_mark);
  }

  double value() const noexcept { return v_; }

  template <reverse_number E>
  sum_var& operator+=(const E& b) noexcept {
    return add<1>(b);
  }
  template <reverse_number E>
  sum_var& operator-=(const E& b) noexcept {
    return add<-1>(b);
  }
  template <reverse_number E>
  sum_var& operator*=(const E& b) noexcept {
    return *this = *this * b;
  }
  template <reverse_number E>
  sum_var& operator/=(const E& b) noexcept {
    return *this = *this / b;
  }
  sum_var& operator+=(double b) noexcept {
    v_ += b;
    return shift();
  }
  sum_var& operator-=(double b) noexcept {
    v_ -= b;
    return shift();
  }
  sum_var& operator*=(double b) noexcept;
  sum_var& operator/=(double b) noexcept;

  // The expression interface on sum_vars (see ad_unary).
  using scalar = sum_var;
  static constexpr int leaves = 1;
  std::uint64_t sum_bits() const noexcept { return sum_; }
  // Only inputs have an adjoint. The test folds away wherever the compiler sees the leaf made (an
  // input read in the loop, `const T c = 2` in the function); a shared sink for constants instead
  // would put a store-to-load round trip on every term that has one.
  template <bool Edge = false>
  void add_to(double w) const noexcept {
    if (sum_ == detail::input_mark) *adjoint_ += w;
  }

 private:
  sum_var(double v, double* adjoint, std::uint64_t sum) noexcept
      : v_(v), adjoint_(adjoint), sum_(sum) {}

  // Only the accumulator's last value may grow the sum, and its term must not read the
  // accumulator (inputs and constants only: their sum_bits() are input_mark or 0). The partials
  // are added either way (a term's leaves are inputs or constants, and a broken pass's gradient is
  // never used): with no branch and no call in a loop of `s += term`, g++ keeps the bookkeeping in
  // registers and vectorizes two terms at a time (the accumulator's own adds stay in order).
  template <int Sign, class E>
  sum_var& add(const E& b) noexcept {
    detail::sum_pass_state& pass = detail::sum_pass;
    if constexpr (Sign > 0)
      v_ += b.value();
    else
      v_ -= b.value();
    pass.broken |= (sum_ != pass.sum) | ((b.sum_bits() & ~detail::input_mark) != 0);
    b.add_to(Sign);
    sum_ = ++pass.sum;
    return *this;
  }
  sum_var& shift() noexcept {
    detail::sum_pass_state& pass = detail::sum_pass;
    pass.broken |= sum_ != pass.sum;
    sum_ = ++pass.sum;
    return *this;
  }

  double v_;
  double* adjoint_;
  std::uint64_t sum_;
};

/// The record of statements on vars, and the reverse sweep over it.
class ad_tape {
 public:
  /// Makes this tape the thread's active tape for the scope's lifetime (restoring the previous).
  class scope {
   public:
    explicit scope(ad_tape& t) noexcept : previous_(detail::active_tape) {
      detail::active_tape = &t;
    }
    ~scope() { detail::active_tape = previous_; }
    scope(const scope&) = delete;
    scope& operator=(const scope&) = delete;

   private:
    ad_tape* previous_;
  };

  ad_tape() { clear(); }

  /// A new independent variable. Create all variables before the operations on them, so that the
  /// i-th variable is node i + 1 and gradient() can hand back the adjoints of the first n.
  var variable(double v) {
    if (nodes_ == start_.size()) grow(0);
    if (operands_ == 0) leading_ = nodes_ + 1;
    start_[nodes_] = operands_;
    return var(v, nodes_++);
  }

  /// out.size() new independent variables at once, out[i] = x[i], as variable() would give them
  /// (x: anything with x[i], such as an Eigen vector).
  template <class V>
  void variables(const V& x, std::span<var> out) {
    const std::size_t n = out.size();
    while (nodes_ + n > start_.size()) start_.resize(2 * start_.size());
    const std::uint32_t first = nodes_, operands = operands_;
    std::fill_n(start_.begin() + first, n, operands);
    for (std::size_t i = 0; i < n; ++i)
      out[i] = var(static_cast<double>(x[static_cast<Eigen::Index>(i)]),
                   first + static_cast<std::uint32_t>(i));
    nodes_ = first + static_cast<std::uint32_t>(n);
    if (operands == 0) leading_ = nodes_;
  }

  /// Reserves n new independent variables whose vars are made on demand by input(), with the
  /// same node numbers variables() would give them; returns the node of the first.
  std::uint32_t reserve_variables(std::size_t n) {
    while (nodes_ + n >= start_.size()) start_.resize(2 * start_.size());
    const std::uint32_t first = nodes_, operands = operands_;
    // Nodes below leading_ are never read by the sweep; variables made after a statement are.
    if (operands != 0) std::fill_n(start_.begin() + first, n, operands);
    nodes_ = first + static_cast<std::uint32_t>(n);
    if (operands == 0) leading_ = nodes_;
    return first;
  }
  /// The var of a variable reserved by reserve_variables(), holding value v.
  static var input(double v, std::uint32_t node) noexcept { return var(v, node); }

  /// Forgets every node but keeps the memory, so a tape reused for many gradients allocates once.
  void clear() {
    if (start_.empty()) start_.resize(64);
    start_[0] = 0;  // the sink: no operands
    nodes_ = 1;
    leading_ = 1;
    operands_ = 0;
    sum_broken_ = false;
    sum_ = detail::no_sum;
  }

  /// Sums added straight into the adjoints, for a function whose result is a sum built by
  /// `s += term` (the usual shape of an objective: least squares, extended Rosenbrock, penalties).
  /// After this call, `s += e` and `s -= e` on the accumulator (a var that starts as a constant
  /// and only ever changes by += and −=) record nothing: they add ±∂e/∂leaf to the leaves'
  /// adjoints at once, which is the reverse sweep's own work for those statements when the
  /// accumulator's final value is the result (its adjoint is then 1 all along the sum). Statements
  /// on other vars are recorded as usual and swept by finish_sum(). That assumption fails when the
  /// accumulator's value is used any other way (read into another statement, or an earlier value
  /// returned); the tape notices and finish_sum() reports it, and the function must then be taped
  /// again without this mode. Call after the variables are made.
  void begin_sum() {
    sum_ = detail::constant_node;  // a constant starts the sum
    adjoint_.assign(nodes_, 0.0);
  }
  /// In the mode of begin_sum(), the gradient of y into out (as gradient() does) and true; false
  /// when the accumulator was used in a way the mode cannot follow (nothing is written).
  bool finish_sum(const var& y, std::span<double> out) {
    const std::uint32_t top = y.index();
    if (sum_broken_ || ((top & detail::sum_bit) != 0 && top != sum_)) return false;
    if ((top & detail::sum_bit) == 0) {
      gradient(y, out);  // y does not depend on the sum: the additions made are not needed
      return true;
    }
    check_outputs(out.size());
    sweep(nodes_ - 1);
    copy_gradient(out, nodes_ - 1);
    return true;
  }
  /// Number of nodes recorded (variables and statements).
  std::size_t size() const noexcept { return nodes_ - 1; }

  /// Number of variables made before the first statement: the ones gradient() can report.
  std::size_t variable_count() const noexcept { return leading_ - 1; }

  /// One reverse sweep from y: out[i] = ∂y/∂(variable i) for the first out.size() variables.
  /// Throws usage_error when out has more entries than variable_count().
  void gradient(const var& y, std::span<double> out) {
    check_outputs(out.size());
    const std::uint32_t top = y.index();
    adjoint_.assign(top + 1, 0.0);
    adjoint_[top] = 1;
    sweep(top);
    copy_gradient(out, top);
  }

  /// Records an expression as one node; returns its index, or 0 when every leaf is a constant.
  template <class E>
  std::uint32_t record(const E& e) {
    constexpr int n = E::leaves;
    if (nodes_ == start_.size() || operands_ + n > index_.size()) grow(n);
    // Local copies: the stores through the arrays below could otherwise alias the counters.
    const std::uint32_t node = nodes_, operands = operands_;
    const std::uint32_t leaves =
        e.template push<0>(index_.data() + operands, partial_.data() + operands, 1.0);
    if (leaves == 0) return detail::constant_node;
    if ((leaves & detail::sum_bit) != 0) sum_broken_ = true;  // the accumulator read elsewhere
    start_[node] = operands;
    operands_ = operands + n;
    nodes_ = node + 1;
    if (sum_ != detail::no_sum) {
      if (node >= adjoint_.size()) adjoint_.resize(2 * std::size_t{node});
      adjoint_[node] = 0;
    }
    return node;
  }

  /// In the mode of begin_sum(): s += sign·e without recording, when s is the accumulator (or a
  /// constant and no accumulator exists yet). Returns false, changing nothing, otherwise; the
  /// caller then records the statement as usual.
  template <class E>
  bool add_to_sum(var& s, const E& e, double sign) {
    if (s.i_ != sum_) return false;
    if ((e.leaf_bits() & detail::sum_bit) != 0) {
      sum_broken_ = true;  // the accumulator inside its own term
      return false;
    }
    e.add_partials(adjoint_.data(), sign);
    s.i_ = sum_ = next_sum();
    return true;
  }
  /// In the mode of begin_sum(): s += c for a constant c, as add_to_sum() (nothing to add).
  bool shift_sum(var& s) {
    if (s.i_ != sum_) return false;
    s.i_ = sum_ = next_sum();
    return true;
  }

 private:
  // Each value of the accumulator gets its own index, so that finish_sum() can tell the last
  // from a copy of an earlier one (the count wraps after 2³¹ additions).
  std::uint32_t next_sum() const noexcept { return (sum_ + 1) | detail::sum_bit; }

  // Entry i of a gradient is node i + 1, a variable only while i < variable_count(); past that
  // it would be a statement's adjoint.
  void check_outputs(std::size_t wanted) const {
    if (wanted > variable_count())
      throw usage_error(ad_messages::too_many_outputs(wanted, variable_count()));
  }

  void sweep(std::uint32_t top) {
    // y is a variable made before any statement (or the sink): nothing to sweep, and the carry's
    // node leading_ − 1 may lie past the top + 1 adjoints.
    if (top < leading_) return;
    // Down to the first statement: the sink (node 0) and the variables created before it have
    // no operands. Node k's operands are [start_k, start_{k+1}).
    std::uint32_t end = top + 1 < nodes_ ? start_[top + 1] : operands_;
    const std::uint32_t* index = index_.data();
    const double* partial = partial_.data();
    double* adjoint = adjoint_.data();
    // A statement's first operand is often the statement just before it (s += term): that
    // operand's share of the adjoint is carried to the next iteration in a register instead of
    // being stored and loaded back at once, which would put a store-to-load round trip on the
    // chain that runs through every statement. The sum ā_{k−1} = (its other shares) + carry
    // is the same as when the carry goes through memory, node k being the last to contribute.
    // An adjoint that is not finite (a Singular node's partial at its singular point) reaches
    // the operands by detail::times<true>; the test is once per node.
    double carry = 0;
    for (std::uint32_t k = top; k >= leading_; --k) {
      std::uint32_t j = start_[k];
      const std::uint32_t begin = j;
      const double a = adjoint[k] + carry;
      carry = 0;
      if (std::isfinite(a)) [[likely]] {
        if (j < end && index[j] == k - 1) carry = partial[j++] * a;
        for (; j < end; ++j) adjoint[index[j]] += partial[j] * a;
      } else {
        if (j < end && index[j] == k - 1) carry = detail::times<true>(a, partial[j++]);
        for (; j < end; ++j) adjoint[index[j]] += detail::times<true>(a, partial[j]);
      }
      end = begin;
    }
    adjoint[leading_ - 1] += carry;
  }

  void copy_gradient(std::span<double> out, std::uint32_t top) const {
    const std::size_t known = std::min<std::size_t>(out.size(), top);
    std::copy_n(adjoint_.begin() + 1, known, out.begin());
    std::fill(out.begin() + static_cast<std::ptrdiff_t>(known), out.end(), 0.0);
  }

  // Doubles the arrays that are full (growth is amortized, and a reused tape keeps its memory).
  void grow(int operands) {
    if (nodes_ == start_.size()) start_.resize(2 * start_.size());
    const std::size_t needed = operands_ + static_cast<std::size_t>(operands);
    if (needed > index_.size()) {
      const std::size_t size = std::max<std::size_t>({2 * index_.size(), needed, 256});
      index_.resize(size);
      partial_.resize(size);
    }
  }

  std::vector<std::uint32_t> start_;  // node k's first operand
  std::vector<std::uint32_t> index_;  // operands' node indices
  std::vector<double> partial_;       // ∂node/∂operand
  std::vector<double> adjoint_;
  std::uint32_t nodes_ = 1, operands_ = 0;
  std::uint32_t leading_ = 1;  // nodes below this one have no operands (sink, first variables)
  // The mode of begin_sum(): the accumulator's index (no_sum outside the mode), and whether a
  // use of the accumulator it cannot follow was seen.
  std::uint32_t sum_ = detail::no_sum;
  bool sum_broken_ = false;
};

template <reverse_number E>
requires(!std::same_as<E, var>) inline var::var(const E& e)
    : v_(e.value()), i_(detail::active_tape->record(e)) {}

// ---- the chain rule for one operation: value f and local partials -----------------------------

template <reverse_number A>
ad_unary<A> chain(const A& a, double f, double dfa) noexcept {
  return {a, f, dfa};
}
template <reverse_number A, reverse_number B>
ad_binary<A, B> chain(const A& a, const B& b, double f, double dfa, double dfb) noexcept {
  return {a, b, f, dfa, dfb};
}
/// chain for a function whose partial may be infinite where its value is finite (√ at 0): see
/// detail::times.
template <reverse_number A>
ad_unary<A, true> singular_chain(const A& a, double f, double dfa) noexcept {
  return {a, f, dfa};
}
template <reverse_number A, reverse_number B>
ad_binary<A, B, true> singular_chain(const A& a, const B& b, double f, double dfa,
                                     double dfb) noexcept {
  return {a, b, f, dfa, dfb};
}

// ---- arithmetic -------------------------------------------------------------------------------

template <reverse_number A, reverse_number B>
ad_binary<A, B> operator+(const A& a, const B& b) noexcept {
  return {a, b, a.value() + b.value(), 1, 1};
}
template <reverse_number A, reverse_number B>
ad_binary<A, B> operator-(const A& a, const B& b) noexcept {
  return {a, b, a.value() - b.value(), 1, -1};
}
template <reverse_number A, reverse_number B>
ad_binary<A, B> operator*(const A& a, const B& b) noexcept {
  return {a, b, a.value() * b.value(), b.value(), a.value()};
}
template <reverse_number A, reverse_number B>
ad_binary<A, B> operator/(const A& a, const B& b) noexcept {
  const double q = a.value() / b.value();
  return {a, b, q, 1 / b.value(), -q / b.value()};
}
template <reverse_number A>
ad_unary<A> operator-(const A& a) noexcept {
  return {a, -a.value(), -1};
}
template <reverse_number A>
A operator+(const A& a) noexcept {
  return a;
}
template <reverse_number A>
ad_unary<A> operator+(const A& a, double b) noexcept {
  return {a, a.value() + b, 1};
}
template <reverse_number B>
ad_unary<B> operator+(double a, const B& b) noexcept {
  return {b, a + b.value(), 1};
}
template <reverse_number A>
ad_unary<A> operator-(const A& a, double b) noexcept {
  return {a, a.value() - b, 1};
}
template <reverse_number B>
ad_unary<B> operator-(double a, const B& b) noexcept {
  return {b, a - b.value(), -1};
}
template <reverse_number A>
ad_unary<A> operator*(const A& a, double b) noexcept {
  return {a, a.value() * b, b};
}
template <reverse_number B>
ad_unary<B> operator*(double a, const B& b) noexcept {
  return {b, a * b.value(), a};
}
template <reverse_number A>
ad_unary<A> operator/(const A& a, double b) noexcept {
  return {a, a.value() / b, 1 / b};
}
template <reverse_number B>
ad_unary<B> operator/(double a, const B& b) noexcept {
  const double q = a / b.value();
  return {b, q, -q / b.value()};
}

template <reverse_number E>
var& var::operator+=(const E& b) {
  const double v = v_ + b.value();
  if (!detail::active_tape->add_to_sum(*this, b, 1.0)) return *this = *this + b;
  v_ = v;
  return *this;
}
template <reverse_number E>
var& var::operator-=(const E& b) {
  const double v = v_ - b.value();
  if (!detail::active_tape->add_to_sum(*this, b, -1.0)) return *this = *this - b;
  v_ = v;
  return *this;
}
template <reverse_number E>
var& var::operator*=(const E& b) {
  return *this = *this * b;
}
template <reverse_number E>
var& var::operator/=(const E& b) {
  return *this = *this / b;
}
inline var& var::operator+=(double b) {
  if (!detail::active_tape->shift_sum(*this)) return *this = *this + b;
  v_ += b;
  return *this;
}
inline var& var::operator-=(double b) {
  if (!detail::active_tape->shift_sum(*this)) return *this = *this - b;
  v_ -= b;
  return *this;
}
inline var& var::operator*=(double b) {
  return *this = *this * b;
}
inline var& var::operator/=(double b) {
  return *this = *this / b;
}
inline sum_var& sum_var::operator*=(double b) noexcept {
  return *this = *this * b;
}
inline sum_var& sum_var::operator/=(double b) noexcept {
  return *this = *this / b;
}

// Comparisons look at values only, so that code with branches runs on vars.
namespace detail {
template <class T>
concept reverse_operand = reverse_number<T> || std::is_arithmetic_v<T>;
template <class A, class B>
concept reverse_comparison = reverse_operand<A> && reverse_operand<B> &&
    (reverse_number<A> || reverse_number<B>);
inline double value_of(double a) noexcept {
  return a;
}
template <reverse_number A>
double value_of(const A& a) noexcept {
  return a.value();
}
}  // namespace detail

template <class A, class B>
requires detail::reverse_comparison<A, B>
bool operator<(const A& a, const B& b) noexcept {
  return detail::value_of(a) < detail::value_of(b);
}
template <class A, class B>
requires detail::reverse_comparison<A, B>
bool operator>(const A& a, const B& b) noexcept {
  return detail::value_of(a) > detail::value_of(b);
}
template <class A, class B>
requires detail::reverse_comparison<A, B>
bool operator<=(const A& a, const B& b) noexcept {
  return detail::value_of(a) <= detail::value_of(b);
}
template <class A, class B>
requires detail::reverse_comparison<A, B>
bool operator>=(const A& a, const B& b) noexcept {
  return detail::value_of(a) >= detail::value_of(b);
}
template <class A, class B>
requires detail::reverse_comparison<A, B>
bool operator==(const A& a, const B& b) noexcept {
  return detail::value_of(a) == detail::value_of(b);
}

/// min and max of two different expressions follow the chosen argument, as a var (the first on
/// ties, like fmin/fmax's value); functions.hpp covers two operands of the same type.
template <reverse_number A, reverse_number B>
typename A::scalar min(const A& a, const B& b) {
  using T = typename A::scalar;
  return b.value() < a.value() ? T(b) : T(a);
}
template <reverse_number A, reverse_number B>
typename A::scalar max(const A& a, const B& b) {
  using T = typename A::scalar;
  return b.value() > a.value() ? T(b) : T(a);
}

}  // namespace kobai

#include "kobai/ad/functions.hpp"

// Lets Eigen hold vars and sum_vars: Eigen::Matrix<kobai::var, N, 1>.
namespace kobai::detail {
template <class T>
struct reverse_num_traits : Eigen::NumTraits<double> {
  using Real = T;
  using NonInteger = T;
  using Nested = T;
  using Literal = T;
  enum {
    IsComplex = 0,
    IsInteger = 0,
    IsSigned = 1,
    RequireInitialization = 1,
    ReadCost = 1,
    AddCost = 3,
    MulCost = 3
  };
};
}  // namespace kobai::detail
template <>
struct Eigen::NumTraits<kobai::var> : kobai::detail::reverse_num_traits<kobai::var> {};
template <>
struct Eigen::NumTraits<kobai::sum_var> : kobai::detail::reverse_num_traits<kobai::sum_var> {};

// A var or sum_var times a double in Eigen's own operations (x.dot(c), A * x with A of doubles,
// x − c): the product is of the reverse scalar, as the operators above make it.
template <class T, class BinaryOp>
requires std::same_as<T, kobai::var> || std::same_as<T, kobai::sum_var>
struct Eigen::ScalarBinaryOpTraits<T, double, BinaryOp> {
  using ReturnType = T;
};
template <class T, class BinaryOp>
requires std::same_as<T, kobai::var> || std::same_as<T, kobai::sum_var>
struct Eigen::ScalarBinaryOpTraits<double, T, BinaryOp> {
  using ReturnType = T;
};
