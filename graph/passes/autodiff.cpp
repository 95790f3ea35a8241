// autodiff: reverse mode as a graph transform (see passes.h). Cotangents are
// ordinary lazy nodes built from the registry's VJPs, so the backward graph
// fuses with the forward one and can itself be differentiated.
#include <unordered_map>
#include <unordered_set>

#include "core/error.h"
#include "graph/builder.h"
#include "graph/passes/passes.h"

namespace npt {
namespace {

bool differentiable_dtype(DType t) { return is_inexact(t); }

// Nodes on a path from some wrt node to the outputs, in topological order.
// Walks inputs even of materialized nodes that kept them (traced values).
std::vector<NodeRef> between(const std::vector<NodeRef>& outputs,
                             const std::unordered_set<const Node*>& wrt) {
  std::vector<NodeRef> order;
  std::unordered_map<const Node*, bool> reaches;  // node -> depends on wrt
  std::vector<std::pair<NodeRef, size_t>> stack;
  for (auto& o : outputs) {
    if (reaches.count(o.get())) continue;
    stack.push_back({o, 0});
    while (!stack.empty()) {
      auto& [n, i] = stack.back();
      if (!wrt.count(n.get()) && i < n->inputs().size()) {
        NodeRef in = n->inputs()[i++];
        if (!reaches.count(in.get())) stack.push_back({in, 0});
        continue;
      }
      bool r = wrt.count(n.get()) > 0;
      if (!r)
        for (auto& in : n->inputs()) r |= reaches[in.get()];
      reaches[n.get()] = r;
      if (r) order.push_back(n);
      stack.pop_back();
    }
  }
  return order;
}

}  // namespace

std::vector<NodeRef> vjp(const std::vector<NodeRef>& outputs, const std::vector<NodeRef>& seeds,
                         const std::vector<NodeRef>& wrt) {
  using namespace build;
  NPT_ASSERT(outputs.size() == seeds.size(), "one seed per output");
  std::unordered_set<const Node*> wrt_set;
  for (auto& w : wrt) wrt_set.insert(w.get());
  std::vector<NodeRef> order = between(outputs, wrt_set);
  std::unordered_set<const Node*> on_path;
  for (auto& n : order) on_path.insert(n.get());

  std::unordered_map<const Node*, NodeRef> ct;
  auto accumulate = [&](const NodeRef& n, NodeRef c) {
    auto it = ct.find(n.get());
    ct[n.get()] = it == ct.end() ? c : add(it->second, c);
  };
  for (size_t i = 0; i < outputs.size(); ++i)
    if (on_path.count(outputs[i].get())) accumulate(outputs[i], seeds[i]);

  for (auto it = order.rbegin(); it != order.rend(); ++it) {
    const NodeRef& n = *it;
    auto c = ct.find(n.get());
    if (c == ct.end() || wrt_set.count(n.get()) || !differentiable_dtype(n->dtype)) continue;
    const OpDef& def = n->def();
    NPT_ASSERT(def.grad != Grad::Unset, def.name + ": no gradient rule in the registry");
    if (def.grad == Grad::Missing)
      throw NotImplementedError("npt: the gradient of " + def.name + " is not implemented yet");
    if (def.grad != Grad::Rule) continue;  // Zero or NotDifferentiable: a zero cotangent
    std::vector<NodeRef> cts = def.vjp(c->second, n);
    NPT_ASSERT(cts.size() == n->inputs().size(), def.name + ": VJP arity");
    for (size_t i = 0; i < cts.size(); ++i) {
      const NodeRef& in = n->inputs()[i];
      if (!cts[i] || in->weak || !on_path.count(in.get()) || !differentiable_dtype(in->dtype))
        continue;
      accumulate(in, cast(sum_to_shape(cts[i], in->shape), in->dtype));
    }
  }
  std::vector<NodeRef> grads;
  for (auto& w : wrt) {
    auto c = ct.find(w.get());
    grads.push_back(c != ct.end() ? c->second : zeros(w->dtype, w->shape));
  }
  return grads;
}

}  // namespace npt
