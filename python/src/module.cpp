// The _npt extension module: exception translation and the concept files.
#include <pybind11/pybind11.h>

#include "core/error.h"
#include "python/src/py_module.h"

namespace py = pybind11;

PYBIND11_MODULE(_npt, m) {
  m.doc() = "npt core: lazy graph, fusion and LLVM JIT";
  static py::object axis_error =
      py::module_::import("numpy").attr("exceptions").attr("AxisError");
  static py::exception<npt::ConcretizationError> concretization(m, "ConcretizationError",
                                                                 PyExc_TypeError);
  py::register_exception_translator([](std::exception_ptr p) {
    try {
      if (p) std::rethrow_exception(p);
    } catch (const npt::ConcretizationError& e) {
      concretization(e.what());
    } catch (const npt::AxisError& e) {
      PyErr_SetObject(axis_error.ptr(), py::str(e.what()).ptr());
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
    } catch (const npt::DeviceError& e) {
      PyErr_SetString(PyExc_RuntimeError, e.what());
    } catch (const npt::CompileError& e) {
      PyErr_SetString(PyExc_RuntimeError, e.what());
    } catch (const npt::InternalError& e) {
      PyErr_SetString(PyExc_RuntimeError, e.what());
    }
  });
  npt::define_array(m);
  npt::define_explain(m);
  npt::define_transform(m);
}
