// Every line-search method of kobai and the L-BFGS of liblbfgs, NLopt and Ceres on every test
// problem of kobai::problems (the 35 Moré–Garbow–Hillstrom problems and the 2-D classics), from
// the standard start, to the same tolerance ‖∇f‖∞ ≤ 1e-5 (`--gtol G` for another), with the same
// value+gradient (the problem's formula compiled to a kobai tape, so only the optimizers differ).
// Prints a Markdown table of solved / iterations / evaluations / time, and totals per solver;
// `--problems FILE` also writes the problems as JSON for bench/scipy_peers.py.
//
// "Solved": f within 1e-6 (relative, or absolute below 1) of the published global minimum or of a
// published local minimum (MGH report both for several problems).
//
// Peers are compiled in when their Debian packages are found (liblbfgs-dev, liblbfgspp-dev,
// libnlopt-cxx-dev, libceres-dev; bench/peers.sh installs them).
#include <Eigen/Core>
#include <algorithm>
#include <chrono>
#include <cmath>
#include <cstdio>
#include <fstream>
#include <functional>
#include <map>
#include <nlohmann/json.hpp>
#include <optional>
#include <span>
#include <string>
#include <vector>

#include "kobai/error.hpp"
#include "kobai/eval/tape.hpp"
#include "kobai/expr/parse.hpp"
#include "kobai/optim/minimize.hpp"
#include "kobai/problems/problems.hpp"

#ifdef KOBAI_HAVE_LIBLBFGS
#include <lbfgs.h>
#endif
#ifdef KOBAI_HAVE_NLOPT
#include <nlopt.hpp>
#endif
#ifdef KOBAI_HAVE_LBFGSPP
#include <LBFGS.h>
#endif
#ifdef KOBAI_HAVE_CERES
#include <ceres/ceres.h>
#endif

namespace {

double gtol = 1e-5;  // --gtol
constexpr int max_iterations = 10000;

// The problem's value and gradient, counting calls.
struct counted {
  const kobai::tape* t;
  std::size_t calls = 0;
  double operator()(const double* x, double* g) {
    ++calls;
    const std::size_t n = t->dimension();
    if (g == nullptr) return t->value({x, n});
    return t->value_and_gradient({x, n}, {g, n});
  }
};

struct outcome {
  double f = NAN;
  std::size_t iterations = 0;
  std::size_t evaluations = 0;
  double seconds = 0;
  std::string note;
  std::size_t hessians = 0;  // exact Hessians (kobai newton on the tape's Hessian)
};

bool solved(const kobai::problems::problem& p, double f) {
  if (!std::isfinite(f)) return false;
  for (const auto& m : p.minima)
    if (std::abs(f - m.f) <= 1e-6 * std::max(1.0, std::abs(m.f))) return true;
  return false;
}

// ‖g‖∞, the stopping test the peers are held to (used only when a peer is installed).
[[maybe_unused]] double inf_norm(const double* g, std::size_t n) {
  double m = 0;
  for (std::size_t i = 0; i < n; ++i) m = std::max(m, std::abs(g[i]));
  return m;
}

template <class F>
outcome timed(F&& run) {
  const auto t0 = std::chrono::steady_clock::now();
  outcome o = run();
  o.seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - t0).count();
  return o;
}

// The engine's options for every kobai run: the shared limits, no stall test (the peers have
// none), no oscillation notes.
kobai::minimize_options engine_options() {
  return {.max_iterations = max_iterations,
          .gtol = gtol,
          .stall_window = 0,
          .oscillation_max_dimension = 0};
}

outcome run_kobai(const kobai::tape& t, const Eigen::VectorXd& x0, const kobai::method_options& m) {
  return timed([&] {
    counted c{&t};
    auto f = kobai::function_objective(
        [&](const Eigen::VectorXd& x) { return c(x.data(), nullptr); },
        [&](const Eigen::VectorXd& x, Eigen::VectorXd& g) { return c(x.data(), g.data()); });
    try {
      const kobai::result r = kobai::minimize(f, x0, m, engine_options());
      return outcome{r.f, r.iterations, c.calls, 0, std::string(kobai::to_string(r.status))};
    } catch (const kobai::numerical_error& e) {  // f or ∇f not finite at the start
      return outcome{NAN, 0, c.calls, 0, e.what()};
    }
  });
}

