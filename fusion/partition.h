// Fusion: cut a canonical graph into kernels. Elementwise chains become one
// kernel; a reduction absorbs its elementwise producers; kernels over the
// same domain share one loop and may have several outputs; views and
// broadcasts become index maps. Opaque ops (matmul) are barriers.
#pragma once
#include <string>
#include <vector>

#include "fusion/kernel_spec.h"
#include "graph/graph.h"

namespace npt {

// A value of the plan: a leaf (already materialized), a scalar constant, a
// traced function's parameter (bound at run time), or a value computed by a
// step.
struct Slot {
  enum Kind { Leaf, Constant, Param, Computed } kind;
  NodeRef node;
  std::string why;  // Computed: why the value is stored in a buffer (where fusion stopped)
};

struct Step {
  bool is_kernel = true;
  KernelSpec kernel;              // is_kernel
  NodeRef opaque;                 // !is_kernel: the opaque node
  std::vector<int> opaque_inputs; // slots
  std::vector<StridedView> opaque_views;  // one per input: views of buffers reach ATen uncopied
  int opaque_output = -1;         // slot
};

struct Partition {
  std::vector<Slot> slots;
  std::vector<Step> steps;         // in dependency order
  std::vector<int> output_slots;   // one per graph output
  int num_kernels() const;
};

Partition partition(const Graph& g);

}  // namespace npt
