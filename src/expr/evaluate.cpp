#include "kobai/expr/evaluate.hpp"

#include <fmt/format.h>
#include <unordered_map>

#include "kobai/error.hpp"
#include "kobai/expr/print.hpp"
#include "messages.hpp"

namespace kobai {
namespace {

struct walk_result {
  double value;
  std::optional<nonfinite_origin> origin;
};

walk_result walk(expr root, const assignment& at) {
  const std::vector<expr> order = topological_order(root);
  std::unordered_map<std::uint32_t, double> values;
  values.reserve(order.size());
  std::optional<nonfinite_origin> origin;
  for (expr e : order) {
    double v = 0;
    double a = 0, b = 0;
    switch (arity(e.kind())) {
      case 0:
        if (e.is_variable()) {
          const auto it = at.find(e.name());
          if (it == at.end()) throw usage_error(messages::missing_variable(e.name()));
          v = it->second;
        } else {
          v = e.value();
        }
        break;
      case 1:
        a = values[e.arg(0).id()];
        v = apply(e.kind(), a);
        break;
      default:
        a = values[e.arg(0).id()];
        b = values[e.arg(1).id()];
        v = apply(e.kind(), a, b);
    }
    if (!origin && !std::isfinite(v) && std::isfinite(a) && std::isfinite(b) &&
        (e.arity() > 0 || e.is_variable()))
      origin = nonfinite_origin{e, {a, b}, v};
    values[e.id()] = v;
  }
  return {values[root.id()], origin};
}

}  // namespace

double evaluate(expr e, const assignment& at) {
  return walk(e, at).value;
}

std::optional<nonfinite_origin> find_nonfinite_origin(expr e, const assignment& at) {
  return walk(e, at).origin;
}

std::string describe(const nonfinite_origin& origin, const formula* source) {
  const expr n = origin.node;
  const std::string a = format_number(origin.args[0]);
  const std::string b = format_number(origin.args[1]);
  std::string operation;
  if (n.is_variable()) {
    operation = fmt::format("{} = {}", n.name(), a);
  } else if (n.kind() == op::neg) {
    operation = fmt::format("-({})", a);
  } else if (is_function(n.kind())) {
    operation = n.arity() == 1 ? fmt::format("{}({})", op_name(n.kind()), a)
                               : fmt::format("{}({}, {})", op_name(n.kind()), a, b);
  } else {
    operation = fmt::format("{} {} {}", a, op_name(n.kind()), b);
  }
  std::string where;
  if (source) {
    if (auto off = source->offset_of(n)) {
      const text_position p = position_of(source->text(), *off);
      where = messages::where(p.line, p.column);
    }
  }
  std::string hint;
  if (std::isnan(origin.result) || n.kind() == op::div || n.kind() == op::log ||
      n.kind() == op::log10 || n.kind() == op::log2)
    hint = messages::domain_hint(op_name(n.kind()));
  else
    hint = messages::domain_hint("overflow");
  return messages::nonfinite_result(operation, format_number(origin.result), where, hint);
}

double formula::evaluate(const assignment& at) const {
  const walk_result r = walk(root_, at);
  if (!std::isfinite(r.value)) {
    if (r.origin) throw numerical_error(describe(*r.origin, this));
    throw numerical_error(messages::nonfinite_result("the result", format_number(r.value), "", ""));
  }
  return r.value;
}

}  // namespace kobai
