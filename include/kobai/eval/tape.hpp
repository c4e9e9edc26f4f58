#pragma once
// A compiled tape: the expression graph flattened into a topologically ordered instruction array
// over value slots. One forward pass gives the value; one reverse pass over the same array gives
// the whole gradient (reverse-mode AD), at a cost of a small constant times the value's cost,
// independent of the number of variables (Griewank & Walther, "Evaluating Derivatives", 2nd ed.,
// §4.6, the cheap gradient principle).
//
// A tape owns scratch buffers, so one tape must not be evaluated from two threads at once; copy it
// for each thread.
#include <complex>
#include <cstdint>
#include <optional>
#include <span>
#include <string>
#include <vector>

#include "kobai/expr/expr.hpp"

namespace kobai {

class tape {
 public:
  tape() = default;

  /// The variables in slot order: variables[i] is x[i] in value(x).
  const std::vector<std::string>& variables() const noexcept { return variables_; }
  std::size_t dimension() const noexcept { return variables_.size(); }
  /// Number of instructions (operations) after constant folding and peephole rewriting.
  std::size_t size() const noexcept { return code_.size(); }

  /// f(x). x.size() must equal dimension().
  double value(std::span<const double> x) const;
  /// f(x), and ∇f(x) written into g (g.size() == dimension()). The forward pass records each
  /// operation's local partial derivatives; the reverse pass is then one multiply-add per operand.
  double value_and_gradient(std::span<const double> x, std::span<double> g) const;
  /// f at many points: `points` holds them row after row (points.size() = count × dimension());
  /// out[i] = f(point i). Values that are NaN or infinite are returned as they are. Points are
  /// evaluated in blocks, one instruction over the whole block at a time, so the dispatch cost is
  /// shared by the block.
  void values(std::span<const double> points, std::span<double> out) const;

  /// The largest dimension hessian() accepts: 10⁴ variables would be 800 MB of doubles.
  static constexpr std::size_t max_hessian_dimension = 9999;
  /// ∇²f(x), row-major n×n (n = dimension()), exact to rounding, by forward-over-reverse mode
  /// (Griewank & Walther §5.4): one tangent sweep and one reverse sweep of tangent adjoints per
  /// variable, cost ≈ n × a gradient. Refuses n > max_hessian_dimension with usage_error before
  /// allocating. At a kink of relu, min or max the Hessian is that of the side the gradient's
  /// convention takes (relu'(0) = 0: the left side). At a kink of abs, where abs'(0) = 0 is the
  /// average of the sides' ±1, it is the average of the two sides' Hessians: 2 for abs(x)^2 at 0,
  /// +∞ for abs(x)^1.5, 0 for x*abs(x) (+2 and −2) and for abs(x) itself. Each direction is then
  /// swept once per choice of sides of the abs kinks that depend on it (2^k sweeps); beyond
  /// max_hessian_kinks of them the kinks keep the partial 0 in every sweep.
  std::vector<double> hessian(std::span<const double> x) const;
  /// The most abs kinks depending on one variable whose sides hessian() averages (1024 sweeps).
  static constexpr std::size_t max_hessian_kinks = 10;

  /// The first operation of the formula that has no analytic extension to complex arguments
  /// (abs, min, max, relu), or nullopt when the complex step can be used.
  std::optional<op> non_analytic_operation() const noexcept;
  /// f at a complex point, for the complex-step derivative Im f(x + ih)/h (Squire & Trapp 1998).
  /// Functions with a principal complex branch (sin, exp, log, sqrt, …) use it; cbrt, erf,
  /// sigmoid, softplus, atan2 and hypot use their first-order Taylor extension
  /// f(a + ib) ≈ f(a) + ib·f'(a), which is what the complex step sees for b ~ 1e-20. Throws
  /// usage_error naming the operation when non_analytic_operation() is not empty.
  std::complex<double> value_complex(std::span<const std::complex<double>> x) const;

  /// An instruction of the tape (internal; public only so the implementation files can share
  /// it). `code` is an `op` or one of the peephole codes below.
  struct instruction {
    std::uint8_t code;
    std::uint32_t a;  ///< operand slots; unary operations point b at the scratch slot
    std::uint32_t b;
  };
  static constexpr std::uint8_t square_code = op_count;    ///< a·a, from a^2
  static constexpr std::uint8_t powi_code = op_count + 1;  ///< a^n, n a small integer in slot b

  /// A step of the fused program that value() and value_and_gradient() run (internal). Either
  /// an instruction as above writing slot w, or, with code sum_code, a sum of products: terms
  /// term_start_[a] … term_start_[a + b − 1] of terms_.
  struct step {
    std::uint32_t w;
    std::uint32_t a;
    std::uint32_t b;
    std::uint8_t code;
  };
  static constexpr std::uint8_t sum_code = op_count + 2;

 private:
  friend tape compile(expr e, std::vector<std::string> variables);
  void load(std::span<const double> x) const;
  void forward_with_partials() const;
  void fuse();
  void run_program() const;
  void run_program_with_partials() const;
  // The last slot, holding 1: the partner of a plain factor in a fused product (tape_fuse.cpp).
  std::uint32_t one_slot() const noexcept { return scratch_ + 1; }

  std::vector<std::string> variables_;
  std::vector<instruction> code_;      // code_[k] writes slot first_op_ + k
  std::uint32_t first_op_ = 0;         // slots [0, dimension) are variables, then constants
  std::vector<double> constants_;      // slots [dimension, first_op_)
  std::uint32_t result_ = 0;           // slot holding f
  std::uint32_t scratch_ = 0;          // operand b of unary operations
  mutable std::vector<double> slots_;  // values
  mutable std::vector<double> adjoints_;
  mutable std::vector<double> partials_;  // ∂w/∂a, ∂w/∂b of instruction k at 2k, 2k+1
  mutable std::vector<double> block_;     // values() scratch: slot-major blocks of points
  mutable std::vector<std::complex<double>> complex_slots_;

  // The fused program (see fuse() in tape_fuse.cpp): trees of +, −, × and unary minus whose
  // inner nodes have one use become one step, evaluated in the same order with the same
  // roundings as code_. code_ stays the reference for Hessians, batches and complex steps.
  std::vector<step> program_;
  std::vector<std::uint32_t> terms_;       // per term: (factor count << 1 | negated), slot pairs
  std::vector<std::uint32_t> term_start_;  // index in terms_ of each term of each sum step
  mutable std::vector<double> prefix_;     // left-fold partial products, parallel to terms_
  mutable std::vector<double> step_partials_;  // ∂w/∂a, ∂w/∂b of step k at 2k, 2k+1
};

/// Compiles `e` over `variables` (in that order). Every variable of `e` must be listed; listed
/// variables that `e` does not use get a zero gradient. Throws usage_error otherwise.
tape compile(expr e, std::vector<std::string> variables);
/// Compiles over the variables of `e` in natural order.
tape compile(expr e);

}  // namespace kobai
