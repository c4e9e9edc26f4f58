#include "kobai/expr/print.hpp"

#include <fmt/format.h>
#include <array>
#include <unordered_map>

#include "kobai/error.hpp"
#include "messages.hpp"

namespace kobai {
namespace {

// Binding strength: sums 1, products 2, negation 3, powers 4, atoms and calls 5.
int precedence(expr e) {
  switch (e.kind()) {
    case op::add:
    case op::sub:
      return 1;
    case op::mul:
    case op::div:
      return 2;
    case op::neg:
      return 3;
    case op::pow:
      return 4;
    case op::constant:
      return e.value() < 0 || std::signbit(e.value()) ? 3 : 5;
    default:
      return 5;
  }
}

// Whether operand `i` of `parent` needs parentheses so that the text parses back to `parent`.
bool needs_parens(expr parent, int i) {
  const expr child = parent.arg(i);
  const int p = precedence(child);
  switch (parent.kind()) {
    case op::add:
    case op::sub:
      return i == 1 && p <= 1;
    case op::mul:
    case op::div:
      return i == 0 ? p < 2 : p <= 2;
    case op::neg:
      return p < 3;
    case op::pow:
      return i == 0 ? p < 5 : p < 3;
    default:
      return false;  // function arguments are delimited already
  }
}

// Upper bound on printed length, saturating, to refuse huge outputs before building them.
void check_size(expr root, std::size_t limit) {
  std::unordered_map<std::uint32_t, std::size_t> size;
  for (expr e : topological_order(root)) {
    std::size_t s = e.arity() == 0 ? (e.is_variable() ? e.name().size() : 24) : 16;
    for (int i = 0; i < e.arity(); ++i) s += size[e.arg(i).id()];
    size[e.id()] = std::min(s, limit + 1);
  }
  if (size[root.id()] > limit) throw usage_error(messages::too_large_to_print(limit));
}

// An explicit work stack instead of recursion: each item is either text to append or a node to
// expand, so graphs of any depth print without growing the call stack.
struct work {
  expr node;
  const char* text;  // non-null: append this text
};

template <class Expand>
std::string print(expr root, const print_limits& limits, Expand&& expand) {
  check_size(root, limits.max_length);
  std::string out;
  std::vector<work> stack{{root, nullptr}};
  std::vector<work> pieces;
  while (!stack.empty()) {
    const work w = stack.back();
    stack.pop_back();
    if (w.text) {
      out += w.text;
      continue;
    }
    pieces.clear();
    expand(w.node, out, pieces);
    for (auto it = pieces.rbegin(); it != pieces.rend(); ++it) stack.push_back(*it);
  }
  return out;
}

work text(const char* t) {
  return {expr(), t};
}
work node(expr e) {
  return {e, nullptr};
}

void push_operand(expr parent, int i, std::vector<work>& pieces, const char* open,
                  const char* close) {
  const bool p = needs_parens(parent, i);
  if (p) pieces.push_back(text(open));
  pieces.push_back(node(parent.arg(i)));
  if (p) pieces.push_back(text(close));
}

const char* infix_symbol(op o) {
  switch (o) {
    case op::add:
      return " + ";
    case op::sub:
      return " - ";
    case op::mul:
      return "*";
    case op::div:
      return "/";
    default:
      return "^";
  }
}

// Static storage for the names used as text pieces (op names are string literals already).
const char* c_name(op o) {
  static const auto names = [] {
    std::array<std::string, op_count> n;
    for (int i = 0; i < op_count; ++i) n[static_cast<std::size_t>(i)] = op_name(static_cast<op>(i));
    return n;
  }();
  return names[static_cast<std::size_t>(o)].c_str();
}

void expand_infix(expr e, std::string& out, std::vector<work>& pieces) {
  switch (e.kind()) {
    case op::constant:
      out += format_number(e.value());
      return;
    case op::variable:
      out += e.name();
      return;
    case op::pi:
      out += "pi";
      return;
    case op::euler:
      out += "e";
      return;
    case op::neg:
      pieces.push_back(text("-"));
      push_operand(e, 0, pieces, "(", ")");
      return;
    case op::add:
    case op::sub:
    case op::mul:
    case op::div:
    case op::pow:
      push_operand(e, 0, pieces, "(", ")");
      pieces.push_back(text(infix_symbol(e.kind())));
      push_operand(e, 1, pieces, "(", ")");
      return;
    default:
      pieces.push_back(text(c_name(e.kind())));
      pieces.push_back(text("("));
      pieces.push_back(node(e.arg(0)));
      if (e.arity() == 2) {
        pieces.push_back(text(", "));
        pieces.push_back(node(e.arg(1)));
      }
      pieces.push_back(text(")"));
  }
}

constexpr std::array<const char*, 24> greek = {
    "alpha", "beta",  "gamma",   "delta", "epsilon", "zeta", "eta",     "theta",
    "iota",  "kappa", "lambda",  "mu",    "nu",      "xi",   "omicron", "rho",
    "sigma", "tau",   "upsilon", "phi",   "chi",     "psi",  "omega",   "Gamma"};

// An underscore left in a name (x_, _a, a_b_c) is TeX's subscript operator unless escaped.
std::string latex_escaped(std::string_view s) {
  std::string out;
  for (const char c : s) {
    if (c == '_') out += '\\';
    out += c;
  }
  return out;
}

std::string latex_base(std::string_view base) {
  for (const char* g : greek)
    if (base == g) return base == "omicron" ? "o" : fmt::format("\\{}", base);
  if (base.size() == 1 && base != "_") return std::string(base);
  return fmt::format("\\mathit{{{}}}", latex_escaped(base));
}

// x1 -> x_{1}, x_1 -> x_{1}, x[0] -> x_{0}, alpha -> \alpha, xy -> \mathit{xy}
std::string latex_variable(std::string_view name) {
  std::string_view base = name, sub;
  if (auto b = name.find('['); b != std::string_view::npos) {
    base = name.substr(0, b);
    sub = name.substr(b + 1, name.size() - b - 2);
  } else if (auto u = name.find('_'); u != std::string_view::npos && u > 0 && u + 1 < name.size()) {
    base = name.substr(0, u);
    sub = name.substr(u + 1);
  } else {
    std::size_t d = name.size();
    while (d > 1 && name[d - 1] >= '0' && name[d - 1] <= '9') --d;
    if (d < name.size() && d > 0) {
      base = name.substr(0, d);
      sub = name.substr(d);
    }
  }
  std::string s = latex_base(base);
  if (!sub.empty()) s += fmt::format("_{{{}}}", latex_escaped(sub));
  return s;
}

std::string latex_number(double v) {
  std::string s = format_number(v);
  if (auto e = s.find('e'); e != std::string::npos) {
    std::string mantissa = s.substr(0, e);
    int exponent = std::stoi(s.substr(e + 1));
    return mantissa == "1" ? fmt::format("10^{{{}}}", exponent)
                           : fmt::format("{} \\cdot 10^{{{}}}", mantissa, exponent);
  }
  return s;
}

// Whether the LaTeX of operand `i` of `parent` begins with a digit (then a product needs \cdot).
bool latex_starts_with_digit(expr parent, int i) {
  expr e = parent.arg(i);
  if (needs_parens(parent, i)) return false;
  while (true) {
    switch (e.kind()) {
      case op::constant:
        return !std::signbit(e.value());
      case op::mul:
      case op::pow:
      case op::add:
      case op::sub:
        if (needs_parens(e, 0)) return false;
        e = e.arg(0);
        continue;
      case op::neg:
        return true;  // "2 -x" would misread; keep the dot
      default:
        return false;
    }
  }
}

const char* latex_function(op o) {
  switch (o) {
    case op::sin:
      return "\\sin";
    case op::cos:
      return "\\cos";
    case op::tan:
      return "\\tan";
    case op::asin:
      return "\\arcsin";
    case op::acos:
      return "\\arccos";
    case op::atan:
      return "\\arctan";
    case op::sinh:
      return "\\sinh";
    case op::cosh:
      return "\\cosh";
    case op::tanh:
      return "\\tanh";
    case op::exp:
      return "\\exp";
    case op::log:
      return "\\ln";
    case op::log10:
      return "\\log_{10}";
    case op::log2:
      return "\\log_{2}";
    case op::min:
      return "\\min";
    case op::max:
      return "\\max";
    case op::sigmoid:
      return "\\operatorname{sigmoid}";
    case op::softplus:
      return "\\operatorname{softplus}";
    case op::relu:
      return "\\operatorname{relu}";
    case op::erf:
      return "\\operatorname{erf}";
    case op::atan2:
      return "\\operatorname{atan2}";
    case op::hypot:
      return "\\operatorname{hypot}";
    default:
      return "\\operatorname{f}";
  }
}

void expand_latex(expr e, std::string& out, std::vector<work>& pieces) {
  constexpr const char* open = "\\left(";
  constexpr const char* close = "\\right)";
  switch (e.kind()) {
    case op::constant:
      out += latex_number(e.value());
      return;
    case op::variable:
      out += latex_variable(e.name());
      return;
    case op::pi:
      out += "\\pi";
      return;
    case op::euler:
      out += "e";
      return;
    case op::neg:
      pieces.push_back(text("-"));
      push_operand(e, 0, pieces, open, close);
      return;
    case op::add:
    case op::sub:
      push_operand(e, 0, pieces, open, close);
      pieces.push_back(text(e.kind() == op::add ? " + " : " - "));
      push_operand(e, 1, pieces, open, close);
      return;
    case op::mul:
      push_operand(e, 0, pieces, open, close);
      pieces.push_back(text(latex_starts_with_digit(e, 1) ? " \\cdot " : " "));
      push_operand(e, 1, pieces, open, close);
      return;
    case op::div:
      pieces.push_back(text("\\frac{"));
      pieces.push_back(node(e.arg(0)));
      pieces.push_back(text("}{"));
      pieces.push_back(node(e.arg(1)));
      pieces.push_back(text("}"));
      return;
    case op::pow:
      push_operand(e, 0, pieces, open, close);
      pieces.push_back(text("^{"));
      pieces.push_back(node(e.arg(1)));
      pieces.push_back(text("}"));
      return;
    case op::sqrt:
      pieces.push_back(text("\\sqrt{"));
      pieces.push_back(node(e.arg(0)));
      pieces.push_back(text("}"));
      return;
    case op::cbrt:
      pieces.push_back(text("\\sqrt[3]{"));
      pieces.push_back(node(e.arg(0)));
      pieces.push_back(text("}"));
      return;
    case op::abs:
      pieces.push_back(text("\\left|"));
      pieces.push_back(node(e.arg(0)));
      pieces.push_back(text("\\right|"));
      return;
    default:
      pieces.push_back(text(latex_function(e.kind())));
      pieces.push_back(text(open));
      pieces.push_back(node(e.arg(0)));
      if (e.arity() == 2) {
        pieces.push_back(text(", "));
        pieces.push_back(node(e.arg(1)));
      }
      pieces.push_back(text(close));
  }
}

}  // namespace

std::string format_number(double v) {
  if (std::isnan(v)) return "nan";  // the sign of a NaN carries no meaning for a reader
  return fmt::format("{}", v);
}

std::string to_string(expr e, const print_limits& limits) {
  return print(e, limits, expand_infix);
}
std::string to_latex(expr e, const print_limits& limits) {
  return print(e, limits, expand_latex);
}

}  // namespace kobai
