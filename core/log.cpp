// The npt logger: stderr sink, level from NPT_LOG_LEVEL; also hosts
// internal_fail, which turns a broken invariant into an InternalError.
#include "core/log.h"

#include <cstdlib>
#include <cstring>

#include "core/error.h"
#ifndef NPT_NO_SPDLOG
#include <spdlog/sinks/stdout_color_sinks.h>
#endif

namespace npt {

#ifdef NPT_NO_SPDLOG
Logger& log() {
  static Logger logger = [] {
    const char* names[] = {"trace", "debug", "info", "warn", "error", "critical", "off"};
    const char* lvl = std::getenv("NPT_LOG_LEVEL");
    int level = 3;
    for (int i = 0; lvl && i < 7; ++i)
      if (std::strcmp(lvl, names[i]) == 0) level = i;
    return Logger(level);
  }();
  return logger;
}
#else
spdlog::logger& log() {
  static std::shared_ptr<spdlog::logger> logger = [] {
    auto l = spdlog::stderr_color_mt("npt");
    const char* lvl = std::getenv("NPT_LOG_LEVEL");
    l->set_level(lvl ? spdlog::level::from_str(lvl) : spdlog::level::warn);
    l->set_pattern("[npt %l] %v");
    return l;
  }();
  return *logger;
}
#endif

void internal_fail(const char* cond, const char* file, int line, const std::string& msg) {
  std::string text = std::string("npt internal error: ") + msg + " (" + cond + " at " + file +
                     ":" + std::to_string(line) + ")";
  log().error("{}", text);
  throw InternalError(text);
}

}  // namespace npt
