#pragma once
// The update policies of the fixed-step family: each turns (x_k, g_k, t) into x_{k+1} in place,
// keeping its own state (velocity, moments). The engine (minimize.hpp) evaluates f and ∇f at the
// new point. Loops are written element by element in the order of the equations they quote so
// that the book variants round exactly as numpy does; nothing here allocates after construction.
#include <Eigen/Core>
#include <algorithm>
#include <array>
#include <cmath>
#include <cstddef>
#include <string_view>

#include "kobai/optim/detail/adam_kernel.hpp"
#include "kobai/optim/methods.hpp"

namespace kobai {

/// A named piece of method state, as observers see it.
struct state_ref {
  std::string_view name;
  const Eigen::VectorXd* value;
};

/// What one update did: ‖x_{k+1} − x_k‖₂ and the rate η_t it used.
struct step_info {
  double step_length = 0;
  double rate = 0;
};

namespace detail {

/// η_t for a schedule, with the constant case free of pow/cos.
class rate_schedule {
 public:
  rate_schedule(double rate, const schedule& s, std::size_t max_iterations)
      : rate_(rate), schedule_(s), max_iterations_(max_iterations) {}
  double at(std::size_t t) const {
    if (schedule_.type == schedule::kind::constant) return rate_;
    return scheduled_rate(schedule_, rate_, t, max_iterations_);
  }

 private:
  double rate_;
  schedule schedule_;
  std::size_t max_iterations_;
};

/// Runs body(first, count) over x in blocks that stay in L1 cache and returns ‖x_new − x_old‖₂.
/// The bodies of the methods with a square root and a division are written as Eigen array
/// expressions over the block: they vectorize (packet sqrt and division are correctly rounded,
/// so every element gets the same bits as an element-by-element loop in the same operation order),
/// while each vector is still streamed from memory once per iteration.
template <class Body>
double blocked_update(Eigen::VectorXd& x, Body&& body) {
  constexpr Eigen::Index block = 256;
  Eigen::Array<double, block, 1> old;
  double s2 = 0;
  for (Eigen::Index first = 0; first < x.size(); first += block) {
    const Eigen::Index n = std::min(block, x.size() - first);
    old.head(n) = x.segment(first, n).array();
    body(first, n);
    s2 += (x.segment(first, n).array() - old.head(n)).square().sum();
  }
  return std::sqrt(s2);
}

class gd_policy {
 public:
  gd_policy(const gd& o, Eigen::Index, std::size_t max_iterations)
      : rate_(o.rate, o.schedule, max_iterations) {}
  step_info update(Eigen::VectorXd& x, const Eigen::VectorXd& g, std::size_t t) {
    const double eta = rate_.at(t);
    double s2 = 0;
    for (Eigen::Index i = 0; i < x.size(); ++i) {
      const double old = x[i];
      x[i] = old - eta * g[i];  // book: params -= lr * grads
      const double d = x[i] - old;
      s2 += d * d;
    }
    return {std::sqrt(s2), eta};
  }
  std::array<state_ref, 0> state() const { return {}; }

 private:
  rate_schedule rate_;
};

class momentum_policy {
 public:
  momentum_policy(const momentum& o, Eigen::Index n, std::size_t max_iterations)
      : rate_(o.rate, o.schedule, max_iterations),
        mu_(o.mu),
        book_(o.variant == variant::book),
        v_(Eigen::VectorXd::Zero(n)) {}
  step_info update(Eigen::VectorXd& x, const Eigen::VectorXd& g, std::size_t t) {
    const double eta = rate_.at(t);
    double s2 = 0;
    for (Eigen::Index i = 0; i < x.size(); ++i) {
      const double old = x[i];
      if (book_) {
        v_[i] = mu_ * v_[i] - eta * g[i];  // v = momentum*v - lr*grads
        x[i] = old + v_[i];                // params += v
      } else {
        v_[i] = t == 1 ? g[i] : mu_ * v_[i] + g[i];  // b ← μb + g, b₁ = g
        x[i] = old - eta * v_[i];
      }
      const double d = x[i] - old;
      s2 += d * d;
    }
    return {std::sqrt(s2), eta};
  }
  std::array<state_ref, 1> state() const { return {{{"v", &v_}}}; }

