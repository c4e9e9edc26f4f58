#pragma once
// Derivatives by finite differences: the seed notes' f'(a) ≈ (f(a+h) − f(a))/h done correctly, the
// book's central difference (f(x+h) − f(x−h))/2h, the five-point stencil, Ridders' extrapolation
// with an error estimate, and the complex step. Any function of doubles can be differentiated;
// the tape versions also offer the complex step, which needs a formula it can evaluate at complex
// points.
//
//   fd_derivative([](double x) { return 0.01 * x * x + 0.1 * x; }, 5.0, fd_scheme::central, 1e-4)
//       .value   // 0.1999999999990898, the book's printed value
//
// Error of each scheme with step h (Nocedal & Wright, "Numerical Optimization", 2nd ed., §8.1;
// Fornberg 1988 for the stencils): truncation + rounding ≈
//   forward, backward   h|f''|/2   + 2ε|f|/h    → optimal h ~ √ε    (error ~ 1e-8)
//   central             h²|f'''|/6 + ε|f|/h     → optimal h ~ ∛ε    (error ~ 1e-11)
//   five-point          h⁴|f⁽⁵⁾|/30 + ε|f|/h    → optimal h ~ ε^(1/5) (error ~ 1e-13)
//   complex step        h²|f'''|/6, no cancellation (Squire & Trapp 1998) → h = 1e-20, error ~ ε
// The default step is the optimal order above scaled by max(|x|, 1).
#include <complex>
#include <cstddef>
#include <functional>
#include <limits>
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <vector>

