// CpuJit: LLJIT + an O3 IR transform layer (see cpu_jit.h).
#include "codegen/cpu_jit.h"

#include <llvm/ADT/ScopeExit.h>
#include <llvm/Analysis/TargetLibraryInfo.h>
#include <llvm/ExecutionEngine/Orc/CompileUtils.h>
#include <llvm/ExecutionEngine/Orc/IRCompileLayer.h>
#include <llvm/ExecutionEngine/Orc/ExecutionUtils.h>
#include <llvm/ExecutionEngine/Orc/JITTargetMachineBuilder.h>
#include <llvm/MC/MCSubtargetInfo.h>
#include <llvm/Passes/PassBuilder.h>
#include <llvm/Support/TargetSelect.h>
#include <llvm/Support/raw_ostream.h>
#include <llvm/Target/TargetMachine.h>
#include <llvm/TargetParser/Host.h>
#include <llvm/TargetParser/X86TargetParser.h>

#include "codegen/cpu_runtime.h"

namespace npt {
namespace {

using namespace llvm;
using namespace llvm::orc;

// The execution session reports the cause of a failed materialization (an
// unresolved symbol, say) here rather than in the lookup's error. A compile
// runs its materialization on its own thread, so it collects them per thread.
thread_local std::string* t_session_errors = nullptr;
// Where the compiler leaves the object code of the module this thread
// compiles, when its caller wants it (compile's `object`).
thread_local std::string* t_object_sink = nullptr;

// ISA extensions that compiled kernels may use. NPT_CPU may name any CPU
// whose extensions among these the host has too (an AMD-only system feature
// such as clzero does not count: LLVM never emits it for our kernels).
const char* const kIsaFeatures[] = {
    "cmov", "cx16", "sahf", "popcnt", "lzcnt", "movbe", "bmi", "bmi2", "adx", "sse", "sse2",
    "sse3", "ssse3", "sse4.1", "sse4.2", "avx", "avx2", "fma", "f16c", "fma4", "xop", "tbm",
    "pclmul", "aes", "gfni", "vaes", "vpclmulqdq", "avxvnni", "avx512f", "avx512cd",
    "avx512bw", "avx512dq", "avx512vl", "avx512ifma", "avx512vbmi", "avx512vbmi2",
    "avx512vnni", "avx512bitalg", "avx512vpopcntdq", "avx512bf16", "avx512fp16"};

Error user_error(const std::string& msg) { return make_error<StringError>(msg, inconvertibleErrorCode()); }

// The target: the host, or the CPU NPT_CPU names (checked against the host,
// so that a kernel never stops at an illegal instruction).
Expected<JITTargetMachineBuilder> target_for(const std::string& cpu) {
  if (cpu.empty() || cpu == "native" || cpu == "host") return JITTargetMachineBuilder::detectHost();
  if (X86::parseArchX86(cpu, /*Only64Bit=*/true) == X86::CK_None) {
    SmallVector<StringRef, 64> valid;
    X86::fillValidCPUArchList(valid, /*Only64Bit=*/true);
    std::string list;
    for (auto v : valid) list += (list.empty() ? "" : ", ") + v.str();
    return user_error("NPT_CPU='" + cpu + "' is not an x86-64 CPU that LLVM knows; valid names: " +
                      list);
  }
  SmallVector<StringRef, 64> features;
  X86::getFeaturesForCPU(cpu, features);
  auto host = sys::getHostCPUFeatures();
  std::string missing;
  for (StringRef f : features)
    for (const char* isa : kIsaFeatures)
      if (f == isa && host.count(f) && !host.lookup(f)) missing += (missing.empty() ? "" : ", ") + f.str();
  if (!missing.empty())
    return user_error("NPT_CPU='" + cpu + "' uses instructions this machine lacks (" + missing +
                      "): its kernels would stop at an illegal instruction");
  JITTargetMachineBuilder jtmb{Triple(sys::getProcessTriple())};
  jtmb.setCPU(cpu);  // no feature string: the CPU's own features
  return jtmb;
}

// libmvec's vector variants that the target can call: the SSE ones ('b')
// everywhere, the AVX2 ones ('d') only with AVX2. (LLVM's own LIBMVEC_X86
// table offers both whatever the target, and an 8-wide AVX2 call on a CPU
// without AVX passes its vector in two XMM registers: wrong lanes, or SIGILL.)
std::vector<VecDesc> libmvec_table(bool avx2) {
#define FIXED(n) ElementCount::getFixed(n)
#define TLI_DEFINE_LIBMVEC_X86_VECFUNCS
#define TLI_DEFINE_VECFUNC(scalar, vector, vf, prefix) {scalar, vector, vf, false, prefix},
  const VecDesc all[] = {
#include <llvm/Analysis/VecFuncs.def>
  };
#undef FIXED
  std::vector<VecDesc> usable;
  for (const VecDesc& d : all) {
    char isa = d.getVectorFnName().size() > 4 ? d.getVectorFnName()[4] : '?';  // _ZGV<isa>...
    if (isa == 'b' || (isa == 'd' && avx2)) usable.push_back(d);
  }
  return usable;
}

// Compiles run on whichever thread asks for a kernel, and a TargetMachine
// must not be shared between threads: each thread keeps its own (making one
// costs about 1 ms, a tenth of a small kernel's compile).
Expected<TargetMachine*> thread_machine(const CpuJit* owner, const JITTargetMachineBuilder& builder) {
  thread_local const CpuJit* made_for = nullptr;
  thread_local std::unique_ptr<TargetMachine> machine;
  if (!machine || made_for != owner) {
    auto tm = JITTargetMachineBuilder(builder).createTargetMachine();
    if (!tm) return tm.takeError();
    machine = std::move(*tm);
    made_for = owner;
  }
  return machine.get();
}

// IR -> object code on the calling thread's TargetMachine.
class ThreadCompiler : public IRCompileLayer::IRCompiler {
 public:
  ThreadCompiler(const CpuJit* owner, JITTargetMachineBuilder builder)
      : IRCompiler(irManglingOptionsFromTargetOptions(builder.getOptions())),
        owner_(owner), builder_(std::move(builder)) {}
  Expected<std::unique_ptr<MemoryBuffer>> operator()(Module& m) override {
    auto tm = thread_machine(owner_, builder_);
    if (!tm) return tm.takeError();
    auto obj = SimpleCompiler(**tm)(m);
    if (obj && t_object_sink) t_object_sink->assign((*obj)->getBufferStart(), (*obj)->getBufferSize());
    return obj;
  }

