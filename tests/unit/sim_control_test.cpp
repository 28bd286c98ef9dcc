// greentwin-sim's faults, control protocol and register encoding.
#include <catch2/catch.hpp>

#include <string>

#include "control_protocol.h"
#include "greentwin/register_codec.h"
#include "greentwin/site_config.h"
#include "meter_faults.h"
#include "register_image.h"

TEST_CASE("fault settings (--fault) parse as METER:FAULT", "[sim][faults]") {
  const auto s = gt::sim::parseFaultSetting("M-03:offline");
  REQUIRE(s);
  CHECK(s->meter == "M-03");
  CHECK(s->fault == gt::sim::MeterFault::Offline);
  CHECK(gt::sim::parseFaultSetting("M-03:clear")->fault == gt::sim::MeterFault::None);
  std::string why;
  CHECK_FALSE(gt::sim::parseFaultSetting("M-03", &why));
  CHECK(why.find("METER:FAULT") != std::string::npos);
  CHECK_FALSE(gt::sim::parseFaultSetting("M-03:melted", &why));
  CHECK(why.find("melted") != std::string::npos);
}

TEST_CASE("the control protocol sets, clears and reports faults", "[sim][faults]") {
  gt::sim::FaultBoard board({"M-01", "M-03", "M-07"});
  const gt::TimeMs t = 1'780'394'400'000;  // 2026-06-02T18:00+08:00
  auto a = gt::sim::answerControlRequest(board, "status", t, 60);
  CHECK(a.reply == "ok time=2026-06-02T18:00:00+08:00 speed=60 faults=none");
  CHECK_FALSE(a.fault_change);

  a = gt::sim::answerControlRequest(board, "fault M-03 offline", t, 1);
  CHECK(a.reply == "ok M-03 offline");
  CHECK(a.fault_change == "M-03 offline");
  gt::sim::answerControlRequest(board, "fault M-07 stuck\n", t, 1);
  CHECK(board.fault(1) == gt::sim::MeterFault::Offline);
  CHECK(gt::sim::answerControlRequest(board, "status", t, 1).reply ==
        "ok time=2026-06-02T18:00:00+08:00 speed=1 faults=M-03:offline,M-07:stuck");

  a = gt::sim::answerControlRequest(board, "fault M-03 clear", t, 1);
  CHECK(a.reply == "ok M-03 clear");
  CHECK(board.fault(1) == gt::sim::MeterFault::None);

  CHECK(gt::sim::answerControlRequest(board, "fault M-99 stuck", t, 1).reply ==
        "error: no meter 'M-99'");
  CHECK(gt::sim::answerControlRequest(board, "fault M-03 melted", t, 1)
            .reply.starts_with("error: unknown fault"));
  CHECK(gt::sim::answerControlRequest(board, "reboot", t, 1).reply.starts_with("error:"));
  CHECK(gt::sim::answerControlRequest(board, "", t, 1).reply.starts_with("error:"));
}

TEST_CASE("points encode canonical values in the meter's own unit and scale", "[sim][image]") {
  gt::RegisterPoint energy;  // pm3-int ep_imp: uint64 Wh, little-endian
  energy.type = gt::DataType::UInt64;
  energy.order = gt::WordOrder::DCBA;
  energy.unit = "Wh";
  energy.unit_factor = 0.001;                                 // Wh -> kWh
  const auto regs = gt::sim::encodePoint(energy, 1234.5678);  // kWh
  REQUIRE(regs.size() == 4);
  CHECK(gt::decodeRegisters(regs, energy.type, energy.order) == Approx(1'234'568.0));

  gt::RegisterPoint current;  // uint32 CDAB, scale 0.001 A
  current.type = gt::DataType::UInt32;
  current.order = gt::WordOrder::CDAB;
  current.scale = 0.001;
  const auto amps = gt::sim::encodePoint(current, 43.21);
  CHECK(gt::decodeRegisters(amps, current.type, current.order).value() * 0.001 == Approx(43.21));
}

TEST_CASE("a register image mirrors holding and input tables at template addresses",
          "[sim][image]") {
  gt::RegisterTemplate tmpl;
  gt::RegisterPoint p;
  p.name = "p";
  p.address = 0x2012;
  p.type = gt::DataType::Float32;
  tmpl.points.push_back(p);
  p.name = "ep_exp";
  p.address = 0x400A;
  tmpl.points.push_back(p);
  gt::sim::RegisterImage image(tmpl);
  const double values[] = {18.5, 42.0};
  image.write(values);
  modbus_mapping_t* map = image.mapping();
  CHECK(map->start_registers == 0x2012);
  CHECK(map->nb_registers == 0x400A + 2 - 0x2012);
  CHECK(map->start_input_registers == 0x2012);
  const uint16_t* last = map->tab_registers + (0x400A - 0x2012);
  CHECK(gt::decodeRegisters(std::span(last, 2), gt::DataType::Float32, gt::WordOrder::ABCD) ==
        Approx(42.0));
  CHECK(map->tab_input_registers[0] == map->tab_registers[0]);
  CHECK(map->tab_input_registers[1] == map->tab_registers[1]);
}
