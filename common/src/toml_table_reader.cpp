// Typed TOML reading with file:line:col errors, shared by every loader of a TOML file.
#include "greentwin/toml_table_reader.h"

#include <cmath>
#include <fstream>
#include <sstream>

namespace gt {
namespace {

// 'key', built by appending: GCC 12's -Wrestrict misfires on "'" + std::string at -O3.
std::string quoted(std::string_view key) {
  std::string out;
  out.reserve(key.size() + 2);
  out += '\'';
  out += key;
  out += '\'';
  return out;
}

}  // namespace

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

std::string TomlTableReader::prefixed(const std::string& problem) const {
  return what_.empty() ? problem : what_ + ": " + problem;
}

void TomlTableReader::fail(const toml::node* at, const std::string& problem) const {
  failVerbatim(at, prefixed(problem));
}

void TomlTableReader::failKey(std::string_view key, const std::string& problem) const {
  fail(table_.get(key), problem);
}

void TomlTableReader::failVerbatim(const toml::node* at, const std::string& message) const {
  const toml::source_region& where = at ? at->source() : table_.source();
  throw ConfigError(tomlLocation(file_, where) + ": " + message);
}

void TomlTableReader::failKeyVerbatim(std::string_view key, const std::string& message) const {
  failVerbatim(table_.get(key), message);
}

// "meter 'M-01' has no 'port'": the table is the subject, so no colon.
void TomlTableReader::failMissing(std::string_view key) const {
  failVerbatim(nullptr, what_.empty() ? std::string("missing ") + quoted(key)
                                      : what_ + " has no " + quoted(key));
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
  if (!n) failMissing(key);
  if (!n->is_string()) fail(n, quoted(key) + " must be a string");
  return std::string(n->as_string()->get());
}

std::string TomlTableReader::optionalString(std::string_view key, std::string fallback) {
  return node(key) ? requiredString(key) : std::move(fallback);
}

int64_t TomlTableReader::requiredInteger(std::string_view key, int64_t min, int64_t max) {
  const toml::node* n = node(key);
  if (!n) failMissing(key);
  if (!n->is_integer()) fail(n, quoted(key) + " must be an integer");
  const int64_t v = n->as_integer()->get();
  if (v < min || v > max) {
    fail(n, quoted(key) + " is " + std::to_string(v) + ", expected " + std::to_string(min) +
                " to " + std::to_string(max));
  }
  return v;
}

int64_t TomlTableReader::optionalInteger(std::string_view key, int64_t fallback, int64_t min,
                                         int64_t max) {
  return node(key) ? requiredInteger(key, min, max) : fallback;
}

double TomlTableReader::requiredNumber(std::string_view key, double min, double max) {
  const toml::node* n = node(key);
  if (!n) failMissing(key);
  double v = 0.0;
  if (n->is_integer()) {
    v = static_cast<double>(n->as_integer()->get());
  } else if (n->is_floating_point()) {
    v = n->as_floating_point()->get();
  } else {
    fail(n, quoted(key) + " must be a number");
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

double TomlTableReader::optionalNumber(std::string_view key, double fallback) {
  const toml::node* n = node(key);
  if (!n) return fallback;
  if (n->is_integer()) return static_cast<double>(n->as_integer()->get());
  if (n->is_floating_point()) return n->as_floating_point()->get();
  fail(n, quoted(key) + " must be a number");
}

std::array<double, 3> TomlTableReader::requiredPoint(std::string_view key) {
  const toml::node* n = node(key);
  if (!n) failMissing(key);
  const toml::array* a = n->as_array();
  if (!a || a->size() != 3) fail(n, quoted(key) + " must be [x, y, z] in metres");
  std::array<double, 3> out{};
  for (size_t i = 0; i < 3; ++i) {
    const std::optional<double> v = (*a)[i].value<double>();
    if (!v || !std::isfinite(*v)) fail(&(*a)[i], quoted(key) + " must hold three numbers");
    out[i] = *v;
  }
  return out;
}

bool TomlTableReader::optionalBool(std::string_view key, bool fallback) {
  const toml::node* n = node(key);
  if (!n) return fallback;
  if (!n->is_boolean()) fail(n, quoted(key) + " must be true or false");
  return n->as_boolean()->get();
}

void TomlTableReader::rejectUnknownKeys() const {
  for (const auto& [key, value] : table_) {
    if (used_.contains(std::string(key.str()))) continue;
    const std::string name = quoted(key.str());
    failVerbatim(&value, what_.empty() ? std::string("unknown key ") + name
                                       : what_ + " has an unknown key " + name);
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

}  // namespace gt
