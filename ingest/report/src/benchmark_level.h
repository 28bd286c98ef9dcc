// The level an intensity reaches against its configured benchmark ([[benchmark]]): the national
// limit (限定值), access (准入值) and advanced (先进值) values, the industry average and the
// industry's top 20 %. Pure; shared by the reports and greentwin-ingest's intensity alarm.
//
// Lower is better. The limit, access and advanced values of the energy-consumption limit
// standards are maxima worded "不高于" (not higher than), so a value exactly on one of them meets
// it, and so does a value on the industry average (DB 64/T 1930-2023 Table C.1 reads "不高于行业
// 平均水平"). The top-20 % level must be beaten: Table C.1 (5.7.3) asks "应优于行业前20%水平"
// (better than), so a value exactly on it does not reach it.
#pragma once

#include <optional>
#include <string>

#include "accounting_bindings.h"

namespace gt::report {

struct BenchmarkJudgement {
  // The strictest of advanced, access, limit met; nullopt: none met (or none configured).
  std::optional<std::string> met;               // "advanced", "access", "limit"
  bool worse_than_limit = false;                // a limit is configured and the value is above it
  std::optional<bool> within_industry_average;  // nullopt: not configured
  std::optional<bool> within_top20;
  std::string text_zh, text_en;  // "优于或等于先进值", "at or better than the advanced value"
};

// The unit an indicator is reported in: "tce/t" for energy_per_product:<id> of a product in t,
// "tce/10^4 yuan", "tCO2/10^4 yuan". Empty for an unknown indicator or product. (Defined in
// production_bindings.cpp, which checks [[benchmark]] units with it.)
std::string indicatorUnit(const AccountingBindings& bindings, const std::string& indicator);

// `value` is in the indicator's report unit (tce/t, tce/10^4 yuan, ...), like the report.
BenchmarkJudgement judgeBenchmark(double value, const BenchmarkConfig& benchmark);

}  // namespace gt::report
