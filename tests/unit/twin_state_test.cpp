// TwinState and equipment status: a snapshot reply, then readings and alarm events, give each
// equipment the right state (normal / alarm / offline / nodata) and value text.
#include <catch2/catch.hpp>

#include <string>
#include <thread>

#include "equipment_status.h"
#include "greentwin/site_config.h"
#include "twin_state.h"

namespace wire = gt::wire;
using gt::AlarmCode;
using gt::AlarmState;
using gt::twin::EquipmentState;
using gt::twin::equipmentStatus;
using gt::twin::TwinSnapshot;
using gt::twin::TwinState;

namespace {

// CNC-01 has one electricity meter; PNT-01 an electricity and a gas meter; WS-01 a meter
// whose template has no primary point.
const char* kSite = R"(
[site]
id = "t"
name_zh = "测试厂"
name_en = "Test plant"

[[area]]
id = "hall"

[[equipment]]
id = "CNC-01"
name_zh = "1号加工中心"
name_en = "Machining centre 1"
area = "hall"

[[equipment]]
id = "PNT-01"
area = "hall"

[[equipment]]
id = "WS-01"
area = "hall"

[[template]]
id = "pm"
points = [
  { name = "p", address = 10, type = "int32", unit = "W", primary = true },
  { name = "e", address = 20, type = "uint32", unit = "kWh", kind = "cumulative" },
]

[[template]]
id = "gas"
points = [
  { name = "flow", address = 0, type = "float32", unit = "m3/h", primary = true },
]

[[template]]
id = "bare"
points = [ { name = "x", address = 0, type = "uint16", unit = "V" } ]

[[meter]]
id = "M-01"
unit_id = 1
energy = "electricity"
host = "127.0.0.1"
port = 1502
template = "pm"
equipment = "CNC-01"

[[meter]]
id = "M-02"
unit_id = 2
energy = "electricity"
host = "127.0.0.1"
port = 1502
template = "pm"
equipment = "PNT-01"

[[meter]]
id = "M-03"
unit_id = 3
energy = "natural_gas"
host = "127.0.0.1"
port = 1502
template = "gas"
equipment = "PNT-01"

[[meter]]
id = "M-04"
unit_id = 4
energy = "electricity"
host = "127.0.0.1"
port = 1502
template = "bare"
equipment = "WS-01"
)";

wire::ReadingBatch batch(const std::string& meter, const std::string& equipment,
                         const std::string& point, double value, const std::string& unit,
                         gt::TimeMs t) {
  wire::ReadingBatch b;
  b.meter = meter;
  b.equipment = equipment;
  b.area = "hall";
  b.values.push_back({meter + "." + point, unit, t, value, gt::quality::kGood});
  return b;
}

wire::AlarmEvent alarm(int64_t id, const std::string& meter, const std::string& equipment,
                       AlarmCode code, AlarmState state, gt::TimeMs t = 1000) {
  wire::AlarmEvent a;
  a.id = id;
  a.meter = meter;
  a.equipment = equipment;
  a.area = "hall";
  a.code = code;
  a.state = state;
  a.t = t;
  a.text = "test";
  return a;
}

struct Fixture {
  gt::SiteConfig site = gt::parseSiteConfig(kSite, "site.toml");
  TwinState state;

  gt::twin::EquipmentStatus status(const char* id) const {
    return equipmentStatus(site, *site.findEquipment(id), state.snapshot());
  }
};

}  // namespace

TEST_CASE("before any data every equipment has no data and a dash") {
  Fixture f;
  for (const char* id : {"CNC-01", "PNT-01", "WS-01"}) {
    const auto s = f.status(id);
    CHECK(s.state == EquipmentState::NoData);
    CHECK(s.value_text == "—");
    CHECK_FALSE(s.has_value);
  }
  CHECK_FALSE(f.state.hasSnapshot());
}

TEST_CASE("a snapshot reply gives values, alarms and meter states") {
  Fixture f;
  wire::SnapshotReply reply;
  reply.t = 5000;
  reply.started = 100;
  reply.site = "t";
  reply.latest.push_back(batch("M-01", "CNC-01", "p", 18.44, "kW", 4000));
  reply.latest.push_back(batch("M-02", "PNT-01", "p", 42.0, "kW", 4000));
  reply.alarms.push_back(alarm(7, "M-03", "PNT-01", AlarmCode::MeterFault, AlarmState::Raised));
  reply.meters = {
      {"M-01", true, 4000}, {"M-02", true, 4000}, {"M-03", true, 4000}, {"M-04", false, 0}};
  f.state.apply(reply, 5001);

  const TwinSnapshot snap = f.state.snapshot();
  CHECK(snap.has_snapshot);
  CHECK(snap.daemon_started == 100);
  CHECK(snap.last_update == 5001);

  const auto cnc = f.status("CNC-01");
  CHECK(cnc.state == EquipmentState::Normal);
  CHECK(cnc.value_text == "18.4 kW");

  const auto paint = f.status("PNT-01");  // meter fault on its gas meter
  CHECK(paint.state == EquipmentState::Alarm);
  CHECK(paint.value_text == "42.0 kW");  // primary is the first meter's (electricity)

  CHECK(f.status("WS-01").state == EquipmentState::Offline);  // its only meter is offline
}

