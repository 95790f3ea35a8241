// NumPy's bit generators and the "random" op (see graph/random.h).
//
// PCG64 is the 128-bit LCG with the XSL-RR output NumPy uses (a 64-bit draw
// steps the state, then folds it; a 32-bit draw takes the low half and keeps
// the high half for the next); it jumps ahead in O(log n) steps (the LCG's
// affine map squared), so a long uniform fill is split over the thread pool
// and is still the one sequential stream. MT19937 is Matsumoto and
// Nishimura's generator as NumPy drives it (64 bits from two 32-bit draws, a
// double from 27 + 26 of them). The distributions are NumPy's C library,
// called through its bitgen_t interface, so they consume the stream exactly
// as NumPy does (the ziggurat's rejections included).
#include "graph/random.h"

#include <ATen/ATen.h>

#include <cmath>
#include <cstring>

#include "core/aten_dtype.h"
#include "core/buffer.h"
#include "core/error.h"
#include "core/thread_pool.h"

extern "C" {
// NumPy's bitgen_t (numpy/random/bitgen.h) and the parts of libnpyrandom used
// here (numpy/random/distributions.h), with npy_intp as int64_t and npy_bool
// as uint8_t (x86-64).
struct bitgen_t {
  void* state;
  uint64_t (*next_uint64)(void*);
  uint32_t (*next_uint32)(void*);
  double (*next_double)(void*);
  uint64_t (*next_raw)(void*);
};
struct binomial_t {
  int has_binomial;
  double psave;
  int64_t nsave;
  double r, q, fm;
  int64_t m;
  double p1, xm, xl, xr, c, laml, lamr, p2, p3, p4;
};
void random_standard_uniform_fill(bitgen_t*, int64_t, double*);
void random_standard_uniform_fill_f(bitgen_t*, int64_t, float*);
void random_standard_normal_fill(bitgen_t*, int64_t, double*);
void random_standard_normal_fill_f(bitgen_t*, int64_t, float*);
void random_standard_exponential_fill(bitgen_t*, int64_t, double*);
void random_standard_exponential_fill_f(bitgen_t*, int64_t, float*);
void random_standard_exponential_inv_fill(bitgen_t*, int64_t, double*);
void random_standard_exponential_inv_fill_f(bitgen_t*, int64_t, float*);
void random_bounded_uint64_fill(bitgen_t*, uint64_t off, uint64_t rng, int64_t cnt, bool masked, uint64_t* out);
void random_bounded_uint32_fill(bitgen_t*, uint32_t off, uint32_t rng, int64_t cnt, bool masked, uint32_t* out);
void random_bounded_uint16_fill(bitgen_t*, uint16_t off, uint16_t rng, int64_t cnt, bool masked, uint16_t* out);
void random_bounded_uint8_fill(bitgen_t*, uint8_t off, uint8_t rng, int64_t cnt, bool masked, uint8_t* out);
void random_bounded_bool_fill(bitgen_t*, uint8_t off, uint8_t rng, int64_t cnt, bool masked, uint8_t* out);
uint64_t random_bounded_uint64(bitgen_t*, uint64_t off, uint64_t rng, uint64_t mask, bool masked);
uint32_t random_buffered_bounded_uint32(bitgen_t*, uint32_t off, uint32_t rng, uint32_t mask, bool masked, int* bcnt,
                                        uint32_t* buf);
uint16_t random_buffered_bounded_uint16(bitgen_t*, uint16_t off, uint16_t rng, uint16_t mask, bool masked, int* bcnt,
                                        uint32_t* buf);
uint8_t random_buffered_bounded_uint8(bitgen_t*, uint8_t off, uint8_t rng, uint8_t mask, bool masked, int* bcnt,
                                      uint32_t* buf);
uint8_t random_buffered_bounded_bool(bitgen_t*, uint8_t off, uint8_t rng, uint8_t mask, bool masked, int* bcnt,
                                     uint32_t* buf);
uint64_t random_interval(bitgen_t*, uint64_t max);
double random_beta(bitgen_t*, double, double);
double random_exponential(bitgen_t*, double);
double random_uniform(bitgen_t*, double, double);
double random_normal(bitgen_t*, double, double);
double random_standard_gamma(bitgen_t*, double);
double random_gamma(bitgen_t*, double, double);
double random_f(bitgen_t*, double, double);
double random_noncentral_f(bitgen_t*, double, double, double);
double random_chisquare(bitgen_t*, double);
double random_noncentral_chisquare(bitgen_t*, double, double);
double random_standard_cauchy(bitgen_t*);
double random_standard_t(bitgen_t*, double);
double random_vonmises(bitgen_t*, double, double);
double random_pareto(bitgen_t*, double);
double random_weibull(bitgen_t*, double);
double random_power(bitgen_t*, double);
double random_laplace(bitgen_t*, double, double);
double random_gumbel(bitgen_t*, double, double);
double random_logistic(bitgen_t*, double, double);
double random_lognormal(bitgen_t*, double, double);
double random_rayleigh(bitgen_t*, double);
double random_wald(bitgen_t*, double, double);
double random_triangular(bitgen_t*, double, double, double);
int64_t random_negative_binomial(bitgen_t*, double, double);
int64_t random_poisson(bitgen_t*, double);
int64_t random_zipf(bitgen_t*, double);
int64_t random_geometric(bitgen_t*, double);
int64_t random_logseries(bitgen_t*, double);
int64_t random_binomial(bitgen_t*, double p, int64_t n, binomial_t*);
int64_t random_hypergeometric(bitgen_t*, int64_t good, int64_t bad, int64_t sample);
void random_multinomial(bitgen_t*, int64_t n, int64_t* mnix, double* pix, int64_t d, binomial_t*);
double random_loggam(double x);
int random_multivariate_hypergeometric_count(bitgen_t*, int64_t total, size_t num_colors, int64_t* colors,
                                             int64_t nsample, size_t num_variates, int64_t* variates);
void random_multivariate_hypergeometric_marginals(bitgen_t*, int64_t total, size_t num_colors, int64_t* colors,
                                                  int64_t nsample, size_t num_variates, int64_t* variates);
}

