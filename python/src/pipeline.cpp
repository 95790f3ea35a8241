// evaluate(): the pipeline as a script. Set NPT_LOG_LEVEL=trace to log the
// graph after each step; NPT_VERIFY=1 runs the verifier after each pass.
#include <cstdlib>
#include <unordered_set>

#include "core/error.h"
#include "core/log.h"
#include "graph/passes/passes.h"
#include "python/src/runtime.h"

namespace npt {
namespace {

bool verify_enabled() {
  static bool on = [] {
    const char* s = std::getenv("NPT_VERIFY");
    return s && *s && *s != '0';
  }();
  return on;
}

void check(const Graph& g, const char* step, bool canonical) {
  log().trace("after {}:\n{}", step, g.str());
  if (!verify_enabled()) return;
  auto problems = verify(g, canonical);
  if (!problems.empty()) {
    std::string all;
    for (auto& p : problems) all += "\n  " + p;
    throw InternalError(std::string("graph verifier failed after ") + step + ":" + all);
  }
}

// The roots plus every unmaterialized node in their graphs that a Python
// array still holds: those are computed by the same plan, never twice.
std::vector<NodeRef> plan_outputs(const std::vector<NodeRef>& roots) {
  std::vector<NodeRef> outs;
  std::unordered_set<const Node*> seen;
  for (auto& r : roots)
    if (!r->materialized() && seen.insert(r.get()).second) outs.push_back(r);
  for (auto& n : topo_order(outs))
    if (!n->materialized() && n->user_refs.load() > 0 && !n->inputs().empty() &&
        seen.insert(n.get()).second)
      outs.push_back(n);
  return outs;
}

struct Planned {
  std::vector<NodeRef> outputs;
  Graph recorded, canonical;
  Partition partition;
};

Planned plan(const std::vector<NodeRef>& roots) {
  Planned p;
  p.outputs = plan_outputs(roots);
  p.recorded = Graph::from_outputs(p.outputs);
  check(p.recorded, "record", false);
  Graph g = canonicalize(p.recorded);
  check(g, "canonicalize", true);
  g = cse(g);
  check(g, "cse", true);
  g = dce(g);
  check(g, "dce", true);
  p.canonical = g;
  p.partition = partition(g);
  log().debug("plan: {} nodes, {} kernels", g.nodes.size(), p.partition.num_kernels());
  return p;
}

}  // namespace

int max_graph_depth() {
  static int d = [] {
    const char* s = std::getenv("NPT_MAX_DEPTH");
    return s ? std::max(8, std::atoi(s)) : 256;
  }();
  return d;
}

void evaluate(const std::vector<NodeRef>& roots) {
  Planned p = plan(roots);
  if (p.outputs.empty()) return;
  std::vector<Buffer> bufs = execute(p.partition, nullptr, true, false);
  for (size_t i = 0; i < p.outputs.size(); ++i) {
    const Buffer& b = bufs[p.partition.output_slots[i]];
    p.outputs[i]->set_value(b);
  }
}

PlanReport explain(const std::vector<NodeRef>& roots, bool code) {
  Planned p = plan(roots);
  PlanReport r;
  r.graph = p.recorded.str();
  r.canonical = p.canonical.str();
  execute(p.partition, &r.kernels, false, code);
  return r;
}

}  // namespace npt
