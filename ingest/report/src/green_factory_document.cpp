// What the green-factory assessment report says, chapter by chapter as DB 64/T 1930-2023 Annex A
// outlines it, in Chinese or English. §8.2: every judgement cites its evidence file, every
// computed figure its working and data, so each item says what earned or lost its points.
#include "green_factory_document.h"

#include <algorithm>
#include <set>

#include "document_words.h"
#include "number_text.h"

namespace gt::report {
namespace {

using accounting::Comparison;
using accounting::GreenFactoryVerdict;

ReportCell points(double v) {
  return {accounting::numberText(v), v};
}

std::string verdictName(GreenFactoryVerdict v, const Words& w) {
  switch (v) {
    case GreenFactoryVerdict::GreenFactory:
      return w("可推荐评为绿色工厂", "may be recommended as a green factory");
    case GreenFactoryVerdict::CultivationCandidate:
      return w("可作为绿色工厂培育对象", "green-factory cultivation candidate");
    case GreenFactoryVerdict::NotQualified:
      return w("不符合绿色工厂要求", "does not meet the green-factory requirements");
  }
  return "?";
}

std::string comparisonWord(Comparison c) {
  return std::string(accounting::comparisonText(c));
}

std::string evidenceText(const Evidence& e, const Words& w) {
  return w("证据：", "evidence: ") + e.file +
         (e.missing && e.file != "-"
              ? w("（缺失：未随评价文件归档）", " (MISSING: not filed with the assessment)")
              : "") +
         w("；", "; ") + e.note + w("；评价人：", "; assessor: ") + e.assessor + " (" +
         e.defined_at + ")";
}

// Why an item earned or lost its points: the indicator against its reference, or the
// assessor's evidence, or that nothing was entered.
std::string itemBasis(const accounting::ItemScore& s, const GreenFactoryInput& in,
                      const GreenFactoryEvaluation& ev, const Words& w) {
  for (const DataJudgement& j : ev.judgements) {
    if (j.item != s.item.id) continue;
    const IndicatorLine& line = ev.indicators[static_cast<size_t>(j.indicator)];
    if (!line.value) {
      return line.clause + w(" 无法计算（分母为0）", " undefined (zero denominator)");
    }
    const std::string value = line.clause + " = " + fixedText(*line.value, line.decimals) +
                              (line.unit == "-" ? "" : " " + line.unit);
    if (!j.reference) {
      return value +
             w("；未录入行业基准（[[benchmark]] item = \"",
               "; no sector benchmark entered "
               "([[benchmark]] item = \"") +
             j.item + "\")";
    }
    // "B.8 = 85.00 %；要求 > 85.00，不符合": the requirement is shown as such, so the line never
    // reads as a false inequality.
    return value + w("；要求 ", "; required ") + comparisonWord(j.comparison) + " " +
           fixedText(*j.reference, line.decimals) +
           (j.met ? w("，符合", ": holds") : w("，不符合", ": fails")) +
           (j.benchmark ? w("；行业基准：", "; sector benchmark: ")
                        : w("；标准限值：", "; limit: ")) +
           j.reference_source;
  }
  for (const EnteredItem& e : in.items) {
    if (e.id == s.item.id) return evidenceText(e.evidence, w);
  }
  return w("未评价：评价文件未录入此项", "not assessed: the assessment file has no entry");
}

ReportTable chapterTable(std::string title, const Words& w) {
  ReportTable t;
  t.title = std::move(title);
  t.columns = {w("项目", "item"), w("内容", "content")};
  t.wide = {false, true};
  return t;
}

ReportTable basicTable(const accounting::GreenFactoryScore& score, const GreenFactoryInput& in,
                       const Words& w) {
  ReportTable t;
  t.title = w("A.3 评价内容 — 基本要求（一票否决，§4.3）",
              "A.3 Assessment — basic requirements (veto, §4.3)");
  t.columns = {w("编号", "id"), w("条款", "clause"), w("要求", "requirement"), w("结论", "finding"),
               w("证据", "evidence")};
  t.wide = {false, false, true, false, true};
  for (const accounting::BasicRequirementResult& b : score.basic) {
    const auto e = std::find_if(in.basic.begin(), in.basic.end(),
                                [&](const EnteredBasic& x) { return x.id == b.requirement.id; });
    std::string finding = b.met ? w("符合", "met") : w("不符合", "not met");
    std::string basis = w("未评价：视为不符合", "not assessed: counts as not met");
    if (e != in.basic.end())
      basis = evidenceText(e->evidence, w);
    else
      finding = w("未评价", "not assessed");
    t.rows.push_back({text(b.requirement.id), text(b.requirement.clause),
                      text(b.requirement.summary_zh), text(finding), text(basis)});
  }
  return t;
}

ReportTable indexTable(const accounting::IndexScore& index, const GreenFactoryInput& in,
                       const GreenFactoryEvaluation& ev, const Words& w) {
  ReportTable t;
  t.title = w("A.3 评价内容 — ", "A.3 Assessment — ") +
            (w.language == Language::Chinese ? index.name_zh : index.name_en) + " (" +
            index.clause + w("，权重 ", ", weight ") +
            accounting::numberText(index.weight_percent) + " %)";
  t.columns = {w("编号", "id"),          w("二级指标", "group"),      w("条款", "clause"),
               w("要求", "requirement"), w("必选/可选", "type"),      w("满分", "points"),
               w("得分", "earned"),      w("得分或失分依据", "basis")};
  t.wide = {false, false, false, true, false, false, false, true};
  for (const accounting::ItemScore& s : index.items) {
    const bool mandatory = s.item.requirement == accounting::Requirement::Mandatory;
    t.rows.push_back({text(s.item.id), text(s.item.group_zh), text(s.item.clause),
                      text(s.item.summary_zh),
                      text(mandatory ? w("必选", "mandatory") : w("可选", "optional")),
                      points(s.item.points), points(s.earned), text(itemBasis(s, in, ev, w))});
  }
  t.rows.push_back({text(w("合计（满分100）", "index score (of 100)")), text(""), text(""),
                    text(""), text(""), points(100), points(index.earned_points),
                    text(w("加权得分 ", "weighted ") + accounting::numberText(index.earned_points) +
                         " x " + accounting::numberText(index.weight_percent) +
                         " % = " + fixedText(index.weighted, 2))});
  t.total_rows = 1;
  return t;
}

ReportTable indicatorTable(const GreenFactoryEvaluation& ev, const Words& w) {
  ReportTable t;
  t.title = w("A.3 评价内容 — 绩效指标计算（附录B）",
              "A.3 Assessment — performance indicators (Annex B)");
  t.columns = {w("条款", "clause"),  w("指标", "indicator"),
               w("公式", "formula"), w("输入数据及来源", "inputs and sources"),
               w("数值", "value"),   w("单位", "unit")};
  t.wide = {false, true, true, true, false, false};
  for (const IndicatorLine& l : ev.indicators) {
    std::vector<std::string> inputs;
    for (const IndicatorInput& i : l.inputs) {
      inputs.push_back(
          i.symbol + " = " + accounting::numberText(i.value) +
          (i.unit.empty() ? "" : " " + i.unit) + ": " +
          (w.language == Language::Chinese && !i.source_zh.empty() ? i.source_zh : i.source));
    }
    t.rows.push_back({text(l.clause), text(w.language == Language::Chinese ? l.name_zh : l.name_en),
                      text(l.formula), text(joined(inputs, "\n")),
                      l.value ? number(*l.value, l.decimals)
                              : text(w("无法计算（分母为0）", "undefined (zero denominator)")),
                      text(l.unit)});
  }
  return t;
}

ReportTable conclusionTable(const GreenFactoryEvaluation& ev, const Words& w) {
  const accounting::GreenFactoryScore& s = ev.score;
  ReportTable t;
  t.title = w("A.4 评价结论 — 加权综合得分（§4.4 表1）",
              "A.4 Conclusion — weighted total (§4.4 Table 1)");
  t.columns = {w("一级指标", "first-level index"), w("权重 %", "weight %"),
               w("得分（满分100）", "score (of 100)"), w("加权得分", "weighted")};
  t.wide = {true, false, false, false};
  for (const accounting::IndexScore& i : s.indices) {
    t.rows.push_back({text(w.language == Language::Chinese ? i.name_zh : i.name_en),
                      points(i.weight_percent), points(i.earned_points), number(i.weighted, 2)});
  }
  t.rows.push_back({text(w("加权综合得分", "weighted total")), points(100), text(""),
                    number(s.weighted_total, 2)});
  t.rows.push_back(
      {text(w("评价结论", "verdict")), text(""), text(""), text(verdictName(s.verdict, w))});
  t.total_rows = 2;
  return t;
}

ReportTable blockingTable(const GreenFactoryEvaluation& ev, const GreenFactoryInput& in,
                          const Words& w) {
  ReportTable t;
  t.title = w("A.4 评价结论 — 影响推荐的项目（不符合的基本要求、未满分的必选项）",
              "A.4 Conclusion — items that stop a recommendation (basic requirements not met, "
              "mandatory items short of full points)");
  t.columns = {w("编号", "id"), w("要求", "requirement"), w("满分", "points"), w("得分", "earned"),
               w("原因", "reason")};
  t.wide = {false, true, false, false, true};
  for (const accounting::BasicRequirementResult& b : ev.score.basic) {
    if (b.met) continue;
    t.rows.push_back({text(b.requirement.id), text(b.requirement.summary_zh),
                      text(w("一票否决", "veto")), text(w("不符合", "not met")),
                      text(w("基本要求应全部满足（§4.3）",
                             "basic requirements shall all be met "
                             "(§4.3)"))});
  }
  for (const accounting::IndexScore& i : ev.score.indices) {
    for (const accounting::ItemScore& s : i.items) {
      if (s.item.requirement != accounting::Requirement::Mandatory || s.earned >= s.item.points) {
        continue;
      }
      t.rows.push_back({text(s.item.id), text(s.item.summary_zh), points(s.item.points),
                        points(s.earned), text(itemBasis(s, in, ev, w))});
    }
  }
  if (t.rows.empty()) {
    t.rows.push_back({text("-"), text(w("无", "none")), text(""), text(""), text("")});
  }
  return t;
}

// The scorer's reason (English) in Chinese, by the same rules (green_factory_scorer.h).
std::string verdictReasonZh(const accounting::GreenFactoryScoreTable& table,
                            const accounting::GreenFactoryScore& s) {
  const std::string total = fixedText(s.weighted_total, 2);
  if (!s.failed_basic.empty()) {
    return "基本要求不符合（一票否决，§4.3）：" + joined(s.failed_basic, "、") + "；加权综合得分 " +
           total;
  }
  std::string reason =
      "加权综合得分 " + total + "（" + table.verdict_clause + "：" +
      accounting::numberText(table.green_factory_min) + " 分以上可推荐评为绿色工厂，" +
      accounting::numberText(table.cultivation_min) + " 分~" +
      accounting::numberText(table.green_factory_min) + " 分可作为绿色工厂培育对象）";
  if (!s.unmet_mandatory.empty()) {
    reason += s.score_band == GreenFactoryVerdict::GreenFactory
                  ? "；得分达到推荐线，但必选项未全部满足（§4.3 必选要求应全部满足）："
                  : "；未满分的必选项：";
    reason += joined(s.unmet_mandatory, "、");
  }
  return reason;
}

void addList(ReportTable& t, const std::string& label, const std::vector<std::string>& items) {
  int n = 0;
  for (const std::string& i : items) {
    t.rows.push_back({text(label + " " + std::to_string(++n)), text(i)});
  }
}

}  // namespace

ReportDocument buildGreenFactoryDocument(const SiteConfig& site,
                                         const accounting::GreenFactoryScoreTable& table,
                                         const GreenFactoryInput& input,
                                         const PeriodAccounts& accounts,
                                         const GreenFactoryEvaluation& ev, Language language,
                                         TimeMs generated) {
  const Words w{language};
  const accounting::GreenFactoryScore& s = ev.score;
  const int offset = accounts.period.utc_offset_minutes;
  ReportDocument doc;
  doc.title = w("绿色工厂评价报告（", "Green-factory assessment report (") + table.document +
              w("，", ", ") + std::to_string(input.year) + w("年度）", ")");
  doc.sheet = "green-factory";
  doc.facts = {
      {w("受评工厂", "factory"), input.factory},
      {w("站点", "site"),
       (language == Language::Chinese ? site.name_zh : site.name_en) + " (" + site.id + ")"},
      {w("评价年度", "assessed year"), std::to_string(input.year) + " (" +
                                           formatLocalMinute(accounts.period.start, offset) +
                                           " .. " + formatLocalMinute(accounts.period.end, offset) +
                                           " " + utcOffsetText(offset) + ")"},
      {w("评价机构", "assessing body"), input.organisation},
      {w("评价人 / 日期", "assessor / date"), input.assessor + " / " + input.date},
      {w("加权综合得分", "weighted total"), fixedText(s.weighted_total, 2)},
      {w("评价结论", "verdict"), verdictName(s.verdict, w)},
      {w("生成时间", "generated"), formatLocalSecond(generated, offset)},
  };
  if (input.demo_data) {
    doc.facts.insert(
        doc.facts.begin() + 1,
        {w("数据性质", "data"),
         w("演示数据（虚构），不得用于申报", "demo data (invented), not for a real application")});
  }

  ReportTable overview = chapterTable(w("A.1 概述", "A.1 Overview"), w);
  overview.rows.push_back(
      {text(w("目的、范围及准则", "purpose, scope, criteria")), text(input.scope)});
  overview.rows.push_back(
      {text(w("评价依据", "standards")),
       text(table.document + w(" 数控机床制造业绿色工厂评价要求；GB/T 2589-2020 综合能耗计算通则；"
                               "GB/T 32150-2015 工业企业温室气体排放核算和报告通则",
                               " (green factory, CNC machine-tool makers); GB/T 2589-2020 "
                               "(comprehensive energy); GB/T 32150-2015 (GHG accounting)"))});
  doc.tables.push_back(std::move(overview));

  ReportTable process = chapterTable(w("A.2 评价过程和方法", "A.2 Process and method"), w);
  process.rows.push_back({text(w("评价过程", "process")), text(input.process)});
  process.rows.push_back(
      {text(w("计量数据", "measured data")),
       text(w("综合能耗 E 与二氧化碳排放量 C 取自 GreenTwin 计量数据库（",
              "E and C from the "
              "GreenTwin reading store (") +
            std::to_string(accounts.points.size()) +
            w(" 个计量点）：E = ", " bound points): E = ") + fixedText(ev.energy_tce, 3) +
            " tce, C = " + fixedText(ev.carbon_tco2, 3) + " tCO2")});
  process.rows.push_back({text(w("评价人录入", "assessor's entries")),
                          text(input.file.filename().string() +
                               w("：土地、面积、物料、污染物、固废、废水、产值及各项证据",
                                 ": land, areas, materials, pollutants, solid waste, waste water, "
                                 "output value and the evidence of each item"))});
  process.rows.push_back(
      {text(w("工业总产值 Q", "output value Q")),
       text(accounting::numberText(input.output_value.value) + w(" 万元；", " 10^4 yuan; ") +
            input.output_value.source + " (" + input.output_value.defined_at + ")")});
  doc.tables.push_back(std::move(process));

  doc.tables.push_back(basicTable(s, input, w));
  for (const accounting::IndexScore& index : s.indices) {
    doc.tables.push_back(indexTable(index, input, ev, w));
  }
  doc.tables.push_back(indicatorTable(ev, w));
  doc.tables.push_back(conclusionTable(ev, w));
  doc.tables.push_back(blockingTable(ev, input, w));

  ReportTable verdict = chapterTable(w("A.4 评价结论 — 说明", "A.4 Conclusion — statement"), w);
  verdict.rows.push_back({text(w("结论", "verdict")), text(verdictName(s.verdict, w))});
  verdict.rows.push_back(
      {text(w("判定依据", "reason")),
       text(language == Language::Chinese ? verdictReasonZh(table, s) : s.verdict_reason)});
  addList(verdict, w("创建做法及亮点", "highlight"), input.highlights);
  doc.tables.push_back(std::move(verdict));

  ReportTable advice = chapterTable(w("A.5 建议", "A.5 Suggestions"), w);
  addList(advice, w("建议", "suggestion"), input.suggestions);
  doc.tables.push_back(std::move(advice));

  ReportTable refs = chapterTable(w("A.6 参考文件", "A.6 References"), w);
  addList(refs, w("文件", "document"), input.references);
  std::set<std::string> files;
  for (const EnteredBasic& b : input.basic) files.insert(b.evidence.file);
  for (const EnteredItem& i : input.items) files.insert(i.evidence.file);
  addList(refs, w("证据", "evidence"), std::vector<std::string>(files.begin(), files.end()));
  doc.tables.push_back(std::move(refs));

  ReportTable body = chapterTable(
      w("A.7 第三方机构资质符合性证明材料", "A.7 The assessing body's credentials"), w);
  addList(body, w("材料", "document"), input.qualification);
  doc.tables.push_back(std::move(body));

  doc.notes.push_back(w("B.11 以二氧化碳计（GB/T 32150-2015 核算范围），未含其他温室气体。",
                        "B.11 counts CO2 (the GB/T 32150-2015 inventory); other greenhouse gases "
                        "are not included."));
  doc.notes.push_back(
      w("“优于”行业水平按严格优于判定；废水回用率越高越好（表C.1 原文“不高于”按“达到”理解）。",
        "\"Better than\" a sector level is judged strictly; for the waste-water reuse rate higher "
        "is better (Table C.1's 不高于 read as reaching the average)."));
  if (!input.warnings.empty()) {
    const std::string n = std::to_string(input.warnings.size());
    doc.notes.push_back(
        input.demo_data
            ? w(n + " 项评价所引证据文件未随评价文件归档（演示数据：仍计分）。",
                n + " judgements cite an evidence file not filed with the assessment (demo "
                    "data: their points are kept).")
            : w(n + " 项评价所引证据文件缺失，按 §7.2.2、§8.2 "
                    "证据不充分，不得分（基本要求视为不符合）。",
                n + " judgements cite an evidence file that is missing: not demonstrated "
                    "(§7.2.2, §8.2), so no points (a basic requirement counts as not met)."));
  }
  if (input.demo_data) {
    doc.notes.push_back(
        w("本报告数据为演示数据，由 " + input.file.filename().string() + " 提供。",
          "The entries of this report are demo data from " + input.file.filename().string() + "."));
  }
  return doc;
}

}  // namespace gt::report
