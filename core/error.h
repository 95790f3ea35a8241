// User-facing errors. Each class maps to the Python exception NumPy raises
// for the same mistake (python/src/module.cpp registers the translation).
// Internal invariants use NPT_ASSERT, which names our bug, not the user's.
#pragma once
#include <stdexcept>
#include <string>

namespace npt {

struct ValueError : std::runtime_error { using std::runtime_error::runtime_error; };
struct TypeError : std::runtime_error { using std::runtime_error::runtime_error; };
struct IndexError : std::runtime_error { using std::runtime_error::runtime_error; };
struct OverflowError : std::runtime_error { using std::runtime_error::runtime_error; };
struct NotImplementedError : std::runtime_error { using std::runtime_error::runtime_error; };
// numpy.exceptions.AxisError (a ValueError and IndexError in NumPy).
struct AxisError : std::runtime_error { using std::runtime_error::runtime_error; };
// A kernel failed to compile or link: names the op; never aborts.
struct CompileError : std::runtime_error { using std::runtime_error::runtime_error; };
// A value needed concretely (bool(), float(), ...) depends on the
// arguments of a function being traced by npt.jit.
struct ConcretizationError : std::runtime_error { using std::runtime_error::runtime_error; };
// Operands on different devices (a RuntimeError in Python).
struct DeviceError : std::runtime_error { using std::runtime_error::runtime_error; };
// Our own bug: an invariant that user input cannot break.
struct InternalError : std::logic_error { using std::logic_error::logic_error; };

[[noreturn]] void internal_fail(const char* cond, const char* file, int line, const std::string& msg);

}  // namespace npt

#define NPT_ASSERT(cond, msg)                                        \
  do {                                                               \
    if (!(cond)) ::npt::internal_fail(#cond, __FILE__, __LINE__, (msg)); \
  } while (0)
