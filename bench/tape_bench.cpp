// The compiled tape against the same functions written by hand in C++ (this file is compiled with
// -O2, see bench/CMakeLists.txt): value and value+gradient of the seed quadratic, the cost of the
// gradient relative to the value on formulas of 10 to 10⁴ nodes, batch values over a 200×200 grid,
// and the Hessian. The native rows run the same formulas as generated machine code
// (compile_native), and time the compiler.
#include <benchmark/benchmark.h>

#include <chrono>
#include <cmath>
#include <cstdint>
#include <filesystem>
#include <map>
#include <stdexcept>
#include <string>
#include <utility>
#include <vector>

#include "kobai/eval/native.hpp"
#include "kobai/eval/tape.hpp"
#include "kobai/expr/parse.hpp"

namespace {

using kobai::expr;

const char* const seed = "4x^2 + 4x*y + 2y^2 + 5";

double seed_by_hand(double x, double y) {
  return 4 * x * x + 4 * x * y + 2 * y * y + 5;
}

// Points vary so that neither side can hoist the work out of the loop.
std::vector<double> seed_points() {
  std::vector<double> p;
  for (int i = 0; i < 256; ++i) {
    p.push_back(-2.0 + 0.0157 * i);
    p.push_back(1.0 - 0.0113 * i);
  }
  return p;
}

// The seed's value and value+gradient at 256 points in turn, for the tape and the native code.
template <class Tape>
void value_seed(benchmark::State& state, const Tape& t) {
  const std::vector<double> p = seed_points();
  std::size_t i = 0;
  for (auto _ : state) {
    benchmark::DoNotOptimize(t.value(std::span<const double>(p.data() + 2 * i, 2)));
    i = (i + 1) & 255u;
  }
}
template <class Tape>
void value_and_gradient_seed(benchmark::State& state, const Tape& t) {
  const std::vector<double> p = seed_points();
  std::vector<double> g(2);
  std::size_t i = 0;
  for (auto _ : state) {
    benchmark::DoNotOptimize(t.value_and_gradient(std::span<const double>(p.data() + 2 * i, 2), g));
    benchmark::DoNotOptimize(g.data());
    i = (i + 1) & 255u;
  }
}

void tape_value_seed(benchmark::State& state) {
  value_seed(state, kobai::compile(kobai::parse(seed).root()));
}
BENCHMARK(tape_value_seed);

void hand_value_seed(benchmark::State& state) {
  const std::vector<double> p = seed_points();
  std::size_t i = 0;
  for (auto _ : state) {
    const double* q = p.data() + 2 * i;
    benchmark::DoNotOptimize(q);
    benchmark::DoNotOptimize(seed_by_hand(q[0], q[1]));
    i = (i + 1) & 255u;
  }
}
BENCHMARK(hand_value_seed);

void tape_value_and_gradient_seed(benchmark::State& state) {
  value_and_gradient_seed(state, kobai::compile(kobai::parse(seed).root()));
}
BENCHMARK(tape_value_and_gradient_seed);

void hand_value_and_gradient_seed(benchmark::State& state) {
  const std::vector<double> p = seed_points();
  double g[2];
  std::size_t i = 0;
  for (auto _ : state) {
    const double* q = p.data() + 2 * i;
    benchmark::DoNotOptimize(q);
    g[0] = 8 * q[0] + 4 * q[1];
    g[1] = 4 * q[0] + 4 * q[1];
    benchmark::DoNotOptimize(seed_by_hand(q[0], q[1]));
    benchmark::DoNotOptimize(g);
    i = (i + 1) & 255u;
  }
}
BENCHMARK(hand_value_and_gradient_seed);

// The native backend (src/eval/native*.cpp): the formula compiled to machine code once, outside
// the timed loop, from the cache under $XDG_CACHE_HOME/kobai after the first run.
const kobai::native_tape& native(expr f, const std::vector<std::string>& variables) {
  static std::map<std::pair<std::uint32_t, std::size_t>, kobai::native_tape> compiled;
  const auto key = std::pair{f.id(), variables.size()};
  if (const auto it = compiled.find(key); it != compiled.end()) return it->second;
  kobai::native_compilation c = kobai::compile_native(f, variables);
  if (!c) throw std::runtime_error(c.reason);
  return compiled.emplace(key, std::move(*c.tape)).first->second;
}

const kobai::native_tape& native_seed() {
  const expr f = kobai::parse(seed).root();
  return native(f, kobai::variables(f));
}

void native_value_seed(benchmark::State& state) {
  value_seed(state, native_seed());
}
BENCHMARK(native_value_seed);

void native_value_and_gradient_seed(benchmark::State& state) {
  value_and_gradient_seed(state, native_seed());
}
BENCHMARK(native_value_and_gradient_seed);

// A formula of about `nodes` distinct nodes over 10 variables, mixing the common operations:
// a sum of terms c·sin(x_i·x_j) + x_k^2/(1 + x_l^2) + exp(−x_m)·x_n.
expr sized_formula(int nodes) {
  std::vector<expr> v;
  for (int i = 0; i < 10; ++i) v.push_back(expr::variable("x" + std::to_string(i)));
  expr f = expr::constant(0);
  for (int k = 0; std::cmp_less(kobai::node_count(f), nodes); ++k) {
    const auto at = [&](int j) { return v[static_cast<std::size_t>((k * 7 + j * 3) % 10)]; };
    const expr c = expr::constant(1.0 + 0.001 * k);
    switch (k % 3) {
      case 0:
        f = f + c * expr::unary(kobai::op::sin, at(0) * at(1));
        break;
      case 1:
        f = f + pow(at(2), expr::constant(2)) / (c + pow(at(3), expr::constant(2)));
        break;
      default:
        f = f + expr::unary(kobai::op::exp, -(at(4) * c)) * at(5);
        break;
    }
  }
  return f;
}

std::vector<std::string> ten_names() {
  std::vector<std::string> names;
  for (int i = 0; i < 10; ++i) names.push_back("x" + std::to_string(i));
  return names;
}

kobai::tape sized_tape(benchmark::State& state) {
  return kobai::compile(sized_formula(static_cast<int>(state.range(0))), ten_names());
}

std::vector<double> ten_point() {
  std::vector<double> x;
  for (int i = 0; i < 10; ++i) x.push_back(0.1 * i - 0.45);
  return x;
}

void tape_value_sized(benchmark::State& state) {
  const kobai::tape t = sized_tape(state);
  const std::vector<double> x = ten_point();
  for (auto _ : state) benchmark::DoNotOptimize(t.value(x));
  state.counters["instructions"] = static_cast<double>(t.size());
}
BENCHMARK(tape_value_sized)->Arg(10)->Arg(100)->Arg(1000)->Arg(10000);

void tape_value_and_gradient_sized(benchmark::State& state) {
  const kobai::tape t = sized_tape(state);
  const std::vector<double> x = ten_point();
  std::vector<double> g(t.dimension());
  for (auto _ : state) {
    benchmark::DoNotOptimize(t.value_and_gradient(x, g));
    benchmark::DoNotOptimize(g.data());
  }
  state.counters["instructions"] = static_cast<double>(t.size());
}
BENCHMARK(tape_value_and_gradient_sized)->Arg(10)->Arg(100)->Arg(1000)->Arg(10000);

const kobai::native_tape& native_sized(benchmark::State& state) {
  return native(sized_formula(static_cast<int>(state.range(0))), ten_names());
}

void native_value_sized(benchmark::State& state) {
  const kobai::native_tape& t = native_sized(state);
  const std::vector<double> x = ten_point();
  for (auto _ : state) benchmark::DoNotOptimize(t.value(x));
}
BENCHMARK(native_value_sized)->Arg(10)->Arg(100)->Arg(1000)->Arg(10000);

void native_value_and_gradient_sized(benchmark::State& state) {
  const kobai::native_tape& t = native_sized(state);
  const std::vector<double> x = ten_point();
  std::vector<double> g(t.dimension());
  for (auto _ : state) {
    benchmark::DoNotOptimize(t.value_and_gradient(x, g));
    benchmark::DoNotOptimize(g.data());
  }
}
BENCHMARK(native_value_and_gradient_sized)->Arg(10)->Arg(100)->Arg(1000)->Arg(10000);

// sized_formula(10) by hand: sin(x₀x₃) + x₃²/(1.001 + x₆²), for the ratio the function itself
// sets (its gradient needs cos(x₀x₃) and a second quotient).
void hand_value_sized_10(benchmark::State& state) {
  std::vector<double> x = ten_point();
  for (auto _ : state) {
    benchmark::DoNotOptimize(x.data());
    benchmark::DoNotOptimize(std::sin(x[0] * x[3]) + x[3] * x[3] / (1.001 + x[6] * x[6]));
  }
}
BENCHMARK(hand_value_sized_10);

void hand_value_and_gradient_sized_10(benchmark::State& state) {
  std::vector<double> x = ten_point();
  std::vector<double> g(10);
  for (auto _ : state) {
    benchmark::DoNotOptimize(x.data());
    const double u = x[0] * x[3], c = std::cos(u), q = 1.0 / (1.001 + x[6] * x[6]);
    const double r = x[3] * x[3] * q;
    g[0] = c * x[3];
    g[3] = c * x[0] + 2 * x[3] * q;
    g[6] = -2 * x[6] * r * q;
    benchmark::DoNotOptimize(std::sin(u) + r);
    benchmark::DoNotOptimize(g.data());
  }
}
BENCHMARK(hand_value_and_gradient_sized_10);

// Generating, compiling and loading, into an empty cache each time: what the first use of a
// formula costs. One iteration per repetition (a compile takes from 0.3 s to seconds).
void native_compile_sized(benchmark::State& state) {
  const expr f = sized_formula(static_cast<int>(state.range(0)));
  kobai::native_options o;
  o.cache_directory = (std::filesystem::temp_directory_path() / "kobai-bench-compile").string();
  for (auto _ : state) {
    std::filesystem::remove_all(o.cache_directory);
    const kobai::native_compilation c = kobai::compile_native(f, ten_names(), o);
    if (!c) state.SkipWithError(c.reason.c_str());
  }
  std::filesystem::remove_all(o.cache_directory);
}
BENCHMARK(native_compile_sized)
    ->Arg(10)
    ->Arg(100)
    ->Arg(1000)
    ->Arg(10000)
    ->Iterations(1)
    ->Unit(benchmark::kMillisecond);

// The second compile of a formula: generating the source, hashing it, and loading the object.
void native_compile_cached_sized(benchmark::State& state) {
  const expr f = sized_formula(static_cast<int>(state.range(0)));
  native(f, ten_names());  // compiled into the cache
  for (auto _ : state) benchmark::DoNotOptimize(kobai::compile_native(f, ten_names()));
}
BENCHMARK(native_compile_cached_sized)->Arg(10)->Arg(10000)->Unit(benchmark::kMicrosecond);

// The 200×200 grid a plot samples, [-2, 2]².
std::vector<double> grid() {
  std::vector<double> p;
  p.reserve(2 * 200 * 200);
  for (int i = 0; i < 200; ++i)
    for (int j = 0; j < 200; ++j) {
      p.push_back(-2.0 + 4.0 * i / 199);
      p.push_back(-2.0 + 4.0 * j / 199);
    }
  return p;
}

const char* const rosenbrock = "(1 - x)^2 + 100(y - x^2)^2";

// Times `fill(points, out)` over the grid, reported per point.
template <class Fill>
void batch_grid(benchmark::State& state, Fill fill) {
  const std::vector<double> p = grid();
  std::vector<double> out(200 * 200);
  for (auto _ : state) {
    fill(p, out);
    benchmark::DoNotOptimize(out.data());
  }
  state.counters["ns_per_point"] = benchmark::Counter(
      static_cast<double>(out.size()),
      benchmark::Counter::kIsIterationInvariantRate | benchmark::Counter::kInvert);
}

// The library's batch evaluation by a tape or a native_tape.
template <class T>
auto values_of(const T& t) {
  return [&t](const std::vector<double>& p, std::vector<double>& out) { t.values(p, out); };
}

void tape_batch_grid_seed(benchmark::State& state) {
  const kobai::tape t = kobai::compile(kobai::parse(seed).root());
  batch_grid(state, values_of(t));
}
BENCHMARK(tape_batch_grid_seed);

void hand_batch_grid_seed(benchmark::State& state) {
  batch_grid(state, [](const std::vector<double>& p, std::vector<double>& out) {
    for (std::size_t i = 0; i < out.size(); ++i) out[i] = seed_by_hand(p[2 * i], p[2 * i + 1]);
  });
}
BENCHMARK(hand_batch_grid_seed);

void native_batch_grid_seed(benchmark::State& state) {
  batch_grid(state, values_of(native_seed()));
}
BENCHMARK(native_batch_grid_seed);

void tape_batch_grid_rosenbrock(benchmark::State& state) {
  const kobai::tape t = kobai::compile(kobai::parse(rosenbrock).root());
  batch_grid(state, values_of(t));
}
BENCHMARK(tape_batch_grid_rosenbrock);

void hand_batch_grid_rosenbrock(benchmark::State& state) {
  batch_grid(state, [](const std::vector<double>& p, std::vector<double>& out) {
    for (std::size_t i = 0; i < out.size(); ++i) {
      const double x = p[2 * i], y = p[2 * i + 1];
      out[i] = (1 - x) * (1 - x) + 100 * (y - x * x) * (y - x * x);
    }
  });
}
BENCHMARK(hand_batch_grid_rosenbrock);

void native_batch_grid_rosenbrock(benchmark::State& state) {
  const expr f = kobai::parse(rosenbrock).root();
  batch_grid(state, values_of(native(f, kobai::variables(f))));
}
BENCHMARK(native_batch_grid_rosenbrock);

void tape_hessian_sized(benchmark::State& state) {
  const kobai::tape t = sized_tape(state);
  const std::vector<double> x = ten_point();
  for (auto _ : state) benchmark::DoNotOptimize(t.hessian(x));
}
BENCHMARK(tape_hessian_sized)->Arg(100)->Arg(1000);

}  // namespace
