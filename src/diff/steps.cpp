#include "kobai/diff/steps.hpp"

#include <unordered_map>

#include "kobai/diff/simplify.hpp"
#include "kobai/diff/symbolic.hpp"
#include "kobai/error.hpp"
#include "rules.hpp"
#include "symbolic_messages.hpp"

namespace kobai {
namespace {

namespace m = messages::symbolic;

std::string rule_name(expr w, bool u_varies, bool v_varies) {
  const expr u = w.arg(0);
  switch (w.kind()) {
    case op::add:
      return std::string(m::rule_sum);
    case op::sub:
      return std::string(m::rule_difference);
    case op::neg:
      return std::string(m::rule_constant_multiple);
    case op::mul:
      return std::string(u_varies && v_varies ? m::rule_product : m::rule_constant_multiple);
    case op::div:
      return std::string(v_varies ? m::rule_quotient : m::rule_constant_multiple);
    case op::pow:
      if (!v_varies) return std::string(u.is_variable() ? m::rule_power : m::rule_power_chain);
      if (!u_varies) return std::string(m::rule_exponential);
      return std::string(m::rule_general_power);
    default:
      break;
  }
  const std::string_view name = op_name(w.kind());
  if (w.arity() == 1 && u.is_variable()) return m::rule_function(name);
  return m::rule_chain(name);
}

std::string note_for(expr w) {
  switch (w.kind()) {
    case op::abs:
      return std::string(m::note_abs);
    case op::relu:
      return std::string(m::note_relu);
    case op::min:
      return std::string(m::note_min);
    case op::max:
      return std::string(m::note_max);
    default:
      return {};
  }
}

}  // namespace

derivation derive_with_steps(expr f, std::string_view var, const steps_options& options) {
  derivation out{std::string(var), f, {}, derivative(f, var)};
  const std::vector<expr> order = topological_order(f);
  std::unordered_map<std::uint32_t, expr> d;  // simplified derivative; absent when 0
  const auto find = [&](expr c) -> const expr* {
    const auto it = d.find(c.id());
    return it == d.end() ? nullptr : &it->second;
  };
  const auto add_step = [&](derivation_step s) {
    if (out.steps.size() >= options.max_steps)
      throw usage_error(m::steps_too_many(options.max_steps));
    out.steps.push_back(std::move(s));
  };
  // A chain of additions and subtractions is one sum for a learner: its inner nodes (all of whose
  // users are sums too) get no step of their own; the outermost shows every term.
  std::unordered_map<std::uint32_t, bool> inner_sum;
  const auto is_sum = [](expr e) { return e.kind() == op::add || e.kind() == op::sub; };
  for (expr w : order) {
    for (int i = 0; i < w.arity(); ++i) {
      const expr c = w.arg(i);
      if (!is_sum(c)) continue;
      auto [it, fresh] = inner_sum.emplace(c.id(), is_sum(w));
      if (!fresh) it->second = it->second && is_sum(w);
    }
  }
  const auto inner = [&](expr e) {
    const auto it = inner_sum.find(e.id());
    return it != inner_sum.end() && it->second;
  };
  const expr zero = expr::constant(0);
  for (expr w : order) {
    if (w.arity() == 0) {
      if (w.is_variable() && w.name() == var) d.emplace(w.id(), expr::constant(1));
      continue;
    }
    const expr* du = find(w.arg(0));
    const expr* dv = w.arity() == 2 ? find(w.arg(1)) : nullptr;
    if (!du && !dv) continue;
    derivation_step s;
    s.rule = rule_name(w, du != nullptr, dv != nullptr);
    s.of = w;
    s.note = note_for(w);
    if (is_sum(w)) {
      if (inner(w)) {
        s.applied = expr::binary(w.kind(), du ? *du : zero, dv ? *dv : zero);
        d.insert_or_assign(w.id(), simplify(s.applied));
        continue;
      }
      // Every term of the sum, the constant ones as 0, as a learner does: 8*x + 4*y + 0 + 0.
      std::vector<std::pair<expr, bool>> terms;  // term, subtracted
      std::vector<std::pair<expr, bool>> stack{{w, false}};
      while (!stack.empty()) {
        const auto [e, negative] = stack.back();
        stack.pop_back();
        if (e == w || inner(e)) {
          stack.emplace_back(e.arg(1), e.kind() == op::sub ? !negative : negative);
          stack.emplace_back(e.arg(0), negative);
          continue;
        }
        terms.emplace_back(e, negative);
      }
      for (std::size_t i = 0; i < terms.size(); ++i) {
        const expr* dt = find(terms[i].first);
        if (!dt && terms[i].first.arity() > 0)
          add_step({std::string(m::rule_constant), terms[i].first, zero, zero, {}});
        const expr t = dt ? *dt : zero;
        if (i == 0)
          s.applied = terms[i].second ? -t : t;
        else
          s.applied = terms[i].second ? s.applied - t : s.applied + t;
      }
    } else if (!detail::derivative_rule(w, du, dv, s.applied)) {
      continue;
    }
    s.result = simplify(s.applied);
    if (s.result.is_constant(0))
      d.erase(w.id());
    else
      d.insert_or_assign(w.id(), s.result);
    add_step(std::move(s));
  }
  return out;
}

}  // namespace kobai