namespace npt {

namespace {

using u128 = unsigned __int128;
constexpr u128 kPcgMult = (u128(2549297995355413924ULL) << 64) | 4865540595714422341ULL;

template <class G>
uint32_t buffered32(G& g);

// ---- PCG64 ----------------------------------------------------------------
// words: state hi, state lo, inc hi, inc lo, has_uint32, uinteger
struct Pcg64 {
  u128 state, inc;
  int has_uint32;
  uint32_t uinteger;

  uint64_t next64() {
    state = state * kPcgMult + inc;
    const uint64_t folded = uint64_t(state >> 64) ^ uint64_t(state);
    const unsigned rot = unsigned(state >> 122);
    return (folded >> rot) | (folded << ((64 - rot) & 63));
  }
  uint32_t next32() { return buffered32(*this); }
  // The LCG's affine map x -> m x + c applied `delta` times, by squaring.
  void advance(u128 delta) {
    u128 acc_m = 1, acc_c = 0, m = kPcgMult, c = inc;
    while (delta) {
      if (delta & 1) {
        acc_m *= m;
        acc_c = acc_c * m + c;
      }
      c = (m + 1) * c;
      m *= m;
      delta >>= 1;
    }
    state = acc_m * state + acc_c;
  }
  void load(const uint64_t* w) {
    state = (u128(w[0]) << 64) | w[1];
    inc = (u128(w[2]) << 64) | w[3];
    has_uint32 = int(w[4]);
    uinteger = uint32_t(w[5]);
  }
  void store(uint64_t* w) const {
    w[0] = uint64_t(state >> 64), w[1] = uint64_t(state), w[2] = uint64_t(inc >> 64), w[3] = uint64_t(inc);
    w[4] = uint64_t(has_uint32), w[5] = uinteger;
  }
  static constexpr int64_t kWords = 6;
};

// The 32-bit draw of the 64-bit generators: the low half of a 64-bit draw,
// the high half kept for the next (NumPy's buffering).
template <class G>
uint32_t buffered32(G& g) {
  if (g.has_uint32) {
    g.has_uint32 = 0;
    return g.uinteger;
  }
  const uint64_t v = g.next64();
  g.has_uint32 = 1;
  g.uinteger = uint32_t(v >> 32);
  return uint32_t(v);
}

// ---- PCG64DXSM --------------------------------------------------------------
// PCG64's state and words, a 64-bit ("cheap") multiplier, and the DXSM
// output taken from the state before the step.
struct Pcg64Dxsm {
  static constexpr uint64_t kCheapMult = 0xda942042e4dd58b5ULL;
  u128 state, inc;
  int has_uint32;
  uint32_t uinteger;

  uint64_t next64() {
    uint64_t hi = uint64_t(state >> 64);
    const uint64_t lo = uint64_t(state) | 1;
    hi ^= hi >> 32;
    hi *= kCheapMult;
    hi ^= hi >> 48;
    hi *= lo;
    state = state * kCheapMult + inc;
    return hi;
  }
  uint32_t next32() { return buffered32(*this); }
  void load(const uint64_t* w) {
    state = (u128(w[0]) << 64) | w[1];
    inc = (u128(w[2]) << 64) | w[3];
    has_uint32 = int(w[4]);
    uinteger = uint32_t(w[5]);
  }
  void store(uint64_t* w) const {
    w[0] = uint64_t(state >> 64), w[1] = uint64_t(state), w[2] = uint64_t(inc >> 64), w[3] = uint64_t(inc);
    w[4] = uint64_t(has_uint32), w[5] = uinteger;
  }
  static constexpr int64_t kWords = 6;
};

// ---- SFC64 ------------------------------------------------------------------
// Chris Doty-Humphrey's small fast chaotic generator; words: a, b, c, the
// counter, has_uint32, uinteger
struct Sfc64 {
  uint64_t s[4];
  int has_uint32;
  uint32_t uinteger;

