// A fixed pool of worker threads for kernel launches: parallel_for splits a
// range into one task per worker; the caller thread takes a share too.
#pragma once
#include <cstdint>
#include <functional>

namespace npt {

int num_threads();
void set_num_threads(int n);  // 1 disables threading
// Calls fn(task, ntasks) for task in [0, ntasks) on the pool; blocks until done.
// Exceptions from fn are rethrown on the calling thread.
void parallel_for(int ntasks, const std::function<void(int, int)>& fn);

}  // namespace npt
