// greentwin-sim: serves the demo site's meters over Modbus TCP, one server per gateway port,
// Modbus RTU meters on their serial device, one server per RS-485 line, and DL/T 645-2007 and
// CJ/T 188-2004 meters on their serial line or converter port, with plausible,
// repeatable values and faults on demand, so the daemon and the viewer can be developed and
// tested without a plant. See --help for options and the control protocol.
#include <algorithm>
#include <csignal>
#include <cstdio>
#include <memory>
#include <mutex>
#include <string>
#include <utility>
#include <vector>

#include <CLI/CLI.hpp>

#include "cjt188_server.h"
#include "control_protocol.h"
#include "control_socket.h"
#include "dlt645_server.h"
#include "greentwin/site_config.h"
#include "knot_series.h"
#include "meter_faults.h"
#include "meter_physics.h"
#include "modbus_gateway_server.h"
#include "modbus_rtu_server.h"
#include "simulated_clock.h"
#include "site_time.h"

namespace {

constexpr const char* kControlHelp = R"help(
Control protocol (--control): a ZeroMQ REP socket; one text request, one text reply.
  fault M-03 offline    the meter stops answering (the poller times out)
  fault M-03 garbage    it answers with random bytes and malformed frames
  fault M-03 stuck      its registers freeze at their current values
  fault M-03 regress    its totals drop 3 % and keep counting down (a meter fault)
  fault M-03 clear      back to normal
  status                simulated time, speed and active faults
Replies: "ok ..." or "error: ...", e.g.
  ok time=2026-06-02T10:15:00+08:00 speed=60 faults=M-03:offline
Example: python3 -c "import zmq; s=zmq.Context().socket(zmq.REQ); \
s.connect('tcp://127.0.0.1:6609'); s.send(b'status'); print(s.recv().decode())"

Values are pure functions of (meter, point, simulated time, seed); simulated time is
start + wall time x speed. Totals integrate from 2020-01-01T00:00+08:00, so they continue
across restarts. Stops cleanly on SIGINT or SIGTERM.
)help";

// One line per event, whole lines even when servers log from their threads at once.
void logLine(const std::string& line) {
  static std::mutex mutex;
  std::lock_guard lock(mutex);
  std::fprintf(stdout, "%s\n", line.c_str());
  std::fflush(stdout);
}

// The meters behind one TCP gateway or on one RS-485 line.
struct Gateway {
  const gt::Meter* first = nullptr;  // its address, protocol and serial settings
  std::vector<size_t> meters;
};

// Meters grouped by link (host:port or serial device), in the order the site file first
// names each.
std::vector<Gateway> gatewaysOf(const gt::SiteConfig& site) {
  std::vector<Gateway> out;
  for (size_t i = 0; i < site.meters.size(); ++i) {
    const gt::Meter& m = site.meters[i];
    auto it = std::find_if(out.begin(), out.end(), [&](const Gateway& g) {
      return g.first->protocol == m.protocol && gt::linkAddress(*g.first) == gt::linkAddress(m);
    });
    if (it == out.end()) it = out.insert(out.end(), Gateway{&m, {}});
    it->meters.push_back(i);
  }
  return out;
}

std::string describe(const gt::SiteConfig& site, const Gateway& g) {
  const std::string& first = site.meters[g.meters.front()].id;
  const std::string& last = site.meters[g.meters.back()].id;
  const std::string range = g.meters.size() == 1 ? first : first + ".." + last;
  const std::string count =
      std::to_string(g.meters.size()) + (g.meters.size() == 1 ? " meter" : " meters");
  std::string where = gt::linkAddress(*g.first);
  if (gt::usesSerial(*g.first)) {
    const gt::SerialSettings& s = g.first->serial;
    where += " (" + std::string(gt::protocolName(g.first->protocol)) + " " +
             std::to_string(s.baud) + " " + std::to_string(s.data_bits) + s.parity +
             std::to_string(s.stop_bits) + ")";
  }
  return range + " on " + where + " (" + count + ")";
}

}  // namespace

