// Shared by the ingest unit tests: a small site file, a temporary folder, and a real libmodbus
// TCP server on a free loopback port that can be stopped and started again on the same port.
#pragma once

#include <modbus.h>
#include <netinet/in.h>
#include <poll.h>
#include <sys/socket.h>
#include <unistd.h>

#include <atomic>
#include <cerrno>
#include <filesystem>
#include <mutex>
#include <random>
#include <stdexcept>
#include <string>
#include <thread>

#include "greentwin/register_codec.h"
#include "greentwin/site_config.h"

namespace gt::ingest::test {

// One meter (unit 7) on 127.0.0.1:`port`: p float32 kW holding 0, e uint32 CDAB Wh cumulative
// holding 2, ua uint16 0.1 V input 0.
inline std::string siteText(int port, int comm_fault_after = 3, int interval_ms = 100) {
  return R"(
[site]
id = "test-site"
[ingest]
comm_fault_after = )" +
         std::to_string(comm_fault_after) + R"(
batch_ms = 50
[[area]]
id = "hall"
[[equipment]]
id = "CNC-01"
area = "hall"
[[template]]
id = "pm"
points = [
  { name = "p", address = 0, type = "float32", order = "ABCD", unit = "kW", min = -1000, max = 1000, primary = true },
  { name = "e", address = 2, type = "uint32", order = "CDAB", unit = "Wh", kind = "cumulative", min = 0 },
  { name = "ua", function = "input", address = 0, type = "uint16", scale = 0.1, unit = "V", min = 0, max = 500 },
]
[[meter]]
id = "M-01"
energy = "electricity"
protocol = "modbus-tcp"
host = "127.0.0.1"
port = )" +
         std::to_string(port) + R"(
unit_id = 7
template = "pm"
interval_ms = )" +
         std::to_string(interval_ms) + R"(
timeout_ms = 200
equipment = "CNC-01"
)";
}

inline SiteConfig testSite(int port, int comm_fault_after = 3, int interval_ms = 100) {
  return parseSiteConfig(siteText(port, comm_fault_after, interval_ms), "test-site.toml");
}

// A fresh folder under the system temp folder, removed with its content at scope end.
class TempDir {
 public:
  TempDir() {
    std::random_device rd;
    path_ = std::filesystem::temp_directory_path() /
            ("greentwin-ingest-test-" + std::to_string(::getpid()) + "-" + std::to_string(rd()));
    std::filesystem::create_directories(path_);
  }
  ~TempDir() {
    std::error_code ec;
    std::filesystem::remove_all(path_, ec);
  }
  TempDir(const TempDir&) = delete;
  TempDir& operator=(const TempDir&) = delete;
  const std::filesystem::path& path() const { return path_; }

 private:
  std::filesystem::path path_;
};

// A Modbus TCP server in a thread, answering from 100 holding and 100 input registers for any
// unit id. port 0 picks a free port; port() tells which.
class TestModbusServer {
 public:
  explicit TestModbusServer(int port = 0) {
    mapping_ = modbus_mapping_new_start_address(0, 0, 0, 0, 0, 100, 0, 100);
    ctx_ = modbus_new_tcp("127.0.0.1", port);
    if (!mapping_ || !ctx_) throw std::runtime_error("cannot create the test Modbus server");
    listen_fd_ = modbus_tcp_listen(ctx_, 1);
    if (listen_fd_ < 0) {
      throw std::runtime_error(std::string("test Modbus server cannot listen: ") +
                               modbus_strerror(errno));
    }
    sockaddr_in addr{};
    socklen_t len = sizeof addr;
    getsockname(listen_fd_, reinterpret_cast<sockaddr*>(&addr), &len);
    port_ = ntohs(addr.sin_port);
    modbus_set_indication_timeout(ctx_, 0, 50'000);
    thread_ = std::thread([this] { serve(); });
  }
  ~TestModbusServer() {
    stop_ = true;
    thread_.join();
    modbus_close(ctx_);  // the client socket
    ::close(listen_fd_);
    modbus_free(ctx_);
    modbus_mapping_free(mapping_);
  }
  TestModbusServer(const TestModbusServer&) = delete;
  TestModbusServer& operator=(const TestModbusServer&) = delete;

  int port() const { return port_; }

  void setHolding(uint16_t address, double raw, DataType type, WordOrder order) {
    std::lock_guard lock(mutex_);
    const auto regs = encodeRegisters(raw, type, order);
    for (std::size_t i = 0; i < regs.size(); ++i) mapping_->tab_registers[address + i] = regs[i];
  }
  void setInput(uint16_t address, double raw, DataType type, WordOrder order) {
    std::lock_guard lock(mutex_);
    const auto regs = encodeRegisters(raw, type, order);
    for (std::size_t i = 0; i < regs.size(); ++i) {
      mapping_->tab_input_registers[address + i] = regs[i];
    }
  }

 private:
  void serve() {
    uint8_t query[MODBUS_TCP_MAX_ADU_LENGTH];
    bool client = false;
    while (!stop_) {
      if (!client) {
        pollfd pfd{listen_fd_, POLLIN, 0};
        if (::poll(&pfd, 1, 50) <= 0) continue;
        int fd = listen_fd_;
        if (modbus_tcp_accept(ctx_, &fd) < 0) continue;
        client = true;
      }
      const int rc = modbus_receive(ctx_, query);
      if (rc > 0) {
        std::lock_guard lock(mutex_);
        modbus_reply(ctx_, query, rc, mapping_);
      } else if (rc == -1 && errno != ETIMEDOUT) {
        modbus_close(ctx_);  // the client went away: wait for the next one
        client = false;
      }
    }
  }

  modbus_t* ctx_ = nullptr;
  modbus_mapping_t* mapping_ = nullptr;
  int listen_fd_ = -1;
  int port_ = 0;
  std::mutex mutex_;
  std::atomic<bool> stop_{false};
  std::thread thread_;
};

}  // namespace gt::ingest::test
