// CJ/T 188-2004 codec: frames against bytes written out by hand from the frame format (0x68, T,
// A0..A6, C, L, DATA, CS, 0x16), the 901FH layouts of a water and a heat meter, unit-code
// conversion, every rejection reason, and round trips through the simulator's encoder.
#include <catch2/catch.hpp>

#include <string>
#include <vector>

#include "greentwin/cjt188.h"

namespace c = gt::cjt188;
using Bytes = std::vector<uint8_t>;

namespace {

// Meter 12345678901234 (A6 first) is A0..A6 = 34 12 90 78 56 34 12 on the wire.
// 68+10+34+12+90+78+56+34+12 = 0x262 is the header sum of a cold-water frame to it.
const std::string kAddress = "12345678901234";

// Request: read metering data (901FH) of the cold-water meter, SER 05.
//   preamble  FE FE
//   start     68
//   type      10                  cold water
//   address   34 12 90 78 56 34 12
//   control   01                  read data
//   length    03
//   data      1F 90 05            DI0 DI1 (901FH low byte first), SER
//   CS        1A                  0x262 + 01 + 03 + 1F + 90 + 05 = 0x31A
//   end       16
const Bytes kRead901F{0xFE, 0xFE, 0x68, 0x10, 0x34, 0x12, 0x90, 0x78, 0x56,
                      0x34, 0x12, 0x01, 0x03, 0x1F, 0x90, 0x05, 0x1A, 0x16};

// Reply of the water meter, C = 81, L = 16H (22):
//   1F 90 05             DI, SER echoed
//   56 34 12 00 2C       current volume 001234.56 (BCD low byte first), unit 2CH m3
//   00 00 12 00 2C       settlement-date volume 001200.00 m3
//   30 15 10 02 06 26 20 2026-06-02 10:15:30, seconds first
//   05 00                ST: D1 D0 = 01 valve closed, D2 = 1 battery low
// CS: 0x262 + 81 + 16 = 0x2F9; + DI/SER B4 = 0x3AD; + volumes 0x106 = 0x4B3; + time and ST
//     0xA8 = 0x55B -> 5B
const Bytes kWaterReply{0xFE, 0xFE, 0xFE, 0x68, 0x10, 0x34, 0x12, 0x90, 0x78, 0x56,
                        0x34, 0x12, 0x81, 0x16, 0x1F, 0x90, 0x05, 0x56, 0x34, 0x12,
                        0x00, 0x2C, 0x00, 0x00, 0x12, 0x00, 0x2C, 0x30, 0x15, 0x10,
                        0x02, 0x06, 0x26, 0x20, 0x05, 0x00, 0x5B, 0x16};

// Reply of heat meter (T = 20H) at the same address, SER 07, C = 81, L = 2EH (46):
//   1F 90 07             DI, SER
//   00 00 10 00 05       settlement-date heat 001000.00 kWh (05H)
//   50 12 00 00 11       current heat 000012.50 GJ (11H) = 12.5 / 0.0036 = 3472.22 kWh
//   30 25 00 00 17       heat power 000025.30 kW (17H)
//   45 23 01 00 35       flow rate 0001.2345 m3/h (35H, four decimals)
//   89 67 05 00 2C       cumulative volume 000567.89 m3
//   40 65 00             supply temperature 0065.40 degC
//   20 45 00             return temperature 0045.20 degC
//   34 12 00             working hours 001234 h
//   00 00 08 15 01 26 20 2026-01-15 08:00:00
//   00 00                ST: valve open, battery fine
// CS: header 68+20+34+12+90+78+56+34+12+81+2E = 0x321; + DI/SER B6 = 0x3D7; + the five
//     quantities 0x2B3 = 0x68A; + temperatures and hours 0x150 = 0x7DA; + time and ST 0x64
//     = 0x83E -> 3E
const Bytes kHeatReply{0x68, 0x20, 0x34, 0x12, 0x90, 0x78, 0x56, 0x34, 0x12, 0x81, 0x2E, 0x1F,
                       0x90, 0x07, 0x00, 0x00, 0x10, 0x00, 0x05, 0x50, 0x12, 0x00, 0x00, 0x11,
                       0x30, 0x25, 0x00, 0x00, 0x17, 0x45, 0x23, 0x01, 0x00, 0x35, 0x89, 0x67,
                       0x05, 0x00, 0x2C, 0x40, 0x65, 0x00, 0x20, 0x45, 0x00, 0x34, 0x12, 0x00,
                       0x00, 0x00, 0x08, 0x15, 0x01, 0x26, 0x20, 0x00, 0x00, 0x3E, 0x16};

// Abnormal reply: C = C1, L = 05, 1F 90 05 00 00. CS: 0x262 + C1 + 05 + 1F + 90 + 05 = 0x3DC.
const Bytes kAbnormal{0x68, 0x10, 0x34, 0x12, 0x90, 0x78, 0x56, 0x34, 0x12,
                      0xC1, 0x05, 0x1F, 0x90, 0x05, 0x00, 0x00, 0xDC, 0x16};

c::Frame decode(const Bytes& bytes) {
  const auto r = c::decodeFrame(bytes);
  INFO((r.ok() ? std::string() : r.error()));
  REQUIRE(r.ok());
  return r.value();
}

std::string decodeError(const Bytes& bytes) {
  const auto r = c::decodeFrame(bytes);
  REQUIRE_FALSE(r.ok());
  return r.error();
}

std::string replyError(const Bytes& bytes) {
  const auto r = c::decodeMeteringReply(decode(bytes));
  REQUIRE_FALSE(r.ok());
  return r.error();
}

// Re-sums a frame whose data was edited, so the checksum does not hide the error under test.
Bytes resum(Bytes b) {
  size_t start = 0;
  while (b[start] == 0xFE) ++start;
  unsigned sum = 0;
  for (size_t i = start; i + 2 < b.size(); ++i) sum += b[i];
  b[b.size() - 2] = static_cast<uint8_t>(sum);
  return b;
}

}  // namespace

