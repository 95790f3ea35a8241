// IEEE binary16 (NumPy's float16) conversions on bit patterns, correctly
// rounded (round to nearest, ties to even) and without any hardware or
// compiler support: the CPU JIT's runtime helpers and the executor's
// constants both use them, so every x86-64 CPU rounds the same way.
#pragma once
#include <cstdint>
#include <cstring>

namespace npt {

// binary16 -> binary64 (exact). NaN payloads are kept.
inline double half_bits_to_double(uint16_t h) {
  const uint64_t sign = static_cast<uint64_t>(h >> 15) << 63;
  const uint32_t exp = (h >> 10) & 0x1f, mant = h & 0x3ff;
  uint64_t bits;
  if (exp == 0x1f) {
    bits = sign | (uint64_t{0x7ff} << 52) | (static_cast<uint64_t>(mant) << 42);
  } else if (exp == 0) {
    double v = static_cast<double>(mant) * 0x1p-24;  // exact: a 10-bit integer times 2^-24
    std::memcpy(&bits, &v, 8);
    bits |= sign;
  } else {
    bits = sign | (static_cast<uint64_t>(exp - 15 + 1023) << 52) | (static_cast<uint64_t>(mant) << 42);
  }
  double d;
  std::memcpy(&d, &bits, 8);
  return d;
}

// binary16 -> binary32 (exact: every half is a float).
inline float half_bits_to_float(uint16_t h) { return static_cast<float>(half_bits_to_double(h)); }

// binary64 -> binary16, rounded once. Overflow gives a signed infinity; NaN
// keeps the top of its payload (and stays a NaN), as NumPy's conversion does.
inline uint16_t double_to_half_bits(double d) {
  uint64_t bits;
  std::memcpy(&bits, &d, 8);
  const uint16_t sign = static_cast<uint16_t>((bits >> 48) & 0x8000);
  const int exp = static_cast<int>((bits >> 52) & 0x7ff);
  const uint64_t mant = bits & ((uint64_t{1} << 52) - 1);
  if (exp == 0x7ff) {
    if (mant == 0) return sign | 0x7c00;
    uint16_t payload = static_cast<uint16_t>(mant >> 42);
    return sign | 0x7c00 | (payload ? payload : 1);
  }
  if (exp == 0) return sign;  // zero or a double subnormal: far below half's range
  const int e = exp - 1023;   // value = sig * 2^(e - 52), sig has 53 bits
  const uint64_t sig = mant | (uint64_t{1} << 52);
  if (e > 15) return sign | 0x7c00;
  int shift;
  uint64_t base;
  if (e >= -14) {  // a normal half: keep 10 fraction bits
    shift = 42;
    base = static_cast<uint64_t>(e + 14) << 10;  // plus the implicit bit below
  } else {  // a subnormal half: units of 2^-24
    shift = 28 - e;
    if (shift > 53) return sign;  // below half the smallest subnormal
    base = 0;
  }
  uint64_t q = sig >> shift, rem = sig & ((uint64_t{1} << shift) - 1), halfway = uint64_t{1} << (shift - 1);
  if (rem > halfway || (rem == halfway && (q & 1))) ++q;
  // q includes the implicit bit for normals (adding it to base lifts the
  // exponent by one, hence e + 14); a carry out of the fraction moves on to
  // the next binade, up to infinity, as it should.
  return static_cast<uint16_t>(sign | (base + q));
}

// binary32 -> binary16, rounded once (float -> double is exact).
inline uint16_t float_to_half_bits(float f) { return double_to_half_bits(static_cast<double>(f)); }

}  // namespace npt
