// Request/reply transport of the 68H-framed meter protocols over a raw serial port or a TCP
// socket (see framed_exchange.h).
#include "framed_exchange.h"

#include <fcntl.h>
#include <netdb.h>
#include <poll.h>
#include <sys/socket.h>
#include <termios.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>
#include <utility>

#include "greentwin_serial/serial_port.h"
#include "readable_wait.h"

namespace gt::ingest {
namespace {

using Clock = std::chrono::steady_clock;

// DL/T 645-2007 §7.1 and CJ/T 188-2004 both open a frame with 68H after FEH wake-up bytes.
constexpr uint8_t kStart = 0x68;
constexpr uint8_t kPreamble = 0xFE;
constexpr size_t kTrailer = 2;  // CS 16

LinkError connectionError(std::string detail) {
  return LinkError{LinkErrorKind::Connection, 0, std::move(detail)};
}

}  // namespace

FramedExchange::FramedExchange(const Meter& meter, std::string protocol, size_t header_bytes)
    : protocol_(std::move(protocol)),
      header_bytes_(header_bytes),
      serial_line_(usesSerial(meter)),
      serial_(meter.serial),
      host_(meter.host),
      port_(meter.port) {}

std::string FramedExchange::describe() const {
  if (serial_line_) {
    return protocol_ + " " + serial_.device + " " + std::to_string(serial_.baud) + " " +
           std::to_string(serial_.data_bits) + serial_.parity + std::to_string(serial_.stop_bits);
  }
  return protocol_ + " " + host_ + ":" + std::to_string(port_);
}

std::optional<LinkError> FramedExchange::connect(std::chrono::milliseconds timeout) {
  close();
  return serial_line_ ? openSerial() : openTcp(timeout);
}

std::optional<LinkError> FramedExchange::openSerial() {
  serial::OpenedPort port = serial::openSerialPort(serial_);
  if (!port.ok()) return connectionError(std::move(port.error));
  fd_ = std::move(port.fd);
  return std::nullopt;
}

std::optional<LinkError> FramedExchange::openTcp(std::chrono::milliseconds timeout) {
  const std::string where = host_ + ":" + std::to_string(port_);
  addrinfo hints{};
  hints.ai_family = AF_UNSPEC;
  hints.ai_socktype = SOCK_STREAM;
  addrinfo* found = nullptr;
  const std::string service = std::to_string(port_);
  if (const int rc = getaddrinfo(host_.c_str(), service.c_str(), &hints, &found); rc != 0) {
    return connectionError("cannot resolve converter " + where + ": " + gai_strerror(rc));
  }
  std::string last = "no address";
  for (addrinfo* a = found; a != nullptr; a = a->ai_next) {
    ScopedFd fd(
        ::socket(a->ai_family, a->ai_socktype | SOCK_NONBLOCK | SOCK_CLOEXEC, a->ai_protocol));
    if (fd.get() < 0) {
      last = std::strerror(errno);
      continue;
    }
    if (::connect(fd.get(), a->ai_addr, a->ai_addrlen) != 0) {
      if (errno != EINPROGRESS) {
        last = std::strerror(errno);
        continue;
      }
      pollfd p{fd.get(), POLLOUT, 0};
      int ready;
      do {
        ready = ::poll(&p, 1, static_cast<int>(timeout.count()));
      } while (ready < 0 && errno == EINTR);
      if (ready == 0) {
        last = "no answer within " + std::to_string(timeout.count()) + " ms";
        continue;
      }
      int err = 0;
      socklen_t len = sizeof err;
      getsockopt(fd.get(), SOL_SOCKET, SO_ERROR, &err, &len);
      if (ready < 0 || err != 0) {
        last = std::strerror(ready < 0 ? errno : err);
        continue;
      }
    }
    freeaddrinfo(found);
    fd_ = std::move(fd);
    return std::nullopt;
  }
  freeaddrinfo(found);
  return connectionError("cannot connect to converter " + where + ": " + last);
}

void FramedExchange::discardInput() {
  // A late reply to a request that timed out must not be taken for the next one's.
  uint8_t junk[256];
  while (::read(fd_.get(), junk, sizeof junk) > 0) {
  }
  if (serial_line_) tcflush(fd_.get(), TCIFLUSH);
}

std::optional<LinkError> FramedExchange::send(const std::vector<uint8_t>& out) {
  size_t sent = 0;
  while (sent < out.size()) {
    const ssize_t n = ::write(fd_.get(), out.data() + sent, out.size() - sent);
    if (n < 0) {
      if (errno == EINTR) continue;
      if (errno == EAGAIN || errno == EWOULDBLOCK) {
        pollfd p{fd_.get(), POLLOUT, 0};
        (void)::poll(&p, 1, 100);
        continue;
      }
      LinkError error = connectionError("write failed: " + std::string(std::strerror(errno)));
      close();
      return error;
    }
    sent += static_cast<size_t>(n);
  }
  return std::nullopt;
}

std::optional<std::vector<uint8_t>> FramedExchange::receiveFrame(Clock::time_point deadline,
                                                                 LinkError& why) {
  std::vector<uint8_t> bytes;
  size_t noise = 0;  // bytes before the start byte that are not the wake-up preamble
  while (true) {
    size_t start = 0;
    while (start < bytes.size() && bytes[start] != kStart) {
      if (bytes[start] != kPreamble) ++noise;
      ++start;
    }
    bytes.erase(bytes.begin(), bytes.begin() + static_cast<std::ptrdiff_t>(start));
    if (bytes.size() >= header_bytes_) {
      const size_t total = header_bytes_ + bytes[header_bytes_ - 1] + kTrailer;
      if (bytes.size() >= total) {
        bytes.resize(total);  // anything after the end byte belongs to no reply of ours
        return bytes;
      }
    }
    const int ready = waitReadable(fd_.get(), deadline);
    if (ready < 0) {
      why = connectionError("waiting for a reply failed: " + std::string(std::strerror(errno)));
      return std::nullopt;
    }
    if (ready == 0) {
      if (bytes.empty() && noise == 0) {
        why = LinkError{LinkErrorKind::Timeout, 0, "no reply"};
      } else {
        why = LinkError{LinkErrorKind::BadFrame, 0,
                        bytes.empty()
                            ? std::to_string(noise) + " bytes of noise, no frame"
                            : "truncated frame (" + std::to_string(bytes.size()) + " bytes)"};
      }
      return std::nullopt;
    }
    uint8_t chunk[256];
    const ssize_t n = ::read(fd_.get(), chunk, sizeof chunk);
    if (n == 0) {
      why = connectionError(serial_line_ ? "serial port " + serial_.device + " closed"
                                         : "converter closed the connection");
      return std::nullopt;
    }
    if (n < 0) {
      if (errno == EINTR || errno == EAGAIN || errno == EWOULDBLOCK) continue;
      why = connectionError("read failed: " + std::string(std::strerror(errno)));
      return std::nullopt;
    }
    bytes.insert(bytes.end(), chunk, chunk + n);
  }
}

std::optional<std::vector<uint8_t>> FramedExchange::exchange(const std::vector<uint8_t>& request,
                                                             std::chrono::milliseconds timeout,
                                                             LinkError& why) {
  discardInput();
  if (auto error = send(request)) {
    why = std::move(*error);
    return std::nullopt;
  }
  auto frame = receiveFrame(Clock::now() + timeout, why);
  if (!frame && why.kind == LinkErrorKind::Connection) close();
  return frame;
}

}  // namespace gt::ingest
