// partition: kernels from a canonical graph (see partition.h).
//
// Algorithm: some nodes are *hard* boundaries whose value must exist in a
// buffer: leaves, reductions, opaque ops and their inputs, and nodes that an
// index map cannot see through (a reshape of an incompatible view, or an
// expensive value broadcast to a bigger shape). Outputs that are elementwise
// are *soft*: they are stored, but consumers in the same kernel read the
// expression, not the buffer. Each hard or output node is a kernel output;
// outputs at the same dependency level over the same domain share a kernel.
// Lowering walks each output's producers down to hard nodes, pushing view
// ops down to the leaves as strided index maps.
#include "fusion/partition.h"

#include <algorithm>
#include <map>
#include <set>
#include <unordered_map>
#include <unordered_set>

#include "core/error.h"

namespace npt {

int Partition::num_kernels() const {
  int n = 0;
  for (auto& s : steps) n += s.is_kernel;
  return n;
}

namespace {

// Thrown by lowering when a node must be materialized first.
struct NeedMaterialize {
  const Node* node;
  const char* why;
};

// Why a value is stored in a buffer between kernels (explain's cut edges).
constexpr const char* kWhyReduction = "a reduction: its result is stored, and what reads it runs after it";
constexpr const char* kWhyOpaque = "an ATen op (matmul, linalg, fft, sort, ...): a fusion barrier";
constexpr const char* kWhyOpaqueInput = "an input of an ATen op, which reads it from a buffer";
constexpr const char* kWhyDepth = "a fused expression is bounded (64 ops deep): a new kernel starts here";
constexpr const char* kWhyView = "a view no index map can express (a reshape of a strided or negative-step view)";
constexpr const char* kWhyBroadcast = "an expensive value broadcast to a bigger shape: computed once, then read";
constexpr const char* kWhyOutput = "a value the program holds (a result or a live array)";


// Values that exist in a buffer before the plan runs: materialized nodes and
// a traced function's parameters (bound at run time).
bool has_buffer(const Node& n) { return n.materialized() || n.is_param(); }

// A movement op's index map, by its registry entry's view rule.
StridedView apply_movement(const StridedView& v, const Node& m) {
  StridedView r;
  NPT_ASSERT(m.def().view, "not a movement op: " + m.def().name);
  if (!m.def().view(v, m, r)) throw NeedMaterialize{m.inputs()[0].get(), kWhyView};
  return r;
}

using Chain = std::vector<const Node*>;  // movement ops, outermost first
constexpr int kMaxLocalDepth = 64;

class Partitioner {
 public:
  explicit Partitioner(const Graph& g) : g_(g) {}

  Partition run() {
    for (auto& n : g_.nodes) {
      const OpDef& d = n->def();
      if (has_buffer(*n)) continue;
      if (d.kind == OpKind::Reduction) mark(n.get(), kWhyReduction);
      if (d.kind == OpKind::Opaque) mark(n.get(), kWhyOpaque);
      if (d.kind == OpKind::Opaque)
        for (auto& in : n->inputs())
          if (!view_of_buffer(in.get())) mark(in.get(), kWhyOpaqueInput);
    }
    // Bound the size of a fused expression: a node more than kMaxLocalDepth
    // ops above the nearest boundary becomes one itself (long chains, e.g. a
    // gradient through a 100k-step loop, become a sequence of kernels).
    std::unordered_map<const Node*, int> local;
    for (auto& n : g_.nodes) {
      int d = 0;
      if (!is_boundary(n.get()))
        for (auto& in : n->inputs()) d = std::max(d, local[in.get()] + 1);
      if (d > kMaxLocalDepth) {
        mark(n.get(), kWhyDepth);
        d = 0;
      }
      local[n.get()] = d;
    }
    for (int attempt = 0;; ++attempt) {
      NPT_ASSERT(attempt <= (int)g_.nodes.size() + 1, "fusion did not converge");
      try {
        return build();
      } catch (const NeedMaterialize& m) {
        mark(m.node, m.why);
      }
    }
  }

 private:
  bool is_boundary(const Node* n) const { return has_buffer(*n) || hard_.count(n); }

