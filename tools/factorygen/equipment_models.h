// What each piece of plant equipment looks like. Every function returns the parts of one
// machine in its own local space: origin at the centre of its footprint on the floor
// (y = 0), the operator/front side facing +Z, metres. The layout decides where it stands.
#pragma once

#include "mesh_builder.h"
#include "seeded_random.h"

namespace gt::factorygen {

// Machines in the production hall (machine_models.cpp). Each machining cell includes its
// tool trolley and a pallet of castings, because a bare machine does not read as a cell.
MeshBuilder verticalMachiningCentre();    // ~3.4 x 2.8 m, 3.2 m high, blue stripe
MeshBuilder horizontalMachiningCentre();  // ~6 x 5 m with pallet changer, green stripe
MeshBuilder turningCentre();              // slant-bed lathe with bar feeder, ~7.7 x 2 m
// Roller conveyor of `length` metres along X with `stations` work stations and machine
// beds on pallets; the random source picks which part sits where.
MeshBuilder assemblyLine(float length, int stations, SeededRandom& random);
MeshBuilder paintBooth();  // 30 x 18 m enclosed booth with make-up air unit and stack
// Bridge crane spanning `span` metres along Z, rail top at `rail_height`.
MeshBuilder overheadCrane(float span, float rail_height);

// Utilities outside the hall (utility_models.cpp).
MeshBuilder airCompressor();   // packaged screw compressor, ~3.2 x 2 m
MeshBuilder airReceiver();     // vertical receiver tank, ~5 m high
MeshBuilder gasBoiler();       // fire-tube boiler with burner, breeching and 18 m stack
MeshBuilder chiller();         // air-cooled chiller, ~9.5 x 2.4 m, six fans on top
MeshBuilder transformer();     // oil transformer with radiators, conservator and bushings
MeshBuilder waterTreatment();  // round tanks, clarifier with bridge, pump skid, dosing house
MeshBuilder weatherStation();  // 10 m lattice mast with anemometer, vane and sensors

}  // namespace gt::factorygen
