// The npt logger: stderr sink, level from NPT_LOG_LEVEL; also hosts
// internal_fail, which turns a broken invariant into an InternalError.
#include "core/log.h"

#include <spdlog/sinks/stdout_color_sinks.h>

#include <cstdlib>

#include "core/error.h"

namespace npt {

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

void internal_fail(const char* cond, const char* file, int line, const std::string& msg) {
  std::string text = std::string("npt internal error: ") + msg + " (" + cond + " at " + file +
                     ":" + std::to_string(line) + ")";
  log().error("{}", text);
  throw InternalError(text);
}

}  // namespace npt
