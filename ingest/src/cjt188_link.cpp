// CJ/T 188-2004 link over a raw serial port or a TCP socket (see cjt188_link.h). The transport
// is the FramedExchange that Dlt645Link uses too; this file holds the request, the checks of
// the reply against it, the bad-frame retry and the reply cache.
#include "cjt188_link.h"

#include <cstdio>

namespace gt::ingest {
namespace {

using Clock = std::chrono::steady_clock;

constexpr size_t kHeader = 11;  // 68 T A0..A6 C L
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

}  // namespace

Cjt188Link::Cjt188Link(const Meter& meter) : wire_(meter, "cjt188", kHeader) {}

std::string Cjt188Link::describe() const {
  return wire_.describe();
}

bool Cjt188Link::connected() const {
  return wire_.connected();
}

void Cjt188Link::close() noexcept {
  wire_.close();
  last_.reset();
}

std::optional<LinkError> Cjt188Link::connect(std::chrono::milliseconds timeout) {
  close();
  return wire_.connect(timeout);
}

std::optional<LinkError> Cjt188Link::exchange(const LinkTarget& target, const ValueRead& request,
                                              cjt188::MeteringData& out) {
  const uint8_t ser = ser_++;
  const auto encoded = cjt188::encodeReadRequest(request.meter_type, request.address,
                                                 static_cast<uint16_t>(request.di), ser);
  // The site file checks addresses; this would be a programming error, reported as a frame.
  if (!encoded.ok()) return badFrame("cannot encode request: " + encoded.error());
  LinkError why;
  const auto bytes = wire_.exchange(encoded.value(), target.timeout, why);
  if (!bytes) {
    // The wire closed itself; a Connection error must leave the whole link closed.
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
