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

#include <llvm/IR/IRBuilder.h>
#include <llvm/IR/Intrinsics.h>
#include <llvm/IR/Verifier.h>
#include <llvm/Support/raw_ostream.h>
#include <llvm/Transforms/Utils/ModuleUtils.h>

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
    default:
      throw CompileError(std::string("npt: the CPU code generator does not support dtype ") +
                         dtype_name(t));
  }
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

 private:
  // --- helpers -----------------------------------------------------------
  Value* i64(int64_t x) { return b_.getInt64(x); }
  Value* meta(Value* meta_ptr, int64_t idx) {
    return b_.CreateLoad(b_.getInt64Ty(), b_.CreateConstGEP1_64(b_.getInt64Ty(), meta_ptr, idx));
  }
  Value* load_elem(DType t, Value* base, Value* index) {
    Value* p = b_.CreateGEP(mem_type(ctx_, t), base, index);
    Value* x = b_.CreateLoad(mem_type(ctx_, t), p);
    return t == DType::Bool ? b_.CreateICmpNE(x, b_.getInt8(0)) : x;
  }
  void store_elem(DType t, Value* x, Value* base, Value* index) {
    if (t == DType::Bool) x = b_.CreateZExt(x, b_.getInt8Ty());
    b_.CreateStore(x, b_.CreateGEP(mem_type(ctx_, t), base, index));
  }
  Constant* constant(DType t, const Scalar& s) {
    Type* ty = reg_type(ctx_, t);
    if (is_float(t)) return ConstantFP::get(ty, s.re);
    uint64_t bits = s.negative ? ~s.mag + 1 : s.mag;
    return ConstantInt::get(ty, bits, /*signed*/ false);
  }
  Value* cast(Value* x, DType from, DType to);
  Value* unary_math(const char* name, Intrinsic::ID id, Value* x, DType t);
  Value* emit_scalar(const Instr& in, const std::vector<Value*>& a, const std::vector<DType>& at);
  Value* combine(ScalarOp op, Value* acc, Value* x, DType t, bool reassoc);
  Value* floor_divmod(Value* x, Value* y, DType t, bool want_div);

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
  Type* ty = reg_type(ctx_, to);
  if (to == DType::Bool) {
    if (is_float(from)) return b_.CreateFCmpUNE(x, ConstantFP::get(x->getType(), 0.0));
    return b_.CreateICmpNE(x, ConstantInt::get(x->getType(), 0));
  }
  if (from == DType::Bool) return is_float(to) ? b_.CreateUIToFP(x, ty) : b_.CreateZExt(x, ty);
  if (is_float(from) && is_float(to)) return b_.CreateFPCast(x, ty);
  if (is_float(from)) {
    // Through int64 so that out-of-range values wrap as NumPy's casts do on
    // x86 (-1.0 -> uint8 255); uint64 from large positives goes direct.
    if (to == DType::UInt64) {
      Value* neg = b_.CreateFCmpOLT(x, ConstantFP::get(x->getType(), 0.0));
      return b_.CreateSelect(neg, b_.CreateFPToSI(x, ty), b_.CreateFPToUI(x, ty));
    }
    Value* wide = b_.CreateFPToSI(x, b_.getInt64Ty());
    return b_.CreateTrunc(wide, ty);
  }
  if (is_float(to)) return is_signed_int(from) ? b_.CreateSIToFP(x, ty) : b_.CreateUIToFP(x, ty);
  return is_signed_int(from) ? b_.CreateSExtOrTrunc(x, ty) : b_.CreateZExtOrTrunc(x, ty);
}

