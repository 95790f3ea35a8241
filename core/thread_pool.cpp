// Thread pool with a single generation counter: workers wait for a new
// generation, run their task index, and report back.
#include "core/thread_pool.h"

#include <algorithm>
#include <atomic>
#include <condition_variable>
#include <cstdlib>
#include <exception>
#include <memory>
#include <mutex>
#include <thread>
#include <vector>

namespace npt {
namespace {

class Pool {
 public:
  explicit Pool(int n) : nthreads_(std::max(1, n)) {
    for (int i = 1; i < nthreads_; ++i) workers_.emplace_back([this, i] { loop(i); });
  }
  ~Pool() {
    {
      std::lock_guard<std::mutex> g(mu_);
      stop_ = true;
      ++gen_;
    }
    cv_.notify_all();
    for (auto& w : workers_) w.join();
  }
  int size() const { return nthreads_; }

  void run(int ntasks, const std::function<void(int, int)>& fn) {
    std::lock_guard<std::mutex> serial(run_mu_);  // one parallel region at a time
    {
      std::lock_guard<std::mutex> g(mu_);
      fn_ = &fn;
      ntasks_ = ntasks;
      next_.store(0);
      pending_ = nthreads_ - 1;
      error_ = nullptr;
      ++gen_;
    }
    cv_.notify_all();
    work();
    std::unique_lock<std::mutex> g(mu_);
    done_cv_.wait(g, [this] { return pending_ == 0; });
    fn_ = nullptr;
    if (error_) std::rethrow_exception(error_);
  }

 private:
  void work() {
    for (int t; (t = next_.fetch_add(1)) < ntasks_;) {
      try {
        (*fn_)(t, ntasks_);
      } catch (...) {
        std::lock_guard<std::mutex> g(mu_);
        if (!error_) error_ = std::current_exception();
      }
    }
  }
  void loop(int) {
    uint64_t seen = 0;
    for (;;) {
      {
        std::unique_lock<std::mutex> g(mu_);
        cv_.wait(g, [&] { return gen_ != seen; });
        seen = gen_;
        if (stop_) return;
      }
      work();
      {
        std::lock_guard<std::mutex> g(mu_);
        --pending_;
      }
      done_cv_.notify_one();
    }
  }

  int nthreads_;
  std::vector<std::thread> workers_;
  std::mutex mu_, run_mu_;
  std::condition_variable cv_, done_cv_;
  uint64_t gen_ = 0;
  bool stop_ = false;
  const std::function<void(int, int)>* fn_ = nullptr;
  int ntasks_ = 0;
  std::atomic<int> next_{0};
  int pending_ = 0;
  std::exception_ptr error_;
};

int default_threads() {
  if (const char* s = std::getenv("NPT_NUM_THREADS")) return std::max(1, std::atoi(s));
  return std::max(1u, std::thread::hardware_concurrency());
}

// The current pool. Launches hold a reference for their duration, so
// set_num_threads on one thread never destroys a pool another thread runs.
struct Current {
  std::mutex mu;
  std::shared_ptr<Pool> pool = std::make_shared<Pool>(default_threads());
};
Current& current() {
  static Current* c = new Current;  // no Python, no waiting in here
  return *c;
}
std::shared_ptr<Pool> pool() {
  Current& c = current();
  std::lock_guard<std::mutex> g(c.mu);
  return c.pool;
}

}  // namespace

int num_threads() { return pool()->size(); }

void set_num_threads(int n) {
  Current& c = current();
  std::shared_ptr<Pool> old;  // joined outside the lock, once its last launch ends
  std::lock_guard<std::mutex> g(c.mu);
  if (std::max(1, n) == c.pool->size()) return;
  old = std::move(c.pool);
  c.pool = std::make_shared<Pool>(n);
}

void parallel_for(int ntasks, const std::function<void(int, int)>& fn) {
  std::shared_ptr<Pool> p = ntasks > 1 ? pool() : nullptr;
  if (!p || p->size() == 1) {
    for (int t = 0; t < ntasks; ++t) fn(t, ntasks);
    return;
  }
  p->run(ntasks, fn);
}

}  // namespace npt
