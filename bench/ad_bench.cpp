// Reverse-mode AD on a user's generic lambda against the plain function, on extended Rosenbrock
// (MGH 21) with n = 10, 10² and 10⁴ (the target, at n = 10⁴: gradient ≤ 3× the function's time).
// Also the same f with a statement per pair, which reverse mode tapes; the hand-written gradient
// and forward mode (n passes of dual<1> on a vector of dynamic size; one pass of dual<n> on a
// fixed-size one) for reference.
#include <benchmark/benchmark.h>

#include <kobai/ad/gradient.hpp>

namespace {

// f(x) = Σ_{i} 100(x_{2i} − x_{2i−1}²)² + (1 − x_{2i−1})², generic over the scalar.
const auto extended_rosenbrock = [](const auto& x) {
  using kobai::sq;
  using T = std::decay_t<decltype(x[0])>;
  T s = 0;
  for (Eigen::Index i = 0; i + 1 < x.size(); i += 2)
    s += 100 * sq(x[i + 1] - sq(x[i])) + sq(1 - x[i]);
  return s;
};

// The same f with a statement of its own per pair (t = x_{2i} − x_{2i−1}²): the running-sum pass
// cannot follow a statement, so reverse mode records the tape and sweeps it.
const auto extended_rosenbrock_with_statements = [](const auto& x) {
  using kobai::sq;
  using T = std::decay_t<decltype(x[0])>;
  T s = 0;
  for (Eigen::Index i = 0; i + 1 < x.size(); i += 2) {
    const T t = x[i + 1] - sq(x[i]);
    s += 100 * sq(t) + sq(1 - x[i]);
  }
  return s;
};

Eigen::VectorXd start(Eigen::Index n) {
  Eigen::VectorXd x(n);
  for (Eigen::Index i = 0; i < n; i += 2) {
    x[i] = -1.2;
    x[i + 1] = 1;
  }
  return x;
}

void plain_function(benchmark::State& state) {
  const Eigen::VectorXd x = start(state.range(0));
  for (auto _ : state) benchmark::DoNotOptimize(extended_rosenbrock(x));
}
BENCHMARK(plain_function)->Arg(10)->Arg(100)->Arg(10'000);

void hand_written_gradient(benchmark::State& state) {
  const Eigen::Index n = state.range(0);
  const Eigen::VectorXd x = start(n);
  Eigen::VectorXd g(n);
  for (auto _ : state) {
    double s = 0;
    for (Eigen::Index i = 0; i < n; i += 2) {
      const double t = x[i + 1] - x[i] * x[i], u = 1 - x[i];
      s += 100 * t * t + u * u;
      g[i] = -400 * t * x[i] - 2 * u;
      g[i + 1] = 200 * t;
    }
    benchmark::DoNotOptimize(s);
    benchmark::DoNotOptimize(g.data());
  }
}
BENCHMARK(hand_written_gradient)->Arg(10)->Arg(100)->Arg(10'000);

void gradient_in_mode(benchmark::State& state, kobai::ad_mode mode) {
  const Eigen::VectorXd x = start(state.range(0));
  Eigen::VectorXd g(x.size());
  for (auto _ : state) {
    benchmark::DoNotOptimize(kobai::value_and_gradient(extended_rosenbrock, x, g, mode));
    benchmark::DoNotOptimize(g.data());
  }
}

void reverse_mode_gradient(benchmark::State& state) {
  gradient_in_mode(state, kobai::ad_mode::reverse);
}
BENCHMARK(reverse_mode_gradient)->Arg(10)->Arg(100)->Arg(10'000);

void reverse_mode_gradient_taped(benchmark::State& state) {
  const Eigen::VectorXd x = start(state.range(0));
  Eigen::VectorXd g(x.size());
  for (auto _ : state) {
    benchmark::DoNotOptimize(kobai::value_and_gradient(extended_rosenbrock_with_statements, x, g,
                                                       kobai::ad_mode::reverse));
    benchmark::DoNotOptimize(g.data());
  }
}
BENCHMARK(reverse_mode_gradient_taped)->Arg(10)->Arg(100)->Arg(10'000);

void forward_mode_gradient(benchmark::State& state) {
  gradient_in_mode(state, kobai::ad_mode::forward);
}
BENCHMARK(forward_mode_gradient)->Arg(10)->Arg(100)->Arg(10'000);

// Forward mode on a fixed-size vector: one pass of dual<10> (what ad_mode::automatic takes).
void forward_mode_gradient_fixed_n10(benchmark::State& state) {
  Eigen::Matrix<double, 10, 1> x;
  for (int i = 0; i < 10; i += 2) {
    x[i] = -1.2;
    x[i + 1] = 1;
  }
  Eigen::VectorXd g(10);
  for (auto _ : state) {
    benchmark::DoNotOptimize(
        kobai::value_and_gradient(extended_rosenbrock, x, g, kobai::ad_mode::forward));
    benchmark::DoNotOptimize(g.data());
  }
}
BENCHMARK(forward_mode_gradient_fixed_n10);

}  // namespace
