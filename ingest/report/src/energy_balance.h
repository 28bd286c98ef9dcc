// The energy balance of a period per carrier (issue 6): input = consumption + loss + export,
// where input is what crosses the boundary inward (purchased) plus what the site generates
// (own PV), consumption is what the area sub-meters measured, export what left the site, and
// loss the rest: input - consumption - export, which also holds unmetered loads. A negative loss
// (the sub-meters add up to more than came in) points at a wrong binding or a faulty meter and
// is flagged. The struct is the data the viewer's Sankey will draw (from input to areas, loss
// and export); the energy report prints it as a table. Pure.
#pragma once

#include <string>
#include <vector>

#include "period_accounts.h"
#include "report_document.h"

namespace gt::report {

struct BalanceFlow {
  std::string area;   // Area::id of the consumption; empty for loss and export
  double amount = 0;  // in the carrier's unit
  double tce = 0;
};

struct CarrierBalance {
  std::string carrier;           // "electricity", "natural_gas", ...
  std::string name_zh, name_en;  // of its coefficient ("电力", "electricity"); else the carrier
  std::string unit;              // of every amount below: the carrier's first bound point's unit
  double purchased = 0, generated = 0;  // input = purchased + generated
  double exported = 0;
  double consumption = 0;  // sum of `areas`
  double loss = 0;         // input - consumption - exported; may be negative
  bool negative_loss = false;
  std::vector<BalanceFlow> areas;
  double input() const { return purchased + generated; }
};

struct EnergyBalance {
  std::vector<CarrierBalance> carriers;  // in the order of the bindings
};

// From the period's accounts. Amounts of points of one carrier in different units (kWh, MWh)
// are converted to the first one's; throws ReportError when they cannot be.
EnergyBalance computeEnergyBalance(const PeriodAccounts& accounts);

// Appends the balance table to an energy report, before its data-coverage table.
void addEnergyBalanceTable(ReportDocument& doc, const SiteConfig& site,
                           const EnergyBalance& balance, Language language);

}  // namespace gt::report
