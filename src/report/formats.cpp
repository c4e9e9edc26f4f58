// Table, CSV, JSON and JSON Lines writers. JSON is written by hand (a fixed key order and
// shortest round-trip numbers make the bytes deterministic); NaN and infinity become null.
#include <fmt/format.h>

#include <algorithm>
#include <cmath>
#include <cstdlib>

#include "kobai/expr/print.hpp"
#include "kobai/report/report.hpp"
#include "kobai/version.hpp"
#include "messages.hpp"

namespace kobai {
namespace {

namespace msg = report_messages;

std::string rounded(double v, int digits) {
  if (std::isnan(v)) return "nan";
  std::string s = fmt::format("{:.{}g}", v, digits);
  return s == "-0" ? "0" : s;
}

// Display width of UTF-8 text: code points (the headers hold ‖ and ∞).
std::size_t width(std::string_view s) {
  return static_cast<std::size_t>(
      std::count_if(s.begin(), s.end(), [](char c) { return (c & 0xC0) != 0x80; }));
}

std::string pad_left(const std::string& s, std::size_t w) {
  const std::size_t n = width(s);
  return n >= w ? s : std::string(w - n, ' ') + s;
}

std::string json_string(std::string_view s) {
  std::string out = "\"";
  for (char c : s) {
    switch (c) {
      case '"':
        out += "\\\"";
        break;
      case '\\':
        out += "\\\\";
        break;
      case '\n':
        out += "\\n";
        break;
      case '\t':
        out += "\\t";
        break;
      case '\r':
        out += "\\r";
        break;
      default:
        if (static_cast<unsigned char>(c) < 0x20)
          out += fmt::format("\\u{:04x}", static_cast<unsigned>(c));
        else
          out += c;
    }
  }
  out += '"';
  return out;
}

std::string json_number(double v) {
  return std::isfinite(v) ? format_number(v) : "null";
}

std::string json_array(const Eigen::VectorXd& v) {
  std::string out = "[";
  for (Eigen::Index i = 0; i < v.size(); ++i)
    out += fmt::format("{}{}", i ? "," : "", json_number(v[i]));
  out += ']';
  return out;
}

std::string json_named(const std::vector<std::string>& names, const Eigen::VectorXd& v) {
  std::string out = "{";
  for (Eigen::Index i = 0; i < v.size(); ++i) {
    const auto u = static_cast<std::size_t>(i);
    out += fmt::format("{}{}:{}", i ? "," : "",
                       json_string(u < names.size() ? names[u] : detail::default_name(i)),
                       json_number(v[i]));
  }
  out += '}';
  return out;
}

// An option's text as JSON: numbers and booleans bare, everything else a string.
std::string json_option(const std::string& text) {
  if (text == "true" || text == "false") return text;
  if (text == "inf") return json_string(text);
  char* end = nullptr;
  const double v = std::strtod(text.c_str(), &end);
  if (!text.empty() && end == text.c_str() + text.size() && std::isfinite(v)) return text;
  return json_string(text);
}

std::string json_options(const std::vector<std::pair<std::string, std::string>>& options) {
  std::string out = "{";
  bool first = true;
  for (const auto& [name, value] : options) {
    out += fmt::format("{}{}:{}", first ? "" : ",", json_string(name), json_option(value));
    first = false;
  }
  out += '}';
  return out;
}

std::string json_strings(const std::vector<std::string>& v) {
  std::string out = "[";
  for (std::size_t i = 0; i < v.size(); ++i)
    out += fmt::format("{}{}", i ? "," : "", json_string(v[i]));
  out += ']';
  return out;
}

std::vector<std::string> names_of(const result& r) {
  std::vector<std::string> names = r.trace.variables;
  for (Eigen::Index i = static_cast<Eigen::Index>(names.size()); i < r.x.size(); ++i)
    names.push_back(detail::default_name(i));
  return names;
}

// A variable named like another column (k, f, or g_x beside x) would give a header with two equal
// names that a reader of the file cannot tell apart; then every variable column is written x_name.
// Variable names are distinct and no other column starts with "x_", so the header is unique.
std::vector<std::string> variable_columns(const std::vector<std::string>& names,
                                          const std::vector<std::string>& others) {
  const bool clash = std::any_of(names.begin(), names.end(), [&](const std::string& n) {
    return std::find(others.begin(), others.end(), n) != others.end();
  });
  if (!clash) return names;
  std::vector<std::string> prefixed;
  for (const auto& n : names) prefixed.push_back("x_" + n);
  return prefixed;
}

}  // namespace

std::string format_table(const result& r, const table_options& o) {
  const std::vector<std::string> names = names_of(r);
  std::vector<std::vector<std::string>> rows;
  const std::string_view norm = r.diagnosis.projected_gradient ? msg::column_projected_gradient_norm
                                                               : msg::column_gradient_norm;
  std::vector<std::string> header{std::string(msg::column_k)};
  for (const auto& n : variable_columns(
           names, {std::string(msg::column_k), std::string(msg::column_f), std::string(norm)}))
    header.push_back(n);
  header.emplace_back(msg::column_f);
  header.emplace_back(norm);
  rows.push_back(header);
  for (const iteration_record& it : r.trace.iterations) {
    std::vector<std::string> row{std::to_string(it.k)};
    for (Eigen::Index i = 0; i < it.x.size(); ++i) row.push_back(rounded(it.x[i], o.digits));
    row.push_back(rounded(it.f, o.digits));
    row.push_back(rounded(it.gradient_norm, o.digits));
    rows.push_back(std::move(row));
  }
  std::vector<std::size_t> w(header.size(), 0);
  for (const auto& row : rows)
    for (std::size_t c = 0; c < row.size() && c < w.size(); ++c)
      w[c] = std::max(w[c], width(row[c]));
  std::string out;
  for (const auto& row : rows) {
    for (std::size_t c = 0; c < row.size(); ++c)
      out += fmt::format("{}{}", c ? "  " : "", pad_left(row[c], w[c]));
    out += '\n';
  }
  out += msg::status_line(r.summary());
  for (const std::string& n : r.notes) out += msg::note_line(n);
  return out;
}

std::string format_csv(const result& r) {
  const std::vector<std::string> names = names_of(r);
  std::vector<std::string> others{"k", "f", "gradient_norm", "step_length", "rate"};
  for (const auto& n : names) others.push_back("g_" + n);
  std::string out = "k";
  for (const auto& n : variable_columns(names, others)) out += fmt::format(",{}", n);
  out += ",f";
  for (const auto& n : names) out += fmt::format(",g_{}", n);
  out += ",gradient_norm,step_length,rate\n";
  for (const iteration_record& it : r.trace.iterations) {
    out += std::to_string(it.k);
    for (Eigen::Index i = 0; i < it.x.size(); ++i)
      out += fmt::format(",{}", format_number(it.x[i]));
    out += fmt::format(",{}", format_number(it.f));
    for (Eigen::Index i = 0; i < it.gradient.size(); ++i)
      out += fmt::format(",{}", format_number(it.gradient[i]));
    out += fmt::format(",{},{},{}\n", format_number(it.gradient_norm),
                       format_number(it.step_length), format_number(it.learning_rate));
  }
  return out;
}

std::string format_json(const result& r, const json_context& c) {
  const std::vector<std::string> names = names_of(r);
  std::string out = "{";
  out += "\"formula\":";
  out += json_string(c.formula);
  out += ",\"method\":";
  out += json_string(r.method);
  out += ",\"options\":";
  out += json_options(r.trace.options);
  out += ",\"variables\":";
  out += json_strings(names);
  out += ",\"x\":";
  out += json_named(names, r.x);
  out += ",\"f\":";
  out += json_number(r.f);
  out += ",\"gradient\":";
  out += json_named(names, r.gradient);
  out += ",\"gradient_norm\":";
  out += json_number(r.gradient_norm);
  out += ",\"iterations\":";
  out += std::to_string(r.iterations);
  out += fmt::format(",\"evaluations\":{{\"value\":{},\"gradient\":{}", r.evaluations.value,
                     r.evaluations.gradient);
  if (r.evaluations.hessian > 0) out += fmt::format(",\"hessian\":{}", r.evaluations.hessian);
  out += "}";
  out += ",\"status\":";
  out += json_string(to_string(r.status));
  out += ",\"message\":";
  out += json_string(r.message);
  out += ",\"notes\":";
  out += json_strings(r.notes);
  if (c.problem) {
    const json_problem& p = *c.problem;
    out += fmt::format(
        ",\"problem\":{{\"name\":{},\"f_star\":{},\"minimizers_outside_bounds\":{},\"reached\":",
        json_string(p.name), json_number(p.f_star), p.minimizers_outside_bounds);
    if (p.reached.empty()) {
      out += "null,\"minimum\":null}";
    } else {
      out += json_string(p.reached);
      out += ",\"minimum\":{\"x\":";
      out += p.reached_x.size() > 0 ? json_named(names, p.reached_x) : "null";
      out += fmt::format(",\"f\":{}}}}}", json_number(p.reached_f));
    }
  }
  if (!c.trace_file.empty()) out += fmt::format(",\"trace\":{}", json_string(c.trace_file));
  out += "}\n";
  return out;
}

std::string format_json_error(const json_context& c, std::string_view method,
                              const std::vector<std::string>& variables, const Eigen::VectorXd& x,
                              std::string_view error) {
  return fmt::format("{{\"formula\":{},\"method\":{},\"variables\":{},\"x\":{},\"error\":{}}}\n",
                     json_string(c.formula), json_string(method), json_strings(variables),
                     json_named(variables, x), json_string(error));
}

std::string format_trace_jsonl(const result& r) {
  const std::vector<std::string> names = names_of(r);
  std::string out = fmt::format(
      "{{\"type\":\"header\",\"kobai\":{},\"formula\":{},\"variables\":{},\"method\":{},"
      "\"options\":{}}}\n",
      json_string(version), json_string(r.trace.formula), json_strings(names),
      json_string(r.method), json_options(r.trace.options));
  for (const iteration_record& it : r.trace.iterations) {
    out += fmt::format("{{\"type\":\"iteration\",\"k\":{},\"x\":{},\"f\":{},\"g\":{}", it.k,
                       json_array(it.x), json_number(it.f), json_array(it.gradient));
    out += fmt::format(",\"gradient_norm\":{},\"step_length\":{},\"rate\":{},\"state\":{{",
                       json_number(it.gradient_norm), json_number(it.step_length),
                       json_number(it.learning_rate));
    for (std::size_t s = 0; s < it.state.size(); ++s)
      out += fmt::format("{}{}:{}", s ? "," : "", json_string(it.state[s].name),
                         json_array(it.state[s].value));
    out += "}}\n";
  }
  for (const trial_point& t : r.trace.trials)
    out += fmt::format("{{\"type\":\"trial\",\"k\":{},\"alpha\":{},\"f\":{},\"slope\":{}}}\n", t.k,
                       json_number(t.alpha), json_number(t.f), json_number(t.slope));
  out += fmt::format("{{\"type\":\"result\",\"status\":{},\"iterations\":{},\"message\":{}}}\n",
                     json_string(to_string(r.status)), r.iterations, json_string(r.message));
  return out;
}

}  // namespace kobai
