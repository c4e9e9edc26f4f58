#pragma once
// Options of the gradient-method family. Each struct is built with designated initializers
// (`kobai::adam{.rate = 0.1}`) and checked once by validate(), which names the bad field.
//
// Defaults follow PyTorch's torch.optim where the references disagree (see
// docs/optimizer-defaults in the README section "kobai minimize"); `variant::book` switches a
// method to the exact operations of ゼロから作るDeep Learning, common/optimizer.py.
#include <cstddef>
#include <string>
#include <string_view>
#include <utility>
#include <variant>
#include <vector>

#include "kobai/linesearch/line_search.hpp"

namespace kobai {

/// Which published form of a method's update to follow.
enum class variant {
  standard,  ///< the reference paper in PyTorch's formulation (torch.optim)
  book,      ///< ゼロから作るDeep Learning common/optimizer.py, operation for operation
};

/// How the learning rate η_t changes with the step count t = 1, 2, ...
struct schedule {
  enum class kind {
    constant,      ///< η_t = η
    step,          ///< η_t = η·γ^⌊(t−1)/step_size⌋            (PyTorch StepLR)
    exponential,   ///< η_t = η·γ^(t−1)                         (PyTorch ExponentialLR)
    inverse_time,  ///< η_t = η / (1 + decay·(t−1))             (Keras InverseTimeDecay)
    cosine,  ///< η_t = η_min + (η − η_min)(1 + cos(π(t−1)/T))/2   (PyTorch CosineAnnealingLR)
  };
  kind type = kind::constant;
  double gamma = 0.1;          ///< factor for step and exponential, in (0, 1]
  std::size_t step_size = 10;  ///< steps between drops for `step`, ≥ 1
  double decay = 0.01;         ///< for inverse_time, ≥ 0
  std::size_t period = 0;      ///< T for cosine (0: the iteration limit); past T it climbs back
  double rate_min = 0;         ///< η_min for cosine, ≥ 0
};

/// Fixed-rate gradient descent, the seed's method (Cauchy 1847):
///   x ← x − η_t ∇f(x).
/// The book variant is the same operation (common/optimizer.py SGD: `params -= lr * grads`).
struct gd {
  double rate = 1e-3;  ///< η > 0; PyTorch SGD's default (the book uses 0.01, the seed 0.1)
  kobai::variant variant = variant::standard;
  kobai::schedule schedule = {};
};

/// Heavy-ball momentum (Polyak 1964).
///   standard (PyTorch SGD, momentum > 0, dampening 0): b ← μb + g (b₁ = g), x ← x − ηb
///   book: v ← μv − ηg, x ← x + v
struct momentum {
  double rate = 1e-3;  ///< η > 0
  double mu = 0.9;  ///< μ in [0, 1) (`--momentum`); PyTorch's default 0 would make this plain gd
  kobai::variant variant = variant::standard;
  kobai::schedule schedule = {};
};

/// Nesterov's accelerated gradient.
///   standard (PyTorch SGD nesterov=True): b ← μb + g (b₁ = g), x ← x − η(g + μb)
///   book (Bengio, Boulanger-Lewandowski & Pascanu 2012, arXiv:1212.0901 as coded in the book):
///        v ← μv, v ← v − ηg, x ← x + μ·μ·v, x ← x − (1+μ)·η·g
///   (the book updates v first and then uses the new v; kobai follows the code.)
struct nesterov {
  double rate = 1e-3;  ///< η > 0
  double mu = 0.9;     ///< μ in [0, 1) (`--momentum`)
  kobai::variant variant = variant::standard;
  kobai::schedule schedule = {};
};

/// AdaGrad (Duchi, Hazan & Singer 2011).
///   standard (PyTorch): h ← h + g², x ← x − ηg/(√h + ε), ε = 1e-10
///   book: h ← h + g·g, x ← x − ηg/(√h + 1e-7)
struct adagrad {
  double rate = 1e-2;  ///< η > 0
  double eps = 1e-10;  ///< ε > 0, added to √h (the book fixes 1e-7)
  kobai::variant variant = variant::standard;
  kobai::schedule schedule = {};
};

/// RMSprop (Tieleman & Hinton 2012, lecture 6.5).
///   standard (PyTorch): h ← ρh + (1−ρ)g², x ← x − ηg/(√h + ε)
///   book: h ← ρh, h ← h + (1−ρ)·g·g, x ← x − ηg/(√h + 1e-7)
struct rmsprop {
  double rate = 1e-2;  ///< η > 0
  double rho = 0.99;   ///< ρ in [0, 1): PyTorch's α and the book's decay_rate (optax uses 0.9)
  double eps = 1e-8;   ///< ε > 0, outside the square root as in PyTorch (the book fixes 1e-7)
  kobai::variant variant = variant::standard;
  kobai::schedule schedule = {};
};

/// Adam (Kingma & Ba 2015, Algorithm 1).
///   standard (PyTorch): m ← β₁m + (1−β₁)g, v ← β₂v + (1−β₂)g², m̂ = m/(1−β₁ᵗ), v̂ = v/(1−β₂ᵗ),
///             x ← x − η m̂/(√v̂ + ε)
///   book: t ← t+1, η_t = η√(1−β₂ᵗ)/(1−β₁ᵗ), m ← m + (1−β₁)(g − m), v ← v + (1−β₂)(g² − v),
///         x ← x − η_t m/(√v + 1e-7)
struct adam {
  double rate = 1e-3;    ///< η > 0
  double beta1 = 0.9;    ///< β₁ in [0, 1)
  double beta2 = 0.999;  ///< β₂ in [0, 1)
  double eps = 1e-8;     ///< ε > 0 (the book fixes 1e-7)
  kobai::variant variant = variant::standard;
  kobai::schedule schedule = {};
};

/// AdamW (Loshchilov & Hutter 2019), PyTorch's form: x ← x − ηλx, then the Adam step.
/// No book variant.
struct adamw {
  double rate = 1e-3;          ///< η > 0
  double beta1 = 0.9;          ///< β₁ in [0, 1)
  double beta2 = 0.999;        ///< β₂ in [0, 1)
  double eps = 1e-8;           ///< ε > 0
  double weight_decay = 1e-2;  ///< λ ≥ 0 (PyTorch's default; optax uses 1e-4)
  kobai::variant variant = variant::standard;
  kobai::schedule schedule = {};
};

// ---------------------------------------------------------------------------------------------
// The line-search family (search policies, optim/detail/search_policies.hpp). References are to
// Nocedal & Wright, Numerical Optimization, 2nd ed., Springer 2006 ("N&W"). Each iteration picks a
// direction d_k with ∇f_kᵀd_k < 0 and a step α_k from the chosen line search; x_{k+1} = x_k + α_k
// d_k. A direction that is not downhill is replaced by −∇f_k (restart); a failed search is retried
// once along −∇f_k with the memory cleared before the run stops with status line_search_failed.

/// Steepest descent with a line search (N&W §3.1, §3.3): d_k = −∇f_k. First trial step
/// α = min(1, ½/‖∇f₀‖∞), then α = α_{k−1}·∇f_{k−1}ᵀd_{k−1} / ∇f_kᵀd_k (N&W eq. 3.60). The default
/// search is Moré–Thuente, because unlike backtracking it can also lengthen a step that is too
/// short.
struct gd_ls {
  line_search_options line_search = more_thuente{};
};

/// The β of nonlinear conjugate gradients, d_k = −∇f_k + β_k d_{k−1} (N&W §5.2), with
/// g = ∇f_k, g₋ = ∇f_{k−1}, y = g − g₋:
enum class cg_beta {
  fletcher_reeves,  ///< β = gᵀg / g₋ᵀg₋                                       (N&W eq. 5.41a)
  polak_ribiere_plus,  ///< β = max(0, gᵀy / g₋ᵀg₋)                                (N&W eq. 5.45)
  /// β = max(β_N, η), β_N = (y − 2d‖y‖²/dᵀy)ᵀg / dᵀy, η = −1/(‖d‖·min(0.01, ‖g₋‖))
  /// (Hager & Zhang, SIAM J. Optim. 16(1), 2005, eqs. 1.5 and 2.8; N&W eq. 5.50)
  hager_zhang,
};

/// Nonlinear conjugate gradients (N&W §5.2, Algorithm 5.4). Restarts with d = −∇f every
/// `restart` iterations (0: every n), when d is not downhill, and, for Fletcher–Reeves and
/// Polak–Ribière+, when consecutive gradients are far from orthogonal, |gᵀg₋| ≥ 0.1·gᵀg (N&W
/// eq. 5.52). First trial step as gd_ls. The default search is Moré–Thuente with c2 = 0.1: CG
/// needs a more exact search than quasi-Newton methods (N&W Lemma 5.6 asks c2 < 1/2 for FR).
struct cg {
  cg_beta beta = cg_beta::polak_ribiere_plus;
  std::size_t restart = 0;  ///< iterations between restarts; 0 = the dimension n
  line_search_options line_search = more_thuente{.c2 = 0.1};
};

/// BFGS with a dense inverse-Hessian approximation H (N&W §6.1, Algorithm 6.1):
///   d = −H∇f, s = x_{k+1} − x_k, y = ∇f_{k+1} − ∇f_k, ρ = 1/yᵀs,
///   H ← (I − ρsyᵀ) H (I − ρysᵀ) + ρssᵀ                                      (N&W eq. 6.17)
/// with H₀ = I for the first step (α = min(1, ½/‖∇f₀‖∞)) and H = (yᵀs/yᵀy)·I just before the first
/// update (N&W eq. 6.20). A pair with yᵀs ≤ 1e-10·‖s‖‖y‖ is skipped (the update would lose positive
/// definiteness). O(n²) memory and work per iteration; trial step α = 1.
struct bfgs {
  line_search_options line_search = more_thuente{};
};

/// How L-BFGS sizes its model's step: H₀ = γI in the two-loop recursion, and the first trial α₀
/// of each search along d = −H∇f. s, y are the newest pair.
enum class lbfgs_scaling {
  /// γ = sᵀy/yᵀy (N&W eq. 7.20), α₀ = 1: the textbook method, as SciPy, LBFGS++ and liblbfgs.
  standard,
  /// The standard γ grown by what the line searches measure, and α₀ up to 2 after a short step.
  /// Each search along d ends at α with φ'(α) = r·φ'(0); the minimizer of the cubic through
  /// φ(0), φ'(0), φ(α), φ'(α) (N&W eq. 3.59; the secant α/(1 − r) when the cubic has none) is
  /// α_c. A model whose step is too short by a factor α_c > 1 has γ too small by that factor
  /// (Oren & Luenberger's self-scaling, Management Sci. 20(5), 1974, restricted as Al-Baali's,
  /// Comput. Optim. Appl. 9, 1998, to factors ≥ 1), so the factor c accumulates,
  ///   c ← max(1, c·α_c),  γ = min(sᵀs/sᵀy, c·sᵀy/yᵀy),
  /// capped by the other Barzilai–Borwein scale sᵀs/sᵀy ≥ sᵀy/yᵀy; a steepest-descent step (at
  /// the start and after a restart) resets c to 1. And after a search that accepted its first
  /// trial with r > ½, the next first trial is α₀ = min(2, 1/(1 − r)) (the secant step of that
  /// search, scaled to the new d) rather than 1.
  /// On the 35 Moré–Garbow–Hillstrom problems, from x₀, 10x₀ and 100x₀ to ‖∇f‖∞ ≤ 1e-5, 1e-6 and
  /// 1e-8, with m = 5, 10 and 20, this needs fewer evaluations than `standard` in 26 of the 27
  /// settings (0.4 % more in the last) and solves as many problems or more (bench/README.md,
  /// "Adaptive scaling").
  adaptive,
};

/// Limited-memory BFGS (N&W §7.2, Algorithms 7.4 and 7.5): the last `memory` pairs (s, y) in ring
/// buffers, d = −H∇f by the two-loop recursion with H₀ = γI, γ from `scaling` (default adaptive;
/// standard: γ = sᵀy/yᵀy of the newest pair, N&W eq. 7.20). Pairs with yᵀs ≤ ε_machine·yᵀy are
/// skipped. First trial step α = min(1, ½/‖∇f₀‖∞), then α = 1 (adaptive: up to 2 after a short
/// step). O(m·n) memory and work per iteration, nothing allocated per iteration.
///
/// With bounds l ≤ x ≤ u (minimize_options::bounds) it is L-BFGS-B (Byrd, Lu, Nocedal & Zhu, SIAM
/// J. Sci. Comput. 16(5), 1995; N&W §16.7; version 3.0 of Morales & Nocedal, ACM TOMS 38(1),
/// 2011), optim/detail/lbfgsb.hpp: the same pairs form B = θI − WMWᵀ (N&W eq. 7.24, θ = yᵀy/sᵀy);
/// the generalized Cauchy point x^c is the first minimizer of the quadratic model along
/// P(x − t∇f); the model is minimized over the variables free at x^c (direct primal method) and
/// the result projected onto the box, x̄; the line search runs along x + α(x̄ − x) for α up to the
/// box's edge, and a search the edge stops with a lower f is accepted. First trial step
/// α = min(1, ½/‖x̄ − x‖∞) while no pair is stored (x̄ = P(x − ∇f)), then α = 1.
struct lbfgs {
  std::size_t memory = 10;  ///< m ≥ 1 (SciPy, ensmallen and Optim.jl use 10; LBFGS++ 6)
  lbfgs_scaling scaling = lbfgs_scaling::adaptive;  ///< unbounded runs only (L-BFGS-B: θ above)
  line_search_options line_search = more_thuente{};
};

/// How Newton's method makes a step from the Newton model m(p) = f + ∇fᵀp + ½pᵀ∇²f p safe far
/// from a minimum and where ∇²f is not positive definite.
enum class globalization {
  /// Trust region (N&W §4.1 and §4.3): p minimizes m over ‖p‖₂ ≤ Δ, nearly exactly (Moré &
  /// Sorensen 1983): p = −(∇²f + λI)⁻¹∇f with λ ≥ 0, ∇²f + λI positive semidefinite and
  /// λ(Δ − ‖p‖) = 0, the hard case included (optim/detail/trust_region.hpp). The trial x + p
  /// is accepted when ρ = (f(x) − f(x + p))/(m(0) − m(p)) > eta; ρ < ¼ (or a non-finite value or
  /// gradient at x + p) sets Δ ← ¼‖p‖, ρ > ¾ with p on the boundary Δ ← min(2Δ, max_radius)
  /// (N&W Algorithm 4.1).
  trust_region,
  /// Line search along a modified-Cholesky direction (N&W §3.4): solve (∇²f + τI)d = −∇f, where
  /// τ = 0 when ∇²f is positive definite, otherwise the smallest of τ₀ = β − min ∇²f_ii (or β),
  /// 2τ₀, 4τ₀, ... for which the Cholesky factorization succeeds (N&W Algorithm 3.3),
  /// β = 1e-3·max(1, max |∇²f_ii|); trial step α = 1 along d with newton::line_search.
  line_search,
};

/// Newton's method with the exact Hessian (N&W §3.3, §3.4 and chapter 4). The Hessian comes
/// from the objective's hessian() (tape_objective: forward-over-reverse on the tape) or, lacking
/// one, from forward differences of the gradient (n gradients). The default is the trust region:
/// on the 40 problems of kobai::problems from their standard starts (bench/peer_bench) it solves
/// all 40 with 1009 value+gradient evaluations and 840 exact Hessians, where the line search
/// solves 39 with 10787 and 10635 (MGH 10 Meyer takes microscopic steps).
///
/// With the trust region an iteration is an accepted step: a rejected trial x + p counts one
/// value+gradient evaluation and is recorded as a trial point (alpha = ‖p‖₂, slope =
/// ∇f(x + p)ᵀp/‖p‖₂), and the Hessian is evaluated once per accepted point. A trial that does
/// not move x in floating point ends the run with status trust_region_failed. Method state:
/// d (the last step), tau (the τ or λ added to ∇²f) and, with the trust region, radius (Δ for
/// the next step).
struct newton {
  kobai::globalization globalization = globalization::trust_region;
  /// Δ₀ > 0; 0 = the length of the first Newton step −∇²f⁻¹∇f when ∇²f is positive definite,
  /// else ‖∇f‖₂/‖∇²f‖_F (the scale of the steepest-descent step). Chosen over SciPy's Δ₀ = 1
  /// and over max(1, ‖x₀‖): those lose MGH 18 (Biggs EXP6) or MGH 17 (Osborne 1) to a valley
  /// that leads to infinity for some factors of Δ₀, the Newton length for none of 0.5–4×.
  double initial_radius = 0;
  /// Δ̂ > 0: Δ never exceeds it, Δ₀ included (an initial_radius above it is a usage_error).
  double max_radius = 1e300;
  double eta = 0.15;  ///< acceptance threshold η in [0, ¼) (N&W Algorithm 4.1; SciPy)
  /// The search of globalization::line_search (Armijo backtracking: the Newton step is usually
  /// accepted whole).
  line_search_options line_search = armijo{};
};

/// Any method, for choosing one at run time (the command line).
using method_options = std::variant<gd, momentum, nesterov, adagrad, rmsprop, adam, adamw, gd_ls,
                                    cg, bfgs, lbfgs, newton>;

/// Throws usage_error naming the first field out of range.
void validate(const gd&);
void validate(const momentum&);
void validate(const nesterov&);
void validate(const adagrad&);
void validate(const rmsprop&);
void validate(const adam&);
void validate(const adamw&);
void validate(const gd_ls&);
void validate(const cg&);
void validate(const bfgs&);
void validate(const lbfgs&);
void validate(const newton&);
void validate(const schedule&);
void validate(const method_options&);

/// True for the line-search family (gd-ls, cg, bfgs, lbfgs, newton, also with its trust region):
/// they share the stopping defaults of default_options().
bool uses_line_search(const method_options& m) noexcept;

/// "gd", "momentum", ...
std::string_view method_name(const method_options& m) noexcept;
/// The method named `name` with all defaults ("newton-tr" and "newton-ls" are newton with
/// the trust region or the line search); throws usage_error listing the known names.
method_options method_from_name(std::string_view name);
/// Names of all methods, in the order method_options lists them.
std::vector<std::string_view> method_names();

std::string_view to_string(variant v) noexcept;
std::string_view to_string(cg_beta b) noexcept;
/// "standard", "adaptive"
std::string_view to_string(lbfgs_scaling s) noexcept;
/// "standard", "adaptive"; throws usage_error listing the known names.
lbfgs_scaling lbfgs_scaling_from_name(std::string_view name);
/// "trust-region", "line-search"
std::string_view to_string(globalization g) noexcept;
/// "trust-region" (or "tr"), "line-search" (or "ls"); throws usage_error listing the known names.
globalization globalization_from_name(std::string_view name);
/// "fr", "pr+", "hz" (or the long names); throws usage_error listing the known names.
cg_beta cg_beta_from_name(std::string_view name);
/// "armijo", "more-thuente", "hager-zhang"
std::string_view line_search_name(const line_search_options& o) noexcept;
/// The line search named `name` with its defaults; throws usage_error listing the known names.
line_search_options line_search_from_name(std::string_view name);
std::string_view to_string(schedule::kind k) noexcept;

/// Every effective option of `m` as (name, value) text pairs, numbers in shortest round-trip
/// form, in a fixed order: what the trace header and the JSON result record.
std::vector<std::pair<std::string, std::string>> describe(const method_options& m);

/// η_t for step t ≥ 1 under `s` with base rate `rate`; `max_iterations` stands in for a cosine
/// period of 0.
double scheduled_rate(const schedule& s, double rate, std::size_t t, std::size_t max_iterations);

}  // namespace kobai
