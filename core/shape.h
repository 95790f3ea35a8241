// Shapes, strides, broadcasting and axis normalization, with NumPy's errors.
#pragma once
#include <cstdint>
#include <string>
#include <vector>

namespace npt {

using Shape = std::vector<int64_t>;

int64_t numel(const Shape& s);
std::string shape_str(const Shape& s);  // NumPy's tuple text: "(2, 3)", "(3,)", "()"
// The same without spaces, as NumPy 2 prints shapes in its broadcast and
// reshape messages: "(2,3)".
std::string compact(const Shape& s);
Shape contiguous_strides(const Shape& s);  // row-major, in elements

// NumPy broadcasting of two shapes; ValueError with NumPy's wording.
Shape broadcast_shapes(const Shape& a, const Shape& b);
bool broadcastable_to(const Shape& from, const Shape& to);

// Normalize one axis into [0, ndim); numpy AxisError when out of range.
int64_t normalize_axis(int64_t axis, int64_t ndim);
// Normalize a set of axes, sorted; ValueError on duplicates.
std::vector<int64_t> normalize_axes(const std::vector<int64_t>& axes, int64_t ndim);

// An index map: element i of a view of `shape` is at offset + sum(i_d *
// strides[d]) in its base buffer (elements). Movement ops' view rules (the
// registry) transform these; fusion folds them into kernel operands.
struct StridedView {
  Shape shape;
  std::vector<int64_t> strides;
  int64_t offset = 0;
};
// NumPy's no-copy reshape of a strided view to `to`; false where NumPy would
// have to copy (the dims merged are not contiguous in memory).
bool reshape_strided(const StridedView& v, const Shape& to, StridedView& out);

}  // namespace npt
