// Factors with their provenance, read through the project's TOML table reader.
#include "factor_value_reader.h"

namespace gt::accounting {

FactorValue requiredFactor(TomlTableReader& r, std::string_view key, double min, double max,
                           const std::string& source, bool site_override) {
  FactorValue f;
  f.value = r.requiredNumber(key, min, max);
  f.source = source;
  f.defined_at = r.location(key);
  f.site_override = site_override;
  return f;
}

std::optional<FactorValue> optionalFactor(TomlTableReader& r, std::string_view key, double min,
                                          double max, const std::string& source,
                                          bool site_override) {
  if (!r.has(key)) return std::nullopt;
  return requiredFactor(r, key, min, max, source, site_override);
}

}  // namespace gt::accounting
