// L-BFGS folds its reductions into the passes it makes anyway (search_policies.hpp): the sums it
// takes block by block must carry Eigen's bits, and the step lengths and ‖∇f‖∞ it hands the
// engine must equal what separate Eigen passes over the recorded iterates give. At large n it
// forms d in a kernel chosen at run time (lbfgs_kernels.hpp), held here to its documented order
// of sums, with and without AVX.
#include <gtest/gtest.h>

#include <Eigen/Core>
#include <cmath>
#include <cstdint>
#include <cstring>
#include <limits>
#include <vector>

#include "kobai/optim/detail/lbfgs_kernels.hpp"
#include "kobai/optim/minimize.hpp"

namespace kobai {
namespace {

std::uint64_t bits(double v) {
  std::uint64_t b = 0;
  std::memcpy(&b, &v, sizeof b);
  return b;
}

// Terms of every sign and of magnitudes from 1e-8 to 1e8, so that the order of the additions
// shows in the last bits; a fixed linear congruential sequence (no seed to vary).
Eigen::VectorXd spread(Eigen::Index n, std::uint64_t state) {
  Eigen::VectorXd v(n);
  for (Eigen::Index i = 0; i < n; ++i) {
    state = state * 6364136223846793005ull + 1442695040888963407ull;
    const double u = static_cast<double>(state >> 11) * 0x1p-53;  // [0, 1)
    v[i] = (i % 3 == 0 ? -1 : 1) * (0.5 + u) * std::pow(10.0, 16 * u - 8);
  }
  return v;
}

TEST(lbfgs_passes, a_blocked_ordered_sum_equals_eigens_dot_and_squared_norm_bit_for_bit) {
  for (Eigen::Index n :
       {0, 1, 2, 3, 4, 5, 7, 8, 9, 31, 32, 33, 511, 512, 513, 515, 1024, 1029, 4099}) {
    SCOPED_TRACE(n);
    const Eigen::VectorXd a = spread(n, 1), b = spread(n, 2);
    Eigen::MatrixXd columns(n, 3);
    columns.col(1) = a;
    detail::ordered_sum dot(n), square(n), column(n);
    detail::in_blocks(n, [&](Eigen::Index first, Eigen::Index size) {
      dot.add(first, size, [&](Eigen::Index i) { return a[i] * b[i]; });
      square.add(first, size, [&](Eigen::Index i) { return b[i] * b[i]; });
      column.add(first, size, [&](Eigen::Index i) { return columns(i, 1) * -b[i]; });
      return 0.0;
    });
    EXPECT_EQ(bits(dot.total()), bits(a.dot(b)));
    EXPECT_EQ(bits(square.total()), bits(b.squaredNorm()));
    EXPECT_EQ(bits(column.total()), bits(columns.col(1).dot(-b)));
  }
}

TEST(lbfgs_passes, forming_the_new_pair_gives_eigens_sums_bit_for_bit_in_one_loop) {
  constexpr Eigen::Index block = 512;
  for (Eigen::Index n : {1, 2, 3, 4, 5, 6, 7, 9, 511, 512, 513, 514, 515, 1029, 1030, 1031}) {
    SCOPED_TRACE(n);
    const Eigen::VectorXd x = spread(n, 1), x_old = spread(n, 2), g_old = spread(n, 4);
    Eigen::VectorXd g = spread(n, 3);
    g[n / 2] = -7.5;  // the largest |∇f_i|, away from either end
    Eigen::VectorXd s(n), y(n);
    detail::ordered_sum ss(n), sg(n);
    std::vector<detail::new_pair_sums> blocks;
    detail::in_blocks<block>(n, [&](Eigen::Index first, Eigen::Index size) {
      blocks.push_back(detail::form_new_pair(&x[first], &x_old[first], &g[first], &g_old[first],
                                             &s[first], &y[first], first, size, ss, sg));
      return 0.0;
    });
    ASSERT_EQ(s, x - x_old);
    ASSERT_EQ(y, g - g_old);
    EXPECT_EQ(bits(ss.total()), bits(s.squaredNorm()));
    EXPECT_EQ(bits(sg.total()), bits(s.dot(-g)));
    for (std::size_t b = 0; b < blocks.size(); ++b) {
      const Eigen::Index first = static_cast<Eigen::Index>(b) * block;
      const Eigen::Index size = std::min(block, n - first);
      const auto sb = s.segment(first, size), yb = y.segment(first, size),
                 gb = g.segment(first, size);
      EXPECT_EQ(bits(blocks[b].yy), bits(yb.squaredNorm())) << b;
      EXPECT_EQ(bits(blocks[b].gy), bits(gb.dot(yb))) << b;
      EXPECT_EQ(bits(blocks[b].sy), bits(sb.dot(yb))) << b;
      EXPECT_EQ(blocks[b].g_max, gb.lpNorm<Eigen::Infinity>()) << b;
      EXPECT_FALSE(blocks[b].g_nan) << b;
    }
  }
}

TEST(lbfgs_passes, forming_the_new_pair_reports_a_nan_in_the_gradient_wherever_it_is) {
  const Eigen::Index n = 11;  // a body of 8 and a rest of 3 with two lanes or four
  const Eigen::VectorXd x = spread(n, 1), x_old = spread(n, 2), g_old = spread(n, 4);
  for (Eigen::Index at = 0; at < n; ++at) {
    SCOPED_TRACE(at);
    Eigen::VectorXd g = spread(n, 3), s(n), y(n);
    g[at] = std::numeric_limits<double>::quiet_NaN();
    detail::ordered_sum ss(n), sg(n);
    EXPECT_TRUE(detail::form_new_pair(x.data(), x_old.data(), g.data(), g_old.data(), s.data(),
                                      y.data(), 0, n, ss, sg)
                    .g_nan);
  }
}

// Chained Rosenbrock Σ 100(x_{i+1} − x_i²)² + (1 − x_i)², any n.
struct chained_rosenbrock {
  double value(const Eigen::VectorXd& x) const {
    Eigen::VectorXd g(x.size());
    return value_and_gradient(x, g);
  }
  double value_and_gradient(const Eigen::VectorXd& x, Eigen::VectorXd& g) const {
    g.setZero();
    double s = 0;
    for (Eigen::Index i = 0; i + 1 < x.size(); ++i) {
      const double t = x[i + 1] - x[i] * x[i], u = 1 - x[i];
      s += 100 * t * t + u * u;
      g[i] += -400 * t * x[i] - 2 * u;
      g[i + 1] += 200 * t;
    }
    return s;
  }
};

TEST(lbfgs_passes, step_lengths_and_gradient_norms_equal_separate_passes_over_the_iterates) {
  // n = 1029: long enough for the engine to take ‖∇f‖∞ from the policy, not a block multiple.
  const Eigen::Index n = 1029;
  Eigen::VectorXd x0 = Eigen::VectorXd::Constant(n, -1.2);
  for (Eigen::Index i = 1; i < n; i += 2) x0[i] = 1;
  minimize_options o = default_options(method_options(lbfgs{}));
  o.max_iterations = 60;  // chained Rosenbrock takes thousands at this n; 60 show the sums
  o.record_trace = true;
  const result r = minimize(chained_rosenbrock{}, x0, lbfgs{.memory = 5}, o);
  ASSERT_EQ(r.trace.iterations.size(), 61u) << r.summary();
  for (std::size_t k = 1; k < r.trace.iterations.size(); ++k) {
    SCOPED_TRACE(k);
    const iteration_record& now = r.trace.iterations[k];
    const iteration_record& before = r.trace.iterations[k - 1];
    EXPECT_EQ(bits(now.step_length), bits((now.x - before.x).norm()));
    EXPECT_EQ(bits(now.gradient_norm), bits(now.gradient.lpNorm<Eigen::Infinity>()));
  }
  EXPECT_EQ(bits(r.gradient_norm), bits(r.gradient.lpNorm<Eigen::Infinity>()));
}

// N&W Algorithm 7.4 on vectors, the textbook form: d = −H∇f from the pairs (newest last).
Eigen::VectorXd two_loop_on_vectors(const std::vector<Eigen::VectorXd>& s,
                                    const std::vector<Eigen::VectorXd>& y,
                                    const Eigen::VectorXd& g) {
  const std::size_t count = s.size();
  std::vector<double> alpha(count);
  Eigen::VectorXd q = -g;
  for (std::size_t i = count; i-- > 0;) {
    alpha[i] = s[i].dot(q) / s[i].dot(y[i]);
    q -= alpha[i] * y[i];
  }
  Eigen::VectorXd r = s.back().dot(y.back()) / y.back().squaredNorm() * q;
  for (std::size_t i = 0; i < count; ++i) r += (alpha[i] - y[i].dot(r) / s[i].dot(y[i])) * s[i];
  return r;
}

// The recursion runs on coefficients over inner products kept from earlier passes; rebuilt from
// the recorded iterates with the textbook recursion on vectors, every direction must agree to
// rounding. n spans several blocks and a short last one; memory 5 and 40 iterations wrap the ring
// of pairs several times.
void expect_directions_of_the_two_loop_recursion(Eigen::Index n) {
  const std::size_t memory = 5;
  Eigen::VectorXd x0 = Eigen::VectorXd::Constant(n, -1.2);
  for (Eigen::Index i = 1; i < n; i += 2) x0[i] = 1;
  minimize_options o = default_options(method_options(lbfgs{}));
  o.max_iterations = 40;
  o.record_trace = true;
  // The textbook recursion's H₀ = (sᵀy/yᵀy)·I is the standard scaling's.
  const result r = minimize(chained_rosenbrock{}, x0,
                            lbfgs{.memory = memory, .scaling = lbfgs_scaling::standard}, o);
  const std::vector<iteration_record>& it = r.trace.iterations;
  ASSERT_EQ(it.size(), 41u) << r.summary();
  std::vector<Eigen::VectorXd> s, y;
  for (std::size_t k = 1; k < it.size(); ++k) {
    SCOPED_TRACE(k);
    ASSERT_EQ(it[k].state.size(), 1u);
    const Eigen::VectorXd& d = it[k].state[0].value;
    const Eigen::VectorXd expected = s.empty() ? Eigen::VectorXd(-it[k - 1].gradient)
                                               : two_loop_on_vectors(s, y, it[k - 1].gradient);
    if (!s.empty()) {
      EXPECT_LE((d - expected).norm(), 1e-9 * expected.norm());
    }
    // The step taken is along d (x_k − x_{k−1} = αd), so d is the direction of step k.
    const Eigen::VectorXd step = it[k].x - it[k - 1].x;
    EXPECT_LE((step - step.dot(d) / d.squaredNorm() * d).norm(), 1e-9 * step.norm());
    const Eigen::VectorXd yk = it[k].gradient - it[k - 1].gradient;
    ASSERT_GT(step.dot(yk), 0.0);  // no pair skipped on this problem
    s.push_back(step);
    y.push_back(yk);
    if (s.size() > memory) {
      s.erase(s.begin());
      y.erase(y.begin());
    }
  }
}

TEST(lbfgs_passes, directions_from_inner_products_equal_the_two_loop_recursion_on_vectors) {
  static_assert(3001 < detail::lbfgs_policy::streamed_from);  // d from Eigen's products
  expect_directions_of_the_two_loop_recursion(3001);
}

TEST(lbfgs_passes, directions_formed_by_the_streaming_kernel_equal_the_recursion_on_vectors) {
  static_assert(20001 >= detail::lbfgs_policy::streamed_from);  // d from detail::combine
  expect_directions_of_the_two_loop_recursion(20001);
}

// combine()'s sums in the order its header documents, written out here: each coordinate's terms
// in the order of v, gᵀd in four lanes over the longest prefix of a multiple of 4, the lanes
// added as (l₀ + l₁) + (l₂ + l₃), then the remaining coordinates one by one.
double combine_in_documented_order(Eigen::VectorXd& d, const Eigen::VectorXd& g, double omega,
                                   const std::vector<Eigen::VectorXd>& v,
                                   const std::vector<double>& c) {
  const Eigen::Index n = g.size();
  for (Eigen::Index i = 0; i < n; ++i) {
    d[i] = omega * g[i];
    for (std::size_t j = 0; j < v.size(); ++j) d[i] += c[j] * v[j][i];
  }
  double lane[4] = {0, 0, 0, 0};
  const Eigen::Index body = n / 4 * 4;
  for (Eigen::Index i = 0; i < body; ++i) lane[i % 4] += g[i] * d[i];
  double sum = (lane[0] + lane[1]) + (lane[2] + lane[3]);
  for (Eigen::Index i = body; i < n; ++i) sum += g[i] * d[i];
  return sum;
}

TEST(lbfgs_passes, combine_gives_the_documented_sums_with_and_without_avx_bit_for_bit) {
  for (const Eigen::Index n : {0, 1, 3, 4, 5, 15, 16, 17, 19, 20, 33, 1000, 4099}) {
    for (const std::size_t count : {0u, 1u, 2u, 7u, 20u}) {
      SCOPED_TRACE(testing::Message() << "n = " << n << ", " << count << " vectors");
      const Eigen::VectorXd g = spread(n, 3);
      std::vector<Eigen::VectorXd> v;
      std::vector<const double*> columns;
      std::vector<double> c;
      for (std::size_t j = 0; j < count; ++j) {
        v.push_back(spread(n, 10 + j));
        c.push_back(spread(1, 100 + j)[0]);
      }
      for (const Eigen::VectorXd& vj : v) columns.push_back(vj.data());
      Eigen::VectorXd expected(n), d(n), portable(n);
      const double dot = combine_in_documented_order(expected, g, -0.75, v, c);
      const double got = detail::combine(d.data(), g.data(), -0.75, columns, c, n);
      const double got_portable =
          detail::combine_portable(portable.data(), g.data(), -0.75, columns, c, n);
      EXPECT_EQ(bits(got), bits(dot));
      EXPECT_EQ(bits(got_portable), bits(dot));
      for (Eigen::Index i = 0; i < n; ++i) {
        ASSERT_EQ(bits(d[i]), bits(expected[i])) << i;
        ASSERT_EQ(bits(portable[i]), bits(expected[i])) << i;
      }
    }
  }
}

// pair_dots()'s sums in the order its header documents: two lanes over the longest even prefix
// (lane k the coordinates i ≡ k (mod 2)), added as l₀ + l₁, then the last coordinate, then added
// to what the output held.
double two_lane_dot(const double* u, const double* v, std::ptrdiff_t n) {
  double lane[2] = {0, 0};
  const std::ptrdiff_t body = n / 2 * 2;
  for (std::ptrdiff_t i = 0; i < body; ++i) lane[i % 2] += u[i] * v[i];
  double sum = lane[0] + lane[1];
  if (body < n) sum += u[body] * v[body];
  return sum;
}

TEST(lbfgs_passes, pair_dots_gives_the_documented_sums_with_and_without_avx_bit_for_bit) {
  for (const std::ptrdiff_t n : {0, 1, 2, 3, 7, 8, 9, 2047, 2048}) {
    for (const std::size_t count : {0u, 1u, 2u, 3u, 9u}) {
      SCOPED_TRACE(testing::Message() << "n = " << n << ", " << count << " pairs");
      const Eigen::VectorXd s = spread(n, 1), y = spread(n, 2), g = spread(n, 3);
      std::vector<Eigen::VectorXd> ps, py;
      for (std::size_t j = 0; j < count; ++j) {
        ps.push_back(spread(n, 10 + 2 * j));
        py.push_back(spread(n, 11 + 2 * j));
      }
      // Outputs start from a value of their own, which the sums are added to.
      const double start = 0.375;
      std::vector<double> out(12 * count, start), out_portable(12 * count, start);
      std::vector<detail::pair_block> blocks, blocks_portable;
      for (std::size_t j = 0; j < count; ++j) {
        blocks.push_back({ps[j].data(), py[j].data(), &out[6 * j], &out[6 * j + 3]});
        blocks_portable.push_back(
            {ps[j].data(), py[j].data(), &out_portable[6 * j], &out_portable[6 * j + 3]});
      }
      detail::pair_dots(s.data(), y.data(), g.data(), blocks, n);
      detail::pair_dots_portable(s.data(), y.data(), g.data(), blocks_portable, n);
      for (std::size_t j = 0; j < count; ++j) {
        const Eigen::VectorXd* with[3] = {&s, &y, &g};
        for (std::size_t k = 0; k < 3; ++k) {
          const double ws = start + two_lane_dot(ps[j].data(), with[k]->data(), n);
          const double wy = start + two_lane_dot(py[j].data(), with[k]->data(), n);
          EXPECT_EQ(bits(out[6 * j + k]), bits(ws)) << j << " s·" << k;
          EXPECT_EQ(bits(out[6 * j + 3 + k]), bits(wy)) << j << " y·" << k;
          EXPECT_EQ(bits(out_portable[6 * j + k]), bits(ws)) << j << " s·" << k;
          EXPECT_EQ(bits(out_portable[6 * j + 3 + k]), bits(wy)) << j << " y·" << k;
        }
      }
    }
  }
}

}  // namespace
}  // namespace kobai
