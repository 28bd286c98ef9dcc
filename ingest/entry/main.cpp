// greentwin-entry: readings a person types in (a meter that cannot be read automatically) and
// another system's history imported from CSV, validated and stored like polled readings, with
// an audit row each (docs/storage.md, "Manual entry and import").
//   greentwin-entry reading --site site.toml --point M-04.ep_imp --value 123.4
//                   --at 2026-10-05T08:00+08:00 --by "张伟" --why "meter display" [--estimated]
//   greentwin-entry import --site site.toml --csv history.csv --by ... --why ... [--dry-run]
//                   [--strict]
// The readings go to the running greentwin-ingest ([ingest] request), or with --direct
// straight into the database when no daemon runs.
//   exit 0: every row stored (or already stored)
//   exit 1: some rows rejected, nothing stored (--strict), or no daemon / database
//   exit 2: bad command line or site file
#include <CLI/CLI.hpp>
#include <algorithm>
#include <cstdio>
#include <fstream>
#include <map>
#include <sstream>

#include "entry_session.h"
#include "greentwin/quality.h"
#include "greentwin/time_zone.h"
#include "greentwin/units.h"
#include "history_csv.h"
#include "store_error.h"

namespace {

using namespace gt;
using namespace gt::ingest;

struct Settings {
  std::string site_file, db, request, by, why;
  bool direct = false, dry_run = false, estimated = false;
  int timeout_s = 60;
};

// Totals over every chunk, for the closing summary.
struct Tally {
  std::size_t read = 0, stored = 0, duplicates = 0, rejected = 0;
  std::map<std::string, std::size_t> flagged;  // flag name -> stored rows carrying it
};

// Flags that say something is wrong with a row (not where it came from).
constexpr uint32_t kOriginFlags = quality::kManual | quality::kImported | quality::kEstimated;

void countResults(const wire::EnterRequest& request, const wire::EnterReply& reply, Tally& tally,
                  const std::string& label_prefix) {
  for (std::size_t i = 0; i < reply.results.size(); ++i) {
    const wire::EnterResult& r = reply.results[i];
    const std::string& source = request.rows[i].source;
    const std::string where = source == "cli" ? label_prefix : source;
    if (r.result == "stored") {
      ++tally.stored;
      const uint32_t problems = r.quality & ~kOriginFlags;
      if (problems != 0) {
        std::string names = qualityNames(problems);
        for (std::size_t start = 0; start <= names.size();) {
          const std::size_t comma = std::min(names.find(',', start), names.size());
          ++tally.flagged[names.substr(start, comma - start)];
          start = comma + 1;
        }
        std::printf("%s: %s with flags %s%s%s\n", where.c_str(),
                    request.dry_run ? "would be stored" : "stored", names.c_str(),
                    r.why.empty() ? "" : ": ", r.why.c_str());
      }
    } else if (r.result == "duplicate") {
      ++tally.duplicates;
    } else {
      ++tally.rejected;
      std::printf("%s: %s\n", where.c_str(), r.why.c_str());
    }
  }
}

void printSummary(const Tally& t, bool dry_run) {
  std::printf("%s: %zu rows read, %zu %s, %zu duplicate%s, %zu rejected",
              dry_run ? "dry run" : "done", t.read, t.stored,
              dry_run ? "would be stored" : "stored", t.duplicates, t.duplicates == 1 ? "" : "s",
              t.rejected);
  if (!t.flagged.empty()) {
    std::printf("; flagged:");
    for (const auto& [name, n] : t.flagged) std::printf(" %s %zu", name.c_str(), n);
  }
  std::printf("\n");
}

std::unique_ptr<EntrySession> openSession(const Settings& s, const SiteConfig& site) {
  if (s.direct) {
    return EntrySession::direct(site,
                                s.db.empty() ? site.ingest.database : std::filesystem::path(s.db));
  }
  return EntrySession::toDaemon(s.request.empty() ? site.ingest.request : s.request,
                                std::chrono::seconds(s.timeout_s));
}

int enterReading(const Settings& s, const SiteConfig& site, int offset, const std::string& point,
                 double value, const std::string& unit, const std::string& at) {
  std::unordered_map<std::string, std::string> units;
  for (const Meter& m : site.meters) {
    for (const RegisterPoint& rp : m.tmpl->points) units.emplace(pointId(m, rp), rp.canonical);
  }
  const auto canonical = units.find(point);
  if (canonical == units.end()) {
    std::fprintf(stderr, "greentwin-entry: unknown point '%s' (\"<meter>.<point>\" of %s)\n",
                 point.c_str(), s.site_file.c_str());
    return 2;
  }
  const std::optional<TimeMs> t = parseEntryTime(at, offset);
  if (!t) {
    std::fprintf(stderr,
                 "greentwin-entry: bad --at '%s' (ISO 8601 like 2026-10-05T08:00+08:00, or local "
                 "time without offset)\n",
                 at.c_str());
    return 2;
  }
  double canonical_value = value;
  if (!unit.empty() && unit != canonical->second) {
    const std::optional<UnitConversion> c = lookupUnit(unit);
    if (!c || c->canonical != canonical->second) {
      std::fprintf(stderr, "greentwin-entry: unit '%s' does not convert to %s's unit '%s'\n",
                   unit.c_str(), point.c_str(), canonical->second.c_str());
      return 2;
    }
    canonical_value = c->toCanonical(value);
  }
  wire::EnterRequest request;
  request.kind = "manual";
  request.by = s.by;
  request.why = s.why;
  request.estimated = s.estimated;
  request.dry_run = s.dry_run;
  request.rows.push_back(wire::EnterRow{point, *t, canonical_value, "cli"});
  auto session = openSession(s, site);
  const wire::EnterReply reply = session->send(request);
  Tally tally;
  tally.read = 1;
  countResults(request, reply, tally, point);
  printSummary(tally, s.dry_run);
  return tally.rejected == 0 ? 0 : 1;
}

int importCsv(const Settings& s, const SiteConfig& site, int offset, const std::string& csv,
              bool strict, std::size_t chunk) {
  std::ifstream in(csv, std::ios::binary);
  if (!in) {
    std::fprintf(stderr, "greentwin-entry: cannot read %s\n", csv.c_str());
    return 1;
  }
  std::ostringstream text;
  text << in.rdbuf();
  std::unordered_map<std::string, std::string> units;
  for (const Meter& m : site.meters) {
    for (const RegisterPoint& rp : m.tmpl->points) units.emplace(pointId(m, rp), rp.canonical);
  }
  HistoryCsv parsed = parseHistoryCsv(text.str(), units, offset);
  Tally tally;
  tally.read = parsed.lines_read;
  tally.rejected = parsed.problems.size();
  for (const HistoryCsvProblem& p : parsed.problems) {
    std::printf("%s:%zu: %s\n", csv.c_str(), p.line, p.why.c_str());
  }
  if (strict && !parsed.problems.empty()) {
    std::printf("--strict: nothing stored (%zu bad line%s)\n", parsed.problems.size(),
                parsed.problems.size() == 1 ? "" : "s");
    printSummary(Tally{tally.read, 0, 0, tally.rejected, {}}, true);
    return 1;
  }
  // Each point's rows in time order: an entered row is its successor's neighbour, and a chunk
  // touches few aggregate buckets.
  std::stable_sort(parsed.rows.begin(), parsed.rows.end(),
                   [](const HistoryCsvRow& a, const HistoryCsvRow& b) {
                     return a.point != b.point ? a.point < b.point : a.t < b.t;
                   });
  std::vector<wire::EnterRequest> requests;
  for (std::size_t first = 0; first < parsed.rows.size(); first += chunk) {
    wire::EnterRequest& r = requests.emplace_back();
    r.kind = "import";
    r.by = s.by;
    r.why = s.why;
    r.estimated = s.estimated;
    for (std::size_t i = first; i < std::min(parsed.rows.size(), first + chunk); ++i) {
      const HistoryCsvRow& row = parsed.rows[i];
      r.rows.push_back(
          wire::EnterRow{row.point, row.t, row.value, csv + ":" + std::to_string(row.line)});
    }
  }
  auto session = openSession(s, site);
  if (strict && !s.dry_run) {
    // All or nothing: a dry run of every chunk first; any rejected row stores nothing.
    Tally check;
    for (wire::EnterRequest& r : requests) {
      r.dry_run = true;
      const wire::EnterReply reply = session->send(r);
      countResults(r, reply, check, csv);
      r.dry_run = false;
    }
    if (check.rejected > 0) {
      std::printf("--strict: nothing stored (%zu rejected row%s)\n", check.rejected,
                  check.rejected == 1 ? "" : "s");
      check.read = tally.read;
      printSummary(check, true);
      return 1;
    }
  }
  for (wire::EnterRequest& r : requests) {
    r.dry_run = s.dry_run;
    const wire::EnterReply reply = session->send(r);
    countResults(r, reply, tally, csv);
  }
  printSummary(tally, s.dry_run);
  return tally.rejected == 0 ? 0 : 1;
}

}  // namespace

