// NumPy's total order on array elements, for the opaque ops whose ATen
// counterparts order NaN otherwise or run slowly: NaN after +inf (and, for
// complex, the lexicographic order with NaN parts last, as NumPy's sort),
// -0.0 equal to 0.0.
//
// searchsorted is a binary search in that order over a sorted 1-D array,
// each value's search independent (split over the thread pool).
//
// sort and argsort on the CPU are a least-significant-digit radix sort: each
// element maps to an unsigned key of its width whose unsigned order is
// NumPy's (floats: the sign bit flipped for positives, all bits for
// negatives; NaNs one key above +inf; signed ints: the sign bit flipped),
// then one stable counting pass per byte that varies, the histograms of all
// bytes counted in one read, each pass split over the threads by ranges (a
// thread's bucket offsets follow the threads before it, so the passes stay
// stable). argsort carries the indices along; -0.0 keys as 0.0 there, so ties
// keep their order (NumPy's kind="stable"). Short rows use std::stable_sort;
// many rows are sorted one row per task.
#include "graph/order.h"

#include <ATen/ATen.h>

#include <algorithm>
#include <array>
#include <cmath>
#include <complex>
#include <cstring>

#include "core/aten_dtype.h"
#include "core/buffer.h"
#include "core/error.h"
#include "core/half.h"
#include "core/thread_pool.h"

