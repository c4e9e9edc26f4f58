// Fusing the tape's arithmetic into sums of products. A tape interpreter pays for each
// instruction a dispatch and a store-to-load round trip through the slot array; for the
// formulas learners type (4x^2 + 4x*y + 2y^2 + 5: nine instructions) that is nearly all of the
// cost. A tree of +, −, × and unary minus whose inner nodes are used only by their parent is
// therefore run as one step: a left-to-right sum of terms, each term a left-to-right product of
// slots, with a sign. A square used only by the product enters as a factor a·a, so the seed
// quadratic is one step.
//
// The rewriting keeps every rounding of the unfused tape. Only left spines are flattened, so
// ((a + b) − c) + d stays ((a + b) − c) + d and (k·x)·y stays (k·x)·y; a right operand that is
// itself a sum or product is evaluated on its own and enters as one factor. Unary minus moves
// into the term's sign, which is exact in IEEE 754 arithmetic: rounding to nearest is symmetric,
// so −(a·b) = (−a)·b, −(a + b) = (−a) − b and a + (−p) = a − p bit for bit. The reverse sweep
// walks each term's factors from right to left with the stored prefix products, the same
// multiplications the unfused tape's reverse sweep does, so gradients agree to the bit too.
#include <algorithm>
#include <array>
#include <vector>

#include "kobai/eval/tape.hpp"
#include "tape_lower.hpp"

namespace kobai {

namespace {

constexpr auto code_of(op o) {
  return static_cast<std::uint8_t>(o);
}

}  // namespace

namespace detail {

fused_program fuse(std::span<const tape::instruction> code, std::uint32_t first_op,
                   std::uint32_t scratch, std::uint32_t result) {
  using instruction = tape::instruction;
  using step = tape::step;
  constexpr std::uint8_t square_code = tape::square_code;
  fused_program out;
  std::vector<std::uint32_t>& terms = out.terms;
  std::vector<std::uint32_t>& term_start = out.term_start;
  const std::size_t m = code.size();
  const auto index_of = [&](std::uint32_t slot) -> std::ptrdiff_t {
    return slot >= first_op && slot < scratch ? std::ptrdiff_t{slot - first_op} : -1;
  };
  std::vector<std::uint32_t> uses(m, 0);
  for (const instruction& in : code) {
    if (const auto k = index_of(in.a); k >= 0) ++uses[static_cast<std::size_t>(k)];
    if (const auto k = index_of(in.b); k >= 0) ++uses[static_cast<std::size_t>(k)];
  }
  if (const auto k = index_of(result); k >= 0) ++uses[static_cast<std::size_t>(k)];

  std::vector<bool> absorbed(m, false);
  std::size_t fused = 0;  // instructions absorbed into the current step
  // The instruction writing `slot` when its only use is the node being fused, else null.
  const auto absorbable = [&](std::uint32_t slot) -> const instruction* {
    const auto k = index_of(slot);
    if (k < 0 || uses[static_cast<std::size_t>(k)] != 1) return nullptr;
    return &code[static_cast<std::size_t>(k)];
  };
  const auto absorb = [&](std::uint32_t slot) { absorbed[slot - first_op] = true; };

  struct term {
    std::uint32_t slot;
    bool negated;
  };
  // Every factor is a pair of slots (i, j) whose product s[i]·s[j] it contributes: (a, a) for a
  // square used only by this product (the square instruction's own a·a), (k, one) otherwise
  // (k·1 = k exactly). The pair form keeps the interpreter's inner loop free of branches.
  const std::uint32_t one = scratch + 1;
  const auto factor_of = [&](std::uint32_t slot) -> std::array<std::uint32_t, 2> {
    const instruction* in = absorbable(slot);
    if (in == nullptr || in->code != square_code) return {slot, one};
    absorb(slot);
    ++fused;
    return {in->a, in->a};
  };
  std::vector<term> spine;
  std::vector<std::array<std::uint32_t, 2>> factors;
  std::vector<step> reversed;
  for (std::size_t k = m; k-- > 0;) {
    if (absorbed[k]) continue;
    const instruction& root = code[k];
    const auto w = first_op + static_cast<std::uint32_t>(k);
    const bool arithmetic = root.code == code_of(op::add) || root.code == code_of(op::sub) ||
                            root.code == code_of(op::mul) || root.code == code_of(op::neg);
    if (!arithmetic) {
      reversed.push_back({w, root.a, root.b, root.code});
      continue;
    }
    // The sum's terms, right to left along the left spine.
    spine.clear();
    fused = 0;
    std::uint32_t slot = w;
    bool negated = false;
    while (true) {
      const instruction* in = slot == w ? &root : absorbable(slot);
      if (in != nullptr && (in->code == code_of(op::add) || in->code == code_of(op::sub))) {
        spine.push_back({in->b, negated != (in->code == code_of(op::sub))});
      } else if (in != nullptr && in->code == code_of(op::neg)) {
        negated = !negated;
      } else {
        spine.push_back({slot, negated});
        break;
      }
      if (slot != w) {
        absorb(slot);
        ++fused;
      }
      slot = in->a;
    }
    std::reverse(spine.begin(), spine.end());
    const auto first_term = static_cast<std::uint32_t>(term_start.size());
    const std::size_t first_word = terms.size();
    for (term t : spine) {
      // The term's factors, right to left along the left spine of its product.
      factors.clear();
      std::uint32_t f = t.slot;
      bool sign = t.negated;
      while (true) {
        const instruction* in = f == w ? &root : absorbable(f);
        if (in != nullptr && in->code == code_of(op::mul)) {
          std::uint32_t right = in->b;
          while (const instruction* r = absorbable(right)) {
            if (r->code != code_of(op::neg)) break;
            absorb(right);
            ++fused;
            sign = !sign;
            right = r->a;
          }
          factors.push_back(factor_of(right));
        } else if (in != nullptr && in->code == code_of(op::neg)) {
          sign = !sign;
        } else {
          factors.push_back(factor_of(f));
          break;
        }
        if (f != w) {
          absorb(f);
          ++fused;
        }
        f = in->a;
      }
      term_start.push_back(static_cast<std::uint32_t>(terms.size()));
      terms.push_back(static_cast<std::uint32_t>(factors.size() << 1u) | (sign ? 1u : 0u));
      for (auto it = factors.rbegin(); it != factors.rend(); ++it)
        terms.insert(terms.end(), it->begin(), it->end());
    }
    if (fused == 0) {
      // Nothing to gain: run the instruction as it is.
      term_start.resize(first_term);
      terms.resize(first_word);
      reversed.push_back({w, root.a, root.b, root.code});
      continue;
    }
    reversed.push_back({w, first_term, static_cast<std::uint32_t>(spine.size()), tape::sum_code});
  }
  out.program.assign(reversed.rbegin(), reversed.rend());
  return out;
}

}  // namespace detail

void tape::fuse() {
  detail::fused_program f = detail::fuse(code_, first_op_, scratch_, result_);
  program_ = std::move(f.program);
  terms_ = std::move(f.terms);
  term_start_ = std::move(f.term_start);
  prefix_.assign(terms_.size(), 0.0);
  step_partials_.assign(2 * program_.size(), 0.0);
}

}  // namespace kobai
