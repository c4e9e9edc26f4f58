#pragma once
// Reverse-mode automatic differentiation. Every operation on kobai::var appends one node to a
// tape: the indices of its (at most two) operands and the local partial derivatives. One reverse
// sweep over the nodes, in the opposite order, accumulates adjoints
//   ā_operand += (∂node/∂operand) · ā_node
// and yields the whole gradient at a small constant multiple of the function's cost, whatever the
// number of variables (Griewank & Walther, "Evaluating Derivatives", 2nd ed., §3.2 and §4.6).
//
// The tape is a flat array (an arena with indices): no allocation per operation beyond the
// array's amortized growth, which a reused tape does not repeat, and no recursion anywhere.
// Operations record on the thread's active tape, set by ad_tape::scope.
//
//   kobai::ad_tape t;
//   kobai::ad_tape::scope active(t);
//   kobai::var x = t.variable(3.0), y = t.variable(4.0);
//   kobai::var f = x * y + sin(x);
//   std::vector<double> g(2);
//   t.gradient(f, g);                      // g = (y + cos x, x)
#include <Eigen/Core>
#include <cstdint>
#include <span>
#include <vector>

#include "kobai/ad/messages.hpp"
#include "kobai/error.hpp"

namespace kobai {

class ad_tape;

namespace detail {
// Node 0 of every tape is a sink that constants point at. Every node has two operand slots; an
// unused slot holds a zero partial, so the reverse sweep needs no branch.
inline constexpr std::uint32_t constant_node = 0;
inline thread_local ad_tape* active_tape = nullptr;
}  // namespace detail

/// A real number whose operations are recorded for reverse-mode differentiation. Constants (built
/// from a double) are not recorded.
class var {
 public:
  var(double v = 0) noexcept  // NOLINT(google-explicit-constructor): constants mix with vars
      : v_(v), i_(detail::constant_node) {}
  double value() const noexcept { return v_; }
  /// Index of the node on the tape; 0 (the tape's sink) for a constant.
  std::uint32_t index() const noexcept { return i_; }

  var& operator+=(const var& b);
  var& operator-=(const var& b);
  var& operator*=(const var& b);
  var& operator/=(const var& b);

  friend var chain(const var& a, double f, double dfa);
  friend var chain(const var& a, const var& b, double f, double dfa, double dfb);

 private:
  friend class ad_tape;
  var(double v, std::uint32_t i) noexcept : v_(v), i_(i) {}
  double v_;
  std::uint32_t i_;
};

/// The record of operations on vars, and the reverse sweep over it.
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
  var variable(double v) { return var(v, push(detail::constant_node, 0)); }

  /// Forgets every node but keeps the memory, so a tape reused for many gradients allocates once.
  void clear() {
    nodes_.clear();
    nodes_.push_back({detail::constant_node, detail::constant_node, 0, 0});
  }
  /// Number of nodes recorded (variables and operations).
  std::size_t size() const noexcept { return nodes_.size() - 1; }

  /// One reverse sweep from y: out[i] = ∂y/∂(variable i) for the first out.size() variables.
  void gradient(const var& y, std::span<double> out) {
    if (out.size() > size()) throw usage_error(ad_messages::too_many_outputs(out.size(), size()));
    adjoint_.assign(nodes_.size(), 0.0);
    adjoint_[y.index()] = 1;
    // Down to node 1; the sink (node 0) has no operands. No branches: unused operand slots carry
    // a zero partial.
    for (std::size_t k = y.index(); k > 0; --k) {
      const double a = adjoint_[k];
      const node& n = nodes_[k];
      adjoint_[n.a] += n.da * a;
      adjoint_[n.b] += n.db * a;
    }
    for (std::size_t i = 0; i < out.size(); ++i) out[i] = y.index() == 0 ? 0.0 : adjoint_[i + 1];
  }

