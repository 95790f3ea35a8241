// DLPack both ways, without copies: npt's buffers as capsules for other
// libraries (torch, NumPy, CuPy, JAX), and their tensors as npt leaves.
//
// Memory shared this way is marked on its Buffer (Buffer::shared): npt never
// writes it in place or hands it to another op as an output, and every
// element-wise or reduction op that reads it is computed at its call, so a
// later write by the other library is not seen by a result recorded earlier
// (NumPy's eager semantics). The shared array itself shows such writes, as a
// NumPy array shows writes into its memory.
#include <pybind11/stl.h>

#include "core/dlpack.h"
#include "core/error.h"
#include "python/src/py_module.h"
#include "runtime/runtime.h"

namespace py = pybind11;

namespace npt {
namespace {

constexpr const char* kName = "dltensor";
constexpr const char* kVersioned = "dltensor_versioned";

// A capsule that no consumer took frees its tensor (the DLPack protocol:
// a consumer renames it to "used_dltensor[_versioned]").
void free_unversioned(PyObject* cap) {
  if (PyCapsule_IsValid(cap, kName)) free_dlpack(PyCapsule_GetPointer(cap, kName), false);
}

void free_versioned(PyObject* cap) {
  if (PyCapsule_IsValid(cap, kVersioned)) free_dlpack(PyCapsule_GetPointer(cap, kVersioned), true);
}

// The capsule of h's value: its buffer itself, or a copy with `copy`.
py::object to_dlpack(const Handle& h, bool versioned, bool copy, bool read_only) {
  materialize(h);
  if (!versioned && read_only)
    throw BufferError("Cannot export readonly array since signalling readonly is unsupported by DLPack.");
  void* m;
  {
    py::gil_scoped_release nogil;
    m = buffer_to_dlpack(h.node->value(), versioned, copy, read_only);
  }
  PyObject* cap = PyCapsule_New(m, versioned ? kVersioned : kName, versioned ? free_versioned : free_unversioned);
  if (!cap) {
    free_dlpack(m, versioned);
    throw py::error_already_set();
  }
  return py::reinterpret_steal<py::object>(cap);
}

// A leaf holding a producer's capsule: its memory itself when contiguous.
Handle from_dlpack(py::object capsule) {
  PyObject* cap = capsule.ptr();
  const bool versioned = PyCapsule_IsValid(cap, kVersioned);
  if (!versioned && !PyCapsule_IsValid(cap, kName))
    throw TypeError("npt.from_dlpack: expected a DLPack capsule (\"dltensor\" or \"dltensor_versioned\")");
  void* m = PyCapsule_GetPointer(cap, versioned ? kVersioned : kName);
  PyCapsule_SetName(cap, versioned ? "used_dltensor_versioned" : "used_dltensor");  // ours from here
  return Handle(make_input(buffer_from_dlpack(m, versioned)));
}

// h's value in a buffer that only this array holds, marked shared, for an
// export whose consumer may write: h's own buffer when nothing else in npt
// refers to it (no other array, op or view), else a copy, so that no other
// npt value sees the consumer's writes.
Handle shareable(const Handle& h) {
  materialize(h);
  const Buffer& b = h.node->value();
  const bool alone = h.node.use_count() == 1 && h.node->user_refs.load() == 1;
  static const OpId kInput = op_id("input");
  if (alone && h.node->op == kInput && b.shared()) return Handle(h.node);  // exported before
  Buffer out = b;
  if (!(alone && b.unique())) {
    py::gil_scoped_release nogil;
    out = b.clone();
  }
  out.mark_shared();
  return Handle(make_input(std::move(out)));
}

}  // namespace

void define_dlpack(py::module_& m) {
  m.def("to_dlpack", &to_dlpack, py::arg("handle"), py::arg("versioned"), py::arg("copy"),
        py::arg("read_only") = false, "A DLPack capsule of the handle's value (its buffer, or a copy).");
  m.def("from_dlpack", &from_dlpack, "A leaf holding a DLPack capsule's memory (no copy when contiguous).");
  m.def("shareable", &shareable, py::arg("handle"),
        "The value in a buffer of its own, marked shared, for an export.");
  m.def("data_ptr", [](const Handle& h) {
    materialize(h);
    return reinterpret_cast<uintptr_t>(h.node->value().data());
  }, "The address of the handle's value (materialized).");
  m.def("write_into", [](const Handle& dst, const Handle& src) {
    materialize(src);
    materialize(dst);
    NPT_ASSERT(dst.node->value().shared() && dst.node->shape == src.node->shape &&
               dst.node->dtype == src.node->dtype, "write_into: a shared leaf of the same shape and dtype");
    py::gil_scoped_release nogil;
    dst.node->value().copy_from(src.node->value());
  }, "Copy src's value into dst's shared memory, in place (a write through a shared buffer).");
  m.def("is_shared", [](const Handle& h) { return h.node->materialized() && h.node->value().shared(); });
  m.def("private_copy", [](const Handle& h) {
    materialize(h);
    py::gil_scoped_release nogil;
    return Handle(make_input(h.node->value().clone()));
  }, "A leaf with a copy of the handle's value.");
}

}  // namespace npt
