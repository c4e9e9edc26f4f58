#include "minimize_native.hpp"

namespace kobai {

template result minimize<native_objective&>(native_objective&, const Eigen::VectorXd&,
                                            const method_options&, const minimize_options&);
template multistart_result multistart<native_objective>(native_objective&, const box&,
                                                        const method_options&,
                                                        const minimize_options&,
                                                        const multistart_options&);

}  // namespace kobai
