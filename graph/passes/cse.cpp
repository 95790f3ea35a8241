// cse: rebuild every node through make_node; the hash-cons table merges
// structurally equal nodes (see passes.h).
#include <unordered_map>

#include "graph/passes/passes.h"

namespace npt {

Graph cse(const Graph& g) {
  std::unordered_map<const Node*, NodeRef> map;
  auto get = [&](const NodeRef& n) { return map.count(n.get()) ? map[n.get()] : n; };
  for (const NodeRef& n : g.nodes) {
    if (n->materialized() || n->inputs().empty()) {
      map[n.get()] = n;
      continue;
    }
    std::vector<NodeRef> ins;
    bool changed = false;
    for (auto& in : n->inputs()) {
      ins.push_back(get(in));
      changed |= ins.back() != in;
    }
    map[n.get()] = changed ? make_node(n->op, n->attrs, ins, n->weak) : n;
  }
  std::vector<NodeRef> outs;
  for (auto& o : g.outputs) outs.push_back(get(o));
  return Graph::from_outputs(outs);
}

}  // namespace npt
