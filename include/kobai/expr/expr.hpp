#pragma once
// The expression graph: immutable, hash-consed nodes. Two structurally equal subexpressions are
// the same node, so equality is an integer comparison, common subexpressions cost nothing, and
// passes over a graph visit each distinct node once (cost proportional to nodes, not paths).
//
// Nodes live in one process-wide arena and are never freed; an `expr` is a 32-bit handle into it.
// Creating nodes is thread-safe; reading them needs no lock.
#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "kobai/expr/op.hpp"

namespace kobai {

namespace detail {
/// A node of the process-wide arena (internal: here so that expr's accessors inline; the hot
/// loops of the simplifier and the compiler read nothing else).
struct node {
  op kind;
  std::uint32_t a;  // first operand, or the name index of a variable
  std::uint32_t b;  // second operand
  std::uint32_t depth;
  double value;
  std::uint64_t hash;
};
inline constexpr std::uint32_t node_chunk_bits = 20;
inline constexpr std::uint32_t node_chunk_count = 1u << 12;
/// The arena's fixed-size chunks, which never move: an id that a reader holds was published
/// after its node was written (expr.cpp), so reading needs no lock.
extern node* node_chunks[node_chunk_count];
inline const node& node_at(std::uint32_t id) noexcept {
  return node_chunks[id >> node_chunk_bits][id & ((1u << node_chunk_bits) - 1)];
}
}  // namespace detail

class expr {
 public:
  /// The constant 0.
  expr();

  static expr constant(double value);
  static expr variable(std::string_view name);
  static expr unary(op o, expr a);
  static expr binary(op o, expr a, expr b);
  /// The named constants `pi` and `e`.
  static expr pi();
  static expr euler();

  op kind() const noexcept { return detail::node_at(id_).kind; }
  /// The number held by a constant node (π or e for those leaves, 0 otherwise).
  double value() const noexcept { return detail::node_at(id_).value; }
  /// The name of a variable node (empty for other kinds).
  std::string_view name() const;
  /// The i-th operand (0 or 1) of a unary or binary node.
  expr arg(int i) const noexcept {
    const detail::node& n = detail::node_at(id_);
    return expr(i == 0 ? n.a : n.b);
  }
  int arity() const noexcept { return kobai::arity(kind()); }

  /// Length of the longest path to a leaf (leaves have depth 1). Lets algorithms that recurse
  /// refuse very deep graphs up front.
  std::uint32_t depth() const noexcept { return detail::node_at(id_).depth; }
  std::uint64_t hash() const noexcept { return detail::node_at(id_).hash; }
  std::uint32_t id() const noexcept { return id_; }

  bool is_constant() const noexcept { return kind() == op::constant; }
  bool is_constant(double v) const noexcept { return is_constant() && value() == v; }
  bool is_variable() const noexcept { return kind() == op::variable; }

  friend bool operator==(expr a, expr b) noexcept { return a.id_ == b.id_; }
  friend bool operator!=(expr a, expr b) noexcept { return a.id_ != b.id_; }
  /// Orders by creation, only for use as a map key; not a canonical order.
  friend bool operator<(expr a, expr b) noexcept { return a.id_ < b.id_; }

 private:
  explicit expr(std::uint32_t id) : id_(id) {}
  std::uint32_t id_;
  friend struct expr_access;
};

// Plain constructors without simplification; the simplifier lives with the derivatives.
expr operator+(expr a, expr b);
expr operator-(expr a, expr b);
expr operator*(expr a, expr b);
expr operator/(expr a, expr b);
expr operator-(expr a);
expr pow(expr a, expr b);

/// Every distinct node below and including `root`, children before parents, each once.
/// Iterative: safe on graphs of any depth.
std::vector<expr> topological_order(expr root);

/// Number of distinct nodes in the graph of `root`.
std::size_t node_count(expr root);

/// The variable names of `root` in natural order (`x2` before `x10`, `x[2]` before `x[10]`).
std::vector<std::string> variables(expr root);

/// Natural order of names: runs of digits compare by their numeric value.
bool natural_less(std::string_view a, std::string_view b) noexcept;

/// Total number of nodes in the process-wide arena (for diagnostics and benchmarks).
std::size_t arena_size() noexcept;

}  // namespace kobai

template <>
struct std::hash<kobai::expr> {
  std::size_t operator()(kobai::expr e) const noexcept { return e.id(); }
};