 private:
  const CpuJit* owner_;
  JITTargetMachineBuilder builder_;
};

// O3 with libmvec as the vector library, for the target's machine, less
// loop unrolling: unrolled loops were half of a small kernel's compile
// (a 10-op reduction: 27 ms with it, 15.5 ms without), and the kernels are
// memory-bound or libmvec calls, where it bought no measurable speed.
void optimize(Module& m, TargetMachine& machine, bool avx2) {
  LoopAnalysisManager lam;
  FunctionAnalysisManager fam;
  CGSCCAnalysisManager cgam;
  ModuleAnalysisManager mam;
  PipelineTuningOptions tuning;
  tuning.LoopUnrolling = false;
  PassBuilder pb(&machine, tuning);
  TargetLibraryInfoImpl tlii(machine.getTargetTriple());
  static const std::vector<VecDesc> with_avx2 = libmvec_table(true), sse_only = libmvec_table(false);
  tlii.addVectorizableFunctions(avx2 ? with_avx2 : sse_only);
  fam.registerPass([&] { return TargetLibraryAnalysis(tlii); });
  pb.registerModuleAnalyses(mam);
  pb.registerCGSCCAnalyses(cgam);
  pb.registerFunctionAnalyses(fam);
  pb.registerLoopAnalyses(lam);
  pb.crossRegisterProxies(lam, fam, cgam, mam);
  pb.buildPerModuleDefaultPipeline(OptimizationLevel::O3).run(m, mam);
}

}  // namespace

Expected<std::unique_ptr<CpuJit>> CpuJit::Create(const std::string& cpu) {
  static const bool once = [] {  // LLVM's own one-time setup (no Python, no locks)
    InitializeNativeTarget();
    InitializeNativeTargetAsmPrinter();
    InitializeNativeTargetAsmParser();
    return true;
  }();
  (void)once;
  auto jtmb = target_for(cpu);
  if (!jtmb) return jtmb.takeError();
  jtmb->setCodeGenOptLevel(CodeGenOptLevel::Aggressive);
  std::unique_ptr<CpuJit> self(new CpuJit());
  {
    // this thread's TargetMachine: the target's name and features, and the
    // machine its first compile uses
    auto tm = thread_machine(self.get(), *jtmb);
    if (!tm) return tm.takeError();
    const MCSubtargetInfo* sti = (*tm)->getMCSubtargetInfo();
    self->cpu_ = std::string((*tm)->getTargetCPU());
    self->avx2_ = sti->checkFeatures("+avx2");
    self->avx512_ = sti->checkFeatures("+avx512f");
    self->features_ = std::string((*tm)->getTargetFeatureString());
  }

  // No process-symbols JITDylib and no platform: kernels have no static
  // initializers, and every symbol they use is defined below. Compiles run
  // on the thread that asks for the kernel (ORC's in-place dispatch), each
  // with a TargetMachine of its own, so threads may compile at once.
  auto jit = LLJITBuilder()
                 .setJITTargetMachineBuilder(*jtmb)
                 .setLinkProcessSymbolsByDefault(false)
                 .setPlatformSetUp(setUpInactivePlatform)
                 .setCompileFunctionCreator([raw = self.get()](JITTargetMachineBuilder b)
                                                -> Expected<std::unique_ptr<IRCompileLayer::IRCompiler>> {
                   return std::make_unique<ThreadCompiler>(raw, std::move(b));
                 })
                 .create();
  if (!jit) return jit.takeError();
  self->jit_ = std::move(*jit);
  ExecutionSession& es = self->jit_->getExecutionSession();
  es.setErrorReporter([](Error e) {
    std::string msg = toString(std::move(e));
    if (t_session_errors) *t_session_errors += (t_session_errors->empty() ? "" : "; ") + msg;
  });

  JITDylib& jd = self->jit_->getMainJITDylib();
  SymbolMap helpers;
  for (const RuntimeSymbol& s : cpu_runtime_symbols())
    helpers[es.intern(s.name)] = {ExecutorAddr::fromPtr(s.address), JITSymbolFlags::Exported};
  if (auto err = jd.define(absoluteSymbols(std::move(helpers)))) return err;
  // libmvec is not libm: the vectorizer's _ZGV* calls resolve there.
  char prefix = self->jit_->getDataLayout().getGlobalPrefix();
  for (const char* lib : {"libm.so.6", "libmvec.so.1", "libc.so.6"}) {
    auto gen = DynamicLibrarySearchGenerator::Load(lib, prefix);
    if (!gen) return gen.takeError();
    jd.addGenerator(std::move(*gen));
  }

  CpuJit* raw = self.get();
  JITTargetMachineBuilder builder = *jtmb;
  self->builder_ = std::make_unique<JITTargetMachineBuilder>(builder);
  self->jit_->getIRTransformLayer().setTransform(
      [builder, raw](ThreadSafeModule tsm, const MaterializationResponsibility&) -> Expected<ThreadSafeModule> {
        auto tm = thread_machine(raw, builder);
        if (!tm) return tm.takeError();
        // (no listing here: printing every module cost each compile; explain
        // asks listIR for the ones it shows)
        tsm.withModuleDo([&](Module& m) { optimize(m, **tm, raw->avx2_); });
        return tsm;
      });
  return self;
}

Expected<std::vector<ExecutorAddr>> CpuJit::compile(ThreadSafeModule tsm, const std::vector<std::string>& names,
                                                   std::string* object) {
  std::string module = tsm.withModuleDo([](Module& m) { return m.getModuleIdentifier(); });
  JITDylib& jd = jit_->getMainJITDylib();
  ResourceTrackerSP rt = jd.createResourceTracker();
  std::string reports;
  std::string* outer = t_session_errors;
  std::string* outer_sink = t_object_sink;
  t_session_errors = &reports;
  t_object_sink = object;
  auto restore = make_scope_exit([&] {
    t_session_errors = outer;
    t_object_sink = outer_sink;
  });
  auto fail = [&](Error e) -> Error {
    std::string msg = toString(std::move(e));
    if (!reports.empty()) msg = reports + " [" + msg + "]";  // the cause first
    if (Error removed = rt->remove()) msg += "; removing the module failed: " + toString(std::move(removed));
    std::lock_guard<std::mutex> g(ir_mu_);
    ir_.erase(module);
    return user_error(msg);
  };
  if (Error e = jit_->addIRModule(rt, std::move(tsm))) return fail(std::move(e));
  std::vector<ExecutorAddr> addrs;
  for (const std::string& n : names) {
    auto a = jit_->lookup(jd, n);
    if (!a) return fail(a.takeError());
    addrs.push_back(*a);
  }
  return addrs;
}

Expected<std::vector<ExecutorAddr>> CpuJit::load(const std::string& module, const std::string& object,
                                                const std::vector<std::string>& names) {
  JITDylib& jd = jit_->getMainJITDylib();
  ResourceTrackerSP rt = jd.createResourceTracker();
  std::string reports;
  std::string* outer = t_session_errors;
  t_session_errors = &reports;
  auto restore = make_scope_exit([&] { t_session_errors = outer; });
  auto fail = [&](Error e) -> Error {
    std::string msg = toString(std::move(e));
    if (!reports.empty()) msg = reports + " [" + msg + "]";
    if (Error removed = rt->remove()) msg += "; removing the object failed: " + toString(std::move(removed));
    return user_error(msg);
  };
  if (Error e = jit_->addObjectFile(rt, MemoryBuffer::getMemBufferCopy(object, module)))
    return fail(std::move(e));
  std::vector<ExecutorAddr> addrs;
  for (const std::string& n : names) {
    auto a = jit_->lookup(jd, n);
    if (!a) return fail(a.takeError());
    addrs.push_back(*a);
  }
  return addrs;
}

std::string CpuJit::listIR(ThreadSafeModule tsm) {
  std::string text;
  Error err = tsm.withModuleDo([&](Module& m) -> Error {
    auto tm = thread_machine(this, *builder_);
    if (!tm) return tm.takeError();
    optimize(m, **tm, avx2_);
    raw_string_ostream os(text);
    m.print(os, nullptr);
    os.flush();
    std::lock_guard<std::mutex> g(ir_mu_);
    ir_[m.getModuleIdentifier()] = text;
    return Error::success();
  });
  if (err) return "; the IR listing failed: " + toString(std::move(err));
  return text;
}

std::string CpuJit::optimizedIR(const std::string& module) const {
  std::lock_guard<std::mutex> g(ir_mu_);
  auto it = ir_.find(module);
  return it == ir_.end() ? std::string() : it->second;
}

}  // namespace npt
