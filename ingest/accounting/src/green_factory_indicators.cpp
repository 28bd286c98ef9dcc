// DB 64/T 1930-2023 Annex B indicator formulas.
#include "accounting/green_factory_indicators.h"

#include <cmath>
#include <string>

#include "accounting/accounting_error.h"
#include "number_text.h"

namespace gt::accounting {
namespace {

// B.1: "建筑物层高超过8m的，在计算容积率时该层建筑面积加倍计算".
constexpr double kTallStoreyM = 8.0;

void requireNonNegative(const char* what, double value) {
  if (!std::isfinite(value) || value < 0) {
    throw AccountingError(std::string(what) + " is " + numberText(value) +
                          ": must be a finite value >= 0");
  }
}

std::optional<double> ratio(double numerator, double denominator) {
  if (denominator <= 0) return std::nullopt;
  return numerator / denominator;
}

}  // namespace

std::optional<double> floorAreaRatio(std::span<const BuildingFloor> floors,
                                     double structures_area_m2, double land_area_m2) {
  requireNonNegative("structures area (m2)", structures_area_m2);
  requireNonNegative("land area (m2)", land_area_m2);
  double buildings = 0;
  for (const BuildingFloor& floor : floors) {
    requireNonNegative("storey floor area (m2)", floor.area_m2);
    requireNonNegative("storey height (m)", floor.storey_height_m);
    buildings += floor.storey_height_m > kTallStoreyM ? 2.0 * floor.area_m2 : floor.area_m2;
  }
  return ratio(buildings + structures_area_m2, land_area_m2);
}

std::optional<double> buildingDensityPercent(double buildings_footprint_m2,
                                             double structures_footprint_m2, double land_area_m2) {
  requireNonNegative("buildings footprint (m2)", buildings_footprint_m2);
  requireNonNegative("structures footprint (m2)", structures_footprint_m2);
  requireNonNegative("land area (m2)", land_area_m2);
  const auto r = ratio(buildings_footprint_m2 + structures_footprint_m2, land_area_m2);
  if (!r) return std::nullopt;
  return *r * 100.0;
}

std::optional<double> greenMaterialRatePercent(double green_amount, double total_amount) {
  requireNonNegative("green material used", green_amount);
  requireNonNegative("material used", total_amount);
  const auto r = ratio(green_amount, total_amount);
  if (!r) return std::nullopt;
  return *r * 100.0;
}

std::optional<double> perTenThousandYuan(double quantity, double output_value_10k_yuan) {
  requireNonNegative("quantity", quantity);
  requireNonNegative("output value (10^4 yuan)", output_value_10k_yuan);
  return ratio(quantity, output_value_10k_yuan);
}

std::optional<double> solidWasteUtilisationPercent(double utilised_t, double generated_t,
                                                   double utilised_from_storage_t) {
  requireNonNegative("solid waste utilised (t)", utilised_t);
  requireNonNegative("solid waste generated (t)", generated_t);
  requireNonNegative("solid waste utilised from storage (t)", utilised_from_storage_t);
  const auto r = ratio(utilised_t, generated_t + utilised_from_storage_t);
  if (!r) return std::nullopt;
  return *r * 100.0;
}

std::optional<double> wasteWaterReusePercent(double reused_m3, double discharged_m3) {
  requireNonNegative("waste water reused (m3)", reused_m3);
  requireNonNegative("waste water discharged (m3)", discharged_m3);
  const auto r = ratio(reused_m3, reused_m3 + discharged_m3);
  if (!r) return std::nullopt;
  return *r * 100.0;
}

}  // namespace gt::accounting
