// The registry's eager (ATen) implementations, graph/eager.cpp: they fill
// OpDef::eager, and ATen's line per ScalarOp is checked like a backend's.
#pragma once
#include <vector>

#include "graph/op.h"

namespace npt {

void attach_eager(std::vector<OpDef>& table);
bool aten_has_line(ScalarOp op);
bool aten_has_complex_line(ScalarOp op);

}  // namespace npt
