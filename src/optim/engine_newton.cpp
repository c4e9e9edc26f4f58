// The engine's instances for newton (see engine.cpp).
#include "kobai/optim/minimize.hpp"

namespace kobai::detail {

KOBAI_ENGINE_INSTANCE(, newton)

}  // namespace kobai::detail
