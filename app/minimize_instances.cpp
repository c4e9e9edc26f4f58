#include "minimize_instances.hpp"

namespace kobai {

template result minimize<tape_objective>(tape_objective&&, const Eigen::VectorXd&,
                                         const method_options&, const minimize_options&);
template result minimize<tape_objective&>(tape_objective&, const Eigen::VectorXd&,
                                          const method_options&, const minimize_options&);
template result minimize<central_difference<tape_objective>&>(central_difference<tape_objective>&,
                                                              const Eigen::VectorXd&,
                                                              const method_options&,
                                                              const minimize_options&);
template multistart_result multistart<tape_objective>(tape_objective&, const box&,
                                                      const method_options&,
                                                      const minimize_options&,
                                                      const multistart_options&);
template multistart_result multistart<central_difference<tape_objective>>(
    central_difference<tape_objective>&, const box&, const method_options&, const minimize_options&,
    const multistart_options&);

}  // namespace kobai
