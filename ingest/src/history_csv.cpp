// CSV history and typed time stamps for greentwin-entry (see history_csv.h).
#include "history_csv.h"

#include <algorithm>
#include <charconv>
#include <chrono>
#include <cmath>
#include <map>
#include <utility>

#include "greentwin/units.h"

namespace gt::ingest {

namespace {

bool digits(std::string_view s, std::size_t pos, std::size_t n, int& out) {
  if (pos + n > s.size()) return false;
  out = 0;
  for (std::size_t i = pos; i < pos + n; ++i) {
    if (s[i] < '0' || s[i] > '9') return false;
    out = out * 10 + (s[i] - '0');
  }
  return true;
}

std::string_view trim(std::string_view s) {
  while (!s.empty() && (s.front() == ' ' || s.front() == '\t')) s.remove_prefix(1);
  while (!s.empty() && (s.back() == ' ' || s.back() == '\t' || s.back() == '\r')) {
    s.remove_suffix(1);
  }
  return s;
}

// Splits one line into fields; false on an unterminated quote.
bool splitFields(std::string_view line, std::vector<std::string>& fields) {
  fields.clear();
  std::string field;
  bool quoted = false;
  for (std::size_t i = 0; i < line.size(); ++i) {
    const char c = line[i];
    if (quoted) {
      if (c == '"' && i + 1 < line.size() && line[i + 1] == '"') {
        field += '"';
        ++i;
      } else if (c == '"') {
        quoted = false;
      } else {
        field += c;
      }
    } else if (c == '"' && trim(field).empty()) {
      field.clear();
      quoted = true;
    } else if (c == ',') {
      fields.emplace_back(trim(field));
      field.clear();
    } else {
      field += c;
    }
  }
  if (quoted) return false;
  fields.emplace_back(trim(field));
  return true;
}

std::optional<double> parseNumber(std::string_view s) {
  if (s.empty()) return std::nullopt;
  if (s.front() == '+') s.remove_prefix(1);
  double v = 0;
  const auto [end, ec] = std::from_chars(s.data(), s.data() + s.size(), v);
  if (ec != std::errc{} || end != s.data() + s.size() || !std::isfinite(v)) return std::nullopt;
  return v;
}

}  // namespace

std::optional<TimeMs> parseEntryTime(std::string_view s, int utc_offset_minutes) {
  s = trim(s);
  int year, month, day, hour, minute, second = 0, millis = 0;
  if (!digits(s, 0, 4, year) || s.size() < 16 || s[4] != '-' || !digits(s, 5, 2, month) ||
      s[7] != '-' || !digits(s, 8, 2, day) || (s[10] != 'T' && s[10] != ' ') ||
      !digits(s, 11, 2, hour) || s[13] != ':' || !digits(s, 14, 2, minute)) {
    return std::nullopt;
  }
  std::size_t pos = 16;
  if (pos < s.size() && s[pos] == ':') {
    if (!digits(s, pos + 1, 2, second)) return std::nullopt;
    pos += 3;
    if (pos < s.size() && s[pos] == '.') {
      // Milliseconds: up to 3 digits count, more are accepted and cut.
      std::size_t n = 0;
      ++pos;
      while (pos < s.size() && s[pos] >= '0' && s[pos] <= '9') {
        if (n < 3) millis = millis * 10 + (s[pos] - '0');
        ++n;
        ++pos;
      }
      if (n == 0) return std::nullopt;
      for (std::size_t k = n; k < 3; ++k) millis *= 10;
    }
  }
  int offset = utc_offset_minutes;
  if (pos < s.size()) {
    const std::string_view zone = s.substr(pos);
    if (zone == "Z") {
      offset = 0;
    } else if (zone[0] == '+' || zone[0] == '-') {
      int oh = 0, om = 0;  // +08, +0800 or +08:00
      const bool ok =
          (zone.size() == 3 && digits(zone, 1, 2, oh)) ||
          (zone.size() == 5 && digits(zone, 1, 2, oh) && digits(zone, 3, 2, om)) ||
          (zone.size() == 6 && digits(zone, 1, 2, oh) && zone[3] == ':' && digits(zone, 4, 2, om));
      if (!ok || oh > 14 || om > 59) return std::nullopt;
      offset = (zone[0] == '-' ? -1 : 1) * (oh * 60 + om);
    } else {
      return std::nullopt;
    }
  }
  const std::chrono::year_month_day date{std::chrono::year(year),
                                         std::chrono::month(static_cast<unsigned>(month)),
                                         std::chrono::day(static_cast<unsigned>(day))};
  if (!date.ok() || hour > 23 || minute > 59 || second > 59) return std::nullopt;
  const TimeMs days = std::chrono::sys_days(date).time_since_epoch().count();
  return ((days * 24 + hour) * 60 + minute - offset) * 60'000LL + second * 1000LL + millis;
}

HistoryCsv parseHistoryCsv(std::string_view text,
                           const std::unordered_map<std::string, std::string>& canonical_units,
                           int utc_offset_minutes) {
  HistoryCsv out;
  if (text.substr(0, 3) == "\xEF\xBB\xBF") text.remove_prefix(3);
  std::vector<std::string> fields;
  int col_point = -1, col_time = -1, col_value = -1, col_unit = -1;
  bool header_seen = false;
  std::map<std::pair<std::string, TimeMs>, std::size_t> first_line;
  std::size_t line_no = 0;
  while (!text.empty()) {
    const std::size_t nl = text.find('\n');
    const std::string_view line = trim(text.substr(0, nl));
    text.remove_prefix(nl == std::string_view::npos ? text.size() : nl + 1);
    ++line_no;
    if (line.empty()) continue;
    const bool split = splitFields(line, fields);
    if (!header_seen) {
      header_seen = true;
      for (std::size_t i = 0; split && i < fields.size(); ++i) {
        const int col = static_cast<int>(i);
        if (fields[i] == "point") col_point = col;
        if (fields[i] == "time") col_time = col;
        if (fields[i] == "value") col_value = col;
        if (fields[i] == "unit") col_unit = col;
      }
      if (col_point < 0 || col_time < 0 || col_value < 0) {
        out.problems.push_back({line_no,
                                "the header row must name the columns point, time and value (and "
                                "optionally unit), separated by commas"});
        return out;
      }
      continue;
    }
    ++out.lines_read;
    const auto problem = [&](std::string why) {
      out.problems.push_back({line_no, std::move(why)});
    };
    if (!split) {
      problem("unterminated quote");
      continue;
    }
    const std::size_t needed =
        static_cast<std::size_t>(std::max({col_point, col_time, col_value, col_unit})) + 1;
    if (fields.size() < needed) {
      problem("expected " + std::to_string(needed) + " fields, found " +
              std::to_string(fields.size()));
      continue;
    }
    const std::string& point = fields[static_cast<std::size_t>(col_point)];
    const std::string& time = fields[static_cast<std::size_t>(col_time)];
    const std::string& value_text = fields[static_cast<std::size_t>(col_value)];
    const auto canonical = canonical_units.find(point);
    if (canonical == canonical_units.end()) {
      problem("unknown point '" + point + "' (not in the site file; \"<meter>.<point>\")");
      continue;
    }
    const std::optional<TimeMs> t = parseEntryTime(time, utc_offset_minutes);
    if (!t) {
      problem("bad time '" + time +
              "' (expected ISO 8601 like 2026-10-05T08:00+08:00, or local time without offset)");
      continue;
    }
    std::optional<double> value = parseNumber(value_text);
    if (!value) {
      problem("bad number '" + value_text + "'");
      continue;
    }
    if (col_unit >= 0) {
      const std::string& unit = fields[static_cast<std::size_t>(col_unit)];
      if (!unit.empty() && unit != canonical->second) {
        const std::optional<UnitConversion> conversion = lookupUnit(unit);
        if (!conversion) {
          problem("unknown unit '" + unit + "' (known: " + knownUnitNames() + ")");
          continue;
        }
        if (conversion->canonical != canonical->second) {
          problem("unit '" + unit + "' does not convert to " + point + "'s unit '" +
                  canonical->second + "'");
          continue;
        }
        value = conversion->toCanonical(*value);
      }
    }
    const auto [it, fresh] = first_line.emplace(std::make_pair(point, *t), line_no);
    if (!fresh) {
      problem("same point and time as line " + std::to_string(it->second));
      continue;
    }
    out.rows.push_back(HistoryCsvRow{line_no, point, *t, *value});
  }
  if (!header_seen) out.problems.push_back({1, "empty file: no header row"});
  return out;
}

}  // namespace gt::ingest
