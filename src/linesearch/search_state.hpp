#pragma once
// Bookkeeping shared by the line searches: counts evaluations, records trial points, remembers the
// best finite point, and builds the result.
#include <cmath>
#include <string>

#include "kobai/linesearch/line_search.hpp"

namespace kobai::detail {

inline bool finite(const line_search_trial& t) noexcept {
  return std::isfinite(t.value) && std::isfinite(t.slope);
}

class search_state {
 public:
  /// Writes into `out`, reusing its storage (trials keeps its capacity).
  search_state(const phi_function& phi, phi_value zero, std::size_t max_evaluations,
               line_search_result& out)
      : phi_(phi), zero_(zero), max_evaluations_(max_evaluations), result_(out) {
    best_ = {0, zero.value, zero.slope};
    result_.trials.clear();
    result_.message.clear();
    result_.evaluations = 0;
  }

  /// φ at α, recorded.
  line_search_trial evaluate(double alpha) {
    const phi_value v = phi_(alpha);
    const line_search_trial t{alpha, v.value, v.slope};
    result_.trials.push_back(t);
    ++result_.evaluations;
    if (finite(t) && t.value < best_.value) best_ = t;
    return t;
  }
  bool budget_left() const noexcept { return result_.evaluations < max_evaluations_; }
  phi_value zero() const noexcept { return zero_; }

  line_search_status accept(const line_search_trial& t) {
    result_.alpha = t.alpha;
    result_.value = t.value;
    result_.slope = t.slope;
    result_.status = line_search_status::ok;
    return result_.status;
  }
  /// A failure; the result describes the best finite point seen.
  line_search_status fail(line_search_status s, std::string message) {
    result_.alpha = best_.alpha;
    result_.value = best_.value;
    result_.slope = best_.slope;
    result_.status = s;
    result_.message = std::move(message);
    return s;
  }

 private:
  const phi_function& phi_;
  phi_value zero_;
  std::size_t max_evaluations_;
  line_search_trial best_;
  line_search_result& result_;
};

line_search_status armijo_search(const phi_function& phi, phi_value zero, double alpha0,
                                 const armijo& o, line_search_result& out);
line_search_status more_thuente_search(const phi_function& phi, phi_value zero, double alpha0,
                                       const more_thuente& o, line_search_result& out);
line_search_status hager_zhang_search(const phi_function& phi, phi_value zero, double alpha0,
                                      const hager_zhang& o, line_search_result& out);

}  // namespace kobai::detail
