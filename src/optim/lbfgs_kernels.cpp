#include "kobai/optim/detail/lbfgs_kernels.hpp"

#include <Eigen/Core>
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

// pair_dots()'s end for one pair: the last coordinate of an odd block added to the lanes' sums
// (in the order s_jᵀs, s_jᵀy, s_jᵀg, y_jᵀs, y_jᵀy, y_jᵀg), and the sums to the pair's outputs.
void finish_pair(const double* s, const double* y, const double* g, const pair_block& p,
                 std::ptrdiff_t i, std::ptrdiff_t size, double (&sum)[6]) {
  if (i < size) {
    const double a = p.s[i], b = p.y[i];
    sum[0] += s[i] * a;
    sum[1] += y[i] * a;
    sum[2] += g[i] * a;
    sum[3] += s[i] * b;
    sum[4] += y[i] * b;
    sum[5] += g[i] * b;
  }
  for (int k = 0; k < 3; ++k) {
    p.out_s[k] += sum[k];
    p.out_y[k] += sum[k + 3];
  }
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

// Two coordinates of one vector in both halves of a register, and of two vectors side by side.
__attribute__((target("avx"))) inline __m256d twice(const double* v) {
  return _mm256_broadcast_pd(reinterpret_cast<const __m128d*>(v));
}
__attribute__((target("avx"))) inline __m256d both(const double* low, const double* high) {
  return _mm256_insertf128_pd(_mm256_castpd128_pd256(_mm_loadu_pd(low)), _mm_loadu_pd(high), 1);
}

// The six sums of pair_dots() for the pairs p and q at once: each 256-bit register holds p's two
// lanes in its low half and q's in its high half, so every lane sees the operations of the
// portable path in its order.
__attribute__((target("avx"))) void pair_dots_two(const double* s, const double* y, const double* g,
                                                  const pair_block& p, const pair_block& q,
                                                  std::ptrdiff_t size) {
  // Six named sums, not an array: GCC kept an array of them in memory, a store and a load per
  // step (0.30 against 0.12 ms per iteration at n = 10⁴).
  __m256d sa = _mm256_setzero_pd(), ya = sa, ga = sa, sb = sa, yb = sa, gb = sa;
  std::ptrdiff_t i = 0;
  for (; i + 2 <= size; i += 2) {
    if (i % 8 == 0) {
      prefetch(p.s + i);
      prefetch(p.y + i);
      prefetch(q.s + i);
      prefetch(q.y + i);
    }
    const __m256d sv = twice(s + i), yv = twice(y + i), gv = twice(g + i);
    const __m256d a = both(p.s + i, q.s + i), b = both(p.y + i, q.y + i);
    sa = _mm256_add_pd(sa, _mm256_mul_pd(sv, a));
    ya = _mm256_add_pd(ya, _mm256_mul_pd(yv, a));
    ga = _mm256_add_pd(ga, _mm256_mul_pd(gv, a));
    sb = _mm256_add_pd(sb, _mm256_mul_pd(sv, b));
    yb = _mm256_add_pd(yb, _mm256_mul_pd(yv, b));
    gb = _mm256_add_pd(gb, _mm256_mul_pd(gv, b));
  }
  alignas(32) double l[6][4];
  _mm256_store_pd(l[0], sa);
  _mm256_store_pd(l[1], ya);
  _mm256_store_pd(l[2], ga);
  _mm256_store_pd(l[3], sb);
  _mm256_store_pd(l[4], yb);
  _mm256_store_pd(l[5], gb);
  // The caller's code after this is SSE: clear the upper halves before returning to it.
  _mm256_zeroupper();
  for (int half = 0; half < 2; ++half) {
    double sum[6];
    for (int k = 0; k < 6; ++k) sum[k] = l[k][2 * half] + l[k][2 * half + 1];
    finish_pair(s, y, g, half == 0 ? p : q, i, size, sum);
  }
}
#endif

}  // namespace

void pair_dots_portable(const double* s, const double* y, const double* g,
                        std::span<const pair_block> pairs, std::ptrdiff_t size) {
  // Two lanes in Eigen's fixed-size array: one SSE2 (or NEON) register where there is one.
  using two = Eigen::Array2d;
  using in = Eigen::Map<const two>;
  for (const pair_block& p : pairs) {
    two acc[6];
    for (two& a : acc) a.setZero();
    std::ptrdiff_t i = 0;
    for (; i + 2 <= size; i += 2) {
      if (i % 8 == 0) {
        prefetch(p.s + i);
        prefetch(p.y + i);
      }
      const two a = in(p.s + i), b = in(p.y + i), sv = in(s + i), yv = in(y + i), gv = in(g + i);
      acc[0] += sv * a;
      acc[1] += yv * a;
      acc[2] += gv * a;
      acc[3] += sv * b;
      acc[4] += yv * b;
      acc[5] += gv * b;
    }
    double sum[6];
    for (int k = 0; k < 6; ++k) sum[k] = acc[k][0] + acc[k][1];
    finish_pair(s, y, g, p, i, size, sum);
  }
}

void pair_dots(const double* s, const double* y, const double* g, std::span<const pair_block> pairs,
               std::ptrdiff_t size) {
#ifdef KOBAI_LBFGS_AVX
  if (cpu_has_avx()) {
    std::size_t j = 0;
    for (; j + 2 <= pairs.size(); j += 2) pair_dots_two(s, y, g, pairs[j], pairs[j + 1], size);
    pairs = pairs.subspan(j);
  }
#endif
  pair_dots_portable(s, y, g, pairs, size);
}

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
