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
    if (op == "unslice") {
      // zeros of the input's shape; the cotangent written through the slice's view
      at::Tensor out = at::zeros(c10::IntArrayRef(node.shape), in[0].tensor().options());
      std::vector<int64_t> strides, base = out.strides().vec();
      int64_t offset = 0;
      for (size_t d = 0; d < node.shape.size(); ++d) {
        offset += node.attrs.ints[2 * d] * base[d];
        strides.push_back(base[d] * node.attrs.ints[2 * d + 1]);
      }
      out.as_strided(in[0].tensor().sizes(), strides, offset).copy_(in[0].tensor());
      return Buffer::from_tensor(out);
    }
  } catch (const c10::Error& e) {
    throw TypeError("npt: " + op + " on " + dtype_name(node.dtype) +
                    " is not supported by ATen: " + e.what_without_backtrace());
  }
  throw InternalError("no ATen implementation for opaque op " + op);
}

}  // namespace npt