TEST_CASE("readings update values; older samples do not roll them back") {
  Fixture f;
  f.state.apply(batch("M-01", "CNC-01", "p", 10.0, "kW", 2000), 2001);
  CHECK(f.status("CNC-01").value_text == "10.0 kW");
  f.state.apply(batch("M-01", "CNC-01", "p", 12.25, "kW", 3000), 3001);
  CHECK(f.status("CNC-01").value_text == "12.3 kW");
  f.state.apply(batch("M-01", "CNC-01", "p", 99.0, "kW", 2500), 3002);  // late, older sample
  CHECK(f.status("CNC-01").value_text == "12.3 kW");
  CHECK(f.status("CNC-01").state == EquipmentState::Normal);
  CHECK(f.state.snapshot().meters.at("M-01").online);
}

TEST_CASE("a snapshot keeps readings newer than itself") {
  Fixture f;
  f.state.apply(batch("M-01", "CNC-01", "p", 20.0, "kW", 9000), 9001);
  wire::SnapshotReply reply;
  reply.started = 1;
  reply.latest.push_back(batch("M-01", "CNC-01", "p", 5.0, "kW", 8000));
  f.state.apply(reply, 9002);
  CHECK(f.status("CNC-01").value_text == "20.0 kW");
}

TEST_CASE("alarm events raise and clear; communication faults take meters offline") {
  Fixture f;
  f.state.apply(batch("M-01", "CNC-01", "p", 18.4, "kW", 1000), 1001);
  f.state.apply(batch("M-02", "PNT-01", "p", 30.0, "kW", 1000), 1001);
  f.state.apply(batch("M-03", "PNT-01", "flow", 12.345, "m3/h", 1000), 1001);

  SECTION("a meter fault makes the equipment red, clearing it brings it back") {
    f.state.apply(alarm(1, "M-01", "CNC-01", AlarmCode::MeterFault, AlarmState::Raised), 1002);
    CHECK(f.status("CNC-01").state == EquipmentState::Alarm);
    CHECK(f.status("CNC-01").value_text == "18.4 kW");
    f.state.apply(alarm(1, "M-01", "CNC-01", AlarmCode::MeterFault, AlarmState::Cleared), 1003);
    CHECK(f.status("CNC-01").state == EquipmentState::Normal);
  }
  SECTION("a communication fault on the only meter makes the equipment offline (grey)") {
    f.state.apply(alarm(2, "M-01", "CNC-01", AlarmCode::CommunicationFault, AlarmState::Raised),
                  1002);
    const auto s = f.status("CNC-01");
    CHECK(s.state == EquipmentState::Offline);
    CHECK(gt::twin::displayedValue(s, gt::twin::Language::En) == "offline");
    CHECK(gt::twin::displayedValue(s, gt::twin::Language::Zh) == "离线");
    // Clearing alone does not prove the meter answers again; the next reading does.
    f.state.apply(alarm(2, "M-01", "CNC-01", AlarmCode::CommunicationFault, AlarmState::Cleared),
                  1003);
    CHECK(f.status("CNC-01").state == EquipmentState::Offline);
    f.state.apply(batch("M-01", "CNC-01", "p", 19.0, "kW", 2000), 2001);
    CHECK(f.status("CNC-01").state == EquipmentState::Normal);
  }
  SECTION("offline wins over a meter fault when no meter communicates") {
    f.state.apply(alarm(3, "M-01", "CNC-01", AlarmCode::MeterFault, AlarmState::Raised), 1002);
    f.state.apply(alarm(4, "M-01", "CNC-01", AlarmCode::CommunicationFault, AlarmState::Raised),
                  1003);
    CHECK(f.status("CNC-01").state == EquipmentState::Offline);
  }
  SECTION("a communication fault on one of two meters is an alarm, not offline") {
    f.state.apply(alarm(5, "M-03", "PNT-01", AlarmCode::CommunicationFault, AlarmState::Raised),
                  1002);
    CHECK(f.status("PNT-01").state == EquipmentState::Alarm);
    f.state.apply(alarm(6, "M-02", "PNT-01", AlarmCode::CommunicationFault, AlarmState::Raised),
                  1003);
    CHECK(f.status("PNT-01").state == EquipmentState::Offline);
  }
  CHECK(f.status("WS-01").state == EquipmentState::NoData);  // no primary point, no meter news
}

TEST_CASE("the primary point is the first meter's primary") {
  const gt::SiteConfig site = gt::parseSiteConfig(kSite, "site.toml");
  const auto paint = gt::twin::primaryPointOf(site, *site.findEquipment("PNT-01"));
  REQUIRE(paint);
  CHECK(paint->id == "M-02.p");
  CHECK(paint->point->canonical == "kW");
  CHECK_FALSE(gt::twin::primaryPointOf(site, *site.findEquipment("WS-01")));
}

TEST_CASE("the state can be written from one thread while another copies it") {
  Fixture f;
  std::thread writer([&] {
    for (int i = 1; i <= 2000; ++i) {
      f.state.apply(batch("M-01", "CNC-01", "p", i, "kW", i), i);
    }
  });
  double last = 0;
  for (int i = 0; i < 2000; ++i) {
    const TwinSnapshot snap = f.state.snapshot();
    auto it = snap.points.find("M-01.p");
    if (it != snap.points.end()) {
      REQUIRE(it->second.value >= last);  // values only move forward
      last = it->second.value;
    }
  }
  writer.join();
  CHECK(f.state.snapshot().points.at("M-01.p").value == 2000.0);
}
