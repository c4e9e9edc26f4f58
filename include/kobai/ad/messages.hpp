#pragma once
// Every message of the (header-only) automatic-differentiation module that a user reads.
#include <cstddef>
#include <string>

namespace kobai::ad_messages {
inline std::string size_mismatch(std::ptrdiff_t g, std::ptrdiff_t x) {
  return "value_and_gradient: the gradient has " + std::to_string(g) + " entries but x has " +
         std::to_string(x);
}
inline std::string too_many_outputs(std::size_t wanted, std::size_t variables) {
  return "ad_tape::gradient: asked for " + std::to_string(wanted) +
         " derivatives but the tape has " + std::to_string(variables) +
         " variables made before its first statement";
}
}  // namespace kobai::ad_messages
