// Symbolic differentiation speed: ∂/∂x of the expanded (x + y + z + 1)^25, the 3276-term
// polynomial of the target (≤ 5 ms; GiNaC about 10 ms, SymPy about 2.5 s).
#include <benchmark/benchmark.h>

#include <cmath>

#include "kobai/diff/simplify.hpp"
#include "kobai/diff/symbolic.hpp"

namespace {

// Σ 25!/(a!b!c!d!) x^a y^b z^c over a + b + c + d = 25, built term by term (the multinomial
// theorem). Coefficients stay below 2^53, so they are exact doubles.
kobai::expr expanded_power(int n) {
  const auto factorial = [](int k) { return std::tgamma(k + 1.0); };
  const kobai::expr v[3] = {kobai::expr::variable("x"), kobai::expr::variable("y"),
                            kobai::expr::variable("z")};
  kobai::expr sum;
  bool first = true;
  for (int a = n; a >= 0; --a)
    for (int b = n - a; b >= 0; --b)
      for (int c = n - a - b; c >= 0; --c) {
        const int d = n - a - b - c;
        const double coef =
            std::round(factorial(n) / (factorial(a) * factorial(b) * factorial(c) * factorial(d)));
        kobai::expr t = kobai::expr::constant(coef);
        const int k[3] = {a, b, c};
        for (int i = 0; i < 3; ++i) {
          if (k[i] == 0) continue;
          t = t * (k[i] == 1 ? v[i] : kobai::pow(v[i], kobai::expr::constant(k[i])));
        }
        sum = first ? t : sum + t;
        first = false;
      }
  return sum;
}

void derivative_of_expanded_power(benchmark::State& state) {
  const kobai::expr f = expanded_power(25);
  kobai::expr d;
  for (auto _ : state) {
    d = kobai::derivative(f, "x");
    benchmark::DoNotOptimize(d);
  }
  state.counters["input_nodes"] = static_cast<double>(kobai::node_count(f));
  state.counters["result_nodes"] = static_cast<double>(kobai::node_count(d));
}
BENCHMARK(derivative_of_expanded_power)->Unit(benchmark::kMillisecond);

void simplify_expanded_power(benchmark::State& state) {
  const kobai::expr f = expanded_power(25);
  for (auto _ : state) benchmark::DoNotOptimize(kobai::simplify(f));
}
BENCHMARK(simplify_expanded_power)->Unit(benchmark::kMillisecond);

void derivative_unsimplified_of_expanded_power(benchmark::State& state) {
  const kobai::expr f = expanded_power(25);
  for (auto _ : state) benchmark::DoNotOptimize(kobai::derivative_unsimplified(f, "x"));
}
BENCHMARK(derivative_unsimplified_of_expanded_power)->Unit(benchmark::kMillisecond);

}  // namespace
