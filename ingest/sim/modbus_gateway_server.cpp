// The simulated Modbus TCP gateway (see modbus_gateway_server.h). The select() loop follows
// libmodbus' tests/bandwidth-server-many-up.c.
#include "modbus_gateway_server.h"

#include <sys/select.h>
#include <sys/socket.h>

#include <algorithm>
#include <cerrno>
#include <cstring>
#include <stdexcept>

namespace gt::sim {
namespace {

constexpr int kUnitIdOffset = 6;  // MBAP: transaction (2), protocol (2), length (2), unit (1)
constexpr int kFunctionOffset = 7;

}  // namespace

ModbusGatewayServer::ModbusGatewayServer(uint64_t seed, Log log)
    : log_(std::move(log)), garbage_random_(seed) {}

std::unique_ptr<ModbusGatewayServer> ModbusGatewayServer::start(
    const std::string& host, uint16_t port, const std::vector<size_t>& meters,
    const SitePhysics& physics, const FaultBoard& faults, const SimulatedClock& clock,
    uint64_t seed, Log log) {
  std::unique_ptr<ModbusGatewayServer> server(new ModbusGatewayServer(seed ^ port, std::move(log)));
  server->where_ = host + ":" + std::to_string(port);
  server->units_ = std::make_unique<UnitRegisters>(meters, physics, faults, clock);
  server->ctx_.reset(modbus_new_tcp(host.c_str(), port));
  if (!server->ctx_) {
    throw std::runtime_error("cannot serve " + server->where_ + ": " + modbus_strerror(errno));
  }
  // A client that sends half a request gets 0.5 s to send the rest, then is dropped; the
  // thread serves one request at a time, so a longer wait would stall the other clients.
  modbus_set_indication_timeout(server->ctx_.get(), 0, 500'000);
  modbus_set_byte_timeout(server->ctx_.get(), 0, 500'000);
  const int listener = modbus_tcp_listen(server->ctx_.get(), 16);
  if (listener < 0) {
    throw std::runtime_error("cannot listen on " + server->where_ + ": " + modbus_strerror(errno));
  }
  server->listener_ = ScopedFd(listener);
  server->thread_ = std::thread([s = server.get()] { s->serve(); });
  return server;
}

ModbusGatewayServer::~ModbusGatewayServer() {
  stopping_ = true;
  if (thread_.joinable()) thread_.join();
  // The descriptors belong to listener_ and clients_, not to the context.
  if (ctx_) modbus_set_socket(ctx_.get(), -1);
}

void ModbusGatewayServer::serve() {
  uint8_t request[MODBUS_TCP_MAX_ADU_LENGTH];
  while (!stopping_) {
    fd_set readable;
    FD_ZERO(&readable);
    FD_SET(listener_.get(), &readable);
    int highest = listener_.get();
    for (const auto& [fd, owner] : clients_) {
      FD_SET(fd, &readable);
      highest = std::max(highest, fd);
    }
    timeval timeout{0, 100'000};  // wake to notice a stop request
    const int ready = select(highest + 1, &readable, nullptr, nullptr, &timeout);
    if (ready < 0) {
      if (errno == EINTR) continue;
      log_(where_ + ": select failed, server stopped: " + std::strerror(errno));
      return;
    }
    if (ready == 0) continue;

    if (FD_ISSET(listener_.get(), &readable)) {
      ScopedFd client(accept(listener_.get(), nullptr, nullptr));
      if (client.get() >= FD_SETSIZE) {
        client.reset();  // select() cannot watch it; the client sees the connection close
      } else if (client.get() >= 0) {
        const int fd = client.get();
        clients_.emplace(fd, std::move(client));
      }
    }
    for (auto it = clients_.begin(); it != clients_.end();) {
      const int fd = it->first;
      if (!FD_ISSET(fd, &readable)) {
        ++it;
        continue;
      }
      modbus_set_socket(ctx_.get(), fd);
      const int length = modbus_receive(ctx_.get(), request);
      if (length < 0) {  // closed by the client, or a frame libmodbus could not read
        it = clients_.erase(it);
        continue;
      }
      if (length > 0) answer(fd, request, length);
      ++it;
    }
  }
}

void ModbusGatewayServer::answer(int fd, const uint8_t* request, int length) {
  const int unit = request[kUnitIdOffset];
  if (!units_->has(unit)) {
    modbus_reply_exception(ctx_.get(), request, MODBUS_EXCEPTION_GATEWAY_TARGET);
    return;
  }
  const MeterFault fault = units_->fault(unit);
  if (fault == MeterFault::Offline) return;  // silence: the poller times out
  if (fault == MeterFault::Garbage) {
    sendGarbage(fd, request);
    return;
  }
  const uint8_t function = request[kFunctionOffset];
  if (function != MODBUS_FC_READ_HOLDING_REGISTERS && function != MODBUS_FC_READ_INPUT_REGISTERS) {
    modbus_reply_exception(ctx_.get(), request, MODBUS_EXCEPTION_ILLEGAL_FUNCTION);
    return;
  }
  modbus_reply(ctx_.get(), request, length, units_->refreshed(unit));
}

// Three kinds of rubbish a failing gateway or a noisy RS-485 line produces: plain noise, a
// header that lies about its length, and a read reply whose byte count does not match.
void ModbusGatewayServer::sendGarbage(int fd, const uint8_t* request) {
  std::vector<uint8_t> bytes;
  const auto random_byte = [&] { return static_cast<uint8_t>(garbage_random_() & 0xFF); };
  switch (garbage_random_() % 3) {
    case 0: {
      bytes.resize(1 + garbage_random_() % 16);
      for (uint8_t& b : bytes) b = random_byte();
      break;
    }
    case 1: {
      bytes.assign(request, request + 4);  // echo transaction and protocol ids
      bytes.push_back(0x00);
      bytes.push_back(random_byte() | 0x80);  // length far beyond what follows
      for (int i = 0; i < 3; ++i) bytes.push_back(random_byte());
      break;
    }
    default: {
      bytes.assign(request, request + 4);
      bytes.insert(bytes.end(), {0x00, 0x07, request[kUnitIdOffset], request[kFunctionOffset], 0x10,
                                 random_byte(), random_byte(), random_byte(), random_byte()});
      break;
    }
  }
  // A failed send only means the client went away; select() will notice.
  (void)send(fd, bytes.data(), bytes.size(), MSG_NOSIGNAL);
}

}  // namespace gt::sim
