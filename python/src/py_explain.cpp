// explain() and cache_info() for Python.
#include <pybind11/stl.h>

#include "codegen/cuda_driver.h"
#include "codegen/disk_cache.h"
#include "codegen/kernel_cache.h"
#include "codegen/nvrtc.h"
#include "python/src/py_module.h"
#include "runtime/runtime.h"

namespace py = pybind11;

namespace npt {

void define_explain(py::module_& m) {
  m.def("explain", [](const std::vector<Handle*>& hs, bool code) {
    std::vector<NodeRef> ns;
    for (auto* h : hs) ns.push_back(h->node);
    PlanReport r;
    {
      py::gil_scoped_release nogil;
      r = explain(ns, code);
    }
    py::list kernels;
    for (auto& k : r.kernels) {
      py::dict d;
      d["name"] = k.name;
      d["is_kernel"] = k.is_kernel;
      d["domain"] = k.domain;
      d["fused_ops"] = k.fused_ops;
      d["inputs"] = k.inputs;
      d["outputs"] = k.outputs;
      d["bytes_moved"] = k.bytes_moved;
      d["unfused_bytes"] = k.unfused_bytes;
      d["cache_hit"] = k.cache_hit;
      d["compile_ms"] = k.compile_ms;
      d["from_disk"] = k.from_disk;
      d["code"] = k.code;
      d["expr"] = k.expr;
      d["fallback"] = k.fallback;
      kernels.append(d);
    }
    py::dict out;
    out["graph"] = r.graph;
    out["canonical"] = r.canonical;
    out["kernels"] = kernels;
    py::list slots;
    for (auto& s : r.slots) slots.append(py::make_tuple(s.kind, s.desc, s.why));
    out["slots"] = slots;
    return out;
  }, py::arg("handles"), py::arg("code") = false);
  m.def("cuda_status", [] {
    std::string why;
    int n = cuda_device_count(&why);
    py::dict d;
    d["devices"] = n;
    d["reason"] = why;
    d["nvrtc"] = nvrtc_version();
    d["torch_streams"] = torch_streams_available();
    return d;
  });
  m.def("_test_fail_next_compile", &fail_next_compile_for_test, py::arg("symbol"),
        "Test hook: the next CPU kernel compile calls `symbol` and so fails to link.");
  m.def("_stop_background_compiler", [] {
    py::gil_scoped_release nogil;
    stop_background_compiler();
  }, "At exit: the background compiler stops after the compile in hand.");
  m.def("_test_disk_cache_store", [](const std::string& area, const std::string& key, const py::bytes& payload) {
    disk_cache_store(area, key, std::string(payload));
  }, py::arg("area"), py::arg("key"), py::arg("payload"),
        "Test hook: writes a well-formed disk cache entry (its payload need not be code).");
  m.def("_test_corrupt_next_kernel", &corrupt_next_kernel_for_test,
        "Test hook: the next kernel launch writes a wrong first element (for NPT_CHECK).");
  m.def("cache_info", [] {
    CacheStats s = cache_stats();
    py::dict d;
    d["compiles"] = s.compiles;
    d["hits"] = s.hits;
    d["compile_ms"] = s.compile_ms;
    d["disk_loads"] = s.disk_loads;
    d["disk_load_ms"] = s.disk_load_ms;
    d["tiered"] = tiered_execution();
    d["background_compiles"] = s.background_compiles;
    d["tiered_reference_runs"] = tiered_reference_runs();
    DiskCacheStats ds = disk_cache_stats();
    d["disk_stores"] = ds.stores;
    d["disk_rejected"] = ds.rejected;
    d["disk_write_failures"] = ds.write_failures;
    d["disk_cache"] = disk_cache_root();
    d["cpu"] = host_cpu();
    auto [plan_hits, plan_misses] = plan_cache_stats();
    d["plan_hits"] = plan_hits;
    d["plan_misses"] = plan_misses;
    d["reference_fallbacks"] = reference_fallbacks();
    auto [in_place, copied] = write_stats();
    d["writes_in_place"] = in_place;
    d["writes_copied"] = copied;
    auto [checked, skipped] = check_stats();
    d["check"] = check_enabled();
    d["checked_outputs"] = checked;
    d["check_skipped"] = skipped;
    return d;
  });
}

}  // namespace npt
