// CJ/T 188-2004 frame codec and the 901FH metering-data layouts (see the header).
//
// What this relies on (docs/cjt188.md says which source confirmed what; clause numbers are not
// cited because the standard's text was not at hand):
//   - A frame is 0x68, T, A0..A6, C, L, DATA, CS, 0x16, after any number of 0xFE wake-up bytes.
//   - The address is 14 BCD digits, A0 holding the two least significant; 0xAA is a wildcard.
//   - L counts DATA bytes; DATA is sent as is (no +0x33 as in DL/T 645).
//   - CS is the sum mod 256 of every byte from 0x68 through the last DATA byte.
//   - A read is C = 01H with DATA = DI0 DI1 SER; the reply (81H) echoes DI and SER.
//   - Multi-byte values are BCD, least significant byte first; each volume, energy, power and
//     flow value is followed by one unit code byte.
#include "greentwin/cjt188.h"

#include <array>
#include <cmath>
#include <cstdio>

#include "bcd_frame.h"

namespace gt::cjt188 {
namespace {

using bcd_frame::checksum;
using bcd_frame::hex2;
using bcd_frame::isBcd;

constexpr uint8_t kStart = 0x68;
constexpr uint8_t kEnd = 0x16;
constexpr uint8_t kPreamble = 0xFE;
constexpr size_t kAddressBytes = 7;
// 0x68 T A0..A6 C L CS 0x16 with an empty data field.
constexpr size_t kMinFrame = 13;
constexpr size_t kHeader = 11;  // 0x68 T A0..A6 C L

// Reply data lengths of 901FH: DI(2) SER(1), then the layout.
// Water/gas: flow 4+1, settlement flow 4+1, time 7, ST 2.
constexpr size_t kWaterGasLength = 22;
// Heat: settlement heat 4+1, heat 4+1, power 4+1, flow rate 4+1, volume 4+1, supply 3,
// return 3, hours 3, time 7, ST 2.
constexpr size_t kHeatLength = 46;

// Unit codes. The x10/x100 rows scale the value: "kWh x 100" means the count is of 100 kWh.
constexpr double kJ = 1.0 / 3.6e6;  // joule in kWh
constexpr std::array kUnitCodes{
    UnitCode{0x01, "J", "kWh", kJ},
    UnitCode{0x02, "Wh", "kWh", 1e-3},
    UnitCode{0x03, "Wh x10", "kWh", 1e-2},
    UnitCode{0x04, "Wh x100", "kWh", 1e-1},
    UnitCode{0x05, "kWh", "kWh", 1},
    UnitCode{0x06, "kWh x10", "kWh", 10},
    UnitCode{0x07, "kWh x100", "kWh", 100},
    UnitCode{0x08, "MWh", "kWh", 1e3},
    UnitCode{0x09, "MWh x10", "kWh", 1e4},
    UnitCode{0x0A, "MWh x100", "kWh", 1e5},
    UnitCode{0x0B, "kJ", "kWh", 1e3 * kJ},
    UnitCode{0x0C, "kJ x10", "kWh", 1e4 * kJ},
    UnitCode{0x0D, "kJ x100", "kWh", 1e5 * kJ},
    UnitCode{0x0E, "MJ", "kWh", 1e6 * kJ},
    UnitCode{0x0F, "MJ x10", "kWh", 1e7 * kJ},
    UnitCode{0x10, "MJ x100", "kWh", 1e8 * kJ},
    UnitCode{0x11, "GJ", "kWh", 1e9 * kJ},
    UnitCode{0x12, "GJ x10", "kWh", 1e10 * kJ},
    UnitCode{0x13, "GJ x100", "kWh", 1e11 * kJ},
    UnitCode{0x14, "W", "kW", 1e-3},
    UnitCode{0x15, "W x10", "kW", 1e-2},
    UnitCode{0x16, "W x100", "kW", 1e-1},
    UnitCode{0x17, "kW", "kW", 1},
    UnitCode{0x18, "kW x10", "kW", 10},
    UnitCode{0x19, "kW x100", "kW", 100},
    UnitCode{0x1A, "MW", "kW", 1e3},
    UnitCode{0x1B, "MW x10", "kW", 1e4},
    UnitCode{0x1C, "MW x100", "kW", 1e5},
    UnitCode{0x29, "L", "m3", 1e-3},
    UnitCode{0x2A, "L x10", "m3", 1e-2},
    UnitCode{0x2B, "L x100", "m3", 1e-1},
    UnitCode{0x2C, "m3", "m3", 1},
    UnitCode{0x2D, "m3 x10", "m3", 10},
    UnitCode{0x2E, "m3 x100", "m3", 100},
    UnitCode{0x32, "L/h", "m3/h", 1e-3},
    UnitCode{0x33, "L/h x10", "m3/h", 1e-2},
    UnitCode{0x34, "L/h x100", "m3/h", 1e-1},
    UnitCode{0x35, "m3/h", "m3/h", 1},
    UnitCode{0x36, "m3/h x10", "m3/h", 10},
    UnitCode{0x37, "m3/h x100", "m3/h", 100},
};

// The codes the simulator sends: plain units, no multiplier.
constexpr uint8_t kCodeKwh = 0x05;
constexpr uint8_t kCodeKw = 0x17;
constexpr uint8_t kCodeM3 = 0x2C;
constexpr uint8_t kCodeM3h = 0x35;

constexpr std::array kFields{
    FieldInfo{"current_flow", "m3", true, true, true, "cumulative volume now"},
    FieldInfo{"settlement_flow", "m3", true, false, true,
              "cumulative volume on the settlement date"},
    FieldInfo{"settlement_heat", "kWh", false, true, true, "heat (or cold) on the settlement date"},
    FieldInfo{"current_heat", "kWh", false, true, true, "cumulative heat (or cold) now"},
    FieldInfo{"heat_power", "kW", false, true, false, "heat power"},
    FieldInfo{"flow_rate", "m3/h", false, true, false, "flow rate"},
    FieldInfo{"supply_temp", "degC", false, true, false, "supply (flow) temperature"},
    FieldInfo{"return_temp", "degC", false, true, false, "return temperature"},
    FieldInfo{"valve", "", true, false, false, "valve: 0 open, 1 closed, 3 abnormal"},
    FieldInfo{"battery_low", "", true, true, false, "battery low: 1, else 0"},
};

struct TypeName {
  uint8_t type;
  std::string_view name;
};
constexpr std::array kTypeNames{
    TypeName{kColdWater, "water"},
    TypeName{kHotWater, "hot-water"},
    TypeName{kDrinkingWater, "drinking-water"},
    TypeName{kReclaimedWater, "reclaimed-water"},
    TypeName{kHeat, "heat"},
    TypeName{kCooling, "cooling"},
    TypeName{kGas, "gas"},
};

std::string hex4(unsigned v) {
  char buf[8];
  std::snprintf(buf, sizeof buf, "%04XH", v & 0xFFFFu);
  return buf;
}

// A 4-byte BCD value with `decimals` and its unit code, converted to `canonical`.
Result<double> quantity(std::span<const uint8_t> data, size_t at, int decimals,
                        std::string_view canonical, std::string_view what) {
  const auto count = bcd_frame::readBcd(data, at, 4);
  if (!count) {
    return Result<double>::fail("BCD digit > 9 in " + std::string(what) + ": bytes " +
                                hex2(data[at]) + " " + hex2(data[at + 1]) + " " +
                                hex2(data[at + 2]) + " " + hex2(data[at + 3]));
  }
  const UnitCode* unit = findUnitCode(data[at + 4]);
  if (!unit) {
    return Result<double>::fail("unknown unit code " + hex2(data[at + 4]) + " for " +
                                std::string(what));
  }
  if (unit->canonical != canonical) {
    return Result<double>::fail("unit code " + hex2(unit->code) + " (" + std::string(unit->name) +
                                ") cannot be " + std::string(what) + ", which is in " +
                                std::string(canonical));
  }
  return *count / std::pow(10.0, decimals) * unit->factor;
}

// YYYYMMDDhhmmss, sent ss first: 7 bytes at `at`. "" when a byte is not BCD (the clock is
// for people; a bad clock does not spoil the totals).
std::string realTime(std::span<const uint8_t> data, size_t at) {
  for (size_t i = 0; i < 7; ++i)
    if (!isBcd(data[at + i])) return "";
  char buf[32];
  std::snprintf(buf, sizeof buf, "%02X%02X-%02X-%02X %02X:%02X:%02X", data[at + 6], data[at + 5],
                data[at + 4], data[at + 3], data[at + 2], data[at + 1], data[at]);
  return buf;
}

Status status(std::span<const uint8_t> data, size_t at) {
  Status s;
  s.raw[0] = data[at];
  s.raw[1] = data[at + 1];
  s.valve = static_cast<Valve>(data[at] & 0x03);
  s.battery_low = (data[at] & 0x04) != 0;
  return s;
}

}  // namespace

std::span<const FieldInfo> fields() {
  return kFields;
}

const FieldInfo* findField(std::string_view name) {
  for (const FieldInfo& f : kFields)
    if (f.name == name) return &f;
  return nullptr;
}

std::optional<double> fieldValue(const MeteringData& d, const FieldInfo& field) {
  const std::string_view n = field.name;
  if (n == "current_flow") return d.current_flow;
  if (n == "settlement_flow") return d.settlement_flow;
  if (n == "settlement_heat") return d.settlement_heat;
  if (n == "current_heat") return d.current_heat;
  if (n == "heat_power") return d.heat_power;
  if (n == "flow_rate") return d.flow_rate;
  if (n == "supply_temp") return d.supply_temp;
  if (n == "return_temp") return d.return_temp;
  if (n == "valve")
    return isHeatType(d.meter_type) ? std::nullopt
                                    : std::optional<double>(static_cast<int>(d.status.valve));
  if (n == "battery_low") return d.status.battery_low ? 1.0 : 0.0;
  return std::nullopt;
}

std::optional<uint8_t> meterTypeFromName(std::string_view name) {
  for (const TypeName& t : kTypeNames)
    if (t.name == name) return t.type;
  return std::nullopt;
}

std::string_view meterTypeName(uint8_t type) {
  for (const TypeName& t : kTypeNames)
    if (t.type == type) return t.name;
  return "";
}

bool isHeatType(uint8_t type) {
  return type == kHeat || type == kCooling;
}

bool fieldApplies(const FieldInfo& field, uint8_t type) {
  if (meterTypeName(type).empty()) return false;
  return isHeatType(type) ? field.heat : field.water_gas;
}

bool isMeterAddress(std::string_view address) {
  if (address.size() != 2 * kAddressBytes) return false;
  for (char c : address)
    if (c < '0' || c > '9') return false;
  return true;
}

const UnitCode* findUnitCode(uint8_t code) {
  for (const UnitCode& u : kUnitCodes)
    if (u.code == code) return &u;
  return nullptr;
}

Result<std::vector<uint8_t>> encodeFrame(uint8_t type, std::string_view address, uint8_t control,
                                         std::span<const uint8_t> data) {
  using R = Result<std::vector<uint8_t>>;
  const auto addr = bcd_frame::encodeAddress(address, kAddressBytes);
  if (!addr.ok()) return R::fail(addr.error());
  if (data.size() > 255) return R::fail("data of " + std::to_string(data.size()) + " bytes");
  // Two wake-up bytes: M-Bus repeaters need a few to settle; receivers skip any number.
  std::vector<uint8_t> out{kPreamble, kPreamble, kStart, type};
  out.insert(out.end(), addr.value().begin(), addr.value().end());
  out.push_back(control);
  out.push_back(static_cast<uint8_t>(data.size()));
  out.insert(out.end(), data.begin(), data.end());
  out.push_back(checksum(std::span(out).subspan(2)));  // the preamble is not summed
  out.push_back(kEnd);
  return out;
}

Result<std::vector<uint8_t>> encodeReadRequest(uint8_t type, std::string_view address, uint16_t di,
                                               uint8_t ser) {
  const std::array<uint8_t, 3> data{static_cast<uint8_t>(di), static_cast<uint8_t>(di >> 8), ser};
  return encodeFrame(type, address, kControlRead, data);
}

Result<Frame> decodeFrame(std::span<const uint8_t> bytes) {
  using R = Result<Frame>;
  size_t start = 0;
  while (start < bytes.size() && bytes[start] == kPreamble) ++start;
  const auto frame = bytes.subspan(start);
  if (frame.empty()) return R::fail("truncated");
  if (frame[0] != kStart) return R::fail("no start byte (0x68), got " + hex2(frame[0]));
  if (frame.size() < kMinFrame) return R::fail("truncated");
  const size_t length = frame[kHeader - 1];
  if (kMinFrame + length > frame.size())
    return R::fail("length " + std::to_string(length) + " exceeds frame");
  const size_t cs_at = kHeader + length;
  const uint8_t computed = checksum(frame.first(cs_at));
  if (frame[cs_at] != computed)
    return R::fail("checksum " + hex2(frame[cs_at]) + " != " + hex2(computed));
  if (frame[cs_at + 1] != kEnd) return R::fail("no end byte (0x16), got " + hex2(frame[cs_at + 1]));
  if (frame.size() != cs_at + 2)
    return R::fail("trailing bytes: " + std::to_string(frame.size() - cs_at - 2) +
                   " after the end byte");

  Frame out;
  out.meter_type = frame[1];
  const auto address = bcd_frame::decodeAddress(frame.subspan(2, kAddressBytes));
  if (!address.ok()) return R::fail(address.error());
  out.address = address.value();
  out.control = frame[9];
  out.data.assign(frame.begin() + kHeader, frame.begin() + static_cast<std::ptrdiff_t>(cs_at));
  return out;
}

std::optional<uint16_t> frameDi(const Frame& frame, uint16_t expected) {
  if (frame.data.size() < 2) return std::nullopt;
  const auto low_first = static_cast<uint16_t>(frame.data[0] | frame.data[1] << 8);
  const auto high_first = static_cast<uint16_t>(frame.data[0] << 8 | frame.data[1]);
  // Makers disagree on the order; when either reads as the DI expected, it is that DI.
  return high_first == expected ? high_first : low_first;
}

Result<MeteringData> decodeMeteringReply(const Frame& frame) {
  using R = Result<MeteringData>;
  if (!(frame.control & kControlDirectionBit))
    return R::fail("not a reply: control " + hex2(frame.control));
  if (frame.control & kControlAbnormalBit) {
    std::string bytes;
    for (uint8_t b : frame.data) {
      if (!bytes.empty()) bytes += ' ';
      bytes += hex2(b);
    }
    return R::fail("abnormal reply from the meter (control " + hex2(frame.control) + ", data " +
                   (bytes.empty() ? "none" : bytes) + ")");
  }
  if ((frame.control & 0x3F) != kControlRead)
    return R::fail("not a read reply: control " + hex2(frame.control));
  const auto di = frameDi(frame, kDiMeteringData);
  if (!di || *di != kDiMeteringData)
    return R::fail(di ? "data identifier " + hex4(*di) + " != requested 901FH"
                      : std::string("no data identifier"));
  const bool heat = isHeatType(frame.meter_type);
  if (meterTypeName(frame.meter_type).empty())
    return R::fail("meter type " + hex2(frame.meter_type) + " has no 901FH layout here");
  const size_t expected = heat ? kHeatLength : kWaterGasLength;
  if (frame.data.size() != expected)
    return R::fail("data length " + std::to_string(frame.data.size()) +
                   " != " + std::to_string(expected) + " for a " +
                   std::string(meterTypeName(frame.meter_type)) + " meter");

  const std::span<const uint8_t> d(frame.data);
  MeteringData out;
  out.meter_type = frame.meter_type;
  out.ser = d[2];
  auto take = [&](std::optional<double>& into, size_t at, int decimals, std::string_view unit,
                  std::string_view what) -> std::optional<std::string> {
    const auto v = quantity(d, at, decimals, unit, what);
    if (!v.ok()) return v.error();
    into = v.value();
    return std::nullopt;
  };
  auto plain = [&](std::optional<double>& into, size_t at, size_t bytes, int decimals,
                   std::string_view what) -> std::optional<std::string> {
    const auto v = bcd_frame::readBcd(d, at, bytes);
    if (!v) return "BCD digit > 9 in " + std::string(what);
    into = *v / std::pow(10.0, decimals);
    return std::nullopt;
  };
  std::optional<std::string> why;
  if (!heat) {
    if ((why = take(out.current_flow, 3, 2, "m3", "current volume"))) return R::fail(*why);
    if ((why = take(out.settlement_flow, 8, 2, "m3", "settlement-date volume")))
      return R::fail(*why);
    out.real_time = realTime(d, 13);
    out.status = status(d, 20);
    return out;
  }
  if ((why = take(out.settlement_heat, 3, 2, "kWh", "settlement-date heat"))) return R::fail(*why);
  if ((why = take(out.current_heat, 8, 2, "kWh", "current heat"))) return R::fail(*why);
  if ((why = take(out.heat_power, 13, 2, "kW", "heat power"))) return R::fail(*why);
  if ((why = take(out.flow_rate, 18, 4, "m3/h", "flow rate"))) return R::fail(*why);
  if ((why = take(out.current_flow, 23, 2, "m3", "cumulative volume"))) return R::fail(*why);
  if ((why = plain(out.supply_temp, 28, 3, 2, "supply temperature"))) return R::fail(*why);
  if ((why = plain(out.return_temp, 31, 3, 2, "return temperature"))) return R::fail(*why);
  if ((why = plain(out.working_hours, 34, 3, 0, "working hours"))) return R::fail(*why);
  out.real_time = realTime(d, 37);
  out.status = status(d, 44);
  return out;
}

Result<std::vector<uint8_t>> encodeMeteringReply(uint8_t type, std::string_view address,
                                                 const MeteringData& data) {
  using R = Result<std::vector<uint8_t>>;
  if (meterTypeName(type).empty())
    return R::fail("meter type " + hex2(type) + " has no 901FH layout here");
  std::vector<uint8_t> out{static_cast<uint8_t>(kDiMeteringData & 0xFF),
                           static_cast<uint8_t>(kDiMeteringData >> 8), data.ser};
  std::string bad;
  auto put = [&](const std::optional<double>& v, int decimals, size_t bytes, std::string_view what,
                 std::optional<uint8_t> unit) {
    if (!v || !bcd_frame::appendBcd(out, *v * std::pow(10.0, decimals), bytes)) {
      if (bad.empty()) bad = std::string(what) + (v ? " does not fit its format" : " is missing");
      out.resize(out.size() + bytes);  // keep the layout; the reply is refused below
    }
    if (unit) out.push_back(*unit);
  };
  if (!isHeatType(type)) {
    put(data.current_flow, 2, 4, "current volume", kCodeM3);
    put(data.settlement_flow, 2, 4, "settlement-date volume", kCodeM3);
  } else {
    put(data.settlement_heat, 2, 4, "settlement-date heat", kCodeKwh);
    put(data.current_heat, 2, 4, "current heat", kCodeKwh);
    put(data.heat_power, 2, 4, "heat power", kCodeKw);
    put(data.flow_rate, 4, 4, "flow rate", kCodeM3h);
    put(data.current_flow, 2, 4, "cumulative volume", kCodeM3);
    put(data.supply_temp, 2, 3, "supply temperature", std::nullopt);
    put(data.return_temp, 2, 3, "return temperature", std::nullopt);
    put(data.working_hours, 0, 3, "working hours", std::nullopt);
  }
  if (!bad.empty()) return R::fail(bad);
  // Real time: "YYYY-MM-DD hh:mm:ss" back to BCD, seconds first; zeros when absent.
  std::array<uint8_t, 7> clock{};
  const std::string& t = data.real_time;
  if (t.size() == 19) {
    auto two = [&](size_t at) {
      return static_cast<uint8_t>((t[at] - '0') << 4 | (t[at + 1] - '0'));
    };
    clock = {two(17), two(14), two(11), two(8), two(5), two(2), two(0)};
  }
  out.insert(out.end(), clock.begin(), clock.end());
  // D1 D0 valve, D2 battery; the other bits as given (maker-defined).
  out.push_back(static_cast<uint8_t>((data.status.raw[0] & 0xF8) |
                                     (static_cast<uint8_t>(data.status.valve) & 0x03) |
                                     (data.status.battery_low ? 0x04 : 0x00)));
  out.push_back(data.status.raw[1]);
  return encodeFrame(type, address, kControlReadReply, out);
}

Result<std::vector<uint8_t>> encodeAbnormalReply(uint8_t type, std::string_view address,
                                                 uint16_t di, uint8_t ser) {
  const std::array<uint8_t, 5> data{static_cast<uint8_t>(di), static_cast<uint8_t>(di >> 8), ser,
                                    0x00, 0x00};
  return encodeFrame(type, address, kControlReadAbnormal, data);
}

}  // namespace gt::cjt188
