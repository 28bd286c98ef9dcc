// A known CAD assembly written as STEP or IGES through Open CASCADE, for the CAD import's tests
// and demos. Sizes are in millimetres, Z up, as machine builders deliver them.
#pragma once

#include <filesystem>

namespace gt::tools {

enum class CadFileKind { Step, Iges };

// "Machine": a "BasePlate" box 200 x 100 x 10 mm (x, y, z) at the origin, red; one "Bolt" part
// (cylinder r 5 mm, 30 mm high, blue) placed twice on the plate's top at (20, 20) and
// (180, 80); a "Motor" sub-assembly holding a "MotorHousing" cylinder (r 30 mm, 60 mm high,
// green) standing at (100, 50) on the plate. Every length is multiplied by `scale` (so the
// whole box is 200 x 100 x 70 mm at scale 1). Throws std::runtime_error when OCCT cannot
// write `file`.
void writeCadAssembly(const std::filesystem::path& file, CadFileKind kind, double scale = 1.0);

}  // namespace gt::tools
