// The section readers of site.toml, one per group of tables, called in order by
// parseSiteConfig() (site_config.cpp). Private to common/src: it brings in toml++.
#pragma once

#include <string>

#include "greentwin/site_config.h"
#include "greentwin/toml_table_reader.h"

namespace gt::site_sections {

// [site] and [ingest] (site_config_site.cpp).
void readSite(const toml::table& root, const std::string& file, SiteConfig& site);
// [[area]] and [[equipment]] (site_config_site.cpp).
void readPlant(const toml::table& root, const std::string& file, SiteConfig& site);
// [[template]] (site_config_templates.cpp).
void readTemplates(const toml::table& root, const std::string& file, SiteConfig& site);
// [[meter]], after the equipment and templates they name (site_config_meters.cpp).
void readMeters(const toml::table& root, const std::string& file, SiteConfig& site);
// [[model]] and [[viewpoint]], after [site] (site_config_site.cpp).
void readScene(const toml::table& root, const std::string& file, SiteConfig& site);
// [[forward]] and [centre] (site_config_forward.cpp).
void readForwarding(const toml::table& root, const std::string& file, SiteConfig& site);

// [[flow]], after the equipment and meters they name (site_config_flows.cpp).
void readFlows(const toml::table& root, const std::string& file, SiteConfig& site);

}  // namespace gt::site_sections
