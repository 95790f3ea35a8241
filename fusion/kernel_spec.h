// A fused kernel, backend-neutral: an expression over ScalarOps evaluated at
// every point of an iteration domain, reading operands through affine index
// maps (views and broadcasts are strides, never copies) and writing
// elementwise outputs and/or reductions over some domain dims.
//
// Sizes, strides, offsets and scalar values are runtime data; the structural
// hash covers only what code depends on (ops, dtypes, rank, reduced dims),
// so a new length reuses the compiled kernel.
#pragma once
#include <cstdint>
#include <string>
#include <vector>

#include "core/dtype.h"
#include "core/shape.h"
#include "graph/op.h"

namespace npt {

struct Operand {
  enum Kind { Load, Index } kind = Load;  // Index: the value is the map's offset (iota)
  DType dtype;
  int slot = -1;  // plan value slot read (Load)
  int64_t offset = 0;
  std::vector<int64_t> strides;  // elements, one per domain dim
};

struct Instr {
  ScalarOp op;
  DType dtype;            // result dtype
  std::vector<int> args;  // earlier instrs
  int operand = -1;       // Load/Index
};

struct KernelOutput {
  int instr;
  DType dtype;
  ScalarOp reduce = ScalarOp::None;  // None: store at every domain point
  DType acc = DType::Float64;        // reduction accumulator dtype
  int slot = -1;
};

struct KernelSpec {
  std::string name;
  Shape domain;
  std::vector<bool> reduced;  // per domain dim; all false for elementwise kernels
  std::vector<Operand> operands;
  std::vector<Instr> instrs;
  std::vector<KernelOutput> outputs;
  std::vector<std::string> fused_ops;  // graph nodes folded in, for explain
  int64_t bytes_moved = 0;    // operands read once + outputs written once
  int64_t unfused_bytes = 0;  // the same work as one op per node

  bool has_reduction() const;
  // Whether the kernel can set the launch's error word (an integer power with
  // a negative exponent: NumPy's ValueError); others may get a null word.
  bool sets_error_word() const;
  uint64_t structural_hash() const;
  std::string str() const;  // readable listing of the expression
};

}  // namespace npt
