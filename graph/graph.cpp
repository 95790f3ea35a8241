// Graph construction and printing.
#include "graph/graph.h"

#include <unordered_map>
#include <unordered_set>

namespace npt {

std::vector<NodeRef> topo_order(const std::vector<NodeRef>& roots) {
  std::vector<NodeRef> order;
  std::unordered_set<const Node*> done;
  std::vector<std::pair<NodeRef, size_t>> stack;
  for (auto& r : roots) {
    if (done.count(r.get())) continue;
    stack.push_back({r, 0});
    while (!stack.empty()) {
      auto& [n, i] = stack.back();
      if (i < n->inputs().size()) {
        NodeRef in = n->inputs()[i++];
        if (!done.count(in.get())) stack.push_back({in, 0});
        continue;
      }
      if (done.insert(n.get()).second) order.push_back(n);
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

std::string Graph::str() const {
  std::unordered_map<const Node*, size_t> index;
  std::string s;
  for (size_t i = 0; i < nodes.size(); ++i) {
    const Node& n = *nodes[i];
    index[&n] = i;
    s += "  %" + std::to_string(i) + " = " + n.str();
    if (!n.inputs().empty()) {
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
