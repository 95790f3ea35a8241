// cse: rebuild every node through make_node; the hash-cons table merges
// structurally equal nodes (see passes.h).
#include "graph/passes/passes.h"

namespace npt {

Graph cse(const Graph& g) {
  return rewrite(g, [](const NodeRef& n, std::vector<NodeRef> ins) {
    bool changed = false;
    for (size_t i = 0; i < ins.size(); ++i) changed |= ins[i] != n->inputs()[i];
    return changed ? make_node(n->op, n->attrs, std::move(ins), n->weak) : n;
  });
}

}  // namespace npt
