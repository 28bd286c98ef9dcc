// greentwin-sim's Modbus TCP gateway: a real server on a free loopback port answering a real
// libmodbus client, with unit-id dispatch and meter faults (ingest/sim/modbus_gateway_server.h).
#include <catch2/catch.hpp>

#include <arpa/inet.h>
#include <netinet/in.h>
#include <sys/socket.h>
#include <unistd.h>

#include <cerrno>
#include <chrono>
#include <memory>
#include <string>
#include <thread>
#include <vector>

#include <modbus/modbus.h>

#include "greentwin/register_codec.h"
#include "greentwin/site_config.h"
#include "meter_faults.h"
#include "meter_physics.h"
#include "modbus_gateway_server.h"
#include "simulated_clock.h"
#include "site_time.h"

namespace {

// libmodbus cannot listen on port 0, so ask the kernel for a free port and give it back.
uint16_t freeLoopbackPort() {
  const int fd = socket(AF_INET, SOCK_STREAM, 0);
  REQUIRE(fd >= 0);
  sockaddr_in addr{};
  addr.sin_family = AF_INET;
  addr.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
  addr.sin_port = 0;
  REQUIRE(bind(fd, reinterpret_cast<sockaddr*>(&addr), sizeof addr) == 0);
  socklen_t len = sizeof addr;
  REQUIRE(getsockname(fd, reinterpret_cast<sockaddr*>(&addr), &len) == 0);
  close(fd);
  return ntohs(addr.sin_port);
}

struct ModbusClient {
  explicit ModbusClient(uint16_t port) : ctx(modbus_new_tcp("127.0.0.1", port)) {
    REQUIRE(ctx != nullptr);
    modbus_set_response_timeout(ctx, 0, 300'000);
    REQUIRE(modbus_connect(ctx) == 0);
  }
  ~ModbusClient() {
    modbus_close(ctx);
    modbus_free(ctx);
  }
  ModbusClient(const ModbusClient&) = delete;
  ModbusClient& operator=(const ModbusClient&) = delete;

  // Registers, or empty with `error` set to errno.
  std::vector<uint16_t> read(int unit, int address, int count, bool input = false) {
    std::vector<uint16_t> regs(static_cast<size_t>(count));
    modbus_set_slave(ctx, unit);
    const int rc = input ? modbus_read_input_registers(ctx, address, count, regs.data())
                         : modbus_read_registers(ctx, address, count, regs.data());
    error = rc < 0 ? errno : 0;
    if (rc != count) regs.clear();
    return regs;
  }

  modbus_t* ctx;
  int error = 0;
};

double float32At(const std::vector<uint16_t>& regs, size_t offset) {
  return gt::decodeRegisters(std::span(regs).subspan(offset, 2), gt::DataType::Float32,
                             gt::WordOrder::ABCD)
      .value();
}

// A gateway serving the demo site's production-hall meters (M-02..M-10), on a free port.
struct HallGateway {
  explicit HallGateway(double speed = 1.0)
      : site(gt::loadSiteConfig(std::string(GREENTWIN_SOURCE_DIR) + "/assets/demo/site.toml")),
        physics(site, 1),
        faults(ids(site)),
        clock(gt::sim::parseTimePoint("2026-06-02T10:00").value(), speed),
        port(freeLoopbackPort()) {
    std::vector<size_t> meters;
    for (size_t i = 0; i < site.meters.size(); ++i) {
      if (site.meters[i].port == 15021) meters.push_back(i);
    }
    server = gt::sim::ModbusGatewayServer::start("127.0.0.1", port, meters, physics, faults, clock,
                                                 1, [](const std::string&) {});
  }
  static std::vector<std::string> ids(const gt::SiteConfig& s) {
    std::vector<std::string> out;
    for (const gt::Meter& m : s.meters) out.push_back(m.id);
    return out;
  }

