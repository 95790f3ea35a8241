// The materialize pipeline (passes -> fusion -> codegen -> execute), above
// graph/, fusion/ and codegen/. Also the data explain() reports.
#pragma once
#include <string>
#include <vector>

#include "fusion/partition.h"
#include "graph/node.h"

namespace npt {

struct KernelReport {
  std::string name;
  bool is_kernel = true;               // false: an opaque ATen op
  std::string domain;                  // iteration shape
  std::vector<std::string> fused_ops;  // graph ops folded in
  std::vector<std::string> inputs, outputs;  // "slot: dtype[shape]"
  int64_t bytes_moved = 0, unfused_bytes = 0;
  bool cache_hit = false;
  double compile_ms = 0;
  std::string code;  // optimized LLVM IR when asked for
  std::string expr;  // the scalar expression listing
};

struct PlanReport {
  std::string graph;        // as recorded
  std::string canonical;    // after canonicalize/cse/dce
  std::vector<KernelReport> kernels;
};

// Materialize `roots`, together with every live (user-held) node of their
// graphs, in one plan.
void evaluate(const std::vector<NodeRef>& roots);
// Plan and compile `roots` without running; `code` adds LLVM IR.
PlanReport explain(const std::vector<NodeRef>& roots, bool code);

// Graph depth past which a new node is materialized at once (bounded graphs).
int max_graph_depth();

// Executes a partition; returns one buffer per slot (computed or leaf).
std::vector<Buffer> execute(const Partition& p, std::vector<KernelReport>* reports, bool run,
                            bool code);

// Opaque ops on ATen (python/src/opaque.cpp).
Buffer run_opaque(const Node& node, const std::vector<Buffer>& inputs);

}  // namespace npt
