#include "point.hpp"

#include <algorithm>
#include <cmath>

#include "kobai/error.hpp"
#include "messages.hpp"

namespace kobai::cli {
namespace {

std::string trim(std::string_view s) {
  const auto b = s.find_first_not_of(" \t");
  if (b == std::string_view::npos) return {};
  const auto e = s.find_last_not_of(" \t");
  return std::string(s.substr(b, e - b + 1));
}

double read_value(std::string_view text) {
  const std::string t = trim(text);
  try {
    const formula f = parse(t);
    if (!f.variables().empty()) throw usage_error(messages::point_not_a_number(t));
    return f.evaluate({});
  } catch (const parse_error& e) {
    throw usage_error(messages::point_unreadable(t, e.what()));
  }
}

}  // namespace

std::string join(const std::vector<std::string>& names, std::string_view separator) {
  std::string s;
  for (std::size_t i = 0; i < names.size(); ++i) {
    if (i) s += separator;
    s += names[i];
  }
  return names.empty() ? std::string(messages::none) : s;
}

std::vector<std::string> split_top_level(std::string_view text) {
  std::vector<std::string> parts;
  int depth = 0;
  std::size_t start = 0;
  for (std::size_t i = 0; i <= text.size(); ++i) {
    if (i == text.size() || (text[i] == ',' && depth == 0)) {
      parts.push_back(trim(text.substr(start, i - start)));
      start = i + 1;
    } else if (text[i] == '(' || text[i] == '[') {
      ++depth;
    } else if (text[i] == ')' || text[i] == ']') {
      --depth;
    }
  }
  return parts;
}

std::vector<std::string> variable_order(const std::vector<std::string>& formula_variables,
                                        std::string_view vars_option) {
  if (vars_option.empty()) return formula_variables;
  std::vector<std::string> order = split_top_level(vars_option);
  std::vector<std::string> a = order, b = formula_variables;
  std::sort(a.begin(), a.end());
  std::sort(b.begin(), b.end());
  if (a != b) throw usage_error(messages::vars_mismatch(join(order), join(formula_variables)));
  return order;
}

std::vector<double> parse_point(std::string_view text, const std::vector<std::string>& variables) {
  const std::string listed = join(variables);
  if (trim(text).empty()) {
    if (variables.empty()) return {};
    throw usage_error(messages::point_needs_values(variables.size(), listed));
  }
  const std::vector<std::string> parts = split_top_level(text);
  // "1,,2" is a value left out, not three values: say which, before counting them.
  for (std::size_t i = 0; i < parts.size(); ++i)
    if (parts[i].empty()) throw usage_error(messages::point_empty_value(i + 1, trim(text)));
  const auto named = [](const std::string& p) {
    const auto eq = p.find('=');
    return eq != std::string::npos && p.find('(') > eq;
  };
  const std::size_t n_named =
      static_cast<std::size_t>(std::count_if(parts.begin(), parts.end(), named));
  std::vector<double> x(variables.size(), std::nan(""));
  if (n_named == 0) {
    if (parts.size() != variables.size())
      throw usage_error(messages::point_count(parts.size(), variables.size(), listed));
    for (std::size_t i = 0; i < parts.size(); ++i) x[i] = read_value(parts[i]);
    return x;
  }
  if (n_named != parts.size()) throw usage_error(messages::point_mixed());
  std::vector<bool> seen(variables.size(), false);
  for (const std::string& p : parts) {
    const auto eq = p.find('=');
    const std::string name = trim(std::string_view(p).substr(0, eq));
    const auto it = std::find(variables.begin(), variables.end(), name);
    if (it == variables.end()) throw usage_error(messages::point_unknown(name, listed));
    const auto i = static_cast<std::size_t>(it - variables.begin());
    if (seen[i]) throw usage_error(messages::point_repeated(name));
    seen[i] = true;
    x[i] = read_value(std::string_view(p).substr(eq + 1));
  }
  for (std::size_t i = 0; i < variables.size(); ++i)
    if (!seen[i]) throw usage_error(messages::point_missing(variables[i]));
  return x;
}

}  // namespace kobai::cli
