// [[product]] and [[benchmark]] of accounting.toml: the products whose output is entered per
// period and the configured levels their intensities are judged against (docs/reports.md).
// Private to accounting_bindings.cpp and its tests: toml++ stays in this folder.
#pragma once

#include <string>

#include <toml++/toml.h>

#include "accounting_bindings.h"
#include "benchmark_level.h"

namespace gt::report {

// Reads every [[product]] and [[benchmark]] of `root` into `bindings`. A product's area must be
// a site.toml area; a benchmark's indicator must name a known intensity (and a declared product),
// its unit must fit the indicator, and its levels must be ordered advanced <= access <= limit.
// Throws gt::ConfigError naming file:line:col.
void parseProductionBindings(const toml::table& root, const std::string& file,
                             const SiteConfig& site, AccountingBindings& bindings);

}  // namespace gt::report