  void mark(const Node* n, const char* why) {
    if (hard_.insert(n).second) why_[n] = why;
  }

  // Movement ops down to a buffer: ATen can read it as a strided view.
  bool view_of_buffer(const Node* n) const {
    while (!has_buffer(*n) && !hard_.count(n) && n->def().kind == OpKind::Movement)
      n = n->inputs()[0].get();
    return has_buffer(*n) || hard_.count(n);
  }

  // The view of an opaque op's input, and the slot it reads.
  int opaque_arg(const NodeRef& in, StridedView& out) {
    Chain chain;
    const Node* n = in.get();
    NodeRef base = in;
    while (!is_boundary(n)) {
      chain.push_back(n);
      base = n->inputs()[0];
      n = base.get();
    }
    StridedView v;
    v.shape = base->shape;
    v.strides = contiguous_strides(base->shape);
    for (auto it = chain.rbegin(); it != chain.rend(); ++it) v = apply_movement(v, **it);
    for (auto s : v.strides)
      if (s < 0) throw NeedMaterialize{in.get(), kWhyView};  // ATen views take no negative strides
    out.shape = v.shape;
    out.strides = v.strides;
    out.offset = v.offset;
    return slot_of(base);
  }

  int slot_of(const NodeRef& n) {
    auto it = slot_index_.find(n.get());
    if (it != slot_index_.end()) return it->second;
    Slot::Kind k = n->materialized() ? Slot::Leaf
                   : n->is_constant() ? Slot::Constant
                   : n->is_param()    ? Slot::Param
                                                 : Slot::Computed;
    std::string why;
    if (k == Slot::Computed) {
      auto w = why_.find(n.get());
      why = w != why_.end() ? w->second : kWhyOutput;
    }
    p_.slots.push_back({k, n, why});
    return slot_index_[n.get()] = static_cast<int>(p_.slots.size()) - 1;
  }

  // Hard nodes reachable from n without passing another boundary.
  void deps(const Node* n, std::set<const Node*>& out, std::unordered_set<const Node*>& seen) {
    for (auto& in : n->inputs()) {
      if (!seen.insert(in.get()).second) continue;
      if (is_boundary(in.get())) {
        if (!has_buffer(*in)) out.insert(in.get());
      } else {
        deps(in.get(), out, seen);
      }
    }
  }

