// Simulated DL/T 645-2007 meters on a serial line or a TCP port (see dlt645_server.h).
#include "dlt645_server.h"

#include <fcntl.h>
#include <netdb.h>
#include <poll.h>
#include <sys/socket.h>
#include <unistd.h>

#include <algorithm>
#include <cerrno>
#include <cmath>
#include <cstring>
#include <stdexcept>

#include "greentwin/dlt645.h"
#include "greentwin_serial/serial_port.h"

namespace gt::sim {
namespace {

constexpr uint8_t kStart = 0x68;
constexpr size_t kHeader = 10;  // 68 A0..A5 68 C L
constexpr size_t kTrailer = 2;  // CS 16

ScopedFd openSerial(const SerialSettings& s) {
  serial::OpenedPort port = serial::openSerialPort(s);
  if (!port.ok()) throw std::runtime_error(port.error);
  return std::move(port.fd);
}

ScopedFd listenOn(const std::string& host, uint16_t port) {
  const std::string where = host + ":" + std::to_string(port);
  addrinfo hints{};
  hints.ai_family = AF_UNSPEC;
  hints.ai_socktype = SOCK_STREAM;
  hints.ai_flags = AI_PASSIVE;
  addrinfo* found = nullptr;
  const std::string service = std::to_string(port);
  if (const int rc = getaddrinfo(host.c_str(), service.c_str(), &hints, &found); rc != 0) {
    throw std::runtime_error("cannot resolve " + where + ": " + gai_strerror(rc));
  }
  std::string last = "no address";
  for (addrinfo* a = found; a != nullptr; a = a->ai_next) {
    ScopedFd fd(
        ::socket(a->ai_family, a->ai_socktype | SOCK_NONBLOCK | SOCK_CLOEXEC, a->ai_protocol));
    if (fd.get() < 0) continue;
    const int one = 1;
    setsockopt(fd.get(), SOL_SOCKET, SO_REUSEADDR, &one, sizeof one);
    if (::bind(fd.get(), a->ai_addr, a->ai_addrlen) == 0 && ::listen(fd.get(), 8) == 0) {
      freeaddrinfo(found);
      return fd;
    }
    last = std::strerror(errno);
  }
  freeaddrinfo(found);
  throw std::runtime_error("cannot listen on " + where + ": " + last);
}

// DL/T 645-2007 §4.2: an "AA" byte in a request's address matches any meter's byte.
bool addressMatches(const std::string& request, const std::string& meter) {
  for (size_t i = 0; i + 1 < request.size() && i + 1 < meter.size(); i += 2) {
    if (request.compare(i, 2, "AA") != 0 && request.compare(i, 2, meter, i, 2) != 0) return false;
  }
  return request.size() == meter.size();
}

// The value a meter's register shows for `value` (in the identifier's unit): totals roll over
// past the format's last digit as a real register does; instant values saturate.
double fitFormat(const dlt645::DataIdentifier& d, double value, bool cumulative) {
  const double scale = std::pow(10.0, d.decimals);
  // Signed formats give the top bit of the top byte to the sign: the top digit is at most 7.
  const double digits_range = std::pow(10.0, 2 * d.bytes);
  const double range = (d.is_signed ? digits_range * 0.8 : digits_range) / scale;
  const double largest = range - 1.0 / scale;
  if (cumulative && value >= 0.0) {
    const double wrapped = std::fmod(value, range);
    return std::min(wrapped, largest);
  }
  return std::clamp(value, d.is_signed ? -largest : 0.0, largest);
}

}  // namespace

Dlt645Server::Dlt645Server(uint64_t seed, Log log) : log_(std::move(log)), garbage_random_(seed) {}

std::unique_ptr<Dlt645Server> Dlt645Server::start(
    const Meter& first, const std::vector<size_t>& meters, const SitePhysics& physics,
    const FaultBoard& faults, const SimulatedClock& clock, uint64_t seed, Log log) {
  std::unique_ptr<Dlt645Server> server(
      new Dlt645Server(seed ^ std::hash<std::string>{}(linkAddress(first)), std::move(log)));
  server->where_ = linkAddress(first);
  server->serial_line_ = usesSerial(first);
  for (size_t index : meters) {
    const Meter& m = physics.meter(index);
    server->stations_.push_back(
        Station{m.address, m.tmpl, FaultedValues(index, physics, faults, clock)});
  }
  if (server->serial_line_) {
    server->peers_.push_back(Peer{openSerial(first.serial), {}});
  } else {
    server->listener_ = listenOn(first.host, first.port);
  }
  server->thread_ = std::thread([s = server.get()] { s->serve(); });
  return server;
}

Dlt645Server::~Dlt645Server() {
  stopping_ = true;
  if (thread_.joinable()) thread_.join();
}

std::vector<uint8_t> Dlt645Server::garbage(const Station& station, uint32_t di) {
  std::vector<uint8_t> out;
  switch (garbage_random_() % 3) {
    case 0: {  // line noise
      out.resize(1 + garbage_random_() % 16);
      for (uint8_t& b : out) b = static_cast<uint8_t>(garbage_random_() & 0xFF);
      return out;
    }
    case 1: {  // a flipped bit: the checksum no longer matches
      const auto frame = dlt645::encodeReadReply(station.address, di, 0.0);
      out = frame.ok() ? frame.value() : std::vector<uint8_t>{0x68, 0x16};
      if (out.size() > 2) out[out.size() - 2] ^= static_cast<uint8_t>(1 + garbage_random_() % 255);
      return out;
    }
    default: {  // a reply cut short
      const auto frame = dlt645::encodeReadReply(station.address, di, 0.0);
      out = frame.ok() ? frame.value() : std::vector<uint8_t>{0x68};
      out.resize(out.size() / 2);
      return out;
    }
  }
}

std::vector<uint8_t> Dlt645Server::reply(std::span<const uint8_t> request) {
  const auto decoded = dlt645::decodeFrame(request);
  if (!decoded.ok()) return {};  // noise or a checksum error: a real meter stays silent
  const dlt645::Frame& frame = decoded.value();
  if (frame.control != dlt645::kControlRead) return {};  // replies (echoes), other functions

  Station* station = nullptr;
  const bool everyone =
      frame.address == dlt645::kBroadcastAddress || frame.address.find("AA") != std::string::npos;
  if (everyone) {
    // Broadcast and wildcard reads are for a meter alone on its link: with several, every
    // one would answer at once.
    if (stations_.size() == 1 && (frame.address == dlt645::kBroadcastAddress ||
                                  addressMatches(frame.address, stations_.front().address))) {
      station = &stations_.front();
    }
  } else {
    for (Station& s : stations_) {
      if (s.address == frame.address) station = &s;
    }
  }
  if (station == nullptr) return {};

  const MeterFault fault = station->values.fault();
  if (fault == MeterFault::Offline) return {};
  if (frame.data.size() != 4) {
    // Reads of several blocks, or with a time window, are not simulated.
    const auto abnormal = dlt645::encodeAbnormalReply(station->address, 0x02);
    return abnormal.ok() ? abnormal.value() : std::vector<uint8_t>{};
  }
  const uint32_t di =
      static_cast<uint32_t>(frame.data[0]) | static_cast<uint32_t>(frame.data[1]) << 8 |
      static_cast<uint32_t>(frame.data[2]) << 16 | static_cast<uint32_t>(frame.data[3]) << 24;
  if (fault == MeterFault::Garbage) return garbage(*station, di);

  const auto& points = station->tmpl->points;
  const auto it = std::find_if(points.begin(), points.end(),
                               [&](const RegisterPoint& p) { return p.di == di; });
  const dlt645::DataIdentifier* format = dlt645::findDataIdentifier(di);
  if (it == points.end() || format == nullptr) {
    // Error byte bit 1: no data requested (the meter does not have this identifier).
    const auto abnormal = dlt645::encodeAbnormalReply(station->address, 0x02);
    return abnormal.ok() ? abnormal.value() : std::vector<uint8_t>{};
  }
  const double canonical = station->values.now()[static_cast<size_t>(it - points.begin())];
  const double in_unit = (canonical - it->unit_offset) / it->unit_factor;
  const auto normal = dlt645::encodeReadReply(
      station->address, di, fitFormat(*format, in_unit, it->kind == PointKind::Cumulative));
  if (normal.ok()) return normal.value();
  const auto abnormal = dlt645::encodeAbnormalReply(station->address, 0x01);  // other error
  return abnormal.ok() ? abnormal.value() : std::vector<uint8_t>{};
}

void Dlt645Server::consume(Peer& peer) {
  std::vector<uint8_t>& bytes = peer.pending;
  while (true) {
    // Skip the wake-up preamble and noise up to the next start byte.
    const auto start = std::find(bytes.begin(), bytes.end(), kStart);
    bytes.erase(bytes.begin(), start);
    if (bytes.size() < kHeader) return;
    const size_t total = kHeader + bytes[kHeader - 1] + kTrailer;
    if (bytes.size() < total) return;
    const std::span<const uint8_t> frame(bytes.data(), total);
    if (!dlt645::decodeFrame(frame).ok()) {
      // Not a frame after all (a 0x68 inside noise): look for the next start byte.
      bytes.erase(bytes.begin());
      continue;
    }
    const std::vector<uint8_t> out = reply(frame);
    bytes.erase(bytes.begin(), bytes.begin() + static_cast<std::ptrdiff_t>(total));
    size_t sent = 0;
    while (sent < out.size()) {
      const ssize_t n = ::write(peer.fd.get(), out.data() + sent, out.size() - sent);
      if (n < 0 && errno == EINTR) continue;
      if (n < 0 && (errno == EAGAIN || errno == EWOULDBLOCK)) {
        pollfd p{peer.fd.get(), POLLOUT, 0};
        (void)::poll(&p, 1, 100);
        continue;
      }
      if (n <= 0) break;  // the other end went away; the read side notices
      sent += static_cast<size_t>(n);
    }
  }
}

void Dlt645Server::serve() {
  bool port_error_logged = false;
  while (!stopping_) {
    std::vector<pollfd> fds;
    for (const Peer& peer : peers_) fds.push_back(pollfd{peer.fd.get(), POLLIN, 0});
    if (!serial_line_) fds.push_back(pollfd{listener_.get(), POLLIN, 0});
    const int ready = ::poll(fds.data(), fds.size(), 100);  // to notice a stop
    if (ready <= 0) {
      // A request that never completed (a cut-off frame) must not swallow the next one.
      for (Peer& peer : peers_) peer.pending.clear();
      continue;
    }
    if (!serial_line_ && (fds.back().revents & POLLIN) != 0) {
      ScopedFd client(::accept4(listener_.get(), nullptr, nullptr, SOCK_NONBLOCK | SOCK_CLOEXEC));
      if (client.get() >= 0) peers_.push_back(Peer{std::move(client), {}});
    }
    for (size_t i = 0; i < peers_.size(); ++i) {
      if ((fds[i].revents & (POLLIN | POLLHUP | POLLERR)) == 0) continue;
      uint8_t chunk[512];
      const ssize_t n = ::read(peers_[i].fd.get(), chunk, sizeof chunk);
      if (n > 0) {
        port_error_logged = false;
        peers_[i].pending.insert(peers_[i].pending.end(), chunk, chunk + n);
        consume(peers_[i]);
        continue;
      }
      if (n < 0 && (errno == EINTR || errno == EAGAIN || errno == EWOULDBLOCK)) continue;
      if (!serial_line_) {
        peers_[i].fd.reset();  // the poller hung up; dropped below
        continue;
      }
      // The other end of the line went away (a pty reads as end of file): keep listening,
      // without spinning, for it to come back.
      if (!port_error_logged) {
        log_(where_ + ": " + (n == 0 ? std::string("end of file") : std::strerror(errno)) +
             "; still listening");
        port_error_logged = true;
      }
      std::this_thread::sleep_for(std::chrono::milliseconds(100));
    }
    std::erase_if(peers_, [](const Peer& p) { return p.fd.get() < 0; });
  }
}

}  // namespace gt::sim
