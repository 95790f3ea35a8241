// The CPU JIT: an ORC LLJIT of KaleidoscopeJIT size. Modules are optimized
// at O3 for the target CPU (the host's, or NPT_CPU's) with glibc's libmvec as
// the vector math library, when first looked up. Generated code resolves
// against npt's runtime helpers and three named libraries (libm, libmvec,
// libc), never the process's global symbol scope. Each module has its own
// resource tracker, so a failed compile can be removed without a trace.
// Errors come back as llvm::Error, never aborts; the JIT is thread-safe.
// A compile can hand back its object code, and load() adds such code again
// without compiling (the disk cache's warm start).
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
  // `cpu` is an LLVM CPU name, or empty (or "native", "host") for the host.
  static llvm::Expected<std::unique_ptr<CpuJit>> Create(const std::string& cpu);

  // Adds a module under a fresh resource tracker and looks up `names` in it
  // (which compiles it). On any failure the module is removed again and the
  // error names the real cause (an unresolved symbol, say).
  // `object`, when given, receives the module's object code (for the disk
  // cache).
  llvm::Expected<std::vector<llvm::orc::ExecutorAddr>> compile(llvm::orc::ThreadSafeModule tsm,
                                                               const std::vector<std::string>& names,
                                                               std::string* object = nullptr);
  // Adds object code that compile() produced in some process for this
  // target (from the disk cache) and looks up `names`; on failure nothing
  // of it stays in the JIT.
  llvm::Expected<std::vector<llvm::orc::ExecutorAddr>> load(const std::string& module, const std::string& object,
                                                            const std::vector<std::string>& names);
  // Optimizes `tsm` as a compile would, for its IR listing only (compiles
  // keep no text); the listing is kept as optimizedIR's.
  std::string listIR(llvm::orc::ThreadSafeModule tsm);

  const std::string& cpu() const { return cpu_; }
  bool hasAVX2() const { return avx2_; }
  bool hasAVX512() const { return avx512_; }
  // The target's feature string (what the code may use), for cache keys.
  const std::string& features() const { return features_; }
  // Optimized IR of a module listed by listIR, by module name (empty if none).
  std::string optimizedIR(const std::string& module) const;

 private:
  CpuJit() = default;
  std::unique_ptr<llvm::orc::LLJIT> jit_;
  std::unique_ptr<llvm::orc::JITTargetMachineBuilder> builder_;  // for listIR's machine
  std::string cpu_, features_;
  bool avx2_ = false, avx512_ = false;
  mutable std::mutex ir_mu_;
  std::map<std::string, std::string> ir_;
};

}  // namespace npt
