// Shared by the site-configuration tests (common_*config_test.cpp): the message a site text
// fails with, and a site text with one piece swapped, so each test states only the mistake it
// makes. The site texts themselves stay in each test: their expected messages cite line numbers.
#pragma once

#include <catch2/catch.hpp>

#include <string>

#include "greentwin/site_config.h"

namespace gt::testing {

// The ConfigError that parsing `text` as "site.toml" throws, or "no error".
inline std::string errorOf(const std::string& text) {
  try {
    gt::parseSiteConfig(text, "site.toml");
  } catch (const gt::ConfigError& e) {
    return e.what();
  }
  return "no error";
}

// `text` with the first `from` replaced by `to`; `from` must occur.
inline std::string replaced(std::string text, const std::string& from, const std::string& to) {
  const auto at = text.find(from);
  REQUIRE(at != std::string::npos);
  return text.replace(at, from.size(), to);
}

}  // namespace gt::testing
