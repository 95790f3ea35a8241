// Buffer storage on at::Tensor (LibTorch's allocator, shared with ATen ops).
#include "core/buffer.h"
#include "core/aten_dtype.h"

#include <ATen/ATen.h>

#include <atomic>
#include <unordered_map>
#include <cstdlib>
#include <cstring>
#include <map>
#include <mutex>

#include "core/error.h"
#include "core/half.h"

namespace npt {

namespace {
std::atomic<int64_t> g_shared{0};  // live shared Impls

// The storages of shared memory, so that a Buffer made later of a tensor
// that aliases one (an ATen op's view of its input) is marked shared too.
struct SharedStorages {
  std::mutex mu;
  std::unordered_map<const c10::StorageImpl*, c10::weak_intrusive_ptr<c10::StorageImpl>> map;

  void add(const at::Tensor& t) {
    std::lock_guard<std::mutex> g(mu);
    for (auto it = map.begin(); it != map.end();) it = it->second.expired() ? map.erase(it) : std::next(it);
    c10::StorageImpl* s = t.storage().unsafeGetStorageImpl();
    map.emplace(s, c10::weak_intrusive_ptr<c10::StorageImpl>(t.storage().getWeakStorageImpl()));
  }
  bool has(const at::Tensor& t) {
    std::lock_guard<std::mutex> g(mu);
    auto it = map.find(t.storage().unsafeGetStorageImpl());
    return it != map.end() && !it->second.expired();
  }
};

SharedStorages& shared_storages() {
  static SharedStorages* s = new SharedStorages;  // outlives every buffer
  return *s;
}
}  // namespace

struct Buffer::Impl {
  at::Tensor t;
  std::atomic<bool> shared{false};
  ~Impl() {
    if (shared.load()) g_shared.fetch_sub(1);
  }
};

namespace {
at::ScalarType to_aten(DType t) {
  switch (t) {
    case DType::Bool: return at::kBool;
    case DType::Int8: return at::kChar;
    case DType::Int16: return at::kShort;
    case DType::Int32: return at::kInt;
    case DType::Int64: return at::kLong;
    case DType::UInt8: return at::kByte;
    case DType::UInt16: return at::kUInt16;
    case DType::UInt32: return at::kUInt32;
    case DType::UInt64: return at::kUInt64;
    case DType::Float16: return at::kHalf;
    case DType::Float32: return at::kFloat;
    case DType::Float64: return at::kDouble;
    case DType::Complex64: return at::kComplexFloat;
    case DType::Complex128: return at::kComplexDouble;
  }
  NPT_ASSERT(false, "unknown dtype");
}
DType from_aten(at::ScalarType s) {
  for (int i = 0; i < kNumDTypes; ++i)
    if (to_aten(static_cast<DType>(i)) == s) return static_cast<DType>(i);
  throw TypeError(std::string("unsupported ATen dtype ") + c10::toString(s));
}
}  // namespace

namespace {

// Large buffers are recycled: a fresh allocation of tens of MB costs a page
// fault per 4 KB on first write, which doubles the time of a memory-bound
// kernel. Freed blocks wait here, by size, for the next request of that size.
class BlockPool {
 public:
  static constexpr size_t kMinBytes = 1 << 20;
  static constexpr size_t kMaxCached = size_t(2) << 30;

  void* get(size_t bytes) {
    {
      std::lock_guard<std::mutex> g(mu_);
      auto it = free_.find(bytes);
      if (it != free_.end()) {
        void* p = it->second;
        free_.erase(it);
        cached_ -= bytes;
        return p;
      }
    }
    void* p = std::aligned_alloc(64, bytes);
    if (!p) throw std::bad_alloc();
    return p;
  }
  void put(void* p, size_t bytes) {
    std::lock_guard<std::mutex> g(mu_);
    while (cached_ + bytes > kMaxCached && !free_.empty()) {  // drop the largest first
      auto last = std::prev(free_.end());
      cached_ -= last->first;
      std::free(last->second);
      free_.erase(last);
    }
    free_.emplace(bytes, p);
    cached_ += bytes;
  }

