#include "kobai/optim/multistart.hpp"

#include <cmath>

#include "kobai/error.hpp"
#include "messages.hpp"

namespace kobai {

using optim_messages::requirement;

void validate(const box& b, const multistart_options& o, const std::vector<std::string>& names) {
  const auto name = [&](Eigen::Index i) {
    const auto u = static_cast<std::size_t>(i);
    return u < names.size() ? names[u] : detail::default_name(i);
  };
  if (b.lower.size() != b.upper.size() || b.lower.size() == 0)
    throw usage_error(optim_messages::dimension_mismatch(static_cast<std::size_t>(b.lower.size()),
                                                         static_cast<std::size_t>(b.upper.size())));
  for (Eigen::Index i = 0; i < b.lower.size(); ++i)
    if (!(b.lower[i] < b.upper[i]) || !std::isfinite(b.lower[i]) || !std::isfinite(b.upper[i]))
      throw usage_error(optim_messages::bad_box(name(i), b.lower[i], b.upper[i]));
  if (o.starts == 0)
    throw usage_error(
        optim_messages::out_of_range("starts (--starts)", requirement::at_least_one, 0));
  if (o.first.size() > 0) {
    if (o.first.size() != b.lower.size())
      throw usage_error(optim_messages::dimension_mismatch(
          static_cast<std::size_t>(b.lower.size()), static_cast<std::size_t>(o.first.size())));
    for (Eigen::Index i = 0; i < b.lower.size(); ++i)
      if (!(b.lower[i] <= o.first[i] && o.first[i] <= b.upper[i]))
        throw usage_error(
            optim_messages::start_outside_box(name(i), o.first[i], b.lower[i], b.upper[i]));
  }
  if (!(o.cluster_radius > 0))
    throw usage_error(
        optim_messages::out_of_range("cluster_radius", requirement::positive, o.cluster_radius));
}

std::vector<Eigen::VectorXd> draw_starts(const box& b, const multistart_options& o) {
  std::mt19937_64 rng(o.seed);
  std::vector<Eigen::VectorXd> starts;
  if (o.first.size() > 0) starts.push_back(o.first);
  while (starts.size() < o.starts) {
    Eigen::VectorXd x(b.lower.size());
    for (Eigen::Index i = 0; i < x.size(); ++i) {
      const double u = static_cast<double>(rng() >> 11) * 0x1.0p-53;
      x[i] = b.lower[i] + u * (b.upper[i] - b.lower[i]);
    }
    starts.push_back(std::move(x));
  }
  return starts;
}

std::vector<found_minimum> cluster_minima(const std::vector<result>& runs, double radius) {
  std::vector<found_minimum> minima;
  for (const result& r : runs) {
    if (!converged(r.status) || !std::isfinite(r.f)) continue;
    auto it = std::find_if(minima.begin(), minima.end(), [&](const found_minimum& m) {
      return (m.x - r.x).norm() <= radius * (1 + m.x.norm());
    });
    if (it == minima.end()) {
      minima.push_back({r.x, r.f, 1});
    } else {
      ++it->starts;
      if (r.f < it->f) {
        it->x = r.x;
        it->f = r.f;
      }
    }
  }
  std::stable_sort(minima.begin(), minima.end(),
                   [](const found_minimum& a, const found_minimum& b) { return a.f < b.f; });
  return minima;
}

}  // namespace kobai
