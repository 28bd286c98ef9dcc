// Shared by the green-factory report tests (report_green_factory_*_test.cpp): the shipped
// DB64/T 1930-2023 Annex C score table and the demo assessment file, read once from the source
// tree.
#pragma once

#include <filesystem>
#include <fstream>
#include <iterator>
#include <string>

#include "accounting/green_factory_score_table.h"
#include "greentwin/clock.h"

namespace gt::report::testing {

inline const std::filesystem::path kGreenFactoryDemoFile =
    std::filesystem::path(GREENTWIN_SOURCE_DIR) / "assets/demo/green-factory-2025.toml";

// The demo assessment's year starts at 2025-01-01 00:00 UTC+8.
inline constexpr TimeMs kYear2025 = 1735660800000;

inline const accounting::GreenFactoryScoreTable& greenFactoryScoreTable() {
  static const accounting::GreenFactoryScoreTable table = accounting::loadGreenFactoryScoreTable(
      std::filesystem::path(GREENTWIN_SOURCE_DIR) / "assets/factors/db64t1930-2023-annex-c.toml");
  return table;
}

// The demo assessment file's text, for tests that edit it before parsing.
inline std::string greenFactoryDemoText() {
  std::ifstream in(kGreenFactoryDemoFile, std::ios::binary);
  return {std::istreambuf_iterator<char>(in), {}};
}

}  // namespace gt::report::testing