// The same counted f and ∇f plus the tape's exact Hessian (forward-over-reverse), for Newton.
struct counted_with_hessian {
  counted* c;
  double value(const Eigen::VectorXd& x) const { return (*c)(x.data(), nullptr); }
  double value_and_gradient(const Eigen::VectorXd& x, Eigen::VectorXd& g) const {
    return (*c)(x.data(), g.data());
  }
  void hessian(const Eigen::VectorXd& x, Eigen::MatrixXd& h) const {
    const auto n = x.size();
    const std::vector<double> flat =
        c->t->hessian(std::span<const double>(x.data(), static_cast<std::size_t>(n)));
    h = Eigen::Map<const Eigen::MatrixXd>(flat.data(), n, n);
  }
};

outcome run_kobai_hessian(const kobai::tape& t, const Eigen::VectorXd& x0,
                          const kobai::method_options& m) {
  return timed([&] {
    counted c{&t};
    try {
      const kobai::result r = kobai::minimize(counted_with_hessian{&c}, x0, m, engine_options());
      return outcome{r.f,
                     r.iterations,
                     c.calls,
                     0,
                     std::string(kobai::to_string(r.status)),
                     r.evaluations.hessian};
    } catch (const kobai::numerical_error& e) {
      return outcome{NAN, 0, c.calls, 0, e.what()};
    }
  });
}

#ifdef KOBAI_HAVE_LIBLBFGS
struct lbfgs_context {
  counted c;
  std::size_t iterations = 0;
};
outcome run_liblbfgs(const kobai::tape& t, const Eigen::VectorXd& x0) {
  return timed([&] {
    const int n = static_cast<int>(x0.size());
    lbfgsfloatval_t* x = lbfgs_malloc(n);
    for (int i = 0; i < n; ++i) x[i] = x0[i];
    lbfgs_parameter_t param;
    lbfgs_parameter_init(&param);
    param.m = 10;
    param.epsilon = 1e-300;  // its own test is relative to ‖x‖ in 2-norm; ours runs in progress
    param.max_iterations = max_iterations;
    lbfgs_context ctx{counted{&t}};
    lbfgsfloatval_t fx = 0;
    const auto evaluate = [](void* instance, const lbfgsfloatval_t* xv, lbfgsfloatval_t* g, int,
                             lbfgsfloatval_t) -> lbfgsfloatval_t {
      return static_cast<lbfgs_context*>(instance)->c(xv, g);
    };
    const auto progress = [](void* instance, const lbfgsfloatval_t*, const lbfgsfloatval_t* g,
                             lbfgsfloatval_t, lbfgsfloatval_t, lbfgsfloatval_t, lbfgsfloatval_t,
                             int nv, int k, int) -> int {
      auto* context = static_cast<lbfgs_context*>(instance);
      context->iterations = static_cast<std::size_t>(k);
      return inf_norm(g, static_cast<std::size_t>(nv)) <= gtol ? 1 : 0;
    };
    const int ret = lbfgs(n, x, &fx, evaluate, progress, &ctx, &param);
    lbfgs_free(x);
    return outcome{fx, ctx.iterations, ctx.c.calls, 0, ret == 1 ? "gtol" : std::to_string(ret)};
  });
}
#endif

#ifdef KOBAI_HAVE_LBFGSPP
// LBFGS++ (m = 10) has no callback; like NLopt it is stopped at the first evaluation with
// ‖∇f‖∞ ≤ gtol, here by an exception. Its line search gives up by throwing too.
struct lbfgspp_stop {
  double f;
};
outcome run_lbfgspp(const kobai::tape& t, const Eigen::VectorXd& x0, int line_search) {
  return timed([&] {
    counted c{&t};
    LBFGSpp::LBFGSParam<double> param;
    param.m = 10;
    param.epsilon = 0;
    param.epsilon_rel = 0;
    param.max_iterations = max_iterations;
    param.linesearch = line_search;
    LBFGSpp::LBFGSSolver<double> solver(param);
    const auto f = [&](const Eigen::VectorXd& x, Eigen::VectorXd& g) {
      const double v = c(x.data(), g.data());
      if (inf_norm(g.data(), static_cast<std::size_t>(g.size())) <= gtol) throw lbfgspp_stop{v};
      return v;
    };
    Eigen::VectorXd x = x0;
    double fx = NAN;
    try {
      const int k = solver.minimize(f, x, fx);
      return outcome{fx, static_cast<std::size_t>(k), c.calls, 0, "iterations"};
    } catch (const lbfgspp_stop& stop) {
      return outcome{stop.f, 0, c.calls, 0, "gtol"};
    } catch (const std::exception& e) {
      return outcome{NAN, 0, c.calls, 0, e.what()};
    }
  });
}
#endif

