// evaluate(): the pipeline as a script. Set NPT_LOG_LEVEL=trace to log the
// graph after each step; NPT_VERIFY=1 runs the verifier after each pass.
#include <cstdlib>
#include <cstring>
#include <list>
#include <mutex>
#include <unordered_map>

#include "codegen/backend_lines.h"
#include "codegen/kernel_cache.h"
#include "graph/eager.h"
#include "graph/node_index.h"
#include "core/error.h"
#include "core/log.h"
#include "graph/passes/passes.h"
#include "runtime/runtime.h"

namespace npt {

namespace {

// One lock for the state nodes change after construction (a value set and
// inputs dropped at materialization), held by every graph walk. Recursive:
// evaluate plans through trace_plan. Never held while waiting for the GIL.
std::recursive_mutex g_graph_mutex;

}  // namespace

const std::vector<BackendLines>& code_generators() {
#ifdef NPT_NO_CPU_JIT
  static const std::vector<BackendLines> backends = {
      {"cuda", cuda_has_line, cuda_has_complex_line}, {"aten", aten_has_line, aten_has_complex_line}};
#else
  static const std::vector<BackendLines> backends = {
      {"llvm", llvm_has_line, llvm_has_complex_line},
      {"cuda", cuda_has_line, cuda_has_complex_line},
      {"aten", aten_has_line, aten_has_complex_line}};
#endif
  return backends;
}

std::vector<std::string> registry_problems() { return check_registry(code_generators()); }

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

// The one pass list evaluate, explain and jit all run, each pass verified
// (NPT_VERIFY) after it.
Graph run_passes(Graph g) {
  static const std::pair<const char*, Graph (*)(const Graph&)> passes[] = {
      {"canonicalize", canonicalize}, {"cse", cse}, {"dce", dce}};
  for (auto& [name, pass] : passes) {
    g = pass(g);
    check(g, name, true);
  }
  return g;
}

// The roots plus every unmaterialized node in their graphs that a Python
// array still holds: those are computed by the same plan, never twice.
// `order`, when asked for, receives the graph's topological order (the live
// nodes are inside the roots' graph, so it covers every output).
std::vector<NodeRef> plan_outputs(const std::vector<NodeRef>& roots,
                                  std::vector<NodeRef>* order = nullptr) {
  std::vector<NodeRef> outs;
  NodeIndex seen;
  for (auto& r : roots)
    if (!r->materialized() && seen.insert(r.get(), 0)) outs.push_back(r);
  std::vector<NodeRef> nodes = topo_order(outs);
  for (auto& n : nodes)
    if (!n->materialized() && n->user_refs.load() > 0 && !n->inputs().empty() && !n->traced &&
        seen.insert(n.get(), 0))
      outs.push_back(n);
  if (order) *order = std::move(nodes);
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
  Graph g = run_passes(p.recorded);
  p.canonical = g;
  p.partition = partition(g);
  log().debug("plan: {} nodes, {} kernels", g.nodes.size(), p.partition.num_kernels());
  return p;
}

// ---- the plan cache ---------------------------------------------------------
// A graph structure seen before (a loop body) reuses its whole plan: passes,
// fusion and kernel lookup run once per structure. The key is the exact
// structure (ops, attrs including constant values, dtypes, shapes, inputs,
// which nodes are leaves and which are outputs); leaf *buffers* are bound at
// run time, so the cached plan holds no array memory.

using Key = std::vector<int64_t>;
struct KeyHash {
  size_t operator()(const Key& k) const {
    uint64_t h = 1469598103934665603ULL;
    for (int64_t v : k) h = (h ^ static_cast<uint64_t>(v)) * 1099511628211ULL;
    return h;
  }
};

Key structure_key(const std::vector<NodeRef>& nodes, const std::vector<NodeRef>& outs) {
  Key k;
  k.reserve(nodes.size() * 16 + outs.size() + 1);
  NodeIndex index(nodes.size());
  auto bits = [](double d) {
    int64_t b;
    std::memcpy(&b, &d, 8);
    return b;
  };
  for (auto& n : nodes) {
    index.insert(n.get(), static_cast<int64_t>(index.size()));
    bool leaf = n->materialized();
    k.push_back(leaf ? -1 : n->op);
    k.push_back(static_cast<int64_t>(n->dtype) * 2 + n->weak);
    k.push_back(n->device);  // a plan is for one device
    k.push_back(static_cast<int64_t>(n->shape.size()));
    k.insert(k.end(), n->shape.begin(), n->shape.end());
    if (leaf) continue;
    const Attrs& a = n->attrs;
    k.push_back(static_cast<int64_t>(a.shape.size()));
    k.insert(k.end(), a.shape.begin(), a.shape.end());
    k.push_back(static_cast<int64_t>(a.ints.size()));
    k.insert(k.end(), a.ints.begin(), a.ints.end());
    k.push_back(static_cast<int64_t>(a.dtype));
    k.push_back(a.scalar.kind * 2 + a.scalar.negative);
    k.push_back(static_cast<int64_t>(a.scalar.mag));
    k.push_back(bits(a.scalar.re));
    k.push_back(bits(a.scalar.im));
    k.push_back(static_cast<int64_t>(n->inputs().size()));
    for (auto& in : n->inputs()) k.push_back(index.find(in.get()));  // (topological: found)
  }
  k.push_back(-7);  // outputs
  for (auto& o : outs) k.push_back(index.find(o.get()));
  return k;
}

// The same graph with every leaf replaced by a parameter, planned once.
TracedPlan plan_with_params(const std::vector<NodeRef>& nodes, const std::vector<NodeRef>& outs) {
  std::unordered_map<const Node*, NodeRef> map;
  std::vector<NodeRef> params;
  for (auto& n : nodes) {
    if (n->materialized()) {
      Attrs a;
      a.shape = n->shape;
      a.dtype = n->dtype;
      a.ints = {-1 - static_cast<int64_t>(params.size())};  // jit's params count up from 1
      a.device = n->device;
      map[n.get()] = make_node("param", a, {});
      params.push_back(map[n.get()]);
      continue;
    }
    std::vector<NodeRef> ins;
    for (auto& in : n->inputs()) ins.push_back(map.at(in.get()));
    map[n.get()] = ins.empty() ? n : make_node(n->op, n->attrs, ins, n->weak);
  }
  std::vector<NodeRef> new_outs;
  for (auto& o : outs) new_outs.push_back(map.at(o.get()));
  return trace_plan(new_outs, params);
}

struct PlanCache {
  static constexpr size_t kMax = 256;
  std::mutex mu;
  std::list<Key> order;  // most recent first
  std::unordered_map<Key, std::pair<std::shared_ptr<TracedPlan>, std::list<Key>::iterator>, KeyHash> map;
  int64_t hits = 0, misses = 0;

