// Recognising the quantity of a template point (see point_quantity.h).
#include "point_quantity.h"

#include <algorithm>
#include <string_view>

namespace gt::sim {
namespace {

struct QuantityName {
  std::string_view name;
  Quantity quantity;
  std::string_view canonical;
};

constexpr QuantityName kElectrical[] = {
    {"ua", Quantity::Ua, "V"},
    {"ub", Quantity::Ub, "V"},
    {"uc", Quantity::Uc, "V"},
    {"ia", Quantity::Ia, "A"},
    {"ib", Quantity::Ib, "A"},
    {"ic", Quantity::Ic, "A"},
    {"p", Quantity::P, "kW"},
    {"q", Quantity::Q, "kvar"},
    {"pf", Quantity::Pf, ""},
    {"f", Quantity::F, "Hz"},
    {"ep_imp", Quantity::EnergyImport, "kWh"},
    {"ep_exp", Quantity::EnergyExport, "kWh"},
    {"e_day", Quantity::EnergyToday, "kWh"},
    {"e_total", Quantity::EnergyTotal, "kWh"},
    {"udc", Quantity::Udc, "V"},
    {"idc", Quantity::Idc, "A"},
    {"t_inv", Quantity::InverterTemp, "degC"},
};

// Which quantity a template point is for this role, checked against its canonical unit.
}  // namespace

Quantity quantityOf(MeterRole role, const RegisterPoint& point) {
  if (role == MeterRole::WeatherStation) {
    if (point.name == "t" && point.canonical == "degC") return Quantity::OutdoorTemp;
    if (point.name == "rh" && point.canonical == "%") return Quantity::Humidity;
    return Quantity::Unmodelled;
  }
  if (isElectrical(role)) {
    for (const QuantityName& q : kElectrical) {
      if (q.name == point.name && q.canonical == point.canonical) return q.quantity;
    }
    return Quantity::Unmodelled;
  }
  const bool steam = role == MeterRole::BoilerSteam;
  const bool any_unit = role == MeterRole::OtherFlow;  // a flow of something we do not know
  if (point.name == "flow" && (any_unit || point.canonical == (steam ? "t/h" : "m3/h"))) {
    return Quantity::Flow;
  }
  if (point.name == "total" && (any_unit || point.canonical == (steam ? "t" : "m3"))) {
    return Quantity::Total;
  }
  if (point.name == "t" && point.canonical == "degC") return Quantity::MediumTemp;
  if (point.name == "pr" && point.canonical == "kPa") return Quantity::Pressure;
  return Quantity::Unmodelled;
}

double midRange(const RegisterPoint& point) {
  const bool low = point.min > -1e299, high = point.max < 1e299;
  if (low && high) return 0.5 * (point.min + point.max);
  return low ? point.min : (high ? std::min(point.max, 0.0) : 0.0);
}

}  // namespace gt::sim