 private:
  rate_schedule rate_;
  double mu_;
  bool book_;
  Eigen::VectorXd v_;
};

class nesterov_policy {
 public:
  nesterov_policy(const nesterov& o, Eigen::Index n, std::size_t max_iterations)
      : rate_(o.rate, o.schedule, max_iterations),
        mu_(o.mu),
        book_(o.variant == variant::book),
        v_(Eigen::VectorXd::Zero(n)) {}
  step_info update(Eigen::VectorXd& x, const Eigen::VectorXd& g, std::size_t t) {
    const double eta = rate_.at(t);
    double s2 = 0;
    for (Eigen::Index i = 0; i < x.size(); ++i) {
      const double old = x[i];
      if (book_) {
        v_[i] *= mu_;                    // v *= momentum
        v_[i] -= eta * g[i];             // v -= lr * grads
        x[i] += mu_ * mu_ * v_[i];       // params += momentum*momentum*v
        x[i] -= (1 + mu_) * eta * g[i];  // params -= (1+momentum)*lr*grads
      } else {
        v_[i] = t == 1 ? g[i] : mu_ * v_[i] + g[i];  // b ← μb + g
        x[i] = old - eta * (g[i] + mu_ * v_[i]);     // x ← x − η(g + μb)
      }
      const double d = x[i] - old;
      s2 += d * d;
    }
    return {std::sqrt(s2), eta};
  }
  std::array<state_ref, 1> state() const { return {{{"v", &v_}}}; }

 private:
  rate_schedule rate_;
  double mu_;
  bool book_;
  Eigen::VectorXd v_;
};

class adagrad_policy {
 public:
  adagrad_policy(const adagrad& o, Eigen::Index n, std::size_t max_iterations)
      : rate_(o.rate, o.schedule, max_iterations),
        eps_(o.variant == variant::book ? 1e-7 : o.eps),
        h_(Eigen::VectorXd::Zero(n)) {}
  step_info update(Eigen::VectorXd& x, const Eigen::VectorXd& g, std::size_t t) {
    const double eta = rate_.at(t);
    const double length = blocked_update(x, [&](Eigen::Index first, Eigen::Index n) {
      auto xs = x.segment(first, n).array();
      const auto gs = g.segment(first, n).array();
      auto hs = h_.segment(first, n).array();
      hs += gs * gs;                        // h += grads*grads
      xs -= eta * gs / (hs.sqrt() + eps_);  // params -= lr*grads/(sqrt(h)+eps)
    });
    return {length, eta};
  }
  std::array<state_ref, 1> state() const { return {{{"h", &h_}}}; }

 private:
  rate_schedule rate_;
  double eps_;
  Eigen::VectorXd h_;
};

class rmsprop_policy {
 public:
  rmsprop_policy(const rmsprop& o, Eigen::Index n, std::size_t max_iterations)
      : rate_(o.rate, o.schedule, max_iterations),
        rho_(o.rho),
        eps_(o.variant == variant::book ? 1e-7 : o.eps),
        book_(o.variant == variant::book),
        h_(Eigen::VectorXd::Zero(n)) {}
  step_info update(Eigen::VectorXd& x, const Eigen::VectorXd& g, std::size_t t) {
    const double eta = rate_.at(t);
    const double length = blocked_update(x, [&](Eigen::Index first, Eigen::Index n) {
      auto xs = x.segment(first, n).array();
      const auto gs = g.segment(first, n).array();
      auto hs = h_.segment(first, n).array();
      if (book_) {
        hs *= rho_;                  // h *= decay_rate
        hs += (1 - rho_) * gs * gs;  // h += (1 - decay_rate)*grads*grads
      } else {
        hs = rho_ * hs + (1 - rho_) * (gs * gs);  // v ← αv + (1−α)g²
      }
      xs -= eta * gs / (hs.sqrt() + eps_);
    });
    return {length, eta};
  }
  std::array<state_ref, 1> state() const { return {{{"h", &h_}}}; }

 private:
  rate_schedule rate_;
  double rho_, eps_;
  bool book_;
  Eigen::VectorXd h_;
};

/// Adam and AdamW share one policy; AdamW adds the decoupled decay x ← x − ηλx first.
class adam_policy {
 public:
  adam_policy(const adam& o, Eigen::Index n, std::size_t max_iterations)
      : rate_(o.rate, o.schedule, max_iterations),
        beta1_(o.beta1),
        beta2_(o.beta2),
        eps_(o.variant == variant::book ? 1e-7 : o.eps),
        book_(o.variant == variant::book),
        m_(Eigen::VectorXd::Zero(n)),
        v_(Eigen::VectorXd::Zero(n)) {}
  adam_policy(const adamw& o, Eigen::Index n, std::size_t max_iterations)
      : adam_policy(adam{.rate = o.rate,
                         .beta1 = o.beta1,
                         .beta2 = o.beta2,
                         .eps = o.eps,
                         .variant = variant::standard,
                         .schedule = o.schedule},
                    n, max_iterations) {
    weight_decay_ = o.weight_decay;
  }

