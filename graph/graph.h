// A Graph is a set of output nodes plus every node they reach, in
// topological order (inputs first). Passes map Graph -> Graph.
#pragma once
#include <functional>
#include <string>
#include <vector>

#include "graph/node.h"

namespace npt {

struct Graph {
  std::vector<NodeRef> outputs;
  std::vector<NodeRef> nodes;  // topological; materialized nodes are leaves

  static Graph from_outputs(std::vector<NodeRef> outputs);
  std::string str() const;  // one line per node, for logs and explain
};

// The skeleton every rebuilding pass shares: visits nodes inputs-first and
// calls `fn(node, mapped_inputs)` for each non-leaf node; leaves map to
// themselves. Returns the graph of the mapped outputs.
Graph rewrite(const Graph& g,
              const std::function<NodeRef(const NodeRef&, std::vector<NodeRef>)>& fn);

// Topological order of everything reachable from `roots`, stopping at
// materialized nodes (iterative: graphs can be deep).
std::vector<NodeRef> topo_order(const std::vector<NodeRef>& roots);

}  // namespace npt
