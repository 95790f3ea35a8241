// KernelSpec -> LLVM IR. The loop nest (see kernel_cache.h for the ABI):
//
//   for row in [r0, r1):                      kept dims, unflattened per row
//     acc = identity
//     for chunk of [c0, c1) within one innermost run:   inner dims
//       for j in chunk:                       the vectorizable loop
//         values = expression(operands at base + j*inner_stride)
//         store outputs; acc = combine(acc, value)
//     partial[row * P + part] = acc
//
// emit_scalar() is the one place ScalarOps become LLVM instructions.
#include "codegen/llvm_emit.h"
#include "codegen/backend_lines.h"

#include <llvm/IR/IRBuilder.h>
#include <llvm/IR/Intrinsics.h>
#include <llvm/IR/Verifier.h>
#include <llvm/Support/raw_ostream.h>
#include <llvm/Transforms/Utils/ModuleUtils.h>

#include <array>
#include <cmath>
#include <limits>

#include "core/error.h"

namespace npt {
namespace {

using namespace llvm;

Type* reg_type(LLVMContext& c, DType t) {
  switch (t) {
    case DType::Bool: return Type::getInt1Ty(c);
    case DType::Int8: case DType::UInt8: return Type::getInt8Ty(c);
    case DType::Int16: case DType::UInt16: return Type::getInt16Ty(c);
    case DType::Int32: case DType::UInt32: return Type::getInt32Ty(c);
    case DType::Int64: case DType::UInt64: return Type::getInt64Ty(c);
    case DType::Float16: return Type::getHalfTy(c);
    case DType::Float32: return Type::getFloatTy(c);
    case DType::Float64: return Type::getDoubleTy(c);
    // complex values are {re, im} structs, laid out as NumPy's in memory
    case DType::Complex64: return StructType::get(c, {Type::getFloatTy(c), Type::getFloatTy(c)});
    case DType::Complex128: return StructType::get(c, {Type::getDoubleTy(c), Type::getDoubleTy(c)});
  }
  throw CompileError(std::string("npt: the CPU code generator does not support dtype ") + dtype_name(t));
}
Type* mem_type(LLVMContext& c, DType t) {
  return t == DType::Bool ? Type::getInt8Ty(c) : reg_type(c, t);
}

class Emitter {
 public:
  Emitter(LLVMContext& ctx, Module& m, const KernelSpec& s, const Variant& v, const EmitTarget& t)
      : ctx_(ctx), m_(m), s_(s), v_(v), tgt_(t), b_(ctx) {}

  void emit_main(const std::string& name);
  void emit_finish(const std::string& name);

  // --- helpers -----------------------------------------------------------
  Value* i64(int64_t x) { return b_.getInt64(x); }
  Value* meta(Value* meta_ptr, int64_t idx) {
    return b_.CreateLoad(b_.getInt64Ty(), b_.CreateConstGEP1_64(b_.getInt64Ty(), meta_ptr, idx));
  }
  Value* load_elem(DType t, Value* base, Value* index) {
    Value* p = b_.CreateGEP(mem_type(ctx_, t), base, index);
    if (is_complex(t)) {  // the two parts as scalars, so the vectorizer sees plain loads
      Type* rt = reg_type(ctx_, real_of(t));
      Value* re = b_.CreateLoad(rt, b_.CreateStructGEP(mem_type(ctx_, t), p, 0));
      Value* im = b_.CreateLoad(rt, b_.CreateStructGEP(mem_type(ctx_, t), p, 1));
      return pack(re, im);
    }
    Value* x = b_.CreateLoad(mem_type(ctx_, t), p);
    return t == DType::Bool ? b_.CreateICmpNE(x, b_.getInt8(0)) : x;
  }
  void store_elem(DType t, Value* x, Value* base, Value* index) {
    if (t == DType::Bool) x = b_.CreateZExt(x, b_.getInt8Ty());
    Value* p = b_.CreateGEP(mem_type(ctx_, t), base, index);
    if (is_complex(t)) {
      b_.CreateStore(re(x), b_.CreateStructGEP(mem_type(ctx_, t), p, 0));
      b_.CreateStore(im(x), b_.CreateStructGEP(mem_type(ctx_, t), p, 1));
      return;
    }
    b_.CreateStore(x, p);
  }
  // complex values: {re, im}
  Value* re(Value* z) { return b_.CreateExtractValue(z, 0); }
  Value* im(Value* z) { return b_.CreateExtractValue(z, 1); }
  Value* pack(Value* r, Value* i) {
    Value* z = PoisonValue::get(StructType::get(ctx_, {r->getType(), r->getType()}));
    return b_.CreateInsertValue(b_.CreateInsertValue(z, r, 0), i, 1);
  }
  Value* cmul(Value* x, Value* y);
  Value* cless(Value* x, Value* y, bool or_equal);
  Value* chelper(const char* name, DType t, const std::vector<Value*>& zs);  // runtime npt_c<name>
  Constant* constant(DType t, const Scalar& s) {
    Type* ty = reg_type(ctx_, t);
    if (is_complex(t)) {
      Type* rt = reg_type(ctx_, real_of(t));
      double r = s.kind == 1 ? (s.negative ? -(double)s.mag : (double)s.mag) : s.re;
      return ConstantStruct::get(llvm::cast<StructType>(ty), {ConstantFP::get(rt, r), ConstantFP::get(rt, s.im)});
    }
    if (is_float(t)) return ConstantFP::get(ty, s.re);
    uint64_t bits = s.negative ? ~s.mag + 1 : s.mag;
    return ConstantInt::get(ty, bits, /*signed*/ false);
  }
  // --- what the ScalarOp lines (below) call -----------------------------
  Value* cast(Value* x, DType from, DType to);
  Value* libm(const char* name, Intrinsic::ID id, const std::vector<Value*>& args, DType t);
  Value* emit_scalar(const Instr& in, const std::vector<Value*>& a, const std::vector<DType>& at);
  Value* combine(ScalarOp op, Value* acc, Value* x, DType t, bool reassoc);
  Value* floor_divmod(Value* x, Value* y, DType t, bool want_div);
  Value* fmod(Value* x, Value* y, DType t);
  Value* power(Value* x, Value* y, DType t);
  Value* shift(Value* x, Value* y, bool is_signed, bool left);
  Value* gcd_lcm(Value* x, Value* y, bool is_signed, bool gcd);
  Value* frexp(Value* x, DType t, bool mantissa);
  Value* minmax(Value* x, Value* y, DType t, bool max, bool nan_wins);
  Module& module() { return m_; }

 private:
  int naccessors() const {
    int n = static_cast<int>(s_.operands.size());
    for (auto& o : s_.outputs) n += o.reduce == ScalarOp::None;
    return n;
  }
  int meta_base(int accessor) const { return v_.K + v_.R + 1 + accessor * (1 + v_.K + v_.R); }

