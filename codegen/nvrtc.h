// NVRTC, loaded with dlopen at first use, so npt imports and runs where CUDA
// is absent. Compiles CUDA C to a CUBIN for a given SM architecture; needs no
// GPU (the compile-only tests run on every machine).
#pragma once
#include <string>

namespace npt {

struct NvrtcOutput {
  bool ok = false;
  std::string log;    // compiler log (errors on failure)
  std::string cubin;  // the binary on success
};

// Whether NVRTC could be loaded; `why` says what failed when it could not.
bool nvrtc_available(std::string* why = nullptr);
// NVRTC's version as major * 1000 + minor * 10 (0 when unavailable).
int nvrtc_version();
// Compiles `source` for sm_<arch> (e.g. 90). Never throws for a compile
// error: it is reported in the output's log.
NvrtcOutput nvrtc_compile(const std::string& source, const std::string& name, int arch);

// nvrtc_compile over the disk cache (disk_cache.h, area "cuda"), keyed by
// the source, the architecture, NVRTC's version and npt's build. `disk_hit`
// tells whether the binary came from the cache.
NvrtcOutput nvrtc_compile_cached(const std::string& source, const std::string& name, int arch,
                                 bool* disk_hit = nullptr);

}  // namespace npt
