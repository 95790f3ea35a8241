// Which ScalarOps each code generator has its line for, for the registry
// check (graph/op.h: check_registry). No LLVM or CUDA headers needed.
#pragma once
#include <utility>
#include <vector>

#include "graph/op.h"

namespace npt {

// The complex ScalarOps both code generators compute by a helper named
// npt_c<name>: the CPU runtime's (cpu_runtime.h) and the CUDA prelude's,
// one function per op over core/complex_math.h and the C99 functions.
inline const std::vector<std::pair<ScalarOp, const char*>>& complex_helpers() {
  using S = ScalarOp;
  static const std::vector<std::pair<ScalarOp, const char*>> helpers = {
      {S::Sign, "sign"}, {S::Exp, "exp"},     {S::Expm1, "expm1"}, {S::Log, "log"},
      {S::Log1p, "log1p"}, {S::Log2, "log2"}, {S::Log10, "log10"}, {S::Sqrt, "sqrt"},
      {S::Sin, "sin"},   {S::Cos, "cos"},     {S::Tan, "tan"},     {S::Asin, "asin"},
      {S::Acos, "acos"}, {S::Atan, "atan"},   {S::Tanh, "tanh"},   {S::Sinh, "sinh"},
      {S::Cosh, "cosh"}, {S::Acosh, "acosh"}, {S::Asinh, "asinh"}, {S::Atanh, "atanh"},
      {S::Exp2, "exp2"}, {S::Div, "div"},     {S::Pow, "pow"}};
  return helpers;
}
inline const char* complex_helper_name(ScalarOp op) {
  for (auto& [o, name] : complex_helpers())
    if (o == op) return name;
  return nullptr;
}

bool llvm_has_line(ScalarOp op);  // codegen/llvm_emit.cpp
bool cuda_has_line(ScalarOp op);  // codegen/cuda_emit.cpp
// lines for complex operands (complex64/complex128), a table of their own
bool llvm_has_complex_line(ScalarOp op);
bool cuda_has_complex_line(ScalarOp op);

}  // namespace npt
