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
  std::size_t period = 0;      ///< T for cosine; 0 means the iteration limit
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

/// Any method, for choosing one at run time (the command line).
using method_options = std::variant<gd, momentum, nesterov, adagrad, rmsprop, adam, adamw>;

/// Throws usage_error naming the first field out of range.
void validate(const gd&);
void validate(const momentum&);
void validate(const nesterov&);
void validate(const adagrad&);
void validate(const rmsprop&);
void validate(const adam&);
void validate(const adamw&);
void validate(const schedule&);
void validate(const method_options&);

/// "gd", "momentum", ...
std::string_view method_name(const method_options& m) noexcept;
/// The method named `name` with all defaults; throws usage_error listing the known names.
method_options method_from_name(std::string_view name);
/// Names of all methods, in the order method_options lists them.
std::vector<std::string_view> method_names();

std::string_view to_string(variant v) noexcept;
std::string_view to_string(schedule::kind k) noexcept;

/// Every effective option of `m` as (name, value) text pairs, numbers in shortest round-trip
/// form, in a fixed order: what the trace header and the JSON result record.
std::vector<std::pair<std::string, std::string>> describe(const method_options& m);

/// η_t for step t ≥ 1 under `s` with base rate `rate`; `max_iterations` stands in for a cosine
/// period of 0.
double scheduled_rate(const schedule& s, double rate, std::size_t t, std::size_t max_iterations);

}  // namespace kobai
