// Small node builders used where C++ writes graphs: the VJPs in the registry
// and the autodiff pass. Each call records one primitive (with inference and
// hash-consing, as from Python); `scalar` is a weak Python-like float.
#pragma once
#include <string>
#include <vector>

#include "graph/node.h"

namespace npt::build {

NodeRef scalar(double v);  // weak: takes the dtype of the other operand
NodeRef unary(const std::string& op, const NodeRef& x);
NodeRef binary(const std::string& op, const NodeRef& a, const NodeRef& b);
inline NodeRef add(const NodeRef& a, const NodeRef& b) { return binary("add", a, b); }
inline NodeRef sub(const NodeRef& a, const NodeRef& b) { return binary("subtract", a, b); }
inline NodeRef mul(const NodeRef& a, const NodeRef& b) { return binary("multiply", a, b); }
inline NodeRef div(const NodeRef& a, const NodeRef& b) { return binary("divide", a, b); }
inline NodeRef neg(const NodeRef& a) { return unary("negative", a); }
NodeRef where(const NodeRef& c, const NodeRef& a, const NodeRef& b);
NodeRef cast(const NodeRef& x, DType t);  // no-op when already t
NodeRef broadcast_to(const NodeRef& x, const Shape& s);
NodeRef reshape(const NodeRef& x, const Shape& s);
NodeRef permute(const NodeRef& x, const std::vector<int64_t>& axes);
NodeRef reduce(const std::string& op, const NodeRef& x, const std::vector<int64_t>& axes, DType t);
NodeRef zeros(DType t, const Shape& s);
// Sum `x` down to `shape` (the inverse of broadcasting to it).
NodeRef sum_to_shape(const NodeRef& x, const Shape& shape);
// The reduced output `y` of x reduced over `axes`, broadcast back to x.shape.
NodeRef unreduce(const NodeRef& y, const Shape& in_shape, const std::vector<int64_t>& axes);

}  // namespace npt::build