  LLVMContext& ctx_;
  Module& m_;
  const KernelSpec& s_;
  const Variant& v_;
  EmitTarget tgt_;
  IRBuilder<> b_;
  Value* err_ = nullptr;  // the launch's error word (see the kernel ABI)
};

Value* Emitter::cast(Value* x, DType from, DType to) {
  if (from == to) return x;
  if (is_complex(from)) {  // NumPy: the real part (to bool: either part nonzero)
    if (is_complex(to)) return pack(cast(re(x), real_of(from), real_of(to)), cast(im(x), real_of(from), real_of(to)));
    if (to == DType::Bool) return b_.CreateOr(cast(re(x), real_of(from), to), cast(im(x), real_of(from), to));
    return cast(re(x), real_of(from), to);
  }
  if (is_complex(to)) {
    Value* r = cast(x, from, real_of(to));
    return pack(r, ConstantFP::get(r->getType(), 0.0));
  }
  Type* ty = reg_type(ctx_, to);
  if (to == DType::Bool) {
    if (is_float(from)) return b_.CreateFCmpUNE(x, ConstantFP::get(x->getType(), 0.0));
    return b_.CreateICmpNE(x, ConstantInt::get(x->getType(), 0));
  }
  if (from == DType::Bool) return is_float(to) ? b_.CreateUIToFP(x, ty) : b_.CreateZExt(x, ty);
  if (is_float(from) && is_float(to)) return b_.CreateFPCast(x, ty);
  if (is_float(from)) {
    // NumPy's casts are C casts compiled for x86: a conversion instruction
    // whose out-of-range (and NaN) result is the "indefinite" MIN value, then
    // truncation. Narrow types convert through int32 (300.0 -> int8 44,
    // 3e9 -> int16 0); uint32 and uint64 as GCC does (x >= 2**(bits-1)
    // converts x - 2**(bits-1) and sets the top bit back; -1.0 -> all ones).
    if (from == DType::Float16) x = b_.CreateFPExt(x, b_.getFloatTy()), from = DType::Float32;
    auto convert = [&](Value* v, unsigned bits) {  // cvttsd2si: MIN when out of range
      double lim = std::ldexp(1.0, bits - 1);
      Value* ok = b_.CreateAnd(b_.CreateFCmpOGE(v, ConstantFP::get(v->getType(), -lim)),
                               b_.CreateFCmpOLT(v, ConstantFP::get(v->getType(), lim)));
      Type* it = b_.getIntNTy(bits);
      return b_.CreateSelect(ok, b_.CreateFPToSI(v, it), ConstantInt::get(it, APInt::getSignedMinValue(bits)));
    };
    if (to == DType::UInt64 || to == DType::UInt32) {
      unsigned bits = dtype_itemsize(to) * 8;
      Value* top = ConstantFP::get(x->getType(), std::ldexp(1.0, bits - 1));
      Value* high = b_.CreateXor(convert(b_.CreateFSub(x, top), bits),
                                 ConstantInt::get(ty, APInt::getSignedMinValue(bits)));
      return b_.CreateSelect(b_.CreateFCmpOGE(x, top), high, convert(x, bits));
    }
    return b_.CreateTrunc(convert(x, to == DType::Int64 ? 64 : 32), ty);
  }
  if (is_float(to)) return is_signed_int(from) ? b_.CreateSIToFP(x, ty) : b_.CreateUIToFP(x, ty);
  return is_signed_int(from) ? b_.CreateSExtOrTrunc(x, ty) : b_.CreateZExtOrTrunc(x, ty);
}

// A libm function of one or two arguments (or the intrinsic `id`, where it
// has one and the target has no AVX-512 libmvec). float16 computes in float.
// For float32/float64 the call carries the libmvec vector variants the
// target can run (SSE, or AVX2 and AVX-512) so the loop vectorizer can use
// them.
Value* Emitter::libm(const char* name, Intrinsic::ID id, const std::vector<Value*>& args, DType t) {
  DType ct = t == DType::Float16 ? DType::Float32 : t;
  std::vector<Value*> xs;
  for (auto* v : args) xs.push_back(t == DType::Float16 ? b_.CreateFPExt(v, b_.getFloatTy()) : v);
  Value* r;
  if (id != Intrinsic::not_intrinsic && !(tgt_.avx512 && id != Intrinsic::sqrt)) {
    r = b_.CreateUnaryIntrinsic(id, xs[0]);
  } else {
    std::string fn = std::string(name) + (ct == DType::Float32 ? "f" : "");
    Type* ty = reg_type(ctx_, ct);
    std::vector<Type*> tys(xs.size(), ty);
    FunctionCallee callee = m_.getOrInsertFunction(fn, FunctionType::get(ty, tys, false));
    auto* f = cast_or_null<Function>(callee.getCallee());
    if (f) {
      f->setDoesNotThrow();
      f->setDoesNotAccessMemory();
      f->setWillReturn();
    }
    CallInst* call = b_.CreateCall(callee, xs);
    call->setDoesNotAccessMemory();
    std::string variants, vs(xs.size(), 'v');
    auto variant = [&](char isa, int lanes) {  // glibc libmvec's x86 names
      std::string vname = std::string("_ZGV") + isa + "N" + std::to_string(lanes) + vs + "_" + fn;
      auto* vty = FixedVectorType::get(ty, lanes);
      std::vector<Type*> vtys(xs.size(), vty);
      FunctionCallee vf = m_.getOrInsertFunction(vname, FunctionType::get(vty, vtys, false));
      if (auto* vfn = dyn_cast<Function>(vf.getCallee())) {
        vfn->setDoesNotAccessMemory();
        appendToCompilerUsed(m_, {vfn});
      }
      variants += (variants.empty() ? "" : ",") + vname + "(" + vname + ")";
    };
    if (!tgt_.avx2) variant('b', ct == DType::Float32 ? 4 : 2);  // SSE: any x86-64
    if (tgt_.avx2) variant('d', ct == DType::Float32 ? 8 : 4);
    if (tgt_.avx512) variant('e', ct == DType::Float32 ? 16 : 8);
    if (!variants.empty())
      call->addFnAttr(Attribute::get(ctx_, "vector-function-abi-variant", variants));
    r = call;
  }
  return t == DType::Float16 ? b_.CreateFPTrunc(r, b_.getHalfTy()) : r;
}

// C's fmod (the dividend's sign); integers: a zero divisor gives 0, as does
// MIN % -1 (NumPy's).
Value* Emitter::fmod(Value* x, Value* y, DType t) {
  if (is_float(t)) {
    if (t != DType::Float16) return b_.CreateFRem(x, y);
    Value* r = b_.CreateFRem(b_.CreateFPExt(x, b_.getFloatTy()), b_.CreateFPExt(y, b_.getFloatTy()));
    return b_.CreateFPTrunc(r, b_.getHalfTy());
  }
  Type* ty = x->getType();
  Value* zero = ConstantInt::get(ty, 0);
  Value* one = ConstantInt::get(ty, 1);
  Value* bad = b_.CreateICmpEQ(y, zero);
  if (is_signed_int(t))
    bad = b_.CreateOr(bad, b_.CreateAnd(b_.CreateICmpEQ(y, ConstantInt::get(ty, -1, true)),
                                        b_.CreateICmpEQ(x, ConstantInt::get(ty, APInt::getSignedMinValue(ty->getIntegerBitWidth())))));
  Value* ys = b_.CreateSelect(bad, one, y);
  Value* r = is_signed_int(t) ? b_.CreateSRem(x, ys) : b_.CreateURem(x, ys);
  return b_.CreateSelect(bad, zero, r);
}

// Integer or float power (NumPy's: integers wrap; a negative integer
// exponent sets the launch's error word).
Value* Emitter::power(Value* x, Value* y, DType t) {
  if (is_float(t)) {
    if (t == DType::Float16) {
      Value* r = b_.CreateBinaryIntrinsic(Intrinsic::pow, b_.CreateFPExt(x, b_.getFloatTy()),
                                          b_.CreateFPExt(y, b_.getFloatTy()));
      return b_.CreateFPTrunc(r, b_.getHalfTy());
    }
    return b_.CreateBinaryIntrinsic(Intrinsic::pow, x, y);
  }
  bool s = is_signed_int(t);
  Type* ty = x->getType();
  Value* xe = s ? b_.CreateSExt(x, b_.getInt64Ty()) : b_.CreateZExt(x, b_.getInt64Ty());
  Value* ye = s ? b_.CreateSExt(y, b_.getInt64Ty()) : b_.CreateZExt(y, b_.getInt64Ty());
  if (ty->getIntegerBitWidth() == 64) xe = x, ye = y;
  Value* r;
  if (s) {
    Type* ptr = PointerType::getUnqual(ctx_);
    FunctionCallee fn = m_.getOrInsertFunction(
        "npt_ipow", FunctionType::get(b_.getInt64Ty(), {b_.getInt64Ty(), b_.getInt64Ty(), ptr}, false));
    r = b_.CreateCall(fn, {xe, ye, err_});
  } else {
    FunctionCallee fn = m_.getOrInsertFunction(
        "npt_upow", FunctionType::get(b_.getInt64Ty(), {b_.getInt64Ty(), b_.getInt64Ty()}, false));
    r = b_.CreateCall(fn, {xe, ye});
  }
  return b_.CreateTrunc(r, ty);
}

// NumPy's shifts: a count outside [0, bits) shifts everything out (0, or -1
// for a negative value shifted right).
Value* Emitter::shift(Value* x, Value* y, bool is_signed, bool left) {
  Type* ty = x->getType();
  unsigned bits = ty->getIntegerBitWidth();
  Value* in_range = b_.CreateICmpULT(y, ConstantInt::get(ty, bits));
  Value* n = b_.CreateSelect(in_range, y, ConstantInt::get(ty, 0));
  Value* r = left ? b_.CreateShl(x, n) : is_signed ? b_.CreateAShr(x, n) : b_.CreateLShr(x, n);
  Value* out = ConstantInt::get(ty, 0);
  if (!left && is_signed)
    out = b_.CreateSelect(b_.CreateICmpSLT(x, out), ConstantInt::get(ty, -1, true), out);
  return b_.CreateSelect(in_range, r, out);
}

// gcd and lcm of the magnitudes, in 64 bits, wrapped to the dtype (NumPy's).
Value* Emitter::gcd_lcm(Value* x, Value* y, bool is_signed, bool gcd) {
  Type* ty = x->getType();
  auto wide = [&](Value* v) {
    if (is_signed) v = b_.CreateBinaryIntrinsic(Intrinsic::abs, v, b_.getFalse());
    return b_.CreateZExtOrTrunc(v, b_.getInt64Ty());  // |MIN| read as unsigned: 2**(bits-1)
  };
  FunctionCallee fn = m_.getOrInsertFunction(
      gcd ? "npt_gcd" : "npt_lcm", FunctionType::get(b_.getInt64Ty(), {b_.getInt64Ty(), b_.getInt64Ty()}, false));
  CallInst* c = b_.CreateCall(fn, {wide(x), wide(y)});
  c->setDoesNotAccessMemory();
  return b_.CreateTrunc(c, ty);
}

// Elementwise maximum/minimum (nan_wins: a NaN operand is the result) and
// fmax/fmin (a NaN is passed over), as NumPy's loops: on floats a compare
// and select, ties (0.0 and -0.0) going to y in the float32/float64 loops
// and to x in the float16 one.
Value* Emitter::minmax(Value* x, Value* y, DType t, bool max, bool nan_wins) {
  if (!is_float(t))
    return combine(max ? ScalarOp::Max : ScalarOp::Min, x, y, t == DType::Bool ? DType::UInt8 : t, false);
  bool ties_to_x = t == DType::Float16;
  Value* better = max ? (ties_to_x ? b_.CreateFCmpOGE(x, y) : b_.CreateFCmpOGT(x, y))
                      : (ties_to_x ? b_.CreateFCmpOLE(x, y) : b_.CreateFCmpOLT(x, y));
  Value* nan = nan_wins ? b_.CreateFCmpUNO(x, x) : b_.CreateFCmpUNO(y, y);
  return b_.CreateSelect(b_.CreateOr(better, nan), x, y);
}

// frexp's mantissa (in [0.5, 1), signed) or int32 exponent; zero, inf and
// NaN are their own mantissa with exponent 0.
Value* Emitter::frexp(Value* x, DType t, bool mantissa) {
  Value* xf = t == DType::Float16 ? b_.CreateFPExt(x, b_.getFloatTy()) : x;
  Type* fty = xf->getType();
  Value* r = b_.CreateIntrinsic(Intrinsic::frexp, {fty, b_.getInt32Ty()}, {xf});
  Value* finite = b_.CreateFCmpOLT(b_.CreateUnaryIntrinsic(Intrinsic::fabs, xf), ConstantFP::getInfinity(fty));
  if (!mantissa) return b_.CreateSelect(finite, b_.CreateExtractValue(r, 1), b_.getInt32(0));
  Value* m = b_.CreateSelect(finite, b_.CreateExtractValue(r, 0), xf);
  return t == DType::Float16 ? b_.CreateFPTrunc(m, b_.getHalfTy()) : m;
}

// Python/NumPy floor division and modulo (sign of the divisor).
Value* Emitter::floor_divmod(Value* x, Value* y, DType t, bool want_div) {
  Type* ty = x->getType();
  if (is_float(t)) {
    DType ct = t == DType::Float16 ? DType::Float32 : t;
    if (t == DType::Float16) {
      x = b_.CreateFPExt(x, b_.getFloatTy());
      y = b_.CreateFPExt(y, b_.getFloatTy());
    }
    Type* ft = reg_type(ctx_, ct);
    Value* zero = ConstantFP::get(ft, 0.0);
    Value* mod = b_.CreateFRem(x, y);
    Value* r;
    if (!want_div) {
      // mod takes the divisor's sign; an exact zero gets copysign(0, y)
      Value* fix = b_.CreateAnd(b_.CreateFCmpUNE(mod, zero),
                                b_.CreateXor(b_.CreateFCmpOLT(y, zero), b_.CreateFCmpOLT(mod, zero)));
      Value* adj = b_.CreateSelect(fix, b_.CreateFAdd(mod, y), mod);
      Value* z = b_.CreateBinaryIntrinsic(Intrinsic::copysign, zero, y);
      r = b_.CreateSelect(b_.CreateFCmpOEQ(mod, zero), z, adj);
    } else {
      Value* div = b_.CreateFDiv(b_.CreateFSub(x, mod), y);
      Value* fix = b_.CreateAnd(b_.CreateFCmpUNE(mod, zero),
                                b_.CreateXor(b_.CreateFCmpOLT(y, zero), b_.CreateFCmpOLT(mod, zero)));
      div = b_.CreateSelect(fix, b_.CreateFSub(div, ConstantFP::get(ft, 1.0)), div);
      Value* fl = b_.CreateUnaryIntrinsic(Intrinsic::floor, div);
      Value* up = b_.CreateFCmpOGT(b_.CreateFSub(div, fl), ConstantFP::get(ft, 0.5));
      fl = b_.CreateSelect(up, b_.CreateFAdd(fl, ConstantFP::get(ft, 1.0)), fl);
      Value* q = b_.CreateFDiv(x, y);
      Value* zq = b_.CreateBinaryIntrinsic(Intrinsic::copysign, zero, q);
      fl = b_.CreateSelect(b_.CreateFCmpOEQ(div, zero), zq, fl);
      // division by zero (and NaN inputs) follow plain division
      r = b_.CreateSelect(b_.CreateFCmpOEQ(y, zero), q, fl);
    }
    return t == DType::Float16 ? b_.CreateFPTrunc(r, b_.getHalfTy()) : r;
  }
  Value* zero = ConstantInt::get(ty, 0);
  Value* one = ConstantInt::get(ty, 1);
  Value* y0 = b_.CreateICmpEQ(y, zero);
  if (is_unsigned_int(t)) {
    Value* ys = b_.CreateSelect(y0, one, y);
    Value* r = want_div ? b_.CreateUDiv(x, ys) : b_.CreateURem(x, ys);
    return b_.CreateSelect(y0, zero, r);
  }
  // Signed: a zero divisor gives 0; MIN / -1 wraps to MIN (divide by 1 instead).
  unsigned bits = ty->getIntegerBitWidth();
  Value* minv = ConstantInt::get(ty, APInt::getSignedMinValue(bits));
  Value* ovf = b_.CreateAnd(b_.CreateICmpEQ(x, minv), b_.CreateICmpEQ(y, ConstantInt::get(ty, -1, true)));
  Value* ys = b_.CreateSelect(b_.CreateOr(y0, ovf), one, y);
  Value* q = b_.CreateSDiv(x, ys);
  Value* rem = b_.CreateSRem(x, ys);
  Value* fix = b_.CreateAnd(b_.CreateICmpNE(rem, zero),
                            b_.CreateXor(b_.CreateICmpSLT(rem, zero), b_.CreateICmpSLT(ys, zero)));
  Value* r = want_div ? b_.CreateSelect(fix, b_.CreateSub(q, one), q)
                      : b_.CreateSelect(fix, b_.CreateAdd(rem, ys), rem);
  if (!want_div) r = b_.CreateSelect(ovf, zero, r);
  return b_.CreateSelect(y0, zero, r);
}

// (a + bi)(c + di) as NumPy's vector loop computes it on CPUs with FMA:
// re = fma(a, c, -bd), im = fma(a, d, bc). Fused on every CPU (a libm call
// where there is no FMA instruction), so results never depend on the
// machine; the reference executor's product is the same (core/complex_host.h).
Value* Emitter::cmul(Value* x, Value* y) {
  Value *a = re(x), *b = im(x), *c = re(y), *d = im(y);
  Value *bd = b_.CreateFMul(b, d), *bc = b_.CreateFMul(b, c);
  return pack(b_.CreateIntrinsic(Intrinsic::fma, {a->getType()}, {a, c, b_.CreateFNeg(bd)}),
              b_.CreateIntrinsic(Intrinsic::fma, {a->getType()}, {a, d, bc}));
}

// NumPy's lexicographic order of complex values: x < y (x <= y) when the
// real parts are ordered and neither imaginary part is NaN, or the real
// parts are equal and the imaginary ones ordered.
Value* Emitter::cless(Value* x, Value* y, bool or_equal) {
  Value *xr = re(x), *xi = im(x), *yr = re(y), *yi = im(y);
  Value* by_re = b_.CreateAnd(b_.CreateFCmpOLT(xr, yr), b_.CreateFCmpORD(xi, yi));
  Value* by_im = b_.CreateAnd(b_.CreateFCmpOEQ(xr, yr), or_equal ? b_.CreateFCmpOLE(xi, yi) : b_.CreateFCmpOLT(xi, yi));
  return b_.CreateOr(by_re, by_im);
}

// npt_c<name> (complex128) or npt_c<name>f (complex64) from the CPU runtime,
// on complex operands of dtype t: the parts go as doubles and come back so.
Value* Emitter::chelper(const char* name, DType t, const std::vector<Value*>& zs) {
  bool f32 = t == DType::Complex64;
  Type* d = b_.getDoubleTy();
  std::vector<Value*> args;
  for (Value* z : zs)
    for (Value* part : {re(z), im(z)}) args.push_back(f32 ? b_.CreateFPExt(part, d) : part);
  std::vector<Type*> tys(args.size(), d);
  std::string fn = std::string("npt_c") + name + (f32 ? "f" : "");
  FunctionCallee callee = m_.getOrInsertFunction(fn, FunctionType::get(StructType::get(ctx_, {d, d}), tys, false));
  CallInst* c = b_.CreateCall(callee, args);
  c->setDoesNotAccessMemory();
  c->setDoesNotThrow();
  Value *r = b_.CreateExtractValue(c, 0), *i = b_.CreateExtractValue(c, 1);
  if (f32) r = b_.CreateFPTrunc(r, b_.getFloatTy()), i = b_.CreateFPTrunc(i, b_.getFloatTy());
  return pack(r, i);
}

Value* Emitter::combine(ScalarOp op, Value* acc, Value* x, DType t, bool reassoc) {
  if (is_complex(t)) {  // sums and products (the only complex reductions)
    if (op == ScalarOp::Mul) return cmul(acc, x);
    if (op != ScalarOp::Add) throw CompileError(std::string("npt: no complex combine for ") + scalar_op_name(op));
    DType rt = real_of(t);
    return pack(combine(op, re(acc), re(x), rt, reassoc), combine(op, im(acc), im(x), rt, reassoc));
  }
  if (t == DType::Bool)  // sum/max of bools is "any", prod/min is "all"
    return op == ScalarOp::Add || op == ScalarOp::Max ? b_.CreateOr(acc, x) : b_.CreateAnd(acc, x);
  if (t == DType::Float16 && (op == ScalarOp::Max || op == ScalarOp::Min)) {
    // NumPy's own rule, (a >= b || isnan(a)) ? a : b (<= for min), as
    // compare and select: LLVM 19 expands llvm.maximum/minimum on half for
    // CPUs without native half (x86-64 baseline) without NaN propagation,
    // and folds a detour through float back into that.
    Value* keep = op == ScalarOp::Max ? b_.CreateFCmpOGE(acc, x) : b_.CreateFCmpOLE(acc, x);
    return b_.CreateSelect(b_.CreateOr(keep, b_.CreateFCmpUNO(acc, acc)), acc, x);
  }
  Value* r;
  switch (op) {
    case ScalarOp::Add: r = is_float(t) ? b_.CreateFAdd(acc, x) : b_.CreateAdd(acc, x); break;
    case ScalarOp::Mul: r = is_float(t) ? b_.CreateFMul(acc, x) : b_.CreateMul(acc, x); break;
    case ScalarOp::Max:
      r = is_float(t) ? b_.CreateBinaryIntrinsic(Intrinsic::maximum, acc, x)
          : is_signed_int(t) ? b_.CreateBinaryIntrinsic(Intrinsic::smax, acc, x)
                             : b_.CreateBinaryIntrinsic(Intrinsic::umax, acc, x);
      break;
    case ScalarOp::Min:
      r = is_float(t) ? b_.CreateBinaryIntrinsic(Intrinsic::minimum, acc, x)
          : is_signed_int(t) ? b_.CreateBinaryIntrinsic(Intrinsic::smin, acc, x)
                             : b_.CreateBinaryIntrinsic(Intrinsic::umin, acc, x);
      break;
    default: throw CompileError(std::string("npt: no combine for ") + scalar_op_name(op));
  }
  if (reassoc && is_float(t))
    if (auto* inst = dyn_cast<Instruction>(r)) {
      FastMathFlags f;
      f.setAllowReassoc();
      inst->setFastMathFlags(f);
    }
  return r;
}

// What a ScalarOp's line sees: the emitter, the operands and their (compute)
// dtype t, and the instruction (its result dtype is in.dtype).
struct Line {
  Emitter& e;
  IRBuilder<>& b;
  const Instr& in;
  const std::vector<Value*>& a;
  DType t;
  bool f, s;  // float, signed integer
  Value *x, *y;
  Value* math(const char* name, Intrinsic::ID id = Intrinsic::not_intrinsic) {
    return e.libm(name, id, a, t);
  }
  Value* intrinsic(Intrinsic::ID id) {  // float16 computes in float
    if (t != DType::Float16) return a.size() == 1 ? b.CreateUnaryIntrinsic(id, x) : b.CreateBinaryIntrinsic(id, x, y);
    Value* xf = b.CreateFPExt(x, b.getFloatTy());
    Value* r = a.size() == 1 ? b.CreateUnaryIntrinsic(id, xf)
                             : b.CreateBinaryIntrinsic(id, xf, b.CreateFPExt(y, b.getFloatTy()));
    return b.CreateFPTrunc(r, b.getHalfTy());
  }
  Value* fconst(double v) { return ConstantFP::get(x->getType(), v); }
  Value* iconst(int64_t v) { return ConstantInt::get(x->getType(), v, true); }
  Value* call(const char* name, Type* ret, std::vector<Value*> args) {
    std::vector<Type*> tys;
    for (auto* v : args) tys.push_back(v->getType());
    FunctionCallee fn = e.module().getOrInsertFunction(name, FunctionType::get(ret, tys, false));
    CallInst* c = b.CreateCall(fn, args);
    c->setDoesNotAccessMemory();
    return c;
  }
};
using LlvmLine = Value* (*)(Line&);

// The LLVM line of every ScalarOp: one entry each (Load and Index are the
// loop's own). llvm_has_line() lets the registry check that none is missing.
const std::vector<std::pair<ScalarOp, LlvmLine>>& llvm_line_list() {
  using S = ScalarOp;
  static const std::vector<std::pair<ScalarOp, LlvmLine>> lines = {
    {S::Cast, [](Line& l) { return l.e.cast(l.x, l.t, l.in.dtype); }},
    {S::Neg, [](Line& l) { return l.f ? l.b.CreateFNeg(l.x) : l.b.CreateNeg(l.x); }},
    {S::Abs, [](Line& l) -> Value* {
      if (l.f) return l.b.CreateUnaryIntrinsic(Intrinsic::fabs, l.x);
      return l.s ? l.b.CreateBinaryIntrinsic(Intrinsic::abs, l.x, l.b.getFalse()) : l.x;
    }},
    {S::Sign, [](Line& l) -> Value* {
      if (l.f) {
        Value* z = l.fconst(0.0);
        Value* r = l.b.CreateSelect(l.b.CreateFCmpOEQ(l.x, z), z, l.x);  // NaN stays NaN
        r = l.b.CreateSelect(l.b.CreateFCmpOLT(l.x, z), l.fconst(-1.0), r);
        return l.b.CreateSelect(l.b.CreateFCmpOGT(l.x, z), l.fconst(1.0), r);
      }
      Type* ty = l.x->getType();
      Value* z = ConstantInt::get(ty, 0);
      Value* pos = l.b.CreateZExt(l.s ? l.b.CreateICmpSGT(l.x, z) : l.b.CreateICmpUGT(l.x, z), ty);
      if (!l.s) return pos;
      return l.b.CreateSub(pos, l.b.CreateZExt(l.b.CreateICmpSLT(l.x, z), ty));
    }},
    {S::Exp, [](Line& l) { return l.math("exp", Intrinsic::exp); }},
    {S::Expm1, [](Line& l) { return l.math("expm1"); }},
    {S::Log, [](Line& l) { return l.math("log", Intrinsic::log); }},
    {S::Log1p, [](Line& l) { return l.math("log1p"); }},
    {S::Log2, [](Line& l) { return l.math("log2"); }},
    {S::Log10, [](Line& l) { return l.math("log10"); }},
    {S::Sqrt, [](Line& l) { return l.math("sqrt", Intrinsic::sqrt); }},
    {S::Sin, [](Line& l) { return l.math("sin", Intrinsic::sin); }},
    {S::Cos, [](Line& l) { return l.math("cos", Intrinsic::cos); }},
    {S::Tan, [](Line& l) { return l.math("tan"); }},
    {S::Asin, [](Line& l) { return l.math("asin"); }},
    {S::Acos, [](Line& l) { return l.math("acos"); }},
    {S::Atan, [](Line& l) { return l.math("atan"); }},
    {S::Tanh, [](Line& l) { return l.math("tanh"); }},
    {S::Sinh, [](Line& l) { return l.math("sinh"); }},
    {S::Cosh, [](Line& l) { return l.math("cosh"); }},
    {S::Acosh, [](Line& l) { return l.math("acosh"); }},
    {S::Asinh, [](Line& l) { return l.math("asinh"); }},
    {S::Atanh, [](Line& l) { return l.math("atanh"); }},
    {S::Cbrt, [](Line& l) { return l.math("cbrt"); }},
    {S::Exp2, [](Line& l) { return l.math("exp2"); }},
    {S::Erf, [](Line& l) { return l.math("erf"); }},
    {S::Erfc, [](Line& l) { return l.math("erfc"); }},
    {S::ErfInv, [](Line& l) { return l.call(l.t == DType::Float32 ? "npt_erfinvf" : "npt_erfinv", l.x->getType(), {l.x}); }},
    {S::Floor, [](Line& l) { return l.f ? l.intrinsic(Intrinsic::floor) : l.x; }},
    {S::Ceil, [](Line& l) { return l.f ? l.intrinsic(Intrinsic::ceil) : l.x; }},
    {S::Trunc, [](Line& l) { return l.f ? l.intrinsic(Intrinsic::trunc) : l.x; }},
    {S::Rint, [](Line& l) { return l.intrinsic(Intrinsic::roundeven); }},  // half to even, as rint
    {S::SignBit, [](Line& l) {
      unsigned bits = l.x->getType()->getPrimitiveSizeInBits();
      return l.b.CreateICmpSLT(l.b.CreateBitCast(l.x, l.b.getIntNTy(bits)), l.b.getIntN(bits, 0));
    }},
    {S::PopCount, [](Line& l) {  // of the magnitude, as NumPy counts
      Value* m = l.s ? l.b.CreateBinaryIntrinsic(Intrinsic::abs, l.x, l.b.getFalse()) : l.x;
      return l.b.CreateZExtOrTrunc(l.b.CreateUnaryIntrinsic(Intrinsic::ctpop, m), l.b.getInt8Ty());
    }},
    {S::FrexpMant, [](Line& l) { return l.e.frexp(l.x, l.t, true); }},
    {S::FrexpExp, [](Line& l) { return l.e.frexp(l.x, l.t, false); }},
    {S::Not, [](Line& l) { return l.b.CreateNot(l.x); }},  // logical on bool, bitwise on ints
    {S::IsNan, [](Line& l) -> Value* { return l.f ? l.b.CreateFCmpUNO(l.x, l.x) : l.b.getFalse(); }},
    {S::IsInf, [](Line& l) -> Value* {
      return l.f ? l.b.CreateFCmpOEQ(l.b.CreateUnaryIntrinsic(Intrinsic::fabs, l.x),
                                     ConstantFP::getInfinity(l.x->getType()))
                 : l.b.getFalse();
    }},
    {S::IsFinite, [](Line& l) -> Value* {
      return l.f ? l.b.CreateFCmpOLT(l.b.CreateUnaryIntrinsic(Intrinsic::fabs, l.x),
                                     ConstantFP::getInfinity(l.x->getType()))
                 : l.b.getTrue();
    }},
    {S::Add, [](Line& l) -> Value* {
      if (l.t == DType::Bool) return l.b.CreateOr(l.x, l.y);
      return l.f ? l.b.CreateFAdd(l.x, l.y) : l.b.CreateAdd(l.x, l.y);
    }},
    {S::Sub, [](Line& l) { return l.f ? l.b.CreateFSub(l.x, l.y) : l.b.CreateSub(l.x, l.y); }},
    {S::Mul, [](Line& l) -> Value* {
      if (l.t == DType::Bool) return l.b.CreateAnd(l.x, l.y);
      return l.f ? l.b.CreateFMul(l.x, l.y) : l.b.CreateMul(l.x, l.y);
    }},
    {S::Div, [](Line& l) -> Value* {
      if (!l.f) throw CompileError("npt: integer true division reached codegen");
      return l.b.CreateFDiv(l.x, l.y);
    }},
    {S::FloorDiv, [](Line& l) { return l.e.floor_divmod(l.x, l.y, l.t, true); }},
    {S::Mod, [](Line& l) { return l.e.floor_divmod(l.x, l.y, l.t, false); }},
    {S::Pow, [](Line& l) { return l.e.power(l.x, l.y, l.t); }},
    {S::Max, [](Line& l) { return l.e.minmax(l.x, l.y, l.t, true, true); }},
    {S::Min, [](Line& l) { return l.e.minmax(l.x, l.y, l.t, false, true); }},
    {S::FMax, [](Line& l) { return l.e.minmax(l.x, l.y, l.t, true, false); }},
    {S::FMin, [](Line& l) { return l.e.minmax(l.x, l.y, l.t, false, false); }},
    {S::Eq, [](Line& l) { return l.f ? l.b.CreateFCmpOEQ(l.x, l.y) : l.b.CreateICmpEQ(l.x, l.y); }},
    {S::Ne, [](Line& l) { return l.f ? l.b.CreateFCmpUNE(l.x, l.y) : l.b.CreateICmpNE(l.x, l.y); }},
    {S::Lt, [](Line& l) {
      return l.f ? l.b.CreateFCmpOLT(l.x, l.y) : l.s ? l.b.CreateICmpSLT(l.x, l.y) : l.b.CreateICmpULT(l.x, l.y);
    }},
    {S::Le, [](Line& l) {
      return l.f ? l.b.CreateFCmpOLE(l.x, l.y) : l.s ? l.b.CreateICmpSLE(l.x, l.y) : l.b.CreateICmpULE(l.x, l.y);
    }},
    {S::And, [](Line& l) { return l.b.CreateAnd(l.x, l.y); }},
    {S::Or, [](Line& l) { return l.b.CreateOr(l.x, l.y); }},
    {S::Xor, [](Line& l) { return l.b.CreateXor(l.x, l.y); }},
    {S::Shl, [](Line& l) { return l.e.shift(l.x, l.y, l.s, true); }},
    {S::Shr, [](Line& l) { return l.e.shift(l.x, l.y, l.s, false); }},
    {S::Atan2, [](Line& l) { return l.math("atan2"); }},
    {S::Hypot, [](Line& l) { return l.math("hypot"); }},
    {S::CopySign, [](Line& l) { return l.b.CreateBinaryIntrinsic(Intrinsic::copysign, l.x, l.y); }},
    {S::NextAfter, [](Line& l) -> Value* {
      if (l.t == DType::Float16) return l.call("npt_nextafter_f16", l.b.getHalfTy(), {l.x, l.y});
      return l.call(l.t == DType::Float32 ? "nextafterf" : "nextafter", l.x->getType(), {l.x, l.y});
    }},
    {S::FMod, [](Line& l) { return l.e.fmod(l.x, l.y, l.t); }},
    {S::LdExp, [](Line& l) -> Value* {  // the int64 exponent saturates to int32
      Value* e = l.b.CreateBinaryIntrinsic(Intrinsic::smax, l.y, l.b.getInt64(INT32_MIN));
      e = l.b.CreateTrunc(l.b.CreateBinaryIntrinsic(Intrinsic::smin, e, l.b.getInt64(INT32_MAX)), l.b.getInt32Ty());
      if (l.t != DType::Float16)
        return l.b.CreateIntrinsic(Intrinsic::ldexp, {l.x->getType(), l.b.getInt32Ty()}, {l.x, e});
      Value* r = l.b.CreateIntrinsic(Intrinsic::ldexp, {l.b.getFloatTy(), l.b.getInt32Ty()},
                                     {l.b.CreateFPExt(l.x, l.b.getFloatTy()), e});
      return l.b.CreateFPTrunc(r, l.b.getHalfTy());
    }},
    {S::Gcd, [](Line& l) { return l.e.gcd_lcm(l.x, l.y, l.s, true); }},
    {S::Lcm, [](Line& l) { return l.e.gcd_lcm(l.x, l.y, l.s, false); }},
    {S::Select, [](Line& l) { return l.b.CreateSelect(l.a[0], l.a[1], l.a[2]); }},
    {S::Conj, [](Line& l) { return l.x; }},  // (real values are their own conjugate)
    {S::MakeComplex, [](Line& l) { return l.e.pack(l.x, l.y); }},
  };
  return lines;
}

const std::array<LlvmLine, kNumScalarOps>& llvm_lines() {
  static const auto table = index_lines(llvm_line_list());
  return table;
}

// The lines for complex operands: {re, im} values whose parts have dtype
// real_of(t). Arithmetic and comparisons are inline; NumPy's functions are
// the CPU runtime's npt_c* helpers (glibc's C99 functions, and NumPy's own
// formulas from codegen/complex_math.h, which the CUDA backend shares).
Value* cx_isnan(Line& l, Value* z) {
  return l.b.CreateFCmpUNO(l.e.re(z), l.e.im(z));
}
Value* cx_choose(Line& l, bool max, bool nan_wins) {  // maximum/minimum (NaN wins), fmax/fmin
  Value* ordered = max ? l.e.cless(l.y, l.x, true) : l.e.cless(l.x, l.y, true);
  Value* keep_x = l.b.CreateOr(ordered, nan_wins ? cx_isnan(l, l.x) : cx_isnan(l, l.y));
  return l.b.CreateSelect(keep_x, l.x, l.y);
}
Value* cx_parts(Line& l, Value* (*f)(Line&, Value*)) { return l.e.pack(f(l, l.e.re(l.x)), f(l, l.e.im(l.x))); }
Value* cx_parts2(Line& l, Value* (*f)(Line&, Value*, Value*)) {
  return l.e.pack(f(l, l.e.re(l.x), l.e.re(l.y)), f(l, l.e.im(l.x), l.e.im(l.y)));
}
Value* cx_isinf_part(Line& l, Value* v) {
  return l.b.CreateFCmpOEQ(l.b.CreateUnaryIntrinsic(Intrinsic::fabs, v), ConstantFP::getInfinity(v->getType()));
}

const std::vector<std::pair<ScalarOp, LlvmLine>>& llvm_complex_line_list() {
  using S = ScalarOp;
  static const std::vector<std::pair<ScalarOp, LlvmLine>> lines = {
    {S::Cast, [](Line& l) { return l.e.cast(l.x, l.t, l.in.dtype); }},
    {S::Neg, [](Line& l) { return cx_parts(l, [](Line& l, Value* v) -> Value* { return l.b.CreateFNeg(v); }); }},
    {S::Conj, [](Line& l) { return l.e.pack(l.e.re(l.x), l.b.CreateFNeg(l.e.im(l.x))); }},
    {S::Real, [](Line& l) { return l.e.re(l.x); }},
    {S::Imag, [](Line& l) { return l.e.im(l.x); }},
    {S::Abs, [](Line& l) { return l.e.libm("hypot", Intrinsic::not_intrinsic, {l.e.re(l.x), l.e.im(l.x)}, real_of(l.t)); }},
    {S::Rint, [](Line& l) { return cx_parts(l, [](Line& l, Value* v) -> Value* { return l.b.CreateUnaryIntrinsic(Intrinsic::roundeven, v); }); }},
    {S::IsNan, [](Line& l) { return cx_isnan(l, l.x); }},
    {S::IsInf, [](Line& l) { return l.b.CreateOr(cx_isinf_part(l, l.e.re(l.x)), cx_isinf_part(l, l.e.im(l.x))); }},
    {S::IsFinite, [](Line& l) {
      Value* inf = ConstantFP::getInfinity(l.e.re(l.x)->getType());
      auto finite = [&](Value* v) { return l.b.CreateFCmpOLT(l.b.CreateUnaryIntrinsic(Intrinsic::fabs, v), inf); };
      return l.b.CreateAnd(finite(l.e.re(l.x)), finite(l.e.im(l.x)));
    }},
    {S::Add, [](Line& l) { return cx_parts2(l, [](Line& l, Value* a, Value* b) -> Value* { return l.b.CreateFAdd(a, b); }); }},
    {S::Sub, [](Line& l) { return cx_parts2(l, [](Line& l, Value* a, Value* b) -> Value* { return l.b.CreateFSub(a, b); }); }},
    {S::Mul, [](Line& l) { return l.e.cmul(l.x, l.y); }},
    {S::Max, [](Line& l) { return cx_choose(l, true, true); }},
    {S::Min, [](Line& l) { return cx_choose(l, false, true); }},
    {S::FMax, [](Line& l) { return cx_choose(l, true, false); }},
    {S::FMin, [](Line& l) { return cx_choose(l, false, false); }},
    {S::Eq, [](Line& l) {
      return l.b.CreateAnd(l.b.CreateFCmpOEQ(l.e.re(l.x), l.e.re(l.y)), l.b.CreateFCmpOEQ(l.e.im(l.x), l.e.im(l.y)));
    }},
    {S::Ne, [](Line& l) {
      return l.b.CreateOr(l.b.CreateFCmpUNE(l.e.re(l.x), l.e.re(l.y)), l.b.CreateFCmpUNE(l.e.im(l.x), l.e.im(l.y)));
    }},
    {S::Lt, [](Line& l) { return l.e.cless(l.x, l.y, false); }},
    {S::Le, [](Line& l) { return l.e.cless(l.x, l.y, true); }},
    {S::Select, [](Line& l) { return l.b.CreateSelect(l.a[0], l.a[1], l.a[2]); }},
  };
  return lines;
}

const std::array<LlvmLine, kNumScalarOps>& llvm_complex_lines() {
  static const auto table = [] {
    auto lines = llvm_complex_line_list();
    for (ScalarOp op : complex_helpers())  // npt_c<name>, the CPU runtime's
      lines.push_back({op, [](Line& l) { return l.e.chelper(scalar_op_name(l.in.op), l.t, l.a); }});
    return index_lines(lines);
  }();
  return table;
}

Value* Emitter::emit_scalar(const Instr& in, const std::vector<Value*>& a,
                            const std::vector<DType>& at) {
  DType t = at.empty() ? in.dtype : at[0];  // compute dtype (inputs share it)
  bool cx = is_complex(t) || (in.op == ScalarOp::Cast && is_complex(in.dtype));
  LlvmLine line = (cx ? llvm_complex_lines() : llvm_lines())[static_cast<int>(in.op)];
  if (!line)
    throw CompileError(std::string("npt: the CPU code generator has no rule for ") +
                       scalar_op_name(in.op) + (cx ? " on complex values" : ""));
  Line l{*this, b_, in, a, t, is_float(t), is_signed_int(t), a.empty() ? nullptr : a[0],
         a.size() > 1 ? a[1] : nullptr};
  return line(l);
}

void Emitter::emit_main(const std::string& name) {
  Type* i64t = b_.getInt64Ty();
  Type* ptr = PointerType::getUnqual(ctx_);
  auto* fty = FunctionType::get(b_.getVoidTy(), {i64t, i64t, i64t, i64t, i64t, ptr, ptr}, false);
  Function* fn = Function::Create(fty, Function::ExternalLinkage, name, m_);
  fn->addFnAttr(Attribute::NoUnwind);
  if (tgt_.avx512) fn->addFnAttr("prefer-vector-width", "512");
  auto args = fn->arg_begin();
  Value *r0 = args++, *r1 = args++, *c0 = args++, *c1 = args++, *part = args++, *ptrs = args++,
        *metap = args++;
  const int K = v_.K, R = v_.R, D = K + R;
  const int nops = static_cast<int>(s_.operands.size());
  const int nacc = naccessors();

  BasicBlock* entry = BasicBlock::Create(ctx_, "entry", fn);
  b_.SetInsertPoint(entry);
  std::vector<Value*> size(D);
  for (int d = 0; d < D; ++d) size[d] = meta(metap, d);
  Value* P = meta(metap, D);
  std::vector<Value*> base(nacc), off(nacc);
  std::vector<std::vector<Value*>> st(nacc, std::vector<Value*>(D));
  std::vector<DType> acc_dtype(nacc);
  std::vector<int> out_of_acc(nacc, -1);
  for (int a = 0, so = 0; a < nacc; ++a) {
    int pidx;
    if (a < nops) {
      pidx = a;
      acc_dtype[a] = s_.operands[a].dtype;
    } else {
      while (s_.outputs[so].reduce != ScalarOp::None) ++so;
      pidx = nops + 2 * so;
      acc_dtype[a] = s_.outputs[so].dtype;
      out_of_acc[a] = so++;
    }
    base[a] = b_.CreateLoad(ptr, b_.CreateConstGEP1_64(ptr, ptrs, pidx));
    off[a] = meta(metap, meta_base(a));
    for (int d = 0; d < D; ++d) st[a][d] = meta(metap, meta_base(a) + 1 + d);
  }
  err_ = b_.CreateLoad(ptr, b_.CreateConstGEP1_64(ptr, ptrs, nops + 2 * s_.outputs.size()));
  std::vector<int> red_outs;
  for (size_t j = 0; j < s_.outputs.size(); ++j)
    if (s_.outputs[j].reduce != ScalarOp::None) red_outs.push_back(static_cast<int>(j));
  std::vector<AllocaInst*> acc_slot;
  for (int j : red_outs)
    acc_slot.push_back(b_.CreateAlloca(reg_type(ctx_, s_.outputs[j].acc)));

  // row loop
  BasicBlock* row_head = BasicBlock::Create(ctx_, "row", fn);
  BasicBlock* row_body = BasicBlock::Create(ctx_, "row.body", fn);
  BasicBlock* done = BasicBlock::Create(ctx_, "done", fn);
  b_.CreateBr(row_head);
  b_.SetInsertPoint(row_head);
  PHINode* row = b_.CreatePHI(i64t, 2, "row");
  row->addIncoming(r0, entry);
  b_.CreateCondBr(b_.CreateICmpSLT(row, r1), row_body, done);
  b_.SetInsertPoint(row_body);
  std::vector<Value*> roff = off;
  {
    Value* rem = row;
    for (int d = K - 1; d >= 0; --d) {
      Value* c = d == 0 ? rem : b_.CreateURem(rem, size[d]);
      if (d > 0) rem = b_.CreateUDiv(rem, size[d]);
      for (int a = 0; a < nacc; ++a) roff[a] = b_.CreateAdd(roff[a], b_.CreateMul(c, st[a][d]));
    }
  }
  for (size_t k = 0; k < red_outs.size(); ++k) {
    const KernelOutput& o = s_.outputs[red_outs[k]];
    b_.CreateStore(constant(o.acc, reduction_identity(o.reduce, o.acc)), acc_slot[k]);
  }
  // chunk loop over [c0, c1)
  BasicBlock* chunk_head = BasicBlock::Create(ctx_, "chunk", fn);
  BasicBlock* chunk_body = BasicBlock::Create(ctx_, "chunk.body", fn);
  BasicBlock* row_end = BasicBlock::Create(ctx_, "row.end", fn);
  BasicBlock* before_chunks = b_.GetInsertBlock();
  b_.CreateBr(chunk_head);
  b_.SetInsertPoint(chunk_head);
  PHINode* c = b_.CreatePHI(i64t, 2, "c");
  c->addIncoming(c0, before_chunks);
  b_.CreateCondBr(b_.CreateICmpSLT(c, c1), chunk_body, row_end);
  b_.SetInsertPoint(chunk_body);
  Value* inner_n = size[D - 1];
  Value* j0 = b_.CreateURem(c, inner_n);
  Value* count = b_.CreateSub(inner_n, j0);
  Value* left = b_.CreateSub(c1, c);
  count = b_.CreateSelect(b_.CreateICmpSLT(left, count), left, count);
  std::vector<Value*> coff = roff;
  {
    Value* rem = b_.CreateUDiv(c, inner_n);
    for (int a = 0; a < nacc; ++a) coff[a] = b_.CreateAdd(coff[a], b_.CreateMul(j0, st[a][D - 1]));
    for (int d = D - 2; d >= K; --d) {
      Value* cd = d == K ? rem : b_.CreateURem(rem, size[d]);
      if (d > K) rem = b_.CreateUDiv(rem, size[d]);
      for (int a = 0; a < nacc; ++a) coff[a] = b_.CreateAdd(coff[a], b_.CreateMul(cd, st[a][d]));
    }
  }
  std::vector<Value*> acc0;
  for (auto* slot : acc_slot) acc0.push_back(b_.CreateLoad(slot->getAllocatedType(), slot));
  // the inner loop
  BasicBlock* pre = b_.GetInsertBlock();
  BasicBlock* inner = BasicBlock::Create(ctx_, "inner", fn);
  BasicBlock* inner_end = BasicBlock::Create(ctx_, "inner.end", fn);
  b_.CreateCondBr(b_.CreateICmpSGT(count, i64(0)), inner, inner_end);
  b_.SetInsertPoint(inner);
  PHINode* j = b_.CreatePHI(i64t, 2, "j");
  j->addIncoming(i64(0), pre);
  std::vector<PHINode*> acc;
  for (size_t k = 0; k < red_outs.size(); ++k) {
    acc.push_back(b_.CreatePHI(acc0[k]->getType(), 2, "acc"));
    acc.back()->addIncoming(acc0[k], pre);
  }
  auto index = [&](int a) -> Value* {
    switch (v_.inner[a]) {
      case 0: return coff[a];
      case 1: return b_.CreateAdd(coff[a], j);
      default: return b_.CreateAdd(coff[a], b_.CreateMul(j, st[a][D - 1]));
    }
  };
  std::vector<Value*> val(s_.instrs.size());
  std::vector<DType> vt(s_.instrs.size());
  for (size_t i = 0; i < s_.instrs.size(); ++i) {
    const Instr& in = s_.instrs[i];
    vt[i] = in.dtype;
    if (in.op == ScalarOp::Load) {
      val[i] = load_elem(in.dtype, base[in.operand], index(in.operand));
    } else if (in.op == ScalarOp::Index) {
      val[i] = index(in.operand);
    } else {
      std::vector<Value*> a;
      std::vector<DType> at;
      for (int x : in.args) a.push_back(val[x]), at.push_back(vt[x]);
      if (in.op == ScalarOp::Select) at.erase(at.begin());  // compute dtype = the branches'
      val[i] = emit_scalar(in, a, at);
    }
  }
  for (int a = nops; a < nacc; ++a) {
    const KernelOutput& o = s_.outputs[out_of_acc[a]];
    store_elem(o.dtype, val[o.instr], base[a], index(a));
  }
  std::vector<Value*> acc_next;
  for (size_t k = 0; k < red_outs.size(); ++k) {
    const KernelOutput& o = s_.outputs[red_outs[k]];
    Value* x = cast(val[o.instr], vt[o.instr], o.acc);
    acc_next.push_back(combine(o.reduce, acc[k], x, o.acc, true));
  }
  Value* jn = b_.CreateAdd(j, i64(1));
  BasicBlock* inner_latch = b_.GetInsertBlock();
  j->addIncoming(jn, inner_latch);
  for (size_t k = 0; k < acc.size(); ++k) acc[k]->addIncoming(acc_next[k], inner_latch);
  b_.CreateCondBr(b_.CreateICmpSLT(jn, count), inner, inner_end);
  b_.SetInsertPoint(inner_end);
  std::vector<PHINode*> fins;  // all PHIs first: they must lead the block
  for (size_t k = 0; k < acc.size(); ++k) {
    fins.push_back(b_.CreatePHI(acc0[k]->getType(), 2));
    fins.back()->addIncoming(acc0[k], pre);
    fins.back()->addIncoming(acc_next[k], inner_latch);
  }
  for (size_t k = 0; k < acc.size(); ++k) b_.CreateStore(fins[k], acc_slot[k]);
  c->addIncoming(b_.CreateAdd(c, count), b_.GetInsertBlock());
  b_.CreateBr(chunk_head);
  // end of row: write partials
  b_.SetInsertPoint(row_end);
  for (size_t k = 0; k < red_outs.size(); ++k) {
    const KernelOutput& o = s_.outputs[red_outs[k]];
    Value* pbuf = b_.CreateLoad(ptr, b_.CreateConstGEP1_64(ptr, ptrs, nops + 2 * red_outs[k]));
    Value* v = b_.CreateLoad(acc_slot[k]->getAllocatedType(), acc_slot[k]);
    store_elem(o.acc, v, pbuf, b_.CreateAdd(b_.CreateMul(row, P), part));
  }
  row->addIncoming(b_.CreateAdd(row, i64(1)), b_.GetInsertBlock());
  b_.CreateBr(row_head);
  b_.SetInsertPoint(done);
  b_.CreateRetVoid();
}

void Emitter::emit_finish(const std::string& name) {
  Type* i64t = b_.getInt64Ty();
  Type* ptr = PointerType::getUnqual(ctx_);
  auto* fty = FunctionType::get(b_.getVoidTy(), {i64t, i64t, ptr, ptr}, false);
  Function* fn = Function::Create(fty, Function::ExternalLinkage, name, m_);
  fn->addFnAttr(Attribute::NoUnwind);
  auto args = fn->arg_begin();
  Value *r0 = args++, *r1 = args++, *ptrs = args++, *metap = args++;
  const int nops = static_cast<int>(s_.operands.size());
  BasicBlock* entry = BasicBlock::Create(ctx_, "entry", fn);
  b_.SetInsertPoint(entry);
  Value* P = meta(metap, v_.K + v_.R);
  BasicBlock* head = BasicBlock::Create(ctx_, "row", fn);
  BasicBlock* body = BasicBlock::Create(ctx_, "row.body", fn);
  BasicBlock* done = BasicBlock::Create(ctx_, "done", fn);
  b_.CreateBr(head);
  b_.SetInsertPoint(head);
  PHINode* row = b_.CreatePHI(i64t, 2);
  row->addIncoming(r0, entry);
  b_.CreateCondBr(b_.CreateICmpSLT(row, r1), body, done);
  b_.SetInsertPoint(body);
  for (size_t k = 0; k < s_.outputs.size(); ++k) {
    const KernelOutput& o = s_.outputs[k];
    if (o.reduce == ScalarOp::None) continue;
    Value* pbuf = b_.CreateLoad(ptr, b_.CreateConstGEP1_64(ptr, ptrs, nops + 2 * k));
    Value* out = b_.CreateLoad(ptr, b_.CreateConstGEP1_64(ptr, ptrs, nops + 2 * k + 1));
    Value* acc = constant(o.acc, reduction_identity(o.reduce, o.acc));
    // P is small (the number of threads): a plain loop
    BasicBlock* pre = b_.GetInsertBlock();
    BasicBlock* loop = BasicBlock::Create(ctx_, "p", fn);
    BasicBlock* after = BasicBlock::Create(ctx_, "p.end", fn);
    b_.CreateCondBr(b_.CreateICmpSGT(P, i64(0)), loop, after);
    b_.SetInsertPoint(loop);
    PHINode* p = b_.CreatePHI(i64t, 2);
    PHINode* a = b_.CreatePHI(acc->getType(), 2);
    p->addIncoming(i64(0), pre);
    a->addIncoming(acc, pre);
    Value* x = load_elem(o.acc, pbuf, b_.CreateAdd(b_.CreateMul(row, P), p));
    Value* an = combine(o.reduce, a, x, o.acc, false);
    Value* pn = b_.CreateAdd(p, i64(1));
    p->addIncoming(pn, b_.GetInsertBlock());
    a->addIncoming(an, b_.GetInsertBlock());
    b_.CreateCondBr(b_.CreateICmpSLT(pn, P), loop, after);
    b_.SetInsertPoint(after);
    PHINode* fin = b_.CreatePHI(acc->getType(), 2);
    fin->addIncoming(acc, pre);
    fin->addIncoming(an, loop);
    store_elem(o.dtype, cast(fin, o.acc, o.dtype), out, row);
  }
  row->addIncoming(b_.CreateAdd(row, i64(1)), b_.GetInsertBlock());
  b_.CreateBr(head);
  b_.SetInsertPoint(done);
  b_.CreateRetVoid();
}

}  // namespace

bool llvm_has_line(ScalarOp op) { return llvm_lines()[static_cast<int>(op)] != nullptr; }
bool llvm_has_complex_line(ScalarOp op) { return llvm_complex_lines()[static_cast<int>(op)] != nullptr; }

std::unique_ptr<Module> emit_kernel(LLVMContext& ctx, const KernelSpec& spec, const Variant& v,
                                    const std::string& name, const EmitTarget& target) {
  auto m = std::make_unique<Module>(name, ctx);
  Emitter e(ctx, *m, spec, v, target);
  e.emit_main(name);
  if (spec.has_reduction()) e.emit_finish(name + "_finish");
  std::string err;
  raw_string_ostream os(err);
  if (verifyModule(*m, &os))
    throw CompileError("npt: generated IR for kernel '" + spec.name + "' is invalid: " + os.str());
  return m;
}

}  // namespace npt
