// The stored series of a site file, as ReadingStore::open registers them. One definition for
// every program that opens the database for writing (greentwin-ingest, greentwin-entry
// --direct), so that whichever opens it first registers the same points with the same
// attributes (registerPoints() overwrites them on every open).
#pragma once

#include <vector>

#include "greentwin/site_config.h"
#include "reading_store.h"

namespace gt::ingest {

// Every point of every meter, in site-file order.
std::vector<PointInfo> sitePoints(const SiteConfig& site);

}  // namespace gt::ingest
