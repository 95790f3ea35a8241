// graph/: registry, hash-consing, passes and the verifier.
#include <gtest/gtest.h>

#include <random>
#include <unordered_map>

#include "core/error.h"
#include "graph/node_index.h"
#include "graph/passes/passes.h"

using namespace npt;

namespace {
NodeRef input(DType t, Shape s) { return make_input(Buffer::empty(t, s)); }
NodeRef op(const std::string& name, std::vector<NodeRef> in) { return make_node(name, {}, in); }
NodeRef weak_int(int64_t v) {
  Scalar s;
  s.kind = 1;
  s.negative = v < 0;
  s.mag = v < 0 ? -v : v;
  return make_constant(s, DType::Int64, true);
}
}  // namespace

TEST(Registry, TableIsComplete) {
  EXPECT_TRUE(check_registry({}).empty());
  for (int i = 0; i < num_ops(); ++i) {
    const OpDef& d = op_def(i);
    EXPECT_EQ(op_id(d.name), i);
  }
  EXPECT_THROW(op_id("no_such_op"), InternalError);
}

TEST(Registry, MissingVjpIsReported) {
  std::vector<OpDef> ops = registry_table();
  int with_rule = 0;
  for (auto& d : ops) with_rule += d.grad == Grad::Rule;
  EXPECT_GE(with_rule, 30);
  for (auto& d : ops)
    if (d.name == "tanh") d.vjp = nullptr;
  auto problems = check_registry(ops, {});
  ASSERT_EQ(problems.size(), 1u);
  EXPECT_NE(problems[0].find("tanh"), std::string::npos);
}

TEST(Registry, EveryOpSaysHowItDifferentiates) {
  // A primitive without a VJP must say why (piecewise constant, or no real
  // result): dropping the marker is an error, not a silent zero gradient.
  for (const char* name : {"floor", "floor_divide", "less", "isnan", "input"}) {
    std::vector<OpDef> ops = registry_table();
    for (auto& d : ops)
      if (d.name == name) {
        EXPECT_NE(d.grad, Grad::Rule) << name;
        d.grad = Grad::Unset;
      }
    auto problems = check_registry(ops, {});
    ASSERT_EQ(problems.size(), 1u) << name;
    EXPECT_NE(problems[0].find(name), std::string::npos);
    EXPECT_NE(problems[0].find("no gradient rule"), std::string::npos);
  }
  std::vector<OpDef> ops = registry_table();
  for (auto& d : ops)
    if (d.name == "floor") d.vjp = op_def(op_id("negative")).vjp;  // a VJP beside a marker
  ASSERT_EQ(check_registry(ops, {}).size(), 1u);
}

TEST(Registry, EveryEntryNamesItsKindAndGradient) {
  // (the front end reads these names; an enumerator without one would read
  // past a table, as npt.registry() once did for geqrf's Grad::Missing)
  for (const OpDef& d : registry_table()) {
    EXPECT_STRNE(kind_name(d.kind), "?") << d.name;
    EXPECT_STRNE(grad_name(d.grad), "?") << d.name;
  }
  EXPECT_STREQ(grad_name(Grad::Missing), "missing");
}

TEST(Registry, ScalarOpNamesComeFromTheList) {
  EXPECT_STREQ(scalar_op_name(ScalarOp::None), "none");
  EXPECT_STREQ(scalar_op_name(ScalarOp::FloorDiv), "floordiv");
  EXPECT_STREQ(scalar_op_name(ScalarOp::Select), "select");  // the last entry
}

TEST(Autodiff, GradientIsAnOrdinaryGraph) {
  auto x = input(DType::Float64, {3});
  auto y = op("sin", {x});
  Scalar one;
  one.re = 1;
  auto seed = make_node("broadcast_to", [] { Attrs a; a.shape = {3}; return a; }(),
                        {make_constant(one, DType::Float64, false)});
  auto g = vjp({y}, {seed}, {x});
  ASSERT_EQ(g.size(), 1u);
  EXPECT_EQ(g[0]->shape, (Shape{3}));
  EXPECT_EQ(g[0]->dtype, DType::Float64);
  Graph gg = canonicalize(Graph::from_outputs(g));
  EXPECT_TRUE(verify(gg, true).empty());
  bool has_cos = false;
  for (auto& n : gg.nodes) has_cos |= n->def().name == "cos";
  EXPECT_TRUE(has_cos);
  // integer inputs carry no cotangent: zeros
  auto i = input(DType::Int32, {3});
  auto gi = vjp({op("multiply", {i, x})}, {seed}, {i});
  EXPECT_EQ(gi[0]->def().name, "broadcast_to");
}

TEST(Nodes, HashConsing) {
  auto x = input(DType::Float32, {4});
  auto a = op("sin", {x});
  auto b = op("sin", {x});
  EXPECT_EQ(a.get(), b.get());
  EXPECT_NE(op("cos", {x}).get(), a.get());
  EXPECT_EQ(a->depth, 1);
}

