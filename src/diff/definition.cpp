#include "kobai/diff/definition.hpp"

#include <algorithm>
#include <cmath>
#include <unordered_map>

#include <fmt/format.h>

#include "kobai/diff/simplify.hpp"
#include "kobai/error.hpp"
#include "kobai/expr/print.hpp"
#include "symbolic_messages.hpp"
#include "terms.hpp"

namespace kobai {
namespace {

using detail::sum;
using detail::term;

bool uses_variables(expr e) {
  for (expr n : topological_order(e))
    if (n.is_variable()) return true;
  return false;
}

// The polynomial `e` multiplied out into a sum of monomials; usage_error for anything else.
sum expand(expr root) {
  const std::vector<expr> order = topological_order(root);
  std::unordered_map<std::uint32_t, sum> s;
  const auto refuse = [](expr e) {
    throw usage_error(messages::symbolic::definition_polynomials_only(to_string(e)));
  };
  for (expr e : order) {
    sum r;
    switch (e.kind()) {
      case op::constant:
        r = detail::constant_sum(e.value());
        break;
      case op::variable:
      case op::pi:
      case op::euler:
        r = detail::to_sum(e);
        break;
      case op::neg:
        r = detail::scale(s.at(e.arg(0).id()), -1.0);
        break;
      case op::add:
        r = detail::add(s.at(e.arg(0).id()), s.at(e.arg(1).id()));
        break;
      case op::sub:
        r = detail::add(s.at(e.arg(0).id()), detail::scale(s.at(e.arg(1).id()), -1.0));
        break;
      case op::mul:
        r = detail::multiply_expanded(s.at(e.arg(0).id()), s.at(e.arg(1).id()));
        break;
      case op::div: {
        if (uses_variables(e.arg(1))) refuse(e);
        r = detail::multiply(s.at(e.arg(0).id()), detail::to_sum(expr::constant(1) / e.arg(1)));
        break;
      }
      case op::pow: {
        const expr b = e.arg(1);
        if (!b.is_constant() || b.value() < 0 || b.value() != std::floor(b.value()) ||
            b.value() > 64)
          refuse(e);
        const sum& base = s.at(e.arg(0).id());
        r = detail::constant_sum(1.0);
        for (int i = 0; i < static_cast<int>(b.value()); ++i)
          r = detail::multiply_expanded(r, base);
        break;
      }
      default:
        if (uses_variables(e)) refuse(e);
        r = detail::to_sum(e);  // a constant such as sqrt(2): a coefficient
    }
    s.insert_or_assign(e.id(), std::move(r));
  }
  return s.at(root.id());
}

double power_of(const term& t, expr h) {
  for (const detail::factor& f : t.factors)
    if (f.base == h) return f.exponent;
  return 0;
}

// The sum written by hand: terms in ascending powers of h, and h last in each term (2*x*h).
expr by_hand(sum s, expr h) {
  std::stable_sort(s.terms.begin(), s.terms.end(),
                   [&](const term& a, const term& b) { return power_of(a, h) < power_of(b, h); });
  if (s.terms.empty()) return expr::constant(0);
  expr acc;
  for (std::size_t i = 0; i < s.terms.size(); ++i) {
    term rest = s.terms[i];
    const double k = power_of(rest, h);
    rest.factors.erase_if([&](const detail::factor& f) { return f.base == h; });
    expr e;
    if (k == 0) {
      e = detail::term_to_expr(rest, i == 0);
    } else {
      const expr hk = k == 1 ? h : pow(h, expr::constant(k));
      if (rest.factors.empty() && std::fabs(rest.coef) == 1.0)
        e = i == 0 && rest.coef < 0 ? -hk : hk;
      else
        e = detail::term_to_expr(rest, i == 0) * hk;
    }
    if (i == 0)
      acc = e;
    else
      acc = s.terms[i].coef < 0 ? acc - e : acc + e;
  }
  return acc;
}

// e with every occurrence of variable `var` replaced by `by`, iteratively.
expr substitute(expr e, std::string_view var, expr by) {
  std::unordered_map<std::uint32_t, expr> r;
  for (expr n : topological_order(e)) {
    expr out = n;
    if (n.is_variable() && n.name() == var)
      out = by;
    else if (n.arity() == 1)
      out = expr::unary(n.kind(), r.at(n.arg(0).id()));
    else if (n.arity() == 2)
      out = expr::binary(n.kind(), r.at(n.arg(0).id()), r.at(n.arg(1).id()));
    r.emplace(n.id(), out);
  }
  return r.at(e.id());
}

std::string increment_name(expr f) {
  const std::vector<std::string> vars = variables(f);
  std::string h = "h";
  for (int i = 1; std::find(vars.begin(), vars.end(), h) != vars.end(); ++i) {
    h = fmt::format("h{}", i);
  }
  return h;
}

}  // namespace

limit_derivation derive_by_definition(expr f, std::string_view var) {
  limit_derivation d;
  d.variable = std::string(var);
  d.step = increment_name(f);
  d.f = f;
  const expr x = expr::variable(var);
  const expr h = expr::variable(d.step);
  const expr shifted = substitute(f, var, x + h);
  const sum fx = expand(f);  // refuses non-polynomials before anything is printed
  const sum fxh = expand(shifted);
  d.difference_quotient = (shifted - f) / h;
  d.expanded = (by_hand(fxh, h) - by_hand(fx, h)) / h;
  const sum diff = detail::add(fxh, detail::scale(fx, -1.0));
  d.cancelled = by_hand(diff, h) / h;
  // Every term of f(x + h) − f(x) has a factor h (the h-free part is f(x) − f(x) = 0), so
  // dividing by h lowers each power of h by one.
  sum q = diff;
  for (term& t : q.terms) {
    for (detail::factor& fac : t.factors)
      if (fac.base == h) fac.exponent -= 1;
    t.factors.erase_if([](const detail::factor& fac) { return fac.exponent == 0; });
  }
  d.divided = by_hand(q, h);
  sum limit;
  for (const term& t : q.terms)
    if (power_of(t, h) == 0) limit.terms.push_back(t);
  limit.normalized = false;
  detail::normalize(limit);
  d.result = detail::to_expr(limit);
  return d;
}

}  // namespace kobai
