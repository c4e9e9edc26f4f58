#include "kobai/optim/detail/adam_kernel.hpp"

#include <cmath>

#include "cpu.hpp"

#if defined(__x86_64__) || defined(__i386__)
#include <immintrin.h>
#define KOBAI_ADAM_AVX 1
#endif

namespace kobai::detail {

#ifdef KOBAI_ADAM_AVX
namespace {

// One coordinate, the same operations in the same order as the packet loop below and as
// update_policies.hpp's element form.
__attribute__((target("avx"))) inline double adam_one(double& x, double g, double& m, double& v,
                                                      const adam_coefficients& c) {
  const double old = x;
  double xi = x;
  m += (1 - c.beta1) * (g - m);
  if (c.book) {
    v += (1 - c.beta2) * (g * g - v);
    xi -= c.eta_t * m / (std::sqrt(v) + c.eps);
  } else {
    if (c.decay) xi *= c.keep;
    v = c.beta2 * v + (1 - c.beta2) * (g * g);
    xi -= c.step * (m / (std::sqrt(v) / c.root_c2 + c.eps));
  }
  x = xi;
  return (xi - old) * (xi - old);
}

// Only AVX, not FMA: a fused multiply-add would round once where the reference rounds twice.
__attribute__((target("avx"))) double adam_avx(double* x, const double* g, double* m, double* v,
                                               std::size_t n, const adam_coefficients& c) {
  const __m256d one_minus_b1 = _mm256_set1_pd(1 - c.beta1);
  const __m256d b2 = _mm256_set1_pd(c.beta2);
  const __m256d one_minus_b2 = _mm256_set1_pd(1 - c.beta2);
  const __m256d eps = _mm256_set1_pd(c.eps);
  const __m256d eta_t = _mm256_set1_pd(c.eta_t);
  const __m256d step = _mm256_set1_pd(c.step);
  const __m256d root_c2 = _mm256_set1_pd(c.root_c2);
  const __m256d keep = _mm256_set1_pd(c.keep);
  __m256d s2 = _mm256_setzero_pd();
  std::size_t i = 0;
  for (; i + 4 <= n; i += 4) {
    const __m256d gi = _mm256_loadu_pd(g + i);
    const __m256d old = _mm256_loadu_pd(x + i);
    __m256d xi = old;
    __m256d mi = _mm256_loadu_pd(m + i);
    __m256d vi = _mm256_loadu_pd(v + i);
    mi = _mm256_add_pd(mi, _mm256_mul_pd(one_minus_b1, _mm256_sub_pd(gi, mi)));
    const __m256d g2 = _mm256_mul_pd(gi, gi);
    if (c.book) {
      vi = _mm256_add_pd(vi, _mm256_mul_pd(one_minus_b2, _mm256_sub_pd(g2, vi)));
      const __m256d denom = _mm256_add_pd(_mm256_sqrt_pd(vi), eps);
      xi = _mm256_sub_pd(xi, _mm256_div_pd(_mm256_mul_pd(eta_t, mi), denom));
    } else {
      if (c.decay) xi = _mm256_mul_pd(xi, keep);
      vi = _mm256_add_pd(_mm256_mul_pd(b2, vi), _mm256_mul_pd(one_minus_b2, g2));
      const __m256d denom = _mm256_add_pd(_mm256_div_pd(_mm256_sqrt_pd(vi), root_c2), eps);
      xi = _mm256_sub_pd(xi, _mm256_mul_pd(step, _mm256_div_pd(mi, denom)));
    }
    _mm256_storeu_pd(m + i, mi);
    _mm256_storeu_pd(v + i, vi);
    _mm256_storeu_pd(x + i, xi);
    const __m256d d = _mm256_sub_pd(xi, old);
    s2 = _mm256_add_pd(s2, _mm256_mul_pd(d, d));
  }
  alignas(32) double lanes[4];
  _mm256_store_pd(lanes, s2);
  double sum = (lanes[0] + lanes[1]) + (lanes[2] + lanes[3]);
  for (; i < n; ++i) sum += adam_one(x[i], g[i], m[i], v[i], c);
  return sum;
}

}  // namespace
#endif

double adam_update_wide([[maybe_unused]] double* x, [[maybe_unused]] const double* g,
                        [[maybe_unused]] double* m, [[maybe_unused]] double* v,
                        [[maybe_unused]] std::size_t n,
                        [[maybe_unused]] const adam_coefficients& c) {
#ifdef KOBAI_ADAM_AVX
  if (cpu_has_avx()) return adam_avx(x, g, m, v, n, c);
#endif
  return -1.0;
}

}  // namespace kobai::detail
