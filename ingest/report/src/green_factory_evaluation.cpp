// DB 64/T 1930-2023 Annex B indicators from the assessor's entries and the measured year, and
// the Table C.1 items they judge; the rest of Table C.1 comes from the assessor's entries.
#include "green_factory_evaluation.h"

#include "accounting/green_factory_indicators.h"
#include "number_text.h"
#include "report_error.h"

namespace gt::report {
namespace {

using accounting::Comparison;

IndicatorInput entered(std::string symbol, const EnteredQuantity& q) {
  return {std::move(symbol), q.value, q.unit, q.source + " (" + q.defined_at + ")", ""};
}

// Which indicator judges which item, and how (Table C.1 wording):
//   不低于 / 达到 / 大于 -> the standard's threshold (from the score table);
//   不高于行业平均水平 -> at most the average; 优于 (better than) -> strictly below (or above,
//   for the reuse rate where higher is better); 符合限额 / 达到先进值 -> at most.
struct Rule {
  std::string_view item;
  std::string_view indicator;           // IndicatorLine::clause
  std::optional<Comparison> benchmark;  // nullopt: the standard's threshold
};
constexpr Rule kRules[] = {
    {"infra-20", "C.1", std::nullopt},       {"perf-01", "B.1", std::nullopt},
    {"perf-02", "B.2", std::nullopt},        {"perf-04", "B.3", std::nullopt},
    {"perf-05", "B.4", Comparison::AtMost},  {"perf-06", "B.4", Comparison::Below},
    {"perf-07", "B.5", Comparison::AtMost},  {"perf-08", "B.5", Comparison::Below},
    {"perf-09", "B.6", Comparison::AtMost},  {"perf-10", "B.6", Comparison::Below},
    {"perf-11", "B.7", Comparison::AtMost},  {"perf-12", "B.7", Comparison::Below},
    {"perf-13", "B.8", std::nullopt},        {"perf-14", "B.8", std::nullopt},
    {"perf-15", "B.9", Comparison::AtLeast}, {"perf-16", "B.9", Comparison::Above},
    {"perf-17", "B.10", Comparison::AtMost}, {"perf-18", "B.10", Comparison::AtMost},
    {"perf-19", "B.11", Comparison::Below},  {"perf-20", "B.11", Comparison::Below},
};

IndicatorLine named(std::string clause, std::string zh, std::string en, std::string formula) {
  IndicatorLine l;
  l.clause = std::move(clause);
  l.name_zh = std::move(zh);
  l.name_en = std::move(en);
  l.formula = std::move(formula);
  return l;
}

std::vector<IndicatorLine> indicators(const GreenFactoryInput& in, const PeriodAccounts& acc) {
  std::vector<IndicatorLine> lines;
  const IndicatorInput q = entered("Q", in.output_value);

  {
    IndicatorLine l = named("B.1", "容积率", "floor-area ratio",
                            "R = (A_buildings + A_structures) / A_land; storeys > 8 m count twice");
    std::vector<accounting::BuildingFloor> floors;
    double buildings = 0;
    for (const EnteredFloor& f : in.floors) {
      floors.push_back({f.area_m2, f.storey_height_m});
      const bool tall = f.storey_height_m > 8.0;
      buildings += tall ? 2 * f.area_m2 : f.area_m2;
      l.inputs.push_back({"A(" + f.building + ")", f.area_m2, "m2",
                          "storey " + accounting::numberText(f.storey_height_m) + " m" +
                              (tall ? " > 8 m: x2" : "") + " (" + f.defined_at + ")",
                          "层高 " + accounting::numberText(f.storey_height_m) + " m" +
                              (tall ? " > 8 m：加倍" : "") + " (" + f.defined_at + ")"});
    }
    l.inputs.push_back(
        {"A_buildings", buildings, "m2", "sum of the storeys above", "以上各层之和"});
    l.inputs.push_back(entered("A_structures", in.structures_floor_area));
    l.inputs.push_back(entered("A_land", in.land_area));
    l.value =
        accounting::floorAreaRatio(floors, in.structures_floor_area.value, in.land_area.value);
    l.unit = "-";
    lines.push_back(std::move(l));
  }
  {
    IndicatorLine l = named("B.2", "建筑密度", "building density",
                            "r = (a_buildings + a_structures) / A_land x 100 %");
    l.inputs = {entered("a_buildings", in.buildings_footprint),
                entered("a_structures", in.structures_footprint), entered("A_land", in.land_area)};
    l.value = accounting::buildingDensityPercent(in.buildings_footprint.value,
                                                 in.structures_footprint.value, in.land_area.value);
    l.unit = "%";
    lines.push_back(std::move(l));
  }
  {
    IndicatorLine l = named("B.3", "绿色物料使用率", "green-material use rate",
                            "epsilon = G_i / M_i x 100 % (" + in.material_name + ")");
    l.inputs = {entered("G_i", in.material_green), entered("M_i", in.material_total)};
    l.value =
        accounting::greenMaterialRatePercent(in.material_green.value, in.material_total.value);
    l.unit = "%";
    lines.push_back(std::move(l));
  }
  auto perQ = [&](std::string clause, std::string zh, std::string en, std::string symbol,
                  IndicatorInput quantity, int decimals) {
    IndicatorLine l = named(std::move(clause), std::move(zh), std::move(en), symbol + " / Q");
    l.value = accounting::perTenThousandYuan(quantity.value, q.value);
    l.unit = quantity.unit + "/10^4 yuan";
    l.inputs = {std::move(quantity), q};
    l.decimals = decimals;
    lines.push_back(std::move(l));
  };
  perQ("B.4", "万元产值主要污染物产生量（" + in.pollutant_name + "）",
       "main pollutant per 10^4 yuan (" + in.pollutant_name + ")", "P", entered("P", in.pollutant),
       6);
  perQ("B.5", "万元产值废气产生量", "waste gas per 10^4 yuan", "W_g", entered("W_g", in.waste_gas),
       4);
  perQ("B.6", "万元产值废水产生量", "waste water per 10^4 yuan", "W_w",
       entered("W_w", in.waste_water), 4);
  perQ("B.7", "万元产值主要原材料消耗量（" + in.raw_material_name + "）",
       "main raw material per 10^4 yuan (" + in.raw_material_name + ")", "M",
       entered("M", in.raw_material), 4);
  {
    IndicatorLine l = named("B.8", "工业固体废物综合利用率", "industrial solid-waste utilisation",
                            "K_r = Z_r / (Z + Z_w) x 100 %");
    l.inputs = {entered("Z_r", in.solid_utilised), entered("Z", in.solid_generated),
                entered("Z_w", in.solid_utilised_from_storage), entered("stored", in.solid_stored)};
    l.value = accounting::solidWasteUtilisationPercent(
        in.solid_utilised.value, in.solid_generated.value, in.solid_utilised_from_storage.value);
    l.unit = "%";
    lines.push_back(std::move(l));
  }
  {
    IndicatorLine l =
        named("B.9", "废水回用率", "waste-water reuse rate", "K_w = V_w / (V_w + V_d) x 100 %");
    l.inputs = {entered("V_w", in.water_reused), entered("V_d", in.water_discharged)};
    l.value = accounting::wasteWaterReusePercent(in.water_reused.value, in.water_discharged.value);
    l.unit = "%";
    lines.push_back(std::move(l));
  }
  const std::string period = acc.period.label;
  perQ("B.10", "万元产值综合能耗", "comprehensive energy per 10^4 yuan", "E",
       {"E", acc.total_tce, "tce",
        "measured: comprehensive energy " + period + " (GB/T 2589-2020, energy report)",
        "计量数据：" + period + " 年综合能耗（GB/T 2589-2020，能源报告）"},
       4);
  perQ("B.11", "万元产值二氧化碳排放量", "CO2 per 10^4 yuan", "C",
       {"C", acc.carbon.total_tco2, "tCO2",
        "measured: CO2 " + period + " (GB/T 32150-2015, carbon report, grid factor " +
            std::to_string(acc.factor_year) + ")",
        "计量数据：" + period + " 年二氧化碳排放量（GB/T 32150-2015，碳排放报告，电网排放因子 " +
            std::to_string(acc.factor_year) + " 年）"},
       4);
  if (in.cnc_tools) {
    IndicatorLine l = named("C.1", "机床加工设备数控化率", "CNC rate of machining tools",
                            "N_cnc / N_tools x 100 % (Table C.1 infra-20)");
    l.inputs = {entered("N_cnc", *in.cnc_tools), entered("N_tools", *in.machining_tools)};
    if (in.machining_tools->value > 0) {
      l.value = in.cnc_tools->value / in.machining_tools->value * 100.0;
    }
    l.unit = "%";
    lines.push_back(std::move(l));
  }
  return lines;
}

int indicatorIndex(const std::vector<IndicatorLine>& lines, std::string_view clause) {
  for (size_t i = 0; i < lines.size(); ++i) {
    if (lines[i].clause == clause) return static_cast<int>(i);
  }
  return -1;
}

bool holds(double v, Comparison c, double reference) {
  switch (c) {
    case Comparison::AtLeast:
      return v >= reference;
    case Comparison::Above:
      return v > reference;
    case Comparison::AtMost:
      return v <= reference;
    case Comparison::Below:
      return v < reference;
  }
  return false;
}

}  // namespace

GreenFactoryEvaluation evaluateGreenFactory(const accounting::GreenFactoryScoreTable& table,
                                            const GreenFactoryInput& input,
                                            const PeriodAccounts& accounts) {
  if (accounts.period.kind != PeriodKind::Year || accounts.period.year != input.year) {
    throw ReportError("--period " + accounts.period.label + ": the assessment file " +
                      input.file.string() + " assesses the year " + std::to_string(input.year) +
                      "; use --period " + std::to_string(input.year) +
                      " (DB 64/T 1930-2023 §5.7.1: a calendar year)");
  }
  GreenFactoryEvaluation ev;
  ev.energy_tce = accounts.total_tce;
  ev.carbon_tco2 = accounts.carbon.total_tco2;
  ev.indicators = indicators(input, accounts);

  for (const Rule& rule : kRules) {
    const int index = indicatorIndex(ev.indicators, rule.indicator);
    if (index < 0) continue;  // infra-20 without [equipment]: entered by the assessor
    const accounting::ScoreItem* item = table.findItem(rule.item);
    if (!item) throw ReportError("the score table lacks item " + std::string(rule.item));
    const IndicatorLine& line = ev.indicators[static_cast<size_t>(index)];
    DataJudgement j;
    j.item = rule.item;
    j.indicator = index;
    if (rule.benchmark) {
      j.benchmark = true;
      j.comparison = *rule.benchmark;
      if (const EnteredBenchmark* b = input.findBenchmark(rule.item)) {
        j.reference = b->value;
        j.reference_source = b->source + " (" + b->defined_at + ")";
      }
    } else {
      j.comparison = *item->comparison;
      j.reference = item->threshold;
      j.reference_source = table.document + " " + item->clause;
    }
    j.met = line.value && j.reference && holds(*line.value, j.comparison, *j.reference);

    accounting::ItemAssessment a;
    a.earned_points = j.met ? item->points : 0.0;
    if (!line.value) {
      a.evidence = line.clause + " undefined (zero denominator)";
    } else if (!j.reference) {
      a.evidence = line.clause + " = " + accounting::numberText(*line.value) +
                   "; no sector benchmark entered ([[benchmark]] item = \"" + j.item + "\")";
    } else {
      a.evidence = line.clause + " = " + accounting::numberText(*line.value) + " " +
                   std::string(accounting::comparisonText(j.comparison)) + " " +
                   accounting::numberText(*j.reference) + (j.met ? ": holds" : ": fails") + "; " +
                   j.reference_source;
    }
    ev.assessment.items[j.item] = a;
    ev.judgements.push_back(std::move(j));
  }
  // §7.2.2 (evidence sufficient and complete) and §8.2 (each judgement cites its evidence
  // file): a claim whose evidence file is missing is not demonstrated, so an item keeps its
  // points and a basic requirement counts as met only with the file. Demo data keep them: the
  // demo's evidence is invented and never filed; the report flags it all the same.
  auto withEvidence = [&](const Evidence& e, bool claimed) {
    return !claimed || !e.missing || input.demo_data;
  };
  auto evidenceNote = [&](const Evidence& e, bool claimed) {
    std::string text = e.file + "; " + e.note + " (" + e.assessor + ")";
    if (claimed && e.missing) {
      text += input.demo_data ? "; evidence file missing (demo data: kept)"
                              : "; evidence file missing: not counted (§7.2.2, §8.2)";
    }
    return text;
  };
  for (const EnteredItem& e : input.items) {
    const bool claimed = e.points > 0;
    ev.assessment.items[e.id] = {withEvidence(e.evidence, claimed) ? e.points : 0.0,
                                 evidenceNote(e.evidence, claimed)};
  }
  for (const EnteredBasic& b : input.basic) {
    ev.assessment.basic[b.id] = {b.met && withEvidence(b.evidence, b.met),
                                 evidenceNote(b.evidence, b.met)};
  }
  ev.score = accounting::scoreGreenFactory(table, ev.assessment);
  return ev;
}

}  // namespace gt::report
