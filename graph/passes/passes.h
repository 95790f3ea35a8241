// Graph passes, one per file; each maps Graph -> Graph and keeps outputs
// aligned (output i of the result computes output i of the argument).
#pragma once
#include <string>
#include <vector>

#include "graph/graph.h"

namespace npt {

// Make implicit promotion and broadcasting explicit: every elementwise input
// gets its compute dtype (cast, or a constant of that dtype for weak
// scalars) and the output shape (broadcast_to); reduction inputs get the
// output dtype. Afterwards core nodes have equal dtypes and shapes.
Graph canonicalize(const Graph& g);

// Common-subexpression elimination: rebuilds through the hash-cons table so
// structurally equal nodes become one.
Graph cse(const Graph& g);

// Dead-code elimination: keeps only nodes that reach an output.
Graph dce(const Graph& g);

// Reverse-mode autodiff: the cotangents of `wrt` given cotangents `seeds` of
// `outputs`, as new lazy nodes built from each primitive's VJP. Integer and
// bool values carry no cotangent; a wrt node the outputs do not depend on
// gets zeros.
std::vector<NodeRef> vjp(const std::vector<NodeRef>& outputs, const std::vector<NodeRef>& seeds,
                         const std::vector<NodeRef>& wrt);

// Checks the invariants of a canonical graph; returns problems (empty = ok).
// `canonical` asks for the post-canonicalize invariants too.
std::vector<std::string> verify(const Graph& g, bool canonical);

}  // namespace npt
