#pragma once
// The minimize() and multistart() instances for `kobai minimize --native`, compiled once in
// minimize_native.cpp (each instance builds the engine for every method).
#include <Eigen/Core>

#include "kobai/optim/minimize.hpp"
#include "kobai/optim/multistart.hpp"
#include "kobai/optim/native_objective.hpp"

namespace kobai {

extern template result minimize<native_objective&>(native_objective&, const Eigen::VectorXd&,
                                                   const method_options&, const minimize_options&);
extern template multistart_result multistart<native_objective>(native_objective&, const box&,
                                                               const method_options&,
                                                               const minimize_options&,
                                                               const multistart_options&);

}  // namespace kobai
