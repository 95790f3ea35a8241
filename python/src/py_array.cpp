// Nodes for Python: recording ops, leaves from NumPy, values back to NumPy.
#include <pybind11/numpy.h>
#include <pybind11/stl.h>

#include <structmember.h>

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

// A Python bool, int (a magnitude up to uint64's), float or complex (their
// subclasses too) as a Scalar: kind 0 bool, 1 int, 2 float, 3 complex;
// anything else is read as a float. An int past uint64 is an OverflowError.
Scalar python_scalar(py::handle v) {
  PyObject* p = v.ptr();
  Scalar s;
  if (PyFloat_Check(p)) {
    s.kind = 2;
    s.re = PyFloat_AS_DOUBLE(p);
  } else if (PyBool_Check(p)) {
    s.kind = 0;
    s.mag = p == Py_True;
    s.re = static_cast<double>(s.mag);
  } else if (PyLong_Check(p)) {
    s.kind = 1;
    int overflow = 0;
    long long i = PyLong_AsLongLongAndOverflow(p, &overflow);
    if (!overflow) {
      s.negative = i < 0;
      s.mag = s.negative ? uint64_t{0} - static_cast<uint64_t>(i) : static_cast<uint64_t>(i);
    } else {  // past int64: the magnitude may still fit uint64
      py::int_ n = py::reinterpret_borrow<py::int_>(v);
      s.negative = overflow < 0;
      py::int_ mag = s.negative ? py::int_(-n) : n;
      if (py::bool_(mag > py::int_(std::numeric_limits<uint64_t>::max())))
        throw OverflowError("Python int too large to convert to C long");
      s.mag = mag.cast<uint64_t>();
    }
    s.re = s.negative ? -static_cast<double>(s.mag) : static_cast<double>(s.mag);
  } else if (PyComplex_Check(p)) {
    s.kind = 3;
    s.re = PyComplex_RealAsDouble(p);
    s.im = PyComplex_ImagAsDouble(p);
  } else {
    s.kind = 2;
    s.re = v.cast<double>();
  }
  return s;
}

