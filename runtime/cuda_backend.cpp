// The CUDA backend: kernels from NVRTC (cached CUBINs), launched through the
// driver API on torch's current stream: a grid-stride launch, or for
// reductions one block per (part, row) and then the finish kernel.
#include <algorithm>
#include <memory>
#include <mutex>

#include "codegen/cuda_driver.h"
#include "core/error.h"
#include "runtime/backend.h"
#include "runtime/runtime.h"

namespace npt {
namespace {

class CudaBackend final : public Backend {
 public:
  explicit CudaBackend(int device) : device_(device) {}

  CompiledCode compile(const KernelSpec& k, const Variant& v, KernelReport& rep, bool) override {
    const CudaKernel& c = get_cuda_kernel(k, v, device_);
    rep.name += " (cuda:" + std::to_string(device_) + ")";
    return &c;
  }

  Buffer allocate(DType t, const Shape& shape) override { return Buffer::empty_on(t, shape, device_); }

  // Reductions over few rows split each row into parts to fill the device.
  LaunchShape shape(CompiledCode code, const KernelSpec& k, int64_t rows, int64_t cols) override {
    const int sms = static_cast<const CudaKernel*>(code)->sm_count;
    LaunchShape s;
    if (k.has_reduction() && rows < 2 * sms)
      s.P = std::max<int64_t>(1, std::min<int64_t>((cols + 2047) / 2048, (4 * sms) / std::max<int64_t>(rows, 1)));
    return s;
  }

  void launch(CompiledCode code, const KernelSpec& k, const LaunchArgs& a) override {
    const CudaKernel& c = *static_cast<const CudaKernel*>(code);
    if (a.meta.size() > static_cast<size_t>(kCudaMaxMeta) || a.ptrs.size() > static_cast<size_t>(kCudaMaxPtrs))
      throw CompileError("npt: kernel '" + k.name + "' has too many operands for the CUDA backend");
    CudaArgs args{};
    std::copy(a.meta.begin(), a.meta.end(), args.meta);
    for (size_t i = 0; i < a.ptrs.size(); ++i) args.ptrs[i] = static_cast<char*>(a.ptrs[i]);
    const unsigned block = 256;
    const int64_t P = a.shape.P;
    if (!k.has_reduction()) {
      int64_t blocks = std::max<int64_t>(1, std::min<int64_t>((a.cols + block - 1) / block, 32LL * c.sm_count));
      cuda_launch(c.run, device_, static_cast<unsigned>(blocks), 1, 1, block, 1, a.cols, 1, args);
      return;
    }
    unsigned gy = static_cast<unsigned>(std::min<int64_t>(a.rows, 65535));
    unsigned gz = static_cast<unsigned>((a.rows + 65534) / 65535);
    cuda_launch(c.run, device_, static_cast<unsigned>(P), gy, gz, block, a.rows, a.cols, P, args);
    cuda_launch(c.finish, device_, static_cast<unsigned>((a.rows + block - 1) / block), 1, 1, block, a.rows,
                a.cols, P, args);
  }

  int device() const override { return device_; }

 private:
  int device_;
};

}  // namespace

Backend& cuda_backend(int device) {
  static std::mutex mu;
  static std::vector<std::unique_ptr<CudaBackend>> backends;
  std::lock_guard<std::mutex> g(mu);
  if (backends.size() <= static_cast<size_t>(device)) backends.resize(device + 1);
  if (!backends[device]) backends[device] = std::make_unique<CudaBackend>(device);
  return *backends[device];
}

}  // namespace npt
