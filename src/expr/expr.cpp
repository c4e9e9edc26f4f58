#include "kobai/expr/expr.hpp"

#include <algorithm>
#include <array>
#include <atomic>
#include <bit>
#include <cstring>
#include <deque>
#include <memory>
#include <mutex>
#include <unordered_map>

#include "kobai/error.hpp"
#include "kobai/expr/id_map.hpp"

namespace kobai {

// Never freed, like the arena that fills it: exprs may outlive static destructors.
detail::node* detail::node_chunks[detail::node_chunk_count] = {};

namespace {

using detail::node;

// splitmix64 finaliser: a cheap, well-mixed 64-bit hash step.
constexpr std::uint64_t mix(std::uint64_t x) noexcept {
  x += 0x9e3779b97f4a7c15ULL;
  x = (x ^ (x >> 30)) * 0xbf58476d1ce4e5b9ULL;
  x = (x ^ (x >> 27)) * 0x94d049bb133111ebULL;
  return x ^ (x >> 31);
}

std::uint64_t hash_of(op kind, std::uint32_t a, std::uint32_t b, double value) noexcept {
  std::uint64_t h = mix(static_cast<std::uint64_t>(kind) + 1);
  h = mix(h ^ (static_cast<std::uint64_t>(a) << 32 | b));
  return mix(h ^ std::bit_cast<std::uint64_t>(value));
}

// Nodes are stored in fixed-size chunks that never move, so a reader can follow an id without a
// lock while another thread appends.
class arena {
 public:
  // Large chunks allocated without initialisation: untouched pages cost nothing, and the chunk
  // table stays small (32 KiB), which keeps process start-up fast for the command line.
  static constexpr std::uint32_t chunk_bits = detail::node_chunk_bits;
  static constexpr std::uint32_t chunk_size = 1u << chunk_bits;
  static constexpr std::uint32_t max_chunks = detail::node_chunk_count;
  // Variable names, in chunks that never move either, so name() needs no lock.
  static constexpr std::uint32_t name_chunk_bits = 12;
  static constexpr std::uint32_t name_chunk_size = 1u << name_chunk_bits;

  arena() {
    slots_.assign(1u << 12, 0);
    intern(op::constant, 0, 0, 0.0, 1);  // id 0 is the constant 0, the default expr
  }

  const node& at(std::uint32_t id) const noexcept { return detail::node_at(id); }

  std::uint32_t intern(op kind, std::uint32_t a, std::uint32_t b, double value,
                       std::uint32_t depth) {
    const std::uint64_t h = hash_of(kind, a, b, value);
    std::lock_guard lock(mutex_);
    const std::size_t mask = slots_.size() - 1;
    for (std::size_t i = h & mask;; i = (i + 1) & mask) {
      const std::uint32_t s = slots_[i];
      if (s == 0) break;
      const node& n = at(s - 1);
      if (n.hash == h && n.kind == kind && n.a == a && n.b == b &&
          std::bit_cast<std::uint64_t>(n.value) == std::bit_cast<std::uint64_t>(value))
        return s - 1;
    }
    const std::uint32_t id = size_.load(std::memory_order_relaxed);
    const std::uint32_t chunk = id >> chunk_bits;
    if (chunk >= max_chunks) throw error("expression arena is full (2^32 nodes)");
    node*& nodes = detail::node_chunks[chunk];
    if (nodes == nullptr) nodes = new node[chunk_size];
    nodes[id & (chunk_size - 1)] = node{kind, a, b, depth, value, h};
    size_.store(id + 1, std::memory_order_release);
    insert_slot(id, h);
    // Keep the load factor at or below 1/2 so probe sequences stay short.
    if (2 * (static_cast<std::size_t>(id) + 1) > slots_.size()) grow();
    return id;
  }

  std::uint32_t name_index(std::string_view name) {
    std::lock_guard lock(mutex_);
    if (auto it = name_ids_.find(name); it != name_ids_.end()) return it->second;
    names_.emplace_back(name);
    const auto index = static_cast<std::uint32_t>(names_.size() - 1);
    name_ids_.emplace(names_.back(), index);
    auto& chunk = name_chunks_[index >> name_chunk_bits];
    if (!chunk) chunk = std::make_unique<std::string_view[]>(name_chunk_size);
    chunk[index & (name_chunk_size - 1)] = names_.back();
    return index;
  }

  // The index reached the reader through a published node, after this entry was written.
  std::string_view name(std::uint32_t index) const noexcept {
    return name_chunks_[index >> name_chunk_bits][index & (name_chunk_size - 1)];
  }

  std::size_t size() const noexcept { return size_.load(std::memory_order_acquire); }

 private:
  void insert_slot(std::uint32_t id, std::uint64_t h) {
    const std::size_t mask = slots_.size() - 1;
    std::size_t i = h & mask;
    while (slots_[i] != 0) i = (i + 1) & mask;
    slots_[i] = id + 1;
  }
  void grow() {
    std::vector<std::uint32_t> old(slots_.size() * 2, 0);
    old.swap(slots_);
    for (std::uint32_t s : old)
      if (s != 0) insert_slot(s - 1, at(s - 1).hash);
  }

