#include "kobai/eval/tape.hpp"

#include <algorithm>
#include <bit>
#include <cmath>
#include <optional>
#include <unordered_map>

#include "kobai/error.hpp"
#include "messages.hpp"
#include "tape_lower.hpp"
#include "tape_ops.hpp"

namespace kobai {

// Compilation: constants are folded (an operation whose operands are all constants becomes a
// constant), x^2 becomes a multiplication, x^n for a small integer n repeated multiplication and
// x^1 the operand itself. Slots: variables, then the constants that remain, then one per
// instruction, then a scratch slot that unary instructions name as their operand b so that the
// reverse sweep needs no test of arity, then a slot holding 1 for the fused products.
namespace detail {

lowered_tape lower(expr e, std::span<const std::string> variables) {
  lowered_tape t;
  const auto n = static_cast<std::uint32_t>(variables.size());
  std::unordered_map<std::string_view, std::uint32_t> var_slot;
  for (std::uint32_t i = 0; i < n; ++i) {
    if (!var_slot.emplace(variables[i], i).second)
      throw usage_error(messages::duplicate_variable(variables[i]));
  }
  const std::vector<expr> order = topological_order(e);
  std::unordered_map<std::uint32_t, double> folded;  // node id -> value, for constant nodes
  for (expr node : order) {
    if (node.is_variable()) {
      if (!var_slot.contains(node.name()))
        throw usage_error(messages::unlisted_variable(node.name()));
      continue;
    }
    if (node.arity() == 0) {
      folded[node.id()] = node.value();
      continue;
    }
    const auto a = folded.find(node.arg(0).id());
    if (a == folded.end()) continue;
    if (node.arity() == 1) {
      folded[node.id()] = apply(node.kind(), a->second);
    } else if (const auto b = folded.find(node.arg(1).id()); b != folded.end()) {
      folded[node.id()] = apply(node.kind(), a->second, b->second);
    }
  }

  std::unordered_map<std::uint32_t, std::uint32_t> slot;  // node id -> slot
  // Constants are shared by bit pattern, so that 0 and −0 stay apart.
  std::unordered_map<std::uint64_t, std::uint32_t> constant_slot;
  const auto constant = [&](double v) {
    const auto [it, fresh] = constant_slot.emplace(
        std::bit_cast<std::uint64_t>(v), n + static_cast<std::uint32_t>(t.constants.size()));
    if (fresh) t.constants.push_back(v);
    return it->second;
  };
  // Constants that an operation reads (or that are the result) get slots first.
  const auto operand_value = [&](expr node) -> std::optional<double> {
    const auto it = folded.find(node.id());
    if (it == folded.end()) return std::nullopt;
    return it->second;
  };
  struct pending {
    std::uint8_t code;
    expr a, b;
    std::uint32_t b_const;  // when b is replaced by a constant slot (powi)
    bool unary;
  };
  std::vector<std::pair<expr, pending>> ops;
  std::unordered_map<std::uint32_t, expr> alias;  // node id -> the node it equals (x^1)
  for (expr node : order) {
    if (node.arity() == 0 || folded.contains(node.id())) continue;
    const op o = node.kind();
    if (o == op::pow) {
      if (const auto c = operand_value(node.arg(1))) {
        if (*c == 1.0) {
          alias.emplace(node.id(), node.arg(0));
          continue;
        }
        if (*c == 2.0) {
          ops.push_back({node, {tape::square_code, node.arg(0), node.arg(0), 0, true}});
          continue;
        }
        if (*c == std::trunc(*c) && std::fabs(*c) <= detail::max_powi) {
          ops.push_back({node, {tape::powi_code, node.arg(0), node.arg(1), constant(*c), false}});
          continue;
        }
      }
    }
    for (int i = 0; i < node.arity(); ++i)
      if (const auto c = operand_value(node.arg(i))) constant(*c);
    ops.push_back({node,
                   {static_cast<std::uint8_t>(o), node.arg(0),
                    node.arity() == 2 ? node.arg(1) : node.arg(0), 0, node.arity() == 1}});
  }
  if (const auto c = operand_value(e)) constant(*c);
  t.first_op = n + static_cast<std::uint32_t>(t.constants.size());
  t.scratch = t.first_op + static_cast<std::uint32_t>(ops.size());

  const auto slot_of = [&](expr node) {
    while (true) {
      const auto it = alias.find(node.id());
      if (it == alias.end()) break;
      node = it->second;
    }
    if (node.is_variable()) return var_slot.at(node.name());
    if (const auto c = operand_value(node))
      return constant_slot.at(std::bit_cast<std::uint64_t>(*c));
    return slot.at(node.id());
  };
  t.code.reserve(ops.size());
  for (const auto& [node, p] : ops) {
    const std::uint32_t a = slot_of(p.a);
    const std::uint32_t b = p.code == tape::powi_code ? p.b_const
                            : p.unary                 ? t.scratch
                                                      : slot_of(p.b);
    slot[node.id()] = t.first_op + static_cast<std::uint32_t>(t.code.size());
    t.code.push_back({p.code, a, b});
  }
  t.result = slot_of(e);
  return t;
}

}  // namespace detail

tape compile(expr e, std::vector<std::string> variables) {
  detail::lowered_tape l = detail::lower(e, variables);
  tape t;
  t.variables_ = std::move(variables);
  const auto n = static_cast<std::uint32_t>(t.variables_.size());
  t.code_ = std::move(l.code);
  t.constants_ = std::move(l.constants);
  t.first_op_ = l.first_op;
  t.scratch_ = l.scratch;
  t.result_ = l.result;
  t.slots_.assign(t.one_slot() + 1, 0.0);
  t.slots_[t.one_slot()] = 1.0;
  std::copy(t.constants_.begin(), t.constants_.end(), t.slots_.begin() + n);
  t.adjoints_.assign(t.slots_.size(), 0.0);
  t.partials_.assign(2 * t.code_.size(), 0.0);
  t.fuse();
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

namespace {

// Σ± Π slots of one sum step, each product and the sum folded left to right (tape_fuse.cpp).
// With `prefix`, the partial products P_2 … P_(m−1) of each term of m factors are kept for the
// reverse sweep, at prefix[j] in the term's words; P_1 is the first factor, which the reverse
// sweep recomputes, and P_m, the term, it does not need.
// −v when the term header's low bit is set, else v: a product with ±1, exact, and without a
// branch the predictor would have to learn per term.
inline double signed_term(std::uint32_t header, double v) {
  static constexpr double sign[2] = {1.0, -1.0};
  return v * sign[header & 1u];
}

// The terms of a step lie one after the other in terms_ (header, then slot pairs), so the
// forward pass walks them in sequence; term_start_ serves the reverse sweep.
inline double sum_of_products(const std::uint32_t* q, std::uint32_t count, const double* s,
                              double* prefix) {
  // −0 is the identity of IEEE addition (−0 + v = v for every v, +0 and −0 included), so the
  // first term needs no case of its own; a + (−p) is a − p exactly.
  double sum = -0.0;
  for (std::uint32_t t = 0; t < count; ++t) {
    const std::uint32_t header = q[0];
    const std::uint32_t factors = header >> 1u;
    double p = s[q[1]] * s[q[2]];
    for (std::uint32_t j = 2; j <= factors; ++j) {
      if (prefix != nullptr && j > 2) prefix[j - 1] = p;
      p *= s[q[2 * j - 1]] * s[q[2 * j]];
    }
    sum += signed_term(header, p);
    q += 1 + 2 * factors;
    if (prefix != nullptr) prefix += 1 + 2 * factors;
  }
  return sum;
}

// A factor's adjoint passed to its slot i through ∂(s[i]·s[j])/∂s[i]: s[one] = 1 for a plain
// factor (i, one), 2·s[a] for a square (a, a): the unfused instructions' partials, to the bit.
inline void add_factor_adjoint(const std::uint32_t* pair, double adjoint, const double* s,
                               double* d) {
  if (pair[0] != pair[1]) {
    d[pair[0]] += adjoint;  // adjoint·(1·s[one]) = adjoint, exactly
  } else {
    d[pair[0]] += adjoint * (2.0 * s[pair[0]]);
  }
}

}  // namespace

void tape::run_program() const {
  double* s = slots_.data();
  const std::uint32_t* terms = terms_.data();
  const std::uint32_t* start = term_start_.data();
  for (const step& st : program_) {
    s[st.w] = st.code == sum_code ? sum_of_products(terms + start[st.a], st.b, s, nullptr)
                                  : detail::apply_code(st.code, s[st.a], s[st.b]);
  }
}

void tape::run_program_with_partials() const {
  double* s = slots_.data();
  double* p = step_partials_.data();
  const std::uint32_t* terms = terms_.data();
  const std::uint32_t* start = term_start_.data();
  for (const step& st : program_) {
    s[st.w] = st.code == sum_code
                  ? sum_of_products(terms + start[st.a], st.b, s, prefix_.data() + start[st.a])
                  : detail::apply_with_partials(st.code, s[st.a], s[st.b], p[0], p[1]);
    p += 2;
  }
}

double tape::value(std::span<const double> x) const {
  load(x);
  run_program();
  return slots_[result_];
}

void tape::values(std::span<const double> points, std::span<double> out) const {
  const std::size_t n = variables_.size();
  if (points.size() != out.size() * n)
    throw usage_error(messages::dimension_mismatch(points.size(), out.size() * n));
  // Slot-major block: block_[slot · lanes + lane]. Each instruction runs over all lanes before
  // the next, so the switch is paid once per block and the inner loops vectorize.
  constexpr std::size_t lanes = detail::block_lanes;
  block_.resize(slots_.size() * lanes);
  double* s = block_.data();
  for (std::size_t c = 0; c < constants_.size(); ++c)
    std::fill_n(s + (n + c) * lanes, lanes, constants_[c]);
  for (std::size_t first = 0; first < out.size(); first += lanes) {
    const std::size_t count = std::min(lanes, out.size() - first);
    for (std::size_t lane = 0; lane < count; ++lane)
      for (std::size_t i = 0; i < n; ++i) s[i * lanes + lane] = points[(first + lane) * n + i];
    double* w = s + std::size_t{first_op_} * lanes;
    for (const instruction& in : code_) {
      detail::apply_block(in.code, s + std::size_t{in.a} * lanes, s + std::size_t{in.b} * lanes, w);
      w += lanes;
    }
    std::copy_n(s + std::size_t{result_} * lanes, count, out.begin() + first);
  }
}

void tape::forward_with_partials() const {
  double* s = slots_.data();
  double* out = s + first_op_;
  double* p = partials_.data();
  for (const instruction& in : code_) {
    *out++ = detail::apply_with_partials(in.code, s[in.a], s[in.b], p[0], p[1]);
    p += 2;
  }
}

// Reverse sweep: adjoint[k] = ∂f/∂slot[k], accumulated from the result back to the variables,
// each instruction adding adjoint · (its recorded local partial) to its operands.
//
// The adjoints are all zero between calls: each step clears its own adjoint as it reads it, and
// the slots below first_op_ (variables, constants) and the scratch slot are cleared at the end.
// That replaces a fill of the whole array by one store per step.
double tape::value_and_gradient(std::span<const double> x, std::span<double> g) const {
  if (g.size() != variables_.size())
    throw usage_error(messages::dimension_mismatch(g.size(), variables_.size()));
  load(x);
  run_program_with_partials();
  double* d = adjoints_.data();
  d[result_] = 1.0;
  const double* s = slots_.data();
  const double* prefix = prefix_.data();
  const std::uint32_t* terms = terms_.data();
  const std::uint32_t* start = term_start_.data();
  const double* p = step_partials_.data() + step_partials_.size();
  for (std::size_t k = program_.size(); k-- > 0;) {
    p -= 2;
    const step& st = program_[k];
    const double wb = d[st.w];
    d[st.w] = 0.0;
    if (wb == 0.0) continue;
    if (st.code != sum_code) {
      d[st.a] += wb * p[0];
      d[st.b] += wb * p[1];
      continue;
    }
    // Each term's product from its last factor back: with P_j = P_(j−1)·f_j, the factor f_j
    // gets b·P_(j−1) and P_(j−1) gets b·f_j. An inner product whose adjoint is 0 passes nothing
    // on, as an unfused instruction with a zero adjoint is skipped. P_1 = f_1 is recomputed,
    // the same product of the same slots as in the forward sweep.
    for (const std::uint32_t* t = start + st.a + st.b; t != start + st.a;) {
      const std::uint32_t at = *--t;
      const std::uint32_t* q = terms + at;
      const std::uint32_t header = q[0];
      double b = (header & 1u) != 0 ? -wb : wb;
      std::uint32_t j = header >> 1u;
      for (; j > 2; --j) {
        const std::uint32_t* pair = q + 2 * j - 1;
        add_factor_adjoint(pair, b * prefix[at + j - 1], s, d);
        b *= s[pair[0]] * s[pair[1]];
        if (b == 0.0) break;
      }
      if (j == 2) {
        add_factor_adjoint(q + 3, b * (s[q[1]] * s[q[2]]), s, d);
        b *= s[q[3]] * s[q[4]];
        if (b == 0.0) continue;
        j = 1;
      }
      if (j == 1) add_factor_adjoint(q + 1, b, s, d);
    }
  }
  // Plain loops: for the few variables and constants of a typical formula, calls to memmove and
  // memset cost more than the copy.
  const std::size_t n = g.size();
  for (std::size_t i = 0; i < n; ++i) {
    g[i] = d[i];
    d[i] = 0.0;
  }
  for (std::size_t i = n; i < first_op_; ++i) d[i] = 0.0;
  d[scratch_] = 0.0;
  return slots_[result_];
}

}  // namespace kobai
