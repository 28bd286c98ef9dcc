// Look-ups on the loaded factor tables.
#include "accounting/factor_tables.h"

namespace gt::accounting {

std::string_view conversionBasisName(ConversionBasis basis) {
  switch (basis) {
    case ConversionBasis::EquivalentValue:
      return "equivalent value (当量值)";
    case ConversionBasis::EqualValue:
      return "equal value (等价值)";
  }
  return "?";
}

const CoalCoefficient* CoalCoefficientTable::find(std::string_view key) const {
  for (const CoalCoefficient& c : coefficients)
    if (c.key == key) return &c;
  return nullptr;
}

const EqualValueCoefficient* CoalCoefficientTable::findEqualValue(std::string_view key,
                                                                  int year) const {
  for (const EqualValueCoefficient& e : equal_values)
    if (e.key == key && e.year == year) return &e;
  return nullptr;
}

std::optional<std::string> CoalCoefficientTable::keyForEnergyType(EnergyType type) const {
  const auto it = site_energy_type.find(std::string(energyTypeName(type)));
  if (it == site_energy_type.end() || it->second.empty()) return std::nullopt;
  return it->second;
}

const FuelEmissionFactor* EmissionFactorTable::findFuel(std::string_view key) const {
  for (const FuelEmissionFactor& f : fuels)
    if (f.key == key) return &f;
  return nullptr;
}

const HeatEmissionFactor* EmissionFactorTable::findHeat(std::string_view key) const {
  for (const HeatEmissionFactor& h : heat)
    if (h.key == key) return &h;
  return nullptr;
}

const GridEmissionFactor* EmissionFactorTable::findGrid(std::string_view calibre, int year) const {
  for (const GridEmissionFactor& g : grid)
    if (g.calibre == calibre && g.year == year) return &g;
  return nullptr;
}

}  // namespace gt::accounting