  uint64_t next64() {
    const uint64_t out = s[0] + s[1] + s[3]++;
    s[0] = s[1] ^ (s[1] >> 11);
    s[1] = s[2] + (s[2] << 3);
    s[2] = ((s[2] << 24) | (s[2] >> 40)) + out;
    return out;
  }
  uint32_t next32() { return buffered32(*this); }
  void load(const uint64_t* w) {
    std::memcpy(s, w, sizeof s);
    has_uint32 = int(w[4]);
    uinteger = uint32_t(w[5]);
  }
  void store(uint64_t* w) const {
    std::memcpy(w, s, sizeof s);
    w[4] = uint64_t(has_uint32), w[5] = uinteger;
  }
  static constexpr int64_t kWords = 6;
};

// ---- Philox4x64-10 ----------------------------------------------------------
// Salmon et al.'s counter-based generator: the counter, bumped before each
// block, enciphered under the key in ten rounds gives four outputs, handed
// out in turn. Words: counter (4), key (2), the block (4), its position,
// has_uint32, uinteger.
struct Philox {
  uint64_t ctr[4], key[2], buf[4];
  int64_t pos;
  int has_uint32;
  uint32_t uinteger;

  static void round(uint64_t c[4], const uint64_t k[2]) {
    const u128 p0 = u128(0xD2E7470EE14C6C93ULL) * c[0], p1 = u128(0xCA5A826395121157ULL) * c[2];
    const uint64_t hi0 = uint64_t(p0 >> 64), lo0 = uint64_t(p0), hi1 = uint64_t(p1 >> 64), lo1 = uint64_t(p1);
    const uint64_t n0 = hi1 ^ c[1] ^ k[0], n2 = hi0 ^ c[3] ^ k[1];
    c[0] = n0, c[1] = lo1, c[2] = n2, c[3] = lo0;
  }
  uint64_t next64() {
    if (pos < 4) return buf[pos++];
    for (int i = 0; i < 4 && ++ctr[i] == 0; ++i) {
    }
    uint64_t c[4] = {ctr[0], ctr[1], ctr[2], ctr[3]}, k[2] = {key[0], key[1]};
    for (int r = 0; r < 10; ++r) {
      if (r) k[0] += 0x9E3779B97F4A7C15ULL, k[1] += 0xBB67AE8584CAA73BULL;
      round(c, k);
    }
    std::memcpy(buf, c, sizeof buf);
    pos = 1;
    return buf[0];
  }
  uint32_t next32() { return buffered32(*this); }
  void load(const uint64_t* w) {
    std::memcpy(ctr, w, sizeof ctr);
    std::memcpy(key, w + 4, sizeof key);
    std::memcpy(buf, w + 6, sizeof buf);
    pos = int64_t(w[10]);
    has_uint32 = int(w[11]);
    uinteger = uint32_t(w[12]);
  }
  void store(uint64_t* w) const {
    std::memcpy(w, ctr, sizeof ctr);
    std::memcpy(w + 4, key, sizeof key);
    std::memcpy(w + 6, buf, sizeof buf);
    w[10] = uint64_t(pos), w[11] = uint64_t(has_uint32), w[12] = uinteger;
  }
  static constexpr int64_t kWords = 13;
};

// ---- MT19937 --------------------------------------------------------------
// words: the 624 32-bit keys two to a word (low half first), pos, the legacy
// cache (has_gauss, gauss's bits)
struct Mt19937 {
  static constexpr int N = 624, M = 397;
  uint32_t key[N];
  int pos;
  int has_gauss;
  double gauss;

  void regenerate() {
    auto twist = [&](int i, int j, int k) {
      const uint32_t y = (key[i] & 0x80000000u) | (key[j] & 0x7fffffffu);
      key[i] = key[k] ^ (y >> 1) ^ (-(y & 1u) & 0x9908b0dfu);
    };
    int i = 0;
    for (; i < N - M; ++i) twist(i, i + 1, i + M);
    for (; i < N - 1; ++i) twist(i, i + 1, i + M - N);
    twist(N - 1, 0, M - 1);
    pos = 0;
  }
  uint32_t next32() {
    if (pos >= N) regenerate();
    uint32_t y = key[pos++];
    y ^= y >> 11;
    y ^= (y << 7) & 0x9d2c5680u;
    y ^= (y << 15) & 0xefc60000u;
    return y ^ (y >> 18);
  }
  uint64_t next64() {
    const uint64_t hi = next32();
    return (hi << 32) | next32();
  }
  double next_double() {
    const int32_t a = int32_t(next32() >> 5), b = int32_t(next32() >> 6);
    return (a * 67108864.0 + b) / 9007199254740992.0;
  }
  void load(const uint64_t* w) {
    for (int i = 0; i < N / 2; ++i) key[2 * i] = uint32_t(w[i]), key[2 * i + 1] = uint32_t(w[i] >> 32);
    pos = int(w[N / 2]);
    has_gauss = int(w[N / 2 + 1]);
    std::memcpy(&gauss, &w[N / 2 + 2], sizeof(double));
  }
  void store(uint64_t* w) const {
    for (int i = 0; i < N / 2; ++i) w[i] = uint64_t(key[2 * i]) | (uint64_t(key[2 * i + 1]) << 32);
    w[N / 2] = uint64_t(pos);
    w[N / 2 + 1] = uint64_t(has_gauss);
    std::memcpy(&w[N / 2 + 2], &gauss, sizeof(double));
  }
  static constexpr int64_t kWords = N / 2 + 3;
};

template <class G>
bitgen_t bitgen_of(G& g) {
  bitgen_t b;
  b.state = &g;
  b.next_uint64 = [](void* s) { return static_cast<G*>(s)->next64(); };
  b.next_uint32 = [](void* s) { return static_cast<G*>(s)->next32(); };
  if constexpr (std::is_same_v<G, Mt19937>) {
    b.next_double = [](void* s) { return static_cast<G*>(s)->next_double(); };
    b.next_raw = [](void* s) { return uint64_t(static_cast<G*>(s)->next32()); };  // (MT19937's raw output is 32-bit)
  } else {
    b.next_double = [](void* s) { return double(static_cast<G*>(s)->next64() >> 11) * (1.0 / 9007199254740992.0); };
    b.next_raw = b.next_uint64;
  }
  return b;
}

// The legacy polar method (RandomState.standard_normal): two uniforms in the
// unit disc give two normals; the second is kept for the next call.
double legacy_gauss(Mt19937& g) {
  if (g.has_gauss) {
    g.has_gauss = 0;
    const double v = g.gauss;
    g.gauss = 0.0;
    return v;
  }
  double x1, x2, r2;
  do {
    x1 = 2.0 * g.next_double() - 1.0;
    x2 = 2.0 * g.next_double() - 1.0;
    r2 = x1 * x1 + x2 * x2;
  } while (r2 >= 1.0 || r2 == 0.0);
  const double f = std::sqrt(-2.0 * std::log(r2) / r2);
  g.gauss = f * x1;
  g.has_gauss = 1;
  return f * x2;
}

// ---- RandomState's frozen algorithms -------------------------------------------
// NumPy keeps the pre-1.17 algorithms behind the legacy functions (its
// legacy-distributions.c, not shipped in libnpyrandom): exponentials by
// inversion, Marsaglia and Tsang's gamma on the polar normals, Johnk's beta.
// Written here from their published definitions, checked draw for draw
// against NumPy (tests/python/test_random.py).
struct Legacy {
  Mt19937& g;
  bitgen_t* b;

