// EntryDesk on a real SQLite file through a real ReadingStore: entered readings get the live
// validation rules against their stored neighbours, their origin flags and an audit row each;
// duplicates and unknown points store nothing; a dry run stores nothing; and the writer lock
// keeps a second writer off a database in use.
#include <catch2/catch.hpp>

#include <sqlite3.h>

#include "entry_desk.h"
#include "greentwin/quality.h"
#include "ingest_test_support.h"
#include "reading_store.h"
#include "site_points.h"
#include "store_error.h"
#include "store_test_support.h"

using namespace gt;
using namespace gt::ingest;
using test::count;

namespace {
constexpr TimeMs kT0 = 1'791'158'400'000;  // 2026-10-05T00:00Z
constexpr TimeMs kMin = 60'000;

wire::EnterRequest request(std::string kind, std::vector<wire::EnterRow> rows) {
  wire::EnterRequest r;
  r.kind = std::move(kind);
  r.by = "张伟";
  r.why = "meter display; comm fault";
  r.rows = std::move(rows);
  return r;
}
}  // namespace

TEST_CASE("entered readings: flags from their neighbours, audit rows, duplicates", "[entry]") {
  test::TempDir dir;
  const auto file = dir.path() / "gt.db";
  const SiteConfig site = test::testSite(1);
  auto store = ReadingStore::open(file, sitePoints(site), 1);
  const int64_t e = store->pointIds().at("M-01.e");
  // Stored (polled) meter readings of the cumulative point at 0 and 30 min: 100 and 130 kWh.
  store->append({{e, kT0, 100.0, 0, {}}, {e, kT0 + 30 * kMin, 130.0, 0, {}}});
  auto desk = EntryDesk::open(site, file, *store);

  const wire::EnterReply reply = desk->enter(request(
      "manual", {
                    {"M-01.e", kT0 + 10 * kMin, 110.0, "cli"},  // between its neighbours: good
                    {"M-01.e", kT0 + 20 * kMin, 105.0, "cli"},  // below the 110 entered before
                    {"M-01.e", kT0 + 25 * kMin, 140.0, "cli"},  // above the stored 130 after it
                    {"M-01.e", kT0, 99.0, "cli"},               // already stored
                    {"M-07.e", kT0, 1.0, "cli"},                // not in the site file
                    {"M-01.p", kT0, 5000.0, "cli"},             // beyond max = 1000 kW
                }));
  REQUIRE(reply.results.size() == 6);
  CHECK(reply.results[0].result == "stored");
  CHECK(reply.results[0].quality == quality::kManual);
  CHECK(reply.results[1].result == "stored");
  CHECK(reply.results[1].quality == (quality::kManual | quality::kRegressed));
  CHECK(reply.results[2].quality == (quality::kManual | quality::kRegressed));
  CHECK(reply.results[2].why.find("next stored reading 130") != std::string::npos);
  CHECK(reply.results[3].result == "duplicate");
  CHECK(reply.results[4].result == "rejected");
  CHECK(reply.results[4].why.find("unknown point 'M-07.e'") != std::string::npos);
  CHECK(reply.results[5].quality == (quality::kManual | quality::kOutOfRange));

  CHECK(count(file, "SELECT COUNT(*) FROM reading") == 2 + 4);
  CHECK(count(file, "SELECT value FROM reading WHERE point=" + std::to_string(e) +
                        " AND t=" + std::to_string(kT0)) == 100);  // the duplicate left it
  CHECK(count(file, "SELECT COUNT(*) FROM entry") == 6);
  CHECK(count(file, "SELECT COUNT(*) FROM entry WHERE result='duplicate' AND kind='manual'") == 1);
  CHECK(count(file,
              "SELECT COUNT(*) FROM entry WHERE result LIKE 'rejected: unknown point%' AND "
              "entered_by='张伟' AND source='cli'") == 1);

  // Imported and estimated: other origin flags; a dry run answers the same, stores nothing.
  auto import = request("import", {{"M-01.e", kT0 + 40 * kMin, 150.0, "h.csv:2"}});
  import.estimated = true;
  import.dry_run = true;
  CHECK(desk->enter(import).results[0].quality == (quality::kImported | quality::kEstimated));
  CHECK(count(file, "SELECT COUNT(*) FROM reading") == 6);
  CHECK(count(file, "SELECT COUNT(*) FROM entry") == 6);
  import.dry_run = false;
  CHECK(desk->enter(import).results[0].result == "stored");
  CHECK(desk->enter(import).results[0].result == "duplicate");
  CHECK(count(file, "SELECT COUNT(*) FROM reading") == 7);
  CHECK(count(file, "SELECT quality FROM reading WHERE t=" + std::to_string(kT0 + 40 * kMin)) ==
        (quality::kImported | quality::kEstimated));
}

TEST_CASE("a second writer is refused while the first holds the database", "[entry]") {
  test::TempDir dir;
  const auto file = dir.path() / "gt.db";
  const SiteConfig site = test::testSite(1);
  {
    auto first = ReadingStore::open(file, sitePoints(site), 1);
    try {
      ReadingStore::open(file, sitePoints(site), 2);
      FAIL("a second writer opened the database");
    } catch (const StoreError& e) {
      CHECK(std::string(e.what()).find("another process") != std::string::npos);
    }
  }
  // Released with the first store: the database opens again.
  CHECK_NOTHROW(ReadingStore::open(file, sitePoints(site), 3));
}