 private:
  std::mutex mu_;
  std::multimap<size_t, void*> free_;
  size_t cached_ = 0;
};

BlockPool& pool() {
  static BlockPool* p = new BlockPool;  // outlives every buffer
  return *p;
}

}  // namespace

Buffer Buffer::empty(DType dtype, const Shape& shape) {
  Buffer b;
  b.impl_ = std::make_shared<Impl>();
  auto opts = at::TensorOptions().dtype(to_aten(dtype));
  size_t bytes = static_cast<size_t>(npt::numel(shape)) * dtype_itemsize(dtype);
  if (bytes >= BlockPool::kMinBytes) {
    bytes = (bytes + 4095) & ~size_t(4095);
    void* p = pool().get(bytes);
    b.impl_->t = at::from_blob(p, c10::IntArrayRef(shape), [bytes](void* q) { pool().put(q, bytes); }, opts);
  } else {
    b.impl_->t = at::empty(c10::IntArrayRef(shape), opts);
  }
  b.dtype_ = dtype;
  b.shape_ = shape;
  return b;
}

Buffer Buffer::from_tensor(const at::Tensor& t) {
  Buffer b;
  b.impl_ = std::make_shared<Impl>();
  b.impl_->t = t.is_contiguous() ? t : t.contiguous();
  b.dtype_ = from_aten(t.scalar_type());
  b.shape_ = Shape(t.sizes().begin(), t.sizes().end());
  b.device_ = t.is_cuda() ? t.get_device() : -1;
  if (any_shared() && b.impl_->t.has_storage() && shared_storages().has(b.impl_->t)) b.mark_shared();
  return b;
}

Buffer Buffer::empty_on(DType dtype, const Shape& shape, int device) {
  if (device < 0) return empty(dtype, shape);
  try {
    auto opts = at::TensorOptions().dtype(to_aten(dtype)).device(at::kCUDA, device);
    return from_tensor(at::empty(c10::IntArrayRef(shape), opts));
  } catch (const c10::Error& e) {
    throw DeviceError(std::string("npt: cannot allocate on cuda:") + std::to_string(device) +
                      " (is torch's CUDA library loaded?): " + e.what_without_backtrace());
  }
}

Buffer Buffer::to(int device) const {
  if (device == device_) return *this;
  try {
    at::Device d = device < 0 ? at::Device(at::kCPU) : at::Device(at::kCUDA, device);
    return from_tensor(impl_->t.to(d));
  } catch (const c10::Error& e) {
    throw DeviceError(std::string("npt: copy to ") + device_name(device) + " failed: " +
                      e.what_without_backtrace());
  }
}

std::string device_name(int device) {
  return device < 0 ? std::string("cpu") : "cuda:" + std::to_string(device);
}

void* Buffer::data() const { return impl_ ? impl_->t.data_ptr() : nullptr; }

const at::Tensor& Buffer::tensor() const {
  NPT_ASSERT(impl_, "tensor() of an empty Buffer");
  return impl_->t;
}

bool Buffer::unique() const {
  return impl_ && !impl_->shared.load() && impl_.use_count() == 1 && impl_->t.use_count() == 1 &&
         impl_->t.storage().use_count() == 1;
}

Buffer Buffer::shared_from(const at::Tensor& t) {
  NPT_ASSERT(t.is_contiguous(), "shared_from: a contiguous tensor");
  Buffer b = from_tensor(t);
  b.mark_shared();
  return b;
}

void Buffer::mark_shared() const {
  NPT_ASSERT(impl_, "mark_shared() of an empty Buffer");
  if (!impl_->shared.exchange(true)) {
    g_shared.fetch_add(1);
    if (impl_->t.has_storage()) shared_storages().add(impl_->t);
  }
}

bool Buffer::shared() const { return impl_ && impl_->shared.load(); }

bool Buffer::any_shared() { return g_shared.load(std::memory_order_relaxed) > 0; }

Buffer Buffer::clone() const {
  NPT_ASSERT(impl_, "clone() of an empty Buffer");
  if (device_ >= 0) return from_tensor(impl_->t.clone());
  Buffer b = empty(dtype_, shape_);  // (from the block pool, as every npt buffer)
  if (nbytes()) std::memcpy(b.data(), data(), static_cast<size_t>(nbytes()));
  return b;
}

void Buffer::copy_from(const Buffer& src) const {
  NPT_ASSERT(impl_ && src.impl_ && src.dtype_ == dtype_ && src.shape_ == shape_, "copy_from: same dtype and shape");
  impl_->t.copy_(src.impl_->t);
}

void store_float16(void* dst, double v) {  // rounded once, as NumPy's double -> half
  uint16_t h = double_to_half_bits(v);
  std::memcpy(dst, &h, 2);
}

// Exposed for the ATen-facing files (runtime/opaque.cpp).
at::ScalarType aten_dtype(DType t) { return to_aten(t); }
DType dtype_of_aten(at::ScalarType s) { return from_aten(s); }

}  // namespace npt
