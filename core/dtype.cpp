// Dtype facts and the NumPy 2 promotion table (checked against
// numpy.result_type for every pair by tests/cpp/test_dtype.cpp and
// tests/python/test_promotion.py).
#include "core/dtype.h"

#include "core/error.h"

namespace npt {
namespace {

struct Info { const char* name; int itemsize; int kind; };
constexpr Info kInfo[kNumDTypes] = {
    {"bool", 1, 0},       {"int8", 1, 1},     {"int16", 2, 1},   {"int32", 4, 1},
    {"int64", 8, 1},      {"uint8", 1, 1},    {"uint16", 2, 1},  {"uint32", 4, 1},
    {"uint64", 8, 1},     {"float16", 2, 2},  {"float32", 4, 2}, {"float64", 8, 2},
    {"complex64", 8, 3},  {"complex128", 16, 3},
};

constexpr DType b = DType::Bool, i1 = DType::Int8, i2 = DType::Int16, i4 = DType::Int32,
                i8 = DType::Int64, u1 = DType::UInt8, u2 = DType::UInt16, u4 = DType::UInt32,
                u8 = DType::UInt64, f2 = DType::Float16, f4 = DType::Float32,
                f8 = DType::Float64, c8 = DType::Complex64, c16 = DType::Complex128;

// numpy.result_type(row, column), NumPy 2.x.
constexpr DType kPromote[kNumDTypes][kNumDTypes] = {
    {  b,  i1,  i2,  i4,  i8,  u1,  u2,  u4,  u8,  f2,  f4,  f8,  c8, c16},  // bool
    { i1,  i1,  i2,  i4,  i8,  i2,  i4,  i8,  f8,  f2,  f4,  f8,  c8, c16},  // int8
    { i2,  i2,  i2,  i4,  i8,  i2,  i4,  i8,  f8,  f4,  f4,  f8,  c8, c16},  // int16
    { i4,  i4,  i4,  i4,  i8,  i4,  i4,  i8,  f8,  f8,  f8,  f8, c16, c16},  // int32
    { i8,  i8,  i8,  i8,  i8,  i8,  i8,  i8,  f8,  f8,  f8,  f8, c16, c16},  // int64
    { u1,  i2,  i2,  i4,  i8,  u1,  u2,  u4,  u8,  f2,  f4,  f8,  c8, c16},  // uint8
    { u2,  i4,  i4,  i4,  i8,  u2,  u2,  u4,  u8,  f4,  f4,  f8,  c8, c16},  // uint16
    { u4,  i8,  i8,  i8,  i8,  u4,  u4,  u4,  u8,  f8,  f8,  f8, c16, c16},  // uint32
    { u8,  f8,  f8,  f8,  f8,  u8,  u8,  u8,  u8,  f8,  f8,  f8, c16, c16},  // uint64
    { f2,  f2,  f4,  f8,  f8,  f2,  f4,  f8,  f8,  f2,  f4,  f8,  c8, c16},  // float16
    { f4,  f4,  f4,  f8,  f8,  f4,  f4,  f8,  f8,  f4,  f4,  f8,  c8, c16},  // float32
    { f8,  f8,  f8,  f8,  f8,  f8,  f8,  f8,  f8,  f8,  f8,  f8, c16, c16},  // float64
    { c8,  c8,  c8, c16, c16,  c8,  c8, c16, c16,  c8,  c8, c16,  c8, c16},  // complex64
    {c16, c16, c16, c16, c16, c16, c16, c16, c16, c16, c16, c16, c16, c16},  // complex128
};

int idx(DType t) { return static_cast<int>(t); }

}  // namespace

const char* dtype_name(DType t) { return kInfo[idx(t)].name; }
int dtype_itemsize(DType t) { return kInfo[idx(t)].itemsize; }
int kind_rank(DType t) { return kInfo[idx(t)].kind; }

DType dtype_from_name(const std::string& name) {
  for (int i = 0; i < kNumDTypes; ++i)
    if (name == kInfo[i].name) return static_cast<DType>(i);
  throw TypeError("data type '" + name + "' not understood");
}

bool is_bool(DType t) { return t == DType::Bool; }
bool is_signed_int(DType t) { return t >= DType::Int8 && t <= DType::Int64; }
bool is_unsigned_int(DType t) { return t >= DType::UInt8 && t <= DType::UInt64; }
bool is_integer(DType t) { return is_signed_int(t) || is_unsigned_int(t); }
bool is_float(DType t) { return t >= DType::Float16 && t <= DType::Float64; }
bool is_complex(DType t) { return t == DType::Complex64 || t == DType::Complex128; }
bool is_inexact(DType t) { return is_float(t) || is_complex(t); }

DType promote(DType a, DType b) { return kPromote[idx(a)][idx(b)]; }

DType default_of_kind(int kind) {
  switch (kind) {
    case 0: return DType::Bool;
    case 1: return DType::Int64;
    case 2: return DType::Float64;
    default: return DType::Complex128;
  }
}

DType promote_weak(DType strong, int weak_kind) {
  int k = kind_rank(strong);
  if (weak_kind <= k) return strong;  // a weak scalar never widens its own kind
  // complex scalar meets a float array: keep the array's precision
  if (weak_kind == 3 && k == 2) return strong == DType::Float64 ? c16 : c8;
  return default_of_kind(weak_kind);
}

DType float_result(DType t) {
  switch (t) {
    case DType::Bool: case DType::Int8: case DType::UInt8: return f2;
    case DType::Int16: case DType::UInt16: return f4;
    case DType::Int32: case DType::UInt32: case DType::Int64: case DType::UInt64: return f8;
    default: return t;
  }
}

DType real_of(DType t) {
  if (t == c8) return f4;
  if (t == c16) return f8;
  return t;
}

}  // namespace npt