// A libm function (name "" means use the intrinsic). float16 computes in
// float. For float32/float64 the call carries the libmvec vector variants
// the target can run (SSE, or AVX2 and AVX-512) so the loop vectorizer can
// use them.
Value* Emitter::unary_math(const char* name, Intrinsic::ID id, Value* x, DType t) {
  DType ct = t == DType::Float16 ? DType::Float32 : t;
  Value* xx = t == DType::Float16 ? b_.CreateFPExt(x, b_.getFloatTy()) : x;
  Value* r;
  if (id != Intrinsic::not_intrinsic && !(tgt_.avx512 && id != Intrinsic::sqrt)) {
    r = b_.CreateUnaryIntrinsic(id, xx);
  } else {
    std::string fn = std::string(name) + (ct == DType::Float32 ? "f" : "");
    Type* ty = reg_type(ctx_, ct);
    FunctionCallee callee = m_.getOrInsertFunction(fn, FunctionType::get(ty, {ty}, false));
    auto* f = cast_or_null<Function>(callee.getCallee());
    if (f) {
      f->setDoesNotThrow();
      f->setDoesNotAccessMemory();
      f->setWillReturn();
    }
    CallInst* call = b_.CreateCall(callee, {xx});
    call->setDoesNotAccessMemory();
    std::string variants;
    auto variant = [&](char isa, int lanes) {  // glibc libmvec's x86 names
      std::string vname = std::string("_ZGV") + isa + "N" + std::to_string(lanes) + "v_" + fn;
      auto* vty = FixedVectorType::get(ty, lanes);
      FunctionCallee vf = m_.getOrInsertFunction(vname, FunctionType::get(vty, {vty}, false));
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

Value* Emitter::combine(ScalarOp op, Value* acc, Value* x, DType t, bool reassoc) {
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

// The per-backend line for every ScalarOp (LLVM).
Value* Emitter::emit_scalar(const Instr& in, const std::vector<Value*>& a,
                            const std::vector<DType>& at) {
  DType t = at.empty() ? in.dtype : at[0];  // compute dtype (inputs share it)
  bool f = is_float(t), s = is_signed_int(t);
  Value* x = a.empty() ? nullptr : a[0];
  Value* y = a.size() > 1 ? a[1] : nullptr;
  using I = Intrinsic::ID;
  auto math = [&](const char* name, I id = Intrinsic::not_intrinsic) {
    return unary_math(name, id, x, t);
  };
  switch (in.op) {
    case ScalarOp::Cast: return cast(x, t, in.dtype);
    case ScalarOp::Neg: return f ? b_.CreateFNeg(x) : b_.CreateNeg(x);
    case ScalarOp::Abs:
      if (f) return b_.CreateUnaryIntrinsic(Intrinsic::fabs, x);
      return s ? b_.CreateBinaryIntrinsic(Intrinsic::abs, x, b_.getFalse()) : x;
    case ScalarOp::Sign: {
      Type* ty = x->getType();
      if (f) {
        Value* z = ConstantFP::get(ty, 0.0);
        Value* r = b_.CreateSelect(b_.CreateFCmpOEQ(x, z), z, x);  // NaN stays NaN
        r = b_.CreateSelect(b_.CreateFCmpOLT(x, z), ConstantFP::get(ty, -1.0), r);
        return b_.CreateSelect(b_.CreateFCmpOGT(x, z), ConstantFP::get(ty, 1.0), r);
      }
      Value* z = ConstantInt::get(ty, 0);
      Value* pos = b_.CreateZExt(s ? b_.CreateICmpSGT(x, z) : b_.CreateICmpUGT(x, z), ty);
      if (!s) return pos;
      return b_.CreateSub(pos, b_.CreateZExt(b_.CreateICmpSLT(x, z), ty));
    }
    case ScalarOp::Exp: return math("exp", Intrinsic::exp);
    case ScalarOp::Expm1: return math("expm1");
    case ScalarOp::Log: return math("log", Intrinsic::log);
    case ScalarOp::Log1p: return math("log1p");
    case ScalarOp::Log2: return math("log2");
    case ScalarOp::Log10: return math("log10");
    case ScalarOp::Sqrt: return math("sqrt", Intrinsic::sqrt);
    case ScalarOp::Sin: return math("sin", Intrinsic::sin);
    case ScalarOp::Cos: return math("cos", Intrinsic::cos);
    case ScalarOp::Tan: return math("tan");
    case ScalarOp::Asin: return math("asin");
    case ScalarOp::Acos: return math("acos");
    case ScalarOp::Atan: return math("atan");
    case ScalarOp::Tanh: return math("tanh");
    case ScalarOp::Sinh: return math("sinh");
    case ScalarOp::Cosh: return math("cosh");
    case ScalarOp::Not: return b_.CreateNot(x);
    case ScalarOp::IsNan: return f ? b_.CreateFCmpUNO(x, x) : b_.getFalse();
    case ScalarOp::IsInf:
      return f ? b_.CreateFCmpOEQ(b_.CreateUnaryIntrinsic(Intrinsic::fabs, x),
                                  ConstantFP::getInfinity(x->getType()))
               : b_.getFalse();
    case ScalarOp::IsFinite:
      return f ? b_.CreateFCmpOLT(b_.CreateUnaryIntrinsic(Intrinsic::fabs, x),
                                  ConstantFP::getInfinity(x->getType()))
               : b_.getTrue();
    case ScalarOp::Add:
      if (t == DType::Bool) return b_.CreateOr(x, y);
      return f ? b_.CreateFAdd(x, y) : b_.CreateAdd(x, y);
    case ScalarOp::Sub: return f ? b_.CreateFSub(x, y) : b_.CreateSub(x, y);
    case ScalarOp::Mul:
      if (t == DType::Bool) return b_.CreateAnd(x, y);
      return f ? b_.CreateFMul(x, y) : b_.CreateMul(x, y);
    case ScalarOp::Div:
      if (!f) throw CompileError("npt: integer true division reached codegen");
      return b_.CreateFDiv(x, y);
    case ScalarOp::FloorDiv: return floor_divmod(x, y, t, true);
    case ScalarOp::Mod: return floor_divmod(x, y, t, false);
    case ScalarOp::Pow: {
      if (f) {
        if (t == DType::Float16) {
          Value* r = b_.CreateBinaryIntrinsic(Intrinsic::pow, b_.CreateFPExt(x, b_.getFloatTy()),
                                              b_.CreateFPExt(y, b_.getFloatTy()));
          return b_.CreateFPTrunc(r, b_.getHalfTy());
        }
        return b_.CreateBinaryIntrinsic(Intrinsic::pow, x, y);
      }
      Type* ty = x->getType();
      Value* xe = s ? b_.CreateSExt(x, b_.getInt64Ty()) : b_.CreateZExt(x, b_.getInt64Ty());
      Value* ye = s ? b_.CreateSExt(y, b_.getInt64Ty()) : b_.CreateZExt(y, b_.getInt64Ty());
      if (ty->getIntegerBitWidth() == 64) xe = x, ye = y;
      Value* r;
      if (s) {  // a negative exponent sets the launch's error word
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
    case ScalarOp::Max: return combine(ScalarOp::Max, x, y, t == DType::Bool ? DType::UInt8 : t, false);
    case ScalarOp::Min: return combine(ScalarOp::Min, x, y, t == DType::Bool ? DType::UInt8 : t, false);
    case ScalarOp::Eq: return f ? b_.CreateFCmpOEQ(x, y) : b_.CreateICmpEQ(x, y);
    case ScalarOp::Ne: return f ? b_.CreateFCmpUNE(x, y) : b_.CreateICmpNE(x, y);
    case ScalarOp::Lt: return f ? b_.CreateFCmpOLT(x, y) : s ? b_.CreateICmpSLT(x, y) : b_.CreateICmpULT(x, y);
    case ScalarOp::Le: return f ? b_.CreateFCmpOLE(x, y) : s ? b_.CreateICmpSLE(x, y) : b_.CreateICmpULE(x, y);
    case ScalarOp::And: return b_.CreateAnd(x, y);
    case ScalarOp::Or: return b_.CreateOr(x, y);
    case ScalarOp::Select: return b_.CreateSelect(a[0], a[1], a[2]);
    default: break;
  }
  throw CompileError(std::string("npt: the CPU code generator has no rule for ") +
                     scalar_op_name(in.op));
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
