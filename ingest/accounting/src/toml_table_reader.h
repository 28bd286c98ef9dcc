// Typed reading of one TOML table of a factor or score file, for the loaders in this folder.
// Every error is a gt::ConfigError reading "file:line:col: <what>: <problem>", the form
// common/src/site_config.cpp uses, and keys nobody read are reported (typos are common).
// Private to ingest/accounting: toml++ stays out of the public headers.
#pragma once

#include <filesystem>
#include <optional>
#include <set>
#include <string>
#include <string_view>

#include <toml++/toml.h>

#include "accounting/factor_tables.h"

namespace gt::accounting {

std::string tomlLocation(const std::string& file, const toml::source_region& where);

// Parses `text`; a syntax error becomes ConfigError naming file:line:col.
toml::table parseTomlText(std::string_view text, const std::string& file);

// Reads a whole file; a file that cannot be opened is a ConfigError naming it.
std::string readTextFile(const std::filesystem::path& file, std::string_view what);

class TomlTableReader {
 public:
  TomlTableReader(const toml::table& table, std::string file, std::string what)
      : table_(table), file_(std::move(file)), what_(std::move(what)) {}

  [[noreturn]] void fail(const toml::node* at, const std::string& problem) const;
  [[noreturn]] void failKey(std::string_view key, const std::string& problem) const;

  bool has(std::string_view key) const { return table_.get(key) != nullptr; }
  const toml::node* node(std::string_view key);

  std::string requiredString(std::string_view key);
  std::string optionalString(std::string_view key, std::string fallback);
  int64_t requiredInteger(std::string_view key, int64_t min, int64_t max);
  double requiredNumber(std::string_view key, double min, double max);
  // A number with its provenance: `source` is the entry's source text.
  FactorValue requiredFactor(std::string_view key, double min, double max,
                             const std::string& source, bool site_override);
  std::optional<FactorValue> optionalFactor(std::string_view key, double min, double max,
                                            const std::string& source, bool site_override);

  void rejectUnknownKeys() const;
  void setWhat(std::string what) { what_ = std::move(what); }
  const std::string& what() const { return what_; }
  const std::string& file() const { return file_; }
  std::string location(std::string_view key) const;  // file:line:col of the key's value

 private:
  const toml::table& table_;
  std::string file_;
  std::string what_;
  std::set<std::string> used_;
};

// Calls f(table) for each entry of an array of tables ([[key]]) that may be absent.
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

// Rejects top-level keys outside `known`.
void rejectUnknownTables(const toml::table& root, const std::string& file,
                         const std::set<std::string>& known);

}  // namespace gt::accounting
