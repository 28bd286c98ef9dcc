// CJ/T 188-2004 framing and the metering-data reply (DI 901FH) of Chinese water, gas and heat
// meters (M-Bus or RS-485). Pure functions over bytes: the daemon encodes read requests and
// decodes replies, the simulator decodes requests and encodes replies. No I/O, no clock, no
// global state. Values come out in GreenTwin's canonical units (m3, kWh, kW, m3/h, degC),
// whatever unit code the meter put beside them. docs/cjt188.md lists what was checked where.
#pragma once

#include <cstdint>
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "greentwin/dlt645.h"  // Result<T>: the same expected-style result

namespace gt::cjt188 {

template <typename T>
using Result = dlt645::Result<T>;

// Meter type T (the byte after the first 0x68).
inline constexpr uint8_t kColdWater = 0x10;
inline constexpr uint8_t kHotWater = 0x11;
inline constexpr uint8_t kDrinkingWater = 0x12;
inline constexpr uint8_t kReclaimedWater = 0x13;
inline constexpr uint8_t kHeat = 0x20;     // heat meter counting heat
inline constexpr uint8_t kCooling = 0x21;  // heat meter counting cold
inline constexpr uint8_t kGas = 0x30;

// Control code C: D7 direction (1 = sent by the meter), D6 abnormal, D5..D0 function.
inline constexpr uint8_t kControlRead = 0x01;
inline constexpr uint8_t kControlReadReply = 0x81;
inline constexpr uint8_t kControlReadAbnormal = 0xC1;
inline constexpr uint8_t kControlDirectionBit = 0x80;
inline constexpr uint8_t kControlAbnormalBit = 0x40;

// The one data identifier supported: "read metering data" (current totals, time, status).
inline constexpr uint16_t kDiMeteringData = 0x901F;

// The 14-digit address (A6 first, as printed on the meter); "AA" pairs are wildcard bytes.
inline constexpr std::string_view kWildcardAddress = "AAAAAAAAAAAAAA";

// One frame after removal of the preamble and framing.
struct Frame {
  uint8_t meter_type = 0;     // T
  std::string address;        // 14 characters: digits, or "AA" pairs for wildcard bytes
  uint8_t control = 0;        // C, as on the wire
  std::vector<uint8_t> data;  // data field as on the wire (no offset, unlike DL/T 645)
  friend bool operator==(const Frame&, const Frame&) = default;
};

// Status word ST of the metering data (first byte; the second is the maker's).
enum class Valve : uint8_t { Open = 0, Closed = 1, Reserved = 2, Abnormal = 3 };
struct Status {
  Valve valve = Valve::Open;  // D1 D0 of the first byte
  bool battery_low = false;   // D2 of the first byte
  uint8_t raw[2] = {0, 0};    // as received, for the log
};

// A decoded 901FH reply. Values in canonical units; a field the meter type does not carry
// stays empty (a water meter has no heat, a heat meter no settlement-date volume).
struct MeteringData {
  uint8_t meter_type = 0;
  uint8_t ser = 0;                        // the sequence number the reply echoes
  std::optional<double> current_flow;     // m3, cumulative volume now
  std::optional<double> settlement_flow;  // m3, cumulative volume on the settlement date
  std::optional<double> settlement_heat;  // kWh, heat (or cold) on the settlement date
  std::optional<double> current_heat;     // kWh, cumulative heat (or cold) now
  std::optional<double> heat_power;       // kW
  std::optional<double> flow_rate;        // m3/h
  std::optional<double> supply_temp;      // degC
  std::optional<double> return_temp;      // degC
  std::optional<double> working_hours;    // h, cumulative
  std::string real_time;                  // meter clock "2026-06-02 10:15:00", no zone
  Status status;
};

// A field of the 901FH reply that a site file can name in a point (`field = "current_flow"`).
struct FieldInfo {
  std::string_view name;   // "current_flow"
  std::string_view unit;   // canonical unit it comes out in: "m3", "kWh", "kW", "m3/h", "degC", ""
  bool water_gas = false;  // carried by water (1xH) and gas (30H) meters
  bool heat = false;       // carried by heat and cooling meters (20H, 21H)
  bool cumulative = false;
  std::string_view description;  // "cumulative volume now"
};

// Every field a point can take, in reply order.
std::span<const FieldInfo> fields();
const FieldInfo* findField(std::string_view name);  // nullptr when unknown
// Which value of `data` `field` names; nullopt when the reply does not carry it.
std::optional<double> fieldValue(const MeteringData& data, const FieldInfo& field);

// Site-file names of meter types: "water" (10H), "hot-water" (11H), "drinking-water" (12H),
// "reclaimed-water" (13H), "heat" (20H), "cooling" (21H), "gas" (30H). nullopt when unknown.
std::optional<uint8_t> meterTypeFromName(std::string_view name);
std::string_view meterTypeName(uint8_t type);  // "heat"; "" for a type not supported
bool isHeatType(uint8_t type);                 // 20H, 21H
bool fieldApplies(const FieldInfo& field, uint8_t type);
// True for 14 decimal digits that are not all wildcard: the address of one meter.
bool isMeterAddress(std::string_view address);

// Any frame: 0xFE x2 preamble, 0x68, T, A0..A6, C, L, data, CS, 0x16. Fails when the address is
// not 14 digits/"AA" pairs or data is longer than 255 bytes.
Result<std::vector<uint8_t>> encodeFrame(uint8_t type, std::string_view address, uint8_t control,
                                         std::span<const uint8_t> data);

// Read-data request (C = 01H, L = 3, data = DI0 DI1 SER; DI0 is the low byte of `di`, so 901FH
// goes out as 1F 90).
Result<std::vector<uint8_t>> encodeReadRequest(uint8_t type, std::string_view address, uint16_t di,
                                               uint8_t ser);

// Decodes exactly one frame: any number of 0xFE first, then the frame, nothing after 0x16.
// Rejects, with the reason: "truncated", "no start byte", "length N exceeds frame",
// "checksum 0xRR != 0xCC" (received, computed), "no end byte", "trailing bytes", an address
// byte that is neither BCD nor 0xAA.
Result<Frame> decodeFrame(std::span<const uint8_t> bytes);

// The DI a read request or reply carries (data bytes 0..1); accepts 1F 90 (DI0 first, as the
// standard sends it) and 90 1F (as some makers do). nullopt when the data is too short.
std::optional<uint16_t> frameDi(const Frame& frame, uint16_t expected);

// Decodes a reply to a 901FH read: rejects a request, an abnormal reply ("abnormal reply from
// the meter: ST 0x..."), another DI, a meter type without a 901FH layout here (electricity),
// a data field of the wrong length, a BCD digit above 9 and a unit code that is unknown or of
// the wrong kind for its value (m3 where heat is due).
Result<MeteringData> decodeMeteringReply(const Frame& frame);

// Normal reply (C = 81H) to a 901FH read carrying `data` (canonical units; sent with unit codes
// m3 2CH, kWh 05H, kW 17H, m3/h 35H). For the simulator and tests. Rejected when a value the
// type carries is missing, negative or too large for its format.
Result<std::vector<uint8_t>> encodeMeteringReply(uint8_t type, std::string_view address,
                                                 const MeteringData& data);

// Abnormal reply (C = C1H: DI0 DI1 SER and two status bytes), for the simulator.
Result<std::vector<uint8_t>> encodeAbnormalReply(uint8_t type, std::string_view address,
                                                 uint16_t di, uint8_t ser);

// "m3" etc. for a unit code; nullopt when the code is not in the table.
struct UnitCode {
  uint8_t code;
  std::string_view name;       // as the standard's table writes it: "kWh", "GJ", "m3/h"
  std::string_view canonical;  // "kWh", "kW", "m3", "m3/h"
  double factor;               // value * factor = canonical value
};
const UnitCode* findUnitCode(uint8_t code);

}  // namespace gt::cjt188
