// verify: graph invariants, run after each pass in tests (see passes.h).
#include <unordered_set>

#include "graph/passes/passes.h"

namespace npt {

std::vector<std::string> verify(const Graph& g, bool canonical) {
  std::vector<std::string> bad;
  std::unordered_set<const Node*> seen;
  for (const NodeRef& n : g.nodes) {
    const OpDef& def = n->def();
    seen.insert(n.get());
    if (n->materialized()) continue;  // a leaf (a traced one may keep its inputs)
    for (auto& in : n->inputs())
      if (!seen.count(in.get())) bad.push_back(n->str() + ": input not before node");
    if (def.arity >= 0 && (int)n->inputs().size() != def.arity)
      bad.push_back(n->str() + ": wrong arity");
    if (!canonical) continue;
    if (n->weak && !n->inputs().empty()) bad.push_back(n->str() + ": weak non-constant");
    if (def.kind == OpKind::Elementwise && def.scalar != ScalarOp::Cast) {
      for (size_t i = 0; i < n->inputs().size(); ++i) {
        const Node& in = *n->inputs()[i];
        if (in.dtype != elementwise_input_dtype(*n, i)) bad.push_back(n->str() + ": input dtype " + dtype_name(in.dtype));
        if (in.shape != n->shape) bad.push_back(n->str() + ": input shape " + shape_str(in.shape));
        if (in.weak) bad.push_back(n->str() + ": weak input after canonicalize");
      }
    }
    if (def.kind == OpKind::Reduction && n->inputs()[0]->dtype != n->dtype)
      bad.push_back(n->str() + ": reduction input dtype differs");
  }
  for (auto& o : g.outputs)
    if (!seen.count(o.get())) bad.push_back(o->str() + ": output not in node list");
  return bad;
}

}  // namespace npt
