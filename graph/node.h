// Graph nodes: immutable and hash-consed. A node's identity is its op, attrs
// and input identities; structurally equal nodes are the same object (CSE for
// free). The one state change a node undergoes is materialization: it gets a
// value and lets go of its inputs, becoming a leaf.
#pragma once
#include <atomic>
#include <memory>
#include <vector>

#include "core/buffer.h"
#include "graph/op.h"

namespace npt {

class Node;
using NodeRef = std::shared_ptr<const Node>;

class Node {
 public:
  OpId op;
  Attrs attrs;
  DType dtype;
  DType compute;  // dtype inputs are cast to (elementwise); == dtype otherwise
  Shape shape;
  bool weak = false;  // a Python scalar (NEP 50 weak)
  uint64_t id;        // unique, never reused
  uint64_t hash;      // structural: op, attrs, input ids
  int depth;          // longest path to a leaf; bounded by materialization
  bool traced = false;  // depends on a "param" (a traced function's argument)
  int device = -1;      // -1 cpu, N cuda:N (constants are device-agnostic)
  std::vector<uint64_t> input_ids;  // identity of the inputs, kept after materialization

  const OpDef& def() const { return op_def(op); }
  bool is_constant() const;  // a scalar constant (device-agnostic, never a kernel output)
  bool is_param() const;     // a traced function's argument (bound at run time)
  const std::vector<NodeRef>& inputs() const { return inputs_; }
  // Thread-safe: a value is published once (release) and read after an
  // acquire of `ready_`, so other threads never see a half-written value.
  bool materialized() const { return ready_.load(std::memory_order_acquire); }
  const Buffer& value() const { return value_; }
  int64_t numel() const { return npt::numel(shape); }
  std::string str() const;  // "add f32[3, 4]"

  // Materialization: store the value, drop the inputs (and the node's entry
  // in the hash-cons table) so history is freed. Happens once per node, under
  // the runtime's graph lock (which graph walks also hold: they read inputs).
  void set_value(Buffer b) const;

  // Count of Python arrays that hold this node (live user values).
  mutable std::atomic<int> user_refs{0};

  Node(OpId op, Attrs attrs, std::vector<NodeRef> inputs, const Inferred& inf, bool weak);
  ~Node();

 private:
  mutable std::vector<NodeRef> inputs_;
  mutable Buffer value_;
  mutable std::atomic<bool> ready_{false};
  mutable bool interned_ = false;
  friend NodeRef make_node(OpId, Attrs, std::vector<NodeRef>, bool);
};

// The single constructor: infers dtype/shape (raising NumPy's errors) and
// hash-conses (except a node that reads shared memory: Buffer::shared). Inputs must be non-null.
NodeRef make_node(OpId op, Attrs attrs, std::vector<NodeRef> inputs, bool weak = false);
NodeRef make_node(const std::string& op, Attrs attrs, std::vector<NodeRef> inputs);

// Leaves.
NodeRef make_input(Buffer b);
NodeRef make_constant(const Scalar& v, DType dtype, bool weak);
// A constant of `v` converted to dtype t (a canonical, non-weak constant).
NodeRef constant_as(const Scalar& v, DType t);

// While tracing (grad, jit) is active, materialized nodes keep their inputs
// so that the recorded history can still be differentiated.
void push_keep_history();
void pop_keep_history();

// Size of the hash-cons table (for tests of boundedness).
size_t interned_count();

}  // namespace npt