TEST_CASE("CJ/T 188 read request matches the hand-built bytes", "[cjt188]") {
  const auto r = c::encodeReadRequest(c::kColdWater, kAddress, c::kDiMeteringData, 0x05);
  REQUIRE(r.ok());
  CHECK(r.value() == kRead901F);

  const c::Frame f = decode(kRead901F);
  CHECK(f.meter_type == 0x10);
  CHECK(f.address == kAddress);
  CHECK(f.control == c::kControlRead);
  CHECK(f.data == Bytes{0x1F, 0x90, 0x05});
  CHECK(c::frameDi(f, c::kDiMeteringData) == 0x901F);
}

TEST_CASE("CJ/T 188 water reply decodes volumes, clock and status", "[cjt188]") {
  const auto r = c::decodeMeteringReply(decode(kWaterReply));
  INFO((r.ok() ? std::string() : r.error()));
  REQUIRE(r.ok());
  const c::MeteringData& d = r.value();
  CHECK(d.ser == 0x05);
  CHECK(*d.current_flow == Approx(1234.56));
  CHECK(*d.settlement_flow == Approx(1200.00));
  CHECK_FALSE(d.current_heat.has_value());
  CHECK(d.real_time == "2026-06-02 10:15:30");
  CHECK(d.status.valve == c::Valve::Closed);
  CHECK(d.status.battery_low);
  CHECK(*c::fieldValue(d, *c::findField("valve")) == 1.0);
  CHECK(*c::fieldValue(d, *c::findField("battery_low")) == 1.0);
  CHECK_FALSE(c::fieldValue(d, *c::findField("heat_power")).has_value());
}

TEST_CASE("CJ/T 188 heat reply decodes every field into canonical units", "[cjt188]") {
  const auto r = c::decodeMeteringReply(decode(kHeatReply));
  INFO((r.ok() ? std::string() : r.error()));
  REQUIRE(r.ok());
  const c::MeteringData& d = r.value();
  CHECK(*d.settlement_heat == Approx(1000.00));
  CHECK(*d.current_heat == Approx(12.5 / 0.0036));  // GJ -> kWh
  CHECK(*d.heat_power == Approx(25.30));
  CHECK(*d.flow_rate == Approx(1.2345));
  CHECK(*d.current_flow == Approx(567.89));
  CHECK(*d.supply_temp == Approx(65.40));
  CHECK(*d.return_temp == Approx(45.20));
  CHECK(*d.working_hours == Approx(1234));
  CHECK(d.real_time == "2026-01-15 08:00:00");
  CHECK(d.status.valve == c::Valve::Open);
  CHECK_FALSE(d.settlement_flow.has_value());
  CHECK(*c::fieldValue(d, *c::findField("supply_temp")) == Approx(65.40));
}

