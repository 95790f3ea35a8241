// The 14 NumPy numeric dtypes and NumPy 2 promotion (NEP 50) as data.
#pragma once
#include <cstdint>
#include <string>

namespace npt {

enum class DType : uint8_t {
  Bool, Int8, Int16, Int32, Int64, UInt8, UInt16, UInt32, UInt64,
  Float16, Float32, Float64, Complex64, Complex128,
};
constexpr int kNumDTypes = 14;

// Kinds ordered as NumPy's promotion lattice sees them.
enum class DKind : uint8_t { Bool = 0, Int = 1, UInt = 1, Float = 2, Complex = 3 };

const char* dtype_name(DType t);                 // NumPy's name: "float32"
DType dtype_from_name(const std::string& name);  // TypeError if unknown
int dtype_itemsize(DType t);
bool is_bool(DType t);
bool is_signed_int(DType t);
bool is_unsigned_int(DType t);
bool is_integer(DType t);   // signed or unsigned, not bool
bool is_float(DType t);     // float16/32/64
bool is_complex(DType t);
bool is_inexact(DType t);   // float or complex
// Lattice rank of the kind: bool 0 < int 1 < float 2 < complex 3.
int kind_rank(DType t);

// numpy.result_type for two concrete (strong) dtypes: a table.
DType promote(DType a, DType b);

// The dtype a strong `strong` and a weak Python scalar of kind `weak_kind`
// (bool 0, int 1, float 2, complex 3) promote to, by NEP 50.
DType promote_weak(DType strong, int weak_kind);

// The dtype NumPy's float loops pick for an input (sin of int8 -> float16).
DType float_result(DType t);
// Default dtype of a kind (bool, int64, float64, complex128).
DType default_of_kind(int kind);
// Complex dtype -> its real component dtype; identity otherwise.
DType real_of(DType t);

}  // namespace npt
