// NumPy's total order on array elements, for the opaque ops whose ATen
// counterparts order NaN otherwise: NaN after +inf (and, for complex, the
// lexicographic order with NaN parts last, as NumPy's sort), -0.0 equal to
// 0.0. searchsorted is a binary search in that order over a sorted 1-D
// array, each value's search independent (split over the thread pool).
#include "graph/order.h"

#include <ATen/ATen.h>

#include <cmath>
#include <complex>
#include <cstring>

#include "core/aten_dtype.h"
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

}  // namespace

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
