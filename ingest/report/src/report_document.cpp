// What the energy and carbon reports say, in Chinese or English: the tables an energy manager
// or a green-factory assessor reads, each figure beside the points, factor, source and formula
// it comes from (seed 002 §二: traceable to its data; 003 §4.5.9: clean energy not deducted twice).
#include "report_document.h"

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <sstream>

#include "document_words.h"

namespace gt::report {
namespace {

using accounting::EmissionCategory;

// Coefficients as published: no trailing zeros beyond the standard's digits.
std::string factorText(double v) {
  std::ostringstream out;
  out.precision(8);
  out << v;
  return out.str();
}

std::string areaName(const SiteConfig& site, const std::string& id, const Words& w) {
  if (id.empty())
    return w("未分项计量（损耗、未装表负荷）", "not sub-metered (losses, unmetered loads)");
  const Area* a = site.findArea(id);
  if (!a) return id;
  return w.language == Language::Chinese ? a->name_zh : a->name_en;
}

std::string roleName(PointRole role, const Words& w) {
  switch (role) {
    case PointRole::Purchased:
      return w("购入", "purchased");
    case PointRole::Exported:
      return w("输出", "exported");
    case PointRole::OwnGeneration:
      return w("自发（可再生）", "own generation (renewable)");
    case PointRole::SubMeter:
      return w("分项计量", "sub-meter");
  }
  return "?";
}

std::string categoryName(EmissionCategory c, const Words& w) {
  switch (c) {
    case EmissionCategory::FuelCombustion:
      return w("化石燃料燃烧", "fuel combustion");
    case EmissionCategory::Process:
      return w("工业生产过程", "process");
    case EmissionCategory::PurchasedElectricity:
      return w("购入电力", "purchased electricity");
    case EmissionCategory::PurchasedHeat:
      return w("购入热力", "purchased heat");
    case EmissionCategory::ExportedElectricity:
      return w("输出电力（扣减）", "exported electricity (deducted)");
    case EmissionCategory::ExportedHeat:
      return w("输出热力（扣减）", "exported heat (deducted)");
    case EmissionCategory::AvoidedByOwnGeneration:
      return w("清洁能源减排（仅报告）", "avoided by own generation (reported only)");
  }
  return "?";
}

std::string basisName(accounting::ConversionBasis b, const Words& w) {
  return b == accounting::ConversionBasis::EquivalentValue
             ? w("当量值", "equivalent value (当量值)")
             : w("等价值", "equal value (等价值)");
}

std::string periodKindTitle(PeriodKind k, ReportKind kind, const Words& w) {
  if (kind == ReportKind::Energy) {
    switch (k) {
      case PeriodKind::Day:
        return w("能源消费日报", "Daily energy report");
      case PeriodKind::Month:
        return w("能源消费月报", "Monthly energy report");
      case PeriodKind::Year:
        return w("能源消费年报", "Annual energy report");
      case PeriodKind::Custom:
        return w("能源消费报告", "Energy report");
      case PeriodKind::Hour:
        return w("能源消费小时报", "Hourly energy report");
      case PeriodKind::Week:
        return w("能源消费周报", "Weekly energy report");
      case PeriodKind::Quarter:
        return w("能源消费季报", "Quarterly energy report");
    }
  }
  switch (k) {
    case PeriodKind::Day:
      return w("碳排放日报", "Daily carbon emission report");
    case PeriodKind::Month:
      return w("碳排放月报", "Monthly carbon emission report");
    case PeriodKind::Year:
      return w("碳排放年报", "Annual carbon emission report");
    case PeriodKind::Custom:
      return w("碳排放报告", "Carbon emission report");
    case PeriodKind::Hour:
      return w("碳排放小时报", "Hourly carbon emission report");
    case PeriodKind::Week:
      return w("碳排放周报", "Weekly carbon emission report");
    case PeriodKind::Quarter:
      return w("碳排放季报", "Quarterly carbon emission report");
  }
  return "";
}

double coveragePercent(const PointActivity& a, const ReportPeriod& p) {
  return 100.0 * static_cast<double>(a.covered_ms) / static_cast<double>(p.end - p.start);
}

void addCommonFacts(ReportDocument& doc, const SiteConfig& site, const PeriodAccounts& acc,
                    const Words& w, TimeMs generated) {
  const ReportPeriod& p = acc.period;
  const int off = p.utc_offset_minutes;
  doc.facts.emplace_back(
      w("单位", "Site"),
      (w.language == Language::Chinese ? site.name_zh : site.name_en) + " (" + site.id + ")");
  doc.facts.emplace_back(w("报告期", "Period"), p.label + "  [" + formatLocalMinute(p.start, off) +
                                                    ", " + formatLocalMinute(p.end, off) + ")  " +
                                                    site.timezone + " (" + utcOffsetText(off) +
                                                    ")");
  double worst = 100.0;
  for (const BoundActivity& a : acc.points) worst = std::min(worst, coveragePercent(a.activity, p));
  doc.facts.emplace_back(
      w("数据完整性", "Data coverage"),
      acc.has_data
          ? fixedText(worst, 1) + w(" %（各计量点最低值，见数据完整性表）",
                                    " % (lowest of the bound points; see the coverage table)")
          : w("无数据：报告期内没有任何有效读数，以下数值均为 0",
              "NO DATA: no usable reading in the period; every figure below is 0"));
  doc.facts.emplace_back(w("生成时间", "Generated"),
                         formatLocalSecond(generated, off) + " (" + utcOffsetText(off) + ")");
}

ReportTable coverageTable(const PeriodAccounts& acc, const Words& w) {
  ReportTable t;
  t.title = w("数据完整性（按计量点）", "Data coverage by meter point");
  t.columns = {w("计量点", "Point"),
               w("用途", "Role"),
               w("有效读数", "Usable"),
               w("剔除读数", "Rejected"),
               w("计数回退", "Regressions"),
               w("首条有效读数", "First usable"),
               w("末条有效读数", "Last usable"),
               w("覆盖率 %", "Coverage %"),
               w("最长间断 h", "Longest gap h")};
  t.wide.assign(t.columns.size(), false);
  const int off = acc.period.utc_offset_minutes;
  for (const BoundActivity& a : acc.points) {
    const PointActivity& pa = a.activity;
    std::vector<ReportCell> row{text(a.binding.point), text(roleName(a.binding.role, w))};
    if (!pa.stored) {
      row.push_back(text(w("数据库中无此点", "not in the database")));
      while (row.size() < t.columns.size()) row.push_back(text(""));
    } else {
      row.push_back(number(static_cast<double>(pa.usable), 0));
      row.push_back(number(static_cast<double>(pa.unusable), 0));
      row.push_back(number(static_cast<double>(pa.regressions), 0));
      row.push_back(text(pa.first_t ? formatLocalMinute(*pa.first_t, off) : "-"));
      row.push_back(text(pa.last_t ? formatLocalMinute(*pa.last_t, off) : "-"));
      row.push_back(number(coveragePercent(pa, acc.period), 1));
      row.push_back(number(static_cast<double>(pa.longest_gap_ms) / 3'600'000.0, 2));
    }
    t.rows.push_back(std::move(row));
  }
  return t;
}

void addCoverageNotes(ReportDocument& doc, const PeriodAccounts& acc, const Words& w) {
  for (const BoundActivity& a : acc.points) {
    if (a.activity.regressions > 0) {
      doc.notes.push_back(
          a.binding.point +
          w("：计数器回退 " + std::to_string(a.activity.regressions) + " 次（共 " +
                fixedText(a.activity.regressed_by, 2) + " " + a.binding.unit +
                "），可能为换表或复位；回退量未计入，请核对换表记录。",
            ": counter went backwards " + std::to_string(a.activity.regressions) + " time(s) (by " +
                fixedText(a.activity.regressed_by, 2) + " " + a.binding.unit +
                " in all), likely a meter replacement or reset; the drop is not counted: check "
                "the replacement record."));
    }
  }
  doc.notes.push_back(
      w("报告期用量为相邻有效读数之差（正值）之和；带质量标志（越限、回退、冻结、"
        "突变、无法解码、时钟可疑）的读数已剔除。两读数跨越期界时，其差计入后一读数所在期。",
        "A period's use is the sum of positive differences between consecutive "
        "usable readings; readings flagged out of range, regressed, stuck, spike, "
        "not a number or clock suspect are skipped. A difference spanning a period "
        "boundary belongs to the period of its later reading."));
}

ReportDocument energyDocument(const SiteConfig& site, const PeriodAccounts& acc, const Words& w,
                              TimeMs generated) {
  ReportDocument doc;
  doc.sheet = "energy";
  doc.title = periodKindTitle(acc.period.kind, ReportKind::Energy, w);
  addCommonFacts(doc, site, acc, w, generated);
  doc.facts.insert(doc.facts.begin() + 2,
                   {w("电力折算口径", "Electricity basis"),
                    basisName(acc.basis, w) + w("（GB/T 2589-2020）", " (GB/T 2589-2020)")});
  doc.facts.insert(doc.facts.begin() + 3,
                   {w("综合能耗", "Comprehensive energy"), fixedText(acc.total_tce, 4) + " tce"});

  ReportTable carriers;
  carriers.title = w("综合能源消费量（按能源品种，GB/T 2589-2020）",
                     "Comprehensive energy consumption by energy type (GB/T 2589-2020)");
  carriers.columns = {w("能源品种", "Energy"),      w("用途", "Role"),
                      w("实物量", "Amount"),        w("单位", "Unit"),
                      w("折标系数", "Coefficient"), w("系数单位", "Coef. unit"),
                      w("折标准煤 tce", "tce"),     w("系数来源", "Coefficient source")};
  carriers.wide = {false, false, false, false, false, false, false, true};
  for (const EnergyLine& e : acc.energy) {
    const auto& l = e.line;
    carriers.rows.push_back(
        {text(w.language == Language::Chinese ? l.name_zh : l.name_en), text(roleName(e.role, w)),
         number(e.role == PointRole::Exported ? -l.amount : l.amount, 2), text(l.unit),
         text(factorText(l.coefficient.value)), text("kgce/" + l.coefficient_unit),
         number(e.signed_tce, 4),
         text(l.coefficient.source +
              (l.coefficient.site_override ? w("（站点修订）", " (site override)") : ""))});
  }
  carriers.rows.push_back({text(w("综合能耗合计", "Total comprehensive energy")), text(""),
                           text(""), text(""), text(""), text(""), number(acc.total_tce, 4),
                           text(w("购入 − 输出", "purchased − exported"))});
  carriers.total_rows = 1;
  doc.tables.push_back(std::move(carriers));

  if (acc.own_generation) {
    const auto& l = acc.own_generation->line;
    ReportTable clean;
    clean.title = w("清洁能源（自发自用光伏等，不计入综合能耗合计）",
                    "Clean energy generated on site (PV; not added to the total)");
    clean.columns = {w("能源品种", "Energy"), w("计量点", "Points"),    w("发电量", "Generated"),
                     w("单位", "Unit"),       w("折标准煤 tce", "tce"), w("说明", "Note")};
    clean.wide = {false, false, false, false, false, true};
    clean.rows.push_back(
        {text(w.language == Language::Chinese ? l.name_zh : l.name_en),
         text(joined(acc.own_generation->points)), number(l.amount, 2), text(l.unit),
         number(l.tce, 4),
         text(w("其中自用部分已使购入电量减少，输出部分已作为输出电力扣减；此处仅列示。",
                "The part used on site already lowered the electricity bought and the exported "
                "part is deducted as exported: listed here for information only."))});
    doc.tables.push_back(std::move(clean));
  }

  ReportTable areas;
  areas.title = w("分区域能源消费", "Energy use by area");
  areas.columns = {w("区域", "Area"), w("能源品种", "Energy"),  w("实物量", "Amount"),
                   w("单位", "Unit"), w("折标准煤 tce", "tce"), w("计量点", "Points")};
  areas.wide = {false, false, false, false, false, true};
  for (const AreaLine& a : acc.areas) {
    areas.rows.push_back({text(areaName(site, a.area, w)),
                          text(w.language == Language::Chinese ? a.name_zh : a.name_en),
                          number(a.amount, 2), text(a.unit), number(a.tce, 4),
                          text(joined(a.points))});
  }
  doc.tables.push_back(std::move(areas));

  ReportTable trace;
  trace.title = w("计算过程（可追溯）", "How each figure was computed");
  trace.columns = {w("项目", "Item"), w("计量点", "Points"), w("计算式", "Computation"),
                   w("因子定义位置", "Factor defined at")};
  trace.wide = {false, true, true, true};
  for (const EnergyLine& e : acc.energy) {
    trace.rows.push_back({text((w.language == Language::Chinese ? e.line.name_zh : e.line.name_en) +
                               " " + roleName(e.role, w)),
                          text(joined(e.points)), text(e.line.formula),
                          text(e.line.coefficient.defined_at)});
  }
  if (acc.own_generation) {
    const auto& e = *acc.own_generation;
    trace.rows.push_back({text(roleName(e.role, w)), text(joined(e.points)), text(e.line.formula),
                          text(e.line.coefficient.defined_at)});
  }
  doc.tables.push_back(std::move(trace));
  doc.tables.push_back(coverageTable(acc, w));

  doc.notes.push_back(
      w("综合能耗 E = Σ(eᵢ × pᵢ)（GB/T 2589-2020），按进出用能单位边界的能源计："
        "购入量减输出量；厂内自产蒸汽、压缩空气由已计入的天然气、电力转换而来，不重复计入。",
        "Comprehensive energy E = Σ(eᵢ × pᵢ) (GB/T 2589-2020) counts energy "
        "crossing the site boundary: purchased minus exported. Steam and "
        "compressed air made on site come from gas and electricity already "
        "counted and are not counted again."));
  doc.notes.push_back(w("分区域电力含自发光伏供电部分，故各区域之和可大于购入电力。",
                        "Area electricity includes what the site's PV supplied, so the areas can "
                        "add up to more than the electricity bought."));
  addCoverageNotes(doc, acc, w);
  return doc;
}

ReportDocument carbonDocument(const SiteConfig& site, const PeriodAccounts& acc, const Words& w,
                              TimeMs generated) {
  ReportDocument doc;
  doc.sheet = "carbon";
  doc.title = periodKindTitle(acc.period.kind, ReportKind::Carbon, w);
  addCommonFacts(doc, site, acc, w, generated);
  const std::string year = std::to_string(acc.factor_year);
  std::string grid = acc.grid_calibre + ", " + year;
  if (acc.factor_year_configured && acc.factor_year != acc.period.year) {
    grid += w("（报告期年度因子尚未发布，按 accounting.toml 采用 " + year + " 年因子）",
              " (the period's own year is not yet published; accounting.toml sets " + year + ")");
  }
  doc.facts.insert(doc.facts.begin() + 2, {w("电网排放因子", "Grid factor"), grid});
  doc.facts.insert(doc.facts.begin() + 3, {w("二氧化碳排放总量", "Total CO2"),
                                           fixedText(acc.carbon.total_tco2, 4) + " tCO2"});

  ReportTable sources;
  sources.title =
      w("二氧化碳排放（按排放源，GB/T 32150-2015）", "CO2 emissions by source (GB/T 32150-2015)");
  sources.columns = {w("排放类别", "Category"), w("排放源", "Source"), w("区域", "Area"),
                     w("活动数据", "Activity"), w("单位", "Unit"),     w("排放量 tCO2", "tCO2")};
  sources.wide.assign(sources.columns.size(), false);
  for (const auto& l : acc.carbon.lines) {
    sources.rows.push_back({text(categoryName(l.category, w)), text(l.name),
                            text(l.process.empty() ? "" : areaName(site, l.process, w)),
                            number(l.activity, 2), text(l.activity_unit), number(l.tco2, 4)});
  }
  sources.rows.push_back({text(w("排放总量", "Total")), text(""), text(""), text(""), text(""),
                          number(acc.carbon.total_tco2, 4)});
  sources.total_rows = 1;
  doc.tables.push_back(std::move(sources));

  ReportTable clean;
  clean.title = w("清洁能源减排量（仅报告，不从排放总量中再次扣除，见 003 §4.5.9 说明）",
                  "Emissions avoided by clean energy (reported, NOT subtracted again; 003 §4.5.9)");
  clean.columns = {w("项目", "Item"), w("发电量", "Generated"), w("单位", "Unit"),
                   w("减排量 tCO2", "Avoided tCO2")};
  clean.wide.assign(clean.columns.size(), false);
  if (acc.carbon.avoided) {
    clean.rows.push_back(
        {text(w("自发光伏电量", "own PV generation")), number(acc.carbon.avoided->activity, 2),
         text(acc.carbon.avoided->activity_unit), number(acc.carbon.avoided_tco2, 4)});
  } else {
    clean.rows.push_back(
        {text(w("无自发电量", "no own generation")), number(0, 2), text("kWh"), number(0, 4)});
  }
  doc.tables.push_back(std::move(clean));

  ReportTable factors;
  factors.title = w("排放因子及来源", "Emission factors and their sources");
  factors.columns = {w("排放源", "Source"),        w("因子", "Factor"),
                     w("数值", "Value"),           w("单位", "Unit"),
                     w("来源", "Source document"), w("定义位置", "Defined at")};
  factors.wide = {false, false, false, false, true, true};
  auto add_factors = [&](const accounting::EmissionLine& l) {
    for (const auto& f : l.factors) {
      // Two gas meters use the same three factors: list each factor once.
      const bool listed = std::any_of(factors.rows.begin(), factors.rows.end(), [&](const auto& r) {
        return r[0].text == l.name && r[1].text == f.name && r[5].text == f.value.defined_at;
      });
      if (listed) continue;
      factors.rows.push_back(
          {text(l.name), text(f.name), text(factorText(f.value.value)), text(f.unit),
           text(f.value.source +
                (f.value.site_override ? w("（站点修订）", " (site override)") : "")),
           text(f.value.defined_at)});
    }
  };
  for (const auto& l : acc.carbon.lines) add_factors(l);
  if (acc.carbon.avoided) add_factors(*acc.carbon.avoided);
  doc.tables.push_back(std::move(factors));

  ReportTable trace;
  trace.title = w("计算过程（可追溯）", "How each figure was computed");
  trace.columns = {w("排放源", "Source"), w("计算式", "Computation")};
  trace.wide = {false, true};
  for (const auto& l : acc.carbon.lines) trace.rows.push_back({text(l.name), text(l.formula)});
  if (acc.carbon.avoided) {
    trace.rows.push_back({text(acc.carbon.avoided->name), text(acc.carbon.avoided->formula)});
  }
  doc.tables.push_back(std::move(trace));
  doc.tables.push_back(coverageTable(acc, w));

  doc.notes.push_back(
      w("排放总量 = 化石燃料燃烧 + 过程 + 购入电力 + 购入热力 − 输出电力 − 输出热力"
        "（GB/T 32150-2015）。自发光伏的减排量仅列示：其自用电量已减少购入电力，"
        "再扣减将重复折减。",
        "Total = fuel combustion + process + purchased electricity + purchased "
        "heat − exported electricity − exported heat (GB/T 32150-2015). Own PV's "
        "avoided emissions are listed only: the electricity it supplied was "
        "already not bought, so deducting it again would count it twice."));
  addCoverageNotes(doc, acc, w);
  return doc;
}

}  // namespace

std::string fixedText(double value, int decimals) {
  char buffer[64];
  std::snprintf(buffer, sizeof buffer, "%.*f", decimals, value);
  std::string s = buffer;
  // "-0.00": a tiny negative rounding residue reads as a real negative figure.
  if (s.front() == '-' && s.find_first_not_of("-0.") == std::string::npos) s.erase(0, 1);
  return s;
}

ReportDocument buildReportDocument(ReportKind kind, const SiteConfig& site,
                                   const PeriodAccounts& accounts, Language language,
                                   TimeMs generated) {
  const Words w{language};
  return kind == ReportKind::Energy ? energyDocument(site, accounts, w, generated)
                                    : carbonDocument(site, accounts, w, generated);
}

}  // namespace gt::report
