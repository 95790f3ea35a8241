// pybind11 glue: one define_<concept> per file.
#pragma once
#include <pybind11/pybind11.h>

#include "graph/node.h"

namespace npt {

// A Python-held reference to a node; counts as a live user value.
struct Handle {
  NodeRef node;
  explicit Handle(NodeRef n) : node(std::move(n)) { node->user_refs.fetch_add(1); }
  Handle(const Handle& o) : Handle(o.node) {}
  ~Handle() { node->user_refs.fetch_sub(1); }
};

// Compute h's value if it has none yet (the GIL released meanwhile; call with it held).
void materialize(const Handle& h);

void define_array(pybind11::module_& m);
void define_explain(pybind11::module_& m);
void define_transform(pybind11::module_& m);
void define_dlpack(pybind11::module_& m);

}  // namespace npt
