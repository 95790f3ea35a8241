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
    if (!n->materialized() && n->user_refs.load() > 0 && !n->inputs().empty() && !n->traced &&
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
  for (auto& s : p.partition.slots)
    if (s.kind == Slot::Param)
      throw ConcretizationError("a concrete value is needed, but it depends on an argument of a "
                                "function being traced (" + s.node->str() + ")");
  PreparedPlan pp = prepare(std::move(p.partition), false);
  std::vector<Buffer> bufs = run(pp, {});
  for (size_t i = 0; i < p.outputs.size(); ++i)
    p.outputs[i]->set_value(bufs[pp.partition.output_slots[i]]);
}

PlanReport explain(const std::vector<NodeRef>& roots, bool code) {
  Planned p = plan(roots);
  PlanReport r;
  r.graph = p.recorded.str();
  r.canonical = p.canonical.str();
  r.kernels = prepare(std::move(p.partition), code).reports;
  return r;
}

TracedPlan trace_plan(const std::vector<NodeRef>& outputs, const std::vector<NodeRef>& params) {
  // Outputs are planned as they are, even when materialized (a jitted
  // function may return an argument or a constant array).
  TracedPlan t;
  t.params = params;
  t.outputs = outputs;
  Graph g = Graph::from_outputs(outputs);
  check(g, "trace", false);
  t.graph = g.str();
  g = canonicalize(g);
  check(g, "canonicalize", true);
  g = dce(cse(g));
  check(g, "cse+dce", true);
  t.canonical = g.str();
  t.plan = prepare(partition(g), false);
  return t;
}

std::vector<Buffer> run_traced(const TracedPlan& t, const std::vector<Buffer>& args) {
  std::vector<std::pair<const Node*, Buffer>> binds;
  for (size_t i = 0; i < t.params.size(); ++i) binds.push_back({t.params[i].get(), args[i]});
  std::vector<Buffer> bufs = run(t.plan, binds);
  std::vector<Buffer> outs;
  for (int s : t.plan.partition.output_slots) outs.push_back(bufs[s]);
  return outs;
}

}  // namespace npt