  Partition build() {
    p_ = Partition{};
    slot_index_.clear();
    // Kernel outputs: graph outputs and hard nodes.
    std::vector<NodeRef> outs;
    std::unordered_set<const Node*> is_out;
    auto add_out = [&](const NodeRef& n) {
      // constants and parameters already have a buffer when the plan runs
      if (has_buffer(*n) || n->is_constant() || !is_out.insert(n.get()).second) return;
      outs.push_back(n);
    };
    for (auto& n : g_.nodes)
      if (hard_.count(n.get())) add_out(n);
    for (auto& o : g_.outputs) add_out(o);

    // Dependency level of each output (hard deps only).
    std::unordered_map<const Node*, int> level;
    for (auto& n : g_.nodes) {  // topological, so deps come first
      if (!is_out.count(n.get())) continue;
      std::set<const Node*> d;
      std::unordered_set<const Node*> seen;
      deps(n.get(), d, seen);
      int l = 1;
      for (auto* x : d) l = std::max(l, level.count(x) ? level[x] + 1 : 1);
      level[n.get()] = l;
    }
    // Group: opaque ops alone; others by (level, domain, reduced axes).
    struct Group {
      int level;
      Shape domain;
      std::vector<bool> reduced;
      std::vector<NodeRef> members;
      NodeRef opaque;
    };
    std::vector<Group> groups;
    auto domain_of = [](const NodeRef& n, Shape& dom, std::vector<bool>& red) {
      if (n->def().kind == OpKind::Reduction) {
        dom = n->inputs()[0]->shape;
        red.assign(dom.size(), false);
        for (auto a : n->attrs.ints) red[a] = true;
      } else {
        dom = n->shape;
        red.assign(dom.size(), false);
      }
    };
    for (auto& n : outs) {
      if (n->def().kind == OpKind::Opaque) {
        groups.push_back({level[n.get()], {}, {}, {}, n});
        continue;
      }
      Shape dom;
      std::vector<bool> red;
      domain_of(n, dom, red);
      bool is_red = n->def().kind == OpKind::Reduction;
      Group* target = nullptr;
      for (auto& gr : groups) {
        if (gr.opaque || gr.level != level[n.get()] || gr.domain != dom) continue;
        bool gr_red = std::find(gr.reduced.begin(), gr.reduced.end(), true) != gr.reduced.end();
        // an elementwise output can ride along any kernel over its domain;
        // reductions share a kernel only when they reduce the same axes
        if (!is_red || !gr_red || gr.reduced == red) { target = &gr; break; }
      }
      if (!target) {
        groups.push_back({level[n.get()], dom, red, {}, nullptr});
        target = &groups.back();
      }
      if (is_red) target->reduced = red;
      target->members.push_back(n);
    }
    std::stable_sort(groups.begin(), groups.end(),
                     [](const Group& a, const Group& b) { return a.level < b.level; });

    for (auto& gr : groups) {
      Step st;
      if (gr.opaque) {
        st.is_kernel = false;
        st.opaque = gr.opaque;
        for (auto& in : gr.opaque->inputs()) {
          StridedView v;
          st.opaque_inputs.push_back(opaque_arg(in, v));
          st.opaque_views.push_back(v);
        }
        st.opaque_output = slot_of(gr.opaque);
      } else {
        st.kernel = lower(gr.domain, gr.reduced, gr.members);
      }
      p_.steps.push_back(std::move(st));
    }
    for (auto& o : g_.outputs) p_.output_slots.push_back(slot_of(o));
    return p_;
  }

  // ---- lowering one kernel ----------------------------------------------
  KernelSpec lower(const Shape& domain, const std::vector<bool>& reduced,
                   const std::vector<NodeRef>& members) {
    KernelSpec k;
    k.domain = domain;
    k.reduced = reduced;
    spec_ = &k;
    memo_.clear();
    instr_index_.clear();
    operand_index_.clear();
    inlined_.clear();
    for (auto& m : members) {
      bool red = m->def().kind == OpKind::Reduction;
      const NodeRef& root = red ? m->inputs()[0] : m;
      int v = red && is_boundary(root.get()) ? load(root, {}) : expr(root, {}, true);
      KernelOutput o;
      o.instr = v;
      o.dtype = m->dtype;
      o.slot = slot_of(m);
      if (red) {
        o.reduce = m->def().scalar;
        o.acc = reduction_acc_dtype(o.reduce, m->dtype);
      }
      k.outputs.push_back(o);
      k.bytes_moved += m->numel() * dtype_itemsize(m->dtype);
      if (red) {
        inlined_.insert(m.get());
        k.unfused_bytes += m->numel() * dtype_itemsize(m->dtype) +
                           root->numel() * dtype_itemsize(root->dtype);
      }
    }
    // name: the fused ops in order, e.g. "sin_mul_add_reduce_sum"
    std::string name;
    for (auto& n : g_.nodes)
      if (inlined_.count(n.get())) {
        const OpDef& d = n->def();
        if (d.kind == OpKind::Movement || d.kind == OpKind::Source) continue;
        k.fused_ops.push_back(d.name);
        if (name.size() < 48) name += (name.empty() ? "" : "_") + d.name;
      }
    k.name = name.empty() ? "copy" : name;
    spec_ = nullptr;
    return k;
  }

  int add_instr(Instr in) {
    std::string key = std::to_string((int)in.op) + ":" + std::to_string((int)in.dtype) + ":" +
                      std::to_string(in.operand);
    for (int a : in.args) key += "," + std::to_string(a);
    auto it = instr_index_.find(key);
    if (it != instr_index_.end()) return it->second;
    spec_->instrs.push_back(std::move(in));
    return instr_index_[key] = static_cast<int>(spec_->instrs.size()) - 1;
  }

