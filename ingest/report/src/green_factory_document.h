// The green-factory assessment report of DB 64/T 1930-2023 as a ReportDocument, in the chapter
// order of its Annex A outline (A.1 overview ... A.7 the assessing body's credentials): the
// basic requirements (veto), the six first-level indices with every item's points, requirement
// and the data or evidence that earned or lost them, the Annex B indicators with formula and
// inputs, the weighted total, the verdict and the items that stop a recommendation. Rendered by
// the same CSV, XLSX and PDF writers as the energy and carbon reports. Pure.
#pragma once

#include "green_factory_evaluation.h"
#include "report_document.h"

namespace gt::report {

ReportDocument buildGreenFactoryDocument(const SiteConfig& site,
                                         const accounting::GreenFactoryScoreTable& table,
                                         const GreenFactoryInput& input,
                                         const PeriodAccounts& accounts,
                                         const GreenFactoryEvaluation& evaluation,
                                         Language language, TimeMs generated);

}  // namespace gt::report
