// Where things go on the demo site: the plan a site engineer would draw, as data. Units are
// metres; +X east, +Y up, +Z south; the site is 220 m x 160 m centred on the origin, ground
// at y = 0. Hall-local coordinates have their origin at the hall's centre on the ground.
#pragma once

#include <array>

#include <glm/vec2.hpp>
#include <glm/vec3.hpp>

namespace gt::factorygen {

// An axis-aligned rectangle on the ground, x from min.x to max.x and z from min.y to max.y.
struct GroundRect {
  glm::vec2 min;
  glm::vec2 max;
  glm::vec2 centre() const { return (min + max) * 0.5f; }
  glm::vec2 size() const { return max - min; }
  bool contains(glm::vec2 p) const {
    return p.x >= min.x && p.x <= max.x && p.y >= min.y && p.y <= max.y;
  }
};

namespace plan {

constexpr GroundRect kSite{{-110, -80}, {110, 80}};

// Production hall: 120 x 60 m, two 30 m spans, 12 m column grid, 12 m to the roof.
constexpr glm::vec3 kHallCentre{-22, 0, -32};
constexpr float kHallHalfLength = 60.0f;  // along X
constexpr float kHallHalfWidth = 30.0f;   // along Z
constexpr float kHallHeight = 12.0f;
constexpr float kHallBay = 12.0f;
constexpr float kHallFloor = 0.15f;  // top of the epoxy slab
constexpr float kCraneRail = 9.5f;   // top of the crane runway
// Extra halls for --scale: a grid north of the site, this far apart.
constexpr glm::vec2 kHallGridPitch{140.0f, 80.0f};

constexpr GroundRect kWarehouse{{62, -74}, {104, -36}};
constexpr float kWarehouseHeight = 10.0f;
constexpr GroundRect kUtilityYard{{60, -26}, {106, 2}};
constexpr GroundRect kSubstationYard{{64, 24}, {98, 50}};
constexpr GroundRect kParking{{-62, 20}, {18, 54}};
constexpr GroundRect kCarport{{-60, 31}, {16, 43}};

constexpr std::array<GroundRect, 7> kRoads{{
    {{-100, 6}, {106, 14}},    // main east-west road along the hall's south side
    {{-100, -74}, {-92, 14}},  // west road
    {{46, -76}, {54, 14}},     // east road between hall and warehouse
    {{-100, -74}, {54, -66}},  // north road behind the hall
    {{26, 14}, {34, 80}},      // entrance road from the south gate
    {{-62, 25}, {18, 31}},     // parking aisles
    {{-62, 43}, {18, 49}},
}};
constexpr std::array<GroundRect, 5> kConcreteYards{{
    {{-86, -66}, {42, 6}},    // apron around the hall
    {{54, -78}, {106, -30}},  // truck yard and warehouse apron
    kUtilityYard,
    {{-106, 20}, {-72, 64}},  // water treatment pad
    {{34, 70}, {44, 78}},     // gatehouse pad
}};

constexpr glm::vec3 kGate{30, 0, 80};
constexpr float kGateHalfWidth = 5.0f;

// Equipment positions (site coordinates) and headings (radians about +Y).
constexpr glm::vec3 kCompressor1{67, 0, -21};
constexpr glm::vec3 kCompressor2{67, 0, -16.5f};
constexpr glm::vec3 kAirReceiver{74, 0, -19};
constexpr glm::vec3 kBoiler{87, 0, -19};
constexpr glm::vec3 kChiller1{72, 0, -7};
constexpr glm::vec3 kChiller2{72, 0, -2};
constexpr glm::vec3 kGasStation{98, 0, -4};
constexpr glm::vec3 kTransformer{76, 0, 37};
constexpr glm::vec3 kSwitchHouse{90, 0, 33};
constexpr glm::vec3 kWaterTreatment{-89, 0, 42};
constexpr glm::vec3 kWeatherStation{46, 0, 60};
constexpr glm::vec3 kGatehouse{39, 0, 74};

// Pipe racks: the main rack runs east from the hall's east wall at this z, 6 m up; the
// cable rack comes north from the substation along x = 58.
constexpr float kRackZ = -28.0f;
constexpr float kRackHeight = 6.0f;
constexpr float kCableRackX = 58.0f;

}  // namespace plan
}  // namespace gt::factorygen
