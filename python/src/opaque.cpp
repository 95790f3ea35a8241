// Opaque ops on ATen: one call each. The only file of the runtime besides
// core/buffer.cpp that includes ATen.
#include <ATen/ATen.h>

#include "core/error.h"
#include "python/src/runtime.h"

namespace npt {

Buffer run_opaque(const Node& node, const std::vector<Buffer>& bufs,
                  const std::vector<StridedView>& views) {
  const std::string& op = node.def().name;
  std::vector<at::Tensor> in;
  try {
    for (size_t i = 0; i < bufs.size(); ++i)
      in.push_back(bufs[i].tensor().as_strided(views[i].shape, views[i].strides, views[i].offset));
    if (op == "matmul") return Buffer::from_tensor(at::matmul(in[0], in[1]));
    if (op == "unslice") {
      // zeros of the input's shape; the cotangent written through the slice's view
      // (a negative step is the positive one from the far end, on flipped data)
      at::Tensor g = in[0], out = at::zeros(c10::IntArrayRef(node.shape), g.options());
      std::vector<int64_t> strides, flip, base = out.strides().vec();
      int64_t offset = 0;
      for (size_t d = 0; d < node.shape.size(); ++d) {
        int64_t start = node.attrs.ints[2 * d], step = node.attrs.ints[2 * d + 1];
        if (step < 0) {
          start += (g.size(d) - 1) * step;
          step = -step;
          flip.push_back(static_cast<int64_t>(d));
        }
        offset += start * base[d];
        strides.push_back(base[d] * step);
      }
      if (!flip.empty()) g = g.flip(flip);
      // (the view may have stride-0 dims from broadcasting; copy_ reads it as is)
      out.as_strided(g.sizes(), strides, offset).copy_(g);
      return Buffer::from_tensor(out);
    }
  } catch (const c10::Error& e) {
    throw TypeError("npt: " + op + " on " + dtype_name(node.dtype) +
                    " is not supported by ATen: " + e.what_without_backtrace());
  }
  throw InternalError("no ATen implementation for opaque op " + op);
}

}  // namespace npt
