// KernelSpec -> LLVM IR (the CPU backend's code generator).
#pragma once
#include <llvm/IR/Module.h>

#include <memory>
#include <string>

#include "codegen/kernel_cache.h"

namespace npt {

struct EmitTarget {
  bool avx2 = false;    // attach libmvec AVX2 variants to libm calls
  bool avx512 = false;  // also AVX-512 variants, and let loops use 512-bit vectors
};

// Emits `<name>` (KernelFn) and, for reductions, `<name>_finish` (FinishFn).
// Throws CompileError if the spec uses what the backend cannot generate.
std::unique_ptr<llvm::Module> emit_kernel(llvm::LLVMContext& ctx, const KernelSpec& spec,
                                          const Variant& v, const std::string& name,
                                          const EmitTarget& target);

}  // namespace npt
