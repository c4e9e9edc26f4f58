#pragma once
// What the CPU running the library offers beyond the build's baseline (x86-64: SSE2), asked once.
// The kernels compiled for more (adam_kernel.cpp, lbfgs_kernels.cpp) are called only when it is
// there.

namespace kobai::detail {

#if defined(__x86_64__) || defined(__i386__)
inline bool cpu_has_avx() {
  static const bool avx = __builtin_cpu_supports("avx");
  return avx;
}
#endif

}  // namespace kobai::detail
