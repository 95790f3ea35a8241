// The materialize pipeline (passes -> fusion -> codegen -> execute), above
// graph/, fusion/ and codegen/. Also the data explain() reports.
#pragma once
#include <functional>
#include <mutex>
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
  bool from_disk = false;  // a miss that the disk cache served
  double compile_ms = 0;   // compiling it, or loading it from the disk
  std::string code;  // optimized LLVM IR when asked for
  std::string expr;  // the scalar expression listing
  std::string fallback;  // why the reference executor runs this kernel (its compile failed)
};

// A value of the plan, as explain shows it: the "%N" of the kernel reports.
struct SlotReport {
  std::string kind;  // "leaf", "constant", "param", "computed"
  std::string desc;  // the node: "sin f64[3, 4]"
  std::string why;   // computed: why it is stored in a buffer (where fusion stopped)
};

struct PlanReport {
  std::string graph;        // as recorded
  std::string canonical;    // after canonicalize/cse/dce
  std::vector<KernelReport> kernels;
  std::vector<SlotReport> slots;  // by slot index
};

// Threads: every entry point here may be called from any thread, without
// the GIL (callers release it first). Graph walks and materialization hold
// the graph lock; compiling and running kernels of a prepared plan do not.
using GraphLock = std::unique_lock<std::recursive_mutex>;
GraphLock lock_graph();

// The code generators, for the registry check (every ScalarOp the registry
// uses has a line in each).
const std::vector<BackendLines>& code_generators();
// check_registry() over the real table and code generators.
std::vector<std::string> registry_problems();

// Materialize `roots`, together with every live (user-held) node of their
// graphs, in one plan.
void evaluate(const std::vector<NodeRef>& roots);
// Plan cache counters: (hits, misses).
std::pair<int64_t, int64_t> plan_cache_stats();
// Plan and compile `roots` without running; `code` adds LLVM IR.
PlanReport explain(const std::vector<NodeRef>& roots, bool code);

// Graph depth past which a new node is materialized at once (bounded graphs).
int max_graph_depth();

// A partition made ready to run: per kernel its collapsed layout, launch
// arguments and compiled code. Built once per plan; run many times (jit).
struct Prepared;
struct PreparedPlan {
  Partition partition;
  std::vector<KernelReport> reports;
  std::shared_ptr<Prepared> impl;
  bool uses_reference = false;  // a kernel failed to compile: not worth caching
};
// Kernels run by the reference executor because their compile failed.
int64_t reference_fallbacks();
// Kernel launches the reference executor ran while the kernel compiled in
// the background (tiered execution).
int64_t tiered_reference_runs();
// Opaque steps that could write into their input's buffer (update): how many
// did (the buffer was donated) and how many copied it (it had other readers).
std::pair<int64_t, int64_t> write_stats();
// Compiles the plan's kernels; with `tiered`, those not ready at once
// compile in the background and the reference executor runs them meanwhile.
PreparedPlan prepare(Partition p, bool code, bool tiered = false);
// Runs the plan; `params` binds Param slots by node. Returns a buffer per slot.
std::vector<Buffer> run(const PreparedPlan& p, const std::vector<std::pair<const Node*, Buffer>>& params);

// A traced function's plan (npt.jit): parameters in, outputs out.
struct TracedPlan {
  std::vector<NodeRef> params, outputs;
  PreparedPlan plan;
  std::string graph, canonical;
};
TracedPlan trace_plan(const std::vector<NodeRef>& outputs, const std::vector<NodeRef>& params);
std::vector<Buffer> run_traced(const TracedPlan& t, const std::vector<Buffer>& args);

// ---- the reference executor (runtime/reference.cpp) ----------------------
// Nodes' values computed op by op on the registry's eager (ATen)
// implementations, from the buffers `known` returns (an undefined Buffer:
// not known; materialized nodes are known too). ReferenceUnsupported where
// ATen lacks an op for a dtype.
using KnownFn = std::function<Buffer(const Node*)>;
std::vector<Buffer> reference_values(const std::vector<NodeRef>& nodes, const KnownFn& known);
// NPT_CHECK=1 (read once): every fused kernel's outputs are also computed by
// the reference executor; a difference raises CheckError naming the kernel,
// its ops and the first differing element.
bool check_enabled();
void check_kernel_output(const KernelSpec& k, const NodeRef& node, const Buffer& got,
                         const KnownFn& known);
std::pair<int64_t, int64_t> check_stats();  // (outputs checked, skipped: no reference)
// Test hook: the next kernel launch's first output gets a wrong first element.
void corrupt_next_kernel_for_test();
void maybe_corrupt_for_test(Buffer& b);

// Opaque ops on ATen (runtime/opaque.cpp).
// Inputs are strided views of buffers (no copies).
Buffer run_opaque(const Node& node, const std::vector<Buffer>& inputs,
                  const std::vector<StridedView>& views, bool into = false);

}  // namespace npt
