// Random draws (graph/random.cpp): NumPy's bit generators (PCG64 behind
// default_rng, MT19937 behind the legacy functions, PCG64DXSM, SFC64,
// Philox), written here, driving
// NumPy's own distribution library (libnpyrandom, shipped with NumPy for C
// users), so that the same seed gives NumPy's numbers exactly.
//
// A draw is the opaque op "random": input 0 is the generator state as uint64
// words, further inputs the distribution's parameters (broadcast to the
// result); its result is one uint64 word array holding the new state and
// then the values' bytes, which the front end takes apart ("bitcast").
#pragma once
#include <cstdint>
#include <vector>

#include "core/dtype.h"
#include "core/shape.h"

namespace at { class Tensor; }

namespace npt {

// attrs.ints = {bit generator, method, method's own ints...}
enum class BitGen : int64_t { PCG64 = 0, MT19937 = 1, PCG64DXSM = 2, SFC64 = 3, Philox = 4 };
enum class RandomMethod : int64_t {
  Uniform = 0,      // [0, 1): float64 or float32
  Normal = 1,       // ziggurat standard normal: float64 or float32
  Exponential = 2,  // ints[2]: 0 ziggurat, 1 inversion
  Gauss = 3,        // the legacy polar method with its cached second value; inputs: loc, scale
  Bounded = 4,      // ints[2..4]: offset, range (closed), masked; integer dtypes and bool
  BoundedArray = 5, // inputs: offsets, ranges (int64 bits, broadcast); ints[2]: masked
  Permutation = 6,  // ints[2..4]: n, first, variant (0 random_interval, 1 bounded): int64 [lanes, n]
  Floyd = 7,        // ints[2..4]: population, count, shuffle: int64 [count], no repeats
  Continuous = 8,   // ints[2]: distribution id; inputs: up to 3 float64 parameters
  Discrete = 9,     // ints[2]: distribution id; inputs: float64 (int64 for hypergeometric)
  Raw = 10,         // the bit generator's raw outputs (32-bit ones for MT19937)
  Multinomial = 11, // inputs: n per row (int64 [rows]), pvals (float64 [rows, d]); int64 [rows, d]
  MultivariateHypergeometric = 12,  // ints[2..4]: marginals (1) or count (0), nsample, total; input: colors
  Legacy = 13,      // RandomState's frozen algorithms (MT19937): ints[2] continuous 0 / discrete 1, ints[3] id
};

// Words of state a bit generator carries.
int64_t random_state_words(int64_t bitgen);
// The result's length in words for values of `dtype` and `shape`.
int64_t random_result_words(int64_t bitgen, DType dtype, const Shape& shape);

// The eager implementation of "random" (node attrs as above).
at::Tensor random_draw(int64_t bitgen, const std::vector<int64_t>& ints, DType dtype, const Shape& shape,
                       const std::vector<at::Tensor>& inputs);

// PCG64's state advanced by `delta` steps (128-bit, as hi/lo words): the jump
// that lets chunks of one stream be drawn in parallel.
void pcg64_advance(uint64_t state[2], const uint64_t inc[2], uint64_t delta_hi, uint64_t delta_lo);

}  // namespace npt
