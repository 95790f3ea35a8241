// canonicalize: explicit casts and broadcasts (see passes.h).
#include "graph/passes/passes.h"

namespace npt {
namespace {

NodeRef coerce(const NodeRef& in, DType dtype, const Shape& shape) {
  NodeRef r = in;
  if (in->weak) {
    r = constant_as(in->attrs.scalar, dtype);  // weak scalars take the op's dtype
  } else if (in->dtype != dtype) {
    Attrs a;
    a.dtype = dtype;
    r = make_node("cast", a, {in});
  }
  if (r->shape != shape) {
    Attrs a;
    a.shape = shape;
    r = make_node("broadcast_to", a, {r});
  }
  return r;
}

}  // namespace

Graph canonicalize(const Graph& g) {
  return rewrite(g, [](const NodeRef& n, std::vector<NodeRef> ins) -> NodeRef {
    const OpDef& def = n->def();
    if (def.kind == OpKind::Elementwise && def.scalar != ScalarOp::Cast) {
      for (size_t i = 0; i < ins.size(); ++i)
        ins[i] = coerce(ins[i], elementwise_input_dtype(*n, i), n->shape);
    } else if (def.kind == OpKind::Reduction) {
      ins[0] = coerce(ins[0], n->dtype, ins[0]->shape);
    } else if (def.kind == OpKind::Opaque) {
      for (size_t i = 0; i < ins.size(); ++i)
        if (def.index_inputs_from < 0 || static_cast<int>(i) < def.index_inputs_from)
          ins[i] = coerce(ins[i], n->compute, ins[i]->shape);
    } else if (def.scalar == ScalarOp::Cast && ins[0]->weak) {
      return constant_as(ins[0]->attrs.scalar, n->dtype);
    }
    return make_node(n->op, n->attrs, std::move(ins), n->weak);
  });
}

}  // namespace npt
