// The daemon's log: one line per event on stderr, "2025-03-01T08:00:00.123Z INFO  text".
// A tiny logger rather than spdlog to keep compile times short on 2-core build machines;
// lines are written whole under a mutex so threads never interleave inside a line.
#pragma once

#include <sstream>
#include <string>
#include <string_view>

namespace gt::ingest {

enum class LogLevel { Debug, Info, Warn, Error };

// Parses "debug", "info", "warn" (or "warning"), "error"; false when the name is unknown.
bool parseLogLevel(std::string_view name, LogLevel& out);
void setLogLevel(LogLevel level);
bool logEnabled(LogLevel level);
void writeLogLine(LogLevel level, std::string_view text);

template <typename... Parts>
void log(LogLevel level, const Parts&... parts) {
  if (!logEnabled(level)) return;
  std::ostringstream line;
  (line << ... << parts);
  writeLogLine(level, line.str());
}

template <typename... Parts>
void logDebug(const Parts&... parts) {
  log(LogLevel::Debug, parts...);
}
template <typename... Parts>
void logInfo(const Parts&... parts) {
  log(LogLevel::Info, parts...);
}
template <typename... Parts>
void logWarn(const Parts&... parts) {
  log(LogLevel::Warn, parts...);
}
template <typename... Parts>
void logError(const Parts&... parts) {
  log(LogLevel::Error, parts...);
}

// "2025-03-01T08:00:00.123Z" for a UTC time in ms; used in log lines and messages.
std::string formatUtc(long long utc_ms);

}  // namespace gt::ingest