#ifdef KOBAI_HAVE_NLOPT
struct nlopt_context {
  counted c;
  nlopt::opt* opt;
  double best = INFINITY;
};
outcome run_nlopt(const kobai::tape& t, const Eigen::VectorXd& x0) {
  return timed([&] {
    const auto n = static_cast<unsigned>(x0.size());
    nlopt::opt opt(nlopt::LD_LBFGS, n);
    nlopt_context ctx{counted{&t}, &opt};
    opt.set_min_objective(
        [](const std::vector<double>& x, std::vector<double>& g, void* data) -> double {
          auto* context = static_cast<nlopt_context*>(data);
          std::vector<double> own(x.size());
          double* gp = g.empty() ? own.data() : g.data();
          const double f = context->c(x.data(), gp);
          context->best = std::min(context->best, f);
          if (inf_norm(gp, x.size()) <= gtol) context->opt->force_stop();
          return f;
        },
        &ctx);
    opt.set_vector_storage(10);
    opt.set_maxeval(max_iterations);
    opt.set_ftol_rel(1e-15);
    std::vector<double> x(x0.data(), x0.data() + x0.size());
    double f = NAN;
    std::string note;
    try {
      note = std::to_string(static_cast<int>(opt.optimize(x, f)));
    } catch (const nlopt::forced_stop&) {
      f = ctx.best;
      note = "gtol";
    } catch (const std::exception& e) {
      f = ctx.best;
      note = e.what();
    }
    return outcome{f, 0, ctx.c.calls, 0, note};
  });
}
#endif

#ifdef KOBAI_HAVE_CERES
class ceres_function : public ceres::FirstOrderFunction {
 public:
  explicit ceres_function(counted* c) : c_(c) {}
  bool Evaluate(const double* x, double* cost, double* gradient) const override {
    *cost = (*c_)(x, gradient);
    return std::isfinite(*cost);
  }
  int NumParameters() const override { return static_cast<int>(c_->t->dimension()); }

 private:
  counted* c_;
};
outcome run_ceres(const kobai::tape& t, const Eigen::VectorXd& x0) {
  return timed([&] {
    counted c{&t};
    ceres::GradientProblem problem(new ceres_function(&c));
    ceres::GradientProblemSolver::Options o;
    o.line_search_direction_type = ceres::LBFGS;
    o.max_lbfgs_rank = 10;
    o.max_num_iterations = max_iterations;
    o.gradient_tolerance = gtol;
    o.function_tolerance = 1e-300;
    o.parameter_tolerance = 1e-300;
    o.logging_type = ceres::SILENT;
    ceres::GradientProblemSolver::Summary s;
    Eigen::VectorXd x = x0;
    ceres::Solve(o, problem, x.data(), &s);
    return outcome{s.final_cost, s.iterations.empty() ? 0 : s.iterations.size() - 1, c.calls, 0,
                   ceres::TerminationTypeToString(s.termination_type)};
  });
}
#endif

}  // namespace

