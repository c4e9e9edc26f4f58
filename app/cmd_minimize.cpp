// kobai minimize EXPR --from POINT [--method M] [--rate η] [--iters N] [method flags]
//   [--gtol --ftol --xtol --time-limit] [--format table|csv|json] [--digits N] [--trace FILE]
//   [--explain [K]] [--keep-going] [--starts N --box x=a:b,y=c:d --seed S] [--gradient G]
//   [--schedule KIND[:k=v,...]] [--plot FILE [--plot-kind K] [drawing options]]
#include <fmt/format.h>

#include <algorithm>
#include <cmath>
#include <fstream>
#include <limits>
#include <optional>
#include <ostream>

#include "cli.hpp"
#include "kobai/diff/symbolic.hpp"
#include "kobai/error.hpp"
#include "kobai/expr/print.hpp"
#include "kobai/optim/multistart.hpp"
#include "kobai/optim/native_objective.hpp"
#include "kobai/problems/problems.hpp"
#include "kobai/report/report.hpp"
#include "messages.hpp"
#include "messages_minimize.hpp"
#include "messages_problems.hpp"
#include "method_text.hpp"
#include "plot_options.hpp"
#include "point.hpp"
#include "problem_options.hpp"

namespace kobai::cli {
namespace {

namespace msg = minimize_messages;

struct minimize_cli {
  std::string formula, from, method = "gd", variant_name, format = "table", trace_file;
  std::string gradient = "exact", box, vars, explain, schedule, cg_variant, line_search;
  std::string bounds, problem, globalization, settings;
  problem_size size;  // --n and --m of --problem
  double rate = 0, mu = 0, beta1 = 0, beta2 = 0, eps = 0, rho = 0, weight_decay = 0;
  double gtol = 0, ftol = 0, xtol = 0, time_limit = 0;
  std::size_t iters = 100, starts = 0, memory = 10;
  std::uint64_t seed = 0;
  int digits = 10;
  bool keep_going = false;
  bool native = false;
  // which options were given
  CLI::Option *rate_o = nullptr, *mu_o = nullptr, *beta1_o = nullptr, *beta2_o = nullptr,
              *eps_o = nullptr, *rho_o = nullptr, *wd_o = nullptr, *gtol_o = nullptr,
              *ftol_o = nullptr, *xtol_o = nullptr, *time_o = nullptr, *explain_o = nullptr,
              *from_o = nullptr, *iters_o = nullptr, *memory_o = nullptr, *cg_o = nullptr,
              *ls_o = nullptr, *variant_o = nullptr, *starts_o = nullptr, *glob_o = nullptr,
              *plot_o = nullptr;
  plot_hook plot;  // draws when --plot was given
};

bool given(const CLI::Option* o) {
  return o != nullptr && o->count() > 0;
}

// "step:gamma=0.5,step_size=10" → schedule; each kind takes only its own parameters.
schedule parse_schedule(const std::string& text) {
  schedule s;
  const auto colon = text.find(':');
  const std::string kind = text.substr(0, colon);
  if (kind == "constant")
    s.type = schedule::kind::constant;
  else if (kind == "step")
    s.type = schedule::kind::step;
  else if (kind == "exponential")
    s.type = schedule::kind::exponential;
  else if (kind == "inverse-time")
    s.type = schedule::kind::inverse_time;
  else if (kind == "cosine")
    s.type = schedule::kind::cosine;
  else
    throw usage_error(msg::unknown_schedule(kind));
  if (colon == std::string::npos) return s;
  for (const std::string& part : split_top_level(text.substr(colon + 1))) {
    const auto eq = part.find('=');
    if (eq == std::string::npos) throw usage_error(msg::bad_schedule_part(part, kind));
    const std::string key = part.substr(0, eq);
    const std::string value = part.substr(eq + 1);
    double v = 0;
    try {
      std::size_t used = 0;
      v = std::stod(value, &used);
      if (used != value.size()) throw std::invalid_argument(value);
    } catch (const std::logic_error&) {
      throw usage_error(msg::bad_schedule_part(part, kind));
    }
    const auto count = [&] {
      if (!(v >= 0) || v != std::floor(v) || v > 1e15)
        throw usage_error(msg::bad_schedule_part(part, kind));
      return static_cast<std::size_t>(v);
    };
    using k = schedule::kind;
    if (key == "gamma" && (s.type == k::step || s.type == k::exponential))
      s.gamma = v;
    else if (key == "step_size" && s.type == k::step)
      s.step_size = count();
    else if (key == "decay" && s.type == k::inverse_time)
      s.decay = v;
    else if (key == "period" && s.type == k::cosine)
      s.period = count();
    else if (key == "rate_min" && s.type == k::cosine)
      s.rate_min = v;
    else
      throw usage_error(msg::bad_schedule_part(part, kind));
  }
  return s;
}

// The method's options with the flags applied; a flag the method has no use for is an error.
method_options build_method(const minimize_cli& c) {
  method_options m = method_from_name(c.method);
  // Messages name the method as the user wrote it (newton-ls, l-bfgs), not its canonical name.
  const std::string_view name = c.method;
  std::optional<variant> v;
  if (!c.variant_name.empty()) {
    if (c.variant_name == "book")
      v = variant::book;
    else if (c.variant_name == "standard")
      v = variant::standard;
    else
      throw usage_error(msg::unknown_variant(c.variant_name));
  }
  if (v == variant::book && given(c.eps_o)) throw usage_error(msg::eps_fixed_by_book());
  std::visit(
      [&](auto& o) {
        using T = std::decay_t<decltype(o)>;
        const auto refuse = [&](const CLI::Option* opt, std::string_view flag) {
          if (given(opt)) throw usage_error(msg::option_not_for_method(flag, name));
        };
        if constexpr (requires { o.rate; }) {
          if (given(c.rate_o)) o.rate = c.rate;
          if (v) o.variant = *v;
          if (!c.schedule.empty()) o.schedule = parse_schedule(c.schedule);
          // The cosine schedule anneals from the rate down to rate_min; a floor above the rate
          // would turn it into a schedule that raises the rate.
          if (o.schedule.type == schedule::kind::cosine && o.schedule.rate_min > o.rate)
            throw usage_error(msg::rate_min_above_rate(o.schedule.rate_min, o.rate));
        } else {
          refuse(c.rate_o, "--rate");
          refuse(c.variant_o, "--variant");
          if (!c.schedule.empty())
            throw usage_error(msg::option_not_for_method("--schedule", name));
        }
        if constexpr (requires { o.line_search; }) {
          if (given(c.ls_o)) o.line_search = line_search_from_name(c.line_search);
        } else {
          refuse(c.ls_o, "--line-search");
        }
        if constexpr (std::is_same_v<T, newton>) {
          // --line-search alone asks for newton's line search; newton-tr and newton-ls name
          // the globalization themselves, so --globalization may repeat theirs, not change it.
          if (given(c.glob_o)) {
            const globalization g = globalization_from_name(c.globalization);
            if (c.method != "newton" && g != o.globalization)
              throw usage_error(msg::globalization_contradicts_method(c.globalization, name));
            o.globalization = g;
          } else if (given(c.ls_o) && c.method == "newton") {
            o.globalization = globalization::line_search;
          }
          if (given(c.ls_o) && o.globalization == globalization::trust_region)
            throw usage_error(given(c.glob_o)
                                  ? msg::line_search_not_with_trust_region(c.globalization)
                                  : msg::option_not_for_method("--line-search", name));
        } else {
          refuse(c.glob_o, "--globalization");
        }
        if constexpr (requires { o.memory; }) {
          if (given(c.memory_o)) o.memory = c.memory;
        } else {
          refuse(c.memory_o, "--memory");
        }
        if constexpr (requires { o.beta; }) {
          if (given(c.cg_o)) o.beta = cg_beta_from_name(c.cg_variant);
        } else {
          refuse(c.cg_o, "--cg-variant");
        }
        if constexpr (requires { o.mu; }) {
          if (given(c.mu_o)) o.mu = c.mu;
        } else {
          refuse(c.mu_o, "--momentum");
        }
        if constexpr (requires { o.beta1; }) {
          if (given(c.beta1_o)) o.beta1 = c.beta1;
          if (given(c.beta2_o)) o.beta2 = c.beta2;
        } else {
          refuse(c.beta1_o, "--beta1");
          refuse(c.beta2_o, "--beta2");
        }
        if constexpr (requires { o.eps; }) {
          if (given(c.eps_o)) o.eps = c.eps;
        } else {
          refuse(c.eps_o, "--eps");
        }
        if constexpr (requires { o.rho; }) {
          if (given(c.rho_o)) o.rho = c.rho;
        } else {
          refuse(c.rho_o, "--rho");
        }
        if constexpr (std::is_same_v<T, adamw>) {
          if (given(c.wd_o)) o.weight_decay = c.weight_decay;
        } else {
          refuse(c.wd_o, "--weight-decay");
        }
      },
      m);
  // --set key=value,…: the constants without flags of their own, by the names JSON's options
  // report (ls.c2, restart, max_radius), after the flags, so that --line-search may come later.
  if (!c.settings.empty()) {
    for (const std::string& part : split_top_level(c.settings)) {
      const auto eq = part.find('=');
      if (eq == std::string::npos || eq == 0) throw usage_error(msg::bad_setting(part));
      const std::string key = part.substr(0, eq);
      set_method_option(m, key, part.substr(eq + 1), std::string(name));
      // A constant of the globalization the run does not use would be silently ignored.
      if (const auto* n = std::get_if<newton>(&m)) {
        const bool trust_region = n->globalization == globalization::trust_region;
        const bool radius = key == "initial_radius" || key == "max_radius" || key == "eta";
        if (trust_region ? key.starts_with("ls.") : radius)
          throw usage_error(msg::setting_not_for_globalization(key, name));
      }
    }
  }
  validate(m);
  return m;
}

minimize_options build_options(const minimize_cli& c, const method_options& m,
                               std::vector<std::string> vars) {
  minimize_options o = default_options(m);
  if (given(c.iters_o)) o.max_iterations = c.iters;
  if (given(c.gtol_o)) o.gtol = c.gtol;
  if (given(c.ftol_o)) o.ftol = c.ftol;
  if (given(c.xtol_o)) o.xtol = c.xtol;
  if (given(c.time_o)) o.time_limit = c.time_limit;
  o.keep_going = c.keep_going;
  o.record_trace = true;
  o.variables = std::move(vars);
  o.formula = c.formula;
  validate(o);
  return o;
}

// "central:h=1e-4" → 1e-4; "exact" → nothing.
std::optional<double> difference_step(const std::string& g) {
  if (g == "exact") return std::nullopt;
  if (g == "central") return 1e-4;
  const std::string prefix = "central:h=";
  if (g.rfind(prefix, 0) == 0) {
    try {
      std::size_t used = 0;
      const std::string rest = g.substr(prefix.size());
      const double h = std::stod(rest, &used);
      if (used == rest.size() && h > 0 && std::isfinite(h)) return h;
    } catch (const std::exception&) {
    }
  }
  throw usage_error(msg::bad_gradient(g));
}

// A side of --bounds or --box: a number, or inf, +inf, -inf.
double bound_value(const std::string& t, const std::string& name) {
  const double inf = std::numeric_limits<double>::infinity();
  if (t == "inf" || t == "+inf") return inf;
  if (t == "-inf") return -inf;
  return parse_point(t, {name})[0];
}

// An infinite side is read here as --bounds reads it, so that multistart refuses it with the
// reason (the box needs both sides finite) rather than as a word that is not a number.
box parse_box(const std::string& text, const std::vector<std::string>& vars) {
  box b{Eigen::VectorXd::Constant(static_cast<Eigen::Index>(vars.size()), std::nan("")),
        Eigen::VectorXd::Constant(static_cast<Eigen::Index>(vars.size()), std::nan(""))};
  for (const std::string& part : split_top_level(text)) {
    const auto eq = part.find('=');
    const auto colon = part.find(':', eq == std::string::npos ? 0 : eq);
    if (eq == std::string::npos || colon == std::string::npos)
      throw usage_error(msg::bad_box_part(part));
    const std::string name = part.substr(0, eq);
    const auto it = std::find(vars.begin(), vars.end(), name);
    if (it == vars.end()) throw usage_error(messages::point_unknown(name, join(vars)));
    const auto i = static_cast<Eigen::Index>(it - vars.begin());
    b.lower[i] = bound_value(part.substr(eq + 1, colon - eq - 1), name);
    b.upper[i] = bound_value(part.substr(colon + 1), name);
  }
  for (std::size_t i = 0; i < vars.size(); ++i)
    if (std::isnan(b.lower[static_cast<Eigen::Index>(i)]))
      throw usage_error(msg::box_missing(vars[i]));
  return b;
}

// "x=0:inf,y=-1:1" → bounds; a side left empty, a lower -inf or an upper inf is open, an unnamed
// variable free. A lower inf or an upper -inf leaves no number and is refused, not read as open.
bounds parse_bounds(const std::string& text, const std::vector<std::string>& vars) {
  const auto n = static_cast<Eigen::Index>(vars.size());
  const double inf = std::numeric_limits<double>::infinity();
  bounds b{Eigen::VectorXd::Constant(n, -inf), Eigen::VectorXd::Constant(n, inf)};
  const auto side = [&](const std::string& t, const std::string& name, double open) {
    return t.empty() ? open : bound_value(t, name);
  };
  std::vector<bool> seen(vars.size(), false);
  for (const std::string& part : split_top_level(text)) {
    const auto eq = part.find('=');
    const auto colon = part.find(':', eq == std::string::npos ? 0 : eq);
    if (eq == std::string::npos || colon == std::string::npos)
      throw usage_error(msg::bad_bounds_part(part));
    const std::string name = part.substr(0, eq);
    const auto it = std::find(vars.begin(), vars.end(), name);
    if (it == vars.end()) throw usage_error(messages::point_unknown(name, join(vars)));
    const auto i = static_cast<Eigen::Index>(it - vars.begin());
    // As --at and --from refuse a variable given twice, rather than keep the last.
    if (seen[static_cast<std::size_t>(i)]) throw usage_error(messages::point_repeated(name));
    seen[static_cast<std::size_t>(i)] = true;
    b.lower[i] = side(part.substr(eq + 1, colon - eq - 1), name, -inf);
    b.upper[i] = side(part.substr(colon + 1), name, inf);
    if (b.lower[i] == inf) throw usage_error(msg::bound_excludes_every_number(name, "lower"));
    if (b.upper[i] == -inf) throw usage_error(msg::bound_excludes_every_number(name, "upper"));
  }
  return b;
}

void check_in_box(const std::vector<double>& start, const box& b,
                  const std::vector<std::string>& vars) {
  for (std::size_t i = 0; i < vars.size(); ++i) {
    const auto e = static_cast<Eigen::Index>(i);
    if (!(b.lower[e] <= start[i] && start[i] <= b.upper[e]))
      throw usage_error(msg::from_outside_box(
          vars[i], format_number(start[i]), format_number(b.lower[e]), format_number(b.upper[e])));
  }
}

std::string point_text(const Eigen::VectorXd& x, int digits) {
  std::string s;
  for (Eigen::Index i = 0; i < x.size(); ++i)
    s += fmt::format("{}{:.{}g}", i ? ", " : "", x[i], digits);
  return s;
}

// How many runs ended with each status, in the order of the status enum.
std::vector<std::pair<std::string, std::size_t>> status_counts(const multistart_result& m) {
  std::vector<std::pair<std::string, std::size_t>> counts;
  for (const result& r : m.runs) {
    const std::string name(to_string(r.status));
    const auto it =
        std::find_if(counts.begin(), counts.end(), [&](const auto& c) { return c.first == name; });
    if (it == counts.end())
      counts.emplace_back(name, 1);
    else
      ++it->second;
  }
  std::sort(counts.begin(), counts.end(), [](const auto& a, const auto& b) {
    return *status_from_string(a.first) < *status_from_string(b.first);
  });
  return counts;
}

void print_multistart(const multistart_result& m, const std::vector<std::string>& vars,
                      const minimize_cli& c, std::ostream& out) {
  if (c.format == "json") {
    out << "{\"minima\":[";
    for (std::size_t i = 0; i < m.minima.size(); ++i) {
      out << (i ? "," : "") << "{\"x\":{";
      for (std::size_t j = 0; j < vars.size(); ++j)
        out << (j ? "," : "") << '"' << vars[j]
            << "\":" << format_number(m.minima[i].x[static_cast<Eigen::Index>(j)]);
      out << "},\"f\":" << format_number(m.minima[i].f) << ",\"starts\":" << m.minima[i].starts
          << "}";
    }
    out << "],\"starts\":" << m.starts.size() << ",\"not_converged\":" << m.not_converged
        << ",\"failed\":" << m.failed << ",\"undefined_starts\":" << m.undefined_starts
        << ",\"statuses\":{";
    bool first = true;
    for (const auto& [name, count] : status_counts(m)) {
      out << (first ? "" : ",") << '"' << name << "\":" << count;
      first = false;
    }
    out << "}}\n";
    return;
  }
  std::string header = "#";
  for (const auto& v : vars) header += fmt::format("  {:>14}", v);
  out << header << fmt::format("  {:>14}  {}\n", "f", msg::minimum_row_header());
  for (std::size_t i = 0; i < m.minima.size(); ++i) {
    out << (i + 1);
    for (Eigen::Index j = 0; j < m.minima[i].x.size(); ++j)
      out << fmt::format("  {:>14.{}g}", m.minima[i].x[j], c.digits);
    out << fmt::format("  {:>14.{}g}  {}\n", m.minima[i].f, c.digits, m.minima[i].starts);
  }
  out << msg::multistart_summary(m.minima.size(), m.starts.size());
  if (m.not_converged > 0) {
    std::vector<std::pair<std::string, std::size_t>> others;
    for (const auto& [name, count] : status_counts(m))
      if (!converged(*status_from_string(name))) others.emplace_back(name, count);
    out << msg::not_converged_line(m.not_converged, m.starts.size(), others);
  }
  if (m.undefined_starts > 0)
    out << msg::undefined_starts_line(m.undefined_starts, m.starts.size());
  if (!m.minima.empty())
    out << msg::best_line(point_text(m.minima[0].x, c.digits),
                          fmt::format("{:.{}g}", m.minima[0].f, c.digits));
}

void run_minimize(const minimize_cli& c, streams io) {
  if (c.format != "table" && c.format != "csv" && c.format != "json")
    throw usage_error(msg::unknown_format(c.format));
  if (c.digits < 1 || c.digits > 17) throw usage_error(msg::digits_range(c.digits));
  std::size_t explain_steps = 0;
  if (given(c.explain_o)) {
    explain_steps = 3;
    if (!c.explain.empty()) {
      try {
        std::size_t used = 0;
        const long k = std::stol(c.explain, &used);
        if (used != c.explain.size() || k < 1) throw usage_error(msg::bad_explain(c.explain));
        explain_steps = static_cast<std::size_t>(k);
      } catch (const std::logic_error&) {
        throw usage_error(msg::bad_explain(c.explain));
      }
    }
    // The explanation is prose for a reader; a program reading JSON or CSV would choke on it, and
    // printing the prose elsewhere would leave a reader without the arithmetic asked for.
    if (c.format != "table") throw usage_error(msg::explain_not_with_format(c.format));
  }
  std::optional<problems::problem> problem;
  if (!c.problem.empty()) {
    if (!c.formula.empty()) throw usage_error(msg::formula_and_problem());
    problem = choose_problem(c.problem, c.size);
  } else if (c.size.given()) {
    throw usage_error(messages::problem_dimension_needs_name());
  } else if (c.formula.empty()) {
    throw usage_error(msg::need_formula());
  }
  const std::string text = problem ? problem->formula : c.formula;
  const formula f = parse(text);
  // A problem's variables are x1..xn in order even where its formula skips one (MGH 34).
  const std::vector<std::string> vars =
      problem ? problem->variables() : variable_order(f.variables(), c.vars);
  const method_options method = build_method(c);
  minimize_options options = build_options(c, method, vars);
  c.plot.check(vars);
  options.formula = text;
  if (!c.bounds.empty()) {
    options.bounds = parse_bounds(c.bounds, vars);
    detail::check_bounds(options.bounds, static_cast<Eigen::Index>(vars.size()), vars);
  }
  const std::optional<double> h = difference_step(c.gradient);
  if (c.iters > 10'000'000 && !given(c.time_o)) io.err << msg::many_iterations(c.iters);
  tape_objective exact(compile(f.root(), vars));
  // --native: the same values and gradients from generated machine code, when a compiler runs.
  std::optional<native_objective> fast;
  if (c.native) {
    if (h) throw usage_error(msg::native_needs_exact_gradient());
    native_objective_result n = make_native_objective(f.root(), vars);
    if (n.objective)
      fast = std::move(n.objective);
    else
      io.err << msg::native_unavailable(n.reason);
  }

  if (given(c.starts_o)) {
    if (c.starts == 0) throw usage_error(msg::starts_zero());
    // Each of these shows one run; refused rather than silently left out of a multistart.
    if (c.format == "csv") throw usage_error(msg::not_with_starts("--format csv"));
    if (!c.trace_file.empty()) throw usage_error(msg::not_with_starts("--trace"));
    if (given(c.plot_o)) throw usage_error(msg::not_with_starts("--plot"));
    if (explain_steps > 0) throw usage_error(msg::not_with_starts("--explain"));
    if (c.box.empty()) throw usage_error(msg::need_box());
    const box b = parse_box(c.box, vars);
    multistart_options ms{.starts = c.starts, .seed = c.seed};
    // --from with --starts: the learner's own point is the first start, the rest are drawn.
    if (given(c.from_o)) {
      const std::vector<double> from = parse_point(c.from, vars);
      check_in_box(from, b, vars);
      ms.first = Eigen::Map<const Eigen::VectorXd>(from.data(), std::ssize(from));
    }
    minimize_options quiet = options;
    quiet.record_trace = false;
    const multistart_result m =
        h ? [&] {
          central_difference numeric(exact, *h);
          return multistart(numeric, b, method, quiet, ms);
        }()
        : fast ? multistart(*fast, b, method, quiet, ms)
               : multistart(exact, b, method, quiet, ms);
    print_multistart(m, vars, c, io.out);
    // As a single run that is not finite ends with exit code 3, so do starts that all were.
    if (std::all_of(m.runs.begin(), m.runs.end(),
                    [](const result& r) { return r.diagnosis.non_finite; }))
      throw numerical_error(msg::all_starts_failed(m.starts.size()));
    return;
  }

  if (!given(c.from_o) && !problem) throw usage_error(msg::need_from());
  const std::vector<double> start =
      given(c.from_o) ? parse_point(c.from, vars)
                      : std::vector<double>(problem->start.data(),
                                            problem->start.data() + problem->start.size());
  // --box draws the random starts of --starts; alone it would do nothing, and it reads like bounds.
  if (!c.box.empty()) throw usage_error(msg::box_without_starts());
  // Evaluating by the formula first names the operation and column of a domain error (exit 3).
  // Under --bounds the run starts from the start projected onto them (and says so in a note), so
  // that is the point checked: log(x) from x = -1 with x in [1, 2] starts at x = 1.
  assignment at;
  Eigen::VectorXd checked(static_cast<Eigen::Index>(vars.size()));
  for (std::size_t i = 0; i < vars.size(); ++i) {
    const auto e = static_cast<Eigen::Index>(i);
    checked[e] = options.bounds.empty()
                     ? start[i]
                     : std::clamp(start[i], options.bounds.lower[e], options.bounds.upper[e]);
    at[vars[i]] = checked[e];
  }
  // A run that cannot start ends with exit code 3 as a diverged one does; under --format json it
  // too leaves an object on stdout, so a program reads every exit-3 run the same way.
  const auto start_failed = [&](const std::string& message) {
    if (c.format == "json")
      io.out << format_json_error({.formula = text}, method_name(method), vars, checked, message);
    return numerical_error(message);
  };
  // "x = 1, y = -3": a point named in a message.
  const auto named_point = [&](const Eigen::VectorXd& x) {
    std::vector<std::string> named;
    for (std::size_t i = 0; i < vars.size(); ++i)
      named.push_back(msg::named_value(vars[i], format_number(x[static_cast<Eigen::Index>(i)])));
    return join(named);
  };
  const Eigen::VectorXd given_start =
      Eigen::Map<const Eigen::VectorXd>(start.data(), static_cast<Eigen::Index>(start.size()));
  // A start the bounds moved is named as given too: the point in the message is not the one typed.
  const auto at_start = [&](std::string_view what) {
    if (checked == given_start) return msg::undefined_at_start(named_point(checked), what);
    return msg::undefined_at_projected_start(named_point(checked), named_point(given_start), what);
  };
  try {
    f.evaluate(at);
  } catch (const numerical_error& e) {
    throw start_failed(at_start(e.what()));
  }
  // f is finite there; a partial derivative may not be (√x at 0), and the run could not take a
  // first step: name it. The simplified symbolic partial gives its value where the tape's
  // product rule meets 0·∞ and says NaN (x·√x at 0, whose derivative 1.5·√x is 0 there).
  if (!h) {
    Eigen::VectorXd g(checked.size());
    exact.value_and_gradient(checked, g);
    for (std::size_t i = 0; i < vars.size(); ++i) {
      const double gi = g[static_cast<Eigen::Index>(i)];
      if (std::isfinite(gi)) continue;
      const double limit = std::isnan(gi)
                               ? compile(derivative(f.root(), vars[i]), vars)
                                     .value(std::span<const double>(checked.data(), vars.size()))
                               : gi;
      if (!std::isfinite(limit))
        throw start_failed(
            at_start(msg::partial_not_finite_at_start(vars[i], format_number(limit))));
    }
  }
  const Eigen::VectorXd& x0 = given_start;

  // The formula's value was finite at the start; its gradient may not be (sqrt(x^2 + y^2) at 0),
  // and minimize says so naming the point.
  const result r = [&] {
    try {
      if (h) {
        central_difference numeric(exact, *h);
        return minimize(numeric, x0, method, options);
      }
      return fast ? minimize(*fast, x0, method, options) : minimize(exact, x0, method, options);
    } catch (const numerical_error& e) {
      throw start_failed(e.what());
    } catch (const usage_error& e) {
      // Refused by the library before it ran (a dense method too large for memory): under
      // --format json a program reads that from stdout too, as it does a start that failed.
      if (c.format == "json")
        io.out << format_json_error({.formula = text}, method_name(method), vars, checked,
                                    e.what());
      throw;
    }
  }();

  if (!c.trace_file.empty()) {
    std::ofstream file(c.trace_file, std::ios::binary);
    file << format_trace_jsonl(r);
    if (!file) throw usage_error(msg::cannot_write(c.trace_file));
  }
  // A result that is not a finite number ends with exit code 3 after the output is printed.
  // A step that left f's domain (log of a negative number) is named by the reference walk at the
  // point it reached, as a start outside the domain is.
  const auto check_finite = [&] {
    if (!r.diagnosis.non_finite) return;
    if (r.x.allFinite() && r.x.size() == static_cast<Eigen::Index>(vars.size())) {
      assignment reached;
      for (std::size_t i = 0; i < vars.size(); ++i)
        reached[vars[i]] = r.x[static_cast<Eigen::Index>(i)];
      try {
        f.evaluate(reached);
      } catch (const numerical_error& e) {
        throw numerical_error(r.message + msg::left_domain(named_point(r.x), e.what()));
      }
    }
    throw numerical_error(r.message);
  };
  // Which of the problem's listed minima the run ended at: a local one is named as such, so that
  // f − f* = 27 on Goldstein–Price is not read as a failure to converge. The minima are the
  // unbounded problem's; under --bounds one outside the box is not claimed.
  const problems::minimum* reached =
      problem ? problems::reached_minimum(*problem, r.x, r.f, options.bounds.lower,
                                          options.bounds.upper)
              : nullptr;
  // Its minimizer, when the run is near it (in the run's order for Chebyquad's): a value reached
  // on a continuum of minimizers (Box 3-D's x1 = x2, x3 = 0) names no point.
  const Eigen::VectorXd reached_x = reached && problems::near_minimizer(*reached, r.x)
                                        ? problems::minimizer_like(*reached, r.x)
                                        : Eigen::VectorXd();
  const bool minimizers_outside =
      problem && !options.bounds.empty() &&
      problems::global_minimizers_outside(*problem, options.bounds.lower, options.bounds.upper);
  // A test problem's minimizer is marked on the picture: the one the run reached, else the first
  // published, unless the bounds exclude it.
  std::vector<double> known_minimum;
  if (reached_x.size() > 0) {
    known_minimum.assign(reached_x.data(), reached_x.data() + reached_x.size());
  } else if (problem && !minimizers_outside && !problem->minima.empty() &&
             problem->minima.front().x.size() == x0.size()) {
    const Eigen::VectorXd& m = problem->minima.front().x;
    known_minimum.assign(m.data(), m.data() + m.size());
  }
  if (explain_steps > 0) {
    explain_options eo{.steps = explain_steps, .digits = c.digits};
    try {
      for (const std::string& v : vars) eo.partials.push_back(to_string(derivative(f.root(), v)));
    } catch (const error&) {
      eo.partials.clear();  // a derivative too large to print: the arithmetic still shows
    }
    io.out << explain(r, method, eo);
    io.out << "\n" << r.summary() << "\n";
    for (const std::string& n : r.notes) io.out << n << "\n";
    c.plot.draw(f.root(), r.trace, known_minimum);
    check_finite();
    return;
  }
  if (c.format == "csv") {
    io.out << format_csv(r);
  } else if (c.format == "json") {
    json_context jc{.formula = text, .trace_file = c.trace_file};
    if (problem) {
      jc.problem = json_problem{.name = problem->name,
                                .f_star = problem->f_star(),
                                .minimizers_outside_bounds = minimizers_outside};
      if (reached) {
        jc.problem->reached = reached->global ? "global" : "local";
        jc.problem->reached_f = reached->f;
        jc.problem->reached_x = reached_x;
      }
    }
    io.out << format_json(r, jc);
  } else {
    io.out << format_table(r, {.digits = c.digits});
    // Some dimensions chosen with --n or --m have no published minimum (Chebyquad for n = 11).
    if (problem && std::isnan(problem->f_star())) {
      io.out << msg::problem_minimum_unknown(problem->title, problem->mgh, problem->n, problem->m);
    } else if (problem) {
      const double star = problem->f_star();
      const std::string star_text = fmt::format("{:.{}g}", star, c.digits);
      if (reached && !reached->global)
        io.out << msg::problem_local_minimum(
            problem->title, problem->mgh, star_text, fmt::format("{:.{}g}", reached->f, c.digits),
            point_text(reached_x, c.digits), fmt::format("{:.{}g}", r.f - reached->f, 3));
      else if (!reached && minimizers_outside)
        io.out << msg::problem_minimum_outside_bounds(problem->title, problem->mgh, star_text,
                                                      fmt::format("{:.{}g}", r.f - star, 3));
      else
        io.out << msg::problem_minimum(problem->title, problem->mgh, star_text,
                                       fmt::format("{:.{}g}", r.f - star, 3));
    }
  }
  // The picture shows a divergent run too (clipped, with a caption), so it comes before exit 3.
  c.plot.draw(f.root(), r.trace, known_minimum);
  check_finite();
}

}  // namespace

void add_minimize(CLI::App& app, streams io, std::function<void()>& action) {
  auto c = std::make_shared<minimize_cli>();
  CLI::App* cmd = app.add_subcommand("minimize", std::string(msg::description));
  cmd->add_option("expr", c->formula, std::string(msg::expr_help));
  cmd->add_option("--problem", c->problem, std::string(msg::problem_help));
  add_dimension_options(*cmd, c->size);
  cmd->add_option("--bounds", c->bounds, std::string(msg::bounds_help));
  c->from_o = cmd->add_option("--from", c->from, std::string(msg::from_help));
  cmd->add_option("--method", c->method, std::string(msg::method_help));
  c->rate_o = cmd->add_option("--rate", c->rate, std::string(msg::rate_help));
  c->iters_o =
      cmd->add_option("--iters", c->iters, std::string(msg::iters_help))->check(any_count());
  c->mu_o = cmd->add_option("--momentum", c->mu, std::string(msg::momentum_help));
  c->beta1_o = cmd->add_option("--beta1", c->beta1, std::string(msg::beta1_help));
  c->beta2_o = cmd->add_option("--beta2", c->beta2, std::string(msg::beta2_help));
  c->eps_o = cmd->add_option("--eps", c->eps, std::string(msg::eps_help));
  c->rho_o = cmd->add_option("--rho", c->rho, std::string(msg::rho_help));
  c->wd_o = cmd->add_option("--weight-decay", c->weight_decay, std::string(msg::weight_decay_help));
  c->variant_o = cmd->add_option("--variant", c->variant_name, std::string(msg::variant_help));
  c->memory_o = cmd->add_option("--memory", c->memory, std::string(msg::memory_help))
                    ->check(count_in(1, max_lbfgs_memory));
  c->cg_o = cmd->add_option("--cg-variant", c->cg_variant, std::string(msg::cg_variant_help));
  c->ls_o = cmd->add_option("--line-search", c->line_search, std::string(msg::line_search_help));
  cmd->add_option("--set", c->settings, std::string(msg::set_help));
  c->glob_o =
      cmd->add_option("--globalization", c->globalization, std::string(msg::globalization_help));
  c->gtol_o = cmd->add_option("--gtol", c->gtol, std::string(msg::gtol_help));
  c->ftol_o = cmd->add_option("--ftol", c->ftol, std::string(msg::ftol_help));
  c->xtol_o = cmd->add_option("--xtol", c->xtol, std::string(msg::xtol_help));
  c->time_o = cmd->add_option("--time-limit", c->time_limit, std::string(msg::time_limit_help));
  cmd->add_option("--format", c->format, std::string(msg::format_help));
  cmd->add_option("--digits", c->digits, std::string(msg::digits_help));
  cmd->add_option("--trace", c->trace_file, std::string(msg::trace_help));
  c->explain_o =
      cmd->add_option("--explain", c->explain, std::string(msg::explain_help))->expected(0, 1);
  cmd->add_flag("--keep-going", c->keep_going, std::string(msg::keep_going_help));
  c->starts_o =
      cmd->add_option("--starts", c->starts, std::string(msg::starts_help))->check(any_count());
  cmd->add_option("--box", c->box, std::string(msg::box_help));
  cmd->add_option("--seed", c->seed, std::string(msg::seed_help))->check(any_count());
  cmd->add_option("--gradient", c->gradient, std::string(msg::gradient_help));
  cmd->add_option("--vars", c->vars, std::string(msg::vars_help));
  cmd->add_flag("--native", c->native, std::string(msg::native_help));
  cmd->add_option("--schedule", c->schedule, std::string(msg::schedule_help));
  c->plot = add_plot_options(*cmd, io);
  c->plot_o = cmd->get_option("--plot");
  cmd->callback([c, io, &action] { action = [c, io] { run_minimize(*c, io); }; });
}

}  // namespace kobai::cli
