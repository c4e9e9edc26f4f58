#pragma once
// Umbrella header: the whole public library.
#include "kobai/diff/numeric.hpp"
#include "kobai/diff/simplify.hpp"
#include "kobai/diff/symbolic.hpp"
#include "kobai/error.hpp"
#include "kobai/eval/tape.hpp"
#include "kobai/expr/evaluate.hpp"
#include "kobai/expr/expr.hpp"
#include "kobai/expr/op.hpp"
#include "kobai/expr/parse.hpp"
#include "kobai/expr/print.hpp"
#include "kobai/trace.hpp"
#include "kobai/version.hpp"
