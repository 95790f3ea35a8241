// The functions generated CPU code may call besides libm/libmvec/libc: npt's
// own helpers (integer powers) and the compiler runtime routines LLVM emits
// calls to where a CPU lacks an instruction (float16 conversions without
// F16C or AVX512-FP16, 128-bit division). The JIT defines every one of them
// itself, so no kernel depends on what else the process has loaded.
#pragma once
#include <cstdint>
#include <vector>

namespace npt {

struct RuntimeSymbol {
  const char* name;
  void* address;
};

// Every helper, by the name generated code calls it.
const std::vector<RuntimeSymbol>& cpu_runtime_symbols();

// Integer power with NumPy's wrapping. A negative exponent sets *err (the
// executor raises NumPy's ValueError) and gives 0.
extern "C" int64_t npt_ipow(int64_t b, int64_t e, int32_t* err);
extern "C" uint64_t npt_upow(uint64_t b, uint64_t e);
// gcd and lcm of magnitudes (callers wrap the result to the dtype).
extern "C" uint64_t npt_gcd(uint64_t a, uint64_t b);
extern "C" uint64_t npt_lcm(uint64_t a, uint64_t b);
// The inverse error function (libm has none): y in [-1, 1] -> x with erf(x) = y.
extern "C" double npt_erfinv(double y);
extern "C" float npt_erfinvf(float y);
// nextafter on float16 (NumPy's, on bits).
extern "C" _Float16 npt_nextafter_f16(_Float16 x, _Float16 y);

}  // namespace npt