int main(int argc, char** argv) {
  std::string problems_file;
  // --scale S starts every problem from S·x₀, MGH's protocol for 10x₀ and 100x₀ (Moré, Garbow
  // and Hillstrom 1981, §3); "solved" still means the published minima of the standard start.
  double scale = 1;
  for (int i = 1; i + 1 < argc; ++i) {
    if (std::string(argv[i]) == "--problems") problems_file = argv[i + 1];
    if (std::string(argv[i]) == "--scale") scale = std::stod(argv[i + 1]);
    if (std::string(argv[i]) == "--gtol") gtol = std::stod(argv[i + 1]);
  }

  std::vector<std::pair<std::string, kobai::method_options>> methods;
  for (const char* name : {"lbfgs", "bfgs", "cg", "newton", "newton-ls", "gd-ls"}) {
    try {
      methods.emplace_back(std::string("kobai ") + name, kobai::method_from_name(name));
    } catch (const kobai::error&) {
      // a method this build does not have yet is left out of the table
    }
  }
  // Newton again with the tape's exact Hessian (the rows above difference the gradient: n
  // value+gradient evaluations per Hessian, counted with the others).
  std::vector<std::pair<std::string, kobai::method_options>> hessian_methods;
  for (const char* name : {"newton", "newton-ls"})
    hessian_methods.emplace_back(std::string("kobai ") + name + " (exact Hessian)",
                                 kobai::method_from_name(name));
  std::vector<std::string> solvers;
  for (const auto& m : methods) solvers.push_back(m.first);
  for (const auto& m : hessian_methods) solvers.push_back(m.first);
#ifdef KOBAI_HAVE_LIBLBFGS
  solvers.push_back("liblbfgs");
#endif
#ifdef KOBAI_HAVE_LBFGSPP
  solvers.push_back("LBFGS++ (Armijo)");
  solvers.push_back("LBFGS++ (strong Wolfe)");
#endif
#ifdef KOBAI_HAVE_NLOPT
  solvers.push_back("NLopt LD_LBFGS");
#endif
#ifdef KOBAI_HAVE_CERES
  solvers.push_back("Ceres LBFGS");
#endif

  struct total {
    int solved = 0;
    std::size_t evaluations = 0;
    double seconds = 0;
    int mgh_solved = 0;  // the same over the 35 MGH problems only
    std::size_t mgh_evaluations = 0;
    std::size_t hessians = 0;
  };
  std::map<std::string, total> totals;
  nlohmann::json exported = nlohmann::json::array();

  std::printf("| problem | n |");
  for (const auto& s : solvers) std::printf(" %s |", s.c_str());
  std::printf("\n| --- | --- |");
  for (std::size_t i = 0; i < solvers.size(); ++i) std::printf(" --- |");
  std::printf("\n");
  for (const kobai::problems::problem& p : kobai::problems::all()) {
    const kobai::tape t = kobai::compile(kobai::parse(p.formula).root(), p.variables());
    const Eigen::VectorXd start = scale * p.start;
    nlohmann::json minima = nlohmann::json::array();
    for (const auto& m : p.minima) minima.push_back(m.f);
    exported.push_back({{"name", p.name},
                        {"mgh", p.mgh},
                        {"formula", p.formula},
                        {"variables", p.variables()},
                        {"start", std::vector<double>(start.data(), start.data() + start.size())},
                        {"minima", minima}});
    std::vector<outcome> row;
    for (const auto& m : methods) row.push_back(run_kobai(t, start, m.second));
    for (const auto& m : hessian_methods) row.push_back(run_kobai_hessian(t, start, m.second));
#ifdef KOBAI_HAVE_LIBLBFGS
    row.push_back(run_liblbfgs(t, start));
#endif
#ifdef KOBAI_HAVE_LBFGSPP
    row.push_back(run_lbfgspp(t, start, LBFGSpp::LBFGS_LINESEARCH_BACKTRACKING_ARMIJO));
    row.push_back(run_lbfgspp(t, start, LBFGSpp::LBFGS_LINESEARCH_BACKTRACKING_STRONG_WOLFE));
#endif
#ifdef KOBAI_HAVE_NLOPT
    row.push_back(run_nlopt(t, start));
#endif
#ifdef KOBAI_HAVE_CERES
    row.push_back(run_ceres(t, start));
#endif
    std::printf("| %s | %zu |", p.name.c_str(), p.n);
    for (std::size_t i = 0; i < row.size(); ++i) {
      const outcome& o = row[i];
      const bool ok = solved(p, o.f);
      total& tt = totals[solvers[i]];
      tt.solved += ok;
      tt.evaluations += o.evaluations;
      tt.hessians += o.hessians;
      tt.seconds += o.seconds;
      if (p.mgh != 0) {
        tt.mgh_solved += ok;
        tt.mgh_evaluations += o.evaluations;
      }
      if (o.hessians > 0)
        std::printf(" %s %zu ev + %zu H, %.2f ms |", ok ? "✓" : "✗", o.evaluations, o.hessians,
                    o.seconds * 1e3);
      else
        std::printf(" %s %zu ev, %.2f ms |", ok ? "✓" : "✗", o.evaluations, o.seconds * 1e3);
    }
    std::printf("\n");
    std::fflush(stdout);
  }
  std::printf(
      "\n| solver | solved | value+gradient evaluations | MGH solved | MGH evaluations | "
      "Hessians | time |\n| --- | --- | --- | --- | --- | --- | --- |\n");
  std::size_t mgh_count = 0;
  for (const kobai::problems::problem& p : kobai::problems::all()) mgh_count += p.mgh != 0;
  for (const auto& s : solvers) {
    const total& tt = totals[s];
    std::printf("| %s | %d / %zu | %zu | %d / %zu | %zu | %zu | %.1f ms |\n", s.c_str(), tt.solved,
                kobai::problems::all().size(), tt.evaluations, tt.mgh_solved, mgh_count,
                tt.mgh_evaluations, tt.hessians, tt.seconds * 1e3);
  }
  if (!problems_file.empty()) std::ofstream(problems_file) << exported.dump(1) << "\n";
  return 0;
}