  double uniform() { return g.next_double(); }
  double gauss() { return legacy_gauss(g); }
  double std_exp() { return -std::log(1.0 - uniform()); }
  double std_gamma(double shape) {
    if (shape == 1.0) return std_exp();
    if (shape == 0.0) return 0.0;
    if (shape < 1.0) {
      for (;;) {
        const double u = uniform(), v = std_exp();
        if (u <= 1.0 - shape) {
          const double x = std::pow(u, 1.0 / shape);
          if (x <= v) return x;
        } else {
          const double y = -std::log((1 - u) / shape), x = std::pow(1.0 - shape + shape * y, 1.0 / shape);
          if (x <= v + y) return x;
        }
      }
    }
    const double bb = shape - 1.0 / 3.0, c = 1.0 / std::sqrt(9 * bb);
    for (;;) {
      double x, v;
      do {
        x = gauss();
        v = 1.0 + c * x;
      } while (v <= 0.0);
      v = v * v * v;
      const double u = uniform();
      if (u < 1.0 - 0.0331 * (x * x) * (x * x)) return bb * v;
      if (std::log(u) < 0.5 * x * x + bb * (1.0 - v + std::log(v))) return bb * v;
    }
  }
  double chisquare(double df) { return 2.0 * std_gamma(df / 2.0); }
  double beta(double a, double bp) {
    if (a <= 1.0 && bp <= 1.0) {  // Johnk
      for (;;) {
        const double u = uniform(), v = uniform(), x = std::pow(u, 1.0 / a), y = std::pow(v, 1.0 / bp);
        if (x + y <= 1.0) {
          if (x + y > 0) return x / (x + y);
          double lx = std::log(u) / a, ly = std::log(v) / bp;
          const double lm = lx > ly ? lx : ly;
          lx -= lm;
          ly -= lm;
          return std::exp(lx - std::log(std::exp(lx) + std::exp(ly)));
        }
      }
    }
    const double ga = std_gamma(a), gb = std_gamma(bp);
    return ga / (ga + gb);
  }
  double noncentral_chisquare(double df, double nonc) {
    if (nonc == 0) return chisquare(df);
    if (1 < df) {
      const double chi2 = chisquare(df - 1), n = gauss() + std::sqrt(nonc);
      return chi2 + n * n;
    }
    const int64_t i = random_poisson(b, nonc / 2.0);
    const double out = chisquare(df + 2 * double(i));
    return std::isnan(nonc) ? std::nan("") : out;
  }
  double wald(double mean, double scale) {
    const double mu_2l = mean / (2 * scale);
    double y = gauss();
    y = mean * y * y;
    const double x = mean + mu_2l * (y - std::sqrt(4 * scale * y + y * y));
    return uniform() <= mean / (mean + x) ? x : mean * mean / x;
  }

