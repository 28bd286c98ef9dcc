// Serving loop of the simulated 68H-framed meters on a serial line or a TCP port (see
// framed_server.h).
#include "framed_server.h"

#include <netdb.h>
#include <poll.h>
#include <sys/socket.h>
#include <unistd.h>

#include <algorithm>
#include <cerrno>
#include <chrono>
#include <cstring>
#include <stdexcept>
#include <utility>

#include "greentwin_serial/serial_port.h"

namespace gt::sim {
namespace {

constexpr uint8_t kStart = 0x68;
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

}  // namespace

FramedServer::FramedServer(size_t header_bytes, IsFrame is_frame, Reply reply, Log log)
    : header_bytes_(header_bytes),
      is_frame_(std::move(is_frame)),
      reply_(std::move(reply)),
      log_(std::move(log)) {}

std::unique_ptr<FramedServer> FramedServer::start(const Meter& first, size_t header_bytes,
                                                  IsFrame is_frame, Reply reply, Log log) {
  std::unique_ptr<FramedServer> server(
      new FramedServer(header_bytes, std::move(is_frame), std::move(reply), std::move(log)));
  server->where_ = linkAddress(first);
  server->serial_line_ = usesSerial(first);
  if (server->serial_line_) {
    server->peers_.push_back(Peer{openSerial(first.serial), {}});
  } else {
    server->listener_ = listenOn(first.host, first.port);
  }
  server->thread_ = std::thread([s = server.get()] { s->serve(); });
  return server;
}

FramedServer::~FramedServer() {
  stopping_ = true;
  if (thread_.joinable()) thread_.join();
}

void FramedServer::consume(Peer& peer) {
  std::vector<uint8_t>& bytes = peer.pending;
  while (true) {
    // Skip the wake-up preamble and noise up to the next start byte.
    const auto start = std::find(bytes.begin(), bytes.end(), kStart);
    bytes.erase(bytes.begin(), start);
    if (bytes.size() < header_bytes_) return;
    const size_t total = header_bytes_ + bytes[header_bytes_ - 1] + kTrailer;
    if (bytes.size() < total) return;
    const std::span<const uint8_t> frame(bytes.data(), total);
    if (!is_frame_(frame)) {
      // Not a frame after all (a 0x68 inside noise): look for the next start byte.
      bytes.erase(bytes.begin());
      continue;
    }
    const std::vector<uint8_t> out = reply_(frame);
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

void FramedServer::serve() {
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

std::vector<uint8_t> garbledReply(std::mt19937_64& random, const std::vector<uint8_t>& reply) {
  std::vector<uint8_t> out;
  switch (random() % 3) {
    case 0:  // line noise
      out.resize(1 + random() % 16);
      for (uint8_t& b : out) b = static_cast<uint8_t>(random() & 0xFF);
      return out;
    case 1:  // a flipped bit: the checksum no longer matches
      out = !reply.empty() ? reply : std::vector<uint8_t>{0x68, 0x16};
      if (out.size() > 2) out[out.size() - 2] ^= static_cast<uint8_t>(1 + random() % 255);
      return out;
    default:  // a reply cut short
      out = !reply.empty() ? reply : std::vector<uint8_t>{0x68};
      out.resize(out.size() / 2);
      return out;
  }
}

}  // namespace gt::sim
