// Opaque ops on ATen: the registry's eager implementation, on strided views
// of the input buffers (no copies).
#include <ATen/ATen.h>

#include "core/error.h"
#include "runtime/runtime.h"

namespace npt {

Buffer run_opaque(const Node& node, const std::vector<Buffer>& bufs,
                  const std::vector<StridedView>& views) {
  std::vector<at::Tensor> in;
  try {
    for (size_t i = 0; i < bufs.size(); ++i)
      in.push_back(bufs[i].tensor().as_strided(views[i].shape, views[i].strides, views[i].offset));
    return Buffer::from_tensor(node.def().eager(node, in));
  } catch (const c10::Error& e) {
    throw TypeError("npt: " + node.def().name + " on " + dtype_name(node.dtype) +
                    " is not supported by ATen: " + e.what_without_backtrace());
  }
}

}  // namespace npt
