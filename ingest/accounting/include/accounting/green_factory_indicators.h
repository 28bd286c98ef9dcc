// The performance indicators of DB 64/T 1930-2023 Annex B (normative), as pure functions of
// the period's measured or ledger data. The seed's text lost the formula images of B.1 and
// B.4-B.11; each formula here is rebuilt from the symbols the clause defines, as noted.
// Denominators of zero (a month with no output) give nullopt: the indicator is undefined, not
// zero. Negative or non-finite inputs throw AccountingError.
#pragma once

#include <optional>
#include <span>

namespace gt::accounting {

// One storey of a building (B.1: floor area above ±0.00, and its storey height).
struct BuildingFloor {
  double area_m2 = 0;          // >= 0
  double storey_height_m = 0;  // >= 0
};

// B.1 floor-area ratio (容积率): R = (A_buildings + A_structures) / A_land, dimensionless.
// A storey higher than 8 m (层高超过8m; exactly 8 m is not) counts twice.
std::optional<double> floorAreaRatio(std::span<const BuildingFloor> floors,
                                     double structures_area_m2, double land_area_m2);

// B.2 building density (建筑密度): r = (a_buildings + a_structures) / A_land x 100 %, where the
// footprints include open-air plant, stockyards and operating areas. Returns percent.
std::optional<double> buildingDensityPercent(double buildings_footprint_m2,
                                             double structures_footprint_m2, double land_area_m2);

// B.3 green-material use rate (绿色物料使用率): epsilon = G_i / M_i, same unit for both.
// Returns percent (Table C.1 compares it with 30 %).
std::optional<double> greenMaterialRatePercent(double green_amount, double total_amount);

// B.4, B.5, B.6, B.7, B.10, B.11: a quantity per 10 000 yuan of output value (万元产值) of
// qualified products: pollutant (unit/10^4 yuan), waste gas (t/10^4 yuan), waste water
// (t/10^4 yuan), main raw material (unit/10^4 yuan), comprehensive energy consumption
// (tce/10^4 yuan), CO2 equivalent (tCO2e/10^4 yuan). output_value_10k_yuan is in 10^4 yuan.
std::optional<double> perTenThousandYuan(double quantity, double output_value_10k_yuan);

// B.8 industrial solid-waste utilisation (工业固体废物综合利用率), percent:
// K_r = Z_r / (Z + Z_w) x 100 %, Z_r utilised in the period (purchased waste excluded), Z
// generated in the period, Z_w utilised from earlier years' storage; all in t.
std::optional<double> solidWasteUtilisationPercent(double utilised_t, double generated_t,
                                                   double utilised_from_storage_t);

// B.9 waste-water reuse rate (废水回用率), percent: K_w = V_w / (V_w + V_d) x 100 %, V_w the
// treated waste water reused, V_d the waste water discharged (reuse excluded); both in m3.
std::optional<double> wasteWaterReusePercent(double reused_m3, double discharged_m3);

}  // namespace gt::accounting
