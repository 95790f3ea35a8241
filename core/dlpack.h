// DLPack exchange of Buffers (ATen's converters behind a header without
// ATen): the managed tensors that the Python capsules carry.
#pragma once
#include "core/buffer.h"

namespace npt {

// A DLManagedTensor (or, with `versioned`, a DLManagedTensorVersioned) of b's
// memory, or of a copy of it with `copy`; b is marked shared otherwise.
void* buffer_to_dlpack(const Buffer& b, bool versioned, bool copy, bool read_only);
// Frees a managed tensor that no consumer took (its deleter).
void free_dlpack(void* managed, bool versioned);
// A Buffer of a managed tensor, which it owns from here: its memory itself
// (marked shared) when contiguous and writable, else a copy. Raises
// BufferError for a newer major version, a device or dtype npt lacks.
Buffer buffer_from_dlpack(void* managed, bool versioned);

}  // namespace npt
