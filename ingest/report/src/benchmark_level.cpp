// Judging an intensity against its benchmark levels (see benchmark_level.h for the wording each
// comparison follows).
#include "benchmark_level.h"

namespace gt::report {

BenchmarkJudgement judgeBenchmark(double value, const BenchmarkConfig& b) {
  BenchmarkJudgement j;
  auto meets = [&](const std::optional<BenchmarkLevel>& l) {
    return l && value <= l->value / b.per_report_unit;  // 不高于: equality meets the level
  };
  if (meets(b.advanced)) {
    j.met = "advanced";
  } else if (meets(b.access)) {
    j.met = "access";
  } else if (meets(b.limit)) {
    j.met = "limit";
  }
  j.worse_than_limit = b.limit && !meets(b.limit);
  if (b.industry_average) j.within_industry_average = meets(b.industry_average);
  if (b.top20) j.within_top20 = value < b.top20->value / b.per_report_unit;  // 优于: strictly

  if (j.met == "advanced") {
    j.text_zh = "达到先进值（不高于先进值）";
    j.text_en = "at or better than the advanced value";
  } else if (j.met == "access") {
    j.text_zh = b.advanced ? "介于准入值与先进值之间" : "达到准入值";
    j.text_en = b.advanced ? "between the access and the advanced value" : "meets the access value";
  } else if (j.met == "limit") {
    j.text_zh = b.access ? "介于限定值与准入值之间"
                         : (b.advanced ? "介于限定值与先进值之间" : "达到限定值");
    j.text_en = b.access ? "between the limit and the access value"
                         : (b.advanced ? "between the limit and the advanced value"
                                       : "meets the limit value");
  } else if (j.worse_than_limit) {
    j.text_zh = "劣于限定值（超限）";
    j.text_en = "worse than the limit value";
  } else if (b.access || b.advanced) {
    j.text_zh = b.access ? "未达到准入值" : "未达到先进值";
    j.text_en = b.access ? "worse than the access value" : "worse than the advanced value";
  }
  auto append = [&](const std::string& zh, const std::string& en) {
    j.text_zh += (j.text_zh.empty() ? "" : "；") + zh;
    j.text_en += (j.text_en.empty() ? "" : "; ") + en;
  };
  if (j.within_industry_average) {
    append(*j.within_industry_average ? "不高于行业平均" : "高于行业平均",
           *j.within_industry_average ? "at or below the industry average"
                                      : "above the industry average");
  }
  if (j.within_top20) {
    append(*j.within_top20 ? "优于行业前20%" : "未优于行业前20%",
           *j.within_top20 ? "better than the industry's top 20 %"
                           : "not better than the industry's top 20 %");
  }
  return j;
}

}  // namespace gt::report
