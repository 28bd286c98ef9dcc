// greentwin-entry's CSV history parser and typed times: every kind of bad line is reported by
// its line number and yields no row; good lines come out in UTC ms and canonical units.
#include <catch2/catch.hpp>

#include "history_csv.h"

using namespace gt;
using namespace gt::ingest;

namespace {
const std::unordered_map<std::string, std::string> kUnits{{"M-01.e", "kWh"}, {"M-01.p", "kW"}};
constexpr int kShanghai = 480;
// 2026-10-05T00:00Z
constexpr TimeMs kOct5Utc = 1'791'158'400'000;

bool hasProblem(const HistoryCsv& csv, std::size_t line, const std::string& part) {
  for (const HistoryCsvProblem& p : csv.problems) {
    if (p.line == line && p.why.find(part) != std::string::npos) return true;
  }
  return false;
}
}  // namespace

TEST_CASE("ISO 8601 times with and without an offset", "[entry]") {
  CHECK(parseEntryTime("2026-10-05T08:00+08:00", kShanghai) == kOct5Utc);
  CHECK(parseEntryTime("2026-10-05T00:00Z", kShanghai) == kOct5Utc);
  CHECK(parseEntryTime("2026-10-05T08:00+0800", 0) == kOct5Utc);
  CHECK(parseEntryTime("2026-10-05T08:00+08", 0) == kOct5Utc);
  // Without an offset: the site's local time (Asia/Shanghai, UTC+8).
  CHECK(parseEntryTime("2026-10-05 08:00", kShanghai) == kOct5Utc);
  CHECK(parseEntryTime("2026-10-05T08:00:30.25", kShanghai) == kOct5Utc + 30'250);
  CHECK(parseEntryTime("2026-10-04T20:00-04:00", kShanghai) == kOct5Utc);
  CHECK_FALSE(parseEntryTime("2026-10-05", kShanghai));
  CHECK_FALSE(parseEntryTime("2026-02-30T08:00", kShanghai));
  CHECK_FALSE(parseEntryTime("2026-10-05T24:00", kShanghai));
  CHECK_FALSE(parseEntryTime("2026-10-05T08:00+8", kShanghai));
  CHECK_FALSE(parseEntryTime("05/10/2026 08:00", kShanghai));
}

TEST_CASE("a good file: BOM skipped, columns in any order, units converted", "[entry]") {
  const std::string text =
      "\xEF\xBB\xBFvalue,point,time,unit\r\n"
      "100.5,M-01.e,2026-10-05T08:00+08:00,\r\n"
      "101500,M-01.e,2026-10-05T08:15+08:00,Wh\r\n"
      "\r\n"
      "\"2.5\",\"M-01.p\",2026-10-05 08:00,MW\r\n";
  const HistoryCsv csv = parseHistoryCsv(text, kUnits, kShanghai);
  CHECK(csv.problems.empty());
  CHECK(csv.lines_read == 3);
  REQUIRE(csv.rows.size() == 3);
  CHECK(csv.rows[0].line == 2);
  CHECK(csv.rows[0].point == "M-01.e");
  CHECK(csv.rows[0].t == kOct5Utc);
  CHECK(csv.rows[0].value == 100.5);
  CHECK(csv.rows[1].t == kOct5Utc + 15 * 60'000);
  CHECK(csv.rows[1].value == Approx(101.5));  // Wh -> kWh
  CHECK(csv.rows[2].line == 5);
  CHECK(csv.rows[2].value == Approx(2500.0));  // MW -> kW
}

TEST_CASE("each bad line is reported by number and stores nothing", "[entry]") {
  const std::string text =
      "point,time,value,unit\n"
      "M-01.e,2026-10-05T08:00+08:00,100,kWh\n"      // 2 good
      "M-01.e,2026-10-05T25:00+08:00,101,kWh\n"      // 3 bad time
      "M-09.e,2026-10-05T08:15+08:00,101,kWh\n"      // 4 unknown point
      "M-01.e,2026-10-05T08:15+08:00,1O1,kWh\n"      // 5 bad number (letter O)
      "M-01.e,2026-10-05T08:15+08:00,101,kW\n"       // 6 unit of another quantity
      "M-01.e,2026-10-05T08:15+08:00,101,furlong\n"  // 7 unknown unit
      "M-01.e,2026-10-05T08:00+08:00,100.2,kWh\n"    // 8 same point and time as line 2
      "M-01.e,2026-10-05T00:15Z\n"                   // 9 too few fields
      "M-01.e,2026-10-05T08:30+08:00,102,kWh\n";     // 10 good
  const HistoryCsv csv = parseHistoryCsv(text, kUnits, kShanghai);
  CHECK(csv.lines_read == 9);
  REQUIRE(csv.rows.size() == 2);
  CHECK(csv.rows[0].line == 2);
  CHECK(csv.rows[1].line == 10);
  CHECK(csv.problems.size() == 7);
  CHECK(hasProblem(csv, 3, "bad time '2026-10-05T25:00+08:00'"));
  CHECK(hasProblem(csv, 4, "unknown point 'M-09.e'"));
  CHECK(hasProblem(csv, 5, "bad number '1O1'"));
  CHECK(hasProblem(csv, 6, "unit 'kW' does not convert to M-01.e's unit 'kWh'"));
  CHECK(hasProblem(csv, 7, "unknown unit 'furlong'"));
  CHECK(hasProblem(csv, 8, "same point and time as line 2"));
  CHECK(hasProblem(csv, 9, "expected 4 fields, found 2"));
}

TEST_CASE("a file without the needed header columns is one problem on line 1", "[entry]") {
  const HistoryCsv csv =
      parseHistoryCsv("meter,when,reading\nM-01,2026-10-05T08:00,1\n", kUnits, kShanghai);
  CHECK(csv.rows.empty());
  REQUIRE(csv.problems.size() == 1);
  CHECK(csv.problems[0].line == 1);
  CHECK(hasProblem(csv, 1, "point, time and value"));
  CHECK(hasProblem(parseHistoryCsv("", kUnits, kShanghai), 1, "empty file"));
  CHECK(hasProblem(
      parseHistoryCsv("point,time,value\nM-01.e,\"2026-10-05T08:00,1\n", kUnits, kShanghai), 2,
      "unterminated quote"));
}
