// KernelSpec -> CUDA C (the GPU backend's code generator), compiled at run
// time by NVRTC. Same spec, same runtime layout (meta) as the CPU kernels.
#pragma once
#include <string>

#include "codegen/kernel_cache.h"

namespace npt {

// CUDA source defining `extern "C" __global__` functions `<name>` and, for
// reductions, `<name>_finish`. Throws CompileError for unsupported specs.
//
// ABI: name(rows, cols, P, NptArgs{ptrs[32], meta[224]} by value): elementwise kernels use a
// grid-stride loop over [0, cols) (rows == 1); reductions give each block one
// (row, part) pair (grid.x = P parts, grid.y = rows): threads stride over
// the part's columns, then reduce with warp shuffles and shared memory, and
// thread 0 writes partial[row * P + part]. name_finish(rows, cols, P, args)
// combines the parts of each row and casts to the output dtype. As on the
// CPU, ptrs[operands + 2 * outputs] is the launch's int32 error word (set by
// an integer power with a negative exponent); it may be null for kernels
// without such a power (KernelSpec::sets_error_word).
std::string emit_cuda(const KernelSpec& spec, const Variant& v, const std::string& name);

}  // namespace npt