  step_info update(Eigen::VectorXd& x, const Eigen::VectorXd& g, std::size_t t) {
    const double eta = rate_.at(t);
    const double td = static_cast<double>(t);
    if (book_) {
      // lr_t = lr * sqrt(1.0 - beta2**iter) / (1.0 - beta1**iter)
      const double eta_t =
          eta * std::sqrt(1.0 - std::pow(beta2_, td)) / (1.0 - std::pow(beta1_, td));
      if (const double s2 = wide({.book = true, .eta_t = eta_t}, x, g); s2 >= 0)
        return {std::sqrt(s2), eta_t};
      const double length = blocked_update(x, [&](Eigen::Index first, Eigen::Index n) {
        auto xs = x.segment(first, n).array();
        const auto gs = g.segment(first, n).array();
        auto ms = m_.segment(first, n).array();
        auto vs = v_.segment(first, n).array();
        ms += (1 - beta1_) * (gs - ms);       // m += (1-beta1)*(grads - m)
        vs += (1 - beta2_) * (gs * gs - vs);  // v += (1-beta2)*(grads**2 - v)
        xs -= eta_t * ms / (vs.sqrt() + eps_);
      });
      return {length, eta_t};
    }
    const double c1 = 1 - std::pow(beta1_, td);  // bias corrections 1 − βᵗ
    const double c2 = 1 - std::pow(beta2_, td);
    const double step = eta / c1;
    const double root_c2 = std::sqrt(c2);
    const double keep = 1 - eta * weight_decay_;
    if (const double s2 = wide({.book = false,
                                .step = step,
                                .root_c2 = root_c2,
                                .keep = keep,
                                .decay = weight_decay_ != 0},
                               x, g);
        s2 >= 0)
      return {std::sqrt(s2), eta};
    const double length = blocked_update(x, [&](Eigen::Index first, Eigen::Index n) {
      auto xs = x.segment(first, n).array();
      const auto gs = g.segment(first, n).array();
      auto ms = m_.segment(first, n).array();
      auto vs = v_.segment(first, n).array();
      if (weight_decay_ != 0) xs *= keep;           // x ← x − ηλx (AdamW only)
      ms += (1 - beta1_) * (gs - ms);               // m ← β₁m + (1−β₁)g, torch's lerp
      vs = beta2_ * vs + (1 - beta2_) * (gs * gs);  // v ← β₂v + (1−β₂)g²
      xs -= step * (ms / (vs.sqrt() / root_c2 + eps_));  // (η/c₁)·m/(√v/√c₂ + ε)
    });
    return {length, eta};
  }
  std::array<state_ref, 2> state() const { return {{{"m", &m_}, {"v", &v_}}}; }

 private:
  // The AVX kernel for long vectors (adam_kernel.hpp): ‖Δx‖₂², or −1 when it did not run.
  double wide(adam_coefficients c, Eigen::VectorXd& x, const Eigen::VectorXd& g) {
    if (static_cast<std::size_t>(x.size()) < adam_wide_from) return -1.0;
    c.beta1 = beta1_;
    c.beta2 = beta2_;
    c.eps = eps_;
    return adam_update_wide(x.data(), g.data(), m_.data(), v_.data(),
                            static_cast<std::size_t>(x.size()), c);
  }

  rate_schedule rate_;
  double beta1_, beta2_, eps_;
  bool book_;
  double weight_decay_ = 0;
  Eigen::VectorXd m_, v_;
};

/// The policy type for each options type. Methods defined elsewhere name theirs with a member
/// `using policy = ...;`.
template <class Options>
struct policy_of {
  using type = typename Options::policy;
};
template <>
struct policy_of<gd> {
  using type = gd_policy;
};
template <>
struct policy_of<momentum> {
  using type = momentum_policy;
};
template <>
struct policy_of<nesterov> {
  using type = nesterov_policy;
};
template <>
struct policy_of<adagrad> {
  using type = adagrad_policy;
};
template <>
struct policy_of<rmsprop> {
  using type = rmsprop_policy;
};
template <>
struct policy_of<adam> {
  using type = adam_policy;
};
template <>
struct policy_of<adamw> {
  using type = adam_policy;
};

}  // namespace detail
}  // namespace kobai
