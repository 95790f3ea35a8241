// Graph construction and printing.
#include "graph/graph.h"

#include <unordered_map>
#include <unordered_set>

#include "graph/node_index.h"

namespace npt {

std::vector<NodeRef> topo_order(const std::vector<NodeRef>& roots) {
  std::vector<NodeRef> order;
  NodeIndex done;
  std::vector<std::pair<NodeRef, size_t>> stack;
  for (auto& r : roots) {
    if (done.contains(r.get())) continue;
    stack.push_back({r, 0});
    while (!stack.empty()) {
      auto& [n, i] = stack.back();
      // materialized nodes are leaves (a traced one may keep its inputs)
      if (!n->materialized() && i < n->inputs().size()) {
        const NodeRef& in = n->inputs()[i++];
        if (!done.contains(in.get())) stack.push_back({in, 0});  // (may move n: not used after)
        continue;
      }
      if (done.insert(n.get(), 0)) order.push_back(n);
      stack.pop_back();
    }
  }
  return order;
}

Graph Graph::from_outputs(std::vector<NodeRef> outputs) {
  Graph g;
  g.nodes = topo_order(outputs);
  g.outputs = std::move(outputs);
  return g;
}

Graph rewrite(const Graph& g,
              const std::function<NodeRef(const NodeRef&, std::vector<NodeRef>)>& fn) {
  std::unordered_map<const Node*, NodeRef> map;
  auto get = [&](const NodeRef& n) {
    auto it = map.find(n.get());
    return it == map.end() ? n : it->second;
  };
  for (const NodeRef& n : g.nodes) {
    if (n->materialized() || n->inputs().empty()) continue;
    std::vector<NodeRef> ins;
    for (auto& in : n->inputs()) ins.push_back(get(in));
    map[n.get()] = fn(n, std::move(ins));
  }
  std::vector<NodeRef> outs;
  for (auto& o : g.outputs) outs.push_back(get(o));
  return Graph::from_outputs(outs);
}

std::string Graph::str() const {
  std::unordered_map<const Node*, size_t> index;
  std::string s;
  for (size_t i = 0; i < nodes.size(); ++i) {
    const Node& n = *nodes[i];
    index[&n] = i;
    s += "  %" + std::to_string(i) + " = " + n.str();
    if (!n.materialized() && !n.inputs().empty()) {
      s += " (";
      for (size_t j = 0; j < n.inputs().size(); ++j)
        s += (j ? ", %" : "%") + std::to_string(index[n.inputs()[j].get()]);
      s += ")";
    }
    if (n.materialized()) s += " [materialized]";
    s += "\n";
  }
  return s;
}

}  // namespace npt