Handle scalar(py::object v, bool weak, const std::string& dtype) {
  Scalar s = python_scalar(v);
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

// ---- the hot path of an elementwise op from Python -------------------------
// An op's call at C speed where every operand is an npt.ndarray (exactly) or
// a Python scalar: the handle read from the ndarray's slot, the scalar made a
// weak constant (NEP 50), the result wrapped in a new ndarray, all without a
// Python frame or pybind11's argument conversion. Anything else, keywords, or
// any error goes to the Python implementation the op was made with (which
// does the same for these operands, and raises NumPy's errors).
struct ArrayType {
  PyTypeObject* type = nullptr;
  Py_ssize_t h = 0, v = 0, views = 0;  // the offsets of the slots _h, _v and _views
};
ArrayType g_array;

PyObject*& slot(PyObject* o, Py_ssize_t offset) {
  return *reinterpret_cast<PyObject**>(reinterpret_cast<char*>(o) + offset);
}

// The node of a fast operand, or null for one the fallback takes.
NodeRef fast_operand(PyObject* x) {
  PyTypeObject* t = Py_TYPE(x);
  if (t == g_array.type) {
    PyObject* h = slot(x, g_array.h);
    if (!h) return nullptr;
    return py::handle(h).cast<Handle*>()->node;
  }
  if (t != &PyFloat_Type && t != &PyLong_Type && t != &PyBool_Type && t != &PyComplex_Type) return nullptr;
  Scalar s = python_scalar(x);  // (an int past uint64 throws: the fallback raises NumPy's error)
  return make_constant(s, default_of_kind(s.kind), true);
}

// A new ndarray holding h (what ndarray.__init__ does, without its frame).
PyObject* new_array(Handle h) {
  py::object handle = py::cast(std::move(h));
  PyObject* a = g_array.type->tp_alloc(g_array.type, 0);
  if (!a) return nullptr;
  slot(a, g_array.h) = handle.release().ptr();
  slot(a, g_array.v) = Py_NewRef(Py_None);
  slot(a, g_array.views) = Py_NewRef(Py_None);
  return a;
}

// npt._npt.FastOp(op_id, nin, fallback, reflected=False, reduce_all=False):
// the callable; also a method descriptor (ndarray's operators: self is the
// first operand, or the second where reflected). reduce_all: a reduction of
// one ndarray over all its axes to the registry's default dtype (a.sum()).
struct FastOp {
  PyObject_HEAD
  vectorcallfunc vectorcall;
  OpId op;
  int nin;
  bool reflected;
  bool reduce_all;
  PyObject* fallback;
  PyObject* dict;  // (__name__, __doc__, __wrapped__: the fallback's, set by the front end)
};

NodeRef reduce_all(OpId op, NodeRef a) {
  Attrs at;
  for (size_t d = 0; d < a->shape.size(); ++d) at.ints.push_back(static_cast<int64_t>(d));
  at.dtype = reduction_default_dtype(op_def(op), a->dtype);
  return record(op, std::move(at), {std::move(a)});
}

PyObject* fast_op_call(PyObject* self, PyObject* const* args, size_t nargsf, PyObject* kwnames) {
  auto* f = reinterpret_cast<FastOp*>(self);
  const Py_ssize_t n = PyVectorcall_NARGS(nargsf);
  if (!f->fallback) {
    PyErr_SetString(PyExc_SystemError, "FastOp: cleared");
    return nullptr;
  }
  if (!kwnames && n == f->nin && g_array.type) {
    try {
      if (f->reduce_all) {
        if (Py_TYPE(args[0]) == g_array.type && slot(args[0], g_array.h))
          return new_array(Handle(reduce_all(f->op, fast_operand(args[0]))));
        return PyObject_Vectorcall(f->fallback, args, n, kwnames);
      }
      NodeRef a = fast_operand(args[0]);
      NodeRef b = a && n == 2 ? fast_operand(args[1]) : nullptr;
      if (a && (n == 1 || b)) {
        if (f->reflected) std::swap(a, b);
        std::vector<NodeRef> ins{std::move(a)};
        if (n == 2) ins.push_back(std::move(b));
        return new_array(Handle(record(f->op, Attrs{}, std::move(ins))));
      }
    } catch (py::error_already_set& e) {
      e.restore();
      return nullptr;
    } catch (...) {
      // (the fallback computes the same and raises the error as NumPy words it)
    }
  }
  return PyObject_Vectorcall(f->fallback, args, n, kwnames);
}

PyObject* fast_op_new(PyTypeObject* type, PyObject* args, PyObject* kwargs) {
  static const char* names[] = {"op", "nin", "fallback", "reflected", "reduce_all", nullptr};
  int op;
  int nin, reflected = 0, reduce = 0;
  PyObject* fallback;
  if (!PyArg_ParseTupleAndKeywords(args, kwargs, "iiO|pp", const_cast<char**>(names), &op, &nin, &fallback,
                                   &reflected, &reduce))
    return nullptr;
  if (nin < 1 || nin > 2 || (reduce && nin != 1)) {
    PyErr_SetString(PyExc_ValueError, "FastOp: nin is 1 or 2 (1 for reduce_all)");
    return nullptr;
  }
  if (op < 0 || static_cast<size_t>(op) >= registry_table().size()) {
    PyErr_Format(PyExc_ValueError, "FastOp: %d is no registry op", op);
    return nullptr;
  }
  auto* f = reinterpret_cast<FastOp*>(type->tp_alloc(type, 0));
  if (!f) return nullptr;
  f->vectorcall = fast_op_call;
  f->op = op;
  f->nin = nin;
  f->reflected = reflected;
  f->reduce_all = reduce;
  f->fallback = Py_NewRef(fallback);
  return reinterpret_cast<PyObject*>(f);
}

void fast_op_dealloc(PyObject* self) {
  PyObject_GC_UnTrack(self);
  Py_CLEAR(reinterpret_cast<FastOp*>(self)->fallback);
  Py_CLEAR(reinterpret_cast<FastOp*>(self)->dict);
  PyTypeObject* t = Py_TYPE(self);
  t->tp_free(self);
  Py_DECREF(t);
}

int fast_op_traverse(PyObject* self, visitproc visit, void* arg) {
  Py_VISIT(reinterpret_cast<FastOp*>(self)->fallback);
  Py_VISIT(reinterpret_cast<FastOp*>(self)->dict);
  Py_VISIT(Py_TYPE(self));
  return 0;
}

int fast_op_clear(PyObject* self) {
  Py_CLEAR(reinterpret_cast<FastOp*>(self)->fallback);
  Py_CLEAR(reinterpret_cast<FastOp*>(self)->dict);
  return 0;
}

// ndarray.__add__ and the rest: bound to an instance like a function.
PyObject* fast_op_get(PyObject* self, PyObject* obj, PyObject*) {
  if (!obj || obj == Py_None) return Py_NewRef(self);
  return PyMethod_New(self, obj);
}

PyMemberDef fast_op_members[] = {
    {"__vectorcalloffset__", T_PYSSIZET, offsetof(FastOp, vectorcall), READONLY, nullptr},
    {"__dictoffset__", T_PYSSIZET, offsetof(FastOp, dict), READONLY, nullptr},
    {"fallback", T_OBJECT, offsetof(FastOp, fallback), READONLY, "the Python implementation"},
    {"op", T_INT, offsetof(FastOp, op), READONLY, "the registry op's id"},
    {"nin", T_INT, offsetof(FastOp, nin), READONLY, "the number of operands"},
    {nullptr, 0, 0, 0, nullptr}};

PyGetSetDef fast_op_getset[] = {
    {"__dict__", PyObject_GenericGetDict, PyObject_GenericSetDict, nullptr, nullptr},
    {nullptr, nullptr, nullptr, nullptr, nullptr}};

PyType_Slot fast_op_slots[] = {
    {Py_tp_new, reinterpret_cast<void*>(fast_op_new)},
    {Py_tp_dealloc, reinterpret_cast<void*>(fast_op_dealloc)},
    {Py_tp_traverse, reinterpret_cast<void*>(fast_op_traverse)},
    {Py_tp_call, reinterpret_cast<void*>(PyVectorcall_Call)},
    {Py_tp_descr_get, reinterpret_cast<void*>(fast_op_get)},
    {Py_tp_clear, reinterpret_cast<void*>(fast_op_clear)},
    {Py_tp_members, fast_op_members},
    {Py_tp_getset, fast_op_getset},
    {0, nullptr}};

PyType_Spec fast_op_spec = {"npt._npt.FastOp", sizeof(FastOp), 0,
                            Py_TPFLAGS_DEFAULT | Py_TPFLAGS_HAVE_GC | Py_TPFLAGS_HAVE_VECTORCALL |
                                Py_TPFLAGS_METHOD_DESCRIPTOR,
                            fast_op_slots};

Py_ssize_t member_offset(PyTypeObject* t, const char* name) {
  PyObject* d = PyDict_GetItemString(t->tp_dict, name);
  if (!d || Py_TYPE(d) != &PyMemberDescr_Type)
    throw InternalError(std::string("npt: ndarray has no slot ") + name);
  return reinterpret_cast<PyMemberDescrObject*>(d)->d_member->offset;
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
  PyObject* fast_op_type = PyType_FromSpec(&fast_op_spec);
  if (!fast_op_type) throw py::error_already_set();
  m.add_object("FastOp", py::reinterpret_steal<py::object>(fast_op_type));
  m.def("set_array_type", [](py::type t) {
    auto* type = reinterpret_cast<PyTypeObject*>(t.ptr());
    ArrayType a{type, member_offset(type, "_h"), member_offset(type, "_v"), member_offset(type, "_views")};
    Py_INCREF(type);  // (kept for the process)
    g_array = a;
  }, "The ndarray class whose instances FastOp reads and makes (slots _h, _v, _views).");
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
