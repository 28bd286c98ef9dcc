// Reads a factor (a number with its provenance, FactorValue) from a factor-file table. Private
// to ingest/accounting: it brings in toml++.
#pragma once

#include <optional>
#include <string>
#include <string_view>

#include "accounting/factor_tables.h"
#include "greentwin/toml_table_reader.h"

namespace gt::accounting {

// The number under `key`, within [min, max], remembering where it was defined; `source` is
// the entry's source text (the standard or the site's own measurement).
FactorValue requiredFactor(TomlTableReader& r, std::string_view key, double min, double max,
                           const std::string& source, bool site_override);
// Same; nullopt when the key is absent.
std::optional<FactorValue> optionalFactor(TomlTableReader& r, std::string_view key, double min,
                                          double max, const std::string& source,
                                          bool site_override);

}  // namespace gt::accounting
