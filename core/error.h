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
// numpy.linalg.LinAlgError: a singular or not positive-definite matrix, a
// decomposition that did not converge (found when the values are computed).
struct LinAlgError : std::runtime_error { using std::runtime_error::runtime_error; };
// A kernel failed to compile or link: names the op; never aborts.
struct CompileError : std::runtime_error { using std::runtime_error::runtime_error; };
// There is no CPU JIT to compile with (a bad NPT_CPU, or a build without
// LLVM): an error at the call, not a kernel for the reference to stand in for.
struct JitUnavailable : CompileError { using CompileError::CompileError; };
// A value needed concretely (bool(), float(), ...) depends on the
// arguments of a function being traced by npt.jit.
struct ConcretizationError : std::runtime_error { using std::runtime_error::runtime_error; };
// Operands on different devices (a RuntimeError in Python).
struct DeviceError : std::runtime_error { using std::runtime_error::runtime_error; };
// The reference executor has no implementation of an op for a dtype (ATen
// lacks it): NPT_CHECK skips that kernel; never reaches the user otherwise.
struct ReferenceUnsupported : std::runtime_error { using std::runtime_error::runtime_error; };
// NPT_CHECK=1: a fused kernel's result differs from the reference executor's
// (a RuntimeError in Python, naming the kernel, its ops and the element).
struct CheckError : std::runtime_error { using std::runtime_error::runtime_error; };
// A DLPack exchange npt cannot make (a device, dtype or version it lacks, a
// read-only export over the unversioned protocol): Python's BufferError.
struct BufferError : std::runtime_error { using std::runtime_error::runtime_error; };
// Our own bug: an invariant that user input cannot break.
struct InternalError : std::logic_error { using std::logic_error::logic_error; };

[[noreturn]] void internal_fail(const char* cond, const char* file, int line, const std::string& msg);

}  // namespace npt

#define NPT_ASSERT(cond, msg)                                        \
  do {                                                               \
    if (!(cond)) ::npt::internal_fail(#cond, __FILE__, __LINE__, (msg)); \
  } while (0)
