// The assessor's entries for a DB 64/T 1930-2023 green-factory assessment (the file named by
// [green_factory] assessment in accounting.toml): what no meter measures. Land, floor areas and
// footprints (Annex B.1, B.2), green and main materials (B.3), pollutants, waste gas, waste
// water and raw material (B.4-B.7), solid waste (B.8), waste-water reuse (B.9), the output value
// Q of qualified products with its source (B.4-B.11), the sector benchmarks the standard leaves
// open (industry average, top 20 %), and for every Table C.1 item no data judges: the points
// earned, the evidence (file, note) and the assessor. docs/reports.md lists every key.
#pragma once

#include <filesystem>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "accounting/green_factory_score_table.h"

namespace gt::report {

// A number the assessor entered, where it was entered and the document it was taken from.
struct EnteredQuantity {
  double value = 0;
  std::string unit;        // "m2", "t", "m3", "10^4 yuan", or the material's unit
  std::string source;      // the section's `source`: a ledger, certificate or statement
  std::string defined_at;  // file:line:col
};

// One storey of a building (B.1): a storey higher than 8 m counts twice.
struct EnteredFloor {
  std::string building;
  double area_m2 = 0;
  double storey_height_m = 0;
  std::string defined_at;
};

// Who says so and on what paper (§7.2.2, §8.2: every judgement cites its evidence file).
struct Evidence {
  std::string file;  // the evidence document, as filed with the assessment
  std::string note;  // what the assessor found
  std::string assessor;
  std::string defined_at;
  // The file is "-" (none) or not found relative to the assessment file's folder. What that
  // costs the item: green_factory_evaluation.h.
  bool missing = false;
};

struct EnteredItem {  // a Table C.1 item judged by the assessor
  std::string id;
  double points = 0;
  Evidence evidence;
};

struct EnteredBasic {  // a basic requirement (5.1): met or not
  std::string id;
  bool met = false;
  Evidence evidence;
};

// A sector benchmark for an item judged against the industry average or the top 20 %.
struct EnteredBenchmark {
  std::string item;
  double value = 0;  // in the indicator's unit
  std::string source;
  std::string defined_at;
};

struct GreenFactoryInput {
  std::filesystem::path file;
  bool demo_data = false;    // the file says its numbers are invented (the demo site)
  int year = 0;              // the assessed calendar year (§5.7.1 note: the 12 months before)
  std::string factory;       // the assessed factory as registered
  std::string organisation;  // the assessing body (第三方评价机构)
  std::string assessor;      // default assessor of the entries
  std::string date;          // date of the assessment, as written
  std::string scope;         // A.1: purpose, scope, criteria
  std::string process;       // A.2: organisation, document review, site visit, internal review
  std::vector<std::string> highlights;     // A.4: main practices and highlights
  std::vector<std::string> suggestions;    // A.5
  std::vector<std::string> references;     // A.6: evidence index
  std::vector<std::string> qualification;  // A.7: the assessing body's credentials

  // Q, 10^4 yuan (万元), qualified products. [output_value] may be left out: the report then
  // takes the year's output value entered in production_output (green_factory_report.h).
  EnteredQuantity output_value;
  bool output_value_entered = false;  // given by [output_value] in the file

  EnteredQuantity land_area;              // A_land, m2
  std::vector<EnteredFloor> floors;       // buildings' storeys above ±0.00
  EnteredQuantity structures_floor_area;  // A_structures (B.1), m2
  EnteredQuantity buildings_footprint;    // a_buildings (B.2), m2
  EnteredQuantity structures_footprint;   // a_structures incl. open-air plant, stockyards, m2

  std::string material_name;
  EnteredQuantity material_total;  // M_i (B.3)
  EnteredQuantity material_green;  // G_i, same unit

  std::string pollutant_name;                   // B.4: the main pollutant ("VOCs")
  EnteredQuantity pollutant;                    // its unit as entered
  EnteredQuantity waste_gas;                    // B.5, t
  EnteredQuantity waste_water;                  // B.6, t
  std::string raw_material_name;                // B.7
  EnteredQuantity raw_material;                 // its unit as entered
  EnteredQuantity solid_generated;              // Z (B.8), t
  EnteredQuantity solid_utilised;               // Z_r, t
  EnteredQuantity solid_utilised_from_storage;  // Z_w, t
  EnteredQuantity solid_stored;                 // stored at year end, t (reported only)
  EnteredQuantity water_reused;                 // V_w (B.9), m3
  EnteredQuantity water_discharged;             // V_d, m3

  // Table C.1 infra-20: CNC rate of the machining tools; absent: the item is entered instead.
  std::optional<EnteredQuantity> machining_tools, cnc_tools;

  std::vector<EnteredBenchmark> benchmarks;
  std::vector<EnteredBasic> basic;
  std::vector<EnteredItem> items;

  // "file:line:col: evidence file '...' ..." for each claim (points > 0, a requirement met)
  // whose evidence file is missing.
  std::vector<std::string> warnings;

  const EnteredBenchmark* findBenchmark(std::string_view item) const;
};

// The Table C.1 items judged from data (an Annex B indicator against the standard's threshold
// or a sector benchmark), never entered by the assessor. infra-20 only when [equipment] is set.
bool judgedFromData(std::string_view item, bool has_equipment);
bool judgedAgainstBenchmark(std::string_view item);

// Loads and checks the file against `table`: known keys only, numbers in range, every item and
// basic requirement id known, entered at most once, points within the item's full score, no
// entry for an item the data judges, a benchmark only for an item judged against one. Throws
// gt::ConfigError reading "file:line:col: what: problem".
GreenFactoryInput loadGreenFactoryInput(const std::filesystem::path& file,
                                        const accounting::GreenFactoryScoreTable& table);
GreenFactoryInput parseGreenFactoryInput(std::string_view text, const std::filesystem::path& name,
                                         const accounting::GreenFactoryScoreTable& table);

}  // namespace gt::report
