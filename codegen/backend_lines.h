// Which ScalarOps each code generator has its line for, for the registry
// check (graph/op.h: check_registry). No LLVM or CUDA headers needed.
#pragma once
#include "graph/op.h"

namespace npt {

bool llvm_has_line(ScalarOp op);  // codegen/llvm_emit.cpp
bool cuda_has_line(ScalarOp op);  // codegen/cuda_emit.cpp

}  // namespace npt
