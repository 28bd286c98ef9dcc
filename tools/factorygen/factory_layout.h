// Assembles the whole demo site into a Scene: makes each mesh once and places the named
// nodes the site configuration (assets/demo/site.toml) binds to. Pure: no I/O, no clock;
// the same options always give the same scene.
#pragma once

#include <cstdint>

#include "scene.h"

namespace gt::factorygen {

struct FactoryOptions {
  // How many production halls: 1 is the demo site; N > 1 adds N - 1 copies of the hall in
  // a grid north of the site, their node names suffixed "#2" .. "#N". At least 1.
  int scale = 1;
  // Drives tree placement, parked cars, rack contents and parts on the assembly line.
  uint64_t seed = 2024;
};

Scene buildFactory(const FactoryOptions& options);

}  // namespace gt::factorygen