TEST(Nodes, SharedMemoryIsNeverHashConsedNorHeldByComputedValues) {
  // memory another library shares can change under a materialized node: a
  // node reading it is built anew each time, and no value but a leaf holds it
  Buffer mem = Buffer::empty(DType::Float64, {3});
  mem.mark_shared();
  EXPECT_TRUE(mem.shared());
  EXPECT_FALSE(mem.unique());  // (never written in place, never donated)
  EXPECT_TRUE(Buffer::any_shared());
  auto x = make_input(mem);
  EXPECT_NE(op("sin", {x}).get(), op("sin", {x}).get());
  Buffer alias = Buffer::from_tensor(mem.tensor());  // (another Buffer of that memory: an ATen op's view)
  EXPECT_TRUE(alias.shared());
  auto y = op("negative", {x});
  y->set_value(alias);  // (a plan that passed the memory through)
  EXPECT_NE(y->value().data(), mem.data());
  EXPECT_FALSE(y->value().shared());
  Buffer c = mem.clone();
  EXPECT_FALSE(c.shared());
  EXPECT_NE(c.data(), mem.data());
}

TEST(Nodes, InferenceRaisesNumPyErrors) {
  auto x = input(DType::Float32, {3});
  auto y = input(DType::Float32, {4});
  EXPECT_THROW(op("add", {x, y}), ValueError);
  auto bx = input(DType::Bool, {3});
  EXPECT_THROW(op("negative", {bx}), TypeError);
  EXPECT_THROW(op("subtract", {bx, bx}), TypeError);
  auto i8 = input(DType::Int8, {3});
  EXPECT_THROW(op("add", {i8, weak_int(1000)}), OverflowError);
  EXPECT_EQ(op("add", {i8, weak_int(-128)})->dtype, DType::Int8);
  EXPECT_EQ(op("divide", {i8, i8})->dtype, DType::Float64);
  EXPECT_EQ(op("sin", {i8})->dtype, DType::Float16);
  EXPECT_EQ(op("less", {i8, x})->dtype, DType::Bool);
}

TEST(Passes, CanonicalizeMakesCastsAndBroadcastsExplicit) {
  auto x = input(DType::Int32, {2, 3});
  auto y = input(DType::Float32, {3});
  auto z = op("add", {x, y});
  EXPECT_EQ(z->dtype, DType::Float64);
  Graph g = Graph::from_outputs({z});
  EXPECT_FALSE(verify(g, true).empty());  // not canonical yet
  Graph c = canonicalize(g);
  EXPECT_TRUE(verify(c, true).empty());
  int casts = 0, bcasts = 0;
  for (auto& n : c.nodes) {
    casts += n->def().name == "cast";
    bcasts += n->def().name == "broadcast_to";
  }
  EXPECT_EQ(casts, 2);
  EXPECT_EQ(bcasts, 1);
  // passes keep the graph valid and idempotent
  Graph c2 = dce(cse(canonicalize(c)));
  EXPECT_TRUE(verify(c2, true).empty());
  EXPECT_EQ(c2.nodes.size(), c.nodes.size());
}

TEST(Passes, WeakScalarsBecomeTypedConstants) {
  auto x = input(DType::Float32, {5});
  auto z = op("multiply", {x, weak_int(2)});
  Graph c = canonicalize(Graph::from_outputs({z}));
  for (auto& n : c.nodes) {
    EXPECT_FALSE(n->weak);
    if (n->def().name == "constant") EXPECT_EQ(n->dtype, DType::Float32);
  }
}

TEST(Passes, CseMergesAndDceDrops) {
  auto x = input(DType::Float64, {3});
  auto a = op("exp", {x});
  auto b = op("exp", {x});
  Graph g = cse(Graph::from_outputs({op("add", {a, b})}));
  int exps = 0;
  for (auto& n : g.nodes) exps += n->def().name == "exp";
  EXPECT_EQ(exps, 1);
  Graph d = dce(g);
  EXPECT_EQ(d.nodes.size(), g.nodes.size());
}

// NodeIndex against std::unordered_map over addresses spaced as nodes are
// (and clustered, which a poor hash would pile into one run), through growth.
TEST(NodeIndex, AgreesWithAnUnorderedMap) {
  std::mt19937_64 rng(7);
  for (size_t expected : {0, 5, 100}) {
    NodeIndex index(expected);
    std::unordered_map<const Node*, int64_t> want;
    for (int64_t i = 0; i < 5000; ++i) {
      uintptr_t a = (i % 3 == 0) ? 0x10000 + 256 * static_cast<uintptr_t>(i) : (rng() & 0xFFFFFFFFF0);
      const Node* n = reinterpret_cast<const Node*>(a | 0x10);
      bool fresh = want.emplace(n, i).second;
      EXPECT_EQ(index.insert(n, i), fresh);
      EXPECT_EQ(index.find(n), want.at(n));
    }
    EXPECT_EQ(index.size(), want.size());
    for (auto& [n, v] : want) EXPECT_EQ(index.find(n), v);
    EXPECT_EQ(index.find(reinterpret_cast<const Node*>(uintptr_t{8})), -1);
    EXPECT_FALSE(index.contains(reinterpret_cast<const Node*>(uintptr_t{8})));
  }
}
