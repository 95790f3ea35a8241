// Transforms for Python: reverse-mode autodiff (grad/vjp) and traced plans
// (jit): parameters, tags, and a plan that replays without Python.
#include <pybind11/stl.h>

#include <atomic>
#include <unordered_map>
#include <unordered_set>

#include "core/error.h"
#include "graph/passes/passes.h"
#include "python/src/py_module.h"
#include "runtime/runtime.h"

namespace py = pybind11;

namespace npt {
namespace {

std::atomic<int64_t> g_unique{1};

std::vector<NodeRef> nodes(const std::vector<Handle*>& hs) {
  std::vector<NodeRef> r;
  for (auto* h : hs) r.push_back(h->node);
  return r;
}

std::vector<Handle> handles(const std::vector<NodeRef>& ns) {
  std::vector<Handle> r;
  for (auto& n : ns) r.emplace_back(n);
  return r;
}

}  // namespace

void define_transform(py::module_& m) {
  m.def("vjp", [](const std::vector<Handle*>& outs, const std::vector<Handle*>& seeds,
                  const std::vector<Handle*>& wrt) {
    std::vector<NodeRef> o = nodes(outs), s = nodes(seeds), w = nodes(wrt), grads;
    {
      py::gil_scoped_release nogil;
      GraphLock lock = lock_graph();  // autodiff walks the recorded graph
      grads = vjp(o, s, w);
    }
    return handles(grads);
  });
  m.def("tag", [](const Handle& h) {
    Attrs a;
    a.ints = {g_unique++};
    return Handle(make_node("tag", a, {h.node}));
  });
  m.def("param", [](const Shape& shape, const std::string& dtype, int device) {
    Attrs a;
    a.shape = shape;
    a.dtype = dtype_from_name(dtype);
    a.device = device;
    a.ints = {g_unique++};  // each parameter is its own node
    return Handle(make_node("param", a, {}));
  }, py::arg("shape"), py::arg("dtype"), py::arg("device") = -1);
  m.def("push_keep_history", &push_keep_history);
  m.def("pop_keep_history", &pop_keep_history);
  // The tape (python/npt/_tape.py): which targets an output's recorded graph
  // reaches, and a value cut from its history.
  m.def("reaches", [](const std::vector<Handle*>& outs, const std::vector<Handle*>& targets) {
    std::vector<bool> hit(targets.size(), false);
    {
      py::gil_scoped_release nogil;
      GraphLock lock = lock_graph();
      std::unordered_map<const Node*, std::vector<size_t>> want;
      for (size_t i = 0; i < targets.size(); ++i) want[targets[i]->node.get()].push_back(i);
      std::unordered_set<const Node*> seen;
      std::vector<const Node*> stack;
      for (auto* h : outs) stack.push_back(h->node.get());
      while (!stack.empty()) {
        const Node* n = stack.back();
        stack.pop_back();
        if (!seen.insert(n).second) continue;
        auto it = want.find(n);
        if (it != want.end())
          for (size_t i : it->second) hit[i] = true;
        for (auto& in : n->inputs()) stack.push_back(in.get());
      }
    }
    return hit;
  }, "For each target, whether the outputs' recorded graph reaches it.");
  m.def("detached", [](const Handle& h) {
    materialize(h);
    return Handle(make_input(h.node->value()));
  }, "A leaf of the handle's value (computed now, its buffer shared): no history.");

  py::class_<TracedPlan>(m, "TracedPlan")
      .def("run", [](const TracedPlan& t, const std::vector<Handle*>& args) {
        std::vector<Buffer> bufs;
        std::vector<NodeRef> pending;
        if (args.size() != t.params.size()) throw ValueError("npt.jit: wrong number of arguments");
        for (size_t i = 0; i < args.size(); ++i) {
          const Node &a = *args[i]->node, &p = *t.params[i];
          if (a.shape != p.shape || a.dtype != p.dtype || a.device != p.device)
            throw ValueError("npt.jit: argument " + std::to_string(i) + " is " + a.str() +
                             " but the plan was traced for " + p.str());
          if (!a.materialized()) pending.push_back(args[i]->node);
        }
        py::gil_scoped_release nogil;
        if (!pending.empty()) evaluate(pending);
        for (auto* h : args) bufs.push_back(h->node->value());
        std::vector<Buffer> outs = run_traced(t, bufs);
        std::vector<NodeRef> ns;
        // (an argument passed through is the caller's memory: where another
        // library shares it, the result is a copy, as every non-leaf value)
        for (auto& b : outs) ns.push_back(make_input(b.shared() ? b.clone() : b));
        py::gil_scoped_acquire gil;
        return handles(ns);
      })
      .def_property_readonly("graph", [](const TracedPlan& t) { return t.graph; })
      .def_property_readonly("canonical", [](const TracedPlan& t) { return t.canonical; })
      .def_property_readonly("num_kernels", [](const TracedPlan& t) {
        return t.plan.partition.num_kernels();
      });
  m.def("trace_plan", [](const std::vector<Handle*>& outs, const std::vector<Handle*>& params) {
    std::vector<NodeRef> o = nodes(outs), p = nodes(params);
    py::gil_scoped_release nogil;
    return trace_plan(o, p);
  });
}

}  // namespace npt
