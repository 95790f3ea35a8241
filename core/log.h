// Logging through spdlog; the level comes from NPT_LOG_LEVEL
// (trace, debug, info, warn, error, off; default warn). Where spdlog is not
// installed (the GPU machines), a small stand-in prints the same messages
// with their arguments appended.
#pragma once
#ifndef NPT_NO_SPDLOG
#include <spdlog/spdlog.h>

namespace npt {
spdlog::logger& log();
}  // namespace npt
#else
#include <iostream>
#include <sstream>

namespace npt {
class Logger {
 public:
  explicit Logger(int level) : level_(level) {}
  template <class... A> void trace(const char* f, const A&... a) { emit(0, f, a...); }
  template <class... A> void debug(const char* f, const A&... a) { emit(1, f, a...); }
  template <class... A> void info(const char* f, const A&... a) { emit(2, f, a...); }
  template <class... A> void warn(const char* f, const A&... a) { emit(3, f, a...); }
  template <class... A> void error(const char* f, const A&... a) { emit(4, f, a...); }

 private:
  template <class... A> void emit(int level, const char* f, const A&... a) {
    if (level < level_) return;
    std::ostringstream os;
    os << "[npt] " << f;
    ((os << " | " << a), ...);
    std::cerr << os.str() << "\n";
  }
  int level_;
};
Logger& log();
}  // namespace npt
#endif