  gt::SiteConfig site;
  gt::sim::SitePhysics physics;
  gt::sim::FaultBoard faults;
  gt::sim::SimulatedClock clock;
  uint16_t port;
  std::unique_ptr<gt::sim::ModbusGatewayServer> server;
};

}  // namespace

TEST_CASE("the gateway answers M-02's float registers with plausible values", "[sim][server]") {
  HallGateway gateway;
  ModbusClient client(gateway.port);
  const std::vector<uint16_t> regs = client.read(2, 0x2006, 20);
  REQUIRE(regs.size() == 20);
  const double ua = float32At(regs, 0), p = float32At(regs, 12), f = float32At(regs, 18);
  CHECK(ua > 225.0);
  CHECK(ua < 235.0);
  CHECK(p > 2.0);  // a machining centre at 10:00 on a Tuesday
  CHECK(p < 70.0);
  CHECK(f == Approx(50.0).margin(0.05));
  // The same image through function 0x04, and the energy register.
  const std::vector<uint16_t> input = client.read(2, 0x2006, 20, true);
  CHECK(input.size() == 20);
  const std::vector<uint16_t> energy = client.read(2, 0x4000, 2);
  REQUIRE(energy.size() == 2);
  CHECK(float32At(energy, 0) > 1000.0);
  // M-03 behind the same port uses scaled integers in input registers.
  const std::vector<uint16_t> m03 = client.read(3, 0, 3, true);
  REQUIRE(m03.size() == 3);
  CHECK(m03[0] * 0.1 == Approx(230.0).margin(5.0));
}

TEST_CASE("an unknown unit id gets exception 0x0B", "[sim][server]") {
  HallGateway gateway;
  ModbusClient client(gateway.port);
  CHECK(client.read(99, 0, 2).empty());
  CHECK(client.error == EMBXGTAR);
  CHECK(client.read(2, 0x2006, 2).size() == 2);  // the connection still serves others
}

TEST_CASE("an offline meter times out while its neighbours answer", "[sim][server]") {
  HallGateway gateway;
  ModbusClient client(gateway.port);
  REQUIRE(gateway.faults.set("M-03", gt::sim::MeterFault::Offline));
  const auto before = std::chrono::steady_clock::now();
  CHECK(client.read(3, 0, 3, true).empty());
  CHECK(client.error == ETIMEDOUT);
  CHECK(std::chrono::steady_clock::now() - before >= std::chrono::milliseconds(250));
  CHECK(client.read(2, 0x2006, 2).size() == 2);
  gateway.faults.set("M-03", gt::sim::MeterFault::None);
  CHECK(client.read(3, 0, 3, true).size() == 3);
}

TEST_CASE("a garbage meter sends bad frames without harming the server", "[sim][server]") {
  HallGateway gateway;
  REQUIRE(gateway.faults.set("M-04", gt::sim::MeterFault::Garbage));
  for (int i = 0; i < 6; ++i) {
    ModbusClient client(gateway.port);  // a bad frame may leave the connection unusable
    CHECK(client.read(4, 0x2006, 2).empty());
  }
  ModbusClient client(gateway.port);
  CHECK(client.read(2, 0x2006, 2).size() == 2);
}

TEST_CASE("a stuck meter freezes; a regressed one reads lower totals", "[sim][server]") {
  HallGateway gateway(3600.0);  // an hour a second: registers change between reads
  ModbusClient client(gateway.port);
  const auto energy = [&] { return float32At(client.read(2, 0x4000, 2), 0); };
  const double e0 = energy();
  std::this_thread::sleep_for(std::chrono::milliseconds(50));
  const double e1 = energy();
  CHECK(e1 > e0);

  gateway.faults.set("M-02", gt::sim::MeterFault::Stuck);
  const double frozen = energy();
  std::this_thread::sleep_for(std::chrono::milliseconds(50));
  CHECK(energy() == frozen);

  gateway.faults.set("M-02", gt::sim::MeterFault::Regress);
  CHECK(energy() < frozen);
  gateway.faults.set("M-02", gt::sim::MeterFault::None);
  CHECK(energy() > frozen);
}

TEST_CASE("a busy port is reported, not ignored", "[sim][server]") {
  HallGateway gateway;
  const std::vector<size_t> meters{1};
  CHECK_THROWS_WITH(gt::sim::ModbusGatewayServer::start(
                        "127.0.0.1", gateway.port, meters, gateway.physics, gateway.faults,
                        gateway.clock, 1, [](const std::string&) {}),
                    Catch::Contains("cannot listen on 127.0.0.1:"));
}
