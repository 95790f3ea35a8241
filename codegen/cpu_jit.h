// The CPU JIT: an ORC LLJIT of KaleidoscopeJIT size. Modules are optimized
// at O3 for the host CPU (with glibc's libmvec as the vector math library)
// when first looked up. Errors come back as llvm::Error, never aborts.
#pragma once
#include <llvm/ExecutionEngine/Orc/LLJIT.h>
#include <llvm/IR/Module.h>

#include <map>
#include <memory>
#include <mutex>
#include <string>

namespace npt {

class CpuJit {
 public:
  static llvm::Expected<std::unique_ptr<CpuJit>> Create();

  llvm::Error addModule(llvm::orc::ThreadSafeModule tsm);
  llvm::Expected<llvm::orc::ExecutorAddr> lookup(llvm::StringRef name);

  const llvm::DataLayout& dataLayout() const { return jit_->getDataLayout(); }
  const llvm::Triple& triple() const { return jit_->getTargetTriple(); }
  const std::string& cpu() const { return cpu_; }
  bool hasAVX2() const { return avx2_; }
  bool hasAVX512() const { return avx512_; }
  // Optimized IR of a module, by module name (kept for explain(code=True)).
  std::string optimizedIR(const std::string& module) const;

 private:
  CpuJit() = default;
  std::unique_ptr<llvm::orc::LLJIT> jit_;
  std::string cpu_;
  bool avx2_ = false, avx512_ = false;
  mutable std::mutex ir_mu_;
  std::map<std::string, std::string> ir_;
};

}  // namespace npt
