#include "kobai/diff/symbolic.hpp"

#include <optional>

#include "kobai/diff/simplify.hpp"
#include "kobai/error.hpp"
#include "kobai/expr/id_map.hpp"
#include "rules.hpp"
#include "symbolic_messages.hpp"
#include "terms.hpp"

namespace kobai {
namespace {

expr num(double v) {
  return expr::constant(v);
}

// ∂/∂var of a simplified sum whose terms hold `var` only as a plain power factor var^a (every other
// factor a number, a constant or another variable): the power rule term by term,
// ∂(c·var^a·Π)/∂var = c·a·var^(a−1)·Π, then one normalization. Polynomials and rational
// monomials take this path without building the rule output and simplifying it again (the
// expanded (x + y + z + 1)^25 has 3276 terms). Consumes the terms of s. Nothing (s untouched) when
// a factor's base is an expression (it could contain var: sin(x), (x + 1)^0.5), which the general
// rules handle.
std::optional<detail::sum> power_rule_on_terms(detail::sum& s, std::string_view var) {
  for (const detail::term& t : s.terms) {
    for (const detail::factor& f : t.factors)
      if (!f.constant && !f.base.is_variable()) return std::nullopt;
  }
  const expr v = expr::variable(var);
  detail::sum out;
  out.terms.reserve(s.terms.size());
  for (detail::term& t : s.terms) {
    std::size_t at = t.factors.size();
    for (std::size_t i = 0; i < t.factors.size(); ++i)
      if (t.factors[i].base == v) at = i;
    if (at == t.factors.size()) continue;  // constant in var
    detail::term d = std::move(t);
    const double a = d.factors[at].exponent;
    d.coef *= a;
    if (a == 1.0)
      d.factors.erase(d.factors.begin() + at);
    else
      d.factors[at].exponent = a - 1.0;
    out.terms.push_back(std::move(d));
  }
  out.normalized = false;
  detail::normalize(out);
  return out;
}

// a·b, leaving out factors of 1: the unsimplified derivative should still be readable.
expr times(expr a, expr b) {
  if (a.is_constant(1.0)) return b;
  if (b.is_constant(1.0)) return a;
  return a * b;
}

// d/du of relu(u)/u written for the kink conventions (see symbolic.hpp): 1 for u > 0, 0 for u < 0.
expr step(expr u) {
  return expr::unary(op::relu, u) / u;
}

}  // namespace

namespace detail {

bool derivative_rule(expr w, const expr* du, const expr* dv, expr& out) {
  const expr u = w.arg(0);
  const expr v = w.arity() == 2 ? w.arg(1) : expr();
  const auto chain = [&](expr outer) {  // outer(u)·u'
    out = times(outer, *du);
    return true;
  };
  const auto quotient = [&](expr den) {  // u'/den
    out = *du / den;
    return true;
  };
  switch (w.kind()) {
    case op::neg:
      out = -*du;
      return true;
    case op::add:
      out = !du ? *dv : !dv ? *du : *du + *dv;
      return true;
    case op::sub:
      out = !du ? -*dv : !dv ? *du : *du - *dv;
      return true;
    case op::mul:  // (uv)' = u'v + uv'
      if (!dv)
        out = times(*du, v);
      else if (!du)
        out = times(u, *dv);
      else
        out = times(*du, v) + times(u, *dv);
      return true;
    case op::div:  // (u/v)' = (u'v − uv')/v²
      if (!dv) return quotient(v);
      out = (du ? times(*du, v) - times(u, *dv) : -times(u, *dv)) / pow(v, num(2));
      return true;
    case op::pow:
      if (!dv) {  // (u^c)' = c·u^(c−1)·u'
        const expr c1 = v.is_constant() ? num(v.value() - 1) : v - num(1);
        return chain(times(v, pow(u, c1)));
      }
      if (!du) {  // (c^v)' = c^v·log(c)·v'
        out = times(times(w, expr::unary(op::log, u)), *dv);
        return true;
      }
      // (u^v)' = u^v·(v'·log(u) + v·u'/u)
      out = w * (times(*dv, expr::unary(op::log, u)) + times(v, *du) / u);
      return true;
    case op::sin:
      return chain(expr::unary(op::cos, u));
    case op::cos:
      return chain(-expr::unary(op::sin, u));
    case op::tan:
      return chain(num(1) + pow(w, num(2)));
    case op::asin:
      return quotient(expr::unary(op::sqrt, num(1) - pow(u, num(2))));
    case op::acos:
      out = -(*du / expr::unary(op::sqrt, num(1) - pow(u, num(2))));
      return true;
    case op::atan:
      return quotient(num(1) + pow(u, num(2)));
    case op::sinh:
      return chain(expr::unary(op::cosh, u));
    case op::cosh:
      return chain(expr::unary(op::sinh, u));
    case op::tanh:
      return chain(num(1) - pow(w, num(2)));
    case op::exp:
      return chain(w);
    case op::log:
      return quotient(u);
    case op::log10:
      return quotient(u * expr::unary(op::log, num(10)));
    case op::log2:
      return quotient(u * expr::unary(op::log, num(2)));
    case op::sqrt:
      return quotient(num(2) * w);
    case op::cbrt:
      return quotient(num(3) * pow(w, num(2)));
    case op::abs:
      return chain(u / w);
    case op::sigmoid:
      return chain(w * (num(1) - w));
    case op::softplus:
      return chain(expr::unary(op::sigmoid, u));
    case op::relu:
      return chain(step(u));
    case op::erf:  // erf'(u) = 2/√π · e^(−u²)
      return chain(num(2) / expr::unary(op::sqrt, expr::pi()) *
                   expr::unary(op::exp, -pow(u, num(2))));
    case op::atan2: {  // atan2(u, v)' = (v·u' − u·v')/(u² + v²)
      const expr r2 = pow(u, num(2)) + pow(v, num(2));
      if (!dv)
        out = times(v, *du) / r2;
      else if (!du)
        out = -times(u, *dv) / r2;
      else
        out = (times(v, *du) - times(u, *dv)) / r2;
      return true;
    }
    case op::hypot: {  // hypot(u, v)' = (u·u' + v·v')/hypot(u, v)
      const expr a = du ? times(u, *du) : expr();
      const expr b = dv ? times(v, *dv) : expr();
      out = (du && dv ? a + b : du ? a : b) / w;
      return true;
    }
    case op::min:
    case op::max: {
      if (u == v) {  // min(u, u) = u
        out = *du;
        return true;
      }
      // min: u' where u < v, v' where v < u; max the other way round (see symbolic.hpp).
      const bool is_min = w.kind() == op::min;
      const expr su = is_min ? step(v - u) : step(u - v);
      const expr sv = is_min ? step(u - v) : step(v - u);
      const expr a = du ? times(su, *du) : expr();
      const expr b = dv ? times(sv, *dv) : expr();
      out = du && dv ? a + b : du ? a : b;
      return true;
    }
    default:
      return false;
  }
}

}  // namespace detail

bool has_kink(expr e) {
  for (const expr& n : topological_order(e))
    if (n.kind() == op::abs || n.kind() == op::relu || n.kind() == op::min || n.kind() == op::max)
      return true;
  return false;
}

expr derivative_unsimplified(expr e, std::string_view var) {
  const std::vector<expr> order = topological_order(e);
  detail::id_map<expr> d(order.size());  // absent: the derivative is 0
  const auto find = [&](expr c) -> const expr* { return d.find(c.id()); };
  const expr v = expr::variable(var);
  for (expr w : order) {
    if (w.arity() == 0) {
      if (w == v) d.emplace(w.id(), num(1));
      continue;
    }
    const expr* du = find(w.arg(0));
    const expr* dv = w.arity() == 2 ? find(w.arg(1)) : nullptr;
    if (!du && !dv) continue;
    expr out;
    if (detail::derivative_rule(w, du, dv, out)) d.emplace(w.id(), out);
  }
  const expr* r = find(e);
  return r ? *r : num(0);
}

expr derivative(expr e, std::string_view var) {
  detail::sum terms = detail::to_sum(e);
  if (const auto d = power_rule_on_terms(terms, var)) return detail::to_expr(*d);
  // Differentiating the simplified formula lets identities the simplifier knows (min(x, 1*x) is
  // x) hold before the rules see them. The simplifier cannot always beat the plain rule output
  // (it does not bring sums to a common denominator), so the smaller of the two is returned:
  // the result never has more nodes than the rules alone give.
  const expr raw = derivative_unsimplified(detail::to_expr(terms), var);
  const expr s = simplify(raw);
  return node_count(s) <= node_count(raw) ? s : raw;
}

expr derivative(expr e, std::string_view var, int order) {
  if (order < 0) throw usage_error(messages::symbolic::negative_order(order));
  expr r = simplify(e);
  for (int i = 0; i < order; ++i) r = derivative(r, var);
  return r;
}

expr derivative(expr e, const std::vector<std::string>& vars) {
  expr r = simplify(e);
  for (const std::string& v : vars) r = derivative(r, v);
  return r;
}

std::vector<expr> gradient(expr e, const std::vector<std::string>& vars) {
  std::vector<expr> g;
  g.reserve(vars.size());
  for (const std::string& v : vars) g.push_back(derivative(e, v));
  return g;
}

std::vector<expr> hessian(expr e, const std::vector<std::string>& vars) {
  const std::size_t n = vars.size();
  if (n > max_hessian_variables)
    throw usage_error(messages::symbolic::hessian_too_large(n, max_hessian_variables));
  const std::vector<expr> g = gradient(e, vars);
  std::vector<expr> h(n * n);
  for (std::size_t i = 0; i < n; ++i)
    for (std::size_t j = i; j < n; ++j) h[i * n + j] = h[j * n + i] = derivative(g[i], vars[j]);
  return h;
}

}  // namespace kobai
