// Nodes for Python: recording ops, leaves from NumPy, values back to NumPy.
#include <pybind11/numpy.h>
#include <pybind11/stl.h>

#include <cstring>

#include "core/error.h"
#include "core/thread_pool.h"
#include "python/src/py_module.h"
#include "runtime/runtime.h"

namespace py = pybind11;

namespace npt {
namespace {

// Whether an op over `ins` reads memory shared with another library (a
// materialized input whose buffer is shared).
bool reads_shared(const std::vector<NodeRef>& ins) {
  if (!Buffer::any_shared()) return false;
  for (const NodeRef& q : ins)
    if (q->materialized() && q->value().shared()) return true;
  return false;
}

// The node of a new op, computed at once where the rest of the graph cannot
// wait: a chain deeper than the limit (bounded graphs), or an op that reads
// shared memory, which the other library may write before npt would compute
// it (NumPy computes at the call: so does npt, views included, whose
// computed values then no longer follow the other library's writes).
NodeRef record(OpId id, Attrs a, std::vector<NodeRef> ins) {
  const bool shared = reads_shared(ins);
  NodeRef n = make_node(id, std::move(a), std::move(ins));
  if (!n->traced && !n->materialized() && (shared || n->depth > max_graph_depth())) {
    py::gil_scoped_release nogil;
    evaluate({n});
  }
  return n;
}

Handle apply(const std::string& op, const std::vector<Handle*>& inputs, const Shape& shape,
             const std::vector<int64_t>& ints, const std::string& dtype, int device) {
  Attrs a;
  a.shape = shape;
  a.ints = ints;
  a.device = device;
  std::vector<NodeRef> ins;
  for (auto* h : inputs) ins.push_back(h->node);
  OpId id = op_id(op);
  const OpDef& def = op_def(id);
  if (!dtype.empty()) a.dtype = dtype_from_name(dtype);
  else if (def.kind == OpKind::Reduction && !ins.empty())
    a.dtype = reduction_default_dtype(def, ins[0]->dtype);  // sum of int8 is int64, ...
  return Handle(record(id, std::move(a), std::move(ins)));
}

// The common case of apply (an elementwise op, no attributes): an op id
// looked up once, by the front end, and only the inputs converted per call.
Handle apply_op(OpId id, const std::vector<Handle*>& inputs) {
  std::vector<NodeRef> ins;
  ins.reserve(inputs.size());
  for (auto* h : inputs) ins.push_back(h->node);
  return Handle(record(id, Attrs{}, std::move(ins)));
}

// A Python scalar: kind 0 bool, 1 int, 2 float, 3 complex.
Handle scalar(py::object v, bool weak, const std::string& dtype) {
  Scalar s;
  if (py::isinstance<py::bool_>(v)) {
    s.kind = 0;
    s.mag = v.cast<bool>();
    s.re = static_cast<double>(s.mag);
  } else if (py::isinstance<py::int_>(v)) {
    s.kind = 1;
    py::int_ i = v;
    bool neg = py::bool_(i < py::int_(0));
    py::int_ mag = neg ? py::int_(-i) : i;
    if (py::bool_(mag > py::int_(std::numeric_limits<uint64_t>::max())))
      throw OverflowError("Python int too large to convert to C long");
    s.negative = neg;
    s.mag = mag.cast<uint64_t>();
    s.re = neg ? -static_cast<double>(s.mag) : static_cast<double>(s.mag);
  } else if (PyComplex_Check(v.ptr())) {
    s.kind = 3;
    s.re = PyComplex_RealAsDouble(v.ptr());
    s.im = PyComplex_ImagAsDouble(v.ptr());
  } else {
    s.kind = 2;
    s.re = v.cast<double>();
  }
  DType t = dtype.empty() ? default_of_kind(s.kind) : dtype_from_name(dtype);
  return Handle(make_constant(s, t, weak));
}

Handle from_numpy(py::array arr) {
  std::string name = py::str(arr.dtype().attr("name"));
  DType t = dtype_from_name(name);
  Shape shape(arr.shape(), arr.shape() + arr.ndim());
  Buffer b = Buffer::empty(t, shape);
  py::array contig = py::array::ensure(arr, py::array::c_style);
  if (b.nbytes()) std::memcpy(b.data(), contig.data(), b.nbytes());
  return Handle(make_input(std::move(b)));
}

py::array to_numpy(const Handle& h) {
  materialize(h);
  Buffer b = h.node->value();
  if (b.device() >= 0) {  // a host copy of a device array
    py::gil_scoped_release nogil;
    b = b.to(-1);
  }
  py::dtype dt = py::dtype::from_args(py::str(dtype_name(b.dtype())));
  auto* keep = new Buffer(b);
  py::capsule owner(keep, [](void* p) { delete static_cast<Buffer*>(p); });
  std::vector<py::ssize_t> strides;
  for (auto s : contiguous_strides(b.shape())) strides.push_back(s * dtype_itemsize(b.dtype()));
  std::vector<py::ssize_t> shape(b.shape().begin(), b.shape().end());
  py::array out(dt, shape, strides, b.data(), owner);
  // values are immutable: a NumPy view of one is read-only
  out.attr("flags").attr("writeable") = false;
  return out;
}

}  // namespace

void materialize(const Handle& h) {
  if (!h.node->materialized()) {
    py::gil_scoped_release nogil;
    evaluate({h.node});
  }
}

void define_array(py::module_& m) {
  py::class_<Handle>(m, "Handle")
      .def_property_readonly("shape", [](const Handle& h) { return py::tuple(py::cast(h.node->shape)); })
      .def_property_readonly("dtype", [](const Handle& h) { return std::string(dtype_name(h.node->dtype)); })
      .def_property_readonly("materialized", [](const Handle& h) { return h.node->materialized(); })
      .def_property_readonly("depth", [](const Handle& h) { return h.node->depth; })
      .def_property_readonly("traced", [](const Handle& h) { return h.node->traced; })
      .def_property_readonly("device", [](const Handle& h) { return h.node->device; })
      // a cheap signature of (dtype, shape) for jit's call cache
      .def_property_readonly("sig", [](const Handle& h) {
        uint64_t k = (static_cast<uint64_t>(h.node->dtype) * 0x9E3779B97F4A7C15ULL + h.node->shape.size()) ^
                     (static_cast<uint64_t>(h.node->device + 2) << 56);
        for (auto d : h.node->shape) k = (k ^ static_cast<uint64_t>(d)) * 0xBF58476D1CE4E5B9ULL;
        return static_cast<int64_t>(k >> 1);
      })
      .def_property_readonly("op", [](const Handle& h) { return h.node->def().name; })
      .def_property_readonly("id", [](const Handle& h) { return h.node->id; })
      .def("__repr__", [](const Handle& h) { return "<npt node " + h.node->str() + ">"; });
  m.def("apply", &apply, py::arg("op"), py::arg("inputs"), py::arg("shape") = Shape{},
        py::arg("ints") = std::vector<int64_t>{}, py::arg("dtype") = std::string(),
        py::arg("device") = -1);
  // The registry's rules for the front end's views (python/npt/_views.py).
  m.def("write_back", [](const std::string& op, const Handle& input, const Handle& new_view,
                         const Shape& shape, const std::vector<int64_t>& ints) {
    const OpDef& d = op_def(op_id(op));
    if (!d.write_back) throw InternalError("npt: " + op + " views cannot be written through");
    Attrs a;
    a.shape = shape;
    a.ints = ints;
    NodeRef view = make_node(op_id(op), a, {input.node});
    NodeRef r = d.write_back(input.node, *view, new_view.node);
    if (!r->traced && !r->materialized() && reads_shared({input.node, new_view.node})) {
      py::gil_scoped_release nogil;  // (reads shared memory: computed now, as record's ops)
      evaluate({r});
    }
    return Handle(r);
  }, "The new value of a view's input after a write of new_view into the view (op, shape, ints).");
  m.def("view_layout", [](const std::string& op, const Shape& in_shape, int64_t offset,
                          const std::vector<int64_t>& strides, const Shape& shape,
                          const std::vector<int64_t>& ints) -> py::object {
    const OpDef& d = op_def(op_id(op));
    if (!d.view) throw InternalError("npt: " + op + " has no view rule");
    Attrs in_attrs;
    in_attrs.shape = in_shape;
    in_attrs.ints = {-1};
    Attrs a;
    a.shape = shape;
    a.ints = ints;
    NodeRef view = make_node(op_id(op), a, {make_node("param", in_attrs, {})});
    StridedView r;
    if (!d.view(StridedView{in_shape, strides, offset}, *view, r)) return py::none();
    return py::make_tuple(r.offset, py::tuple(py::cast(r.strides)));
  }, "(offset, strides) in elements of a view step over a strided input, or None where it copies.");
  m.def("apply_op", &apply_op, "apply() of an elementwise op by id, without attributes");
  m.def("op_id", [](const std::string& name) { return op_id(name); });
  m.def("to_device", [](const Handle& h, int device) {
    materialize(h);
    py::gil_scoped_release nogil;
    if (h.node->device == device) return Handle(h.node);
    return Handle(make_input(h.node->value().to(device)));
  });
  m.def("scalar", &scalar, py::arg("value"), py::arg("weak"), py::arg("dtype") = std::string());
  m.def("from_numpy", &from_numpy);
  m.def("to_numpy", &to_numpy);
  m.def("evaluate", [](const std::vector<Handle*>& hs) {
    std::vector<NodeRef> ns;
    for (auto* h : hs) ns.push_back(h->node);
    py::gil_scoped_release nogil;
    evaluate(ns);
  });
  m.def("set_num_threads", &set_num_threads);
  m.def("num_threads", &num_threads);
  m.def("interned_count", &interned_count);
  m.def("result_type_table", [](const std::string& a, const std::string& b) {
    return std::string(dtype_name(promote(dtype_from_name(a), dtype_from_name(b))));
  });
  m.def("check_registry", &registry_problems);
  // The registry for the Python front end: (name, kind, arity, gradient, module).
  m.def("registry", [] {
    py::list out;
    for (const OpDef& d : registry_table())
      out.append(py::make_tuple(d.name, kind_name(d.kind), d.arity, grad_name(d.grad), d.module));
    return out;
  });
}

}  // namespace npt