namespace kobai {

class tape;

/// How a derivative is approximated by differences.
enum class fd_scheme {
  forward,     ///< (f(x+h) − f(x))/h
  backward,    ///< (f(x) − f(x−h))/h
  central,     ///< (f(x+h) − f(x−h))/2h
  five_point,  ///< (−f(x+2h) + 8f(x+h) − 8f(x−h) + f(x−2h))/12h
  richardson,  ///< Ridders' extrapolation of central differences to h → 0, with an error estimate
  complex_step,  ///< Im f(x+ih)/h: needs a function of a complex variable (a tape, or the
                 ///< std::complex overload)
};

/// "forward", "backward", "central", "five-point", "richardson", "complex".
std::string_view to_string(fd_scheme s) noexcept;
/// The scheme named by to_string(), or nullopt.
std::optional<fd_scheme> fd_scheme_from_string(std::string_view name) noexcept;
/// "forward, backward, central, five-point, richardson, complex", for help and error messages.
std::string_view fd_scheme_names() noexcept;

/// One approximate derivative.
struct fd_result {
  double value;  ///< the approximation of f'(x)
  double h;      ///< the step used (for Richardson: the step of the retained tableau entry)
  /// An estimate of |value − f'(x)|: Richardson gives one from its tableau; the other schemes
  /// give NaN.
  double error_estimate = std::numeric_limits<double>::quiet_NaN();
};

/// The default step of a scheme at x: √ε·max(|x|,1) for forward and backward, ∛ε·max(|x|,1) for
/// central, ε^(1/5)·max(|x|,1) for five-point, 0.1·max(|x|,1) as the first (largest) step of
/// Richardson, 1e-20·max(|x|,1) for the complex step.
double default_step(fd_scheme s, double x) noexcept;

/// A function of one real variable.
using real_function = std::function<double(double)>;
/// A function of one complex variable, analytic near the real axis (for the complex step).
using complex_function = std::function<std::complex<double>(std::complex<double>)>;
/// A function of several real variables.
using multivariate_function = std::function<double(std::span<const double>)>;

/// f'(x) by `scheme` with step `h` (default_step when not given; must be positive and finite).
/// fd_scheme::complex_step throws usage_error here: use the complex_function overload or a tape.
/// Example: fd_derivative(f, 5.0, fd_scheme::central, 1e-4).
fd_result fd_derivative(const real_function& f, double x, fd_scheme scheme,
                        std::optional<double> h = {});

/// f'(x) by the complex step Im f(x + ih)/h (Squire & Trapp, SIAM Review 40(1), 1998). Exact to
/// rounding for analytic f: no subtractive cancellation, so h can be tiny.
fd_result complex_step_derivative(const complex_function& f, double x,
                                  std::optional<double> h = {});

/// ∂f/∂x_i at x by `scheme` (complex_step throws usage_error: use the tape overload).
fd_result fd_partial(const multivariate_function& f, std::span<const double> x, std::size_t i,
                     fd_scheme scheme, std::optional<double> h = {});

/// ∇f(x) by `scheme`, one partial per variable (2n evaluations for central).
std::vector<double> fd_gradient(const multivariate_function& f, std::span<const double> x,
                                fd_scheme scheme = fd_scheme::central,
                                std::optional<double> h = {});

/// Throws numerical_error when r.value is not finite: f was finite at x (the caller checks),
/// so a point the step reached lies outside f's domain, or f overflowed there. The message
/// names the scheme and h, and suggests a smaller step.
void require_finite_difference(const fd_result& r, fd_scheme scheme);

/// The largest dimension the difference Hessians accept: n = 10⁴ would be 800 MB of doubles.
inline constexpr std::size_t max_fd_hessian_dimension = 9999;

/// ∇²f(x), row-major n×n, by second central differences (Abramowitz & Stegun 25.3.23, 25.3.26):
///   Hᵢᵢ ≈ (f(x+hᵢeᵢ) − 2f(x) + f(x−hᵢeᵢ))/hᵢ²
///   Hᵢⱼ ≈ (f(x+hᵢeᵢ+hⱼeⱼ) − f(x+hᵢeᵢ−hⱼeⱼ) − f(x−hᵢeᵢ+hⱼeⱼ) + f(x−hᵢeᵢ−hⱼeⱼ))/(4hᵢhⱼ)
/// with hᵢ = ε^(1/4)·max(|xᵢ|,1) (error ~ 1e-5 relative) unless `h` is given. Refuses more than
/// max_fd_hessian_dimension variables with usage_error before allocating.
std::vector<double> fd_hessian(const multivariate_function& f, std::span<const double> x,
                               std::optional<double> h = {});

/// A gradient: writes ∇f(x) into g (g.size() == x.size()).
using gradient_function = std::function<void(std::span<const double> x, std::span<double> g)>;

/// ∇²f(x), row-major n×n, by central differences of an exact gradient, symmetrized:
///   column j ≈ (∇f(x+hⱼeⱼ) − ∇f(x−hⱼeⱼ))/2hⱼ,  H = (H + Hᵀ)/2,  hⱼ = ∛ε·max(|xⱼ|,1)
/// (error ~ 1e-10 relative). Refuses more than max_fd_hessian_dimension variables.
std::vector<double> fd_hessian_from_gradient(const gradient_function& grad,
                                             std::span<const double> x,
                                             std::optional<double> h = {});

// On a compiled tape: every scheme, including the complex step when the formula is analytic
// (tape::non_analytic_operation() is empty); otherwise complex_step throws usage_error naming the
// operation.

/// ∂f/∂x_i at x on a tape.
fd_result fd_derivative(const tape& t, std::span<const double> x, std::size_t i, fd_scheme scheme,
                        std::optional<double> h = {});
/// ∇f(x) on a tape by `scheme`.
std::vector<double> fd_gradient(const tape& t, std::span<const double> x, fd_scheme scheme,
                                std::optional<double> h = {});

/// One row of a comparison of schemes against the exact derivative.
struct fd_comparison_row {
  std::string method;     ///< to_string(scheme)
  double h;               ///< the step used
  double value;           ///< the approximation
  double error;           ///< value − exact (signed: forward differences err on one side)
  double error_estimate;  ///< the scheme's own estimate of |error|, NaN when it gives none
};

/// Every scheme next to the exact value — the seed notes' lesson (forward vs central vs exact) in
/// one table.
struct fd_comparison {
  double exact;  ///< ∂f/∂x_i by reverse mode on the tape (exact to rounding)
  std::vector<fd_comparison_row> rows;  ///< forward, backward, central, five-point, richardson,
                                        ///< and complex when the formula is analytic
};

/// Compares the schemes for ∂f/∂x_i at x. With `h`, every scheme uses it (Richardson as its
/// first step); otherwise each uses its default_step.
/// Example: fd_compare(compile(parse("0.01x^2 + 0.1x").root()), {{5.0}}, 0, 1e-4).
fd_comparison fd_compare(const tape& t, std::span<const double> x, std::size_t i,
                         std::optional<double> h = {});

}  // namespace kobai
