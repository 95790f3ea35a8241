// The one hash combiner behind npt's structural hashes (node identity,
// kernel cache keys): stable across processes, never pointer-based.
#pragma once
#include <cstdint>

namespace npt {

inline uint64_t hash_mix(uint64_t h, uint64_t v) {
  v *= 0x9E3779B97F4A7C15ULL;
  v ^= v >> 29;
  return (h ^ v) * 0xBF58476D1CE4E5B9ULL + 0x94D049BB133111EBULL;
}

}  // namespace npt
