// Shared by the report tests: a reading database built with the schema of docs/storage.md in a
// temporary folder, and the demo site with bindings given as text.
#pragma once

#include <sqlite3.h>
#include <unistd.h>

#include <chrono>
#include <filesystem>
#include <stdexcept>
#include <string>
#include <vector>

#include "accounting_bindings.h"
#include "greentwin/clock.h"
#include "greentwin/site_config.h"

namespace gt::report::testing {

// A fresh folder under the system's temporary directory, removed by the destructor.
class TempFolder {
 public:
  explicit TempFolder(const std::string& name)
      : path_(std::filesystem::temp_directory_path() / (name + "-" + std::to_string(::getpid()))) {
    std::filesystem::remove_all(path_);
    std::filesystem::create_directories(path_);
  }
  ~TempFolder() {
    std::error_code ec;
    std::filesystem::remove_all(path_, ec);
  }
  const std::filesystem::path& path() const { return path_; }

 private:
  std::filesystem::path path_;
};

// UTC ms of a local Asia/Shanghai (UTC+8) time, the demo site's zone.
inline TimeMs local(int y, unsigned mo, unsigned d, int h = 0, int mi = 0) {
  using namespace std::chrono;
  const sys_days day{year{y} / month{mo} / d};
  return duration_cast<milliseconds>(day.time_since_epoch()).count() + int64_t{h - 8} * 3'600'000 +
         int64_t{mi} * 60'000;
}

struct TestReading {
  std::string point;
  TimeMs t;
  double value;
  uint32_t quality = 0;
};

// Creates `file` with the tables of docs/storage.md (schema version 1) and the rows.
inline void writeReadingDb(const std::filesystem::path& file,
                           const std::vector<std::pair<std::string, std::string>>& points,
                           const std::vector<TestReading>& readings) {
  sqlite3* db = nullptr;
  if (sqlite3_open(file.c_str(), &db) != SQLITE_OK) throw std::runtime_error("open");
  auto exec = [&](const std::string& sql) {
    char* error = nullptr;
    if (sqlite3_exec(db, sql.c_str(), nullptr, nullptr, &error) != SQLITE_OK) {
      const std::string message = error ? error : "?";
      sqlite3_free(error);
      sqlite3_close(db);
      throw std::runtime_error(sql + ": " + message);
    }
  };
  exec(
      "CREATE TABLE meta(key TEXT PRIMARY KEY, value TEXT NOT NULL) WITHOUT ROWID;"
      "INSERT INTO meta VALUES('schema_version','1');"
      "CREATE TABLE point(id INTEGER PRIMARY KEY, name TEXT NOT NULL UNIQUE, meter TEXT, "
      "equipment TEXT, area TEXT, unit TEXT, kind TEXT);"
      "CREATE TABLE reading(point INTEGER NOT NULL, t INTEGER NOT NULL, value REAL, "
      "quality INTEGER NOT NULL, PRIMARY KEY(point, t)) WITHOUT ROWID;");
  int id = 0;
  for (const auto& [name, unit] : points) {
    exec("INSERT INTO point(id, name, meter, unit, kind) VALUES(" + std::to_string(++id) + ",'" +
         name + "','" + name.substr(0, name.find('.')) + "','" + unit + "','cumulative')");
  }
  for (const TestReading& r : readings) {
    exec("INSERT INTO reading SELECT id, " + std::to_string(r.t) + ", " + std::to_string(r.value) +
         ", " + std::to_string(r.quality) + " FROM point WHERE name = '" + r.point + "'");
  }
  sqlite3_close(db);
}

inline SiteConfig demoSite() {
  return loadSiteConfig(std::filesystem::path(GREENTWIN_SOURCE_DIR) / "assets/demo/site.toml");
}

// The [[point]] binding of an electricity meter point in `role` (purchased, exported,
// own_generation, submeter), as bindings text.
inline std::string electricityPoint(const std::string& point, const std::string& role) {
  return "\n[[point]]\npoint = \"" + point + "\"\ncarrier = \"electricity\"\nrole = \"" + role +
         "\"\n";
}

// The binding most report tests start from: the grid incomer M-01.ep_imp, purchased electricity.
inline const std::string kGridImportPoint = electricityPoint("M-01.ep_imp", "purchased");
// The demo site's grid export, PV output and machining sub-meter.
inline const std::string kGridExportPoint = electricityPoint("M-01.ep_exp", "exported");
inline const std::string kPvPoint = electricityPoint("M-18.e_total", "own_generation");
inline const std::string kMachiningSubmeterPoint = electricityPoint("M-02.ep_imp", "submeter");

// The product the intensity and KPI tests enter output for: aluminium profile, in tonnes.
inline const std::string kProfileProduct =
    "\n[[product]]\nid = \"profile\"\nname_zh = \"铝型材\"\nname_en = \"aluminium profile\"\n"
    "unit = \"t\"\n";

// Bindings text with the shipped factor folder.
inline std::string bindingsHeader(const std::string& extra = "") {
  return "[accounting]\nfactors = \"" + std::string(GREENTWIN_SOURCE_DIR) + "/assets/factors\"\n" +
         extra + "\n";
}

}  // namespace gt::report::testing
