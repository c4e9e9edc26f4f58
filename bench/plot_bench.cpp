// Pictures: the speed targets. A 60-frame 640×480 GIF of the seed descent (x² + y² from
// (−2, 2), rate 0.1) ≤ 1 s; a contour of Rosenbrock on a 400 × 400 grid with 40 levels to PNG
// ≤ 200 ms (the grid sampled by one batch evaluation of the tape).
#include <benchmark/benchmark.h>

#include <filesystem>

#include "kobai/eval/tape.hpp"
#include "kobai/expr/parse.hpp"
#include "kobai/plot/plot.hpp"

namespace {

kobai::trace seed_descent(int iterates) {
  const kobai::formula f = kobai::parse("x^2 + y^2");
  const kobai::tape t = kobai::compile(f.root());
  kobai::trace tr;
  tr.variables = t.variables();
  tr.method = "gd";
  std::vector<double> x{-2, 2}, g(2);
  for (int k = 0; k < iterates; ++k) {
    kobai::iteration_record r;
    r.k = static_cast<std::size_t>(k);
    r.f = t.value_and_gradient(x, g);
    r.x = Eigen::Vector2d(x[0], x[1]);
    r.gradient = Eigen::Vector2d(g[0], g[1]);
    r.gradient_norm = r.gradient.lpNorm<Eigen::Infinity>();
    tr.iterations.push_back(r);
    for (int i = 0; i < 2; ++i) x[i] -= 0.1 * g[i];
  }
  return tr;
}

std::filesystem::path out(const char* name) {
  return std::filesystem::temp_directory_path() / name;
}

void gif_of_the_seed_descent(benchmark::State& state, kobai::plot_kind kind) {
  const std::vector<kobai::trace> run{seed_descent(60)};
  const kobai::expr f = kobai::parse("x^2 + y^2").root();
  const kobai::plot_options o{.kind = kind, .width = 640, .height = 480};
  for (auto _ : state) {
    const kobai::plot_summary s = kobai::write_plot(f, run, o, out("kobai_bench_seed.gif"));
    benchmark::DoNotOptimize(s.frames);
  }
  state.counters["bytes"] =
      static_cast<double>(std::filesystem::file_size(out("kobai_bench_seed.gif")));
}

void BM_gif_60_frames_640x480_contour(benchmark::State& state) {
  gif_of_the_seed_descent(state, kobai::plot_kind::contour);
}
void BM_gif_60_frames_640x480_wireframe(benchmark::State& state) {
  gif_of_the_seed_descent(state, kobai::plot_kind::wireframe);
}

void BM_rosenbrock_contour_400_grid_40_levels_png(benchmark::State& state) {
  const kobai::expr f = kobai::parse("100(y - x^2)^2 + (1 - x)^2").root();
  const kobai::plot_options o{.kind = kobai::plot_kind::contour,
                              .width = 800,
                              .height = 600,
                              .x_range = kobai::plot_range{-2, 2},
                              .y_range = kobai::plot_range{-1, 3},
                              .levels = 40,
                              .grid = 400};
  for (auto _ : state) {
    const kobai::plot_summary s = kobai::write_plot(f, {}, o, out("kobai_bench_rosenbrock.png"));
    benchmark::DoNotOptimize(s.panels);
  }
}

BENCHMARK(BM_gif_60_frames_640x480_contour)->Unit(benchmark::kMillisecond)->MinTime(2);
BENCHMARK(BM_gif_60_frames_640x480_wireframe)->Unit(benchmark::kMillisecond)->MinTime(2);
BENCHMARK(BM_rosenbrock_contour_400_grid_40_levels_png)->Unit(benchmark::kMillisecond)->MinTime(2);

}  // namespace
