// CJ/T 188-2004 link over a raw serial port or a TCP socket (see cjt188_link.h). The transport
// (open, connect, wait, read) mirrors dlt645_link.cpp; only the framing and the reply cache
// differ.
#include "cjt188_link.h"

#include <fcntl.h>
#include <netdb.h>
#include <poll.h>
#include <sys/socket.h>
#include <termios.h>
#include <unistd.h>

#include <cerrno>
#include <cstdio>
#include <cstring>

#include "greentwin_serial/serial_port.h"

namespace gt::ingest {
namespace {

using Clock = std::chrono::steady_clock;

constexpr uint8_t kStart = 0x68;
constexpr uint8_t kPreamble = 0xFE;
constexpr size_t kHeader = 11;  // 68 T A0..A6 C L
constexpr size_t kTrailer = 2;  // CS 16
constexpr int kBadFrameRetries = 1;

LinkError connectionError(std::string detail) {
  return LinkError{LinkErrorKind::Connection, 0, std::move(detail)};
}

std::string hexDi(uint32_t di) {
  char text[16];
  std::snprintf(text, sizeof text, "%04XH", static_cast<unsigned>(di & 0xFFFF));
  return text;
}

LinkError badFrame(std::string detail) {
  return LinkError{LinkErrorKind::BadFrame, 0, std::move(detail)};
}

// Waits until `fd` is readable or `deadline` passes: 1, 0 (deadline), -1 (error).
int waitReadable(int fd, Clock::time_point deadline) {
  while (true) {
    const auto left =
        std::chrono::duration_cast<std::chrono::milliseconds>(deadline - Clock::now()).count();
    if (left <= 0) return 0;
    pollfd p{fd, POLLIN, 0};
    const int ready = ::poll(&p, 1, static_cast<int>(left));
    if (ready < 0 && errno == EINTR) continue;
    return ready;
  }
}

}  // namespace

Cjt188Link::Cjt188Link(const Meter& meter)
    : serial_line_(usesSerial(meter)),
      serial_(meter.serial),
      host_(meter.host),
      port_(meter.port) {}

std::string Cjt188Link::describe() const {
  if (serial_line_) {
    return "cjt188 " + serial_.device + " " + std::to_string(serial_.baud) + " " +
           std::to_string(serial_.data_bits) + serial_.parity + std::to_string(serial_.stop_bits);
  }
  return "cjt188 " + host_ + ":" + std::to_string(port_);
}

bool Cjt188Link::connected() const {
  return fd_.get() >= 0;
}

void Cjt188Link::close() noexcept {
  fd_.reset();
  last_.reset();
}

std::optional<LinkError> Cjt188Link::connect(std::chrono::milliseconds timeout) {
  close();
  return serial_line_ ? openSerial() : openTcp(timeout);
}

std::optional<LinkError> Cjt188Link::openSerial() {
  serial::OpenedPort port = serial::openSerialPort(serial_);
  if (!port.ok()) return connectionError(std::move(port.error));
  fd_ = std::move(port.fd);
  return std::nullopt;
}

std::optional<LinkError> Cjt188Link::openTcp(std::chrono::milliseconds timeout) {
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

void Cjt188Link::discardInput() {
  // A late reply to a request that timed out must not be taken for the next one's.
  uint8_t junk[256];
  while (::read(fd_.get(), junk, sizeof junk) > 0) {
  }
  if (serial_line_) tcflush(fd_.get(), TCIFLUSH);
}

std::optional<LinkError> Cjt188Link::send(const std::vector<uint8_t>& out) {
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

std::optional<std::vector<uint8_t>> Cjt188Link::receiveFrame(Clock::time_point deadline,
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
    if (bytes.size() >= kHeader) {
      const size_t total = kHeader + bytes[kHeader - 1] + kTrailer;
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
        why = badFrame(bytes.empty()
                           ? std::to_string(noise) + " bytes of noise, no frame"
                           : "truncated frame (" + std::to_string(bytes.size()) + " bytes)");
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

std::optional<LinkError> Cjt188Link::exchange(const LinkTarget& target, const ValueRead& request,
                                              cjt188::MeteringData& out) {
  const uint8_t ser = ser_++;
  const auto encoded = cjt188::encodeReadRequest(request.meter_type, request.address,
                                                 static_cast<uint16_t>(request.di), ser);
  // The site file checks addresses; this would be a programming error, reported as a frame.
  if (!encoded.ok()) return badFrame("cannot encode request: " + encoded.error());
  discardInput();
  if (auto error = send(encoded.value())) return error;

  LinkError why;
  const auto bytes = receiveFrame(Clock::now() + target.timeout, why);
  if (!bytes) {
    if (why.kind == LinkErrorKind::Connection) close();
    return why;
  }
  const auto frame = cjt188::decodeFrame(*bytes);
  if (!frame.ok()) return badFrame(frame.error());
  const cjt188::Frame& f = frame.value();
  if ((f.control & cjt188::kControlDirectionBit) == 0) {
    return badFrame("a request, not a reply, came back (echo?)");
  }
  if (f.address != request.address) {
    return badFrame("reply from meter " + f.address + ", expected " + request.address);
  }
  if (f.meter_type != request.meter_type) {
    char types[64];
    std::snprintf(types, sizeof types, "reply from a meter of type %02XH, expected %02XH",
                  f.meter_type, request.meter_type);
    return badFrame(types);
  }
  if ((f.control & cjt188::kControlAbnormalBit) != 0) {
    const int st = f.data.size() >= 4 ? f.data[3] : 0;
    return LinkError{
        LinkErrorKind::Exception, st,
        "abnormal reply (C1H) to a read of " + hexDi(request.di) + ": the meter refused it"};
  }
  const auto data = cjt188::decodeMeteringReply(f);
  if (!data.ok()) return badFrame(data.error());
  if (data.value().ser != ser) {
    return badFrame("reply carries sequence number " + std::to_string(data.value().ser) +
                    ", expected " + std::to_string(ser) + " (a late reply)");
  }
  out = data.value();
  return std::nullopt;
}

ReadResult Cjt188Link::read(const LinkTarget& /*target*/, const RegisterRead& /*request*/) {
  return badFrame(describe() + " carries CJ/T 188, not registers");
}

ValueResult Cjt188Link::readValue(const LinkTarget& target, const ValueRead& request) {
  if (!connected()) return connectionError("link is not connected");
  const cjt188::FieldInfo* field = cjt188::findField(request.field);
  if (!field) return badFrame("unknown CJ/T 188 field '" + request.field + "'");

  const bool fresh = last_ && last_->address == request.address && last_->di == request.di &&
                     !last_->handed_out.contains(request.field) &&
                     Clock::now() - last_->at < target.timeout;
  if (!fresh) {
    last_.reset();
    cjt188::MeteringData data;
    std::optional<LinkError> error;
    for (int attempt = 0; attempt <= kBadFrameRetries; ++attempt) {
      error = exchange(target, request, data);
      if (!error || error->kind != LinkErrorKind::BadFrame) break;
    }
    if (error) return *error;
    last_ = LastReply{request.address, request.di, std::move(data), {}, Clock::now()};
  }
  last_->handed_out.insert(request.field);
  const auto value = cjt188::fieldValue(last_->data, *field);
  if (!value) {
    return badFrame("the reply of meter " + request.address + " carries no " +
                    std::string(field->name));
  }
  return *value;
}

}  // namespace gt::ingest
