#include "kobai/optim/detail/lbfgs_kernels.hpp"

#include <array>

#include "cpu.hpp"

#if defined(__x86_64__) || defined(__i386__)
#include <immintrin.h>
#define KOBAI_LBFGS_AVX 1
#endif

namespace kobai::detail {

namespace {

using lanes = std::array<double, 4>;

void prefetch(const double* p) {
  __builtin_prefetch(p + lbfgs_prefetch_ahead);
}

double lane_sum(const lanes& l) {
  return (l[0] + l[1]) + (l[2] + l[3]);
}

// One coordinate of d and its term of gᵀd, as the lanes compute it.
double combine_one(double* d, const double* g, double omega, std::span<const double* const> v,
                   std::span<const double> c, std::ptrdiff_t i) {
  double acc = omega * g[i];
  for (std::size_t j = 0; j < v.size(); ++j) acc += c[j] * v[j][i];
  d[i] = acc;
  return g[i] * acc;
}

// Coordinates per step of combine(): four groups of four lanes whose sums over the 2m vectors
// run side by side (one group alone would wait on its 2m dependent additions).
constexpr std::ptrdiff_t combine_step = 16;

#ifdef KOBAI_LBFGS_AVX
// Only AVX, not FMA: a fused multiply-add rounds once where the portable path rounds twice.
__attribute__((target("avx"))) double combine_avx(double* d, const double* g, double omega,
                                                  std::span<const double* const> v,
                                                  std::span<const double> c, std::ptrdiff_t n) {
  constexpr int groups = combine_step / 4;
  const __m256d w = _mm256_set1_pd(omega);
  __m256d dot = _mm256_setzero_pd();
  std::ptrdiff_t i = 0;
  for (; i + combine_step <= n; i += combine_step) {
    for (const double* p : v) {
      prefetch(p + i);
      prefetch(p + i + 8);
    }
    __m256d gv[groups], acc[groups];
    for (int q = 0; q < groups; ++q) {
      gv[q] = _mm256_loadu_pd(g + i + 4 * q);
      acc[q] = _mm256_mul_pd(w, gv[q]);
    }
    for (std::size_t j = 0; j < v.size(); ++j) {
      const __m256d cj = _mm256_set1_pd(c[j]);
      for (int q = 0; q < groups; ++q)
        acc[q] = _mm256_add_pd(acc[q], _mm256_mul_pd(cj, _mm256_loadu_pd(v[j] + i + 4 * q)));
    }
    for (int q = 0; q < groups; ++q) {
      _mm256_storeu_pd(d + i + 4 * q, acc[q]);
      dot = _mm256_add_pd(dot, _mm256_mul_pd(gv[q], acc[q]));
    }
  }
  lanes l;
  _mm256_storeu_pd(l.data(), dot);
  for (; i + 4 <= n; i += 4)
    for (std::size_t k = 0; k < 4; ++k)
      l[k] += combine_one(d, g, omega, v, c, i + static_cast<std::ptrdiff_t>(k));
  double sum = lane_sum(l);
  for (; i < n; ++i) sum += combine_one(d, g, omega, v, c, i);
  return sum;
}
#endif

}  // namespace

double combine_portable(double* d, const double* g, double omega, std::span<const double* const> v,
                        std::span<const double> c, std::ptrdiff_t n) {
  lanes dot{};
  std::ptrdiff_t i = 0;
  for (; i + combine_step <= n; i += combine_step) {
    for (const double* p : v) {
      prefetch(p + i);
      prefetch(p + i + 8);
    }
    std::array<double, combine_step> acc;
    for (std::size_t k = 0; k < acc.size(); ++k)
      acc[k] = omega * g[i + static_cast<std::ptrdiff_t>(k)];
    for (std::size_t j = 0; j < v.size(); ++j)
      for (std::size_t k = 0; k < acc.size(); ++k)
        acc[k] += c[j] * v[j][i + static_cast<std::ptrdiff_t>(k)];
    for (std::size_t k = 0; k < acc.size(); ++k) {
      const std::ptrdiff_t t = i + static_cast<std::ptrdiff_t>(k);
      d[t] = acc[k];
      dot[k % 4] += g[t] * acc[k];
    }
  }
  for (; i + 4 <= n; i += 4) {
    for (std::size_t k = 0; k < 4; ++k) {
      const std::ptrdiff_t t = i + static_cast<std::ptrdiff_t>(k);
      dot[k] += combine_one(d, g, omega, v, c, t);
    }
  }
  double sum = lane_sum(dot);
  for (; i < n; ++i) sum += combine_one(d, g, omega, v, c, i);
  return sum;
}

double combine(double* d, const double* g, double omega, std::span<const double* const> v,
               std::span<const double> c, std::ptrdiff_t n) {
#ifdef KOBAI_LBFGS_AVX
  if (cpu_has_avx()) return combine_avx(d, g, omega, v, c, n);
#endif
  return combine_portable(d, g, omega, v, c, n);
}

}  // namespace kobai::detail
