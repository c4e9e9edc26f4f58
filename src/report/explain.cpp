// The worked arithmetic of the first steps, one line per state update and coordinate, in the
// order the method performs them (methods.hpp quotes the equations).
#include <fmt/format.h>

#include <cmath>
#include <variant>

#include "kobai/error.hpp"
#include "kobai/report/report.hpp"
#include "messages.hpp"

namespace kobai {
namespace {

namespace msg = report_messages;

// A number as a learner writes it: rounded, with a real minus sign.
struct numbers {
  int digits;
  std::string operator()(double v) const {
    // NaN's sign bit means nothing to a learner (fmt prints it as -nan); the table says nan.
    std::string s = std::isnan(v) ? "nan" : fmt::format("{:.{}g}", v, digits);
    if (s == "-0") s = "0";
    if (!s.empty() && s[0] == '-') s = fmt::format("−{}", s.substr(1));
    return s;
  }
  // Negative numbers in parentheses when they follow an operator: 0.1 × (−4).
  std::string p(double v) const { return v < 0 ? fmt::format("({})", (*this)(v)) : (*this)(v); }
};

std::string joined(const std::vector<std::string>& parts) {
  std::string s;
  for (std::size_t i = 0; i < parts.size(); ++i) s += fmt::format("{}{}", i ? ", " : "", parts[i]);
  return s;
}

const Eigen::VectorXd* state_of(const iteration_record& it, std::string_view name) {
  for (const state_vector& s : it.state)
    if (s.name == name) return &s.value;
  return nullptr;
}

struct step_view {
  const iteration_record& before;
  const iteration_record& after;
  Eigen::Index i;
  const std::string& name;
  const numbers& n;
  double old_state(std::string_view s) const {
    const Eigen::VectorXd* v = state_of(before, s);
    return v ? (*v)[i] : 0.0;  // state starts at zero (k = 0 records none)
  }
  double new_state(std::string_view s) const {
    const Eigen::VectorXd* v = state_of(after, s);
    return v ? (*v)[i] : 0.0;
  }
  double x() const { return before.x[i]; }
  double g() const { return before.gradient[i]; }
  double x_new() const { return after.x[i]; }
  std::string d() const { return fmt::format("∂f/∂{}", name); }
  std::string x_new_line(std::string_view formula, std::string_view arithmetic) const {
    return msg::assign(fmt::format("{}_new", name), formula, arithmetic, n(x_new()));
  }
};

std::string explain_coordinate(const step_view& s, const method_options& m, std::size_t t,
                               double rate) {
  const numbers& n = s.n;
  const std::string& v = s.name;
  const std::string d = s.d();
  std::string out;
  std::visit(
      [&](const auto& o) {
        using T = std::decay_t<decltype(o)>;
        bool book = false;
        if constexpr (requires { o.variant; }) book = o.variant == variant::book;
        if constexpr (requires { o.line_search; }) {
          // x_new = x + α·d with the direction d the method chose and α from its line search.
          out +=
              s.x_new_line(fmt::format("{} + α × d_{}", v, v),
                           fmt::format("{} + {} × {}", n(s.x()), n(rate), n.p(s.new_state("d"))));
        } else if constexpr (std::is_same_v<T, gd>) {
          out += s.x_new_line(fmt::format("{} − α × {}", v, d),
                              fmt::format("{} − {} × {}", n(s.x()), n(rate), n.p(s.g())));
        } else if constexpr (std::is_same_v<T, momentum> || std::is_same_v<T, nesterov>) {
          const std::string sv = fmt::format("{}{}", book ? "v_" : "b_", v);
          const double old = s.old_state("v"), now = s.new_state("v");
          if (book) {
            out += msg::assign(
                sv, fmt::format("μ × {} − α × {}", sv, d),
                fmt::format("{} × {} − {} × {}", n(o.mu), n.p(old), n(rate), n.p(s.g())), n(now));
          } else if (t == 1) {
            out += msg::assign(sv, d, n(s.g()), n(now));
          } else {
            out += msg::assign(sv, fmt::format("μ × {} + {}", sv, d),
                               fmt::format("{} × {} + {}", n(o.mu), n.p(old), n.p(s.g())), n(now));
          }
          if constexpr (std::is_same_v<T, momentum>) {
            if (book)
              out += s.x_new_line(fmt::format("{} + {}", v, sv),
                                  fmt::format("{} + {}", n(s.x()), n.p(now)));
            else
              out += s.x_new_line(fmt::format("{} − α × {}", v, sv),
                                  fmt::format("{} − {} × {}", n(s.x()), n(rate), n.p(now)));
          } else if (book) {
            out +=
                s.x_new_line(fmt::format("{} + μ × μ × {} − (1 + μ) × α × {}", v, sv, d),
                             fmt::format("{} + {} × {} × {} − (1 + {}) × {} × {}", n(s.x()),
                                         n(o.mu), n(o.mu), n.p(now), n(o.mu), n(rate), n.p(s.g())));
          } else {
            out += s.x_new_line(fmt::format("{} − α × ({} + μ × {})", v, d, sv),
                                fmt::format("{} − {} × ({} + {} × {})", n(s.x()), n(rate), n(s.g()),
                                            n(o.mu), n.p(now)));
          }
        } else if constexpr (std::is_same_v<T, adagrad> || std::is_same_v<T, rmsprop>) {
          const std::string h = fmt::format("h_{}", v);
          const double old = s.old_state("h"), now = s.new_state("h");
          const double eps = book ? 1e-7 : o.eps;
          if constexpr (std::is_same_v<T, adagrad>) {
            out += msg::assign(h, fmt::format("{} + {} × {}", h, d, d),
                               fmt::format("{} + {} × {}", n(old), n.p(s.g()), n.p(s.g())), n(now));
          } else {
            out += msg::assign(h, fmt::format("ρ × {} + (1 − ρ) × {} × {}", h, d, d),
                               fmt::format("{} × {} + (1 − {}) × {} × {}", n(o.rho), n(old),
                                           n(o.rho), n.p(s.g()), n.p(s.g())),
                               n(now));
          }
          out += s.x_new_line(fmt::format("{} − α × {} / (√{} + ε)", v, d, h),
                              fmt::format("{} − {} × {} / (√{} + {})", n(s.x()), n(rate),
                                          n.p(s.g()), n(now), n(eps)));
        } else if constexpr (std::is_same_v<T, adam> || std::is_same_v<T, adamw>) {
          const std::string sm = fmt::format("m_{}", v), sv = fmt::format("v_{}", v);
          const double m0 = s.old_state("m"), m1 = s.new_state("m");
          const double v0 = s.old_state("v"), v1 = s.new_state("v");
          const double td = static_cast<double>(t);
          if (book) {
            out += msg::assign(
                sm, fmt::format("{} + (1 − β₁) × ({} − {})", sm, d, sm),
                fmt::format("{} + (1 − {}) × ({} − {})", n(m0), n(o.beta1), n(s.g()), n.p(m0)),
                n(m1));
            out += msg::assign(
                sv, fmt::format("{} + (1 − β₂) × (({})² − {})", sv, d, sv),
                fmt::format("{} + (1 − {}) × ({}² − {})", n(v0), n(o.beta2), n.p(s.g()), n(v0)),
                n(v1));
            out += s.x_new_line(
                fmt::format("{} − α_t × {} / (√{} + ε)", v, sm, sv),
                fmt::format("{} − {} × {} / (√{} + 1e-07)", n(s.x()), n(rate), n.p(m1), n(v1)));
          } else {
            double decay = 0;
            if constexpr (std::is_same_v<T, adamw>) decay = o.weight_decay;
            out += msg::assign(
                sm, fmt::format("β₁ × {} + (1 − β₁) × {}", sm, d),
                fmt::format("{} × {} + (1 − {}) × {}", n(o.beta1), n.p(m0), n(o.beta1), n.p(s.g())),
                n(m1));
            out += msg::assign(
                sv, fmt::format("β₂ × {} + (1 − β₂) × ({})²", sv, d),
                fmt::format("{} × {} + (1 − {}) × {}²", n(o.beta2), n(v0), n(o.beta2), n.p(s.g())),
                n(v1));
            const double mhat = m1 / (1 - std::pow(o.beta1, td));
            const double vhat = v1 / (1 - std::pow(o.beta2, td));
            const std::string start =
                decay != 0 ? fmt::format("{} × (1 − {} × {})", n.p(s.x()), n(rate), n(decay))
                           : n(s.x());
            // The bias corrections on lines of their own, so each line reads as one equation.
            const std::string smh = fmt::format("m̂_{}", v), svh = fmt::format("v̂_{}", v);
            out += msg::assign(smh, fmt::format("{} / (1 − β₁^{})", sm, t),
                               fmt::format("{} / (1 − {}^{})", n(m1), n(o.beta1), t), n(mhat));
            out += msg::assign(svh, fmt::format("{} / (1 − β₂^{})", sv, t),
                               fmt::format("{} / (1 − {}^{})", n(v1), n(o.beta2), t), n(vhat));
            out += s.x_new_line(fmt::format("{}{} − α × {} / (√{} + ε)", v,
                                            decay != 0 ? " × (1 − α × λ)" : "", smh, svh),
                                fmt::format("{} − {} × {} / (√{} + {})", start, n(rate), n.p(mhat),
                                            n(vhat), n(o.eps)));
          }
        }
      },
      m);
  return out;
}

std::vector<std::string> names_of(const result& r) {
  std::vector<std::string> names = r.trace.variables;
  for (Eigen::Index i = static_cast<Eigen::Index>(names.size()); i < r.x.size(); ++i)
    names.push_back(detail::default_name(i));
  return names;
}

std::string point_text(const Eigen::VectorXd& x, const numbers& n) {
  std::vector<std::string> parts;
  for (Eigen::Index i = 0; i < x.size(); ++i) parts.push_back(n(x[i]));
  return joined(parts);
}

}  // namespace

std::string explain_step(const result& r, const method_options& m, std::size_t k,
                         const explain_options& o) {
  const auto& its = r.trace.iterations;
  if (k < 1 || k >= its.size()) throw usage_error(msg::no_such_step(k, its.size()));
  const numbers n{o.digits};
  const std::vector<std::string> names = names_of(r);
  const std::string name_list = joined(names);
  const iteration_record& before = its[k - 1];
  const iteration_record& after = its[k];
  std::string out = msg::step_heading(k, name_list, point_text(before.x, n));
  if (std::holds_alternative<adam>(m) && std::get<adam>(m).variant == variant::book) {
    const adam& a = std::get<adam>(m);
    out += msg::adam_rate(
        k, fmt::format("{} × √(1 − {}^{}) / (1 − {}^{})", n(a.rate), n(a.beta2), k, n(a.beta1), k),
        n(after.learning_rate));
  }
  for (Eigen::Index i = 0; i < before.x.size(); ++i) {
    const auto u = static_cast<std::size_t>(i);
    out += msg::partial_value(names[u], u < o.partials.size() ? o.partials[u] : "",
                              n(before.gradient[i]));
  }
  for (Eigen::Index i = 0; i < before.x.size(); ++i) {
    const step_view s{before, after, i, names[static_cast<std::size_t>(i)], n};
    out += explain_coordinate(s, m, k, after.learning_rate);
  }
  out += msg::new_point(name_list, point_text(after.x, n), n(after.f));
  return out;
}

std::string explain(const result& r, const method_options& m, const explain_options& o) {
  const numbers n{o.digits};
  const std::vector<std::string> names = names_of(r);
  std::string out;
  for (std::size_t i = 0; i < o.partials.size() && i < names.size(); ++i)
    out += msg::partial(names[i], o.partials[i]);
  const auto& its = r.trace.iterations;
  if (its.size() < 2) return out + msg::nothing_to_explain();
  const std::size_t shown = std::min(o.steps, its.size() - 1);
  for (std::size_t k = 1; k <= shown; ++k) out += explain_step(r, m, k, o);
  if (shown + 1 < its.size())
    out += msg::rest(shown + 1, its.size() - 1, n(its[shown + 1].f), n(its.back().f),
                     point_text(its.back().x, n));
  return out;
}

}  // namespace kobai
