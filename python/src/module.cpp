// The _npt extension module: exception translation and the concept files.
//
// Threads: everything that needs Python is set up here, at import, while the
// import lock keeps other threads out; no function-local static anywhere in
// npt runs Python or waits for the GIL in its initializer.
#include <pybind11/numpy.h>
#include <pybind11/pybind11.h>

#include "core/error.h"
#include "core/thread_pool.h"
#include "graph/op.h"
#include "python/src/py_module.h"
#include "runtime/runtime.h"

namespace py = pybind11;

namespace {
// Set once at import, never freed (exception translators may run at exit).
PyObject* g_axis_error = nullptr;
PyObject* g_concretization_error = nullptr;
PyObject* g_linalg_error = nullptr;
}  // namespace

PYBIND11_MODULE(_npt, m) {
  m.doc() = "npt core: lazy graph, fusion and LLVM JIT";
  // pybind11's NumPy API table is a function-local static whose initializer
  // imports numpy's C module: build it now, not in whichever thread first
  // converts an array (a thread that waits for that static while holding
  // the GIL would deadlock with the one importing).
  py::detail::npy_api::get();
  g_axis_error = py::object(py::module_::import("numpy").attr("exceptions").attr("AxisError")).release().ptr();
  g_linalg_error = py::object(py::module_::import("numpy").attr("linalg").attr("LinAlgError")).release().ptr();
  std::string qualname = py::str(m.attr("__name__")).cast<std::string>() + ".ConcretizationError";
  g_concretization_error = PyErr_NewException(qualname.c_str(), PyExc_TypeError, nullptr);
  m.add_object("ConcretizationError", py::handle(g_concretization_error));
  // The registry and the thread pool are built at import too; an incomplete
  // registry (a missing rule or backend line) fails the import.
  auto problems = npt::registry_problems();
  if (!problems.empty()) {
    std::string msg = "npt: the op registry is incomplete:";
    for (auto& p : problems) msg += "\n  " + p;
    throw std::runtime_error(msg);
  }
  (void)npt::num_threads();
  py::register_exception_translator([](std::exception_ptr p) {
    try {
      if (p) std::rethrow_exception(p);
    } catch (const npt::ConcretizationError& e) {
      PyErr_SetString(g_concretization_error, e.what());
    } catch (const npt::AxisError& e) {
      PyErr_SetObject(g_axis_error, py::str(e.what()).ptr());
    } catch (const npt::LinAlgError& e) {
      PyErr_SetString(g_linalg_error, e.what());
    } catch (const npt::ValueError& e) {
      PyErr_SetString(PyExc_ValueError, e.what());
    } catch (const npt::TypeError& e) {
      PyErr_SetString(PyExc_TypeError, e.what());
    } catch (const npt::IndexError& e) {
      PyErr_SetString(PyExc_IndexError, e.what());
    } catch (const npt::OverflowError& e) {
      PyErr_SetString(PyExc_OverflowError, e.what());
    } catch (const npt::NotImplementedError& e) {
      PyErr_SetString(PyExc_NotImplementedError, e.what());
    } catch (const npt::BufferError& e) {
      PyErr_SetString(PyExc_BufferError, e.what());
    } catch (const npt::DeviceError& e) {
      PyErr_SetString(PyExc_RuntimeError, e.what());
    } catch (const npt::CheckError& e) {
      PyErr_SetString(PyExc_RuntimeError, e.what());
    } catch (const npt::ReferenceUnsupported& e) {
      PyErr_SetString(PyExc_NotImplementedError, e.what());
    } catch (const npt::CompileError& e) {
      PyErr_SetString(PyExc_RuntimeError, e.what());
    } catch (const npt::InternalError& e) {
      PyErr_SetString(PyExc_RuntimeError, e.what());
    }
  });
  npt::define_array(m);
  npt::define_explain(m);
  npt::define_transform(m);
  npt::define_dlpack(m);
}