int main(int argc, char** argv) {
  CLI::App app{"greentwin-entry: enter readings by hand or import another system's history"};
  app.require_subcommand(1);
  Settings s;
  const auto common = [&s](CLI::App* sub) {
    sub->add_option("--site", s.site_file, "site file (site.toml)")->required();
    sub->add_option("--by", s.by, "who enters the readings (recorded in the audit)")->required();
    sub->add_option("--why", s.why, "why (recorded in the audit)")->required();
    sub->add_flag("--estimated", s.estimated, "the values are estimates, not meter readings");
    sub->add_flag("--dry-run", s.dry_run, "validate and report, store nothing");
    sub->add_flag("--direct", s.direct,
                  "write the database itself (only when no greentwin-ingest runs on it)");
    sub->add_option("--db", s.db, "with --direct: database (default: [ingest] database)");
    sub->add_option("--request", s.request,
                    "daemon's request endpoint (default: [ingest] request)");
    sub->add_option("--timeout", s.timeout_s, "seconds to wait for the daemon per request");
  };
  CLI::App* reading = app.add_subcommand("reading", "enter one reading read off a meter");
  common(reading);
  std::string point, at, unit;
  double value = 0;
  reading->add_option("--point", point, "\"<meter>.<point>\" of the site file")->required();
  reading->add_option("--value", value, "the reading")->required();
  reading->add_option("--unit", unit, "unit of --value (default: the point's canonical unit)");
  reading->add_option("--at", at, "when it was read: ISO 8601, local time without offset")
      ->required();
  CLI::App* import = app.add_subcommand("import", "import another system's history from CSV");
  common(import);
  std::string csv;
  bool strict = false;
  std::size_t chunk = 5000;
  import->add_option("--csv", csv, "CSV file: point,time,value[,unit] with a header row")
      ->required();
  import->add_flag("--strict", strict, "store nothing if any line is bad");
  import->add_option("--chunk", chunk, "rows per request")->check(CLI::Range(1, 100000));
  try {
    app.parse(argc, argv);
  } catch (const CLI::ParseError& e) {
    const int rc = app.exit(e);
    return rc == 0 ? 0 : 2;
  }

  SiteConfig site;
  try {
    site = loadSiteConfig(s.site_file);
  } catch (const ConfigError& e) {
    std::fprintf(stderr, "%s\n", e.what());
    return 2;
  }
  const std::optional<int> offset = fixedUtcOffsetMinutes(site.timezone);
  if (!offset) {
    std::fprintf(stderr, "greentwin-entry: [site] timezone '%s' has no fixed offset (known: %s)\n",
                 site.timezone.c_str(), knownFixedZones().c_str());
    return 2;
  }
  try {
    if (reading->parsed()) return enterReading(s, site, *offset, point, value, unit, at);
    return importCsv(s, site, *offset, csv, strict, chunk);
  } catch (const std::exception& e) {
    std::fprintf(stderr, "greentwin-entry: %s\n", e.what());
    return 1;
  }
}
