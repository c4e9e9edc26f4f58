#include "kobai/diff/simplify.hpp"

#include <algorithm>
#include <bit>
#include <cmath>
#include <cstdint>
#include <numeric>
#include <utility>

#include "kobai/expr/id_map.hpp"
#include "terms.hpp"

namespace kobai {
namespace detail {
namespace {

// Leaves first (numbers, pi, e, variables), then operations in the order of the op enum.
int kind_rank(op k) {
  switch (k) {
    case op::constant:
      return 0;
    case op::pi:
      return 1;
    case op::euler:
      return 2;
    case op::variable:
      return 3;
    default:
      return 4 + static_cast<int>(k);
  }
}

int compare_numbers(double a, double b) {
  if (a < b) return -1;
  if (b < a) return 1;
  const auto ba = std::bit_cast<std::uint64_t>(a), bb = std::bit_cast<std::uint64_t>(b);
  return ba == bb ? 0 : (ba < bb ? -1 : 1);  // -0 against 0, NaNs: any fixed order
}

// One node of the comparison below: the order of x and y when their kinds or leaf contents
// differ, 0 when they are equal leaves, 2 when their operands decide.
int compare_node(expr x, expr y) {
  if (x == y) return 0;
  const int rx = kind_rank(x.kind()), ry = kind_rank(y.kind());
  if (rx != ry) return rx < ry ? -1 : 1;
  if (x.is_constant()) return compare_numbers(x.value(), y.value());
  if (x.is_variable()) {
    const std::string_view nx = x.name(), ny = y.name();
    if (natural_less(nx, ny)) return -1;
    if (natural_less(ny, nx)) return 1;
    return nx < ny ? -1 : 1;  // "x01" and "x1": natural order ties, keep a fixed order
  }
  return x.arity() == 0 ? 0 : 2;
}

// Lexicographic comparison of the two trees in pre-order, with an explicit stack. Hash-consing
// makes structurally equal trees the same node, so 0 means a == b. Two leaves (the usual case:
// two variables of a monomial) need no stack.
int structural_compare(expr a, expr b) {
  if (const int c = compare_node(a, b); c != 2) return c;
  std::vector<std::pair<expr, expr>> stack;
  for (int i = a.arity(); i-- > 0;) stack.emplace_back(a.arg(i), b.arg(i));
  while (!stack.empty()) {
    const auto [x, y] = stack.back();
    stack.pop_back();
    const int c = compare_node(x, y);
    if (c == 2) {
      for (int i = x.arity(); i-- > 0;) stack.emplace_back(x.arg(i), y.arg(i));
    } else if (c != 0) {
      return c;
    }
  }
  return 0;
}

double degree(const term& t) {
  double d = 0;
  for (const factor& f : t.factors)
    if (!f.constant) d += f.exponent;
  return d;
}

// Terms by descending degree (da, db: their degrees), then factor by factor (higher powers of
// the same base first).
int compare_terms(const term& a, const term& b, double da, double db) {
  if (da != db) return da > db ? -1 : 1;
  const std::size_t n = std::min(a.factors.size(), b.factors.size());
  for (std::size_t i = 0; i < n; ++i) {
    const factor& fa = a.factors[i];
    const factor& fb = b.factors[i];
    if (const int c = compare_atoms(fa, fb); c != 0) return c;
    if (fa.exponent != fb.exponent) return fa.exponent > fb.exponent ? -1 : 1;
  }
  if (a.factors.size() != b.factors.size()) return a.factors.size() < b.factors.size() ? -1 : 1;
  return 0;
}

bool is_integer(double v) {
  return std::isfinite(v) && v == std::nearbyint(v) && std::fabs(v) < 0x1p53;
}

// base^exponent as a number when that loses nothing: integer powers, or an exact integer result
// (4^0.5 = 2). sqrt(2) stays symbolic.
bool fold_power(double base, double exponent, double& out) {
  const double r = std::pow(base, exponent);
  if (!std::isfinite(r)) return false;
  if (is_integer(exponent) || is_integer(r)) {
    out = r;
    return true;
  }
  return false;
}

sum atom_sum(expr base, bool constant, double exponent = 1.0) {
  sum s;
  s.terms.push_back(term{1.0, {factor{base, exponent, constant}}});
  return s;
}

bool has_variables(const sum& s) {
  for (const term& t : s.terms)
    for (const factor& f : t.factors)
      if (!f.constant) return true;
  return false;
}

// u^(2k)·abs(u)^b → abs(u)^(2k + b) for integer k in a term, since u^(2k) = |u|^(2k): the
// derivatives of abs(u) carry u/abs(u), whose square would otherwise stay u^2·abs(u)^-2, 0·∞ at
// u = 0 (the second derivative of abs(x)^1.5 is then 0.75·abs(x)^-0.5, +∞ at 0 as it should be).
// The merged factor keeps abs(u)'s place, so the factors stay in canonical order.
void merge_even_powers_into_abs(term& t) {
  bool any = false;
  for (bool merged = true; merged; any = any || merged) {
    merged = false;
    for (std::size_t i = 0; i < t.factors.size() && !merged; ++i) {
      if (t.factors[i].base.kind() != op::abs || t.factors[i].exponent == 0) continue;
      const expr u = t.factors[i].base.arg(0);
      for (factor& f : t.factors) {
        if (f.base != u || f.exponent == 0 || !is_integer(f.exponent) ||
            std::fmod(f.exponent, 2.0) != 0)
          continue;
        t.factors[i].exponent += f.exponent;
        f.exponent = 0;
        merged = true;
        break;
      }
    }
  }
  if (any) t.factors.erase_if([](const factor& f) { return f.exponent == 0; });
}

term multiply_terms(const term& a, const term& b) {
  term r{a.coef * b.coef, {}};
  r.factors.reserve(a.factors.size() + b.factors.size());
  std::size_t i = 0, j = 0;
  while (i < a.factors.size() || j < b.factors.size()) {
    int c;
    if (i == a.factors.size())
      c = 1;
    else if (j == b.factors.size())
      c = -1;
    else
      c = a.factors[i].base == b.factors[j].base ? 0 : compare_atoms(a.factors[i], b.factors[j]);
    if (c < 0) {
      r.factors.push_back(a.factors[i++]);
    } else if (c > 0) {
      r.factors.push_back(b.factors[j++]);
    } else {
      factor f = a.factors[i++];
      f.exponent += b.factors[j++].exponent;
      double v;
      if (f.exponent == 0) continue;
      if (f.base.is_constant() && fold_power(f.base.value(), f.exponent, v)) {
        r.coef *= v;  // sqrt(2)*sqrt(2) = 2
        continue;
      }
      r.factors.push_back(f);
    }
  }
  merge_even_powers_into_abs(r);
  return r;
}

// A sum used as a factor is written with a positive numeric content taken out, so that
// (2*x + 2)*y and 2*(x + 1)*y are one form: the content is |leading coefficient| when every
// coefficient is an integer multiple of it, otherwise 1. (2*y - 2*x^2 is 2*(y - x^2).)
double content(const sum& s) {
  const double c0 = std::fabs(s.terms.front().coef);
  for (const term& t : s.terms)
    if (!is_integer(t.coef / c0)) return 1.0;
  return c0;
}

// The multi-term sum `s` to the power p (p ≠ 0, 1) as one term: content^p · (s/content)^p.
sum power_of_sum(sum s, double p) {
  double g = content(s);
  double gp = 1.0;
  if (g != 1.0 && !(fold_power(g, p, gp) && (is_integer(p) || g > 0))) {
    g = 1.0;
    gp = 1.0;
  }
  if (g != 1.0) s = scale(std::move(s), 1.0 / g);
  const bool constant = !has_variables(s);
  sum r = atom_sum(to_expr(s), constant, p);
  r.terms.front().coef = gp;
  return r;
}

sum apply_unary(op f, sum a) {
  switch (f) {
    case op::neg:
      return scale(std::move(a), -1.0);
    case op::sqrt:
      return power(std::move(a), 0.5);
    default:
      break;
  }
  normalize(a);
  double c;
  if (is_constant(a, &c)) {
    const double r = apply(f, c);
    if (is_integer(r)) return constant_sum(r);  // exp(0) = 1, log(1) = 0; sin(1) stays
  }
  if (f == op::log && a.terms.size() == 1 && a.terms[0].coef == 1.0 &&
      a.terms[0].factors.size() == 1 && a.terms[0].factors[0].base.kind() == op::euler)
    return constant_sum(a.terms[0].factors[0].exponent);  // log(e^k) = k
  const bool constant = !has_variables(a);
  return atom_sum(expr::unary(f, to_expr(a)), constant);
}

sum apply_binary(op f, sum a, sum b) {
  switch (f) {
    case op::add:
      if (a.terms.empty()) return b;
      a.terms.insert(a.terms.end(), std::make_move_iterator(b.terms.begin()),
                     std::make_move_iterator(b.terms.end()));
      a.normalized = a.normalized && b.terms.empty();
      return a;
    case op::sub:
      return apply_binary(op::add, std::move(a), scale(std::move(b), -1.0));
    case op::mul:
      return multiply(std::move(a), std::move(b));
    case op::div:
      return multiply(std::move(a), power(std::move(b), -1.0));
    default:
      break;
  }
  normalize(a);
  normalize(b);
  double ca, cb;
  const bool ka = is_constant(a, &ca), kb = is_constant(b, &cb);
  if (f == op::pow && kb) return power(std::move(a), cb);
  if (ka && kb) {
    const double r = apply(f, ca, cb);
    if (is_integer(r)) return constant_sum(r);
  }
  const expr ea = to_expr(a), eb = to_expr(b);
  if ((f == op::min || f == op::max) && ea == eb) return a;
  const bool constant = !has_variables(a) && !has_variables(b);
  return atom_sum(expr::binary(f, ea, eb), constant);
}

expr factor_expr(const factor& f, double e) {
  if (e == 1.0) return f.base;
  if (e == 0.5) return expr::unary(op::sqrt, f.base);
  return pow(f.base, expr::constant(e));
}

using factor_exprs = small_vector<expr, 6>;

expr product(const factor_exprs& fs) {
  expr p = fs.front();
  for (std::size_t i = 1; i < fs.size(); ++i) p = p * fs[i];
  return p;
}

}  // namespace

int compare_atoms(const factor& a, const factor& b) {
  if (a.base == b.base) return 0;
  if (a.constant != b.constant) return a.constant ? -1 : 1;
  // Shallower first: a structural property, so still canonical, and it settles most comparisons
  // of nested calls in O(1) instead of walking both trees.
  const std::uint32_t da = a.base.depth(), db = b.base.depth();
  if (da != db) return da < db ? -1 : 1;
  return structural_compare(a.base, b.base);
}

void normalize(sum& s) {
  if (s.normalized) return;
  const std::size_t n = s.terms.size();
  // Each term's degree once: the order compares degrees first, and a sort or a merge would
  // otherwise recompute both sides' degrees on every comparison.
  std::vector<double> degrees(n);
  for (std::size_t i = 0; i < n; ++i) degrees[i] = degree(s.terms[i]);
  const auto compare = [&](std::size_t i, std::size_t j) {
    return compare_terms(s.terms[i], s.terms[j], degrees[i], degrees[j]);
  };
  // Sums built term by term are often in order already (a derivative of a sorted polynomial);
  // the check costs n comparisons, the sort n log n.
  std::size_t unsorted = 1;
  while (unsorted < n && compare(unsorted, unsorted - 1) >= 0) ++unsorted;
  if (unsorted < n) {
    std::vector<std::size_t> order(n);
    std::iota(order.begin(), order.end(), std::size_t{0});
    std::stable_sort(order.begin(), order.end(),
                     [&](std::size_t i, std::size_t j) { return compare(i, j) < 0; });
    std::vector<term, scratch_allocator<term>> sorted;
    std::vector<double> sorted_degrees;
    sorted.reserve(n);
    sorted_degrees.reserve(n);
    for (const std::size_t i : order) {
      sorted.push_back(std::move(s.terms[i]));
      sorted_degrees.push_back(degrees[i]);
    }
    s.terms.swap(sorted);
    degrees.swap(sorted_degrees);
  }
  std::size_t out = 0;
  for (std::size_t i = 0; i < n;) {
    std::size_t j = i + 1;
    for (; j < n && compare(i, j) == 0; ++j) s.terms[i].coef += s.terms[j].coef;
    if (s.terms[i].coef != 0) {
      if (out != i) s.terms[out] = std::move(s.terms[i]);
      ++out;
    }
    i = j;
  }
  s.terms.resize(out);
  s.normalized = true;
}

sum constant_sum(double c) {
  sum s;
  if (c != 0) s.terms.push_back(term{c, {}});
  return s;
}

bool is_constant(const sum& s, double* value) {
  if (s.terms.empty()) {
    if (value) *value = 0;
    return true;
  }
  if (s.terms.size() == 1 && s.terms[0].factors.empty()) {
    if (value) *value = s.terms[0].coef;
    return true;
  }
  return false;
}

sum add(sum a, sum b) {
  sum r = apply_binary(op::add, std::move(a), std::move(b));
  normalize(r);
  return r;
}

sum scale(sum a, double c) {
  if (c == 0) return sum{};
  for (term& t : a.terms) t.coef *= c;
  if (c != 1.0) {
    // Products can underflow to 0; normalize drops such terms.
    for (const term& t : a.terms)
      if (t.coef == 0) a.normalized = false;
  }
  return a;
}

sum multiply(sum a, sum b) {
  normalize(a);
  normalize(b);
  double c;
  if (a.terms.empty() || b.terms.empty()) return sum{};
  if (is_constant(a, &c)) return scale(std::move(b), c);
  if (is_constant(b, &c)) return scale(std::move(a), c);
  const auto as_term = [](sum& s) {
    return s.terms.size() == 1 ? std::move(s.terms.front())
                               : power_of_sum(std::move(s), 1.0).terms.front();
  };
  const term ta = as_term(a), tb = as_term(b);
  sum r;
  r.terms.push_back(multiply_terms(ta, tb));
  if (r.terms.front().coef == 0) r.terms.clear();
  return r;
}

sum power(sum a, double p) {
  normalize(a);
  if (p == 0) return constant_sum(1.0);
  if (p == 1) return a;
  if (a.terms.empty()) {
    if (p > 0) return sum{};
    return atom_sum(expr(), true, p);  // 0^p for p < 0: kept, it is infinite
  }
  if (a.terms.size() > 1) return power_of_sum(std::move(a), p);
  term& t = a.terms.front();
  if (t.factors.empty()) {
    double v;
    if (fold_power(t.coef, p, v)) return constant_sum(v);
    return atom_sum(expr::constant(t.coef), true, p);
  }
  double cp = 1.0;
  bool ok = t.coef == 1.0 || (fold_power(t.coef, p, cp) && (is_integer(p) || t.coef > 0));
  if (!is_integer(p)) {
    // (u^a)^p = u^(a·p) needs u^a ≥ 0 or u ≥ 0: true when a is 1 (then it is the definition) or
    // not an integer (u^a is only real for u ≥ 0); (x^2)^0.5 = |x| stays as it is.
    for (const factor& f : t.factors)
      if (f.exponent != 1.0 && is_integer(f.exponent)) ok = false;
  }
  if (!ok) return atom_sum(to_expr(a), !has_variables(a), p);
  if (t.coef == 1.0) cp = 1.0;
  t.coef = cp;
  decltype(t.factors) kept;
  for (factor f : t.factors) {
    f.exponent *= p;
    double v;
    if (f.base.is_constant() && fold_power(f.base.value(), f.exponent, v)) {
      t.coef *= v;
      continue;
    }
    kept.push_back(f);
  }
  t.factors = std::move(kept);
  merge_even_powers_into_abs(t);
  return a;
}

expr term_to_expr(const term& t, bool leading) {
  const double c = leading ? t.coef : std::fabs(t.coef);
  factor_exprs num, den;
  for (const factor& f : t.factors) {
    if (f.exponent > 0)
      num.push_back(factor_expr(f, f.exponent));
    else
      den.push_back(factor_expr(f, -f.exponent));
  }
  expr n;
  if (num.empty()) {
    n = expr::constant(c);
  } else if (c == 1.0) {
    n = product(num);
  } else if (c == -1.0) {
    num.front() = -num.front();  // -x*y rather than -(x*y) or -1*x*y
    n = product(num);
  } else {
    n = expr::constant(c);
    for (expr f : num) n = n * f;  // left-associated: 4*x*y, not 4*(x*y)
  }
  if (!den.empty()) n = n / product(den);
  return n;
}

expr to_expr(const sum& s) {
  if (s.terms.empty()) return expr::constant(0.0);
  // A sum starts with its first positive term when it has one: `1 - x` rather than `-x + 1`
  // (one node fewer when the leading coefficient is -1, and how people write it).
  std::size_t first = 0;
  if (s.terms.front().coef < 0) {
    for (std::size_t i = 0; i < s.terms.size(); ++i) {
      if (s.terms[i].coef > 0) {
        first = i;
        break;
      }
    }
  }
  expr acc = term_to_expr(s.terms[first], true);
  for (std::size_t i = 0; i < s.terms.size(); ++i) {
    if (i == first) continue;
    const term& t = s.terms[i];
    const expr m = term_to_expr(t, false);
    acc = t.coef < 0 ? acc - m : acc + m;
  }
  return acc;
}

namespace {

bool one_term(const sum& s) {
  return s.normalized && s.terms.size() == 1;
}

}  // namespace

sum to_sum(expr root) {
  const std::vector<expr> order = topological_order(root);
  id_map<std::uint32_t> index(order.size());
  for (std::uint32_t k = 0; k < order.size(); ++k) index.emplace(order[k].id(), k);
  std::vector<std::uint32_t, scratch_allocator<std::uint32_t>> uses(order.size(), 0);
  for (expr e : order)
    for (int i = 0; i < e.arity(); ++i) ++uses[index[e.arg(i).id()]];
  std::vector<sum, scratch_allocator<sum>> reps(order.size());
  // The last use of a child's sum moves it instead of copying: a chain of n additions then costs
  // O(n) appends plus one sort, not O(n²).
  const auto take = [&](expr child) {
    const std::uint32_t i = index[child.id()];
    if (--uses[i] == 0) return std::move(reps[i]);
    return sum(reps[i]);
  };
  for (std::size_t k = 0; k < order.size(); ++k) {
    const expr e = order[k];
    switch (e.arity()) {
      case 0:
        if (e.is_constant())
          reps[k] = constant_sum(e.value());
        else
          reps[k] = atom_sum(e, !e.is_variable());
        break;
      case 1:
        reps[k] = apply_unary(e.kind(), take(e.arg(0)));
        break;
      default: {
        const std::uint32_t ia = index[e.arg(0).id()], ib = index[e.arg(1).id()];
        if (e.kind() == op::mul && ia != ib && one_term(reps[ia]) && one_term(reps[ib])) {
          // A product of one-term sums is the product of the terms (what multiply() does for
          // them). Reading the operands in place spares a copy of each shared one: in the
          // expanded polynomial every x^a, y^b and coefficient node is shared by many terms.
          term t = multiply_terms(reps[ia].terms.front(), reps[ib].terms.front());
          const bool last_a = --uses[ia] == 0, last_b = --uses[ib] == 0;
          sum r = last_a ? std::move(reps[ia]) : last_b ? std::move(reps[ib]) : sum{};
          if (last_a && last_b) reps[ib] = sum{};
          r.terms.resize(1);
          r.terms.front() = std::move(t);
          if (r.terms.front().coef == 0) r.terms.clear();
          reps[k] = std::move(r);
          break;
        }
        sum a = take(e.arg(0));
        sum b = take(e.arg(1));
        reps[k] = apply_binary(e.kind(), std::move(a), std::move(b));
      }
    }
  }
  sum r = std::move(reps.back());
  normalize(r);
  return r;
}

sum multiply_expanded(const sum& a, const sum& b) {
  sum r;
  for (const term& ta : a.terms)
    for (const term& tb : b.terms) r.terms.push_back(multiply_terms(ta, tb));
  r.normalized = false;
  normalize(r);
  return r;
}

}  // namespace detail

expr simplify(expr e) {
  return detail::to_expr(detail::to_sum(e));
}

}  // namespace kobai
