#pragma once
// L-BFGS's two passes over its stored pairs, on wide registers where the CPU has them
// (src/optim/lbfgs_kernels.cpp): the one that forms d, and the one that takes the pairs' inner
// products with the new pair and gradient.
//
// d = ω∇f + Σ σ_j s_j + τ_j y_j reads all 2m stored vectors at once. At large n that is bound by
// memory, and the hardware prefetcher, following 2m streams, leaves much of the bandwidth unused:
// the kernel prefetches every stream ahead in software. In cache the arithmetic shows: compiled
// for AVX and chosen at run time, it works four lanes at a time. Every coordinate's sum is taken
// in the order of the terms, and gᵀd in four lanes (lane k holding the coordinates i ≡ k (mod 4)
// of the longest prefix whose length is a multiple of 4, the lanes added as (l₀ + l₁) + (l₂ + l₃),
// then the rest one by one); the portable path keeps that order, so d and gᵀd carry the same bits
// with or without AVX.
#include <cstddef>
#include <span>

namespace kobai::detail {

/// How far ahead (in doubles, 512 bytes) a pass over the stored pairs prefetches each stream, one
/// cache line per eight coordinates. On extended Rosenbrock with m = 10 (lbfgs_bench, AMD EPYC
/// virtual machines, binaries alternated): a first measurement at n = 10⁶ preferred 256 doubles
/// (the inner-product pass read 17, 20–22 and 18–20 GB/s at 64, 256 and 1024 ahead, 11–14 with
/// the hardware prefetcher alone); whole runs on 2026-11-24 at 23:55 UTC preferred 64 at every
/// n, ms per iteration for 256 → 64: 0.096–0.135 → 0.090–0.105 at 10⁴, 1.18–2.03 → 1.08–1.40 at
/// 10⁵, 25.0–29.7 → 21.2–26.1 at 10⁶, 296–314 → 236–248 at 10⁷ (32 was as fast as 64, 128 and
/// 1024 slower). The likely reason: twenty streams prefetched 2 KiB ahead keep 40 KiB of lines
/// waiting for use, more than the 32 KiB first-level cache holds.
inline constexpr std::ptrdiff_t lbfgs_prefetch_ahead = 64;

/// d = ω·g + Σ_j c_j·v_j over n coordinates (the terms added to ω·g in the order of v), and
/// returns gᵀd.
double combine(double* d, const double* g, double omega, std::span<const double* const> v,
               std::span<const double> c, std::ptrdiff_t n);

/// combine() without AVX, what it runs on a CPU without it (and what tests hold the AVX path to).
double combine_portable(double* d, const double* g, double omega, std::span<const double* const> v,
                        std::span<const double> c, std::ptrdiff_t n);

/// One stored pair's block of coordinates (s_j, y_j), and where its inner products with the new
/// s, y and ∇f are added: out_s[0..2] += s_jᵀs, s_jᵀy, s_jᵀ∇f and out_y[0..2] += y_jᵀs, y_jᵀy,
/// y_jᵀ∇f.
struct pair_block {
  const double* s;
  const double* y;
  double* out_s;
  double* out_y;
};

/// The six inner products of every pair's block with s, y and g (size coordinates), added to the
/// pair's outputs: one stream of s_j and y_j where six dot products would read each three times.
/// Each sum is taken in two lanes, lane k holding the coordinates i ≡ k (mod 2) of the longest
/// even prefix, the lanes added as l₀ + l₁, then the last coordinate when size is odd, and the
/// result added to the output. That is the order of an SSE2 packet (what the sums were when they
/// were Eigen's, in every build of the library on x86-64), kept with AVX by holding two pairs'
/// lanes in one register, so the products carry the same bits on every CPU.
void pair_dots(const double* s, const double* y, const double* g, std::span<const pair_block> pairs,
               std::ptrdiff_t size);

/// pair_dots() without AVX.
void pair_dots_portable(const double* s, const double* y, const double* g,
                        std::span<const pair_block> pairs, std::ptrdiff_t size);

}  // namespace kobai::detail
