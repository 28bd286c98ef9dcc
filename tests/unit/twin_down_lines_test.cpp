// DownLines (down_lines.h): the alarm list shows one row for a link whose every meter is
// down, not one per meter; a link with a meter still answering, or with one meter, is not
// grouped.
#include <catch2/catch.hpp>

#include "down_lines.h"

using namespace gt;
using namespace gt::twin;

namespace {
Meter tcpMeter(const std::string& id, uint16_t port) {
  Meter m;
  m.id = id;
  m.protocol = Protocol::ModbusTcp;
  m.host = "10.0.0.7";
  m.port = port;
  return m;
}

// Gateway :502 holds M-01..M-03, gateway :503 holds M-04 alone.
SiteConfig site() {
  SiteConfig s;
  s.meters = {tcpMeter("M-01", 502), tcpMeter("M-02", 502), tcpMeter("M-03", 502),
              tcpMeter("M-04", 503)};
  return s;
}

wire::AlarmEvent commFault(int64_t id, const std::string& meter, TimeMs t) {
  return wire::AlarmEvent{id,
                          meter,
                          "",
                          "hall",
                          AlarmCode::CommunicationFault,
                          AlarmState::Raised,
                          t,
                          meter + " does not answer"};
}
}  // namespace

TEST_CASE("a link whose every meter is down is one line, since its first fault", "[twin]") {
  std::map<int64_t, wire::AlarmEvent> alarms;
  for (const auto& e : {commFault(1, "M-02", 2'000), commFault(2, "M-01", 1'000),
                        commFault(3, "M-03", 3'000), commFault(4, "M-04", 500)}) {
    alarms[e.id] = e;
  }
  const auto lines = downLines(site(), alarms);
  REQUIRE(lines.size() == 1);  // M-04 alone on :503 keeps its own row
  CHECK(lines[0].link == "10.0.0.7:502");
  CHECK(lines[0].meters == std::vector<std::string>{"M-01", "M-02", "M-03"});
  CHECK(lines[0].since == 1'000);
  CHECK(onDownLine(lines, "M-02"));
  CHECK_FALSE(onDownLine(lines, "M-04"));
}

TEST_CASE("a link with one meter answering, or a meter fault, is not down", "[twin]") {
  std::map<int64_t, wire::AlarmEvent> alarms;
  alarms[1] = commFault(1, "M-01", 1'000);
  alarms[2] = commFault(2, "M-02", 1'000);
  CHECK(downLines(site(), alarms).empty());  // M-03 still answers
  wire::AlarmEvent fault = commFault(3, "M-03", 1'000);
  fault.code = AlarmCode::MeterFault;  // answers, with bad values: not down
  alarms[3] = fault;
  CHECK(downLines(site(), alarms).empty());
  alarms[4] = commFault(4, "M-03", 4'000);
  CHECK(downLines(site(), alarms).size() == 1);
}
