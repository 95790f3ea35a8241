// Node builders (see builder.h).
#include "graph/builder.h"

#include <algorithm>

namespace npt::build {

NodeRef scalar(double v) {
  Scalar s;
  s.kind = 2;
  s.re = v;
  return make_constant(s, DType::Float64, true);
}

NodeRef unary(const std::string& op, const NodeRef& x) { return make_node(op, {}, {x}); }
NodeRef binary(const std::string& op, const NodeRef& a, const NodeRef& b) {
  return make_node(op, {}, {a, b});
}
NodeRef where(const NodeRef& c, const NodeRef& a, const NodeRef& b) {
  return make_node("where", {}, {c, a, b});
}

NodeRef cast(const NodeRef& x, DType t) {
  if (x->dtype == t) return x;
  Attrs a;
  a.dtype = t;
  return make_node("cast", a, {x});
}

NodeRef broadcast_to(const NodeRef& x, const Shape& s) {
  if (x->shape == s) return x;
  Attrs a;
  a.shape = s;
  return make_node("broadcast_to", a, {x});
}

NodeRef reshape(const NodeRef& x, const Shape& s) {
  if (x->shape == s) return x;
  Attrs a;
  a.shape = s;
  return make_node("reshape", a, {x});
}

NodeRef permute(const NodeRef& x, const std::vector<int64_t>& axes) {
  Attrs a;
  a.ints = axes;
  return make_node("permute", a, {x});
}

NodeRef reduce(const std::string& op, const NodeRef& x, const std::vector<int64_t>& axes, DType t) {
  Attrs a;
  a.ints = axes;
  a.dtype = t;
  return make_node(op, a, {x});
}

NodeRef zeros(DType t, const Shape& s) {
  Scalar z;
  z.kind = 2;
  return broadcast_to(make_constant(z, t, false), s);
}

NodeRef sum_to_shape(const NodeRef& x, const Shape& shape) {
  if (x->shape == shape) return x;
  size_t lead = x->shape.size() - shape.size();
  std::vector<int64_t> axes;
  for (size_t d = 0; d < x->shape.size(); ++d)
    if (d < lead || (shape[d - lead] == 1 && x->shape[d] != 1)) axes.push_back(static_cast<int64_t>(d));
  NodeRef r = axes.empty() ? x : reduce("reduce_sum", x, axes, x->dtype);
  return reshape(r, shape);
}

NodeRef unreduce(const NodeRef& y, const Shape& in_shape, const std::vector<int64_t>& axes) {
  Shape keep = in_shape;
  for (auto a : axes) keep[a] = 1;
  return broadcast_to(reshape(y, keep), in_shape);
}

}  // namespace npt::build
