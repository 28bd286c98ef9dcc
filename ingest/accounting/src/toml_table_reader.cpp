// Typed TOML reading with file:line:col errors for the accounting data files.
#include "toml_table_reader.h"

#include <cmath>
#include <fstream>
#include <sstream>

namespace gt::accounting {

std::string tomlLocation(const std::string& file, const toml::source_region& where) {
  std::ostringstream out;
  out << file << ':' << where.begin.line << ':' << where.begin.column;
  return out.str();
}

toml::table parseTomlText(std::string_view text, const std::string& file) {
  try {
    return toml::parse(text, file);
  } catch (const toml::parse_error& e) {
    throw ConfigError(tomlLocation(file, e.source()) + ": " + std::string(e.description()));
  }
}

std::string readTextFile(const std::filesystem::path& file, std::string_view what) {
  std::ifstream in(file, std::ios::binary);
  if (!in) throw ConfigError(file.string() + ": cannot open the " + std::string(what));
  std::ostringstream text;
  text << in.rdbuf();
  return text.str();
}

void TomlTableReader::fail(const toml::node* at, const std::string& problem) const {
  const toml::source_region& where = at ? at->source() : table_.source();
  const std::string prefix = what_.empty() ? "" : what_ + ": ";
  throw ConfigError(tomlLocation(file_, where) + ": " + prefix + problem);
}

void TomlTableReader::failKey(std::string_view key, const std::string& problem) const {
  fail(table_.get(key), problem);
}

const toml::node* TomlTableReader::node(std::string_view key) {
  used_.insert(std::string(key));
  return table_.get(key);
}

std::string TomlTableReader::location(std::string_view key) const {
  const toml::node* n = table_.get(key);
  return tomlLocation(file_, n ? n->source() : table_.source());
}

std::string TomlTableReader::requiredString(std::string_view key) {
  const toml::node* n = node(key);
  if (!n) fail(nullptr, "missing '" + std::string(key) + "'");
  if (!n->is_string()) fail(n, "'" + std::string(key) + "' must be a string");
  return std::string(n->as_string()->get());
}

std::string TomlTableReader::optionalString(std::string_view key, std::string fallback) {
  if (!has(key)) return fallback;
  return requiredString(key);
}

int64_t TomlTableReader::requiredInteger(std::string_view key, int64_t min, int64_t max) {
  const toml::node* n = node(key);
  if (!n) fail(nullptr, "missing '" + std::string(key) + "'");
  if (!n->is_integer()) fail(n, "'" + std::string(key) + "' must be an integer");
  const int64_t v = n->as_integer()->get();
  if (v < min || v > max) {
    fail(n, "'" + std::string(key) + "' is " + std::to_string(v) + ", expected " +
                std::to_string(min) + " to " + std::to_string(max));
  }
  return v;
}

double TomlTableReader::requiredNumber(std::string_view key, double min, double max) {
  const toml::node* n = node(key);
  if (!n) fail(nullptr, "missing '" + std::string(key) + "'");
  double v = 0.0;
  if (n->is_integer()) {
    v = static_cast<double>(n->as_integer()->get());
  } else if (n->is_floating_point()) {
    v = n->as_floating_point()->get();
  } else {
    fail(n, "'" + std::string(key) + "' must be a number");
  }
  if (!std::isfinite(v) || v < min || v > max) {
    std::ostringstream range;
    range << "'" << key << "' is " << v << ", expected ";
    // Lower bounds of a hair above 0 stand for "must be positive".
    if (min > 0 && min <= 1e-9) {
      range << "more than 0 and at most " << max;
    } else {
      range << min << " to " << max;
    }
    fail(n, range.str());
  }
  return v;
}

FactorValue TomlTableReader::requiredFactor(std::string_view key, double min, double max,
                                            const std::string& source, bool site_override) {
  FactorValue f;
  f.value = requiredNumber(key, min, max);
  f.source = source;
  f.defined_at = location(key);
  f.site_override = site_override;
  return f;
}

std::optional<FactorValue> TomlTableReader::optionalFactor(std::string_view key, double min,
                                                           double max, const std::string& source,
                                                           bool site_override) {
  if (!has(key)) return std::nullopt;
  return requiredFactor(key, min, max, source, site_override);
}

void TomlTableReader::rejectUnknownKeys() const {
  for (const auto& [key, value] : table_) {
    if (!used_.contains(std::string(key.str()))) {
      fail(&value, "unknown key '" + std::string(key.str()) + "'");
    }
  }
}

void rejectUnknownTables(const toml::table& root, const std::string& file,
                         const std::set<std::string>& known) {
  for (const auto& [key, value] : root) {
    if (!known.contains(std::string(key.str()))) {
      throw ConfigError(tomlLocation(file, value.source()) + ": unknown table '" +
                        std::string(key.str()) + "'");
    }
  }
}

}  // namespace gt::accounting
