// Implementation of the stderr logger (see log.h).
#include "log.h"

#include <atomic>
#include <cstdio>
#include <ctime>
#include <mutex>

#include "greentwin/clock.h"

namespace gt::ingest {
namespace {
std::atomic<LogLevel> g_level{LogLevel::Info};
std::mutex g_write;

const char* levelName(LogLevel level) {
  switch (level) {
    case LogLevel::Debug:
      return "DEBUG";
    case LogLevel::Info:
      return "INFO ";
    case LogLevel::Warn:
      return "WARN ";
    case LogLevel::Error:
      return "ERROR";
  }
  return "?";
}
}  // namespace

bool parseLogLevel(std::string_view name, LogLevel& out) {
  if (name == "debug")
    out = LogLevel::Debug;
  else if (name == "info")
    out = LogLevel::Info;
  else if (name == "warn" || name == "warning")
    out = LogLevel::Warn;
  else if (name == "error")
    out = LogLevel::Error;
  else
    return false;
  return true;
}

void setLogLevel(LogLevel level) {
  g_level.store(level);
}

bool logEnabled(LogLevel level) {
  return level >= g_level.load();
}

std::string formatUtc(long long utc_ms) {
  const std::time_t seconds = static_cast<std::time_t>(utc_ms / 1000);
  std::tm tm{};
  gmtime_r(&seconds, &tm);
  char text[96];
  std::snprintf(text, sizeof text, "%04d-%02d-%02dT%02d:%02d:%02d.%03dZ", tm.tm_year + 1900,
                tm.tm_mon + 1, tm.tm_mday, tm.tm_hour, tm.tm_min, tm.tm_sec,
                static_cast<int>(utc_ms % 1000));
  return text;
}

void writeLogLine(LogLevel level, std::string_view text) {
  const std::string stamp = formatUtc(nowUtcMs());
  std::lock_guard lock(g_write);
  std::fprintf(stderr, "%s %s %.*s\n", stamp.c_str(), levelName(level),
               static_cast<int>(text.size()), text.data());
  std::fflush(stderr);
}

}  // namespace gt::ingest
