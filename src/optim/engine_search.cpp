// The engine's instances for gd-ls, cg and bfgs (see engine.cpp).
#include "kobai/optim/minimize.hpp"

namespace kobai::detail {

KOBAI_ENGINE_INSTANCE(, gd_ls)
KOBAI_ENGINE_INSTANCE(, cg)
KOBAI_ENGINE_INSTANCE(, bfgs)

}  // namespace kobai::detail
