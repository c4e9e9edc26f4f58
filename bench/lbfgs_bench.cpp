// L-BFGS (m = 10) at large n on extended Rosenbrock (MGH 21) from the standard start to
// ‖∇f‖∞ ≤ 1e-5, against the memory-bandwidth bound of its two-loop recursion (issue 5, "Speed").
//
// The objective is the hand-written value and gradient through the C++ API
// (kobai::function_objective), so the time is the optimizer's plus one streaming pass per
// evaluation. The bound: the two-loop recursion (Nocedal & Wright, Algorithm 7.4) reads each of
// the 2m stored vectors once per loop, and each pair's dot product needs the whole updated d, so d
// is read and written once per pair and loop: 2·2m·8n + 2m·16n = 64·m·n bytes per iteration.
// Divided by the copy bandwidth measured here on a working set of the same size as the stored
// pairs (so the same cache level), sustained over as long as the solver's run (copy_bandwidth()),
// that is the least time an iteration of the two-loop recursion on vectors can take; the bound by
// the best single copy is reported beside it (x_bound_single_copy). kobai runs the recursion on
// inner products instead (search_policies.hpp, about half that traffic), so it can come in under
// the bound.
//
// Also: the L-BFGS of liblbfgs (Debian liblbfgs-dev) and of LBFGS++ (liblbfgspp-dev) on the same
// problem at n = 10⁵ when they are installed (the issue quotes 0.11 s for LBFGS++ there), and the
// same problem through the formula interface (kobai::compile of the text) at n = 10³, for the
// tape's overhead.
#include <benchmark/benchmark.h>

#include <malloc.h>
#include <Eigen/Core>
#include <algorithm>
#include <chrono>
#include <cmath>
#include <ctime>
#include <limits>
#include <vector>

#include "kobai/eval/tape.hpp"
#include "kobai/expr/parse.hpp"
#include "kobai/optim/minimize.hpp"
#include "kobai/optim/objective.hpp"
#include "kobai/problems/problems.hpp"

#ifdef KOBAI_HAVE_LIBLBFGS
#include <lbfgs.h>
#endif
#ifdef KOBAI_HAVE_LBFGSPP
#include <LBFGS.h>
#endif

