#pragma once
// Adam's per-coordinate update on wide registers, where the CPU has them
// (src/optim/adam_kernel.cpp).
//
// At n = 10⁶ Adam is bound by two divisions and a square root per coordinate, not by memory,
// when those run two lanes at a time (SSE2, the build's baseline). A function compiled for AVX
// and chosen at run time does them four at a time. Packet division and square root are correctly
// rounded and the operations keep PyTorch's order, so every coordinate gets the same bits as the
// element-by-element loop.
#include <cstddef>

namespace kobai::detail {

/// The scalars of one Adam step.
struct adam_coefficients {
  double beta1 = 0, beta2 = 0, eps = 0;
  bool book = false;   ///< book: v += (1−β₂)(g² − v), x −= η_t·m/(√v + ε)
  double eta_t = 0;    ///< book form: η√(1−β₂ᵗ)/(1−β₁ᵗ)
  double step = 0;     ///< standard form: η/(1−β₁ᵗ)
  double root_c2 = 1;  ///< standard form: √(1−β₂ᵗ)
  double keep = 1;     ///< standard form: 1 − ηλ (AdamW)
  bool decay = false;  ///< standard form: x ← keep·x first (AdamW)
};

/// Dimensions from which the wide path is worth its call.
inline constexpr std::size_t adam_wide_from = 1024;

/// Updates x, m, v in place over n coordinates and returns ‖x_new − x_old‖₂², or a negative value
/// (touching nothing) when the CPU has no AVX.
double adam_update_wide(double* x, const double* g, double* m, double* v, std::size_t n,
                        const adam_coefficients& c);

}  // namespace kobai::detail
