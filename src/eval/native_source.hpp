#pragma once
// The generated C++ of a native tape (internal; native_source.cpp).
#include <cstddef>
#include <span>
#include <string>
#include <vector>

#include "kobai/expr/expr.hpp"

namespace kobai::detail {

struct native_program {
  std::string source;
  std::size_t steps = 0;  ///< steps of the fused program: the size of the generated code
};

/// Lowers and fuses each formula as compile() does (usage_error for a duplicate or missing
/// variable) and writes the programs out as C++, the functions of formulas[k] suffixed _k.
native_program native_program_of(std::span<const expr> formulas,
                                 const std::vector<std::string>& variables);

}  // namespace kobai::detail
