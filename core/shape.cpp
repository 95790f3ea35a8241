// Shapes and broadcasting (NumPy semantics and error text).
#include "core/shape.h"

#include <algorithm>

#include "core/error.h"

namespace npt {

int64_t numel(const Shape& s) {
  int64_t n = 1;
  for (int64_t d : s) n *= d;
  return n;
}

namespace {
std::string tuple_text(const Shape& s, const char* sep) {
  std::string r = "(";
  for (size_t i = 0; i < s.size(); ++i) {
    if (i) r += sep;
    r += std::to_string(s[i]);
  }
  if (s.size() == 1) r += ",";
  return r + ")";
}
}  // namespace

std::string shape_str(const Shape& s) { return tuple_text(s, ", "); }
std::string compact(const Shape& s) { return tuple_text(s, ","); }

Shape contiguous_strides(const Shape& s) {
  Shape st(s.size());
  int64_t acc = 1;
  for (size_t i = s.size(); i-- > 0;) {
    st[i] = acc;
    acc *= std::max<int64_t>(s[i], 1);
  }
  return st;
}


Shape broadcast_shapes(const Shape& a, const Shape& b) {
  size_t n = std::max(a.size(), b.size());
  Shape out(n);
  for (size_t i = 0; i < n; ++i) {
    int64_t da = i < n - a.size() ? 1 : a[i - (n - a.size())];
    int64_t db = i < n - b.size() ? 1 : b[i - (n - b.size())];
    if (da != db && da != 1 && db != 1)
      throw ValueError("operands could not be broadcast together with shapes " + compact(a) +
                       " " + compact(b) + " ");
    out[i] = da == 1 ? db : da;
  }
  return out;
}

bool broadcastable_to(const Shape& from, const Shape& to) {
  if (from.size() > to.size()) return false;
  size_t off = to.size() - from.size();
  for (size_t i = 0; i < from.size(); ++i)
    if (from[i] != 1 && from[i] != to[i + off]) return false;
  return true;
}

int64_t normalize_axis(int64_t axis, int64_t ndim) {
  if (axis < -ndim || axis >= ndim)
    throw AxisError("axis " + std::to_string(axis) + " is out of bounds for array of dimension " +
                    std::to_string(ndim));
  return axis < 0 ? axis + ndim : axis;
}

std::vector<int64_t> normalize_axes(const std::vector<int64_t>& axes, int64_t ndim) {
  std::vector<int64_t> r;
  for (int64_t a : axes) r.push_back(normalize_axis(a, ndim));
  std::sort(r.begin(), r.end());
  if (std::adjacent_find(r.begin(), r.end()) != r.end())
    throw ValueError("duplicate value in 'axis'");
  return r;
}

bool reshape_strided(const StridedView& v, const Shape& to, StridedView& out) {
  out.shape = to;
  out.offset = v.offset;
  out.strides.assign(to.size(), 0);
  if (numel(to) <= 1) return true;
  std::vector<int64_t> os, ost;  // old dims without 1s
  for (size_t i = 0; i < v.shape.size(); ++i)
    if (v.shape[i] != 1) os.push_back(v.shape[i]), ost.push_back(v.strides[i]);
  size_t oi = 0, ni = 0;
  while (ni < to.size() || oi < os.size()) {
    if (ni < to.size() && to[ni] == 1) { out.strides[ni++] = 0; continue; }
    if (oi >= os.size() || ni >= to.size()) return false;
    size_t oj = oi + 1, nj = ni + 1;
    int64_t po = os[oi], pn = to[ni];
    while (po != pn) {
      if (po < pn) { if (oj >= os.size()) return false; po *= os[oj++]; }
      else { if (nj >= to.size()) return false; pn *= to[nj++]; }
    }
    for (size_t k = oi; k + 1 < oj; ++k)
      if (ost[k] != ost[k + 1] * os[k + 1]) return false;  // old group not contiguous
    int64_t st = ost[oj - 1];
    for (size_t k = nj; k-- > ni;) {
      out.strides[k] = to[k] == 1 ? 0 : st;
      st *= to[k];
    }
    oi = oj;
    ni = nj;
  }
  return true;
}

}  // namespace npt
