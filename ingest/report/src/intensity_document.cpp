// Laying out the intensity part of a report (see intensity_document.h), in Chinese or English.
#include "intensity_document.h"

#include <algorithm>

#include "comparison_period.h"
#include "document_words.h"

namespace gt::report {
namespace {

ReportCell value(std::optional<double> v) {
  if (!v) return text("-");
  return {significantText(*v), *v};
}

bool wanted(const std::string& indicator, ReportKind kind) {
  return indicator.rfind(kind == ReportKind::Energy ? "energy_" : "carbon_", 0) == 0;
}

ReportTable outputTable(const AccountingBindings& bindings, const IntensityReport& r,
                        const Words& w) {
  ReportTable t;
  t.title = w("产量及产值（录入，含审计信息）", "Output entered (with its audit trail)");
  t.columns = {w("产品", "Product"),
               w("录入期", "Entered period"),
               w("合格产品产量", "Quantity"),
               w("单位", "Unit"),
               w("工业总产值 万元", "Output value 10^4 yuan"),
               w("工业增加值 万元", "Value added 10^4 yuan"),
               w("录入人", "By"),
               w("录入时间", "At"),
               w("原因", "Why"),
               w("依据", "Source")};
  t.wide = {false, false, false, false, false, false, false, false, true, true};
  const int off = r.current.period.utc_offset_minutes;
  for (const OutputEntry& e : r.current.output.entries) {
    std::string product = w("全厂", "whole site");
    if (const ProductConfig* p = bindings.findProduct(e.product)) {
      product = w.language == Language::Chinese ? p->name_zh : p->name_en;
    }
    t.rows.push_back({text(product), text(e.period), value(e.quantity), text(e.unit),
                      value(e.output_value), value(e.value_added), text(e.entered_by),
                      text(formatLocalMinute(e.entered_t, off)), text(e.reason),
                      text(e.source + " (" + e.via + ")")});
  }
  if (t.rows.empty()) {
    std::vector<ReportCell> row{
        text(w("报告期内未录入产量/产值", "no output entered for the period"))};
    while (row.size() < t.columns.size()) row.push_back(text(""));
    t.rows.push_back(std::move(row));
  }
  return t;
}

}  // namespace

std::string changeText(std::optional<double> current, std::optional<double> base,
                       bool base_available, Language language) {
  const Words w{language};
  if (!base_available || !base) {
    return w("无定义：基期无数据", "undefined: no data in the base period");
  }
  if (!current) return w("无定义：本期无数据", "undefined: no figure for this period");
  const std::optional<double> change = changePercent(current, base);
  if (!change) return w("无定义：基期为 0", "undefined: the base is 0");
  // Appended rather than "+" + fixedText(...): GCC 12 reports a false -Wrestrict at -O3.
  std::string out = *change > 0 ? "+" : "";
  out += fixedText(*change, 2);
  out += " %";
  return out;
}

void addIntensityTables(ReportDocument& doc, ReportKind kind, const AccountingBindings& bindings,
                        const IntensityReport& r, Language language) {
  const Words w{language};
  std::vector<ReportTable> tables;
  tables.push_back(outputTable(bindings, r, w));

  ReportTable intensities;
  intensities.title = w("能耗/排放强度", "Intensities");
  intensities.columns = {w("指标", "Indicator"), w("数值", "Value"), w("单位", "Unit"),
                         w("计算式 / 未给出原因", "Computation / why not given")};
  intensities.wide = {false, false, false, true};
  for (const IntensityLine& l : r.current.intensities.lines) {
    if (!wanted(l.indicator, kind)) continue;
    intensities.rows.push_back({text(w.language == Language::Chinese ? l.name_zh : l.name_en),
                                value(l.value), text(l.unit),
                                text(l.value ? l.formula : w(l.why_not_zh, l.why_not_en))});
  }
  tables.push_back(std::move(intensities));

  ReportTable compare;
  compare.title = w("同比、环比", "Month-on-month and year-on-year");
  compare.columns = {w("指标", "Indicator"),
                     w("本期 ", "This period ") + r.current.period.label,
                     w("环比期 ", "Previous ") + r.previous.period.label,
                     w("环比变化", "Change"),
                     w("同比期 ", "A year earlier ") + r.last_year.period.label,
                     w("同比变化", "Change")};
  compare.wide = {false, false, false, true, false, true};
  struct Figure {
    std::string indicator, name, unit;
  };
  std::vector<Figure> figures;
  if (kind == ReportKind::Energy) {
    figures.push_back({"total_tce", w("综合能耗", "Comprehensive energy"), "tce"});
  } else {
    figures.push_back({"total_tco2", w("二氧化碳排放总量", "Total CO2"), "tCO2"});
  }
  for (const IntensityLine& l : r.current.intensities.lines) {
    if (wanted(l.indicator, kind)) {
      figures.push_back(
          {l.indicator, w.language == Language::Chinese ? l.name_zh : l.name_en, l.unit});
    }
  }
  auto base = [](const ComparedPeriod& c, const std::string& indicator) {
    return c.figures ? c.figures->figure(indicator) : std::nullopt;
  };
  for (const Figure& f : figures) {
    const std::optional<double> now = r.current.figure(f.indicator);
    const std::optional<double> prev = base(r.previous, f.indicator);
    const std::optional<double> year = base(r.last_year, f.indicator);
    compare.rows.push_back(
        {text(f.name + " (" + f.unit + ")"), value(now), value(prev),
         text(changeText(now, prev, r.previous.figures.has_value(), language)), value(year),
         text(changeText(now, year, r.last_year.figures.has_value(), language))});
  }
  tables.push_back(std::move(compare));

  ReportTable bench;
  bench.title = w("对标（限定值、准入值、先进值、行业平均、行业前20%）",
                  "Benchmarks (limit, access, advanced, industry average, top 20 %)");
  bench.columns = {
      w("指标", "Indicator"),        w("本期", "This period"),   w("单位", "Unit"),
      w("限定值", "Limit"),          w("准入值", "Access"),      w("先进值", "Advanced"),
      w("行业平均", "Industry avg"), w("行业前20%", "Top 20 %"), w("达到水平", "Level reached"),
      w("来源", "Sources")};
  bench.wide = {false, false, false, false, false, false, false, false, true, true};
  for (const BenchmarkResult& b : r.benchmarks) {
    const BenchmarkConfig& c = *b.benchmark;
    if (!wanted(c.indicator, kind)) continue;
    std::string sources;
    auto level = [&](const std::optional<BenchmarkLevel>& l) {
      if (!l) return text("-");
      if (sources.find(l->source) == std::string::npos) {
        sources += (sources.empty() ? "" : "; ") + l->source;
      }
      return ReportCell{significantText(l->value) + " " + c.unit, l->value};
    };
    std::vector<ReportCell> row{text(c.indicator), value(b.value),
                                text(indicatorUnit(bindings, c.indicator))};
    for (const auto* l : {&c.limit, &c.access, &c.advanced, &c.industry_average, &c.top20}) {
      row.push_back(level(*l));
    }
    row.push_back(text(
        b.judgement ? w(b.judgement->text_zh, b.judgement->text_en)
                    : w("本期强度未给出，无法对标", "no intensity for this period: not judged")));
    row.push_back(text(sources + " (" + c.defined_at + ")"));
    bench.rows.push_back(std::move(row));
  }
  if (!bench.rows.empty()) tables.push_back(std::move(bench));

  // Before the data-coverage table, which stays last.
  const auto at = doc.tables.empty() ? doc.tables.end() : doc.tables.end() - 1;
  doc.tables.insert(at, tables.begin(), tables.end());

  if (r.current.intensities.unallocated_products) {
    doc.notes.push_back(
        w("本厂生产多种产品：未绑定分项计量区域的产品不给出单位产品综合能耗，只给出全厂万元产值/"
          "增加值能耗。",
          "The site makes several products: a product without a sub-metered area gets no energy "
          "per unit; only the site's energy per 10^4 yuan is given."));
  }
  doc.notes.push_back(w(
      "环比期为紧邻的前一期（前一小时、日、周、月、季、年；自定义期为其前同样天数），"
      "同比期为上年同期（周按 ISO 周序号）；基期为 0 或无数据时变化率无定义。"
      "强度仅在产量/产值覆盖整个报告期时给出。对标：限定值、准入值、先进值及行业平均按“不高于”"
      "判定（等于即达到），行业前20%按“优于”判定（等于不算达到）。",
      "The previous period is the hour, day, week, month, quarter or year before (a custom "
      "range: as many days before it); the year-earlier period has the same dates a year "
      "before (a week: the same ISO week number). A change against a base of 0 or without data is "
      "undefined. Intensities are given only when the output entered covers the whole period. "
      "Benchmarks: limit, access, advanced and industry average are maxima (不高于: equal meets "
      "them); the top 20 % must be beaten (优于: equal does not)."));
  for (const ComparedPeriod* c : {&r.previous, &r.last_year}) {
    if (!c->figures) {
      doc.notes.push_back(c->period.label + w("：无法计算（", ": not computed (") + c->unavailable +
                          w("）", ")"));
    }
  }
}

}  // namespace gt::report
