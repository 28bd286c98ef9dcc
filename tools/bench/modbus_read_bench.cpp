// CPU cost of one Modbus TCP read on a polling thread, before and after the daemon framed
// Modbus TCP itself to check unit ids (ingest/src/mbap_frame.h): libmodbus's
// modbus_read_registers (what ModbusTcpLink used before, readRegisters() in modbus_session.h,
// still used for RTU) against ModbusTcpLink::read, in alternating rounds on one connection
// each, against a libmodbus server thread on loopback. Only the polling thread's CPU time is
// counted (CLOCK_THREAD_CPUTIME_ID), so the server and the machine's other load matter little.
// Prints `name value unit` lines (tools/bench/run); medians of the rounds:
//   ingest.modbus_tcp_read_cpu_us_libmodbus   per read of 125 holding registers
//   ingest.modbus_tcp_read_cpu_us_mbap
#include <modbus.h>
#include <netinet/in.h>
#include <sys/socket.h>
#include <time.h>
#include <unistd.h>

#include <algorithm>
#include <atomic>
#include <cerrno>
#include <cstdio>
#include <cstring>
#include <stdexcept>
#include <string>
#include <thread>
#include <vector>

#include "modbus_session.h"
#include "modbus_tcp_link.h"

using namespace gt::ingest;

namespace {

constexpr int kReadsPerRound = 20000;
constexpr int kRounds = 5;
constexpr RegisterRead kRequest{gt::RegisterFunction::Holding, 0, 125};

double threadCpuUs() {
  timespec t{};
  clock_gettime(CLOCK_THREAD_CPUTIME_ID, &t);
  return static_cast<double>(t.tv_sec) * 1e6 + static_cast<double>(t.tv_nsec) / 1e3;
}

// Answers every request of one client at a time until the process ends.
class LoopbackServer {
 public:
  LoopbackServer() {
    mapping_ = modbus_mapping_new(0, 0, 200, 0);
    ctx_ = modbus_new_tcp("127.0.0.1", 0);
    if (!mapping_ || !ctx_) throw std::runtime_error("cannot create the Modbus server");
    listen_fd_ = modbus_tcp_listen(ctx_, 1);
    if (listen_fd_ < 0) throw std::runtime_error(modbus_strerror(errno));
    sockaddr_in addr{};
    socklen_t len = sizeof addr;
    getsockname(listen_fd_, reinterpret_cast<sockaddr*>(&addr), &len);
    port_ = ntohs(addr.sin_port);
    for (int i = 0; i < 200; ++i) mapping_->tab_registers[i] = static_cast<uint16_t>(i * 7);
    std::thread([this] { serve(); }).detach();  // lives as long as the process
  }
  uint16_t port() const { return port_; }

 private:
  void serve() {
    uint8_t query[MODBUS_TCP_MAX_ADU_LENGTH];
    while (true) {
      if (modbus_tcp_accept(ctx_, &listen_fd_) < 0) continue;
      while (true) {
        const int n = modbus_receive(ctx_, query);
        if (n == -1) break;
        if (n > 0) modbus_reply(ctx_, query, n, mapping_);
      }
      modbus_close(ctx_);
    }
  }
  modbus_mapping_t* mapping_ = nullptr;
  modbus_t* ctx_ = nullptr;
  int listen_fd_ = -1;
  uint16_t port_ = 0;
};

double libmodbusRound(uint16_t port) {
  ModbusContext ctx(modbus_new_tcp("127.0.0.1", port));
  if (ctx.get() == nullptr || modbus_connect(ctx.get()) == -1) {
    throw std::runtime_error("libmodbus client cannot connect");
  }
  const LinkTarget target{1, std::chrono::milliseconds(1000)};
  const double start = threadCpuUs();
  for (int i = 0; i < kReadsPerRound; ++i) {
    if (!readRegisters(ctx.get(), target, kRequest).ok()) throw std::runtime_error("read failed");
  }
  return (threadCpuUs() - start) / kReadsPerRound;
}

double mbapRound(uint16_t port) {
  ModbusTcpLink link("127.0.0.1", port);
  if (link.connect(std::chrono::milliseconds(1000))) {
    throw std::runtime_error("link cannot connect");
  }
  const LinkTarget target{1, std::chrono::milliseconds(1000)};
  const double start = threadCpuUs();
  for (int i = 0; i < kReadsPerRound; ++i) {
    if (!link.read(target, kRequest).ok()) throw std::runtime_error("read failed");
  }
  return (threadCpuUs() - start) / kReadsPerRound;
}

double median(std::vector<double> v) {
  std::sort(v.begin(), v.end());
  return v[v.size() / 2];
}

}  // namespace

int main() {
  try {
    LoopbackServer server;
    std::vector<double> old_path, new_path;
    for (int round = 0; round < kRounds; ++round) {
      old_path.push_back(libmodbusRound(server.port()));
      new_path.push_back(mbapRound(server.port()));
    }
    std::printf("ingest.modbus_tcp_read_cpu_us_libmodbus %.2f us\n", median(old_path));
    std::printf("ingest.modbus_tcp_read_cpu_us_mbap %.2f us\n", median(new_path));
    std::fprintf(stderr, "# %d rounds of %d reads of 125 registers; rounds (us):", kRounds,
                 kReadsPerRound);
    for (int i = 0; i < kRounds; ++i) std::fprintf(stderr, " %.2f/%.2f", old_path[i], new_path[i]);
    std::fprintf(stderr, " (libmodbus/mbap)\n");
    return 0;
  } catch (const std::exception& e) {
    std::fprintf(stderr, "modbus_read_bench: %s\n", e.what());
    return 1;
  }
}