namespace npt {
namespace {

// a < b in NumPy's order
template <typename V>
bool less(V a, V b) {
  if constexpr (std::is_floating_point_v<V>) {
    return a < b || (std::isnan(b) && !std::isnan(a));
  } else {
    return a < b;
  }
}
template <typename F>
bool less(std::complex<F> a, std::complex<F> b) {
  const F ar = a.real(), ai = a.imag(), br = b.real(), bi = b.imag();
  // a value with a NaN part sorts after every value without one; among those
  // with one, by the real part, then the imaginary part, NaN last in each
  if (ar < br) return !std::isnan(ai) || std::isnan(bi);
  if (ar > br) return std::isnan(bi) && !std::isnan(ai);
  if (ar == br || (std::isnan(ar) && std::isnan(br))) return less(ai, bi);
  return std::isnan(br);  // exactly one real part is NaN
}

// The first i in [0, n) with !(a[i] < v) (left) or v < a[i] (right).
template <typename V>
int64_t bound(const V* a, int64_t n, V v, bool right) {
  int64_t lo = 0, hi = n;
  while (lo < hi) {
    const int64_t mid = lo + (hi - lo) / 2;
    const bool go_right = right ? !less(v, a[mid]) : less(a[mid], v);
    if (go_right) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

template <typename S, typename V = S, typename Conv>
void search(const at::Tensor& a, const at::Tensor& v, at::Tensor& out, bool right, Conv conv) {
  const S* ap = a.const_data_ptr<S>();
  const S* vp = v.const_data_ptr<S>();
  int64_t* op = out.data_ptr<int64_t>();
  const int64_t n = a.numel(), m = v.numel();
  // half: the sorted array converted once
  std::vector<V> converted;
  const V* av;
  if constexpr (std::is_same_v<S, V>) {
    av = ap;
  } else {
    converted.resize(n);
    for (int64_t i = 0; i < n; ++i) converted[i] = conv(ap[i]);
    av = converted.data();
  }
  const int tasks = m < 4096 ? 1 : num_threads();
  parallel_for(tasks, [&](int t, int nt) {
    for (int64_t i = m * t / nt, e = m * (t + 1) / nt; i < e; ++i) op[i] = bound(av, n, V(conv(vp[i])), right);
  });
}

// ---- radix sort -------------------------------------------------------------

// The order-preserving key of a value's bits (width U), and back.
template <typename U>
U float_key(U bits, bool zero_as_positive) {
  constexpr U sign = U(1) << (sizeof(U) * 8 - 1);
  constexpr U exp_mask = sizeof(U) == 8 ? U(0x7ff0000000000000ull) : sizeof(U) == 4 ? U(0x7f800000u) : U(0x7c00u);
  const U mag = bits & ~sign;
  if (mag > exp_mask) return ~U(0);  // NaN: above +inf (whose key is below ~0)
  if (zero_as_positive && mag == 0) bits = 0;
  return (bits & sign) ? ~bits : (bits | sign);
}
template <typename U>
U float_unkey(U key) {
  constexpr U sign = U(1) << (sizeof(U) * 8 - 1);
  if (key == ~U(0)) return sizeof(U) == 8 ? U(0x7ff8000000000000ull) : sizeof(U) == 4 ? U(0x7fc00000u) : U(0x7e00u);
  return (key & sign) ? (key & ~sign) : ~key;
}

enum class KeyKind { Unsigned, Signed, Float };

template <typename U>
U to_key(U bits, KeyKind k, bool zero_as_positive) {
  constexpr U sign = U(1) << (sizeof(U) * 8 - 1);
  switch (k) {
    case KeyKind::Unsigned: return bits;
    case KeyKind::Signed: return bits ^ sign;
    default: return float_key(bits, zero_as_positive);
  }
}
template <typename U>
U from_key(U key, KeyKind k) {
  constexpr U sign = U(1) << (sizeof(U) * 8 - 1);
  switch (k) {
    case KeyKind::Unsigned: return key;
    case KeyKind::Signed: return key ^ sign;
    default: return float_unkey(key);
  }
}

// Stable LSD radix sort of n keys (and, when idx is given, their int64
// payloads), using tmp buffers of the same sizes; the result ends in keys/idx.
template <typename U>
void radix(U* keys, U* ktmp, int64_t* idx, int64_t* itmp, int64_t n, int T) {
  constexpr int B = sizeof(U);
  std::vector<std::array<int64_t, 256>> hist(static_cast<size_t>(T) * B);
  for (auto& h : hist) h.fill(0);
  parallel_for(T, [&](int t, int nt) {
    for (int64_t i = n * t / nt, e = n * (t + 1) / nt; i < e; ++i) {
      const U k = keys[i];
      for (int b = 0; b < B; ++b) ++hist[t * B + b][(k >> (8 * b)) & 0xff];
    }
  });
  U* src = keys;
  U* dst = ktmp;
  int64_t* isrc = idx;
  int64_t* idst = itmp;
  std::vector<std::array<int64_t, 256>> off(T);
  for (int b = 0; b < B; ++b) {
    bool constant = false;  // one byte value everywhere: the pass would move nothing
    for (int v = 0; v < 256 && !constant; ++v) {
      int64_t c = 0;
      for (int t = 0; t < T; ++t) c += hist[t * B + b][v];
      constant = c == n;
    }
    if (constant) continue;
    const int shift = 8 * b;
    if (T > 1) {  // (after a pass, each thread's range holds other keys: count them again)
      parallel_for(T, [&](int t, int nt) {
        auto& h = off[t];
        h.fill(0);
        for (int64_t i = n * t / nt, e = n * (t + 1) / nt; i < e; ++i) ++h[(src[i] >> shift) & 0xff];
      });
    } else {
      off[0] = hist[b];
    }
    int64_t at = 0;
    for (int v = 0; v < 256; ++v)
      for (int t = 0; t < T; ++t) {
        const int64_t c = off[t][v];
        off[t][v] = at;
        at += c;
      }
    parallel_for(T, [&](int t, int nt) {
      auto& o = off[t];
      for (int64_t i = n * t / nt, e = n * (t + 1) / nt; i < e; ++i) {
        const U k = src[i];
        const int64_t to = o[(k >> shift) & 0xff]++;
        dst[to] = k;
        if (isrc) idst[to] = isrc[i];
      }
    });
    std::swap(src, dst);
    std::swap(isrc, idst);
  }
  if (src != keys) {
    std::memcpy(keys, src, n * sizeof(U));
    if (idx) std::memcpy(idx, isrc, n * sizeof(int64_t));
  }
}

// Sorts (or argsorts) each contiguous row of length n of `in` into `out`.
template <typename U>
void sort_rows(const U* in, U* out_values, int64_t* out_idx, int64_t rows, int64_t n, KeyKind kind) {
  const bool arg = out_idx != nullptr;
  // temporaries of n elements; from npt's buffer pool when large (a fresh
  // allocation would page-fault on every call)
  auto scratch = [](DType t, int64_t count) { return Buffer::empty(t, Shape{count}); };
  const DType key_t = sizeof(U) == 1 ? DType::UInt8 : sizeof(U) == 2 ? DType::UInt16
                      : sizeof(U) == 4 ? DType::UInt32 : DType::UInt64;
  auto one_row = [&](int64_t r, int threads) {
    const U* x = in + r * n;
    int64_t* idx = arg ? out_idx + r * n : nullptr;
    if (n < 256) {
      std::array<U, 256> keys;
      for (int64_t i = 0; i < n; ++i) keys[i] = to_key(x[i], kind, arg);
      if (arg) {
        for (int64_t i = 0; i < n; ++i) idx[i] = i;
        std::stable_sort(idx, idx + n, [&](int64_t a, int64_t b) { return keys[a] < keys[b]; });
        return;
      }
      std::sort(keys.begin(), keys.begin() + n);  // (equal keys are equal values: stability is moot)
      U* y = out_values + r * n;
      for (int64_t i = 0; i < n; ++i) y[i] = from_key(keys[i], kind);
      return;
    }
    const int T = std::max(1, std::min<int>(threads, static_cast<int>(n / 65536)));
    Buffer kb = scratch(key_t, n), tb = scratch(key_t, n);
    Buffer ib = scratch(DType::Int64, arg ? n : 0);
    U* keys = static_cast<U*>(kb.tensor().data_ptr());
    parallel_for(T, [&](int t, int nt) {
      for (int64_t i = n * t / nt, e = n * (t + 1) / nt; i < e; ++i) {
        keys[i] = to_key(x[i], kind, arg);
        if (arg) idx[i] = i;
      }
    });
    radix(keys, static_cast<U*>(tb.tensor().data_ptr()), idx, arg ? ib.tensor().data_ptr<int64_t>() : nullptr, n, T);
    if (arg) return;
    U* y = out_values + r * n;
    parallel_for(T, [&](int t, int nt) {
      for (int64_t i = n * t / nt, e = n * (t + 1) / nt; i < e; ++i) y[i] = from_key(keys[i], kind);
    });
  };
  if (rows == 1) {
    one_row(0, num_threads());
    return;
  }
  const int tasks = static_cast<int>(std::min<int64_t>(rows, rows * n < 65536 ? 1 : num_threads()));
  parallel_for(tasks, [&](int t, int nt) {
    for (int64_t r = rows * t / nt, e = rows * (t + 1) / nt; r < e; ++r) one_row(r, 1);
  });
}

template <typename U>
void sort_dispatch(const at::Tensor& rows, at::Tensor& values, at::Tensor& idx, KeyKind kind) {
  const int64_t n = rows.size(-1), r = n ? rows.numel() / n : 0;
  if (r == 0 || n == 0) return;
  sort_rows<U>(static_cast<const U*>(rows.const_data_ptr()), values.defined() ? static_cast<U*>(values.data_ptr()) : nullptr,
               idx.defined() ? idx.data_ptr<int64_t>() : nullptr, r, n, kind);
}

// sort (arg = false) or argsort along `axis` on the CPU, or an undefined
// tensor where the radix kernels do not apply (complex, CUDA).
at::Tensor radix_sort(const at::Tensor& x, int64_t axis, bool arg) {
  if (x.is_cuda() || x.is_complex()) return at::Tensor();
  KeyKind kind;
  switch (x.scalar_type()) {
    case at::kBool: case at::kByte: case at::kUInt16: case at::kUInt32: case at::kUInt64: kind = KeyKind::Unsigned; break;
    case at::kChar: case at::kShort: case at::kInt: case at::kLong: kind = KeyKind::Signed; break;
    case at::kHalf: case at::kFloat: case at::kDouble: kind = KeyKind::Float; break;
    default: return at::Tensor();
  }
  const at::Tensor rows = x.movedim(axis, -1).contiguous();
  at::Tensor values, idx;
  if (arg) idx = at::empty(rows.sizes(), rows.options().dtype(at::kLong));
  else values = at::empty(rows.sizes(), rows.options());
  switch (x.element_size()) {
    case 1: sort_dispatch<uint8_t>(rows, values, idx, kind); break;
    case 2: sort_dispatch<uint16_t>(rows, values, idx, kind); break;
    case 4: sort_dispatch<uint32_t>(rows, values, idx, kind); break;
    default: sort_dispatch<uint64_t>(rows, values, idx, kind); break;
  }
  return (arg ? idx : values).movedim(-1, axis);
}

}  // namespace

at::Tensor numpy_sort(const at::Tensor& x, int64_t axis, bool arg) {
  at::Tensor r = radix_sort(x, axis, arg);
  if (r.defined()) return r;
  if (arg) return at::argsort(x, /*stable=*/true, axis, false);
  return std::get<0>(at::sort(x, /*stable=*/true, axis, false));
}

at::Tensor numpy_searchsorted(const at::Tensor& sorted, const at::Tensor& values, bool right) {
  NPT_ASSERT(sorted.dim() == 1 && sorted.scalar_type() == values.scalar_type(), "searchsorted inputs");
  if (sorted.is_cuda()) {  // (the order's kernel is host code; ATen's CUDA searchsorted orders NaN otherwise)
    return numpy_searchsorted(sorted.cpu(), values.cpu(), right).to(sorted.device());
  }
  const at::Tensor a = sorted.contiguous(), v = values.contiguous();
  at::Tensor out = at::empty(v.sizes(), v.options().dtype(at::kLong));
  auto id = [](auto x) { return x; };
  switch (a.scalar_type()) {
    case at::kBool: search<bool>(a, v, out, right, id); break;
    case at::kByte: search<uint8_t>(a, v, out, right, id); break;
    case at::kChar: search<int8_t>(a, v, out, right, id); break;
    case at::kShort: search<int16_t>(a, v, out, right, id); break;
    case at::kInt: search<int32_t>(a, v, out, right, id); break;
    case at::kLong: search<int64_t>(a, v, out, right, id); break;
    case at::kUInt16: search<uint16_t>(a, v, out, right, id); break;
    case at::kUInt32: search<uint32_t>(a, v, out, right, id); break;
    case at::kUInt64: search<uint64_t>(a, v, out, right, id); break;
    case at::kHalf:
      search<at::Half, float>(a, v, out, right, [](at::Half h) {
        uint16_t bits;
        std::memcpy(&bits, &h, 2);
        return half_bits_to_float(bits);
      });
      break;
    case at::kFloat: search<float>(a, v, out, right, id); break;
    case at::kDouble: search<double>(a, v, out, right, id); break;
    case at::kComplexFloat:
      search<c10::complex<float>, std::complex<float>>(a, v, out, right,
                                                       [](c10::complex<float> z) { return std::complex<float>(z); });
      break;
    case at::kComplexDouble:
      search<c10::complex<double>, std::complex<double>>(
          a, v, out, right, [](c10::complex<double> z) { return std::complex<double>(z); });
      break;
    default: throw TypeError(std::string("searchsorted: no order for ") + dtype_name(dtype_of_aten(a.scalar_type())));
  }
  return out;
}

}  // namespace npt
