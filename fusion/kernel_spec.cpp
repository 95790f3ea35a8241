// KernelSpec hashing and printing.
#include "fusion/kernel_spec.h"

#include "core/hash.h"

namespace npt {

namespace {
uint64_t mix(uint64_t h, uint64_t v) { return hash_mix(h, v); }
}  // namespace

bool KernelSpec::sets_error_word() const {
  for (auto& in : instrs)
    if (in.op == ScalarOp::Pow && !in.args.empty() && is_signed_int(instrs[in.args[0]].dtype)) return true;
  return false;
}

bool KernelSpec::has_reduction() const {
  for (auto& o : outputs)
    if (o.reduce != ScalarOp::None) return true;
  return false;
}

uint64_t KernelSpec::structural_hash() const {
  uint64_t h = mix(1, domain.size());
  for (bool r : reduced) h = mix(h, r);
  for (auto& o : operands) h = mix(mix(h, o.kind), static_cast<uint64_t>(o.dtype));
  for (auto& i : instrs) {
    h = mix(mix(mix(h, static_cast<uint64_t>(i.op)), static_cast<uint64_t>(i.dtype)), i.operand + 1);
    for (int a : i.args) h = mix(h, a);
  }
  for (auto& o : outputs)
    h = mix(mix(mix(mix(h, o.instr), static_cast<uint64_t>(o.dtype)), static_cast<uint64_t>(o.reduce)),
            static_cast<uint64_t>(o.acc));
  return h;
}

std::string KernelSpec::str() const {
  std::string s;
  for (size_t i = 0; i < instrs.size(); ++i) {
    const Instr& in = instrs[i];
    s += "    v" + std::to_string(i) + " = " + scalar_op_name(in.op) + "." + dtype_name(in.dtype);
    if (in.operand >= 0) s += " op" + std::to_string(in.operand);
    for (int a : in.args) s += " v" + std::to_string(a);
    s += "\n";
  }
  for (auto& o : outputs) {
    s += "    out -> slot" + std::to_string(o.slot) + " = ";
    s += o.reduce == ScalarOp::None ? std::string("store")
                                    : std::string("reduce_") + scalar_op_name(o.reduce);
    s += " v" + std::to_string(o.instr) + " " + dtype_name(o.dtype) + "\n";
  }
  return s;
}

}  // namespace npt
