// The CPU kernels' runtime helpers (codegen/cpu_runtime.cpp), called through
// the symbol table the JIT defines, against LLVM's APFloat (exact IEEE
// arithmetic) as the reference: every float16 bit pattern one way, and ties,
// subnormals, overflow and random values the other.
#include <gtest/gtest.h>
#include <llvm/ADT/APFloat.h>

#include <cmath>
#include <cstring>
#include <random>
#include <string>

#include "codegen/backend_lines.h"
#include "codegen/cpu_runtime.h"
#include "core/half.h"

using namespace npt;

namespace {

void* helper(const std::string& name) {
  for (const RuntimeSymbol& s : cpu_runtime_symbols())
    if (name == s.name) return s.address;
  ADD_FAILURE() << "no runtime helper " << name;
  return nullptr;
}

uint16_t bits(_Float16 h) {
  uint16_t b;
  std::memcpy(&b, &h, 2);
  return b;
}
_Float16 half(uint16_t b) {
  _Float16 h;
  std::memcpy(&h, &b, 2);
  return h;
}

// APFloat's round-to-nearest-even conversion to half: the reference.
uint16_t ref_to_half(double d) {
  llvm::APFloat f(d);
  bool lost = false;
  f.convert(llvm::APFloat::IEEEhalf(), llvm::APFloat::rmNearestTiesToEven, &lost);
  return static_cast<uint16_t>(f.bitcastToAPInt().getZExtValue());
}
double ref_to_double(uint16_t h) {
  llvm::APFloat f(llvm::APFloat::IEEEhalf(), llvm::APInt(16, h));
  bool lost = false;
  f.convert(llvm::APFloat::IEEEdouble(), llvm::APFloat::rmNearestTiesToEven, &lost);
  return f.convertToDouble();
}
bool is_nan_half(uint16_t h) { return (h & 0x7c00) == 0x7c00 && (h & 0x3ff); }

uint64_t dbits(double d) {
  uint64_t b;
  std::memcpy(&b, &d, 8);
  return b;
}

}  // namespace

TEST(CpuRuntime, EveryHalfExtendsExactly) {
  auto to_float = reinterpret_cast<float (*)(_Float16)>(helper("__extendhfsf2"));
  auto to_double = reinterpret_cast<double (*)(_Float16)>(helper("__extendhfdf2"));
  auto gnu = reinterpret_cast<float (*)(_Float16)>(helper("__gnu_h2f_ieee"));
  for (uint32_t h = 0; h < 0x10000; ++h) {
    double want = ref_to_double(static_cast<uint16_t>(h));
    float f = to_float(half(static_cast<uint16_t>(h)));
    double d = to_double(half(static_cast<uint16_t>(h)));
    if (std::isnan(want)) {
      EXPECT_TRUE(std::isnan(f) && std::isnan(d)) << std::hex << h;
      // the payload survives: half -> double -> half is the identity
      EXPECT_EQ(double_to_half_bits(d), h) << std::hex << h;
      continue;
    }
    EXPECT_EQ(dbits(d), dbits(want)) << std::hex << h;
    EXPECT_EQ(dbits(static_cast<double>(f)), dbits(want)) << std::hex << h;
    EXPECT_EQ(dbits(static_cast<double>(gnu(half(static_cast<uint16_t>(h))))), dbits(want)) << std::hex << h;
  }
}

