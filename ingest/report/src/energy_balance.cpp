// Energy balance per carrier from the period's bound points and area lines (see
// energy_balance.h).
#include "energy_balance.h"

#include <cmath>

#include "accounting/activity_unit.h"
#include "report_error.h"

namespace gt::report {
namespace {

CarrierBalance& carrierOf(EnergyBalance& b, const std::string& carrier, const std::string& unit) {
  for (CarrierBalance& c : b.carriers) {
    if (c.carrier == carrier) return c;
  }
  b.carriers.push_back({});
  b.carriers.back().carrier = carrier;
  b.carriers.back().unit = unit;
  return b.carriers.back();
}

double inUnit(double amount, const std::string& from, const std::string& to,
              const std::string& where) {
  if (from == to) return amount;
  const auto ratio = accounting::activityUnitRatio(from, to);
  if (!ratio) {
    throw ReportError(where + ": '" + from + "' and '" + to +
                      "' measure the same carrier but cannot be converted for its energy balance");
  }
  return amount * *ratio;
}

}  // namespace

EnergyBalance computeEnergyBalance(const PeriodAccounts& acc) {
  EnergyBalance b;
  for (const BoundActivity& a : acc.points) {
    if (a.coefficient.empty()) continue;  // no energy content (compressed air)
    CarrierBalance& c = carrierOf(b, a.binding.carrier, a.binding.unit);
    const double amount = inUnit(a.activity.amount, a.binding.unit, c.unit, a.binding.point);
    switch (a.binding.role) {
      case PointRole::Purchased:
        c.purchased += amount;
        break;
      case PointRole::OwnGeneration:
        c.generated += amount;
        break;
      case PointRole::Exported:
        c.exported += amount;
        break;
      case PointRole::SubMeter:
        break;
    }
  }
  for (const AreaLine& l : acc.areas) {
    if (l.area.empty()) continue;  // the accounts' own "not sub-metered" rest: the loss here
    CarrierBalance& c = carrierOf(b, l.carrier, l.unit);
    const double amount = inUnit(l.amount, l.unit, c.unit, l.area);
    c.areas.push_back({l.area, amount, l.tce});
    c.consumption += amount;
  }
  for (CarrierBalance& c : b.carriers) {
    c.name_zh = c.name_en = c.carrier;
    for (const EnergyLine& l : acc.energy) {
      if (l.carrier == c.carrier) {
        c.name_zh = l.line.name_zh;
        c.name_en = l.line.name_en;
      }
    }
    c.loss = c.input() - c.consumption - c.exported;
    // Below a millionth of the input the difference is register rounding, not a loss.
    if (std::abs(c.loss) <= 1e-6 * std::max(1.0, c.input())) c.loss = 0;
    c.negative_loss = c.loss < 0;
  }
  return b;
}

void addEnergyBalanceTable(ReportDocument& doc, const SiteConfig& site,
                           const EnergyBalance& balance, Language language) {
  const bool zh = language == Language::Chinese;
  auto w = [zh](const char* z, const char* e) { return std::string(zh ? z : e); };
  ReportTable t;
  t.title = w("能量平衡（输入 = 消费 + 损耗 + 输出）",
              "Energy balance (input = consumption + loss + export)");
  t.columns = {w("能源品种", "Energy"), w("项目", "Item"), w("区域", "Area"),
               w("实物量", "Amount"),   w("单位", "Unit"), w("说明", "Note")};
  t.wide = {false, false, false, false, false, true};
  auto cell = [](double v) { return ReportCell{fixedText(v, 2), v}; };
  for (const CarrierBalance& c : balance.carriers) {
    const std::string name = zh ? c.name_zh : c.name_en;
    t.rows.push_back({{name, {}},
                      {w("输入（购入+自发）", "input (purchased + generated)"), {}},
                      {"", {}},
                      cell(c.input()),
                      {c.unit, {}},
                      {fixedText(c.purchased, 2) + " + " + fixedText(c.generated, 2), {}}});
    for (const BalanceFlow& f : c.areas) {
      const Area* a = site.findArea(f.area);
      t.rows.push_back({{name, {}},
                        {w("消费（分项计量）", "consumption (sub-metered)"), {}},
                        {a ? (zh ? a->name_zh : a->name_en) : f.area, {}},
                        cell(f.amount),
                        {c.unit, {}},
                        {"", {}}});
    }
    t.rows.push_back({{name, {}},
                      {w("输出", "export"), {}},
                      {"", {}},
                      cell(c.exported),
                      {c.unit, {}},
                      {"", {}}});
    t.rows.push_back(
        {{name, {}},
         {w("损耗及未计量", "loss and unmetered"), {}},
         {"", {}},
         cell(c.loss),
         {c.unit, {}},
         {c.negative_loss ? w("负值：分项计量之和大于输入，请核对计量点绑定或仪表",
                              "NEGATIVE: the sub-meters add up to more than the input; check "
                              "the bindings and meters")
                          : w("输入 − 消费 − 输出", "input − consumption − export"),
          {}}});
  }
  const auto at = doc.tables.empty() ? doc.tables.end() : doc.tables.end() - 1;
  doc.tables.insert(at, std::move(t));
}

}  // namespace gt::report