TEST_CASE("CJ/T 188 accepts the DI high byte first, as some makers send it", "[cjt188]") {
  Bytes swapped = kWaterReply;
  std::swap(swapped[14], swapped[15]);  // 90 1F; the sum does not change
  CHECK(c::decodeMeteringReply(decode(swapped)).ok());
}

TEST_CASE("CJ/T 188 unit codes convert to canonical units", "[cjt188]") {
  CHECK(c::findUnitCode(0x2C)->factor == 1.0);
  CHECK(c::findUnitCode(0x29)->factor == Approx(0.001));      // L -> m3
  CHECK(c::findUnitCode(0x08)->factor == Approx(1000.0));     // MWh -> kWh
  CHECK(c::findUnitCode(0x0E)->factor == Approx(1.0 / 3.6));  // MJ -> kWh
  CHECK(c::findUnitCode(0x1A)->canonical == "kW");
  CHECK(c::findUnitCode(0x32)->factor == Approx(0.001));  // L/h -> m3/h
  CHECK(c::findUnitCode(0x00) == nullptr);

  Bytes litres = kWaterReply;
  litres[21] = 0x29;  // current volume in L: 123456 L = 123.456 m3
  const auto r = c::decodeMeteringReply(decode(resum(litres)));
  REQUIRE(r.ok());
  CHECK(*r.value().current_flow == Approx(1.23456));
}

TEST_CASE("CJ/T 188 rejects broken frames with a reason", "[cjt188]") {
  CHECK(decodeError({}) == "truncated");
  CHECK(decodeError({0xFE, 0xFE}) == "truncated");
  CHECK(decodeError({0x10, 0x68}) == "no start byte (0x68), got 0x10");
  CHECK(decodeError(Bytes(kRead901F.begin(), kRead901F.begin() + 10)) == "truncated");
  CHECK(decodeError(Bytes(kRead901F.begin(), kRead901F.end() - 3)) == "length 3 exceeds frame");

  Bytes bad_sum = kRead901F;
  bad_sum[16] = 0x1B;
  CHECK(decodeError(bad_sum) == "checksum 0x1B != 0x1A");

  Bytes long_length = kRead901F;
  long_length[12] = 0x09;
  CHECK(decodeError(long_length) == "length 9 exceeds frame");

  Bytes no_end = kRead901F;
  no_end.back() = 0x17;
  CHECK(decodeError(no_end) == "no end byte (0x16), got 0x17");

  Bytes trailing = kRead901F;
  trailing.push_back(0x00);
  CHECK(decodeError(trailing) == "trailing bytes: 1 after the end byte");

  Bytes bad_address = kRead901F;
  bad_address[4] = 0x3B;  // A0
  CHECK(decodeError(resum(bad_address)) == "address byte A0 0x3B is neither BCD nor 0xAA");
}

TEST_CASE("CJ/T 188 rejects replies that cannot be trusted", "[cjt188]") {
  CHECK(c::decodeMeteringReply(decode(kRead901F)).error() == "not a reply: control 0x01");
  CHECK(replyError(kAbnormal) ==
        "abnormal reply from the meter (control 0xC1, data 0x1F 0x90 0x05 0x00 0x00)");

  Bytes bad_bcd = kWaterReply;
  bad_bcd[17] = 0x5A;
  CHECK(replyError(resum(bad_bcd)) == "BCD digit > 9 in current volume: bytes 0x5A 0x34 0x12 0x00");

  Bytes heat_unit = kWaterReply;
  heat_unit[21] = 0x05;  // kWh where a volume is due
  CHECK(replyError(resum(heat_unit)) ==
        "unit code 0x05 (kWh) cannot be current volume, which is in m3");

  Bytes unknown_unit = kWaterReply;
  unknown_unit[21] = 0x40;
  CHECK(replyError(resum(unknown_unit)) == "unknown unit code 0x40 for current volume");

  Bytes other_di = kWaterReply;
  other_di[14] = 0x20;  // 9020H
  CHECK(replyError(resum(other_di)) == "data identifier 9020H != requested 901FH");

  Bytes as_heat = kWaterReply;
  as_heat[4] = 0x20;  // a heat meter's type on a water layout
  CHECK(replyError(resum(as_heat)) == "data length 22 != 46 for a heat meter");

  Bytes electricity = kWaterReply;
  electricity[4] = 0x40;
  CHECK(replyError(resum(electricity)) == "meter type 0x40 has no 901FH layout here");
}

