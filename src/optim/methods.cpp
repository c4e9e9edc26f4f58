#include "kobai/optim/methods.hpp"

#include <cmath>
#include <numbers>

#include "kobai/error.hpp"
#include "kobai/expr/print.hpp"
#include "messages.hpp"

namespace kobai {
namespace {

using optim_messages::requirement;

void require(bool ok, std::string_view field, optim_messages::requirement r, double got) {
  if (!ok) throw usage_error(optim_messages::out_of_range(field, r, got));
}
void positive(double v, std::string_view field) {
  require(v > 0 && std::isfinite(v), field, requirement::finite_positive, v);
}
void unit_interval(double v, std::string_view field) {
  require(v >= 0 && v < 1, field, requirement::unit_closed_open, v);
}

std::string number(double v) {
  return format_number(v);
}

using pairs = std::vector<std::pair<std::string, std::string>>;

void add_schedule(pairs& out, const schedule& s) {
  out.emplace_back("schedule", std::string(to_string(s.type)));
  switch (s.type) {
    case schedule::kind::constant:
      break;
    case schedule::kind::step:
      out.emplace_back("gamma", number(s.gamma));
      out.emplace_back("step_size", std::to_string(s.step_size));
      break;
    case schedule::kind::exponential:
      out.emplace_back("gamma", number(s.gamma));
      break;
    case schedule::kind::inverse_time:
      out.emplace_back("decay", number(s.decay));
      break;
    case schedule::kind::cosine:
      out.emplace_back("period", std::to_string(s.period));
      out.emplace_back("rate_min", number(s.rate_min));
      break;
  }
}

constexpr double book_eps = 1e-7;  // common/optimizer.py adds 1e-7 to the root

}  // namespace

void validate(const schedule& s) {
  if (s.type == schedule::kind::step || s.type == schedule::kind::exponential)
    require(s.gamma > 0 && s.gamma <= 1, "schedule.gamma", requirement::unit_open_closed, s.gamma);
  if (s.type == schedule::kind::step)
    require(s.step_size >= 1, "schedule.step_size", requirement::at_least_one,
            static_cast<double>(s.step_size));
  if (s.type == schedule::kind::inverse_time)
    require(s.decay >= 0 && std::isfinite(s.decay), "schedule.decay", requirement::not_negative,
            s.decay);
  if (s.type == schedule::kind::cosine)
    require(s.rate_min >= 0 && std::isfinite(s.rate_min), "schedule.rate_min",
            requirement::not_negative, s.rate_min);
}
void validate(const gd& o) {
  positive(o.rate, "gd.rate (--rate)");
  validate(o.schedule);
}
void validate(const momentum& o) {
  positive(o.rate, "momentum.rate (--rate)");
  unit_interval(o.mu, "momentum.mu (--momentum)");
  validate(o.schedule);
}
void validate(const nesterov& o) {
  positive(o.rate, "nesterov.rate (--rate)");
  unit_interval(o.mu, "nesterov.mu (--momentum)");
  validate(o.schedule);
}
void validate(const adagrad& o) {
  positive(o.rate, "adagrad.rate (--rate)");
  positive(o.eps, "adagrad.eps (--eps)");
  validate(o.schedule);
}
void validate(const rmsprop& o) {
  positive(o.rate, "rmsprop.rate (--rate)");
  unit_interval(o.rho, "rmsprop.rho (--rho)");
  positive(o.eps, "rmsprop.eps (--eps)");
  validate(o.schedule);
}
void validate(const adam& o) {
  positive(o.rate, "adam.rate (--rate)");
  unit_interval(o.beta1, "adam.beta1 (--beta1)");
  unit_interval(o.beta2, "adam.beta2 (--beta2)");
  positive(o.eps, "adam.eps (--eps)");
  validate(o.schedule);
}
void validate(const adamw& o) {
  positive(o.rate, "adamw.rate (--rate)");
  unit_interval(o.beta1, "adamw.beta1 (--beta1)");
  unit_interval(o.beta2, "adamw.beta2 (--beta2)");
  positive(o.eps, "adamw.eps (--eps)");
  require(o.weight_decay >= 0 && std::isfinite(o.weight_decay),
          "adamw.weight_decay (--weight-decay)", requirement::not_negative, o.weight_decay);
  if (o.variant == variant::book) throw usage_error(optim_messages::no_book_variant("adamw"));
  validate(o.schedule);
}
void validate(const gd_ls& o) {
  validate(o.line_search);
}
void validate(const cg& o) {
  validate(o.line_search);
}
void validate(const bfgs& o) {
  validate(o.line_search);
}
void validate(const lbfgs& o) {
  require(o.memory >= 1, "lbfgs.memory (--memory)", requirement::at_least_one,
          static_cast<double>(o.memory));
  validate(o.line_search);
}
void validate(const newton& o) {
  require(o.initial_radius >= 0 && std::isfinite(o.initial_radius), "newton.initial_radius",
          requirement::not_negative, o.initial_radius);
  positive(o.max_radius, "newton.max_radius");
  require(o.initial_radius <= o.max_radius, "newton.initial_radius",
          requirement::at_most_max_radius, o.initial_radius);
  require(o.eta >= 0 && o.eta < 0.25, "newton.eta", requirement::quarter_closed_open, o.eta);
  validate(o.line_search);
}
void validate(const method_options& m) {
  std::visit([](const auto& o) { validate(o); }, m);
}

std::string_view method_name(const method_options& m) noexcept {
  return method_names()[m.index()];
}

std::vector<std::string_view> method_names() {
  return {"gd",    "momentum", "nesterov", "adagrad", "rmsprop", "adam",
          "adamw", "gd-ls",    "cg",       "bfgs",    "lbfgs",   "newton"};
}

bool uses_line_search(const method_options& m) noexcept {
  return std::visit(
      [](const auto& o) {
        return requires {
          o.line_search;
        };
      },
      m);
}

method_options method_from_name(std::string_view name) {
  if (name == "gd") return gd{};
  if (name == "momentum") return momentum{};
  if (name == "nesterov") return nesterov{};
  if (name == "adagrad") return adagrad{};
  if (name == "rmsprop") return rmsprop{};
  if (name == "adam") return adam{};
  if (name == "adamw") return adamw{};
  if (name == "gd-ls" || name == "gd_ls") return gd_ls{};
  if (name == "cg") return cg{};
  if (name == "bfgs") return bfgs{};
  if (name == "lbfgs" || name == "l-bfgs") return lbfgs{};
  if (name == "newton" || name == "newton-tr") return newton{};
  if (name == "newton-ls") return newton{.globalization = globalization::line_search};
  std::string known;
  for (std::string_view n : method_names()) {
    known += (known.empty() ? "" : ", ") + std::string(n);
    // newton-ls is newton with the other globalization, but a name of its own to the user.
    if (n == "newton") known += ", newton-ls";
  }
  throw usage_error(optim_messages::unknown_method(name, known));
}

std::string_view to_string(variant v) noexcept {
  return v == variant::book ? "book" : "standard";
}

std::string_view to_string(cg_beta b) noexcept {
  switch (b) {
    case cg_beta::fletcher_reeves:
      return "fletcher-reeves";
    case cg_beta::polak_ribiere_plus:
      return "polak-ribiere+";
    case cg_beta::hager_zhang:
      return "hager-zhang";
  }
  return "polak-ribiere+";
}

std::string_view to_string(lbfgs_scaling s) noexcept {
  return s == lbfgs_scaling::standard ? "standard" : "adaptive";
}

lbfgs_scaling lbfgs_scaling_from_name(std::string_view name) {
  if (name == "standard") return lbfgs_scaling::standard;
  if (name == "adaptive") return lbfgs_scaling::adaptive;
  throw usage_error(optim_messages::unknown_lbfgs_scaling(name));
}

std::string_view to_string(globalization g) noexcept {
  return g == globalization::line_search ? "line-search" : "trust-region";
}

globalization globalization_from_name(std::string_view name) {
  if (name == "trust-region" || name == "tr") return globalization::trust_region;
  if (name == "line-search" || name == "ls") return globalization::line_search;
  throw usage_error(optim_messages::unknown_globalization(name));
}

cg_beta cg_beta_from_name(std::string_view name) {
  if (name == "fr" || name == "fletcher-reeves") return cg_beta::fletcher_reeves;
  if (name == "pr+" || name == "prp+" || name == "polak-ribiere+" || name == "polak-ribiere")
    return cg_beta::polak_ribiere_plus;
  if (name == "hz" || name == "hager-zhang") return cg_beta::hager_zhang;
  throw usage_error(optim_messages::unknown_cg_beta(name));
}

std::string_view line_search_name(const line_search_options& o) noexcept {
  switch (o.index()) {
    case 0:
      return "armijo";
    case 1:
      return "more-thuente";
    default:
      return "hager-zhang";
  }
}

line_search_options line_search_from_name(std::string_view name) {
  if (name == "armijo") return armijo{};
  if (name == "more-thuente" || name == "wolfe" || name == "strong-wolfe") return more_thuente{};
  if (name == "hager-zhang") return hager_zhang{};
  throw usage_error(optim_messages::unknown_line_search(name));
}

std::string_view to_string(schedule::kind k) noexcept {
  switch (k) {
    case schedule::kind::constant:
      return "constant";
    case schedule::kind::step:
      return "step";
    case schedule::kind::exponential:
      return "exponential";
    case schedule::kind::inverse_time:
      return "inverse_time";
    case schedule::kind::cosine:
      return "cosine";
  }
  return "constant";
}

namespace {

template <class T>
void describe_fixed_rate(pairs& out, const T& o) {
  const bool book = o.variant == variant::book;
  out.emplace_back("rate", number(o.rate));
  if constexpr (std::is_same_v<T, momentum> || std::is_same_v<T, nesterov>)
    out.emplace_back("momentum", number(o.mu));
  if constexpr (std::is_same_v<T, rmsprop>) out.emplace_back("rho", number(o.rho));
  if constexpr (std::is_same_v<T, adam> || std::is_same_v<T, adamw>) {
    out.emplace_back("beta1", number(o.beta1));
    out.emplace_back("beta2", number(o.beta2));
  }
  if constexpr (requires { o.eps; }) out.emplace_back("eps", number(book ? book_eps : o.eps));
  if constexpr (std::is_same_v<T, adamw>) out.emplace_back("weight_decay", number(o.weight_decay));
  out.emplace_back("variant", std::string(to_string(o.variant)));
  add_schedule(out, o.schedule);
}

// The line search and its constants, prefixed "ls.".
void describe_line_search(pairs& out, const line_search_options& ls) {
  out.emplace_back("line_search", std::string(line_search_name(ls)));
  std::visit(
      [&](const auto& o) {
        using T = std::decay_t<decltype(o)>;
        if constexpr (std::is_same_v<T, hager_zhang>) {
          out.emplace_back("ls.delta", number(o.delta));
          out.emplace_back("ls.sigma", number(o.sigma));
          out.emplace_back("ls.epsilon", number(o.epsilon));
        } else {
          out.emplace_back("ls.c1", number(o.c1));
          if constexpr (std::is_same_v<T, more_thuente>) out.emplace_back("ls.c2", number(o.c2));
        }
        out.emplace_back("ls.max_evaluations", std::to_string(o.max_evaluations));
      },
      ls);
}

template <class T>
void describe_search_method(pairs& out, const T& o) {
  if constexpr (std::is_same_v<T, lbfgs>) {
    out.emplace_back("memory", std::to_string(o.memory));
    out.emplace_back("scaling", std::string(to_string(o.scaling)));
  }
  if constexpr (std::is_same_v<T, cg>) {
    out.emplace_back("cg_variant", std::string(to_string(o.beta)));
    out.emplace_back("restart", std::to_string(o.restart));
  }
  if constexpr (std::is_same_v<T, newton>) {
    out.emplace_back("globalization", std::string(to_string(o.globalization)));
    if (o.globalization == globalization::trust_region) {
      out.emplace_back("initial_radius", number(o.initial_radius));
      out.emplace_back("max_radius", number(o.max_radius));
      out.emplace_back("eta", number(o.eta));
      return;
    }
  }
  describe_line_search(out, o.line_search);
}

}  // namespace

std::vector<std::pair<std::string, std::string>> describe(const method_options& m) {
  pairs out;
  std::visit(
      [&](const auto& o) {
        if constexpr (requires { o.line_search; })
          describe_search_method(out, o);
        else
          describe_fixed_rate(out, o);
      },
      m);
  return out;
}

double scheduled_rate(const schedule& s, double rate, std::size_t t, std::size_t max_iterations) {
  const double steps = static_cast<double>(t > 0 ? t - 1 : 0);
  switch (s.type) {
    case schedule::kind::constant:
      return rate;
    case schedule::kind::step:
      return rate * std::pow(s.gamma, std::floor(steps / static_cast<double>(s.step_size)));
    case schedule::kind::exponential:
      return rate * std::pow(s.gamma, steps);
    case schedule::kind::inverse_time:
      return rate / (1 + s.decay * steps);
    case schedule::kind::cosine: {
      // Past T the cosine goes on, back up to η after 2T, as PyTorch's closed form does with
      // T_cur growing past T_max; holding η_min there would end a long run stalled at η_min.
      const double period = static_cast<double>(s.period > 0 ? s.period : max_iterations);
      const double phase = period > 0 ? steps / period : 1.0;
      return s.rate_min + (rate - s.rate_min) * (1 + std::cos(std::numbers::pi * phase)) / 2;
    }
  }
  return rate;
}

}  // namespace kobai