  double continuous(int64_t id, const double* x) {
    switch (id) {
      case 0: return std_exp();
      case 1: return x[0] * std_exp();
      case 2: return std_gamma(x[0]);
      case 3: return x[1] * std_gamma(x[0]);
      case 4: return beta(x[0], x[1]);
      case 5: return chisquare(x[0]);
      case 6: return (chisquare(x[0]) * x[1]) / (chisquare(x[1]) * x[0]);
      case 7: return noncentral_chisquare(x[0], x[1]);
      case 8: {
        const double t = noncentral_chisquare(x[0], x[2]) * x[1];
        return t / (chisquare(x[1]) * x[0]);
      }
      case 9: {
        const double num = gauss(), denom = std_gamma(x[0] / 2);
        return std::sqrt(x[0] / 2) * num / std::sqrt(denom);
      }
      case 10: return std::exp(x[0] + x[1] * gauss());
      case 11: return std::exp(std_exp() / x[0]) - 1;
      case 12: return x[0] == 0.0 ? 0.0 : std::pow(std_exp(), 1.0 / x[0]);
      case 13: return std::pow(1 - std::exp(-std_exp()), 1.0 / x[0]);
      case 14: return x[0] * std::sqrt(-2.0 * std::log1p(-uniform()));
      case 15: return wald(x[0], x[1]);
      case 16: {
        const double n = gauss();
        return n / gauss();
      }
    }
    throw InternalError("random: unknown legacy distribution " + std::to_string(id));
  }
  // hypergeometric: Kachitvichyanukul and Schmeiser's HYP (inversion) for
  // small samples, their ratio-of-uniforms HRUA (with Frohne's corrections)
  // for the rest
  int64_t hyp(int64_t good, int64_t bad, int64_t sample) {
    const int64_t d1 = bad + good - sample;
    const double d2 = double(std::min(bad, good));
    double y = d2;
    int64_t k = sample;
    while (y > 0.0) {
      const double u = uniform();
      y -= double(int64_t(std::floor(u + y / double(d1 + k))));
      if (--k == 0) break;
    }
    const int64_t z = int64_t(d2 - y);
    return good > bad ? sample - z : z;
  }
  int64_t hrua(int64_t good, int64_t bad, int64_t sample) {
    constexpr double kD1 = 1.7155277699214135, kD2 = 0.8989161620588988;  // 2 sqrt(2/e), 3 - 2 sqrt(3/e)
    const int64_t mingb = std::min(good, bad), maxgb = std::max(good, bad), pop = good + bad;
    const int64_t m = std::min(sample, pop - sample);
    const double d4 = double(mingb) / double(pop), d5 = 1.0 - d4, d6 = double(m) * d4 + 0.5;
    const double d7 = std::sqrt(double(pop - m) * double(sample) * d4 * d5 / double(pop - 1) + 0.5);
    const double d8 = kD1 * d7 + kD2;
    const int64_t d9 = int64_t(std::floor(double(m + 1) * double(mingb + 1) / double(pop + 2)));
    auto lg = [&](int64_t z) {
      return random_loggam(double(z + 1)) + random_loggam(double(mingb - z + 1)) + random_loggam(double(m - z + 1)) +
             random_loggam(double(maxgb - m + z + 1));
    };
    const double d10 = lg(d9), d11 = std::min(double(std::min(m, mingb)) + 1.0, std::floor(d6 + 16 * d7));
    int64_t z;
    for (;;) {
      const double xx = uniform(), yy = uniform(), w = d6 + d8 * (yy - 0.5) / xx;
      if (w < 0.0 || w >= d11) continue;
      z = int64_t(std::floor(w));
      const double t = d10 - lg(z);
      if (xx * (4.0 - xx) - 3.0 <= t) break;
      if (xx * (xx - t) >= 1) continue;
      if (2.0 * std::log(xx) <= t) break;
    }
    if (good > bad) z = m - z;
    if (m < sample) z = good - z;
    return z;
  }

