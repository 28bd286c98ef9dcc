// Scores a factory against DB 64/T 1930-2023 Table C.1: each first-level index out of 100,
// the weighted total (§4.4), and the verdict (§6, with the veto of §4.3), explaining for every
// item why its points were earned or lost. Item results come from measurement (an Annex B
// indicator against its threshold) or from an assessor, always with an evidence note. Pure.
#pragma once

#include <map>
#include <string>
#include <string_view>
#include <vector>

#include "accounting/green_factory_score_table.h"

namespace gt::accounting {

// What an assessor (or a measured indicator) found for one scored item.
struct ItemAssessment {
  double earned_points = 0;  // 0 to the item's points; optional items may be met in part (§4.3)
  std::string evidence;      // what supports it: document, measured value, site visit note
};

struct BasicRequirementAssessment {
  bool met = false;
  std::string evidence;
};

struct GreenFactoryAssessment {
  std::map<std::string, BasicRequirementAssessment> basic;  // by BasicRequirement::id
  std::map<std::string, ItemAssessment> items;              // by ScoreItem::id
};

enum class GreenFactoryVerdict {
  GreenFactory,  // §6: 90 or above: may be recommended as a green factory (可推荐评为绿色工厂)
  CultivationCandidate,  // §6: 80 to below 90: green-factory cultivation candidate (培育对象)
  NotQualified,          // below 80, or a basic requirement failed (一票否决)
};
std::string_view verdictText(GreenFactoryVerdict verdict);  // Chinese and English

struct ItemScore {
  ScoreItem item;
  bool assessed = false;  // false: no entry, scored 0
  double earned = 0;
  std::string reason;  // "met in full: ...", "not met: ...", "not assessed: ..."
};

struct IndexScore {
  std::string id, name_zh, name_en, clause;
  double weight_percent = 0;
  double earned_points = 0;  // sum of its items: the index score out of 100
  double weighted = 0;       // earned_points x weight_percent / 100
  std::vector<ItemScore> items;
};

struct BasicRequirementResult {
  BasicRequirement requirement;
  bool met = false;
  std::string reason;
};

struct GreenFactoryScore {
  std::vector<BasicRequirementResult> basic;
  std::vector<IndexScore> indices;
  double weighted_total = 0;                                           // 0..100
  GreenFactoryVerdict score_band = GreenFactoryVerdict::NotQualified;  // from the total alone
  GreenFactoryVerdict verdict = GreenFactoryVerdict::NotQualified;     // after §4.3's rules
  std::vector<std::string> failed_basic;                               // ids: any one vetoes
  std::vector<std::string> unmet_mandatory;  // ids of mandatory items short of full points
  std::string verdict_reason;
};

// Scores `assessment` against `table`.
// Verdict rules (docs/accounting.md "Green factory"):
//   - a basic requirement not met, or not assessed, vetoes: NotQualified (§4.3, Table C.1
//     "一票否决");
//   - otherwise the total decides (§6): >= green_factory_min GreenFactory, >= cultivation_min
//     CultivationCandidate, below NotQualified;
//   - a mandatory item short of full points cannot be recommended as a green factory (§4.3:
//     必选要求...应全部满足): a GreenFactory band becomes CultivationCandidate, with the items
//     listed.
// Items without an entry score 0 ("not assessed"). Throws AccountingError for an entry whose
// id is not in the table or whose points are negative or above the item's full score.
GreenFactoryScore scoreGreenFactory(const GreenFactoryScoreTable& table,
                                    const GreenFactoryAssessment& assessment);

// An item's result from a measured indicator, by the threshold the standard gives for it
// (ScoreItem::comparison/threshold): full points when the condition holds, none otherwise;
// the evidence records value, condition and `evidence`. Throws AccountingError when the item
// has no threshold in the table (use assessAgainstBenchmark for industry-average items).
ItemAssessment assessIndicator(const ScoreItem& item, double measured, const std::string& evidence);

// The same against a benchmark the standard leaves to the sector (industry average, top 20 %),
// which the assessor supplies with its source in `evidence`.
ItemAssessment assessAgainstBenchmark(const ScoreItem& item, double measured, Comparison comparison,
                                      double benchmark, const std::string& evidence);

}  // namespace gt::accounting