  std::mutex mutex_;
  std::array<std::unique_ptr<std::string_view[]>, max_chunks> name_chunks_;
  std::atomic<std::uint32_t> size_{0};
  std::vector<std::uint32_t> slots_;  // open addressing, id + 1, 0 = empty
  std::deque<std::string> names_;
  // Keys view into names_ (whose elements never move), so look-ups need no allocation.
  std::unordered_map<std::string_view, std::uint32_t> name_ids_;
};

arena& the_arena() {
  static arena* a = new arena();  // intentionally immortal: exprs may outlive static destructors
  return *a;
}

}  // namespace

struct expr_access {
  static expr make(std::uint32_t id) { return expr(id); }
};

namespace {
const node& node_of(expr e) noexcept {
  return the_arena().at(e.id());
}
}  // namespace

// The arena is made before the first default expr can be read: id 0 must exist.
expr::expr() : id_(0) {
  the_arena();
}

expr expr::constant(double value) {
  return expr(the_arena().intern(op::constant, 0, 0, value, 1));
}

expr expr::variable(std::string_view name) {
  arena& a = the_arena();
  return expr(a.intern(op::variable, a.name_index(name), 0, 0.0, 1));
}

expr expr::pi() {
  return expr(the_arena().intern(op::pi, 0, 0, pi_value, 1));
}
expr expr::euler() {
  return expr(the_arena().intern(op::euler, 0, 0, e_value, 1));
}

expr expr::unary(op o, expr a) {
  if (kobai::arity(o) != 1) throw usage_error("expr::unary needs a unary operation");
  return expr(the_arena().intern(o, a.id_, 0, 0.0, a.depth() + 1));
}

expr expr::binary(op o, expr a, expr b) {
  if (kobai::arity(o) != 2) throw usage_error("expr::binary needs a binary operation");
  return expr(the_arena().intern(o, a.id_, b.id_, 0.0, std::max(a.depth(), b.depth()) + 1));
}

std::string_view expr::name() const {
  const node& n = node_of(*this);
  return n.kind == op::variable ? the_arena().name(n.a) : std::string_view{};
}

expr operator+(expr a, expr b) {
  return expr::binary(op::add, a, b);
}
expr operator-(expr a, expr b) {
  return expr::binary(op::sub, a, b);
}
expr operator*(expr a, expr b) {
  return expr::binary(op::mul, a, b);
}
expr operator/(expr a, expr b) {
  return expr::binary(op::div, a, b);
}
expr operator-(expr a) {
  return expr::unary(op::neg, a);
}
expr pow(expr a, expr b) {
  return expr::binary(op::pow, a, b);
}

std::vector<expr> topological_order(expr root) {
  std::vector<expr> order;
  detail::id_map<std::uint8_t> seen;  // the nodes met so far (the value is unused)
  struct frame {
    expr e;
    int next;
  };
  std::vector<frame> stack{{root, 0}};
  seen.emplace(root.id(), false);
  while (!stack.empty()) {
    frame& f = stack.back();
    if (f.next < f.e.arity()) {
      const expr child = f.e.arg(f.next++);
      if (seen.emplace(child.id(), false).second) stack.push_back({child, 0});
      continue;
    }
    order.push_back(f.e);
    stack.pop_back();
  }
  return order;
}

std::size_t node_count(expr root) {
  return topological_order(root).size();
}

std::vector<std::string> variables(expr root) {
  std::vector<std::string> names;
  for (expr e : topological_order(root))
    if (e.is_variable()) names.emplace_back(e.name());
  std::sort(names.begin(), names.end(),
            [](const std::string& a, const std::string& b) { return natural_less(a, b); });
  return names;
}

bool natural_less(std::string_view a, std::string_view b) noexcept {
  auto digit = [](char c) { return c >= '0' && c <= '9'; };
  std::size_t i = 0, j = 0;
  while (i < a.size() && j < b.size()) {
    if (digit(a[i]) && digit(b[j])) {
      std::size_t i0 = i, j0 = j;
      while (i0 < a.size() && a[i0] == '0') ++i0;  // skip leading zeros
      while (j0 < b.size() && b[j0] == '0') ++j0;
      std::size_t i1 = i0, j1 = j0;
      while (i1 < a.size() && digit(a[i1])) ++i1;
      while (j1 < b.size() && digit(b[j1])) ++j1;
      if (i1 - i0 != j1 - j0) return i1 - i0 < j1 - j0;  // fewer digits = smaller number
      if (int c = a.substr(i0, i1 - i0).compare(b.substr(j0, j1 - j0)); c != 0) return c < 0;
      if (i1 - i != j1 - j) return i1 - i < j1 - j;  // "x2" before "x02"
      i = i1;
      j = j1;
      continue;
    }
    if (a[i] != b[j]) return a[i] < b[j];
    ++i;
    ++j;
  }
  return a.size() - i < b.size() - j;
}

std::size_t arena_size() noexcept {
  return the_arena().size();
}

}  // namespace kobai
