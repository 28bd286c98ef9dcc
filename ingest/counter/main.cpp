// greentwin-counter: records a meter replacement (or a register reset) in the reading
// database, with the old meter's last reading and the new meter's first, who and why
// (docs/storage.md, "Counters"). When a greentwin-ingest writes the database (it holds its
// writer lock, writer_lock.h) the replacement goes to it as a "replaced" request: it stores
// it and applies it to the point's validation at once. Otherwise it is written directly, and
// the daemon reads it at its next start. Reports and KPIs apply it at once either way.
//   exit 0: recorded
//   exit 1: refused (unknown point, not cumulative, database error, daemon not answering)
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
#include "replacement_request.h"
#include "store_error.h"
#include "writer_lock.h"

int main(int argc, char** argv) {
  using namespace gt;
  using namespace gt::ingest;
  CLI::App app{"greentwin-counter: records a meter replacement for the energy totals"};
  app.require_subcommand(1);
  std::string site_file, db, request, point, at, by, why;
  int timeout_s = 10;
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
  replaced->add_option("--request", request,
                       "a running daemon's request endpoint (default: [ingest] request)");
  replaced->add_option("--timeout", timeout_s, "seconds to wait for the running daemon")
      ->check(CLI::Range(1, 600));
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
    bool daemon_runs = false;
    WriterLock lock;
    try {
      // Held while writing, so a daemon starting meanwhile reads the event at its start.
      lock = WriterLock::take(file);
    } catch (const StoreError&) {
      daemon_runs = true;  // the running greentwin-ingest holds it
    }
    if (daemon_runs) {
      const std::string endpoint = request.empty() ? site.ingest.request : request;
      counter::sendReplacement(endpoint,
                               wire::ReplacedRequest{point, *t, old_last, new_first, by, why},
                               std::chrono::seconds(timeout_s));
      std::printf(
          "recorded: %s replaced at %s, old meter's last reading %.3f, new meter's first %.3f. "
          "The running greentwin-ingest (%s) stored it and applies it from its next poll; "
          "reports use it at once.\n",
          point.c_str(), at.c_str(), old_last, new_first, endpoint.c_str());
      return 0;
    }
    recordCounterEvent(file, CounterEventRecord{point, CounterEvent{*t, old_last, new_first},
                                                "replacement", by, nowUtcMs(), why});
    std::printf(
        "recorded: %s replaced at %s, old meter's last reading %.3f, new meter's first %.3f. "
        "No greentwin-ingest writes %s: it applies it from its next start; reports use it at "
        "once.\n",
        point.c_str(), at.c_str(), old_last, new_first, file.string().c_str());
    return 0;
  } catch (const StoreError& e) {
    std::fprintf(stderr, "greentwin-counter: %s\n", e.what());
    return 1;
  } catch (const ConfigError& e) {
    std::fprintf(stderr, "greentwin-counter: %s\n", e.what());
    return 2;
  } catch (const std::runtime_error& e) {
    // The daemon refused or did not answer (replacement_request.h).
    std::fprintf(stderr, "greentwin-counter: %s\n", e.what());
    return 1;
  } catch (const std::exception& e) {
    std::fprintf(stderr, "greentwin-counter: %s\n", e.what());
    return 2;
  }
}
