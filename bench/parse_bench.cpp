// Parser throughput on a generated 1 MB formula and latency on the seed formula.
#include <benchmark/benchmark.h>

#include <string>

#include "kobai/expr/parse.hpp"

namespace {

// A formula of about `bytes` bytes mixing every kind of token: numbers, names, calls, powers.
std::string generated_formula(std::size_t bytes) {
  std::string s = "x";
  const char* pieces[] = {" + 4x^2",      " - 2.5e-3*y", " + sin(x*y)",     " + x[3]**2",
                          " - exp(-z/7)", " + 3(x + 1)", " + hypot(x, y)/2"};
  for (std::size_t i = 0; s.size() < bytes; ++i) s += pieces[i % 7];
  return s;
}

void parse_one_megabyte(benchmark::State& state) {
  const std::string text = generated_formula(1u << 20);
  for (auto _ : state) benchmark::DoNotOptimize(kobai::parse(text).root());
  state.SetBytesProcessed(static_cast<std::int64_t>(state.iterations() * text.size()));
}
BENCHMARK(parse_one_megabyte)->Unit(benchmark::kMillisecond);

void parse_seed_formula(benchmark::State& state) {
  const std::string text = "4x^2 + 4x*y + 2y^2 + 5";
  for (auto _ : state) benchmark::DoNotOptimize(kobai::parse(text).root());
}
BENCHMARK(parse_seed_formula);

}  // namespace
