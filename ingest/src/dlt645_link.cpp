// DL/T 645-2007 link over a raw serial port or a TCP socket (see dlt645_link.h).
#include "dlt645_link.h"

#include <cstdio>

#include "greentwin/dlt645.h"

namespace gt::ingest {
namespace {

constexpr size_t kHeader = 10;  // 68 A0..A5 68 C L

LinkError connectionError(std::string detail) {
  return LinkError{LinkErrorKind::Connection, 0, std::move(detail)};
}

std::string hexDi(uint32_t di) {
  char text[16];
  std::snprintf(text, sizeof text, "0x%08X", di);
  return text;
}

}  // namespace

Dlt645Link::Dlt645Link(const Meter& meter) : wire_(meter, "dlt645", kHeader) {}

std::string Dlt645Link::describe() const {
  return wire_.describe();
}

bool Dlt645Link::connected() const {
  return wire_.connected();
}

void Dlt645Link::close() noexcept {
  wire_.close();
}

std::optional<LinkError> Dlt645Link::connect(std::chrono::milliseconds timeout) {
  return wire_.connect(timeout);
}

ReadResult Dlt645Link::read(const LinkTarget& /*target*/, const RegisterRead& /*request*/) {
  return LinkError{LinkErrorKind::BadFrame, 0, describe() + " carries DL/T 645, not registers"};
}

ValueResult Dlt645Link::readValue(const LinkTarget& target, const ValueRead& request) {
  if (!connected()) return connectionError("link is not connected");
  const uint32_t di = request.di;
  const std::string& address = request.address;
  const auto encoded = dlt645::encodeReadRequest(address, di);
  if (!encoded.ok()) {
    // The site file checks addresses; this would be a programming error, reported as a frame.
    return LinkError{LinkErrorKind::BadFrame, 0, "cannot encode request: " + encoded.error()};
  }
  // encodeFrame already puts the four 0xFE wake-up bytes in front (DL/T 645-2007 §7.1).
  LinkError why;
  const auto bytes = wire_.exchange(encoded.value(), target.timeout, why);
  if (!bytes) return why;
  const auto frame = dlt645::decodeFrame(*bytes);
  if (!frame.ok()) return LinkError{LinkErrorKind::BadFrame, 0, frame.error()};
  const dlt645::Frame& f = frame.value();
  if ((f.control & dlt645::kControlDirectionBit) == 0) {
    return LinkError{LinkErrorKind::BadFrame, 0, "a request, not a reply, came back (echo?)"};
  }
  if (f.address != address) {
    return LinkError{LinkErrorKind::BadFrame, 0,
                     "reply from meter " + f.address + ", expected " + address};
  }
  if ((f.control & dlt645::kControlAbnormalBit) != 0) {
    const int code = f.data.empty() ? 0 : f.data.front();
    return LinkError{LinkErrorKind::Exception, code,
                     "abnormal reply to " + hexDi(di) + ": " +
                         dlt645::describeError(static_cast<uint8_t>(code))};
  }
  const auto value = dlt645::decodeReadReply(f, di);
  if (!value.ok()) return LinkError{LinkErrorKind::BadFrame, 0, value.error()};
  return value.value();
}

}  // namespace gt::ingest
