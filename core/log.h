// Logging through spdlog; the level comes from NPT_LOG_LEVEL
// (trace, debug, info, warn, error, off; default warn).
#pragma once
#include <spdlog/spdlog.h>

namespace npt {
spdlog::logger& log();
}  // namespace npt
