// greentwin-counter: records a meter replacement (or a register reset) in the reading
// database, with the old meter's last reading and the new meter's first, who and why
// (docs/storage.md, "Counters"). Reports and KPIs apply it at once; the daemon from its next
// start (it reads the events when its counters resume).
//   exit 0: recorded
//   exit 1: the database refused it (unknown point, not cumulative, database error)
//   exit 2: bad command line or site file
#include <CLI/CLI.hpp>
#include <cstdio>
#include <exception>
#include <string>

#include "counter_ledger.h"
#include "greentwin/clock.h"
#include "greentwin/site_config.h"
#include "greentwin/time_zone.h"
#include "history_csv.h"
#include "store_error.h"

int main(int argc, char** argv) {
  using namespace gt;
  using namespace gt::ingest;
  CLI::App app{"greentwin-counter: records a meter replacement for the energy totals"};
  app.require_subcommand(1);
  std::string site_file, db, point, at, by, why;
  double old_last = 0, new_first = 0;
  CLI::App* replaced = app.add_subcommand(
      "replaced", "a meter (or its register) was replaced or reset: its last and first readings");
  replaced->add_option("--site", site_file, "site file (site.toml)")->required();
  replaced->add_option("--db", db, "SQLite database (default: [ingest] database of the site)");
  replaced->add_option("--point", point, "cumulative point, <meter>.<point> (M-04.ep_imp)")
      ->required();
  replaced
      ->add_option("--at", at,
                   "when the new meter took over: 2026-10-05T08:00+08:00, or local site time")
      ->required();
  replaced->add_option("--old-last", old_last, "the old meter's last reading, canonical unit")
      ->required();
  replaced->add_option("--new-first", new_first, "the new meter's first reading, canonical unit")
      ->required();
  replaced->add_option("--by", by, "who records it")->required();
  replaced->add_option("--why", why, "why (work order, meter serial numbers)")->required();
  CLI11_PARSE(app, argc, argv);

  try {
    const SiteConfig site = loadSiteConfig(site_file);
    const std::optional<int> offset = fixedUtcOffsetMinutes(site.timezone);
    if (!offset) {
      std::fprintf(stderr, "greentwin-counter: [site] timezone '%s' has no fixed UTC offset\n",
                   site.timezone.c_str());
      return 2;
    }
    const std::optional<TimeMs> t = parseEntryTime(at, *offset);
    if (!t) {
      std::fprintf(stderr,
                   "greentwin-counter: --at '%s' is not a time like 2026-10-05T08:00+08:00\n",
                   at.c_str());
      return 2;
    }
    if (old_last < 0 || new_first < 0) {
      std::fprintf(stderr, "greentwin-counter: meter readings cannot be negative\n");
      return 2;
    }
    const std::filesystem::path file =
        db.empty() ? site.ingest.database : std::filesystem::path(db);
    recordCounterEvent(file, CounterEventRecord{point, CounterEvent{*t, old_last, new_first},
                                                "replacement", by, nowUtcMs(), why});
    std::printf(
        "recorded: %s replaced at %s, old meter's last reading %.3f, new meter's first %.3f. "
        "Reports use it at once; a running greentwin-ingest from its next start.\n",
        point.c_str(), at.c_str(), old_last, new_first);
    return 0;
  } catch (const StoreError& e) {
    std::fprintf(stderr, "greentwin-counter: %s\n", e.what());
    return 1;
  } catch (const std::exception& e) {
    std::fprintf(stderr, "greentwin-counter: %s\n", e.what());
    return 2;
  }
}
