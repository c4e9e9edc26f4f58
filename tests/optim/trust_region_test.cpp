// The trust-region subproblem solver (Moré & Sorensen) against closed forms: the Newton step
// inside the region, and on the boundary the solution of the secular equation in B's eigenbasis
// (Eigen's SelfAdjointEigenSolver), including the hard case, where g is orthogonal to the
// eigenvector of the most negative eigenvalue; and the radius rule of N&W Algorithm 4.1.
#include <gtest/gtest.h>

#include <Eigen/Eigenvalues>
#include <Eigen/QR>
#include <cmath>
#include <limits>
#include <vector>

#include "kobai/optim/detail/trust_region.hpp"

namespace kobai::detail {
namespace {

constexpr double nan = std::numeric_limits<double>::quiet_NaN();
constexpr double inf = std::numeric_limits<double>::infinity();

// An orthogonal matrix from the QR factorization of a matrix of sines (no random generator, so
// every platform builds the same one).
Eigen::MatrixXd orthogonal(Eigen::Index n, double phase) {
  Eigen::MatrixXd A(n, n);
  for (Eigen::Index i = 0; i < n; ++i)
    for (Eigen::Index j = 0; j < n; ++j)
      A(i, j) = std::sin(phase + static_cast<double>(1 + i + 3 * j) * 0.7);
  return Eigen::HouseholderQR<Eigen::MatrixXd>(A).householderQ() * Eigen::MatrixXd::Identity(n, n);
}

// B = Q diag(eigenvalues) Qᵀ.
Eigen::MatrixXd with_spectrum(const std::vector<double>& eigenvalues, double phase) {
  const auto n = static_cast<Eigen::Index>(eigenvalues.size());
  const Eigen::MatrixXd Q = orthogonal(n, phase);
  Eigen::VectorXd d(n);
  for (Eigen::Index i = 0; i < n; ++i) d[i] = eigenvalues[static_cast<std::size_t>(i)];
  return Q * d.asDiagonal() * Q.transpose();
}

double model(const Eigen::MatrixXd& B, const Eigen::VectorXd& g, const Eigen::VectorXd& p) {
  return g.dot(p) + 0.5 * p.dot(B * p);
}

// The exact solution from B = VΛVᵀ: the interior Newton step, or λ ≥ max(0, −λ₁) with
// Σ γ_i²/(λ_i + λ)² = Δ² (γ = Vᵀg) by bisection, or in the hard case λ = −λ₁ and
// p = −Σ_{λ_i > λ₁} γ_i/(λ_i − λ₁)·v_i + τv₁ with ‖p‖ = Δ (N&W §4.3). Returns λ*; p* has the
// sign of τ ≥ 0 (both signs give the same m).
struct exact {
  double lambda;
  Eigen::VectorXd p;
  bool hard;
};
exact solve_exactly(const Eigen::MatrixXd& B, const Eigen::VectorXd& g, double radius) {
  const Eigen::SelfAdjointEigenSolver<Eigen::MatrixXd> es(B);
  const Eigen::VectorXd ev = es.eigenvalues();  // ascending
  const Eigen::MatrixXd& V = es.eigenvectors();
  const Eigen::VectorXd gamma = V.transpose() * g;
  const Eigen::Index n = ev.size();
  const auto step = [&](double lambda) {
    Eigen::VectorXd c(n);
    for (Eigen::Index i = 0; i < n; ++i)
      c[i] = ev[i] + lambda > 0 ? -gamma[i] / (ev[i] + lambda) : 0.0;
    return Eigen::VectorXd(V * c);
  };
  if (ev[0] > 0 && step(0).norm() <= radius) return {0, step(0), false};
  const double floor = std::max(0.0, -ev[0]);
  const double scale = 1e-12 * std::max(1.0, ev.cwiseAbs().maxCoeff());
  if (std::abs(gamma[0]) <= scale) {
    // Components along every eigenvector of λ₁ are dropped by step() at λ = −λ₁.
    const Eigen::VectorXd p0 = step(floor);
    if (p0.norm() < radius) {
      const double tau = std::sqrt(radius * radius - p0.squaredNorm());
      return {floor, p0 + tau * V.col(0), true};
    }
  }
  double lo = floor, hi = floor + g.norm() / radius + 1;
  while (step(hi).norm() > radius) hi *= 2;
  for (int i = 0; i < 200; ++i) {
    const double mid = 0.5 * (lo + hi);
    (step(mid).norm() > radius ? lo : hi) = mid;
  }
  return {hi, step(hi), false};
}

const trust_region_tolerances tight{.boundary = 1e-12, .hard = 1e-14, .max_factorizations = 300};

TEST(trust_region_subproblem, returns_the_newton_step_when_it_lies_inside_the_region) {
  const Eigen::MatrixXd B = with_spectrum({0.5, 2, 3, 7, 11}, 0.3);
  const Eigen::VectorXd g = Eigen::VectorXd::LinSpaced(5, -1, 2);
  const Eigen::VectorXd newton = -B.llt().solve(g);
  trust_region_subproblem solver(5);
  Eigen::VectorXd p(5);
  const subproblem_solution s = solver.solve(B, g, 1.01 * newton.norm(), p);
  EXPECT_TRUE(s.interior);
  EXPECT_EQ(s.lambda, 0);
  EXPECT_EQ(s.factorizations, 1);
  EXPECT_LE((p - newton).norm(), 1e-12 * newton.norm());
  EXPECT_NEAR(s.predicted, -model(B, g, newton), 1e-12);
}

TEST(trust_region_subproblem, a_convex_model_with_a_long_newton_step_is_solved_on_the_boundary) {
  const Eigen::MatrixXd B = with_spectrum({0.5, 2, 3, 7, 11}, 0.3);
  const Eigen::VectorXd g = Eigen::VectorXd::LinSpaced(5, -1, 2);
  const double radius = 0.3 * B.llt().solve(g).norm();
  trust_region_subproblem solver(5);
  Eigen::VectorXd p(5);
  const subproblem_solution s = solver.solve(B, g, radius, p, tight);
  const exact e = solve_exactly(B, g, radius);
  EXPECT_FALSE(s.interior);
  EXPECT_TRUE(s.converged);
  EXPECT_NEAR(p.norm(), radius, 1e-11 * radius);
  EXPECT_GT(s.lambda, 0);
  EXPECT_NEAR(s.lambda, e.lambda, 1e-9 * e.lambda);
  EXPECT_LE((B * p + s.lambda * p + g).norm(), 1e-10 * g.norm());
  EXPECT_LE((p - e.p).norm(), 1e-9 * radius);
}

TEST(trust_region_subproblem,
     an_indefinite_model_is_solved_on_the_boundary_with_b_plus_lambda_psd) {
  const Eigen::MatrixXd B = with_spectrum({-3, -1, 0.5, 4, 9, 20}, 1.1);
  const Eigen::VectorXd g = Eigen::VectorXd::LinSpaced(6, 1, -2);
  for (const double radius : {0.01, 0.3, 1.0, 5.0, 100.0}) {
    SCOPED_TRACE(radius);
    trust_region_subproblem solver(6);
    Eigen::VectorXd p(6);
    const subproblem_solution s = solver.solve(B, g, radius, p, tight);
    const exact e = solve_exactly(B, g, radius);
    ASSERT_FALSE(e.hard);
    EXPECT_TRUE(s.converged);
    EXPECT_NEAR(p.norm(), radius, 1e-11 * radius);
    EXPECT_GE(s.lambda, 3);  // B + λI positive semidefinite: λ ≥ −λ₁
    const Eigen::MatrixXd shifted = B + s.lambda * Eigen::MatrixXd::Identity(6, 6);
    EXPECT_GE(Eigen::SelfAdjointEigenSolver<Eigen::MatrixXd>(shifted).eigenvalues()[0], 0);
    EXPECT_LE((shifted * p + g).norm(), 1e-9 * g.norm());
    EXPECT_NEAR(s.lambda, e.lambda, 1e-8 * e.lambda);
    EXPECT_LE((p - e.p).norm(), 1e-8 * radius);
  }
}

TEST(trust_region_subproblem, the_hard_case_adds_the_eigenvector_of_the_most_negative_eigenvalue) {
  // B = Q diag(−2, 1, 3, 5) Qᵀ and g ⊥ q₁: ‖p(λ)‖ stays below Δ = 2 for every λ > 2, so the
  // solution is λ* = 2, p* = −(B + 2I)⁺g ± τq₁.
  const Eigen::MatrixXd Q = orthogonal(4, 0.9);
  const Eigen::MatrixXd B = Q * Eigen::Vector4d(-2, 1, 3, 5).asDiagonal() * Q.transpose();
  const Eigen::VectorXd g = Q * Eigen::Vector4d(0, 1, -1, 2);
  const double radius = 2;
  const exact e = solve_exactly(B, g, radius);
  ASSERT_TRUE(e.hard);
  ASSERT_NEAR(e.lambda, 2, 1e-12);
  trust_region_subproblem solver(4);
  Eigen::VectorXd p(4);
  const subproblem_solution s = solver.solve(B, g, radius, p, tight);
  EXPECT_TRUE(s.hard_case);
  EXPECT_TRUE(s.converged);
  EXPECT_NEAR(s.lambda, 2, 1e-6);
  EXPECT_NEAR(p.norm(), radius, 1e-10);
  const Eigen::VectorXd mirrored = e.p - 2 * e.p.dot(Q.col(0)) * Q.col(0);  // the other sign of τ
  EXPECT_LE(std::min((p - e.p).norm(), (p - mirrored).norm()), 1e-5);
  EXPECT_NEAR(model(B, g, p), model(B, g, e.p), 1e-9 * std::abs(model(B, g, e.p)));
}

TEST(trust_region_subproblem, a_zero_gradient_at_a_saddle_steps_along_negative_curvature) {
  const Eigen::MatrixXd B = with_spectrum({-1, 2, 3}, 0.2);
  const Eigen::VectorXd g = Eigen::VectorXd::Zero(3);
  trust_region_subproblem solver(3);
  Eigen::VectorXd p(3);
  const subproblem_solution s = solver.solve(B, g, 0.5, p);
  EXPECT_NEAR(p.norm(), 0.5, 0.05);
  EXPECT_LT(model(B, g, p), -0.5 * 0.125);  // m* = ½·(−1)·0.5² = −0.125
  EXPECT_GT(s.predicted, 0);
}

TEST(trust_region_subproblem, a_flat_model_in_a_huge_region_steps_to_its_boundary) {
  // B = 0, g = (1, 1): the solution is −Δ·g/‖g‖ for every radius. With Δ = 1e200 the squares of
  // the step's coordinates overflow; the step was cut to 0 (how "x + y" ended in Newton).
  const Eigen::MatrixXd B = Eigen::MatrixXd::Zero(2, 2);
  const Eigen::VectorXd g = Eigen::VectorXd::Ones(2);
  trust_region_subproblem solver(2);
  Eigen::VectorXd p(2);
  for (double radius : {1.0, 1e100, 1e200}) {
    SCOPED_TRACE(radius);
    solver.solve(B, g, radius, p);
    EXPECT_NEAR(p[0], -radius / std::sqrt(2.0), 1e-6 * radius);
    EXPECT_NEAR(p[1], -radius / std::sqrt(2.0), 1e-6 * radius);
  }
}

TEST(trust_region_subproblem, default_tolerances_keep_the_model_within_more_sorensen_bound) {
  // Moré & Sorensen (Theorem 3.4): a step that passes either test with σ = 0.2 has
  // m(p) ≤ (1 − σ)²·m(p*) = 0.64·m(p*). Easy, hard and nearly hard cases over a range of Δ.
  const std::vector<std::vector<double>> spectra = {
      {1, 2, 3, 4}, {-5, -1, 2, 8}, {-1e-3, 1, 1e3, 1e4}, {-2, -2, 1, 3}, {0, 0, 1, 2}};
  for (std::size_t k = 0; k < spectra.size(); ++k) {
    const Eigen::MatrixXd Q = orthogonal(4, 0.4 * static_cast<double>(k));
    const Eigen::Vector4d d(spectra[k].data());
    const Eigen::MatrixXd B = Q * d.asDiagonal() * Q.transpose();
    for (const double along_q1 : {1.0, 1e-8, 0.0}) {
      const Eigen::VectorXd g = Q * Eigen::Vector4d(along_q1, 1, -0.5, 0.25);
      for (const double radius : {1e-3, 0.1, 1.0, 10.0, 1e3}) {
        SCOPED_TRACE(testing::Message()
                     << "spectrum " << k << ", g·q1 " << along_q1 << ", Δ " << radius);
        trust_region_subproblem solver(4);
        Eigen::VectorXd p(4);
        const subproblem_solution s = solver.solve(B, g, radius, p);
        const exact e = solve_exactly(B, g, radius);
        EXPECT_LE(p.norm(), 1.1 * radius * (1 + 1e-12));
        EXPECT_LE(model(B, g, p), 0.64 * model(B, g, e.p) + 1e-14);
        // Rounding of m(p) is of the order ε·(‖g‖‖p‖ + ‖B‖‖p‖²), far above ε·|m(p)| when B is
        // ill-conditioned.
        const double size = g.norm() * p.norm() + B.norm() * p.squaredNorm();
        EXPECT_NEAR(s.predicted, -model(B, g, p), 1e-14 * size);
      }
    }
  }
}

TEST(radius_rule, a_poor_ratio_rejects_the_step_and_shrinks_the_radius_to_a_quarter_of_it) {
  const radius_decision d = next_radius(10, 9.95, 1.0, 0.5, 1.0, 100, 0.1);
  EXPECT_NEAR(d.rho, 0.05, 1e-12);
  EXPECT_FALSE(d.accept);
  EXPECT_EQ(d.radius, 0.125);
}

TEST(radius_rule, a_good_ratio_on_the_boundary_doubles_the_radius_up_to_its_limit) {
  const radius_decision d = next_radius(10, 9, 1.0, 1.0, 1.0, 100, 0.1);
  EXPECT_TRUE(d.accept);
  EXPECT_EQ(d.radius, 2);
  EXPECT_EQ(next_radius(10, 9, 1.0, 80, 80, 100, 0.1).radius, 100);
}

TEST(radius_rule, a_good_interior_step_keeps_the_radius) {
  const radius_decision d = next_radius(10, 9, 1.0, 0.3, 1.0, 100, 0.1);
  EXPECT_TRUE(d.accept);
  EXPECT_EQ(d.radius, 1);
}

TEST(radius_rule, a_middling_ratio_accepts_and_keeps_the_radius) {
  const radius_decision d = next_radius(10, 9.5, 1.0, 1.0, 1.0, 100, 0.1);
  EXPECT_TRUE(d.accept);
  EXPECT_EQ(d.radius, 1);
}

TEST(radius_rule, a_non_finite_trial_value_is_rejected_and_shrinks_the_radius) {
  for (const double bad : {nan, inf, -inf}) {
    const radius_decision d = next_radius(10, bad, 1.0, 1.0, 1.0, 100, 0.1);
    EXPECT_FALSE(d.accept);
    EXPECT_EQ(d.radius, 0.25);
  }
}

TEST(radius_rule, a_rise_of_f_within_its_rounding_is_still_rejected) {
  const radius_decision d = next_radius(1.0, 1.0 + 2e-16, 1e-20, 1e-10, 1e-9, 100, 0.1);
  EXPECT_LT(d.rho, 0);
  EXPECT_FALSE(d.accept);
  EXPECT_EQ(d.radius, 0.25e-10);
}

TEST(radius_rule, reductions_below_the_rounding_of_f_count_as_agreement) {
  // At a minimum f cannot fall by more than its rounding: ρ tends to 1 instead of 0/0.
  const radius_decision d = next_radius(1.0, 1.0, 1e-20, 1e-10, 1e-9, 100, 0.1);
  EXPECT_NEAR(d.rho, 1, 1e-3);
  EXPECT_TRUE(d.accept);
}

}  // namespace
}  // namespace kobai::detail
