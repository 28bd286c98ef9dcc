// The product carbon footprint table (see product_footprint_document.h).
#include "product_footprint_document.h"

#include "document_words.h"

namespace gt::report {

void addProductFootprintTable(ReportDocument& doc, const AccountingBindings& bindings,
                              const ProductFootprints& f, Language language) {
  const Words w{language};
  const bool by_value = bindings.footprint.shared == SharedAllocation::OutputValue;
  ReportTable t;
  t.title = w("产品碳足迹（厂内、能源相关，GB/T 32150-2015 排放按区域分摊）",
              "Product carbon footprint (gate to gate, energy-related; GB/T 32150-2015 "
              "emissions split by area)");
  // Short headers: the numbers need the width, the computation column wraps.
  t.columns = {
      w("产品", "product"),
      w("本产线 tCO2", "own tCO2"),
      by_value ? w("分摊比例（产值）", "share (value)") : w("分摊比例（质量）", "share (mass)"),
      w("合计 tCO2", "tCO2"),
      w("单位产品 tCO2", "tCO2/unit"),
      w("碳成本 元", "cost yuan"),
      w("单位碳成本 元", "yuan/unit"),
      w("计算过程", "computation")};
  t.wide = {false, false, false, false, false, false, false, true};
  for (const ProductFootprint& p : f.products) {
    const ProductConfig* config = bindings.findProduct(p.product);
    const std::string name =
        config ? (language == Language::Chinese ? config->name_zh : config->name_en) : p.product;
    auto maybe = [](const std::optional<double>& v, int decimals) {
      return v ? number(*v, decimals) : text("-");
    };
    t.rows.push_back({text(name), number(p.direct_tco2, 2),
                      f.why_not.empty() ? number(p.share, 3) : text("-"), number(p.tco2, 2),
                      p.tco2_per_unit ? number(*p.tco2_per_unit, 4) : text("-"),
                      maybe(p.carbon_cost_yuan, 0), maybe(p.carbon_cost_yuan_per_unit, 2),
                      text(f.why_not.empty() ? p.formula : f.why_not)});
  }
  t.rows.push_back({text(w("共用部分（公用工程、未绑定区域、未计量部分）",
                           "shared (utilities, areas of no product, unmetered rest)")),
                    text("-"), text("-"), number(f.shared_tco2, 2), text("-"), text("-"), text("-"),
                    text("")});
  doc.tables.push_back(std::move(t));
  if (!bindings.footprint.carbon_price_yuan_per_tco2) {
    doc.notes.push_back(
        w("未配置碳价（accounting.toml [accounting] carbon_price_yuan_per_tco2），"
          "不计碳成本。",
          "No carbon price configured ([accounting] carbon_price_yuan_per_tco2 "
          "in accounting.toml): no carbon cost."));
  }
}

}  // namespace gt::report
