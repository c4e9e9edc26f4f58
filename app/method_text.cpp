#include "method_text.hpp"

#include <algorithm>
#include <array>
#include <cmath>
#include <string_view>
#include <type_traits>

#include "kobai/error.hpp"
#include "kobai/expr/parse.hpp"
#include "messages.hpp"
#include "messages_plot.hpp"

namespace kobai::cli {

namespace {

// The numeric constants of each line search, by the names line_search.hpp gives its fields (what
// JSON's options report after "ls."): a double, or a count (max_evaluations).
template <class S>
struct search_field {
  std::string_view name;
  double S::*real = nullptr;
  std::size_t S::*whole = nullptr;
};

const std::array<search_field<armijo>, 6> armijo_fields{
    {{"c1", &armijo::c1},
     {"shrink_min", &armijo::shrink_min},
     {"shrink_max", &armijo::shrink_max},
     {"min_step", &armijo::min_step},
     {"max_step", &armijo::max_step},
     {"max_evaluations", nullptr, &armijo::max_evaluations}}};
const std::array<search_field<more_thuente>, 6> more_thuente_fields{
    {{"c1", &more_thuente::c1},
     {"c2", &more_thuente::c2},
     {"xtol", &more_thuente::xtol},
     {"min_step", &more_thuente::min_step},
     {"max_step", &more_thuente::max_step},
     {"max_evaluations", nullptr, &more_thuente::max_evaluations}}};
const std::array<search_field<hager_zhang>, 9> hager_zhang_fields{
    {{"delta", &hager_zhang::delta},
     {"sigma", &hager_zhang::sigma},
     {"epsilon", &hager_zhang::epsilon},
     {"theta", &hager_zhang::theta},
     {"gamma", &hager_zhang::gamma},
     {"rho", &hager_zhang::rho},
     {"min_step", &hager_zhang::min_step},
     {"max_step", &hager_zhang::max_step},
     {"max_evaluations", nullptr, &hager_zhang::max_evaluations}}};

template <class S>
const auto& fields_of() {
  if constexpr (std::is_same_v<S, armijo>)
    return armijo_fields;
  else if constexpr (std::is_same_v<S, more_thuente>)
    return more_thuente_fields;
  else
    return hager_zhang_fields;
}

// Sets ls.`name` of the chosen search; false when that search has no such constant.
template <class Number>
bool set_search_constant(line_search_options& ls, std::string_view name, Number&& number) {
  return std::visit(
      [&](auto& s) {
        for (const auto& f : fields_of<std::decay_t<decltype(s)>>())
          if (f.name == name) {
            if (f.real)
              s.*f.real = number(false);
            else
              s.*f.whole = static_cast<std::size_t>(number(true));
            return true;
          }
        return false;
      },
      ls);
}

}  // namespace

void set_method_option(method_options& m, const std::string& key, const std::string& value,
                       const std::string& spec) {
  const auto number = [&] {
    try {
      const formula f = parse(value);
      if (!f.variables().empty()) throw usage_error(messages::compare_bad_value(key, spec));
      return f.evaluate({});
    } catch (const parse_error&) {
      throw usage_error(messages::compare_bad_value(key, spec));
    }
  };
  // A count (restart, max_evaluations): a whole number from 0 to 10⁹.
  const auto count = [&] {
    const double v = number();
    if (!(v >= 0 && v <= 1e9 && v == std::floor(v)))
      throw usage_error(messages::compare_bad_value(key, spec));
    return v;
  };
  bool used = false;
  std::visit(
      [&](auto& o) {
        if constexpr (requires { o.rate; }) {
          if (key == "rate") {
            o.rate = number();
            used = true;
          } else if (key == "variant") {
            if (value != "book" && value != "standard") {
              throw usage_error(messages::compare_bad_value(key, spec));
            }
            o.variant = value == "book" ? variant::book : variant::standard;
            used = true;
          }
        }
        if constexpr (requires { o.memory; }) {
          if (key == "memory" || key == "m") {
            const double v = number();
            if (!(v >= 1 && v == std::floor(v)))
              throw usage_error(messages::compare_bad_value(key, spec));
            if (v > static_cast<double>(max_lbfgs_memory))
              throw usage_error(messages::memory_too_large(v, max_lbfgs_memory));
            o.memory = static_cast<std::size_t>(v);
            used = true;
          }
        }
        if constexpr (requires { o.scaling; }) {
          if (key == "scaling") o.scaling = lbfgs_scaling_from_name(value), used = true;
        }
        if constexpr (requires { o.beta; }) {
          if (key == "variant" || key == "cg_variant") {
            o.beta = cg_beta_from_name(value);
            used = true;
          }
        }
        if constexpr (requires { o.restart; }) {
          if (key == "restart") o.restart = static_cast<std::size_t>(count()), used = true;
        }
        if constexpr (requires { o.line_search; }) {
          if (key == "line_search" || key == "ls") {
            o.line_search = line_search_from_name(value);
            used = true;
          } else if (key.starts_with("ls.")) {
            used = set_search_constant(o.line_search, std::string_view(key).substr(3),
                                       [&](bool whole) { return whole ? count() : number(); });
          }
        }
        if constexpr (requires { o.globalization; }) {
          if (key == "globalization") o.globalization = globalization_from_name(value), used = true;
          if (key == "initial_radius") o.initial_radius = number(), used = true;
          if (key == "max_radius") o.max_radius = number(), used = true;
          if (key == "eta") o.eta = number(), used = true;
        }
        if constexpr (requires { o.mu; }) {
          if (key == "mu" || key == "momentum") {
            o.mu = number();
            used = true;
          }
        }
        if constexpr (requires { o.beta1; }) {
          if (key == "beta1") o.beta1 = number(), used = true;
          if (key == "beta2") o.beta2 = number(), used = true;
        }
        if constexpr (requires { o.eps; }) {
          if (key == "eps") o.eps = number(), used = true;
        }
        if constexpr (requires { o.rho; }) {
          if (key == "rho") o.rho = number(), used = true;
        }
        if constexpr (requires { o.weight_decay; }) {
          if (key == "weight_decay") o.weight_decay = number(), used = true;
        }
      },
      m);
  if (!used) throw usage_error(messages::compare_unknown_option(key, spec, option_names(m)));
}

std::string option_names(const method_options& m) {
  std::string names;
  const auto add = [&](std::string_view name) {
    if (!names.empty()) names += ", ";
    names += name;
  };
  std::visit(
      [&](const auto& o) {
        if constexpr (requires { o.rate; }) add("rate"), add("variant");
        if constexpr (requires { o.memory; }) add("memory (m)");
        if constexpr (requires { o.scaling; }) add("scaling");
        if constexpr (requires { o.beta; }) add("variant (cg_variant)");
        if constexpr (requires { o.restart; }) add("restart");
        if constexpr (requires { o.line_search; }) {
          add("line_search (ls)");
          std::visit(
              [&](const auto& s) {
                for (const auto& f : fields_of<std::decay_t<decltype(s)>>())
                  add("ls." + std::string(f.name));
              },
              o.line_search);
        }
        if constexpr (requires { o.globalization; })
          add("globalization"), add("initial_radius"), add("max_radius"), add("eta");
        if constexpr (requires { o.mu; }) add("mu (momentum)");
        if constexpr (requires { o.beta1; }) add("beta1"), add("beta2");
        if constexpr (requires { o.eps; }) add("eps");
        if constexpr (requires { o.rho; }) add("rho");
        if constexpr (requires { o.weight_decay; }) add("weight_decay");
      },
      m);
  return names;
}

method_options method_of_trace(const trace& t) {
  method_options m = method_from_name(t.method.empty() ? "gd" : t.method);
  // The options the method's arithmetic uses; the schedule's are left at their defaults.
  static constexpr std::array<std::string_view, 16> known = {
      "rate",          "momentum",       "rho",        "beta1",   "beta2",      "eps",
      "weight_decay",  "variant",        "memory",     "scaling", "cg_variant", "line_search",
      "globalization", "initial_radius", "max_radius", "eta"};
  for (const auto& [key, value] : t.options) {
    const bool search_constant = key.starts_with("ls.") || key == "restart";
    if (!search_constant && std::find(known.begin(), known.end(), key) == known.end()) continue;
    set_method_option(m, key, value, t.method);
  }
  return m;
}

}  // namespace kobai::cli
