// Loads the factor files of assets/factors/ into typed tables, and applies a site's
// factor-override file on top. Errors are gt::ConfigError naming file:line:col, like the site
// configuration's; docs/accounting.md lists every key.
#pragma once

#include <filesystem>
#include <string_view>

#include "accounting/factor_tables.h"

namespace gt::accounting {

// assets/factors/gbt2589-2020.toml: standard-coal coefficients of GB/T 2589-2020.
CoalCoefficientTable loadCoalCoefficients(const std::filesystem::path& file);
CoalCoefficientTable parseCoalCoefficients(std::string_view text,
                                           const std::filesystem::path& name);

// assets/factors/emission-factors.toml: fuel, heat and grid CO2 factors.
EmissionFactorTable loadEmissionFactors(const std::filesystem::path& file);
EmissionFactorTable parseEmissionFactors(std::string_view text, const std::filesystem::path& name);

// A site's factor-override file: the same entry forms ([[coefficient]], [[equal_value]],
// [site_energy_type], [[fuel]], [[heat]], [[grid]]), each with its own `source`. An entry with
// an existing key replaces only the values it gives (a measured natural-gas NCV leaves the
// carbon content alone); a new key adds a complete entry. Every value it sets is marked
// site_override and carries the override's source text and location.
void applyFactorOverrides(const std::filesystem::path& file, CoalCoefficientTable& coal,
                          EmissionFactorTable& emission);
void parseFactorOverrides(std::string_view text, const std::filesystem::path& name,
                          CoalCoefficientTable& coal, EmissionFactorTable& emission);

}  // namespace gt::accounting
