// Opaque ops on ATen: one call each. The only file of the runtime besides
// core/buffer.cpp that includes ATen.
#include <ATen/ATen.h>

#include "core/error.h"
#include "python/src/runtime.h"

namespace npt {

Buffer run_opaque(const Node& node, const std::vector<Buffer>& in) {
  const std::string& op = node.def().name;
  try {
    if (op == "matmul") return Buffer::from_tensor(at::matmul(in[0].tensor(), in[1].tensor()));
  } catch (const c10::Error& e) {
    throw TypeError("npt: " + op + " on " + dtype_name(node.dtype) +
                    " is not supported by ATen: " + e.what_without_backtrace());
  }
  throw InternalError("no ATen implementation for opaque op " + op);
}

}  // namespace npt
