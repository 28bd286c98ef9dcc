// The plant's colour palette: every surface the generator makes uses one of these paints.
// Keeping them in one table is what makes the model read as one coherent modern plant
// (light concrete, dark asphalt, white machines with a signal-blue stripe, steel grey).
#pragma once

#include <cstdint>

#include "scene.h"

namespace gt::factorygen {

// The value of each paint is its glTF material index: addPalette() adds them in this order.
enum class Paint : uint32_t {
  Grass,
  GrassDark,
  Asphalt,
  LaneWhite,
  Concrete,
  ConcreteDark,
  Gravel,
  EpoxyFloor,
  WallPanel,
  WallBand,
  RoofGrey,
  SteelStructure,
  SteelGalvanised,
  SteelDark,
  MachineWhite,
  MachineGrey,
  AccentBlue,
  AccentGreen,
  SafetyYellow,
  MachineWindow,
  Screen,
  SignalRed,
  SignalAmber,
  SignalGreen,
  PvCell,
  Aluminium,
  Glass,
  PipeGas,
  PipeSteam,
  PipeAir,
  PipeWater,
  Foliage,
  FoliageConifer,
  Trunk,
  CarWhite,
  CarBlack,
  CarSilver,
  CarBlue,
  CarRed,
  CarGlass,
  Rubber,
  TransformerGrey,
  Porcelain,
  Water,
  RackOrange,
  Casting,
  Carton,
  Count
};

// Adds one material per Paint, in enum order, to an empty scene.
void addPalette(Scene& scene);

}  // namespace gt::factorygen
