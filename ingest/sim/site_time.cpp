// Local calendar of the site, parsing and printing of times (see site_time.h).
#include "site_time.h"

#include <charconv>
#include <cstdio>

namespace gt::sim {
namespace {

int64_t floorDiv(int64_t a, int64_t b) {
  return a / b - ((a % b != 0) && ((a < 0) != (b < 0)));
}

struct CivilDate {
  int year;
  unsigned month, day;
};

// Inverse of daysFromCivil (H. Hinnant, "chrono-Compatible Low-Level Date Algorithms").
CivilDate civilFromDays(int64_t z) {
  z += 719468;
  const int64_t era = floorDiv(z, 146097);
  const auto doe = static_cast<unsigned>(z - era * 146097);
  const unsigned yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
  const unsigned doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
  const unsigned mp = (5 * doy + 2) / 153;
  const unsigned d = doy - (153 * mp + 2) / 5 + 1;
  const unsigned m = mp < 10 ? mp + 3 : mp - 9;
  return {static_cast<int>(yoe + era * 400 + (m <= 2)), m, d};
}

std::nullopt_t fail(std::string* why, std::string text) {
  if (why) *why = std::move(text);
  return std::nullopt;
}

// Reads exactly `width` digits at `pos`.
// "'<text>'<rest>", built by appending: GCC 12 warns falsely (-Wrestrict) on operator+ chains.
std::string quoted(std::string_view text, std::string_view rest) {
  std::string out = "'";
  out.append(text).append("'").append(rest);
  return out;
}

bool readDigits(std::string_view s, size_t& pos, size_t width, int& out) {
  if (pos + width > s.size()) return false;
  const char* first = s.data() + pos;
  auto [end, ec] = std::from_chars(first, first + width, out);
  if (ec != std::errc() || end != first + width) return false;
  pos += width;
  return true;
}

bool expect(std::string_view s, size_t& pos, char c) {
  if (pos >= s.size() || s[pos] != c) return false;
  ++pos;
  return true;
}

}  // namespace

int64_t daysFromCivil(int year, unsigned month, unsigned day) {
  const int64_t y = static_cast<int64_t>(year) - (month <= 2);
  const int64_t era = floorDiv(y, 400);
  const auto yoe = static_cast<unsigned>(y - era * 400);
  const unsigned doy = (153 * (month > 2 ? month - 3 : month + 9) + 2) / 5 + day - 1;
  const unsigned doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
  return era * 146097 + static_cast<int64_t>(doe) - 719468;
}

LocalTime localTimeOf(TimeMs t) {
  const TimeMs local = t + kSiteUtcOffsetMs;
  LocalTime lt;
  lt.day = floorDiv(local, kDayMs);
  lt.hour = static_cast<double>(local - lt.day * kDayMs) / static_cast<double>(kHourMs);
  lt.weekday = static_cast<int>(((lt.day % 7) + 7 + 3) % 7);  // 1970-01-01 was a Thursday
  const CivilDate date = civilFromDays(lt.day);
  lt.day_of_year = static_cast<int>(lt.day - daysFromCivil(date.year, 1, 1));
  return lt;
}

TimeMs localMidnightOf(int64_t local_day) {
  return local_day * kDayMs - kSiteUtcOffsetMs;
}

std::optional<TimeMs> parseTimePoint(std::string_view text, std::string* why) {
  if (text.empty()) return fail(why, "empty time");
  if (text.find_first_not_of("0123456789") == std::string_view::npos) {
    TimeMs ms = 0;
    auto [end, ec] = std::from_chars(text.data(), text.data() + text.size(), ms);
    if (ec != std::errc() || end != text.data() + text.size()) {
      return fail(why, quoted(text, " is not a millisecond count"));
    }
    return ms;
  }
  const std::string bad = quoted(
      text, " is not a time; expected epoch milliseconds or YYYY-MM-DDTHH:MM[:SS][Z|+HH:MM]");
  size_t pos = 0;
  int year = 0, month = 0, day = 0, hour = 0, minute = 0, second = 0, millis = 0;
  if (!readDigits(text, pos, 4, year) || !expect(text, pos, '-') ||
      !readDigits(text, pos, 2, month) || !expect(text, pos, '-') ||
      !readDigits(text, pos, 2, day)) {
    return fail(why, bad);
  }
  if (pos < text.size()) {
    if (text[pos] != 'T' && text[pos] != ' ') return fail(why, bad);
    ++pos;
    if (!readDigits(text, pos, 2, hour) || !expect(text, pos, ':') ||
        !readDigits(text, pos, 2, minute)) {
      return fail(why, bad);
    }
    if (pos < text.size() && text[pos] == ':') {
      ++pos;
      if (!readDigits(text, pos, 2, second)) return fail(why, bad);
      if (pos < text.size() && text[pos] == '.') {
        ++pos;
        const size_t first = pos;
        while (pos < text.size() && text[pos] >= '0' && text[pos] <= '9') ++pos;
        std::string frac(text.substr(first, pos - first));
        if (frac.empty()) return fail(why, bad);
        frac.resize(3, '0');
        millis = std::stoi(frac);
      }
    }
  }
  TimeMs offset = kSiteUtcOffsetMs;  // no zone: the site's own clock, as plant people write it
  if (pos < text.size()) {
    if (text[pos] == 'Z') {
      offset = 0;
      ++pos;
    } else if (text[pos] == '+' || text[pos] == '-') {
      const int sign = text[pos] == '-' ? -1 : 1;
      ++pos;
      int oh = 0, om = 0;
      if (!readDigits(text, pos, 2, oh) || !expect(text, pos, ':') ||
          !readDigits(text, pos, 2, om)) {
        return fail(why, bad);
      }
      offset = sign * (oh * kHourMs + om * 60'000);
    }
  }
  if (pos != text.size()) return fail(why, bad);
  if (month < 1 || month > 12 || day < 1 || day > 31 || hour > 23 || minute > 59 || second > 60) {
    return fail(why, quoted(text, " has a field out of range"));
  }
  const int64_t days =
      daysFromCivil(year, static_cast<unsigned>(month), static_cast<unsigned>(day));
  return days * kDayMs + hour * kHourMs + minute * 60'000 + second * 1000 + millis - offset;
}

std::string formatLocalTime(TimeMs t) {
  const LocalTime lt = localTimeOf(t);
  const CivilDate date = civilFromDays(lt.day);
  const TimeMs ms_of_day = t + kSiteUtcOffsetMs - lt.day * kDayMs;
  const auto s = static_cast<int>(ms_of_day / 1000);
  char buf[40];
  std::snprintf(buf, sizeof buf, "%04d-%02u-%02uT%02d:%02d:%02d+08:00", date.year, date.month,
                date.day, s / 3600, s / 60 % 60, s % 60);
  return buf;
}

}  // namespace gt::sim