TEST(CpuRuntime, DoubleToHalfRoundsOnceToNearestEven) {
  auto trunc_d = reinterpret_cast<_Float16 (*)(double)>(helper("__truncdfhf2"));
  auto trunc_f = reinterpret_cast<_Float16 (*)(float)>(helper("__truncsfhf2"));
  auto gnu = reinterpret_cast<_Float16 (*)(float)>(helper("__gnu_f2h_ieee"));
  std::vector<double> xs = {0.0, -0.0, INFINITY, -INFINITY, 65504.0, 65519.99, 65520.0, 65536.0, 1e300,
                            0x1p-24, 0x1p-25, 0x1.8p-24, 0x1p-26, 0x1.0000000000001p-25, 0x1p-14,
                            0x1.ff8p-15, 0x1.ffcp-15, 5e-324, 2.2250738585072014e-308};
  // every half, the midpoints between neighbours (ties), and one double ulp
  // either side of each midpoint: double rounding through float fails these
  for (uint32_t h = 0; h < 0x7c00; ++h) {
    double lo = ref_to_double(static_cast<uint16_t>(h)), hi = ref_to_double(static_cast<uint16_t>(h + 1));
    double mid = (lo + hi) / 2;  // exact in double
    xs.insert(xs.end(), {lo, mid, std::nextafter(mid, 0.0), std::nextafter(mid, INFINITY)});
  }
  std::mt19937_64 rng(42);
  std::uniform_int_distribution<int> exp(-30, 17);
  std::uniform_real_distribution<double> frac(1.0, 2.0);
  for (int i = 0; i < 100000; ++i) xs.push_back(std::ldexp(frac(rng), exp(rng)));
  for (double x : std::vector<double>(xs)) xs.push_back(-x);
  for (double x : xs) {
    uint16_t want = ref_to_half(x);
    EXPECT_EQ(bits(trunc_d(x)), want) << x;
    EXPECT_EQ(double_to_half_bits(x), want) << x;
    float f = static_cast<float>(x);  // the float helpers, on float inputs
    EXPECT_EQ(bits(trunc_f(f)), ref_to_half(f)) << f;
    EXPECT_EQ(bits(gnu(f)), ref_to_half(f)) << f;
  }
  // NaN stays NaN (quiet, sign kept)
  EXPECT_TRUE(is_nan_half(bits(trunc_d(std::nan("")))));
  EXPECT_TRUE(is_nan_half(bits(trunc_d(-std::nan("")))) && (bits(trunc_d(-std::nan(""))) & 0x8000));
  EXPECT_TRUE(is_nan_half(bits(trunc_f(std::nanf("")))));
}

TEST(CpuRuntime, IntegerHelpers) {
  auto divti = reinterpret_cast<__int128 (*)(__int128, __int128)>(helper("__divti3"));
  auto modti = reinterpret_cast<__int128 (*)(__int128, __int128)>(helper("__modti3"));
  auto udivti = reinterpret_cast<unsigned __int128 (*)(unsigned __int128, unsigned __int128)>(helper("__udivti3"));
  auto umodti = reinterpret_cast<unsigned __int128 (*)(unsigned __int128, unsigned __int128)>(helper("__umodti3"));
  __int128 a = static_cast<__int128>(-123456789012345678LL) * 1000003, b = 97;
  EXPECT_TRUE(divti(a, b) * b + modti(a, b) == a);
  EXPECT_TRUE(modti(a, b) < 0);  // C semantics: the dividend's sign
  unsigned __int128 u = ~static_cast<unsigned __int128>(0), v = 1000000007;
  EXPECT_TRUE(udivti(u, v) * v + umodti(u, v) == u);
  int32_t err = 0;
  EXPECT_EQ(npt_ipow(3, 4, &err), 81);
  EXPECT_EQ(npt_ipow(-2, 63, &err), INT64_MIN);  // wraps
  EXPECT_EQ(err, 0);
  EXPECT_EQ(npt_ipow(2, -1, &err), 0);
  EXPECT_EQ(err, 1);
  EXPECT_EQ(npt_upow(2, 64), 0u);
}

// Every complex helper the LLVM lines call (complex_helpers()) is in the
// runtime's symbol table, in both precisions; and a few values by hand.
TEST(CpuRuntime, ComplexHelpers) {
  auto has = [](const std::string& name) {
    for (auto& s : npt::cpu_runtime_symbols())
      if (name == s.name) return true;
    return false;
  };
  for (npt::ScalarOp op : npt::complex_helpers()) {
    std::string name = npt::scalar_op_name(op);
    EXPECT_TRUE(has("npt_c" + name)) << name;
    EXPECT_TRUE(has("npt_c" + name + "f")) << name;
  }
  npt::NptCx q = npt::npt_cdiv(1, 2, 3, 4);  // (1 + 2i) / (3 + 4i) = 0.44 + 0.08i
  EXPECT_NEAR(q.re, 0.44, 1e-15);
  EXPECT_NEAR(q.im, 0.08, 1e-15);
  npt::NptCx p = npt::npt_cpow(0, 1, 2, 0);  // i**2 = -1, by multiplication: exactly
  EXPECT_EQ(p.re, -1.0);
  EXPECT_EQ(p.im, 0.0);
  npt::NptCx s = npt::npt_csign(3, -4);
  EXPECT_DOUBLE_EQ(s.re, 0.6);
  EXPECT_DOUBLE_EQ(s.im, -0.8);
  npt::NptCx e = npt::npt_cexpf(0, 3.14159265f);  // float precision: e**(i pi) = -1
  EXPECT_NEAR(e.re, -1.0, 1e-6);
}
