// The carbon report's table of product carbon footprints (product_footprint.h): for each product
// its own areas' CO2, its share of the shared CO2, CO2 per unit and the carbon cost at the
// configured price, with the computation written out.
#pragma once

#include "accounting_bindings.h"
#include "product_footprint.h"
#include "report_document.h"

namespace gt::report {

void addProductFootprintTable(ReportDocument& doc, const AccountingBindings& bindings,
                              const ProductFootprints& footprints, Language language);

}  // namespace gt::report
