#include "kobai/optim/methods.hpp"

#include <cmath>
#include <numbers>

#include "kobai/error.hpp"
#include "kobai/expr/print.hpp"
#include "messages.hpp"

namespace kobai {
namespace {

void require(bool ok, std::string_view field, std::string_view requirement, double got) {
  if (!ok) throw usage_error(optim_messages::out_of_range(field, requirement, got));
}
void positive(double v, std::string_view field) {
  require(v > 0 && std::isfinite(v), field, "a finite number > 0", v);
}
void unit_interval(double v, std::string_view field) {
  require(v >= 0 && v < 1, field, "in [0, 1)", v);
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
    require(s.gamma > 0 && s.gamma <= 1, "schedule.gamma", "in (0, 1]", s.gamma);
  if (s.type == schedule::kind::step)
    require(s.step_size >= 1, "schedule.step_size", "at least 1", static_cast<double>(s.step_size));
  if (s.type == schedule::kind::inverse_time)
    require(s.decay >= 0 && std::isfinite(s.decay), "schedule.decay", "≥ 0", s.decay);
  if (s.type == schedule::kind::cosine)
    require(s.rate_min >= 0 && std::isfinite(s.rate_min), "schedule.rate_min", "≥ 0", s.rate_min);
}
void validate(const gd& o) {
  positive(o.rate, "gd.rate");
  validate(o.schedule);
}
void validate(const momentum& o) {
  positive(o.rate, "momentum.rate");
  unit_interval(o.mu, "momentum.mu (--momentum)");
  validate(o.schedule);
}
void validate(const nesterov& o) {
  positive(o.rate, "nesterov.rate");
  unit_interval(o.mu, "nesterov.mu (--momentum)");
  validate(o.schedule);
}
void validate(const adagrad& o) {
  positive(o.rate, "adagrad.rate");
  positive(o.eps, "adagrad.eps");
  validate(o.schedule);
}
void validate(const rmsprop& o) {
  positive(o.rate, "rmsprop.rate");
  unit_interval(o.rho, "rmsprop.rho");
  positive(o.eps, "rmsprop.eps");
  validate(o.schedule);
}
void validate(const adam& o) {
  positive(o.rate, "adam.rate");
  unit_interval(o.beta1, "adam.beta1");
  unit_interval(o.beta2, "adam.beta2");
  positive(o.eps, "adam.eps");
  validate(o.schedule);
}
void validate(const adamw& o) {
  positive(o.rate, "adamw.rate");
  unit_interval(o.beta1, "adamw.beta1");
  unit_interval(o.beta2, "adamw.beta2");
  positive(o.eps, "adamw.eps");
  require(o.weight_decay >= 0 && std::isfinite(o.weight_decay), "adamw.weight_decay", "≥ 0",
          o.weight_decay);
  if (o.variant == variant::book) throw usage_error(optim_messages::no_book_variant("adamw"));
  validate(o.schedule);
}
void validate(const method_options& m) {
  std::visit([](const auto& o) { validate(o); }, m);
}

std::string_view method_name(const method_options& m) noexcept {
  return method_names()[m.index()];
}

std::vector<std::string_view> method_names() {
  return {"gd", "momentum", "nesterov", "adagrad", "rmsprop", "adam", "adamw"};
}

method_options method_from_name(std::string_view name) {
  if (name == "gd") return gd{};
  if (name == "momentum") return momentum{};
  if (name == "nesterov") return nesterov{};
  if (name == "adagrad") return adagrad{};
  if (name == "rmsprop") return rmsprop{};
  if (name == "adam") return adam{};
  if (name == "adamw") return adamw{};
  std::string known;
  for (std::string_view n : method_names()) known += (known.empty() ? "" : ", ") + std::string(n);
  throw usage_error(optim_messages::unknown_method(name, known));
}

std::string_view to_string(variant v) noexcept {
  return v == variant::book ? "book" : "standard";
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

std::vector<std::pair<std::string, std::string>> describe(const method_options& m) {
  pairs out;
  std::visit(
      [&](const auto& o) {
        using T = std::decay_t<decltype(o)>;
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
        if constexpr (std::is_same_v<T, adamw>)
          out.emplace_back("weight_decay", number(o.weight_decay));
        out.emplace_back("variant", std::string(to_string(o.variant)));
        add_schedule(out, o.schedule);
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
      const double period = static_cast<double>(s.period > 0 ? s.period : max_iterations);
      const double phase = period > 0 ? std::min(steps / period, 1.0) : 1.0;
      return s.rate_min + (rate - s.rate_min) * (1 + std::cos(std::numbers::pi * phase)) / 2;
    }
  }
  return rate;
}

}  // namespace kobai