TEST_CASE("CJ/T 188 encoder round-trips water, gas and heat replies", "[cjt188]") {
  c::MeteringData water;
  water.ser = 0x05;
  water.current_flow = 1234.56;
  water.settlement_flow = 1200.00;
  water.real_time = "2026-06-02 10:15:30";
  water.status.valve = c::Valve::Closed;
  water.status.battery_low = true;
  const auto w = c::encodeMeteringReply(c::kColdWater, kAddress, water);
  REQUIRE(w.ok());
  // The encoder sends two wake-up bytes; the hand-built reply has three.
  CHECK(Bytes(w.value().begin() + 2, w.value().end()) ==
        Bytes(kWaterReply.begin() + 3, kWaterReply.end()));

  const auto gas = c::encodeMeteringReply(c::kGas, kAddress, water);
  REQUIRE(gas.ok());
  const auto g = c::decodeMeteringReply(decode(gas.value()));
  REQUIRE(g.ok());
  CHECK(g.value().meter_type == c::kGas);
  CHECK(*g.value().current_flow == Approx(1234.56));

  c::MeteringData heat;
  heat.ser = 0x07;
  heat.settlement_heat = 1000.0;
  heat.current_heat = 3472.22;
  heat.heat_power = 25.3;
  heat.flow_rate = 1.2345;
  heat.current_flow = 567.89;
  heat.supply_temp = 65.4;
  heat.return_temp = 45.2;
  heat.working_hours = 1234;
  heat.real_time = "2026-01-15 08:00:00";
  const auto h = c::encodeMeteringReply(c::kHeat, kAddress, heat);
  REQUIRE(h.ok());
  const auto back = c::decodeMeteringReply(decode(h.value()));
  REQUIRE(back.ok());
  CHECK(*back.value().current_heat == Approx(3472.22));
  CHECK(*back.value().flow_rate == Approx(1.2345));
  CHECK(*back.value().return_temp == Approx(45.2));

  heat.heat_power.reset();
  CHECK(c::encodeMeteringReply(c::kHeat, kAddress, heat).error() == "heat power is missing");
  heat.heat_power = 1e9;
  CHECK(c::encodeMeteringReply(c::kHeat, kAddress, heat).error() ==
        "heat power does not fit its format");
}

TEST_CASE("CJ/T 188 abnormal reply and site-file vocabulary", "[cjt188]") {
  const auto a = c::encodeAbnormalReply(c::kColdWater, kAddress, c::kDiMeteringData, 0x05);
  REQUIRE(a.ok());
  CHECK(Bytes(a.value().begin() + 2, a.value().end()) == kAbnormal);

  CHECK(c::meterTypeFromName("water") == c::kColdWater);
  CHECK(c::meterTypeFromName("heat") == c::kHeat);
  CHECK(c::meterTypeFromName("gas") == c::kGas);
  CHECK_FALSE(c::meterTypeFromName("electricity").has_value());
  CHECK(c::isMeterAddress(kAddress));
  CHECK_FALSE(c::isMeterAddress("1234567890123"));
  CHECK_FALSE(c::isMeterAddress(c::kWildcardAddress));
  CHECK(c::fieldApplies(*c::findField("current_flow"), c::kHeat));
  CHECK(c::fieldApplies(*c::findField("settlement_flow"), c::kGas));
  CHECK_FALSE(c::fieldApplies(*c::findField("heat_power"), c::kColdWater));
  CHECK_FALSE(c::fieldApplies(*c::findField("settlement_flow"), c::kCooling));
  CHECK(c::encodeReadRequest(c::kColdWater, "1234", 0x901F, 0).error() ==
        "address \"1234\" is not 14 digits");
}
