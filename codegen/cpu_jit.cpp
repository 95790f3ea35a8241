// CpuJit: LLJIT + an O3 IR transform layer (see cpu_jit.h).
#include "codegen/cpu_jit.h"

#include <llvm/Analysis/TargetLibraryInfo.h>
#include <llvm/ExecutionEngine/Orc/ExecutionUtils.h>
#include <llvm/ExecutionEngine/Orc/JITTargetMachineBuilder.h>
#include <llvm/Passes/PassBuilder.h>
#include <llvm/Support/TargetSelect.h>
#include <llvm/Support/raw_ostream.h>
#include <llvm/Target/TargetMachine.h>
#include <llvm/TargetParser/Host.h>

#include <cstdint>

namespace npt {

// Helpers that generated code calls for operations without a vector form.
// Integer power with NumPy's wrapping; a negative exponent flags an error that
// the executor turns into NumPy's ValueError.
extern "C" {
extern int npt_kernel_error;  // defined in kernel_cache.cpp (built with or without LLVM)
int64_t npt_ipow(int64_t b, int64_t e) {
  if (e < 0) { __atomic_store_n(&npt_kernel_error, 1, __ATOMIC_RELAXED); return 0; }
  uint64_t r = 1, x = static_cast<uint64_t>(b);
  for (uint64_t k = static_cast<uint64_t>(e); k; k >>= 1, x *= x)
    if (k & 1) r *= x;
  return static_cast<int64_t>(r);
}
uint64_t npt_upow(uint64_t b, uint64_t e) {
  uint64_t r = 1;
  for (; e; e >>= 1, b *= b)
    if (e & 1) r *= b;
  return r;
}
}

llvm::Expected<std::unique_ptr<CpuJit>> CpuJit::Create() {
  using namespace llvm;
  using namespace llvm::orc;
  static bool once = [] {
    InitializeNativeTarget();
    InitializeNativeTargetAsmPrinter();
    InitializeNativeTargetAsmParser();
    return true;
  }();
  (void)once;
  auto jtmb = JITTargetMachineBuilder::detectHost();
  if (!jtmb) return jtmb.takeError();
  jtmb->setCodeGenOptLevel(CodeGenOptLevel::Aggressive);
  std::unique_ptr<CpuJit> self(new CpuJit());
  self->cpu_ = jtmb->getCPU();
  for (auto& f : jtmb->getFeatures().getFeatures()) {
    if (f == "+avx2") self->avx2_ = true;
    if (f == "+avx512f") self->avx512_ = true;
  }
  auto tm = jtmb->createTargetMachine();
  if (!tm) return tm.takeError();
  std::shared_ptr<TargetMachine> machine = std::move(*tm);

  auto jit = LLJITBuilder().setJITTargetMachineBuilder(*jtmb).create();
  if (!jit) return jit.takeError();
  self->jit_ = std::move(*jit);
  auto& jd = self->jit_->getMainJITDylib();
  char prefix = self->jit_->getDataLayout().getGlobalPrefix();
  auto proc = DynamicLibrarySearchGenerator::GetForCurrentProcess(prefix);
  if (!proc) return proc.takeError();
  jd.addGenerator(std::move(*proc));
  // libmvec is not libm: load it so the vectorizer's _ZGV* calls resolve.
  auto mvec = DynamicLibrarySearchGenerator::Load("libmvec.so.1", prefix);
  if (!mvec) return mvec.takeError();
  jd.addGenerator(std::move(*mvec));
  auto& es = self->jit_->getExecutionSession();
  SymbolMap helpers;
  helpers[es.intern("npt_ipow")] = {ExecutorAddr::fromPtr(&npt_ipow), JITSymbolFlags::Exported};
  helpers[es.intern("npt_upow")] = {ExecutorAddr::fromPtr(&npt_upow), JITSymbolFlags::Exported};
  if (auto err = jd.define(absoluteSymbols(std::move(helpers)))) return err;

  CpuJit* raw = self.get();
  self->jit_->getIRTransformLayer().setTransform(
      [machine, raw](ThreadSafeModule tsm, const MaterializationResponsibility&) -> Expected<ThreadSafeModule> {
        tsm.withModuleDo([&](Module& m) {
          LoopAnalysisManager lam;
          FunctionAnalysisManager fam;
          CGSCCAnalysisManager cgam;
          ModuleAnalysisManager mam;
          PassBuilder pb(machine.get());
          TargetLibraryInfoImpl tlii(machine->getTargetTriple());
          tlii.addVectorizableFunctionsFromVecLib(TargetLibraryInfoImpl::LIBMVEC_X86,
                                                  machine->getTargetTriple());
          fam.registerPass([&] { return TargetLibraryAnalysis(tlii); });
          pb.registerModuleAnalyses(mam);
          pb.registerCGSCCAnalyses(cgam);
          pb.registerFunctionAnalyses(fam);
          pb.registerLoopAnalyses(lam);
          pb.crossRegisterProxies(lam, fam, cgam, mam);
          ModulePassManager mpm = pb.buildPerModuleDefaultPipeline(OptimizationLevel::O3);
          mpm.run(m, mam);
          std::string text;
          raw_string_ostream os(text);
          m.print(os, nullptr);
          std::lock_guard<std::mutex> g(raw->ir_mu_);
          raw->ir_[m.getModuleIdentifier()] = std::move(os.str());
        });
        return std::move(tsm);
      });
  return std::move(self);
}

llvm::Error CpuJit::addModule(llvm::orc::ThreadSafeModule tsm) {
  return jit_->addIRModule(std::move(tsm));
}

llvm::Expected<llvm::orc::ExecutorAddr> CpuJit::lookup(llvm::StringRef name) {
  return jit_->lookup(name);
}

std::string CpuJit::optimizedIR(const std::string& module) const {
  std::lock_guard<std::mutex> g(ir_mu_);
  auto it = ir_.find(module);
  return it == ir_.end() ? std::string() : it->second;
}

}  // namespace npt