  std::shared_ptr<TracedPlan> find(const Key& k) {
    std::lock_guard<std::mutex> g(mu);
    auto it = map.find(k);
    if (it == map.end()) {
      ++misses;
      return nullptr;
    }
    ++hits;
    order.splice(order.begin(), order, it->second.second);
    return it->second.first;
  }
  void put(const Key& k, std::shared_ptr<TracedPlan> p) {
    std::lock_guard<std::mutex> g(mu);
    if (map.count(k)) return;
    order.push_front(k);
    map.emplace(k, std::make_pair(std::move(p), order.begin()));
    if (map.size() > kMax) {
      map.erase(order.back());
      order.pop_back();
    }
  }
};

PlanCache& plan_cache() {
  static PlanCache* c = new PlanCache;
  return *c;
}

}  // namespace

GraphLock lock_graph() { return GraphLock(g_graph_mutex); }

std::pair<int64_t, int64_t> plan_cache_stats() {
  PlanCache& c = plan_cache();
  std::lock_guard<std::mutex> g(c.mu);
  return {c.hits, c.misses};
}

int max_graph_depth() {
  static int d = [] {
    const char* s = std::getenv("NPT_MAX_DEPTH");
    return s ? std::max(8, std::atoi(s)) : 256;
  }();
  return d;
}

void evaluate(const std::vector<NodeRef>& roots) {
  // One evaluation at a time: materialization changes nodes that another
  // thread's graph may share, and computes each pending node once.
  GraphLock lock = lock_graph();
  std::vector<NodeRef> nodes;
  std::vector<NodeRef> outs = plan_outputs(roots, &nodes);
  if (outs.empty()) return;
  for (auto& n : nodes)
    if (n->traced)
      throw ConcretizationError("a concrete value is needed, but it depends on an argument of a "
                                "function being traced (" + n->str() + ")");
  Key key = structure_key(nodes, outs);
  std::shared_ptr<TracedPlan> plan = plan_cache().find(key);
  if (!plan) {
    plan = std::make_shared<TracedPlan>(plan_with_params(nodes, outs));
    if (!plan->plan.uses_reference) plan_cache().put(key, plan);  // a later call retries the compile
  }
  std::vector<Buffer> leaves;
  for (auto& n : nodes)
    if (n->materialized()) leaves.push_back(n->value());
  std::vector<Buffer> bufs = run_traced(*plan, leaves);
  for (size_t i = 0; i < outs.size(); ++i) outs[i]->set_value(bufs[i]);
}

PlanReport explain(const std::vector<NodeRef>& roots, bool code) {
  PlanReport r;
  Partition part;
  {
    GraphLock lock = lock_graph();
    Planned p = plan(roots);
    r.graph = p.recorded.str();
    r.canonical = p.canonical.str();
    part = std::move(p.partition);
  }
  PreparedPlan pp = prepare(std::move(part), code);  // compiles without the lock
  r.kernels = pp.reports;
  for (const Slot& s : pp.partition.slots) {
    SlotReport sr;
    sr.kind = s.kind == Slot::Leaf ? "leaf" : s.kind == Slot::Constant ? "constant"
              : s.kind == Slot::Param ? "param" : "computed";
    sr.desc = s.node->str();
    sr.why = s.why;
    r.slots.push_back(std::move(sr));
  }
  return r;
}

TracedPlan trace_plan(const std::vector<NodeRef>& outputs, const std::vector<NodeRef>& params) {
  // Outputs are planned as they are, even when materialized (a jitted
  // function may return an argument or a constant array).
  TracedPlan t;
  t.params = params;
  t.outputs = outputs;
  Partition part;
  {
    GraphLock lock = lock_graph();
    Graph g = Graph::from_outputs(outputs);
    check(g, "trace", false);
    t.graph = g.str();
    g = run_passes(g);
    t.canonical = g.str();
    part = partition(g);
  }
  // The partition holds what it needs; compiling walks no graph.
  t.plan = prepare(std::move(part), false, tiered_execution());
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
