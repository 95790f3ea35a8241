// DLPack through ATen's converters (core/dlpack.h).
#include "core/dlpack.h"

#include <ATen/ATen.h>
#include <ATen/DLConvertor.h>
#include <ATen/dlpack.h>

#include <string>

#include "core/error.h"

namespace npt {

void* buffer_to_dlpack(const Buffer& b, bool versioned, bool copy, bool read_only) {
  at::Tensor t = copy ? b.tensor().clone() : b.tensor();
  if (!copy) b.mark_shared();
  if (!versioned) return at::toDLPack(t);
  DLManagedTensorVersioned* m = at::toDLPackVersioned(t);
  if (read_only) m->flags |= DLPACK_FLAG_BITMASK_READ_ONLY;
  if (copy) m->flags |= DLPACK_FLAG_BITMASK_IS_COPIED;
  return m;
}

void free_dlpack(void* managed, bool versioned) {
  if (!managed) return;
  if (versioned) {
    auto* m = static_cast<DLManagedTensorVersioned*>(managed);
    if (m->deleter) m->deleter(m);
  } else {
    auto* m = static_cast<DLManagedTensor*>(managed);
    if (m->deleter) m->deleter(m);
  }
}

Buffer buffer_from_dlpack(void* managed, bool versioned) {
  at::Tensor t;
  bool read_only = false;
  try {
    if (versioned) {
      auto* m = static_cast<DLManagedTensorVersioned*>(managed);
      if (m->version.major > DLPACK_MAJOR_VERSION) {
        m->deleter(m);
        throw BufferError("npt.from_dlpack: the producer's DLPack version " + std::to_string(m->version.major) +
                          " is newer than npt's (" + std::to_string(DLPACK_MAJOR_VERSION) + ")");
      }
      read_only = m->flags & DLPACK_FLAG_BITMASK_READ_ONLY;
      t = at::fromDLPackVersioned(m);  // (owns m from here, also when it raises)
    } else {
      t = at::fromDLPack(static_cast<DLManagedTensor*>(managed));
    }
  } catch (const c10::Error& e) {  // a device or dtype ATen does not take
    throw BufferError(std::string("npt.from_dlpack: ") + e.what_without_backtrace());
  }
  // read-only memory is copied (npt writes into the memory it shares), and
  // strided memory (npt's buffers are contiguous)
  if (read_only || !t.is_contiguous()) return Buffer::from_tensor(t.contiguous().clone());
  return Buffer::shared_from(t);  // (an unsupported dtype raises; t then frees the producer's tensor)
}

}  // namespace npt
