// Node construction, hash-consing and materialization.
#include "graph/node.h"

#include <cstring>
#include <limits>
#include <mutex>
#include <unordered_map>

#include "core/error.h"
#include "core/hash.h"

namespace npt {
namespace {

std::atomic<uint64_t> g_next_id{1};
std::atomic<int> g_keep_history{0};

uint64_t mix(uint64_t h, uint64_t v) { return hash_mix(h, v); }

// Hash-cons table: structural hash -> live nodes with that hash.
struct Table {
  std::mutex mu;
  std::unordered_multimap<uint64_t, std::pair<const Node*, std::weak_ptr<const Node>>> map;
};
Table& table() {
  static Table* t = new Table;  // leaked on purpose: nodes may die at exit
  return *t;
}

// Input identities kept separately so the key survives materialization.
struct Key {
  OpId op;
  const Attrs* attrs;
  std::vector<uint64_t> ids;
  bool weak;
};

}  // namespace

uint64_t hash_attrs(const Attrs& a) {
  uint64_t h = mix(0, a.shape.size());
  for (auto d : a.shape) h = mix(h, static_cast<uint64_t>(d));
  h = mix(h, a.ints.size());
  for (auto d : a.ints) h = mix(h, static_cast<uint64_t>(d));
  h = mix(h, static_cast<uint64_t>(a.dtype));
  h = mix(h, static_cast<uint64_t>(a.device + 2));
  h = mix(h, static_cast<uint64_t>(a.scalar.kind) * 2 + a.scalar.negative);
  h = mix(h, a.scalar.mag);
  uint64_t re, im;  // (the bits: -0.0 is another constant; every NaN is the same one)
  const double nan = std::numeric_limits<double>::quiet_NaN();
  double r = a.scalar.re != a.scalar.re ? nan : a.scalar.re, i = a.scalar.im != a.scalar.im ? nan : a.scalar.im;
  std::memcpy(&re, &r, 8);
  std::memcpy(&im, &i, 8);
  return mix(mix(h, re), im);
}

Node::Node(OpId op_, Attrs attrs_, std::vector<NodeRef> inputs, const Inferred& inf, bool weak_)
    : op(op_), attrs(std::move(attrs_)), dtype(inf.dtype), compute(inf.compute), shape(inf.shape),
      weak(weak_), id(g_next_id++), inputs_(std::move(inputs)) {
  for (auto& in : inputs_) {
    input_ids.push_back(in->id);
    traced |= in->traced;
  }
  traced |= is_param();
  depth = 0;
  for (auto& in : inputs_) depth = std::max(depth, in->materialized() ? 1 : in->depth + 1);
}

Node::~Node() {
  if (interned_) {
    Table& t = table();
    std::lock_guard<std::mutex> g(t.mu);
    auto range = t.map.equal_range(hash);
    for (auto it = range.first; it != range.second; ++it)
      if (it->second.first == this) {
        t.map.erase(it);
        break;
      }
  }
  // Release inputs iteratively: a traced graph can be a chain of 100k nodes,
  // and recursive destruction would overflow the stack.
  thread_local std::vector<NodeRef>* pending = nullptr;
  if (inputs_.empty()) return;
  if (pending) {
    for (auto& in : inputs_) pending->push_back(std::move(in));
    return;
  }
  std::vector<NodeRef> stack(std::move(inputs_));
  pending = &stack;
  while (!stack.empty()) {
    NodeRef n = std::move(stack.back());
    stack.pop_back();
    n.reset();  // if this was the last reference, its inputs land on `stack`
  }
  pending = nullptr;
}

bool Node::is_constant() const {
  static const OpId kConstant = op_id("constant");
  return op == kConstant;
}

bool Node::is_param() const {
  static const OpId kParam = op_id("param");
  return op == kParam;
}

std::string Node::str() const {
  std::string s = def().name + " " + dtype_name(dtype) + "[";
  for (size_t i = 0; i < shape.size(); ++i) s += (i ? ", " : "") + std::to_string(shape[i]);
  return s + "]";
}

void Node::set_value(Buffer b) const {
  NPT_ASSERT(b.shape() == shape && b.dtype() == dtype, "materialized value mismatch for " + str());
  NPT_ASSERT(!materialized(), "a node is materialized twice: " + str());
  // Only leaves hold memory shared with another library: any other value is
  // npt's own, which the other library's writes (or npt's writes into the
  // shared memory) must not change (a plan that passes a leaf through, an
  // ATen op that returns a view of its input).
  static const OpId kInput = op_id("input");
  if (op != kInput && b.shared()) b = b.clone();
  value_ = std::move(b);
  ready_.store(true, std::memory_order_release);
  // Drop history: a materialized node is a leaf from now on. It stays in the
  // hash-cons table (keyed by input ids), so the same expression built again
  // finds the value instead of recomputing it.
  if (g_keep_history.load() == 0) inputs_.clear();
}

void push_keep_history() { ++g_keep_history; }
void pop_keep_history() { --g_keep_history; }

NodeRef make_node(OpId op, Attrs attrs, std::vector<NodeRef> inputs, bool weak) {
  const OpDef& def = op_def(op);
  if (def.arity >= 0 && static_cast<int>(inputs.size()) != def.arity)
    throw InternalError(def.name + ": expected " + std::to_string(def.arity) + " inputs");
  std::vector<const Node*> raw;
  for (auto& in : inputs) raw.push_back(in.get());
  Inferred inf = def.infer ? def.infer(raw, attrs) : infer_elementwise(def, raw);
  // Device: every non-constant input on one device; npt never copies
  // between devices behind the user's back.
  int device = attrs.device;
  const Node* first = nullptr;
  for (auto* in : raw) {
    if (in->is_constant()) continue;
    if (!first) {
      first = in;
      device = in->device;
    } else if (in->device != device) {
      throw DeviceError("npt: '" + def.name + "' got operands on different devices (" +
                        device_name(first->device) + " and " + device_name(in->device) +
                        "); move one with .to(device): npt never copies between devices "
                        "implicitly");
    }
  }
  uint64_t h = mix(static_cast<uint64_t>(op) + 1, hash_attrs(attrs));
  for (auto& in : inputs) h = mix(h, in->id);
  h = mix(h, weak);
  h = mix(h, static_cast<uint64_t>(inf.dtype));

  // Memory another library shares (Buffer::shared) may be written under a
  // materialized node's feet: a node that reads it is never hash-consed, so
  // the same expression built again after such a write is computed again.
  // (Buffer::any_shared() first: one load on every op while nothing is shared)
  if (Buffer::any_shared()) {
    for (auto* in : raw) {
      if (in->materialized() && in->value().shared()) {
        auto n = std::make_shared<Node>(op, std::move(attrs), std::move(inputs), inf, weak);
        n->device = device;
        n->hash = h;
        return n;
      }
    }
  }

  Table& t = table();
  std::lock_guard<std::mutex> g(t.mu);
  auto range = t.map.equal_range(h);
  for (auto it = range.first; it != range.second; ++it) {
    NodeRef n = it->second.second.lock();
    if (!n || n->op != op || n->weak != weak || n->dtype != inf.dtype || !(n->attrs == attrs))
      continue;
    // Compare input ids: a materialized node keeps them though its inputs are gone.
    if (n->input_ids.size() != inputs.size()) continue;
    bool same = true;
    for (size_t i = 0; i < inputs.size() && same; ++i) same = n->input_ids[i] == inputs[i]->id;
    if (same) return n;
  }
  auto n = std::make_shared<Node>(op, std::move(attrs), std::move(inputs), inf, weak);
  n->device = device;
  n->hash = h;
  n->interned_ = true;
  t.map.emplace(h, std::make_pair(n.get(), std::weak_ptr<const Node>(n)));
  return n;
}

NodeRef make_node(const std::string& op, Attrs attrs, std::vector<NodeRef> inputs) {
  return make_node(op_id(op), std::move(attrs), std::move(inputs));
}

NodeRef make_input(Buffer b) {
  static const OpId kInput = op_id("input");
  Attrs a;
  a.shape = b.shape();
  a.dtype = b.dtype();
  a.device = b.device();
  auto n = std::make_shared<Node>(kInput, a, std::vector<NodeRef>{},
                                  Inferred{b.dtype(), b.dtype(), b.shape()}, false);
  n->hash = mix(0xC0FFEE, n->id);  // leaves are unique: never hash-consed
  n->device = a.device;
  n->set_value(std::move(b));
  return n;
}

NodeRef make_constant(const Scalar& v, DType dtype, bool weak) {
  Attrs a;
  a.scalar = v;
  a.dtype = dtype;
  return make_node(op_id("constant"), a, {}, weak);
}

NodeRef constant_as(const Scalar& v, DType t) { return make_constant(v, t, false); }

size_t interned_count() {
  Table& t = table();
  std::lock_guard<std::mutex> g(t.mu);
  return t.map.size();
}

}  // namespace npt
