// The engine's instances for lbfgs (and L-BFGS-B under bounds) (see engine.cpp).
#include "kobai/optim/minimize.hpp"

namespace kobai::detail {

KOBAI_ENGINE_INSTANCE(, lbfgs)

}  // namespace kobai::detail
