#include "kobai/eval/tape.hpp"

#include <algorithm>
#include <cmath>
#include <unordered_map>

#include "kobai/error.hpp"
#include "messages.hpp"

namespace kobai {

tape compile(expr e, std::vector<std::string> variables) {
  tape t;
  t.variables_ = std::move(variables);
  const auto n = static_cast<std::uint32_t>(t.variables_.size());
  std::unordered_map<std::string_view, std::uint32_t> var_slot;
  for (std::uint32_t i = 0; i < n; ++i) {
    if (!var_slot.emplace(t.variables_[i], i).second)
      throw usage_error(messages::duplicate_variable(t.variables_[i]));
  }
  const std::vector<expr> order = topological_order(e);
  std::unordered_map<std::uint32_t, std::uint32_t> slot;  // node id -> slot
  // Leaves first: variables map to their given slots, constants get slots after them.
  for (expr node : order) {
    if (node.arity() != 0) continue;
    if (node.is_variable()) {
      const auto it = var_slot.find(node.name());
      if (it == var_slot.end()) throw usage_error(messages::unlisted_variable(node.name()));
      slot[node.id()] = it->second;
    } else {
      slot[node.id()] = n + static_cast<std::uint32_t>(t.constants_.size());
      t.constants_.push_back(node.value());
    }
  }
  t.first_op_ = n + static_cast<std::uint32_t>(t.constants_.size());
  for (expr node : order) {
    if (node.arity() == 0) continue;
    const std::uint32_t a = slot.at(node.arg(0).id());
    const std::uint32_t b = node.arity() == 2 ? slot.at(node.arg(1).id()) : 0;
    slot[node.id()] = t.first_op_ + static_cast<std::uint32_t>(t.code_.size());
    t.code_.push_back({node.kind(), a, b});
  }
  t.result_ = slot.at(e.id());
  t.slots_.assign(t.first_op_ + t.code_.size(), 0.0);
  std::copy(t.constants_.begin(), t.constants_.end(), t.slots_.begin() + n);
  t.adjoints_.assign(t.slots_.size(), 0.0);
  return t;
}

tape compile(expr e) {
  return compile(e, variables(e));
}

void tape::load(std::span<const double> x) const {
  if (x.size() != variables_.size())
    throw usage_error(messages::dimension_mismatch(x.size(), variables_.size()));
  std::copy(x.begin(), x.end(), slots_.begin());
}

void tape::forward() const {
  double* s = slots_.data();
  double* out = s + first_op_;
  for (const instruction& in : code_) {
    *out++ = arity(in.code) == 1 ? apply(in.code, s[in.a]) : apply(in.code, s[in.a], s[in.b]);
  }
}

double tape::value(std::span<const double> x) const {
  load(x);
  forward();
  return slots_[result_];
}

void tape::values(std::span<const double> points, std::span<double> out) const {
  const std::size_t n = variables_.size();
  if (points.size() != out.size() * n)
    throw usage_error(messages::dimension_mismatch(points.size(), out.size() * n));
  for (std::size_t i = 0; i < out.size(); ++i) out[i] = value(points.subspan(i * n, n));
}

// Reverse sweep: adjoint[k] = ∂f/∂slot[k], accumulated from the result back to the variables.
// Conventions where a function is not differentiable: abs'(0) = 0, relu'(0) = 0, and min/max pass
// the whole adjoint to the first argument on a tie (docs/numerics.md).
double tape::value_and_gradient(std::span<const double> x, std::span<double> g) const {
  if (g.size() != variables_.size())
    throw usage_error(messages::dimension_mismatch(g.size(), variables_.size()));
  load(x);
  forward();
  const double* s = slots_.data();
  double* d = adjoints_.data();
  std::fill(adjoints_.begin(), adjoints_.end(), 0.0);
  d[result_] = 1.0;
  for (std::size_t k = code_.size(); k-- > 0;) {
    const instruction& in = code_[k];
    const std::size_t self = first_op_ + k;
    const double w = s[self];
    const double wb = d[self];
    if (wb == 0.0) continue;
    const double a = s[in.a];
    const double b = arity(in.code) == 2 ? s[in.b] : 0.0;
    double& da = d[in.a];
    double& db = d[in.b];
    switch (in.code) {
      case op::neg:
        da -= wb;
        break;
      case op::add:
        da += wb;
        db += wb;
        break;
      case op::sub:
        da += wb;
        db -= wb;
        break;
      case op::mul:
        da += wb * b;
        db += wb * a;
        break;
      case op::div:
        da += wb / b;
        db -= wb * w / b;
        break;
      case op::pow:
        da += b == 2.0 ? wb * 2.0 * a : wb * b * std::pow(a, b - 1.0);
        if (a > 0) db += wb * w * std::log(a);
        break;
      case op::sin:
        da += wb * std::cos(a);
        break;
      case op::cos:
        da -= wb * std::sin(a);
        break;
      case op::tan:
        da += wb * (1.0 + w * w);
        break;
      case op::asin:
        da += wb / std::sqrt(1.0 - a * a);
        break;
      case op::acos:
        da -= wb / std::sqrt(1.0 - a * a);
        break;
      case op::atan:
        da += wb / (1.0 + a * a);
        break;
      case op::sinh:
        da += wb * std::cosh(a);
        break;
      case op::cosh:
        da += wb * std::sinh(a);
        break;
      case op::tanh:
        da += wb * (1.0 - w * w);
        break;
      case op::exp:
        da += wb * w;
        break;
      case op::log:
        da += wb / a;
        break;
      case op::log10:
        da += wb / (a * std::log(10.0));
        break;
      case op::log2:
        da += wb / (a * std::log(2.0));
        break;
      case op::sqrt:
        da += wb / (2.0 * w);
        break;
      case op::cbrt:
        da += wb / (3.0 * w * w);
        break;
      case op::abs:
        da += a > 0 ? wb : a < 0 ? -wb : 0.0;
        break;
      case op::sigmoid:
        da += wb * w * (1.0 - w);
        break;
      case op::softplus:
        da += wb * apply(op::sigmoid, a);
        break;
      case op::relu:
        da += a > 0 ? wb : 0.0;
        break;
      // erf'(a) = 2/√π · e^(−a²)
      case op::erf:
        da += wb * 1.1283791670955126 * std::exp(-a * a);
        break;
      case op::atan2: {
        const double r2 = a * a + b * b;  // atan2(y, x): ∂/∂y = x/r², ∂/∂x = −y/r²
        da += wb * b / r2;
        db -= wb * a / r2;
        break;
      }
      case op::hypot:
        da += wb * a / w;
        db += wb * b / w;
        break;
      case op::min:
        (a <= b ? da : db) += wb;
        break;
      case op::max:
        (a >= b ? da : db) += wb;
        break;
      default:
        break;
    }
  }
  std::copy(adjoints_.begin(), adjoints_.begin() + static_cast<std::ptrdiff_t>(g.size()),
            g.begin());
  return s[result_];
}

}  // namespace kobai
