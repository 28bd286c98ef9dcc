// DB 64/T 1930-2023 scoring: item points into index scores, weighted total, verdict.
#include "accounting/green_factory_scorer.h"

#include <cmath>

#include "accounting/accounting_error.h"
#include "number_text.h"

namespace gt::accounting {
namespace {

// Totals are sums of decimals such as 0.45; a total printed as 90.00 must not fall short of
// the 90 threshold by a rounding error.
constexpr double kScoreTolerance = 1e-9;

bool holds(double measured, Comparison comparison, double threshold) {
  switch (comparison) {
    case Comparison::AtLeast:
      return measured >= threshold;
    case Comparison::Above:
      return measured > threshold;
    case Comparison::AtMost:
      return measured <= threshold;
    case Comparison::Below:
      return measured < threshold;
  }
  return false;
}

ItemScore scoreItem(const ScoreItem& item, const GreenFactoryAssessment& assessment) {
  ItemScore score;
  score.item = item;
  const auto it = assessment.items.find(item.id);
  const std::string full = numberText(item.points);
  if (it == assessment.items.end()) {
    score.reason = "not assessed: 0 of " + full + " points (no evidence entered)";
    return score;
  }
  const ItemAssessment& a = it->second;
  score.assessed = true;
  score.earned = a.earned_points;
  const std::string evidence = a.evidence.empty() ? "no evidence note" : a.evidence;
  if (a.earned_points >= item.points) {
    score.reason = "met in full: " + full + " of " + full + " points; " + evidence;
  } else if (a.earned_points > 0) {
    score.reason =
        "met in part: " + numberText(a.earned_points) + " of " + full + " points; " + evidence;
  } else {
    score.reason = "not met: 0 of " + full + " points; " + evidence;
  }
  return score;
}

void checkEntries(const GreenFactoryScoreTable& table, const GreenFactoryAssessment& assessment) {
  for (const auto& [id, a] : assessment.items) {
    const ScoreItem* item = table.findItem(id);
    if (!item) throw AccountingError("assessment names item '" + id + "' which Table C.1 lacks");
    if (!std::isfinite(a.earned_points) || a.earned_points < 0 || a.earned_points > item->points) {
      throw AccountingError("item '" + id + "': " + numberText(a.earned_points) +
                            " points entered, the item scores 0 to " + numberText(item->points));
    }
  }
  for (const auto& [id, b] : assessment.basic) {
    if (!table.findBasic(id)) {
      throw AccountingError("assessment names basic requirement '" + id +
                            "' which Table C.1 lacks");
    }
  }
}

GreenFactoryVerdict band(const GreenFactoryScoreTable& table, double total) {
  if (total + kScoreTolerance >= table.green_factory_min) return GreenFactoryVerdict::GreenFactory;
  if (total + kScoreTolerance >= table.cultivation_min) {
    return GreenFactoryVerdict::CultivationCandidate;
  }
  return GreenFactoryVerdict::NotQualified;
}

std::string joined(const std::vector<std::string>& ids) {
  std::string text;
  for (const std::string& id : ids) text += (text.empty() ? "" : ", ") + id;
  return text;
}

}  // namespace

std::string_view verdictText(GreenFactoryVerdict verdict) {
  switch (verdict) {
    case GreenFactoryVerdict::GreenFactory:
      return "可推荐评为绿色工厂 (may be recommended as a green factory)";
    case GreenFactoryVerdict::CultivationCandidate:
      return "可作为绿色工厂培育对象 (green-factory cultivation candidate)";
    case GreenFactoryVerdict::NotQualified:
      return "不符合 (not qualified)";
  }
  return "?";
}

GreenFactoryScore scoreGreenFactory(const GreenFactoryScoreTable& table,
                                    const GreenFactoryAssessment& assessment) {
  checkEntries(table, assessment);
  GreenFactoryScore result;

  for (const BasicRequirement& b : table.basic) {
    BasicRequirementResult r;
    r.requirement = b;
    const auto it = assessment.basic.find(b.id);
    if (it == assessment.basic.end()) {
      r.reason = "not assessed: counts as not met (the basic requirements shall all be met)";
    } else {
      r.met = it->second.met;
      r.reason = std::string(r.met ? "met: " : "not met: ") + it->second.evidence;
    }
    if (!r.met) result.failed_basic.push_back(b.id);
    result.basic.push_back(std::move(r));
  }

  for (const ScoreIndex& index : table.indices) {
    IndexScore s;
    s.id = index.id;
    s.name_zh = index.name_zh;
    s.name_en = index.name_en;
    s.clause = index.clause;
    s.weight_percent = index.weight_percent;
    for (const ScoreItem& item : index.items) {
      ItemScore is = scoreItem(item, assessment);
      s.earned_points += is.earned;
      if (item.requirement == Requirement::Mandatory && is.earned < item.points) {
        result.unmet_mandatory.push_back(item.id);
      }
      s.items.push_back(std::move(is));
    }
    // §4.4: the index score (out of 100) times its weight.
    s.weighted = s.earned_points * s.weight_percent / 100.0;
    result.weighted_total += s.weighted;
    result.indices.push_back(std::move(s));
  }

  const std::string total = numberText(result.weighted_total);
  result.score_band = band(table, result.weighted_total);
  result.verdict = result.score_band;
  if (!result.failed_basic.empty()) {
    result.verdict = GreenFactoryVerdict::NotQualified;
    result.verdict_reason =
        "basic requirements not met (一票否决, §4.3): " + joined(result.failed_basic) +
        "; weighted total " + total;
  } else if (result.score_band == GreenFactoryVerdict::GreenFactory &&
             !result.unmet_mandatory.empty()) {
    result.verdict = GreenFactoryVerdict::CultivationCandidate;
    result.verdict_reason = "weighted total " + total + " reaches " +
                            numberText(table.green_factory_min) +
                            ", but mandatory items are not fully met (§4.3 必选要求应全部满足): " +
                            joined(result.unmet_mandatory);
  } else {
    result.verdict_reason = "weighted total " + total + " (" + table.verdict_clause +
                            ": >= " + numberText(table.green_factory_min) + " green factory, " +
                            numberText(table.cultivation_min) + " to below " +
                            numberText(table.green_factory_min) + " cultivation candidate)";
    if (!result.unmet_mandatory.empty()) {
      result.verdict_reason += "; mandatory items not fully met: " + joined(result.unmet_mandatory);
    }
  }
  return result;
}

ItemAssessment assessAgainstBenchmark(const ScoreItem& item, double measured, Comparison comparison,
                                      double benchmark, const std::string& evidence) {
  if (!std::isfinite(measured)) {
    throw AccountingError("item '" + item.id + "': the measured value is not a number");
  }
  const bool ok = holds(measured, comparison, benchmark);
  ItemAssessment a;
  a.earned_points = ok ? item.points : 0.0;
  a.evidence = (item.indicator.empty() ? std::string("measured") : item.indicator) + " = " +
               numberText(measured) + (ok ? ", meets " : ", fails ") +
               std::string(comparisonText(comparison)) + " " + numberText(benchmark) + " (" +
               item.clause + ")";
  if (!evidence.empty()) a.evidence += "; " + evidence;
  return a;
}

ItemAssessment assessIndicator(const ScoreItem& item, double measured,
                               const std::string& evidence) {
  if (!item.comparison || !item.threshold) {
    throw AccountingError("item '" + item.id +
                          "' has no threshold in the standard; its benchmark (industry average "
                          "or top 20 %) must be supplied: use assessAgainstBenchmark");
  }
  return assessAgainstBenchmark(item, measured, *item.comparison, *item.threshold, evidence);
}

}  // namespace gt::accounting
