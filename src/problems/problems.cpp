// The test problems. Formulas are built as text by loops over the paper's index sets, so that the
// long ones (Gulf with m = 99, Osborne 2 with m = 65, Watson) are written out exactly once, here.
//
// Minimizers marked exact were either given exactly by the source (Rosenbrock's (1, 1)) or refined
// from the published approximate minimizer by Newton's method on ∇f in 40-digit arithmetic
// (mpmath), then rounded to double; their f is the 40-digit value rounded to double.
#include "kobai/problems/problems.hpp"

#include <algorithm>
#include <array>
#include <cmath>
#include <functional>
#include <limits>
#include <numeric>
#include <string>

#include <fmt/format.h>

#include "kobai/error.hpp"
#include "kobai/expr/print.hpp"
#include "messages.hpp"

namespace kobai::problems {
namespace {

using vec = Eigen::VectorXd;

// A number as formula text: shortest round-trip digits, parenthesised when negative so that it
// can stand anywhere ("x1 - (-0.5)").
std::string num(double v) {
  std::string s = format_number(v);
  return v < 0 ? "(" + s + ")" : s;
}

std::string x(std::size_t j) {
  return "x" + std::to_string(j);
}

// "x1 + x2 + … + xn" with an optional term function of j.
std::string sum_over(std::size_t from, std::size_t to,
                     const std::function<std::string(std::size_t)>& term) {
  std::string s;
  for (std::size_t j = from; j <= to; ++j) {
    if (!s.empty()) s += " + ";
    s += term(j);
  }
  return s.empty() ? "0" : s;
}

std::string sum_of_squares(const std::vector<std::string>& r) {
  std::string s;
  for (const std::string& ri : r) {
    if (!s.empty()) s += " + ";
    s += "(" + ri + ")^2";
  }
  return s;
}

vec values(std::initializer_list<double> v) {
  vec out(static_cast<Eigen::Index>(v.size()));
  Eigen::Index i = 0;
  for (double d : v) out[i++] = d;
  return out;
}

minimum exact_min(vec at, double f, std::string note = {}) {
  return {.x = std::move(at), .f = f, .global = true, .exact = true, .note = std::move(note)};
}
minimum local_min(vec at, double f, bool exact, std::string note) {
  return {.x = std::move(at), .f = f, .global = false, .exact = exact, .note = std::move(note)};
}
minimum value_only(double f, bool global, std::string note) {
  return {.x = {}, .f = f, .global = global, .exact = false, .note = std::move(note)};
}
// A minimum whose listed minimizer is one of many with the same value (see minimum::isolated).
minimum one_of_many(minimum m) {
  m.isolated = false;
  return m;
}

// A least-squares problem from its residuals.
problem least_squares(std::string name, std::string title, int mgh, std::size_t n,
                      std::vector<std::string> r, vec start, std::vector<minimum> minima,
                      std::string note = {}) {
  problem p;
  p.name = std::move(name);
  p.title = std::move(title);
  p.mgh = mgh;
  p.n = n;
  p.m = r.size();
  p.formula = sum_of_squares(r);
  p.residuals = std::move(r);
  p.start = std::move(start);
  p.minima = std::move(minima);
  p.note = std::move(note);
  return p;
}

constexpr const char* refined = "refined by Newton's method in 40 digits from the published value";

// ---- MGH 1–19: fixed dimensions -------------------------------------------------------------

problem rosenbrock() {
  problem p = least_squares("rosenbrock", "Rosenbrock", 1, 2, {"10*(x2 - x1^2)", "1 - x1"},
                            values({-1.2, 1}), {exact_min(values({1, 1}), 0)});
  p.formula = "100*(x2 - x1^2)^2 + (1 - x1)^2";
  return p;
}

problem freudenstein_roth() {
  return least_squares(
      "freudenstein_roth", "Freudenstein and Roth", 2, 2,
      {"-13 + x1 + ((5 - x2)*x2 - 2)*x2", "-29 + x1 + ((x2 + 1)*x2 - 14)*x2"}, values({0.5, -2}),
      {exact_min(values({5, 4}), 0), local_min(values({11.412778986902094, -0.89680525327447652}),
                                               48.98425367924002, true, refined)});
}

problem powell_badly_scaled() {
  return least_squares("powell_badly_scaled", "Powell badly scaled", 3, 2,
                       {"10000*x1*x2 - 1", "exp(-x1) + exp(-x2) - 1.0001"}, values({0, 1}),
                       {exact_min(values({1.0981593296998175e-5, 9.106146739866524}), 0, refined)});
}

problem brown_badly_scaled() {
  return least_squares("brown_badly_scaled", "Brown badly scaled", 4, 2,
                       {"x1 - 1000000", "x2 - 0.000002", "x1*x2 - 2"}, values({1, 1}),
                       {exact_min(values({1e6, 2e-6}), 0)});
}

problem beale() {
  const std::array<double, 3> y{1.5, 2.25, 2.625};
  std::vector<std::string> r;
  for (std::size_t i = 1; i <= 3; ++i)
    r.push_back(num(y[i - 1]) + " - x1*(1 - x2^" + std::to_string(i) + ")");
  return least_squares("beale", "Beale", 5, 2, r, values({1, 1}), {exact_min(values({3, 0.5}), 0)});
}

problem jennrich_sampson(std::size_t m) {
  std::vector<std::string> r;
  for (std::size_t i = 1; i <= m; ++i)
    r.push_back(std::to_string(2 + 2 * i) + " - (exp(" + std::to_string(i) + "*x1) + exp(" +
                std::to_string(i) + "*x2))");
  if (m != 10)
    return least_squares("jennrich_sampson", "Jennrich and Sampson", 6, 2, r, values({0.3, 0.4}),
                         {}, "the paper's reference minimum is for m = 10");
  return least_squares(
      "jennrich_sampson", "Jennrich and Sampson", 6, 2, r, values({0.3, 0.4}),
      {exact_min(values({0.25782521367036408, 0.25782521367036408}), 124.36218235561485, refined)},
      "m = 10, as in the paper's reference value");
}

problem helical_valley() {
  // θ = atan(x2/x1)/(2π), plus 1/2 when x1 < 0. Written without a conditional: (1 − x1/|x1|)/4 is
  // 0 for x1 > 0 and 1/2 for x1 < 0 (θ is undefined at x1 = 0 in the paper too).
  return least_squares("helical_valley", "Helical valley", 7, 3,
                       {"10*(x3 - 10*(atan(x2/x1)/(2*pi) + 0.25*(1 - x1/abs(x1))))",
                        "10*(sqrt(x1^2 + x2^2) - 1)", "x3"},
                       values({-1, 0, 0}), {exact_min(values({1, 0, 0}), 0)});
}

problem bard() {
  const std::array<double, 15> y{0.14, 0.18, 0.22, 0.25, 0.29, 0.32, 0.35, 0.39,
                                 0.37, 0.58, 0.73, 0.96, 1.34, 2.10, 4.39};
  std::vector<std::string> r;
  for (int i = 1; i <= 15; ++i) {
    const int u = i, v = 16 - i, w = std::min(u, v);
    r.push_back(num(y[i - 1]) + " - (x1 + " + std::to_string(u) + "/(" + std::to_string(v) +
                "*x2 + " + std::to_string(w) + "*x3))");
  }
  // As x2, x3 → −∞ the quotients vanish and f tends to Σ(yᵢ − ȳ)², its infimum over x1.
  return least_squares(
      "bard", "Bard", 8, 3, r, values({1, 1, 1}),
      {exact_min(values({0.082410559749788932, 1.1330360920297216, 2.3436951786425371}),
                 0.008214877306578975, refined),
       value_only(17.428693333333333, false,
                  "infimum at x = (0.84066666666666667, -inf, -inf): sum of (y_i - mean y)^2")});
}

problem gaussian() {
  const std::array<double, 15> y{0.0009, 0.0044, 0.0175, 0.0540, 0.1295, 0.2420, 0.3521, 0.3989,
                                 0.3521, 0.2420, 0.1295, 0.0540, 0.0175, 0.0044, 0.0009};
  std::vector<std::string> r;
  for (int i = 1; i <= 15; ++i) {
    const double t = (8.0 - i) / 2;
    r.push_back("x1*exp(-x2*(" + num(t) + " - x3)^2/2) - " + num(y[i - 1]));
  }
  return least_squares("gaussian", "Gaussian", 9, 3, r, values({0.4, 1, 0}),
                       {exact_min(values({0.39895613783875668, 1.0000190844878057, 0}),
                                  1.127932769618648e-8, refined)});
}

problem meyer() {
  const std::array<double, 16> y{34780, 28610, 23650, 19630, 16370, 13720, 11540, 9744,
                                 8261,  7030,  6005,  5147,  4427,  3820,  3307,  2872};
  std::vector<std::string> r;
  for (int i = 1; i <= 16; ++i)
    r.push_back("x1*exp(x2/(" + std::to_string(45 + 5 * i) + " + x3)) - " + num(y[i - 1]));
  return least_squares(
      "meyer", "Meyer", 10, 3, r, values({0.02, 4000, 250}),
      {exact_min(values({0.0056096364710280525, 6181.3463462863723, 345.2236346241365}),
                 87.94585517085112, refined)},
      "extremely badly scaled");
}

// f = 0 at (50, 25, 1.5) for every m: the data yᵢ are made from those parameters.
problem gulf(std::size_t m) {
  std::vector<std::string> r;
  for (std::size_t i = 1; i <= m; ++i) {
    const double t = static_cast<double>(i) / 100.0;
    const double y = 25 + std::pow(-50 * std::log(t), 2.0 / 3.0);
    r.push_back("exp(-abs(" + num(y) + " - x2)^x3/x1) - " + num(t));
  }
  return least_squares("gulf", "Gulf research and development", 11, 3, r, values({5, 2.5, 0.15}),
                       {exact_min(values({50, 25, 1.5}), 0)}, m == 99 ? "m = 99, as TOMS 566" : "");
}

// f = 0 at both minimizers for every m: each residual vanishes there whatever tᵢ is.
problem box_3d(std::size_t m) {
  std::vector<std::string> r;
  for (std::size_t i = 1; i <= m; ++i) {
    const double t = static_cast<double>(i) / 10.0;
    r.push_back("exp(-" + num(t) + "*x1) - exp(-" + num(t) + "*x2) - x3*" +
                num(std::exp(-t) - std::exp(-10 * t)));
  }
  return least_squares(
      "box_3d", "Box three-dimensional", 12, 3, r, values({0, 10, 20}),
      {exact_min(values({1, 10, 1}), 0),
       one_of_many(exact_min(values({10, 1, -1}), 0, "also wherever x1 = x2 and x3 = 0"))},
      m == 10 ? "m = 10, as TOMS 566" : "");
}

problem powell_singular() {
  return least_squares("powell_singular", "Powell singular", 13, 4,
                       {"x1 + 10*x2", "sqrt(5)*(x3 - x4)", "(x2 - 2*x3)^2", "sqrt(10)*(x1 - x4)^2"},
                       values({3, -1, 0, 1}),
                       {exact_min(vec::Zero(4), 0, "the Hessian is singular there")});
}

problem wood() {
  return least_squares("wood", "Wood", 14, 4,
                       {"10*(x2 - x1^2)", "1 - x1", "sqrt(90)*(x4 - x3^2)", "1 - x3",
                        "sqrt(10)*(x2 + x4 - 2)", "(x2 - x4)/sqrt(10)"},
                       values({-3, -1, -3, -1}), {exact_min(vec::Ones(4), 0)});
}

problem kowalik_osborne() {
  const std::array<double, 11> y{0.1957, 0.1947, 0.1735, 0.1600, 0.0844, 0.0627,
                                 0.0456, 0.0342, 0.0323, 0.0235, 0.0246};
  const std::array<double, 11> u{4, 2, 1, 0.5, 0.25, 0.167, 0.125, 0.1, 0.0833, 0.0714, 0.0625};
  std::vector<std::string> r;
  for (std::size_t i = 0; i < 11; ++i) {
    const std::string ui = num(u[i]), ui2 = num(u[i] * u[i]);
    r.push_back(num(y[i]) + " - x1*(" + ui2 + " + " + ui + "*x2)/(" + ui2 + " + " + ui +
                "*x3 + x4)");
  }
  return least_squares("kowalik_osborne", "Kowalik and Osborne", 15, 4, r,
                       values({0.25, 0.39, 0.415, 0.39}),
                       {exact_min(values({0.19280693457903785, 0.19128232873436696,
                                          0.12305650692632065, 0.13606233068379484}),
                                  0.00030750560384923743, refined),
                        value_only(1.02734e-3, false,
                                   "at x = (+inf, -14.07..., -inf, -inf), published to 6 digits")});
}

problem brown_dennis(std::size_t m) {
  std::vector<std::string> r;
  for (std::size_t i = 1; i <= m; ++i) {
    const double t = static_cast<double>(i) / 5.0;
    r.push_back("(x1 + " + num(t) + "*x2 - " + num(std::exp(t)) + ")^2 + (x3 + x4*" +
                num(std::sin(t)) + " - " + num(std::cos(t)) + ")^2");
  }
  if (m != 20)
    return least_squares("brown_dennis", "Brown and Dennis", 16, 4, r, values({25, 5, -5, -1}), {},
                         "the paper's reference minimum is for m = 20");
  return least_squares("brown_dennis", "Brown and Dennis", 16, 4, r, values({25, 5, -5, -1}),
                       {exact_min(values({-11.594439904762165, 13.203630051207204,
                                          -0.40343948817685952, 0.2367787744557363}),
                                  85822.20162635634, refined)},
                       "m = 20; start (25, 5, -5, -1), settled by the published f(x0)");
}

problem osborne_1() {
  const std::array<double, 33> y{0.844, 0.908, 0.932, 0.936, 0.925, 0.908, 0.881, 0.850, 0.818,
                                 0.784, 0.751, 0.718, 0.685, 0.658, 0.628, 0.603, 0.580, 0.558,
                                 0.538, 0.522, 0.506, 0.490, 0.478, 0.467, 0.457, 0.448, 0.438,
                                 0.431, 0.424, 0.420, 0.414, 0.411, 0.406};
  std::vector<std::string> r;
  for (int i = 1; i <= 33; ++i) {
    const std::string t = std::to_string(10 * (i - 1));
    r.push_back(num(y[i - 1]) + " - (x1 + x2*exp(-" + t + "*x4) + x3*exp(-" + t + "*x5))");
  }
  return least_squares(
      "osborne_1", "Osborne 1", 17, 5, r, values({0.5, 1.5, -1, 0.01, 0.02}),
      {exact_min(values({0.37541005210695204, 1.9358469127123674, -1.4646871366134231,
                         0.012867534640057289, 0.022122699661672611}),
                 5.4648946974829064e-05, refined)});
}

// f = 0 at both global minimizers for every m (the data are made from them); the local value is
// published for m = 13 only.
problem biggs_exp6(std::size_t m) {
  std::vector<std::string> r;
  for (std::size_t i = 1; i <= m; ++i) {
    const double t = static_cast<double>(i) / 10.0;
    const double y = std::exp(-t) - 5 * std::exp(-10 * t) + 3 * std::exp(-4 * t);
    const std::string ts = num(t);
    r.push_back("x3*exp(-" + ts + "*x1) - x4*exp(-" + ts + "*x2) + x6*exp(-" + ts + "*x5) - " +
                num(y));
  }
  std::vector<minimum> minima = {exact_min(values({1, 10, 1, 5, 4, 3}), 0),
                                 exact_min(values({4, 10, 3, 5, 1, 1}), 0)};
  if (m == 13)
    minima.push_back(value_only(5.65565e-3, false, "a local solution, published to 6 digits"));
  return least_squares("biggs_exp6", "Biggs EXP6", 18, 6, r, values({1, 2, 1, 1, 1, 1}),
                       std::move(minima), fmt::format("m = {}", m));
}

problem osborne_2() {
  const std::array<double, 65> y{
      1.366, 1.191, 1.112, 1.013, 0.991, 0.885, 0.831, 0.847, 0.786, 0.725, 0.746, 0.679, 0.608,
      0.655, 0.616, 0.606, 0.602, 0.626, 0.651, 0.724, 0.649, 0.649, 0.694, 0.644, 0.624, 0.661,
      0.612, 0.558, 0.533, 0.495, 0.500, 0.423, 0.395, 0.375, 0.372, 0.391, 0.396, 0.405, 0.428,
      0.429, 0.523, 0.562, 0.607, 0.653, 0.672, 0.708, 0.633, 0.668, 0.645, 0.632, 0.591, 0.559,
      0.597, 0.625, 0.739, 0.710, 0.729, 0.720, 0.636, 0.581, 0.428, 0.292, 0.162, 0.098, 0.054};
  std::vector<std::string> r;
  for (int i = 1; i <= 65; ++i) {
    const std::string t = num((i - 1) / 10.0);
    r.push_back(num(y[i - 1]) + " - (x1*exp(-" + t + "*x5) + x2*exp(-(" + t +
                " - x9)^2*x6) + x3*exp(-(" + t + " - x10)^2*x7) + x4*exp(-(" + t +
                " - x11)^2*x8))");
  }
  return least_squares(
      "osborne_2", "Osborne 2", 19, 11, r,
      values({1.3, 0.65, 0.65, 0.7, 0.6, 3, 5, 7, 2, 4.5, 5.5}),
      {exact_min(
          values({1.3099771546273005, 0.43155379460298892, 0.633661698960724, 0.5994305347859163,
                  0.75418322632801128, 0.90428857985963366, 1.3658118352370285, 4.8236988172271556,
                  2.3986848661317546, 4.5688745976676716, 5.6753414705806412}),
          0.040137736293547738, refined)});
}

// ---- MGH 20–35: variable dimension -----------------------------------------------------------

problem watson(std::size_t n) {
  std::vector<std::string> r;
  for (int i = 1; i <= 29; ++i) {
    const double t = i / 29.0;
    const std::string a = sum_over(2, n, [&](std::size_t j) {
      return num(static_cast<double>(j - 1) * std::pow(t, static_cast<double>(j) - 2)) + "*" + x(j);
    });
    const std::string b = sum_over(1, n, [&](std::size_t j) {
      return num(std::pow(t, static_cast<double>(j) - 1)) + "*" + x(j);
    });
    r.push_back(a + " - (" + b + ")^2 - 1");
  }
  r.push_back("x1");
  r.push_back("x2 - x1^2 - 1");
  std::vector<minimum> minima;
  if (n == 6)
    minima.push_back(
        exact_min(values({-0.015725086401458457, 1.0124348693691099, -0.23299162595673768,
                          1.2604300877996083, -1.5137289227222797, 0.99299643243113452}),
                  0.0022876700535524362, refined));
  else if (n == 9)
    minima.push_back(value_only(1.39976e-6, true, "published to 6 digits (n = 9)"));
  else if (n == 12)
    minima.push_back(value_only(4.72238e-10, true, "published to 6 digits (n = 12)"));
  problem p = least_squares("watson", "Watson", 20, n, r, vec::Zero(static_cast<Eigen::Index>(n)),
                            minima, "2 <= n <= 31, m = 31");
  return p;
}

problem extended_rosenbrock(std::size_t n) {
  std::vector<std::string> r;
  vec start(static_cast<Eigen::Index>(n));
  for (std::size_t i = 1; 2 * i <= n; ++i) {
    r.push_back("10*(" + x(2 * i) + " - " + x(2 * i - 1) + "^2)");
    r.push_back("1 - " + x(2 * i - 1));
    start[static_cast<Eigen::Index>(2 * i - 2)] = -1.2;
    start[static_cast<Eigen::Index>(2 * i - 1)] = 1;
  }
  return least_squares("extended_rosenbrock", "Extended Rosenbrock", 21, n, r, start,
                       {exact_min(vec::Ones(static_cast<Eigen::Index>(n)), 0)}, "n even, m = n");
}

problem extended_powell(std::size_t n) {
  std::vector<std::string> r;
  vec start(static_cast<Eigen::Index>(n));
  for (std::size_t b = 0; b + 4 <= n; b += 4) {
    const std::string a = x(b + 1), c = x(b + 2), d = x(b + 3), e = x(b + 4);
    r.push_back(a + " + 10*" + c);
    r.push_back("sqrt(5)*(" + d + " - " + e + ")");
    r.push_back("(" + c + " - 2*" + d + ")^2");
    r.push_back("sqrt(10)*(" + a + " - " + e + ")^2");
    start.segment(static_cast<Eigen::Index>(b), 4) = values({3, -1, 0, 1});
  }
  return least_squares("extended_powell", "Extended Powell singular", 22, n, r, start,
                       {exact_min(vec::Zero(static_cast<Eigen::Index>(n)), 0)},
                       "n a multiple of 4, m = n");
}

problem penalty_1(std::size_t n) {
  const std::string sa = num(std::sqrt(1e-5));
  std::vector<std::string> r;
  vec start(static_cast<Eigen::Index>(n));
  for (std::size_t i = 1; i <= n; ++i) {
    r.push_back(sa + "*(" + x(i) + " - 1)");
    start[static_cast<Eigen::Index>(i - 1)] = static_cast<double>(i);
  }
  r.push_back(sum_over(1, n, [](std::size_t j) { return x(j) + "^2"; }) + " - 0.25");
  std::vector<minimum> minima;
  if (n == 4)
    minima.push_back(
        exact_min(vec::Constant(4, 0.25000749958753787), 2.2499775008999370e-05, refined));
  else if (n == 10)
    minima.push_back(value_only(7.08765e-5, true, "published to 6 digits (n = 10)"));
  return least_squares("penalty_1", "Penalty I", 23, n, r, start, minima, "a = 1e-5, m = n + 1");
}

problem penalty_2(std::size_t n) {
  const std::string sa = num(std::sqrt(1e-5));
  std::vector<std::string> r{"x1 - 0.2"};
  for (std::size_t i = 2; i <= n; ++i) {
    const double y = std::exp(i / 10.0) + std::exp((i - 1.0) / 10.0);
    r.push_back(sa + "*(exp(" + x(i) + "/10) + exp(" + x(i - 1) + "/10) - " + num(y) + ")");
  }
  for (std::size_t i = n + 1; i < 2 * n; ++i)
    r.push_back(sa + "*(exp(" + x(i - n + 1) + "/10) - " + num(std::exp(-0.1)) + ")");
  r.push_back(
      sum_over(1, n, [&](std::size_t j) { return std::to_string(n - j + 1) + "*" + x(j) + "^2"; }) +
      " - 1");
  std::vector<minimum> minima;
  if (n == 4)
    minima.push_back(exact_min(values({0.19999933335038038, 0.19131670099277245,
                                       0.48010148533262317, 0.51884540439020059}),
                               9.3762930073554415e-06, refined));
  else if (n == 10)
    minima.push_back(value_only(2.93660e-4, true, "published to 6 digits (n = 10)"));
  return least_squares("penalty_2", "Penalty II", 24, n, r,
                       vec::Constant(static_cast<Eigen::Index>(n), 0.5), minima,
                       "a = 1e-5, m = 2n");
}

problem variably_dimensioned(std::size_t n) {
  std::vector<std::string> r;
  vec start(static_cast<Eigen::Index>(n));
  for (std::size_t i = 1; i <= n; ++i) {
    r.push_back(x(i) + " - 1");
    start[static_cast<Eigen::Index>(i - 1)] = 1 - static_cast<double>(i) / static_cast<double>(n);
  }
  const std::string s =
      sum_over(1, n, [](std::size_t j) { return std::to_string(j) + "*(" + x(j) + " - 1)"; });
  r.push_back(s);
  r.push_back("(" + s + ")^2");
  return least_squares("variably_dimensioned", "Variably dimensioned", 25, n, r, start,
                       {exact_min(vec::Ones(static_cast<Eigen::Index>(n)), 0)}, "m = n + 2");
}

problem trigonometric(std::size_t n) {
  const std::string cosines = sum_over(1, n, [](std::size_t j) { return "cos(" + x(j) + ")"; });
  std::vector<std::string> r;
  for (std::size_t i = 1; i <= n; ++i)
    r.push_back(std::to_string(n) + " - (" + cosines + ") + " + std::to_string(i) + "*(1 - cos(" +
                x(i) + ")) - sin(" + x(i) + ")");
  std::vector<minimum> minima{one_of_many(
      exact_min(vec::Zero(static_cast<Eigen::Index>(n)), 0, "one of several minimizers"))};
  // For n = 10 the standard start lies in the basin of a strict local minimum, where L-BFGS
  // (kobai, liblbfgs, NLopt, Ceres, SciPy) and BFGS stop. Published as f = 2.79506e-5 in the MGH
  // driver of SolvOpt (Kuntsevich & Kappel, unctest.m) and in Gonum's optimize test functions
  // (with x to six digits); refined here by Newton's method in 50 digits, where the Hessian's
  // eigenvalues are 0.063 to 2.6.
  if (n == 10)
    minima.push_back(local_min(
        values({0.055150903980691293, 0.056840616794738563, 0.058764001762695084,
                0.060990608656760805, 0.06362621369585451, 0.066843179452758789,
                0.20816151856988116, 0.16436309588564774, 0.085006895688507445,
                0.091431450714707944}),
        2.795056121879456e-05, true, "published local minimum (n = 10), refined in 50 digits"));
  return least_squares("trigonometric", "Trigonometric", 26, n, r,
                       vec::Constant(static_cast<Eigen::Index>(n), 1.0 / static_cast<double>(n)),
                       std::move(minima), "m = n");
}

problem brown_almost_linear(std::size_t n) {
  const std::string s = sum_over(1, n, [](std::size_t j) { return x(j); });
  std::vector<std::string> r;
  for (std::size_t i = 1; i < n; ++i)
    r.push_back(x(i) + " + (" + s + ") - " + std::to_string(n + 1));
  std::string product;
  for (std::size_t j = 1; j <= n; ++j) product += (j > 1 ? "*" : "") + x(j);
  r.push_back(product + " - 1");
  // MGH also give f = 1 at (0, …, 0, n + 1), where ∇f = 0 for n ≥ 3. It is not a minimum:
  // along (ε, …, ε, n + 1 − nε) the first n − 1 residuals stay 0 while Πxⱼ grows from 0, so f
  // falls below 1 (n = 3: f(0.05, 0.05, 3.85) = 0.9808). A run that ends there has not solved
  // the problem, so it is not listed.
  std::vector<minimum> minima{
      one_of_many(exact_min(vec::Ones(static_cast<Eigen::Index>(n)), 0,
                            "also at (a, ..., a, a^(1-n)) for the other roots a of "
                            "n a^n - (n+1) a^(n-1) + 1 = 0"))};
  return least_squares("brown_almost_linear", "Brown almost-linear", 27, n, r,
                       vec::Constant(static_cast<Eigen::Index>(n), 0.5), minima, "m = n");
}

// MGH 28 and 29 start at xⱼ = tⱼ(tⱼ − 1), tⱼ = j/(n + 1).
vec boundary_start(std::size_t n) {
  vec start(static_cast<Eigen::Index>(n));
  const double h = 1.0 / static_cast<double>(n + 1);
  for (std::size_t j = 1; j <= n; ++j) {
    const double t = static_cast<double>(j) * h;
    start[static_cast<Eigen::Index>(j - 1)] = t * (t - 1);
  }
  return start;
}

std::vector<minimum> boundary_solution(std::size_t n) {
  if (n == 10)
    return {exact_min(values({-0.043164982518764871, -0.081577156535386882, -0.11448571438052929,
                              -0.14097357686259668, -0.15990869618198312, -0.16987720231277492,
                              -0.16908998378120835, -0.15524953522183182, -0.12535589167893499,
                              -0.075416533685892084}),
                      0, refined)};
  return {value_only(0, true, "the solution of the discretized boundary value problem")};
}

problem discrete_boundary_value(std::size_t n) {
  const double h = 1.0 / static_cast<double>(n + 1);
  std::vector<std::string> r;
  for (std::size_t i = 1; i <= n; ++i) {
    std::string ri = "2*" + x(i);
    if (i > 1) ri += " - " + x(i - 1);
    if (i < n) ri += " - " + x(i + 1);
    ri +=
        " + " + num(h * h / 2) + "*(" + x(i) + " + " + num(static_cast<double>(i) * h) + " + 1)^3";
    r.push_back(ri);
  }
  return least_squares("discrete_boundary_value", "Discrete boundary value", 28, n, r,
                       boundary_start(n), boundary_solution(n), "m = n, h = 1/(n + 1)");
}

problem discrete_integral_equation(std::size_t n) {
  const double h = 1.0 / static_cast<double>(n + 1);
  auto t = [&](std::size_t j) { return static_cast<double>(j) * h; };
  auto cube = [&](std::size_t j) { return fmt::format("({} + {} + 1)^3", x(j), num(t(j))); };
  std::vector<std::string> r;
  for (std::size_t i = 1; i <= n; ++i) {
    // fᵢ = xᵢ + h[(1 − tᵢ)Σ_{j≤i} tⱼ(xⱼ + tⱼ + 1)³ + tᵢΣ_{j>i}(1 − tⱼ)(xⱼ + tⱼ + 1)³]/2, with the
    // constant factors h(1 − tᵢ)tⱼ/2 and h tᵢ(1 − tⱼ)/2 folded into one number per term.
    std::string ri = x(i);
    for (std::size_t j = 1; j <= n; ++j) {
      const double c = j <= i ? h * (1 - t(i)) * t(j) / 2 : h * t(i) * (1 - t(j)) / 2;
      ri += " + " + num(c) + "*" + cube(j);
    }
    r.push_back(ri);
  }
  return least_squares("discrete_integral_equation", "Discrete integral equation", 29, n, r,
                       boundary_start(n), boundary_solution(n), "m = n, h = 1/(n + 1)");
}

problem broyden_tridiagonal(std::size_t n) {
  std::vector<std::string> r;
  for (std::size_t i = 1; i <= n; ++i) {
    std::string ri = "(3 - 2*" + x(i) + ")*" + x(i);
    if (i > 1) ri += " - " + x(i - 1);
    if (i < n) ri += " - 2*" + x(i + 1);
    r.push_back(ri + " + 1");
  }
  std::vector<minimum> minima;
  if (n == 10)
    minima.push_back(
        exact_min(values({-0.57072213201122479, -0.68180694998427509, -0.70221007601766003,
                          -0.70551062989508039, -0.70490615572874367, -0.70149660702985113,
                          -0.69188932235479825, -0.66579651440585375, -0.59603510902636571,
                          -0.41641225752869335}),
                  0, refined));
  else
    minima.push_back(value_only(0, true, "a zero of the residuals"));
  return least_squares("broyden_tridiagonal", "Broyden tridiagonal", 30, n, r,
                       vec::Constant(static_cast<Eigen::Index>(n), -1), minima, "m = n");
}

problem broyden_banded(std::size_t n) {
  std::vector<std::string> r;
  for (std::size_t i = 1; i <= n; ++i) {
    std::string ri = x(i) + "*(2 + 5*" + x(i) + "^2) + 1";
    const std::size_t lo = i > 5 ? i - 5 : 1, hi = std::min(n, i + 1);
    for (std::size_t j = lo; j <= hi; ++j)
      if (j != i) ri += " - " + x(j) + "*(1 + " + x(j) + ")";
    r.push_back(ri);
  }
  std::vector<minimum> minima;
  if (n == 10)
    minima.push_back(
        exact_min(values({-0.42830286358725027, -0.47659642435629024, -0.51965246364686173,
                          -0.5580993248321809, -0.59250615682945735, -0.62450368219946792,
                          -0.62323947144059109, -0.6213938417965735, -0.62045359665908736,
                          -0.58646927072043507}),
                  0, refined));
  else
    minima.push_back(value_only(0, true, "a zero of the residuals"));
  return least_squares("broyden_banded", "Broyden banded", 31, n, r,
                       vec::Constant(static_cast<Eigen::Index>(n), -1), minima,
                       "m = n, lower bandwidth 5, upper 1");
}

problem linear_full_rank(std::size_t n, std::size_t m) {
  const std::string s = sum_over(1, n, [](std::size_t j) { return x(j); });
  const std::string c = num(2.0 / static_cast<double>(m));
  std::vector<std::string> r;
  for (std::size_t i = 1; i <= m; ++i)
    r.push_back((i <= n ? x(i) + " - " : "-") + c + "*(" + s + ") - 1");
  return least_squares(
      "linear_full_rank", "Linear function, full rank", 32, n, r,
      vec::Ones(static_cast<Eigen::Index>(n)),
      {exact_min(-vec::Ones(static_cast<Eigen::Index>(n)), static_cast<double>(m - n))}, "m >= n");
}

problem linear_rank_1(std::size_t n, std::size_t m) {
  const std::string s =
      sum_over(1, n, [](std::size_t j) { return std::to_string(j) + "*" + x(j); });
  std::vector<std::string> r;
  for (std::size_t i = 1; i <= m; ++i) r.push_back(std::to_string(i) + "*(" + s + ") - 1");
  // f* = m(m − 1)/(2(2m + 1)) wherever Σ j·xⱼ = 3/(2m + 1), e.g. at (3/(2m + 1), 0, …, 0).
  const double md = static_cast<double>(m);
  vec at = vec::Zero(static_cast<Eigen::Index>(n));
  at[0] = 3 / (2 * md + 1);
  return least_squares("linear_rank_1", "Linear function, rank 1", 33, n, r,
                       vec::Ones(static_cast<Eigen::Index>(n)),
                       {one_of_many(exact_min(at, md * (md - 1) / (2 * (2 * md + 1)),
                                              "any x with sum of j*x_j = 3/(2m + 1)"))},
                       "m >= n");
}

problem linear_rank_1_zero(std::size_t n, std::size_t m) {
  const std::string s =
      sum_over(2, n - 1, [](std::size_t j) { return std::to_string(j) + "*" + x(j); });
  std::vector<std::string> r{"-1"};
  for (std::size_t i = 2; i < m; ++i) r.push_back(std::to_string(i - 1) + "*(" + s + ") - 1");
  r.push_back("-1");
  // f* = (m² + 3m − 6)/(2(2m − 3)) wherever Σ_{j=2..n−1} j·xⱼ = 3/(2m − 3), e.g. x2 = 3/(2(2m −
  // 3)).
  const double md = static_cast<double>(m);
  vec at = vec::Zero(static_cast<Eigen::Index>(n));
  at[1] = 3 / (2 * (2 * md - 3));
  problem p = least_squares(
      "linear_rank_1_zero", "Linear function, rank 1 with zero columns and rows", 34, n, r,
      vec::Ones(static_cast<Eigen::Index>(n)),
      {one_of_many(exact_min(at, (md * md + 3 * md - 6) / (2 * (2 * md - 3)),
                             "any x with sum over j = 2..n-1 of j*x_j = 3/(2m - 3)"))},
      "m >= n; x1 and xn do not appear in f");
  return p;
}

// Coefficients of the Chebyshev polynomial T_k in powers of y (T₀ = 1, T₁ = y,
// T_{k+1} = 2yT_k − T_{k−1}).
std::vector<double> chebyshev(std::size_t k) {
  std::vector<double> a{1}, b{0, 1};
  if (k == 0) return a;
  for (std::size_t i = 1; i < k; ++i) {
    std::vector<double> c(b.size() + 1, 0.0);
    for (std::size_t d = 0; d < b.size(); ++d) c[d + 1] += 2 * b[d];
    for (std::size_t d = 0; d < a.size(); ++d) c[d] -= a[d];
    a = std::move(b);
    b = std::move(c);
  }
  return b;
}

problem chebyquad(std::size_t n, std::size_t m) {
  std::vector<std::string> r;
  for (std::size_t i = 1; i <= m; ++i) {
    const std::vector<double> c = chebyshev(i);
    std::string sum;
    for (std::size_t j = 1; j <= n; ++j) {
      const std::string y = fmt::format("(2*{} - 1)", x(j));
      for (std::size_t d = 0; d < c.size(); ++d) {
        if (c[d] == 0) continue;
        std::string term = format_number(std::fabs(c[d]));
        if (d == 1) term = fmt::format("{}*{}", term, y);
        if (d > 1) term = fmt::format("{}*{}^{}", term, y, d);
        if (sum.empty())
          sum = c[d] < 0 ? fmt::format("-{}", term) : term;
        else
          sum = fmt::format("{} {} {}", sum, c[d] < 0 ? '-' : '+', term);
      }
    }
    const double integral = i % 2 == 1 ? 0.0 : -1.0 / (static_cast<double>(i * i) - 1);
    r.push_back("(" + sum + ")/" + std::to_string(n) + " - " + num(integral));
  }
  std::vector<minimum> minima;
  if (n == 8 && m == 8)
    minima.push_back(
        exact_min(values({0.043152760151016631, 0.19309084038418612, 0.26632870689027293, 0.5, 0.5,
                          0.73367129310972707, 0.80690915961581388, 0.95684723984898337}),
                  0.0035168737256779317, refined));
  else if (m == n && (n <= 7 || n == 9))
    minima.push_back(value_only(0, true, "published (m = n)"));
  else if (m == n && n == 10)
    minima.push_back(value_only(6.50395e-3, true, "published to 6 digits (n = 10)"));
  // f sums the same Chebyshev polynomials over every xⱼ: a reordered minimizer is one too.
  for (minimum& each : minima) each.any_order = true;
  vec start(static_cast<Eigen::Index>(n));
  for (std::size_t j = 1; j <= n; ++j)
    start[static_cast<Eigen::Index>(j - 1)] = static_cast<double>(j) / static_cast<double>(n + 1);
  return least_squares("chebyquad", "Chebyquad", 35, n, r, start, minima, "m >= n");
}

// ---- the 2-D classics -------------------------------------------------------------------------

problem classic(std::string name, std::string title, std::string formula, vec start,
                std::vector<minimum> minima, std::string note) {
  problem p;
  p.name = std::move(name);
  p.title = std::move(title);
  p.n = 2;
  p.formula = std::move(formula);
  p.start = std::move(start);
  p.minima = std::move(minima);
  p.note = std::move(note);
  return p;
}

constexpr const char* chosen_start = "no standard start is published; this one is kobai's";

problem booth() {
  problem p = least_squares("booth", "Booth", 0, 2, {"x1 + 2*x2 - 7", "2*x1 + x2 - 5"},
                            values({0, 0}), {exact_min(values({1, 3}), 0)}, chosen_start);
  return p;
}

problem himmelblau() {
  return least_squares("himmelblau", "Himmelblau", 0, 2, {"x1^2 + x2 - 11", "x1 + x2^2 - 7"},
                       values({0, 0}),
                       {exact_min(values({3, 2}), 0),
                        exact_min(values({-2.8051180869527449, 3.131312518250573}), 0, refined),
                        exact_min(values({-3.7793102533777469, -3.2831859912861694}), 0, refined),
                        exact_min(values({3.5844283403304917, -1.8481265269644036}), 0, refined)},
                       std::string("four global minima; ") + chosen_start);
}

problem matyas() {
  return classic("matyas", "Matyas", "0.26*(x1^2 + x2^2) - 0.48*x1*x2", values({10, 8}),
                 {exact_min(values({0, 0}), 0)}, chosen_start);
}

problem three_hump_camel() {
  return classic("three_hump_camel", "Three-hump camel",
                 "2*x1^2 - 1.05*x1^4 + x1^6/6 + x1*x2 + x2^2", values({2, 1}),
                 {exact_min(values({0, 0}), 0),
                  local_min(values({1.7475523458302889, -0.87377617291514445}), 0.29863844223685982,
                            true, refined),
                  local_min(values({-1.7475523458302889, 0.87377617291514445}), 0.29863844223685982,
                            true, refined)},
                 chosen_start);
}

problem goldstein_price() {
  return classic("goldstein_price", "Goldstein-Price",
                 "(1 + (x1 + x2 + 1)^2*(19 - 14*x1 + 3*x1^2 - 14*x2 + 6*x1*x2 + 3*x2^2))"
                 "*(30 + (2*x1 - 3*x2)^2*(18 - 32*x1 + 12*x1^2 + 48*x2 - 36*x1*x2 + 27*x2^2))",
                 values({0, 0}),
                 {exact_min(values({0, -1}), 3), local_min(values({-0.6, -0.4}), 30, true, "exact"),
                  local_min(values({1.8, 0.2}), 84, true, "exact"),
                  local_min(values({1.2, 0.8}), 840, true, "exact")},
                 chosen_start);
}

// ---- the registry ----------------------------------------------------------------------------

struct entry {
  std::string_view name;
  std::size_t default_n, default_m;
  problem (*make)(std::size_t n, std::size_t m);
  // Variable-dimension problems: the validity check on (n, m), empty message when valid.
  std::string (*check)(std::size_t n, std::size_t m);
};

std::string any_n(std::size_t n, std::size_t) {
  return n >= 1 ? "" : messages::n_at_least(1);
}
std::string n_at_least_2(std::size_t n, std::size_t) {
  return n >= 2 ? "" : messages::n_at_least(2);
}
std::string even_n(std::size_t n, std::size_t) {
  return n >= 2 && n % 2 == 0 ? "" : messages::n_multiple_of(2);
}
std::string n_multiple_of_4(std::size_t n, std::size_t) {
  return n >= 4 && n % 4 == 0 ? "" : messages::n_multiple_of(4);
}
std::string watson_n(std::size_t n, std::size_t) {
  return n >= 2 && n <= 31 ? "" : messages::n_between(2, 31);
}
std::string m_at_least_n(std::size_t n, std::size_t m) {
  if (n < 1) return messages::n_at_least(1);
  return m >= n ? "" : messages::m_at_least_n(m, n);
}
// Problems of fixed n whose m can be chosen: the paper's m ≥ n, and for Gulf m ≤ 100 as well (its
// tᵢ = i/100 pass 1 beyond that, where yᵢ = 25 + (−50 ln tᵢ)^(2/3) is not a real number).
template <std::size_t N>
std::string fixed_n_m_at_least_n(std::size_t n, std::size_t m) {
  if (n != N) return messages::n_is_fixed(N);
  return m >= n ? "" : messages::m_at_least_n(m, n);
}
std::string gulf_m(std::size_t n, std::size_t m) {
  if (n != 3) return messages::n_is_fixed(3);
  return m >= 3 && m <= 100 ? "" : messages::m_between(3, 100);
}
std::string rank_1_zero(std::size_t n, std::size_t m) {
  if (n < 3) return messages::n_at_least(3);
  return m >= n ? "" : messages::m_at_least_n(m, n);
}

template <problem (*F)()>
problem nullary(std::size_t, std::size_t) {
  return F();
}
template <problem (*F)(std::size_t)>
problem unary(std::size_t n, std::size_t) {
  return F(n);
}
template <problem (*F)(std::size_t)>
problem of_m(std::size_t, std::size_t m) {
  return F(m);
}

const std::vector<entry>& registry() {
  static const std::vector<entry> table = {
      {"rosenbrock", 2, 2, nullary<rosenbrock>, nullptr},
      {"freudenstein_roth", 2, 2, nullary<freudenstein_roth>, nullptr},
      {"powell_badly_scaled", 2, 2, nullary<powell_badly_scaled>, nullptr},
      {"brown_badly_scaled", 2, 3, nullary<brown_badly_scaled>, nullptr},
      {"beale", 2, 3, nullary<beale>, nullptr},
      {"jennrich_sampson", 2, 10, of_m<jennrich_sampson>, fixed_n_m_at_least_n<2>},
      {"helical_valley", 3, 3, nullary<helical_valley>, nullptr},
      {"bard", 3, 15, nullary<bard>, nullptr},
      {"gaussian", 3, 15, nullary<gaussian>, nullptr},
      {"meyer", 3, 16, nullary<meyer>, nullptr},
      {"gulf", 3, 99, of_m<gulf>, gulf_m},
      {"box_3d", 3, 10, of_m<box_3d>, fixed_n_m_at_least_n<3>},
      {"powell_singular", 4, 4, nullary<powell_singular>, nullptr},
      {"wood", 4, 6, nullary<wood>, nullptr},
      {"kowalik_osborne", 4, 11, nullary<kowalik_osborne>, nullptr},
      {"brown_dennis", 4, 20, of_m<brown_dennis>, fixed_n_m_at_least_n<4>},
      {"osborne_1", 5, 33, nullary<osborne_1>, nullptr},
      {"biggs_exp6", 6, 13, of_m<biggs_exp6>, fixed_n_m_at_least_n<6>},
      {"osborne_2", 11, 65, nullary<osborne_2>, nullptr},
      {"watson", 6, 31, unary<watson>, watson_n},
      {"extended_rosenbrock", 10, 10, unary<extended_rosenbrock>, even_n},
      {"extended_powell", 12, 12, unary<extended_powell>, n_multiple_of_4},
      {"penalty_1", 4, 5, unary<penalty_1>, any_n},
      {"penalty_2", 4, 8, unary<penalty_2>, n_at_least_2},
      {"variably_dimensioned", 10, 12, unary<variably_dimensioned>, any_n},
      {"trigonometric", 10, 10, unary<trigonometric>, any_n},
      {"brown_almost_linear", 10, 10, unary<brown_almost_linear>, n_at_least_2},
      {"discrete_boundary_value", 10, 10, unary<discrete_boundary_value>, any_n},
      {"discrete_integral_equation", 10, 10, unary<discrete_integral_equation>, any_n},
      {"broyden_tridiagonal", 10, 10, unary<broyden_tridiagonal>, any_n},
      {"broyden_banded", 10, 10, unary<broyden_banded>, any_n},
      {"linear_full_rank", 10, 20, linear_full_rank, m_at_least_n},
      {"linear_rank_1", 10, 20, linear_rank_1, m_at_least_n},
      {"linear_rank_1_zero", 10, 20, linear_rank_1_zero, rank_1_zero},
      {"chebyquad", 8, 8, chebyquad, m_at_least_n},
      {"booth", 2, 2, nullary<booth>, nullptr},
      {"himmelblau", 2, 2, nullary<himmelblau>, nullptr},
      {"matyas", 2, 0, nullary<matyas>, nullptr},
      {"three_hump_camel", 2, 0, nullary<three_hump_camel>, nullptr},
      {"goldstein_price", 2, 0, nullary<goldstein_price>, nullptr},
  };
  return table;
}

// Default m for a chosen n of a variable-dimension problem (n is fixed for the first five).
std::size_t default_m(std::string_view name, std::size_t n) {
  if (name == "jennrich_sampson" || name == "box_3d") return 10;
  if (name == "gulf") return 99;
  if (name == "brown_dennis") return 20;
  if (name == "biggs_exp6") return 13;
  if (name == "watson") return 31;
  if (name == "penalty_1") return n + 1;
  if (name == "penalty_2") return 2 * n;
  if (name == "variably_dimensioned") return n + 2;
  if (name.starts_with("linear_")) return 2 * n;
  return n;
}

const entry* find_entry(std::string_view name) {
  // "mgh7" and "mgh07" name MGH 7.
  if (name.starts_with("mgh") && name.size() > 3) {
    int k = 0;
    for (char c : name.substr(3)) {
      if (c < '0' || c > '9') return nullptr;
      k = k * 10 + (c - '0');
      if (k > 35) return nullptr;
    }
    return k >= 1 ? &registry()[static_cast<std::size_t>(k - 1)] : nullptr;
  }
  for (const entry& e : registry())
    if (e.name == name) return &e;
  return nullptr;
}

}  // namespace

std::vector<std::string> problem::variables() const {
  std::vector<std::string> v;
  for (std::size_t j = 1; j <= n; ++j) v.push_back(x(j));
  return v;
}

bool value_matches(const minimum& m, double f) {
  return std::abs(f - m.f) <= 1e-6 * std::max(1.0, std::abs(m.f));
}

Eigen::VectorXd minimizer_like(const minimum& m, const Eigen::VectorXd& x) {
  if (!m.any_order || m.x.size() != x.size()) return m.x;
  const auto n = static_cast<std::size_t>(x.size());
  std::vector<Eigen::Index> by_x(n), by_m(n);
  std::iota(by_x.begin(), by_x.end(), Eigen::Index{0});
  by_m = by_x;
  std::stable_sort(by_x.begin(), by_x.end(),
                   [&](Eigen::Index a, Eigen::Index b) { return x[a] < x[b]; });
  std::stable_sort(by_m.begin(), by_m.end(),
                   [&](Eigen::Index a, Eigen::Index b) { return m.x[a] < m.x[b]; });
  Eigen::VectorXd aligned(x.size());
  for (std::size_t r = 0; r < n; ++r) aligned[by_x[r]] = m.x[by_m[r]];
  return aligned;
}

bool near_minimizer(const minimum& m, const Eigen::VectorXd& x) {
  if (m.x.size() == 0 || m.x.size() != x.size()) return false;
  const double near = 1e-2 * std::max(1.0, m.x.lpNorm<Eigen::Infinity>());
  return (x - minimizer_like(m, x)).lpNorm<Eigen::Infinity>() <= near;
}

namespace {

// x lies in [lower, upper]; empty bounds are no bounds.
bool in_box(const Eigen::VectorXd& x, const Eigen::VectorXd& lower, const Eigen::VectorXd& upper) {
  if (lower.size() != x.size() || upper.size() != x.size()) return true;
  return (x.array() >= lower.array()).all() && (x.array() <= upper.array()).all();
}

}  // namespace

const minimum* reached_minimum(const problem& p, const Eigen::VectorXd& x, double f,
                               const Eigen::VectorXd& lower, const Eigen::VectorXd& upper) {
  if (!std::isfinite(f)) return nullptr;
  // A listed minimizer near x: the nearest, as only one of minima far apart can be near.
  const minimum* best = nullptr;
  double best_distance = std::numeric_limits<double>::infinity();
  for (const minimum& m : p.minima) {
    if (!value_matches(m, f) || !near_minimizer(m, x)) continue;
    const Eigen::VectorXd at = minimizer_like(m, x);
    if (!in_box(at, lower, upper)) continue;
    const double d = (x - at).lpNorm<Eigen::Infinity>();
    if (d < best_distance) {
      best = &m;
      best_distance = d;
    }
  }
  if (best) return best;
  // The value of a minimum whose minimizers are not all listed, global ones first as listed.
  for (const minimum& m : p.minima)
    if (m.x.size() > 0 && !m.isolated && std::abs(f - m.f) <= 1e-6 * std::max(std::abs(m.f), 1e-4))
      return &m;
  for (const minimum& m : p.minima)
    if (m.x.size() == 0 && value_matches(m, f)) return &m;
  return nullptr;
}

bool global_minimizers_outside(const problem& p, const Eigen::VectorXd& lower,
                               const Eigen::VectorXd& upper) {
  bool listed = false;
  for (const minimum& m : p.minima) {
    if (!m.global || m.x.size() != static_cast<Eigen::Index>(p.n)) continue;
    if (in_box(m.x, lower, upper)) return false;
    listed = true;
  }
  return listed;
}

const std::vector<problem>& all() {
  static const std::vector<problem> problems = [] {
    std::vector<problem> out;
    for (const entry& e : registry()) {
      problem p = e.make(e.default_n, e.default_m);
      p.variable_dimension = e.check != nullptr;
      out.push_back(std::move(p));
    }
    return out;
  }();
  return problems;
}

const problem* find_problem(std::string_view name) {
  const entry* e = find_entry(name);
  if (e == nullptr) return nullptr;
  return &all()[static_cast<std::size_t>(e - registry().data())];
}

problem make_problem(std::string_view name, std::size_t n, std::size_t m) {
  const entry* e = find_entry(name);
  if (e == nullptr) throw usage_error(messages::unknown_problem(name));
  if (e->check == nullptr) {
    if (n != e->default_n || (m != 0 && m != e->default_m))
      throw usage_error(messages::fixed_dimension(e->name, e->default_n, e->default_m));
    return *find_problem(name);
  }
  // The problems whose m the paper leaves free (m ≥ n, Gulf's n ≤ m ≤ 100); m follows n elsewhere.
  const bool m_free = e->name.starts_with("linear_") || e->name == "chebyquad" ||
                      e->name == "jennrich_sampson" || e->name == "gulf" || e->name == "box_3d" ||
                      e->name == "brown_dennis" || e->name == "biggs_exp6";
  if (m == 0) m = default_m(e->name, n);
  if (!m_free && m != default_m(e->name, n))
    throw usage_error(messages::m_is_fixed(e->name, default_m(e->name, n), n));
  if (std::string why = e->check(n, m); !why.empty())
    throw usage_error(messages::bad_dimension(e->name, why));
  problem p = e->make(n, m);
  p.variable_dimension = true;
  return p;
}

}  // namespace kobai::problems