  // A boundary value read through the chain of views.
  int load(const NodeRef& n, const Chain& chain) {
    StridedView v;
    Operand op;
    op.dtype = n->dtype;
    const OpDef& d = n->def();
    if (d.kind == OpKind::Source && d.view && !n->materialized()) {
      // a source whose values are its own index map (iota): computed where it
      // is read, also by the kernel that stores it (an opaque op's input)
      op.kind = Operand::Index;
      d.view(StridedView{}, *n, v);
    } else {
      op.slot = slot_of(n);
      v.shape = n->shape;
      v.strides = contiguous_strides(n->shape);
    }
    for (auto it = chain.rbegin(); it != chain.rend(); ++it) v = apply_movement(v, **it);
    NPT_ASSERT(v.shape == spec_->domain, "index map does not cover the kernel domain");
    op.offset = v.offset;
    op.strides = v.strides;
    std::string key = std::to_string(op.kind) + ":" + std::to_string(op.slot) + ":" +
                      std::to_string(op.offset) + ":" + std::to_string((int)op.dtype);
    for (auto s : op.strides) key += "," + std::to_string(s);
    int idx;
    auto it = operand_index_.find(key);
    if (it != operand_index_.end()) {
      idx = it->second;
    } else {
      spec_->operands.push_back(op);
      idx = operand_index_[key] = static_cast<int>(spec_->operands.size()) - 1;
      if (op.kind == Operand::Load) spec_->bytes_moved += n->numel() * dtype_itemsize(n->dtype);
    }
    Instr in{op.kind == Operand::Index ? ScalarOp::Index : ScalarOp::Load, op.dtype, {}, idx};
    return add_instr(in);
  }

  int expr(const NodeRef& n, const Chain& chain, bool root = false) {
    if (!root && (is_boundary(n.get()) || n->def().kind == OpKind::Source)) return load(n, chain);
    if (n->def().kind == OpKind::Source) return load(n, chain);
    std::string key = std::to_string(n->id);
    for (auto* c : chain) key += "," + std::to_string(c->id);
    auto it = memo_.find(key);
    if (it != memo_.end()) return it->second;
    inlined_.insert(n.get());
    const OpDef& d = n->def();
    int r;
    if (d.kind == OpKind::Movement) {
      const NodeRef& in = n->inputs()[0];
      // A view that repeats an expensive value (a broadcast): compute it
      // once, then read it.
      if (!is_boundary(in.get()) && in->numel() > 1 &&
          n->numel() > in->numel() && has_arith(in.get()))
        throw NeedMaterialize{in.get(), kWhyBroadcast};
      Chain c2 = chain;
      c2.push_back(n.get());
      r = expr(in, c2);
    } else {
      NPT_ASSERT(d.kind == OpKind::Elementwise, "cannot inline " + n->str());
      Instr in{d.scalar, n->dtype, {}, -1};
      for (auto& x : n->inputs()) in.args.push_back(expr(x, chain));
      r = add_instr(in);
      int64_t bytes = n->numel() * dtype_itemsize(n->dtype);
      for (auto& x : n->inputs()) bytes += x->numel() * dtype_itemsize(x->dtype);
      if (chain.empty()) spec_->unfused_bytes += bytes;
    }
    return memo_[key] = r;
  }

  bool has_arith(const Node* n) {
    if (is_boundary(n) || n->inputs().empty()) return false;
    if (n->def().kind == OpKind::Elementwise && n->def().scalar != ScalarOp::Cast) return true;
    for (auto& in : n->inputs())
      if (has_arith(in.get())) return true;
    return false;
  }

  const Graph& g_;
  std::unordered_set<const Node*> hard_;
  std::unordered_map<const Node*, const char*> why_;  // why each hard node is one
  Partition p_;
  std::unordered_map<const Node*, int> slot_index_;
  KernelSpec* spec_ = nullptr;
  std::unordered_map<std::string, int> memo_, instr_index_, operand_index_;
  std::unordered_set<const Node*> inlined_;
};

}  // namespace

Partition partition(const Graph& g) { return Partitioner(g).run(); }

}  // namespace npt
