// Opaque ops on ATen: the registry's eager implementation, on strided views
// of the input buffers (no copies); `into`: the result written into input
// 0's buffer, which the executor has given up (the op's eager_into).
#include <ATen/ATen.h>

#include "core/error.h"
#include "runtime/runtime.h"

namespace npt {

Buffer run_opaque(const Node& node, const std::vector<Buffer>& bufs,
                  const std::vector<StridedView>& views, bool into) {
  std::vector<at::Tensor> in;
  try {
    // A donated input is whole (the executor checks): passed as its own
    // tensor, as a view would keep a second reference to it. A buffer may
    // itself start inside its storage (bitcast's values after the state
    // words): view offsets count from the buffer's first element.
    for (size_t i = 0; i < bufs.size(); ++i) {
      const at::Tensor& t = bufs[i].tensor();
      in.push_back(into && i == 0 ? t : t.as_strided(views[i].shape, views[i].strides, t.storage_offset() + views[i].offset));
    }
    const OpDef& d = node.def();
    return Buffer::from_tensor(into ? d.eager_into(node, in) : d.eager(node, in));
  } catch (const LinAlgError&) {
    throw;
  } catch (const c10::IndexError& e) {  // an index array out of bounds, found at run time
    throw IndexError(e.what_without_backtrace());
  } catch (const c10::Error& e) {
    throw TypeError("npt: " + node.def().name + " on " + dtype_name(node.dtype) +
                    " is not supported by ATen: " + e.what_without_backtrace());
  }
}

}  // namespace npt
