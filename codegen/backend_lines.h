// Which ScalarOps each code generator has its line for, for the registry
// check (graph/op.h: check_registry). No LLVM or CUDA headers needed.
#pragma once
#include <vector>

#include "graph/op.h"

namespace npt {

// The complex ScalarOps both code generators compute by a helper named
// npt_c<scalar_op_name(op)>: the CPU runtime's (cpu_runtime.h) and the CUDA
// prelude's, one function per op over core/complex_math.h and the C99 ones.
inline const std::vector<ScalarOp>& complex_helpers() {
  using S = ScalarOp;
  static const std::vector<ScalarOp> helpers = {
      S::Sign, S::Exp,  S::Expm1, S::Log,  S::Log1p, S::Log2,  S::Log10, S::Sqrt,
      S::Sin,  S::Cos,  S::Tan,   S::Asin, S::Acos,  S::Atan,  S::Tanh,  S::Sinh,
      S::Cosh, S::Acosh, S::Asinh, S::Atanh, S::Exp2, S::Div,  S::Pow};
  return helpers;
}

bool llvm_has_line(ScalarOp op);  // codegen/llvm_emit.cpp
bool cuda_has_line(ScalarOp op);  // codegen/cuda_emit.cpp
// lines for complex operands (complex64/complex128), a table of their own
bool llvm_has_complex_line(ScalarOp op);
bool cuda_has_complex_line(ScalarOp op);

}  // namespace npt
