// The pieces every report document is made of: a phrase in the report's language, and table
// cells that keep the value behind the printed figure. The energy/carbon, intensity and
// green-factory documents share them so that all three print words and figures the same way.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "report_document.h"

namespace gt::report {

// Picks the phrase of the report's language: w("购入", "purchased").
struct Words {
  Language language;
  std::string operator()(std::string zh, std::string en) const {
    return language == Language::Chinese ? zh : en;
  }
};

inline ReportCell text(std::string s) {
  return {std::move(s), std::nullopt};
}

// A figure printed with `decimals` (see fixedText), its value kept for spreadsheets.
inline ReportCell number(double v, int decimals) {
  return {fixedText(v, decimals), v};
}

// "a, b, c": a list of point ids, inputs or item ids in one cell.
inline std::string joined(const std::vector<std::string>& items,
                          const std::string& separator = ", ") {
  std::string s;
  for (const std::string& i : items) s += (s.empty() ? "" : separator) + i;
  return s;
}

}  // namespace gt::report
