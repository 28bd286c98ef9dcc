// Shared by the KPI tests: a reading database of the demo site's incomer over three local days
// of November 2026 and the bindings with budgets, with every figure worked by hand in
// kpi_computer_test.cpp.
#pragma once

#include <chrono>
#include <fstream>
#include <string>

#include "report_test_support.h"

namespace gt::kpi::testing {

using report::testing::local;

// Electricity bought (M-01.ep_imp): 20 000 kWh on 21 November, 10 000 kWh on the 22nd and
// 40 000 kWh on the 23rd up to 11:59 local; nothing before the 21st.
inline void writeNovemberDb(const std::filesystem::path& file) {
  report::testing::writeReadingDb(file, {{"M-01.ep_imp", "kWh"}},
                                  {{"M-01.ep_imp", local(2026, 11, 21), 0.0},
                                   {"M-01.ep_imp", local(2026, 11, 21, 23, 59), 20000.0},
                                   {"M-01.ep_imp", local(2026, 11, 22, 23, 59), 30000.0},
                                   {"M-01.ep_imp", local(2026, 11, 23, 6), 50000.0},
                                   {"M-01.ep_imp", local(2026, 11, 23, 11, 59), 70000.0}});
}

// Targets: 3650 tce a year (10 a day in 2026), 7300 tCO2 (20 a day), quota 400 tCO2, flat.
inline std::string novemberBindings(const std::string& kpi = "") {
  return report::testing::bindingsHeader("factor_year = 2023") + report::testing::kGridImportPoint +
         R"(
[budget]
energy_tce = 3650
carbon_tco2 = 7300
quota_tco2 = 400
)" + kpi;
}

}  // namespace gt::kpi::testing