int main(int argc, char** argv) {
  CLI::App app{
      "GreenTwin meter simulator: serves a site's meters over Modbus TCP, Modbus RTU, CJ/T 188 and "
      "DL/T 645-2007"};
  std::string site_path, start_text, control_endpoint;
  double speed = 1.0;
  uint64_t seed = 1;
  std::vector<std::string> fault_texts;
  app.add_option("--site", site_path, "Site file, e.g. assets/demo/site.toml")->required();
  app.add_option("--speed", speed, "Simulated seconds per wall-clock second")
      ->check(CLI::PositiveNumber)
      ->capture_default_str();
  app.add_option("--seed", seed, "Seed of every random variation")->capture_default_str();
  app.add_option("--fault", fault_texts, "METER:offline|garbage|stuck|regress (repeatable)");
  app.add_option("--control", control_endpoint,
                 "ZeroMQ REP endpoint for faults at run time, e.g. tcp://127.0.0.1:6609");
  bool generic = false;
  app.add_flag("--generic", generic,
               "Ignore the demo plant's physics: every point of any template varies slowly "
               "(benchmark sites, tools/bench/ingest_scale.py)");
  app.add_option("--start", start_text,
                 "Simulated start: ISO 8601 (2026-06-02T08:00, site time unless Z or +HH:MM) "
                 "or epoch milliseconds; default now");
  app.footer(kControlHelp);
  CLI11_PARSE(app, argc, argv);

  gt::SiteConfig site;
  try {
    site = gt::loadSiteConfig(site_path);
  } catch (const gt::ConfigError& e) {
    std::fprintf(stderr, "%s\n", e.what());
    return 2;
  }

  gt::TimeMs start = gt::nowUtcMs();
  if (!start_text.empty()) {
    std::string why;
    const auto parsed = gt::sim::parseTimePoint(start_text, &why);
    if (!parsed) {
      std::fprintf(stderr, "greentwin-sim: --start %s\n", why.c_str());
      return 2;
    }
    start = *parsed;
  }
  if (start < gt::sim::kIntegrationEpoch) {
    std::fprintf(stderr,
                 "greentwin-sim: --start must be 2020-01-01T00:00+08:00 or later "
                 "(meter totals integrate from then)\n");
    return 2;
  }

  std::vector<std::string> ids;
  std::vector<std::vector<std::string>> point_names;
  for (const gt::Meter& m : site.meters) {
    ids.push_back(m.id);
    auto& names = point_names.emplace_back();
    for (const gt::RegisterPoint& p : m.tmpl->points) names.push_back(p.name);
  }
  gt::sim::FaultBoard faults(ids, point_names);
  for (const std::string& text : fault_texts) {
    std::string why;
    const auto setting = gt::sim::parseFaultSetting(text, &why);
    if (!setting) {
      std::fprintf(stderr, "greentwin-sim: --fault %s\n", why.c_str());
      return 2;
    }
    if (!faults.set(setting->meter, setting->fault)) {
      std::fprintf(stderr, "greentwin-sim: --fault %s: no meter '%s' in %s\n", text.c_str(),
                   setting->meter.c_str(), site_path.c_str());
      return 2;
    }
    logLine("fault " + setting->meter + " " + std::string(gt::sim::meterFaultName(setting->fault)) +
            " (command line)");
  }

  if (site.timezone != "Asia/Shanghai") {
    logLine("warning: site timezone " + site.timezone +
            " ignored; the simulated plant keeps Asia/Shanghai hours (UTC+8)");
  }
  const gt::sim::SitePhysics physics(
      site, seed, generic ? gt::sim::PhysicsModel::Generic : gt::sim::PhysicsModel::Plant);
  for (const std::string& point : physics.unmodelledPoints()) logLine("warning: " + point);
  const gt::sim::SimulatedClock clock(start, speed);
  // Sum the totals since 2020 now rather than on the first poll, which would time out.
  for (size_t i = 0; i < physics.meterCount(); ++i) (void)physics.values(i, start);

  // Signals go to sigwait() below, not to whichever thread happens to run: threads started
  // from here on inherit this mask.
  sigset_t stop_signals;
  sigemptyset(&stop_signals);
  sigaddset(&stop_signals, SIGINT);
  sigaddset(&stop_signals, SIGTERM);
  pthread_sigmask(SIG_BLOCK, &stop_signals, nullptr);
  std::signal(SIGPIPE, SIG_IGN);  // a poller that hangs up must not kill the simulator

  std::vector<std::unique_ptr<gt::sim::ModbusGatewayServer>> servers;
  std::vector<std::unique_ptr<gt::sim::ModbusRtuServer>> lines;
  std::vector<std::unique_ptr<gt::sim::Dlt645Server>> dlt645;
  std::vector<std::unique_ptr<gt::sim::Cjt188Server>> cjt188;
  std::unique_ptr<gt::sim::ControlSocket> control;
  try {
    for (const Gateway& g : gatewaysOf(site)) {
      if (g.first->protocol == gt::Protocol::Dlt645) {
        dlt645.push_back(gt::sim::Dlt645Server::start(*g.first, g.meters, physics, faults, clock,
                                                      seed, logLine));
      } else if (g.first->protocol == gt::Protocol::Cjt188) {
        cjt188.push_back(gt::sim::Cjt188Server::start(*g.first, g.meters, physics, faults, clock,
                                                      seed, logLine));
      } else if (g.first->protocol == gt::Protocol::ModbusRtu) {
        lines.push_back(gt::sim::ModbusRtuServer::start(g.first->serial, g.meters, physics, faults,
                                                        clock, seed, logLine));
      } else {
        servers.push_back(gt::sim::ModbusGatewayServer::start(
            g.first->host, g.first->port, g.meters, physics, faults, clock, seed, logLine));
      }
      logLine(describe(site, g));
    }
    if (!control_endpoint.empty()) {
      control = gt::sim::ControlSocket::start(control_endpoint, faults, clock, logLine);
      logLine("control on " + control_endpoint);
    }
  } catch (const std::exception& e) {
    std::fprintf(stderr, "greentwin-sim: %s\n", e.what());
    return 1;
  }
  char speed_text[32];
  std::snprintf(speed_text, sizeof speed_text, "%g", speed);
  logLine("simulated time starts at " + gt::sim::formatLocalTime(start) + ", speed " + speed_text +
          ", seed " + std::to_string(seed));

  int signal_number = 0;
  sigwait(&stop_signals, &signal_number);
  logLine(std::string("stopping on ") + (signal_number == SIGINT ? "SIGINT" : "SIGTERM"));
  control.reset();
  servers.clear();
  lines.clear();
  dlt645.clear();
  cjt188.clear();
  return 0;
}