  /// Appends a node with two operands; used by the operations on var.
  std::uint32_t push(std::uint32_t a, std::uint32_t b, double da, double db) {
    nodes_.push_back({a, b, da, db});
    return static_cast<std::uint32_t>(nodes_.size() - 1);
  }
  /// Appends a node with one operand. Its unused second slot points at the node itself with a
  /// zero partial, rather than at the sink, so that the reverse sweep's updates do not all chain
  /// through one memory cell.
  std::uint32_t push(std::uint32_t a, double da) {
    const auto self = static_cast<std::uint32_t>(nodes_.size());
    nodes_.push_back({a, self, da, 0});
    return self;
  }

 private:
  struct node {
    std::uint32_t a, b;  // operands; an unused slot has a zero partial
    double da, db;       // ∂node/∂a, ∂node/∂b
  };
  std::vector<node> nodes_;
  std::vector<double> adjoint_;
};

inline var chain(const var& a, double f, double dfa) {
  if (a.i_ == detail::constant_node) return var(f);
  return var(f, detail::active_tape->push(a.i_, dfa));
}

inline var chain(const var& a, const var& b, double f, double dfa, double dfb) {
  if (a.i_ == detail::constant_node) {
    if (b.i_ == detail::constant_node) return var(f);
    return var(f, detail::active_tape->push(b.i_, dfb));
  }
  if (b.i_ == detail::constant_node) return var(f, detail::active_tape->push(a.i_, dfa));
  return var(f, detail::active_tape->push(a.i_, b.i_, dfa, dfb));
}

inline var operator+(const var& a, const var& b) {
  return chain(a, b, a.value() + b.value(), 1, 1);
}
inline var operator-(const var& a, const var& b) {
  return chain(a, b, a.value() - b.value(), 1, -1);
}
inline var operator*(const var& a, const var& b) {
  return chain(a, b, a.value() * b.value(), b.value(), a.value());
}
inline var operator/(const var& a, const var& b) {
  const double q = a.value() / b.value();
  return chain(a, b, q, 1 / b.value(), -q / b.value());
}
inline var operator-(const var& a) {
  return chain(a, -a.value(), -1);
}
inline var operator+(const var& a) {
  return a;
}
inline var operator+(const var& a, double b) {
  return chain(a, a.value() + b, 1);
}
inline var operator+(double a, const var& b) {
  return chain(b, a + b.value(), 1);
}
inline var operator-(const var& a, double b) {
  return chain(a, a.value() - b, 1);
}
inline var operator-(double a, const var& b) {
  return chain(b, a - b.value(), -1);
}
inline var operator*(const var& a, double b) {
  return chain(a, a.value() * b, b);
}
inline var operator*(double a, const var& b) {
  return chain(b, a * b.value(), a);
}
inline var operator/(const var& a, double b) {
  return chain(a, a.value() / b, 1 / b);
}
inline var operator/(double a, const var& b) {
  const double q = a / b.value();
  return chain(b, q, -q / b.value());
}

inline var& var::operator+=(const var& b) {
  return *this = *this + b;
}
inline var& var::operator-=(const var& b) {
  return *this = *this - b;
}
inline var& var::operator*=(const var& b) {
  return *this = *this * b;
}
inline var& var::operator/=(const var& b) {
  return *this = *this / b;
}

// Comparisons look at values only, so that code with branches runs on vars.
inline bool operator<(const var& a, const var& b) {
  return a.value() < b.value();
}
inline bool operator>(const var& a, const var& b) {
  return a.value() > b.value();
}
inline bool operator<=(const var& a, const var& b) {
  return a.value() <= b.value();
}
inline bool operator>=(const var& a, const var& b) {
  return a.value() >= b.value();
}
inline bool operator==(const var& a, const var& b) {
  return a.value() == b.value();
}

}  // namespace kobai

#include "kobai/ad/functions.hpp"

// Lets Eigen hold vars: Eigen::Matrix<kobai::var, N, 1>.
template <>
struct Eigen::NumTraits<kobai::var> : Eigen::NumTraits<double> {
  using Real = kobai::var;
  using NonInteger = kobai::var;
  using Nested = kobai::var;
  using Literal = kobai::var;
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