  int64_t discrete(int64_t id, const double* x) {
    switch (id) {
      case 2: {
        const int64_t good = int64_t(x[0]), bad = int64_t(x[1]), sample = int64_t(x[2]);
        return sample > 10 ? hrua(good, bad, sample) : sample > 0 ? hyp(good, bad, sample) : 0;
      }
      case 0: return random_poisson(b, ((1 - x[1]) / x[1]) * std_gamma(x[0]));  // negative_binomial(n, p)
      case 1: {  // geometric(p): a search for large p, else inversion
        const double p = x[0];
        if (p >= 0.333333333333333333333333) {
          int64_t k = 1;
          double sum = p, prod = p;
          const double q = 1.0 - p, u = uniform();
          while (u > sum) {
            prod *= q;
            sum += prod;
            ++k;
          }
          return k;
        }
        return int64_t(std::ceil(std::log(1.0 - uniform()) / std::log(1.0 - p)));
      }
    }
    throw InternalError("random: unknown legacy distribution " + std::to_string(id));
  }
};

// The parameters of a per-element distribution, broadcast to the result
// (C order, as NumPy's broadcast iteration).
struct Params {
  std::vector<at::Tensor> cols;
  std::vector<bool> scalar;  // a single value, read for every element
  explicit Params(const std::vector<at::Tensor>& inputs, const Shape& shape, at::ScalarType t) {
    for (size_t i = 1; i < inputs.size(); ++i) {
      const bool one = inputs[i].numel() == 1;
      at::Tensor c = inputs[i].to(at::kCPU).to(t);
      cols.push_back(one ? c.reshape({1}).contiguous() : c.expand(c10::IntArrayRef(shape)).contiguous());
      scalar.push_back(one);
    }
  }
  template <class V>
  V at(size_t k, int64_t i) const { return cols[k].data_ptr<V>()[scalar[k] ? 0 : i]; }
};

uint64_t gen_mask(uint64_t v) {  // the smallest 2^k - 1 >= v
  for (int s = 1; s < 64; s <<= 1) v |= v >> s;
  return v;
}

template <class U, class Fill>
void bounded(bitgen_t* b, const std::vector<int64_t>& ints, int64_t n, void* out, Fill fill) {
  fill(b, U(uint64_t(ints[2])), U(uint64_t(ints[3])), n, ints[4] != 0, static_cast<U*>(out));
}

template <class U, class One>
void bounded_array(bitgen_t* b, const Params& p, bool masked, int64_t n, void* out, One one) {
  U* o = static_cast<U*>(out);
  int bcnt = 0;
  uint32_t buf = 0;
  for (int64_t i = 0; i < n; ++i) {
    const U off = U(p.at<int64_t>(0, i)), rng = U(p.at<int64_t>(1, i));
    o[i] = one(b, off, rng, U(gen_mask(rng)), masked, &bcnt, &buf);
  }
}

double continuous(bitgen_t* b, int64_t id, const double* x) {
  switch (id) {
    case 0: return random_beta(b, x[0], x[1]);
    case 1: return random_exponential(b, x[0]);
    case 2: return random_uniform(b, x[0], x[1]);
    case 3: return random_normal(b, x[0], x[1]);
    case 4: return random_standard_gamma(b, x[0]);
    case 5: return random_gamma(b, x[0], x[1]);
    case 6: return random_f(b, x[0], x[1]);
    case 7: return random_noncentral_f(b, x[0], x[1], x[2]);
    case 8: return random_chisquare(b, x[0]);
    case 9: return random_noncentral_chisquare(b, x[0], x[1]);
    case 10: return random_standard_cauchy(b);
    case 11: return random_standard_t(b, x[0]);
    case 12: return random_vonmises(b, x[0], x[1]);
    case 13: return random_pareto(b, x[0]);
    case 14: return random_weibull(b, x[0]);
    case 15: return random_power(b, x[0]);
    case 16: return random_laplace(b, x[0], x[1]);
    case 17: return random_gumbel(b, x[0], x[1]);
    case 18: return random_logistic(b, x[0], x[1]);
    case 19: return random_lognormal(b, x[0], x[1]);
    case 20: return random_rayleigh(b, x[0]);
    case 21: return random_wald(b, x[0], x[1]);
    case 22: return random_triangular(b, x[0], x[1], x[2]);
  }
  throw InternalError("random: unknown continuous distribution " + std::to_string(id));
}

int64_t discrete(bitgen_t* b, int64_t id, const double* x, binomial_t* bin) {
  switch (id) {
    case 0: return random_negative_binomial(b, x[0], x[1]);
    case 1: return random_poisson(b, x[0]);
    case 2: return random_zipf(b, x[0]);
    case 3: return random_geometric(b, x[0]);
    case 4: return random_logseries(b, x[0]);
    case 5: return random_binomial(b, x[1], int64_t(x[0]), bin);
    case 6: return random_hypergeometric(b, int64_t(x[0]), int64_t(x[1]), int64_t(x[2]));
  }
  throw InternalError("random: unknown discrete distribution " + std::to_string(id));
}

template <class G>
void draw(G& g, const std::vector<int64_t>& ints, DType dtype, const Shape& shape, const std::vector<at::Tensor>& in,
          void* out) {
  bitgen_t b = bitgen_of(g);
  const int64_t n = numel(shape);
  const bool f32 = dtype == DType::Float32;
  switch (static_cast<RandomMethod>(ints[1])) {
    case RandomMethod::Uniform:
      if (f32) return random_standard_uniform_fill_f(&b, n, static_cast<float*>(out));
      if constexpr (std::is_same_v<G, Pcg64>) {
        // one stream in chunks: chunk k starts k * chunk draws ahead
        const int tasks = n < (1 << 20) ? 1 : num_threads();
        const int64_t chunk = (n + tasks - 1) / tasks;
        const G start = g;
        parallel_for(tasks, [&](int k, int) {
          G part = start;
          part.advance(u128(chunk) * k);
          bitgen_t pb = bitgen_of(part);
          const int64_t lo = chunk * k, hi = std::min(n, lo + chunk);
          if (lo < hi) random_standard_uniform_fill(&pb, hi - lo, static_cast<double*>(out) + lo);
        });
        g.advance(u128(n));
        return;
      }
      return random_standard_uniform_fill(&b, n, static_cast<double*>(out));
    case RandomMethod::Normal:
      return f32 ? random_standard_normal_fill_f(&b, n, static_cast<float*>(out))
                 : random_standard_normal_fill(&b, n, static_cast<double*>(out));
    case RandomMethod::Exponential:
      if (ints[2]) return f32 ? random_standard_exponential_inv_fill_f(&b, n, static_cast<float*>(out))
                              : random_standard_exponential_inv_fill(&b, n, static_cast<double*>(out));
      return f32 ? random_standard_exponential_fill_f(&b, n, static_cast<float*>(out))
                 : random_standard_exponential_fill(&b, n, static_cast<double*>(out));
    case RandomMethod::Gauss: {
      if constexpr (std::is_same_v<G, Mt19937>) {
        const Params p(in, shape, at::kDouble);
        double* o = static_cast<double*>(out);
        for (int64_t i = 0; i < n; ++i) {
          const double z = legacy_gauss(g);
          o[i] = p.cols.empty() ? z : p.at<double>(0, i) + p.at<double>(1, i) * z;
        }
        return;
      }
      throw InternalError("random: the legacy normal needs MT19937");
    }
    case RandomMethod::Bounded:
      switch (dtype_itemsize(dtype)) {
        case 8: return bounded<uint64_t>(&b, ints, n, out, random_bounded_uint64_fill);
        case 4: return bounded<uint32_t>(&b, ints, n, out, random_bounded_uint32_fill);
        case 2: return bounded<uint16_t>(&b, ints, n, out, random_bounded_uint16_fill);
        default:
          return dtype == DType::Bool ? bounded<uint8_t>(&b, ints, n, out, random_bounded_bool_fill)
                                      : bounded<uint8_t>(&b, ints, n, out, random_bounded_uint8_fill);
      }
    case RandomMethod::BoundedArray: {
      const Params p(in, shape, at::kLong);
      const bool masked = ints[2] != 0;
      switch (dtype_itemsize(dtype)) {
        case 8: {
          uint64_t* o = static_cast<uint64_t*>(out);
          for (int64_t i = 0; i < n; ++i) {
            const uint64_t off = uint64_t(p.at<int64_t>(0, i)), rng = uint64_t(p.at<int64_t>(1, i));
            o[i] = random_bounded_uint64(&b, off, rng, gen_mask(rng), masked);
          }
          return;
        }
        case 4: return bounded_array<uint32_t>(&b, p, masked, n, out, random_buffered_bounded_uint32);
        case 2: return bounded_array<uint16_t>(&b, p, masked, n, out, random_buffered_bounded_uint16);
        default:
          return dtype == DType::Bool ? bounded_array<uint8_t>(&b, p, masked, n, out, random_buffered_bounded_bool)
                                      : bounded_array<uint8_t>(&b, p, masked, n, out, random_buffered_bounded_uint8);
      }
    }
    case RandomMethod::Permutation: {  // per lane, Fisher-Yates from the end down to `first`
      int64_t* o = static_cast<int64_t*>(out);
      const int64_t m = ints[2], first = ints[3], lanes = m ? n / m : 0;
      for (int64_t l = 0; l < lanes; ++l, o += m) {
        for (int64_t i = 0; i < m; ++i) o[i] = i;
        for (int64_t i = m - 1; i >= first; --i) {
          const int64_t j = int64_t(ints[4] ? random_bounded_uint64(&b, 0, uint64_t(i), 0, false)
                                            : random_interval(&b, uint64_t(i)));
          std::swap(o[i], o[j]);
        }
      }
      return;
    }
    case RandomMethod::Floyd: {  // `count` distinct values of [0, population)
      int64_t* o = static_cast<int64_t*>(out);
      const int64_t pop = ints[2], cnt = ints[3];
      const uint64_t mask = gen_mask(uint64_t(1.2 * double(cnt)));
      std::vector<uint64_t> set(mask + 1, ~uint64_t(0));
      auto insert = [&](uint64_t v) {  // false: already there
        uint64_t at = v & mask;
        while (set[at] != ~uint64_t(0) && set[at] != v) at = (at + 1) & mask;
        if (set[at] == v) return false;
        set[at] = v;
        return true;
      };
      for (int64_t j = pop - cnt; j < pop; ++j) {
        uint64_t v = random_bounded_uint64(&b, 0, uint64_t(j), 0, false);
        if (!insert(v)) insert(v = uint64_t(j));  // (j itself is never there yet)
        o[j - pop + cnt] = int64_t(v);
      }
      if (ints[4])
        for (int64_t i = cnt - 1; i >= 1; --i) std::swap(o[i], o[random_bounded_uint64(&b, 0, uint64_t(i), 0, false)]);
      return;
    }
    case RandomMethod::Continuous:
    case RandomMethod::Discrete: {
      const Params p(in, shape, at::kDouble);
      const bool cont = static_cast<RandomMethod>(ints[1]) == RandomMethod::Continuous;
      binomial_t bin{};
      double x[3] = {0, 0, 0};
      for (int64_t i = 0; i < n; ++i) {
        for (size_t k = 0; k < p.cols.size(); ++k) x[k] = p.at<double>(k, i);
        if (cont)
          static_cast<double*>(out)[i] = continuous(&b, ints[2], x);
        else
          static_cast<int64_t*>(out)[i] = discrete(&b, ints[2], x, &bin);
      }
      return;
    }
    case RandomMethod::Multinomial: {  // inputs: n per row, pvals per row (d each), C order
      const at::Tensor ns = in.at(1).to(at::kCPU).to(at::kLong).contiguous();
      const at::Tensor ps = in.at(2).to(at::kCPU).to(at::kDouble).contiguous();
      const int64_t d = shape.back(), rows = d ? n / d : 0;
      int64_t* o = static_cast<int64_t*>(out);
      std::fill(o, o + n, int64_t(0));
      binomial_t bin{};
      for (int64_t r = 0; r < rows; ++r)
        random_multinomial(&b, ns.data_ptr<int64_t>()[r], o + r * d, ps.data_ptr<double>() + r * d, d, &bin);
      return;
    }
    case RandomMethod::MultivariateHypergeometric: {  // ints[2..4]: count (0) or marginals (1), nsample, total
      at::Tensor colors = in.at(1).to(at::kCPU).to(at::kLong).contiguous();
      const int64_t d = shape.back(), variates = d ? n / d : 0;
      int64_t* o = static_cast<int64_t*>(out);
      std::fill(o, o + n, int64_t(0));
      if (variates == 0) return;
      if (ints[2] == 1) {
        random_multivariate_hypergeometric_marginals(&b, ints[4], size_t(d), colors.data_ptr<int64_t>(), ints[3],
                                                     size_t(variates), o);
      } else if (random_multivariate_hypergeometric_count(&b, ints[4], size_t(d), colors.data_ptr<int64_t>(), ints[3],
                                                          size_t(variates), o) < 0) {
        throw std::bad_alloc();
      }
      return;
    }
    case RandomMethod::Legacy: {  // ints[2]: continuous (0) or discrete (1), ints[3]: distribution id
      if constexpr (std::is_same_v<G, Mt19937>) {
        const Params p(in, shape, at::kDouble);
        Legacy lg{g, &b};
        double x[3] = {0, 0, 0};
        for (int64_t i = 0; i < n; ++i) {
          for (size_t k = 0; k < p.cols.size(); ++k) x[k] = p.at<double>(k, i);
          if (ints[2] == 0)
            static_cast<double*>(out)[i] = lg.continuous(ints[3], x);
          else
            static_cast<int64_t*>(out)[i] = lg.discrete(ints[3], x);
        }
        return;
      }
      throw InternalError("random: the legacy distributions need MT19937");
    }
    case RandomMethod::Raw: {
      uint64_t* o = static_cast<uint64_t*>(out);
      for (int64_t i = 0; i < n; ++i) o[i] = b.next_raw(b.state);
      return;
    }
  }
  throw InternalError("random: unknown method " + std::to_string(ints[1]));
}

}  // namespace

int64_t random_state_words(int64_t bitgen) {
  switch (static_cast<BitGen>(bitgen)) {
    case BitGen::PCG64: return Pcg64::kWords;
    case BitGen::MT19937: return Mt19937::kWords;
    case BitGen::PCG64DXSM: return Pcg64Dxsm::kWords;
    case BitGen::SFC64: return Sfc64::kWords;
    case BitGen::Philox: return Philox::kWords;
  }
  throw InternalError("random: unknown bit generator " + std::to_string(bitgen));
}

namespace {
template <class G>
void draw_with(const uint64_t* s, uint64_t* w, const std::vector<int64_t>& ints, DType dtype, const Shape& shape,
               const std::vector<at::Tensor>& inputs) {
  auto g = std::make_unique<G>();  // (MT19937's state is 2.5 KB)
  g->load(s);
  draw(*g, ints, dtype, shape, inputs, w + G::kWords);
  g->store(w);
}
}  // namespace

int64_t random_result_words(int64_t bitgen, DType dtype, const Shape& shape) {
  return random_state_words(bitgen) + (numel(shape) * dtype_itemsize(dtype) + 7) / 8;
}

void pcg64_advance(uint64_t state[2], const uint64_t inc[2], uint64_t delta_hi, uint64_t delta_lo) {
  Pcg64 g{(u128(state[0]) << 64) | state[1], (u128(inc[0]) << 64) | inc[1], 0, 0};
  g.advance((u128(delta_hi) << 64) | delta_lo);
  state[0] = uint64_t(g.state >> 64), state[1] = uint64_t(g.state);
}

at::Tensor random_draw(int64_t bitgen, const std::vector<int64_t>& ints, DType dtype, const Shape& shape,
                       const std::vector<at::Tensor>& inputs) {
  const at::Tensor st = inputs[0].to(at::kCPU).contiguous();
  const int64_t sw = random_state_words(bitgen);
  if (st.numel() != sw) throw InternalError("random: a state of " + std::to_string(st.numel()) + " words");
  const int64_t words = random_result_words(bitgen, dtype, shape);
  at::Tensor out = Buffer::empty(DType::UInt64, Shape{words}).tensor();
  uint64_t* w = reinterpret_cast<uint64_t*>(out.data_ptr());
  const uint64_t* s = reinterpret_cast<const uint64_t*>(st.data_ptr());
  if (words > sw) w[words - 1] = 0;  // (the padding of a last partial word)
  switch (static_cast<BitGen>(bitgen)) {
    case BitGen::PCG64: draw_with<Pcg64>(s, w, ints, dtype, shape, inputs); break;
    case BitGen::MT19937: draw_with<Mt19937>(s, w, ints, dtype, shape, inputs); break;
    case BitGen::PCG64DXSM: draw_with<Pcg64Dxsm>(s, w, ints, dtype, shape, inputs); break;
    case BitGen::SFC64: draw_with<Sfc64>(s, w, ints, dtype, shape, inputs); break;
    case BitGen::Philox: draw_with<Philox>(s, w, ints, dtype, shape, inputs); break;
  }
  return inputs[0].is_cuda() ? out.to(inputs[0].device()) : out;
}

}  // namespace npt
