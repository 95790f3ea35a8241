// core/: dtypes and promotion, shapes and broadcasting, axes.
#include <gtest/gtest.h>

#include "core/dtype.h"
#include "core/error.h"
#include "core/shape.h"

using namespace npt;

namespace {
std::vector<DType> all_dtypes() {
  std::vector<DType> v;
  for (int i = 0; i < kNumDTypes; ++i) v.push_back(static_cast<DType>(i));
  return v;
}
}  // namespace

TEST(Promotion, EveryPairIsSymmetricAndIdempotent) {
  for (DType a : all_dtypes()) {
    EXPECT_EQ(promote(a, a), a) << dtype_name(a);
    for (DType b : all_dtypes()) {
      EXPECT_EQ(promote(a, b), promote(b, a)) << dtype_name(a) << "+" << dtype_name(b);
      // the result can hold both kinds
      EXPECT_GE(kind_rank(promote(a, b)), std::max(kind_rank(a), kind_rank(b)));
    }
  }
}

TEST(Promotion, KnownNumPy2Results) {
  EXPECT_EQ(promote(DType::Int8, DType::UInt8), DType::Int16);
  EXPECT_EQ(promote(DType::Int64, DType::UInt64), DType::Float64);
  EXPECT_EQ(promote(DType::Float16, DType::Int16), DType::Float32);
  EXPECT_EQ(promote(DType::Complex64, DType::Float64), DType::Complex128);
  EXPECT_EQ(promote(DType::Bool, DType::UInt16), DType::UInt16);
}

TEST(Promotion, WeakScalarsFollowNEP50) {
  EXPECT_EQ(promote_weak(DType::Int8, 1), DType::Int8);        // int8 + 1
  EXPECT_EQ(promote_weak(DType::Int8, 2), DType::Float64);     // int8 + 1.0
  EXPECT_EQ(promote_weak(DType::Float32, 2), DType::Float32);  // f32 + 1.0
  EXPECT_EQ(promote_weak(DType::Float16, 3), DType::Complex64);
  EXPECT_EQ(promote_weak(DType::Float64, 3), DType::Complex128);
  EXPECT_EQ(promote_weak(DType::Bool, 1), DType::Int64);
  EXPECT_EQ(promote_weak(DType::Bool, 0), DType::Bool);
  EXPECT_EQ(promote_weak(DType::UInt32, 3), DType::Complex128);
}

TEST(Promotion, FloatLoops) {
  EXPECT_EQ(float_result(DType::Int8), DType::Float16);
  EXPECT_EQ(float_result(DType::UInt16), DType::Float32);
  EXPECT_EQ(float_result(DType::Int64), DType::Float64);
  EXPECT_EQ(float_result(DType::Float32), DType::Float32);
}

TEST(DTypes, NamesRoundTrip) {
  for (DType a : all_dtypes()) EXPECT_EQ(dtype_from_name(dtype_name(a)), a);
  EXPECT_THROW(dtype_from_name("float128"), TypeError);
}

TEST(Shapes, Broadcasting) {
  EXPECT_EQ(broadcast_shapes({3, 1}, {4}), (Shape{3, 4}));
  EXPECT_EQ(broadcast_shapes({}, {2, 0}), (Shape{2, 0}));
  EXPECT_EQ(broadcast_shapes({1, 5, 1}, {7, 1, 1, 2}), (Shape{7, 1, 5, 2}));
  try {
    broadcast_shapes({2, 3}, {4});
    FAIL();
  } catch (const ValueError& e) {
    EXPECT_STREQ(e.what(), "operands could not be broadcast together with shapes (2,3) (4,) ");
  }
  EXPECT_TRUE(broadcastable_to({3, 1}, {2, 3, 4}));
  EXPECT_FALSE(broadcastable_to({3, 2}, {3, 4}));
}

TEST(Shapes, AxisNormalization) {
  EXPECT_EQ(normalize_axis(-1, 3), 2);
  EXPECT_THROW(normalize_axis(3, 3), AxisError);
  try {
    normalize_axis(-4, 3);
  } catch (const AxisError& e) {
    EXPECT_STREQ(e.what(), "axis -4 is out of bounds for array of dimension 3");
  }
  EXPECT_EQ(normalize_axes({-1, 0}, 3), (std::vector<int64_t>{0, 2}));
  EXPECT_THROW(normalize_axes({1, -2}, 3), ValueError);
}

TEST(Shapes, Strides) {
  EXPECT_EQ(contiguous_strides({2, 3, 4}), (Shape{12, 4, 1}));
  EXPECT_EQ(shape_str({3}), "(3,)");
  EXPECT_EQ(shape_str({}), "()");
  EXPECT_EQ(numel({2, 0, 5}), 0);
}
