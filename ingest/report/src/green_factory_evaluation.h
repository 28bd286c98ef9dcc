// A DB 64/T 1930-2023 assessment of one year: the Annex B indicators from the assessor's
// entries and the year's measured energy and CO2 (B.10, B.11 from the reading store's period
// accounts), the Table C.1 items they judge, the items the assessor judged, and the score and
// verdict of the accounting library's scorer. Every indicator keeps its formula and the inputs
// it was computed from, so the report can say what earned or lost each item's points. Pure.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "accounting/green_factory_scorer.h"
#include "green_factory_input.h"
#include "period_accounts.h"

namespace gt::report {

struct IndicatorInput {
  std::string symbol;  // "A_land", "E"
  double value = 0;
  std::string unit;
  std::string source;     // the document or "measured: ..." and where it was entered
  std::string source_zh;  // the same in Chinese where `source` is this program's own words
};

// One Annex B indicator (or the CNC rate of Table C.1 infra-20) with its working.
struct IndicatorLine {
  std::string clause;  // "B.1"
  std::string name_zh, name_en;
  std::string formula;  // with symbols: "R = (A_buildings + A_structures) / A_land"
  std::vector<IndicatorInput> inputs;
  std::optional<double> value;  // nullopt: undefined (a zero denominator)
  std::string unit;             // "-", "%", "tce/10^4 yuan"
  int decimals = 2;
};

// A Table C.1 item judged from an indicator: against the standard's threshold or a sector
// benchmark the assessor entered.
struct DataJudgement {
  std::string item;
  int indicator = -1;  // index into GreenFactoryEvaluation::indicators
  accounting::Comparison comparison = accounting::Comparison::AtLeast;
  std::optional<double> reference;  // threshold or benchmark; nullopt: no benchmark entered
  bool benchmark = false;           // reference is a sector benchmark, not the standard's
  std::string reference_source;     // the benchmark's source and file:line:col
  bool met = false;
};

struct GreenFactoryEvaluation {
  std::vector<IndicatorLine> indicators;
  std::vector<DataJudgement> judgements;
  accounting::GreenFactoryAssessment assessment;  // what the scorer was given
  accounting::GreenFactoryScore score;
  double energy_tce = 0;   // E: comprehensive energy of the year (GB/T 2589-2020)
  double carbon_tco2 = 0;  // C: CO2 of the year (GB/T 32150-2015)
};

// An assessor's item keeps its points, and a basic requirement counts as met, only when its
// evidence file exists (Evidence::missing false; DB 64/T 1930-2023 §7.2.2, §8.2); a demo-data
// file keeps them and is flagged. `input.output_value` must be set (from the file or the store).
// Evaluates `input` with the year's `accounts` (a year period equal to input.year). Throws
// ReportError when the period is not the assessed calendar year, accounting::AccountingError
// from the scorer.
GreenFactoryEvaluation evaluateGreenFactory(const accounting::GreenFactoryScoreTable& table,
                                            const GreenFactoryInput& input,
                                            const PeriodAccounts& accounts);

}  // namespace gt::report
