// The engine's cost beyond the objective's, and Adam at n = 10⁶ against the memory bandwidth
// measured by a copy in the same program. Per-iteration times are differences of two run
// lengths, so setup (allocating and zeroing state, the first evaluation) cancels out. Times are
// the thread's CPU time, as Google Benchmark uses for the copy's bytes_per_second: on the shared
// two-core machine wall time also counts the slices other processes take.
#include <benchmark/benchmark.h>

#include <Eigen/Core>
#include <algorithm>
#include <ctime>
#include <vector>

#include "kobai/optim/minimize.hpp"

namespace {

// f = ½‖x‖², ∇f = x: one fused pass, as cheap as an objective gets.
struct half_square {
  double value(const Eigen::VectorXd& x) const { return 0.5 * x.squaredNorm(); }
  double value_and_gradient(const Eigen::VectorXd& x, Eigen::VectorXd& g) const {
    double s = 0;
    for (Eigen::Index i = 0; i < x.size(); ++i) {
      g[i] = x[i];
      s += x[i] * x[i];
    }
    return 0.5 * s;
  }
};

// f = ½‖x‖² for long vectors, in L1-sized blocks: the copy into g and the sum of squares both
// vectorize while x is read from memory once (a single scalar loop cannot vectorize its sum
// without reassociating it).
struct half_square_blocked {
  double value(const Eigen::VectorXd& x) const { return 0.5 * x.squaredNorm(); }
  double value_and_gradient(const Eigen::VectorXd& x, Eigen::VectorXd& g) const {
    constexpr Eigen::Index block = 512;
    double s = 0;
    for (Eigen::Index first = 0; first < x.size(); first += block) {
      const Eigen::Index n = std::min(block, x.size() - first);
      g.segment(first, n) = x.segment(first, n);
      s += g.segment(first, n).squaredNorm();
    }
    return 0.5 * s;
  }
};

double thread_seconds() {
  timespec t{};
  clock_gettime(CLOCK_THREAD_CPUTIME_ID, &t);
  return static_cast<double>(t.tv_sec) + 1e-9 * static_cast<double>(t.tv_nsec);
}

const kobai::minimize_options plain(std::size_t iterations) {
  return {
      .max_iterations = iterations, .gtol = 0, .stall_window = 0, .oscillation_max_dimension = 0};
}

template <class F, class Method>
double seconds_for(const Eigen::VectorXd& x0, const Method& m, std::size_t iterations) {
  const double t0 = thread_seconds();
  const kobai::result r = kobai::minimize(F{}, x0, m, plain(iterations));
  benchmark::DoNotOptimize(r.f);
  return thread_seconds() - t0;
}

// n = 2, gd: time per iteration of the whole engine (update, evaluation, tests).
void engine_gd_n2(benchmark::State& state) {
  const Eigen::VectorXd x0 = Eigen::Vector2d{-2, 2};
  // rate 1e-9 keeps x far from 0 for the whole run (no denormals, no early exit)
  const kobai::gd m{.rate = 1e-9};
  // One benchmark iteration is 10 000 engine iterations (the difference of two runs); the counter
  // gives the time of one engine iteration.
  for (auto _ : state) {
    const double t =
        seconds_for<half_square>(x0, m, 20000) - seconds_for<half_square>(x0, m, 10000);
    state.SetIterationTime(t);
    state.counters["ns_per_iteration"] += t * 1e9 / 10000;
  }
  state.counters["ns_per_iteration"] /= static_cast<double>(state.iterations());
}
BENCHMARK(engine_gd_n2)->UseManualTime()->Unit(benchmark::kNanosecond);

// The objective alone on the same point, for the overhead = engine − objective.
void objective_n2(benchmark::State& state) {
  Eigen::VectorXd x = Eigen::Vector2d{-2, 2}, g(2);
  const half_square f;
  for (auto _ : state) {
    benchmark::DoNotOptimize(x.data());
    benchmark::DoNotOptimize(f.value_and_gradient(x, g));
    benchmark::ClobberMemory();
  }
}
BENCHMARK(objective_n2)->Unit(benchmark::kNanosecond);

constexpr Eigen::Index big = 1'000'000;

// Adam at n = 10⁶: per iteration the objective reads x and writes g (16 B per coordinate);
// Adam reads x, g, m, v and writes x, m, v (56 B): 72 B per coordinate in STREAM's counting.
void adam_n1e6(benchmark::State& state) {
  const Eigen::VectorXd x0 = Eigen::VectorXd::LinSpaced(big, -1, 1);
  const kobai::adam m{.rate = 1e-3};
  // One benchmark iteration is 20 Adam iterations (the difference of a 30- and a 10-step run).
  for (auto _ : state) {
    const double t =
        seconds_for<half_square_blocked>(x0, m, 30) - seconds_for<half_square_blocked>(x0, m, 10);
    state.SetIterationTime(t);
  }
  state.SetBytesProcessed(state.iterations() * 20 * big * 72);
}
BENCHMARK(adam_n1e6)->UseManualTime()->Unit(benchmark::kMillisecond);

// The bandwidth bound: copying 8 MB into another 8 MB (16 B per coordinate moved).
void copy_n1e6(benchmark::State& state) {
  std::vector<double> a(big, 1.0), b(big, 0.0);
  for (auto _ : state) {
    std::copy(a.begin(), a.end(), b.begin());
    benchmark::DoNotOptimize(b.data());
    benchmark::ClobberMemory();
  }
  state.SetBytesProcessed(state.iterations() * big * 16);
}
BENCHMARK(copy_n1e6)->Unit(benchmark::kMillisecond);

}  // namespace
