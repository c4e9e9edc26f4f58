#pragma once
// The minimize() and multistart() instances that several commands share, declared here and
// compiled once in minimize_instances.cpp. Each instance builds the engine for every method, which
// made each command's file one of the slowest in the build.
#include <Eigen/Core>

#include "kobai/optim/minimize.hpp"
#include "kobai/optim/multistart.hpp"
#include "kobai/optim/objective.hpp"

namespace kobai {

extern template result minimize<tape_objective>(tape_objective&&, const Eigen::VectorXd&,
                                                const method_options&, const minimize_options&);
extern template result minimize<tape_objective&>(tape_objective&, const Eigen::VectorXd&,
                                                 const method_options&, const minimize_options&);
extern template result minimize<central_difference<tape_objective>&>(
    central_difference<tape_objective>&, const Eigen::VectorXd&, const method_options&,
    const minimize_options&);
extern template multistart_result multistart<tape_objective>(tape_objective&, const box&,
                                                             const method_options&,
                                                             const minimize_options&,
                                                             const multistart_options&);
extern template multistart_result multistart<central_difference<tape_objective>>(
    central_difference<tape_objective>&, const box&, const method_options&, const minimize_options&,
    const multistart_options&);

}  // namespace kobai
