// Typed reading of one TOML table for every file the project parses (site.toml, the factor and
// score tables, accounting.toml, the green-factory input). Every error is a gt::ConfigError
// reading "file:line:col: <what>: <problem>", as a compiler would say it, and keys nobody read
// are reported as unknown (typos are common).
// toml++ is heavy: include this header only from the .cpp files that parse TOML, never from a
// header that others include.
#pragma once

#include <array>
#include <cstdint>
#include <filesystem>
#include <set>
#include <string>
#include <string_view>

#include <toml++/toml.h>

#include "greentwin/site_config.h"  // ConfigError

namespace gt {

// "file:line:col" of a place in a TOML file.
std::string tomlLocation(const std::string& file, const toml::source_region& where);

// Parses `text`; a syntax error becomes ConfigError naming file:line:col.
toml::table parseTomlText(std::string_view text, const std::string& file);

// Reads a whole file; a file that cannot be opened is a ConfigError naming it and `what` it
// should have held ("cannot open the site configuration").
std::string readTextFile(const std::filesystem::path& file, std::string_view what);

class TomlTableReader {
 public:
  // `what` names the table in messages: "[site]", "meter 'M-03'", "fuel 'diesel'"; empty for
  // the root table, whose messages need no subject.
  TomlTableReader(const toml::table& table, std::string file, std::string what)
      : table_(table), file_(std::move(file)), what_(std::move(what)) {}

  // "file:line:col: <what>: <problem>", at `at` (the table itself when null).
  [[noreturn]] void fail(const toml::node* at, const std::string& problem) const;
  [[noreturn]] void failKey(std::string_view key, const std::string& problem) const;
  // "file:line:col: <message>": for a message that names its subject itself ("meter 'M-03' is
  // defined twice", or a point's problem reported in its template's words).
  [[noreturn]] void failVerbatim(const toml::node* at, const std::string& message) const;
  [[noreturn]] void failKeyVerbatim(std::string_view key, const std::string& message) const;

  bool has(std::string_view key) const { return table_.get(key) != nullptr; }
  // The key's value (null when absent), marking the key as known.
  const toml::node* node(std::string_view key);

  std::string requiredString(std::string_view key);
  std::string optionalString(std::string_view key, std::string fallback);
  int64_t requiredInteger(std::string_view key, int64_t min, int64_t max);
  int64_t optionalInteger(std::string_view key, int64_t fallback, int64_t min, int64_t max);
  // An integer or a float within [min, max]; a `min` of a hair above 0 reads "more than 0".
  double requiredNumber(std::string_view key, double min, double max);
  double optionalNumber(std::string_view key, double fallback);
  // Three numbers, [x, y, z]: a point in model coordinates (metres).
  std::array<double, 3> requiredPoint(std::string_view key);
  bool optionalBool(std::string_view key, bool fallback);

  // Reports the first key that no accessor asked for.
  void rejectUnknownKeys() const;

  // Once an object's id is read, later messages name it ("meter 'M-03'").
  void setWhat(std::string what) { what_ = std::move(what); }
  const std::string& what() const { return what_; }
  const std::string& file() const { return file_; }
  std::string location(std::string_view key) const;  // file:line:col of the key's value

 private:
  std::string prefixed(const std::string& problem) const;
  [[noreturn]] void failMissing(std::string_view key) const;

  const toml::table& table_;
  std::string file_;
  std::string what_;
  std::set<std::string> used_;
};

// Calls f(table) for each entry of an array of tables ([[key]]) that may be absent; anything
// else under `key` is an error.
template <typename F>
void forEachTomlTable(const toml::table& root, std::string_view key, const std::string& file,
                      F&& f) {
  const toml::node* n = root.get(key);
  if (!n) return;
  const toml::array* arr = n->as_array();
  if (!arr) {
    TomlTableReader(root, file, "")
        .fail(n, "'" + std::string(key) + "' must be an array of tables ([[" + std::string(key) +
                     "]])");
  }
  for (const toml::node& item : *arr) {
    const toml::table* t = item.as_table();
    if (!t) {
      TomlTableReader(root, file, "")
          .fail(&item, "each '" + std::string(key) + "' entry must be a table");
    }
    f(*t);
  }
}

// Rejects top-level keys outside `known` ("unknown table 'metre'").
void rejectUnknownTables(const toml::table& root, const std::string& file,
                         const std::set<std::string>& known);

}  // namespace gt
