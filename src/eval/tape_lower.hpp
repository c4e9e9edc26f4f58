#pragma once
// The tape's instruction list and fused program as plain data (internal), so that the
// interpreter (tape.cpp, tape_fuse.cpp) and the native code generator (native_source.cpp) share
// one lowering and one fusion: the generated code then runs the very operations, in the very
// order, that the interpreter runs.
#include <cstdint>
#include <span>
#include <string>
#include <vector>

#include "kobai/eval/tape.hpp"
#include "kobai/expr/expr.hpp"

namespace kobai::detail {

/// Slots: [0, n) variables, [n, first_op) constants, [first_op, scratch) one per instruction
/// (code[k] writes first_op + k), scratch (operand b of unary instructions), scratch + 1
/// holding 1 (the partner of a plain factor in a fused product).
struct lowered_tape {
  std::vector<tape::instruction> code;
  std::vector<double> constants;
  std::uint32_t first_op = 0;
  std::uint32_t scratch = 0;
  std::uint32_t result = 0;
  std::uint32_t one_slot() const noexcept { return scratch + 1; }
};

/// Constant folding and peephole rewriting of `e` over `variables` (see compile()). Throws
/// usage_error for a duplicate or missing variable.
lowered_tape lower(expr e, std::span<const std::string> variables);

/// The fused program (tape_fuse.cpp): `program` in execution order; a step with code
/// tape::sum_code is the sum of terms term_start[a] … term_start[a + b − 1] of `terms`, each
/// term a header (factor count << 1 | negated) followed by its factors as slot pairs.
struct fused_program {
  std::vector<tape::step> program;
  std::vector<std::uint32_t> terms;
  std::vector<std::uint32_t> term_start;
};

fused_program fuse(std::span<const tape::instruction> code, std::uint32_t first_op,
                   std::uint32_t scratch, std::uint32_t result);
inline fused_program fuse(const lowered_tape& t) {
  return fuse(t.code, t.first_op, t.scratch, t.result);
}

}  // namespace kobai::detail