namespace {

constexpr double gtol = 1e-5;
constexpr std::size_t memory = 10;

// Each solver runs at least this many times and for at least min_seconds of thread time, and
// reports its best run: the rule copy_bandwidth() times the bound by, so that both are the best
// over a window of the same length. On the shared virtual machine this runs on, a run at n = 10⁴
// (4 ms) took 0.097 or 0.155 ms per iteration depending on the moment, switching within tens of
// milliseconds in one process (2026-11-24 23:50 UTC), while the bound's 50 ms of copies always
// caught a fast moment; three runs often fell in one slow spell. The heap keeps what a run frees
// (no trimming, no separate mappings for large blocks), so that the runs after the first touch
// pages already mapped: on the virtual machine this was measured on, first touching a page costs
// so much that a solver's time otherwise depended on whether the run before it left memory
// mapped (LBFGS++ at n = 10⁵ took 38–45 ms after one solver and 88–100 ms after another). The
// first run, with its page faults, is reported too (first_run_ms).
constexpr int runs = 3;
constexpr double min_seconds = 0.05;
[[maybe_unused]] const bool heap_kept = [] {
  mallopt(M_MMAP_THRESHOLD, 1 << 30);
  mallopt(M_TRIM_THRESHOLD, std::numeric_limits<int>::max());
  return true;
}();

// f(x) = Σ_{i} 100(x_{2i} − x_{2i−1}²)² + (1 − x_{2i−1})² and its gradient, one pass.
double rosenbrock(const double* x, double* g, std::size_t n) {
  double s = 0;
  for (std::size_t i = 0; i + 1 < n; i += 2) {
    const double t = x[i + 1] - x[i] * x[i], u = 1 - x[i];
    s += 100 * t * t + u * u;
    g[i] = -400 * t * x[i] - 2 * u;
    g[i + 1] = 200 * t;
  }
  return s;
}

Eigen::VectorXd start(Eigen::Index n) {
  Eigen::VectorXd x(n);
  for (Eigen::Index i = 0; i + 1 < n; i += 2) {
    x[i] = -1.2;
    x[i + 1] = 1;
  }
  return x;
}

double thread_seconds() {
  timespec t{};
  clock_gettime(CLOCK_THREAD_CPUTIME_ID, &t);
  return static_cast<double>(t.tv_sec) + 1e-9 * static_cast<double>(t.tv_nsec);
}

// Calls run() `runs` times and then until min_seconds of thread time have passed since the first
// call (one benchmark iteration holds them all); counter "runs" says how many there were.
template <class Run>
void repeat_runs(benchmark::State& state, Run run) {
  for (auto _ : state) {
    const double began = thread_seconds();
    int done = 0;
    for (; done < runs || thread_seconds() - began < min_seconds; ++done) run();
    state.counters["runs"] = done;
  }
}

// Copy bandwidths in bytes per second (16 bytes per element moved, STREAM's counting) of copies of
// `elements` doubles into another `elements` doubles, timed two ways over at least 50 ms:
// - `single`: the best single copy, at least 7 of them (with 7 the bound at 10⁴ varied by 30 %
//   from process to process on a shared virtual machine);
// - `sustained`: the best rate over back-to-back copies lasting `window` seconds together, at
//   least 7 windows. A solver's time is a whole run's; `window` is that run's length (at most
//   10 ms, past which one copy at n ≥ 10⁶ is a window of its own), so both sides are the best
//   stretch of the same length. At n = 10⁴ a copy lasts 20 µs, and the best of thousands catches
//   a burst no 4 ms stretch keeps up: 73–76 GB/s single against 59–63 GB/s sustained over 4 ms
//   (2026-11-24, AMD EPYC virtual machine).
struct bandwidths {
  double single, sustained;
};
bandwidths copy_bandwidth(std::size_t elements, double window) {
  std::vector<double> a(elements, 1.0), b(elements, 0.0);
  double best = INFINITY, best_rate = 0;
  std::size_t repeat = 0;
  const double started = thread_seconds();
  for (int windows = 0; windows < 7 || thread_seconds() - started < 0.05; ++windows) {
    const double w0 = thread_seconds();
    std::size_t copies = 0;
    do {
      const double t0 = thread_seconds();
      std::copy(a.begin(), a.end(), b.begin());
      benchmark::DoNotOptimize(b.data());
      benchmark::ClobberMemory();
      best = std::min(best, thread_seconds() - t0);
      const std::size_t i = repeat++ % (elements - 1);
      a[i] = b[i + 1];
      ++copies;
    } while (thread_seconds() - w0 < window);
    best_rate = std::max(best_rate, static_cast<double>(copies) / (thread_seconds() - w0));
  }
  const double bytes = 16.0 * static_cast<double>(elements);
  return {bytes / best, bytes * best_rate};
}

void report(benchmark::State& state, std::size_t n, std::size_t iterations, std::size_t evaluations,
            double seconds, double status_ok) {
  const bandwidths copy = copy_bandwidth(memory * n, std::min(seconds, 0.01));
  const double bytes = 64.0 * static_cast<double>(memory * n);
  const double bound = bytes / copy.sustained, bound_single = bytes / copy.single;  // seconds
  const double per_iteration = seconds / static_cast<double>(iterations);
  state.counters["iterations"] = static_cast<double>(iterations);
  state.counters["evaluations"] = static_cast<double>(evaluations);
  state.counters["ms_per_iteration"] = 1e3 * per_iteration;
  state.counters["bound_ms_per_iteration"] = 1e3 * bound;
  state.counters["x_bound"] = per_iteration / bound;
  state.counters["x_bound_single_copy"] = per_iteration / bound_single;
  state.counters["converged"] = status_ok;
}

// kobai::minimize with the hand-written value and gradient; counters per run.
void kobai_lbfgs(benchmark::State& state) {
  const auto n = static_cast<std::size_t>(state.range(0));
  const Eigen::VectorXd x0 = start(static_cast<Eigen::Index>(n));
  std::size_t evaluations = 0;
  auto f = kobai::function_objective(
      [&](const Eigen::VectorXd& x) {
        Eigen::VectorXd g(x.size());
        return rosenbrock(x.data(), g.data(), n);
      },
      [&](const Eigen::VectorXd& x, Eigen::VectorXd& g) {
        ++evaluations;
        return rosenbrock(x.data(), g.data(), n);
      });
  const kobai::lbfgs method{.memory = memory};
  kobai::minimize_options options = kobai::default_options(method);
  options.gtol = gtol;
  options.max_iterations = 10000;
  kobai::result r;
  double seconds = INFINITY;  // the best of the runs
  double first = 0, steady = INFINITY;
  std::vector<double> at;  // thread time at each iteration
  at.reserve(1000);
  const auto clock = [&](const kobai::iteration_view&) { at.push_back(thread_seconds()); };
  repeat_runs(state, [&] {
    evaluations = 0;
    at.clear();
    const double t0 = thread_seconds();
    r = kobai::minimize(f, x0, method, options, clock);
    const double t = thread_seconds() - t0;
    if (!std::isfinite(seconds)) first = t;
    seconds = std::min(seconds, t);
    benchmark::DoNotOptimize(r.f);
    // Once the memory is full (iteration m + 1 on) an iteration does what every later one does:
    // the mean over those iterations is the time per iteration without the run's one-time costs.
    if (at.size() > memory + 3)
      steady = std::min(steady,
                        (at.back() - at[memory + 1]) / static_cast<double>(at.size() - memory - 2));
  });
  report(state, n, r.iterations, evaluations, seconds,
         r.status == kobai::status::converged_gradient ? 1 : 0);
  state.counters["first_run_ms"] = 1e3 * first;
  if (std::isfinite(steady)) {
    state.counters["steady_ms_per_iteration"] = 1e3 * steady;
    state.counters["x_bound_steady"] = steady / state.counters["bound_ms_per_iteration"] * 1e3;
  }
}
BENCHMARK(kobai_lbfgs)
    ->Arg(10'000)
    ->Arg(100'000)
    ->Arg(1'000'000)
    ->Arg(10'000'000)
    ->Iterations(1)
    ->Unit(benchmark::kMillisecond);

#ifdef KOBAI_HAVE_LIBLBFGS
struct liblbfgs_context {
  std::size_t evaluations = 0, iterations = 0;
};

// liblbfgs 1.10 (m = 10, its default Moré–Thuente search), stopped by its progress callback at
// ‖∇f‖∞ ≤ 1e-5 (its own test is ‖∇f‖₂ / max(1, ‖x‖₂)).
void liblbfgs_lbfgs(benchmark::State& state) {
  const int n = static_cast<int>(state.range(0));
  const Eigen::VectorXd x0 = start(n);
  lbfgsfloatval_t* x = lbfgs_malloc(n);
  liblbfgs_context ctx;
  double seconds = INFINITY;  // the best of the runs
  int ret = 0;
  repeat_runs(state, [&] {
    std::copy(x0.data(), x0.data() + n, x);
    ctx = {};
    lbfgs_parameter_t param;
    lbfgs_parameter_init(&param);
    param.m = static_cast<int>(memory);
    param.epsilon = 1e-300;
    param.max_iterations = 10000;
    const auto evaluate = [](void* instance, const lbfgsfloatval_t* xv, lbfgsfloatval_t* g, int nv,
                             lbfgsfloatval_t) -> lbfgsfloatval_t {
      ++static_cast<liblbfgs_context*>(instance)->evaluations;
      return rosenbrock(xv, g, static_cast<std::size_t>(nv));
    };
    const auto progress = [](void* instance, const lbfgsfloatval_t*, const lbfgsfloatval_t* g,
                             lbfgsfloatval_t, lbfgsfloatval_t, lbfgsfloatval_t, lbfgsfloatval_t,
                             int nv, int k, int) -> int {
      static_cast<liblbfgs_context*>(instance)->iterations = static_cast<std::size_t>(k);
      double m = 0;
      for (int i = 0; i < nv; ++i) m = std::max(m, std::abs(g[i]));
      return m <= gtol ? 1 : 0;
    };
    lbfgsfloatval_t fx = 0;
    const double t0 = thread_seconds();
    ret = lbfgs(n, x, &fx, evaluate, progress, &ctx, &param);
    seconds = std::min(seconds, thread_seconds() - t0);
    benchmark::DoNotOptimize(fx);
  });
  lbfgs_free(x);
  report(state, static_cast<std::size_t>(n), ctx.iterations, ctx.evaluations, seconds,
         ret == 1 ? 1 : 0);
}
BENCHMARK(liblbfgs_lbfgs)->Arg(100'000)->Iterations(1)->Unit(benchmark::kMillisecond);
#endif

#ifdef KOBAI_HAVE_LBFGSPP
// LBFGS++ has no callback, and its own test is ‖∇f‖₂ ≤ max(ε, ε_rel‖x‖₂); it is stopped the way
// peer_bench stops NLopt: the first evaluation with ‖∇f‖∞ ≤ 1e-5 ends the run (by an exception,
// which only makes it look a little faster). Its defaults otherwise (backtracking line search),
// with m = 10 and with its own default m = 6.
struct lbfgspp_stop {
  double f;
};
void lbfgspp_lbfgs(benchmark::State& state) {
  const auto n = static_cast<std::size_t>(state.range(0));
  const Eigen::VectorXd x0 = start(static_cast<Eigen::Index>(n));
  std::size_t evaluations = 0;
  const auto f = [&](const Eigen::VectorXd& x, Eigen::VectorXd& g) {
    ++evaluations;
    const double v = rosenbrock(x.data(), g.data(), n);
    if (g.lpNorm<Eigen::Infinity>() <= gtol) throw lbfgspp_stop{v};
    return v;
  };
  LBFGSpp::LBFGSParam<double> param;
  param.m = static_cast<int>(state.range(1));
  param.epsilon = 0;
  param.epsilon_rel = 0;
  param.max_iterations = 10000;
  param.linesearch = static_cast<int>(state.range(2));
  double seconds = INFINITY;  // the best of the runs
  bool converged = false;
  repeat_runs(state, [&] {
    evaluations = 0;
    Eigen::VectorXd x = x0;
    double fx = 0;
    LBFGSpp::LBFGSSolver<double> solver(param);
    const double t0 = thread_seconds();
    try {
      solver.minimize(f, x, fx);
    } catch (const lbfgspp_stop& stop) {
      fx = stop.f;
      converged = true;
    } catch (const std::exception&) {  // its line search gave up
      converged = false;
    }
    seconds = std::min(seconds, thread_seconds() - t0);
    benchmark::DoNotOptimize(fx);
  });
  // Iterations are not reported by an interrupted run: counted as its evaluations.
  report(state, n, evaluations, evaluations, seconds, converged ? 1 : 0);
}
BENCHMARK(lbfgspp_lbfgs)
    ->Args({100'000, 10, LBFGSpp::LBFGS_LINESEARCH_BACKTRACKING_ARMIJO})
    ->Args({100'000, 6, LBFGSpp::LBFGS_LINESEARCH_BACKTRACKING_ARMIJO})
    ->Args({100'000, 10, LBFGSpp::LBFGS_LINESEARCH_BACKTRACKING_WOLFE})
    ->Args({100'000, 10, LBFGSpp::LBFGS_LINESEARCH_BACKTRACKING_STRONG_WOLFE})
    ->Args({100'000, 6, LBFGSpp::LBFGS_LINESEARCH_BACKTRACKING_STRONG_WOLFE})
    ->Iterations(1)
    ->Unit(benchmark::kMillisecond);
#endif

// The same problem at n = 10³ through the formula interface (the MGH 21 text compiled to a
// tape) and through the hand-written gradient: whole runs, and one evaluation each.
kobai::tape rosenbrock_tape(std::size_t n) {
  const kobai::problems::problem p = kobai::problems::make_problem("extended_rosenbrock", n);
  return kobai::compile(kobai::parse(p.formula).root(), p.variables());
}

constexpr std::size_t small = 1000;

// The whole L-BFGS run from the standard start, repeated; counts from the last run.
template <class F>
void run_lbfgs_n1e3(benchmark::State& state, F f) {
  const Eigen::VectorXd x0 = start(small);
  const kobai::lbfgs method{.memory = memory};
  kobai::minimize_options options = kobai::default_options(method);
  options.gtol = gtol;
  kobai::result r;
  for (auto _ : state) {
    r = kobai::minimize(f, x0, method, options);
    benchmark::DoNotOptimize(r.f);
  }
  state.counters["iterations"] = static_cast<double>(r.iterations);
  state.counters["evaluations"] = static_cast<double>(r.evaluations.gradient);
}

void formula_lbfgs_n1e3(benchmark::State& state) {
  run_lbfgs_n1e3(state, kobai::tape_objective(rosenbrock_tape(small)));
}
BENCHMARK(formula_lbfgs_n1e3)->Unit(benchmark::kMicrosecond);

void hand_lbfgs_n1e3(benchmark::State& state) {
  run_lbfgs_n1e3(state, kobai::function_objective(
                            [](const Eigen::VectorXd& x) {
                              Eigen::VectorXd g(x.size());
                              return rosenbrock(x.data(), g.data(), small);
                            },
                            [](const Eigen::VectorXd& x, Eigen::VectorXd& g) {
                              return rosenbrock(x.data(), g.data(), small);
                            }));
}
BENCHMARK(hand_lbfgs_n1e3)->Unit(benchmark::kMicrosecond);

void formula_gradient_n1e3(benchmark::State& state) {
  const kobai::tape t = rosenbrock_tape(small);
  const Eigen::VectorXd x = start(small);
  Eigen::VectorXd g(static_cast<Eigen::Index>(small));
  for (auto _ : state) {
    benchmark::DoNotOptimize(t.value_and_gradient(std::span<const double>(x.data(), small),
                                                  std::span<double>(g.data(), small)));
    benchmark::ClobberMemory();
  }
}
BENCHMARK(formula_gradient_n1e3)->Unit(benchmark::kMicrosecond);

void hand_gradient_n1e3(benchmark::State& state) {
  const Eigen::VectorXd x = start(small);
  Eigen::VectorXd g(static_cast<Eigen::Index>(small));
  for (auto _ : state) {
    benchmark::DoNotOptimize(rosenbrock(x.data(), g.data(), small));
    benchmark::ClobberMemory();
  }
}
BENCHMARK(hand_gradient_n1e3)->Unit(benchmark::kMicrosecond);

// The copy bandwidth the bounds use, on the stored pairs' working set (m·n doubles each way).
void copy_pairs(benchmark::State& state) {
  const auto elements = memory * static_cast<std::size_t>(state.range(0));
  std::vector<double> a(elements, 1.0), b(elements, 0.0);
  for (auto _ : state) {
    std::copy(a.begin(), a.end(), b.begin());
    benchmark::DoNotOptimize(b.data());
    benchmark::ClobberMemory();
  }
  state.SetBytesProcessed(static_cast<std::int64_t>(state.iterations()) *
                          static_cast<std::int64_t>(elements) * 16);
}
BENCHMARK(copy_pairs)->Arg(10'000)->Arg(100'000)->Arg(1'000'000)->Unit(benchmark::kMillisecond);

}  // namespace
