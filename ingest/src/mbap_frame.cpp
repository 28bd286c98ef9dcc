// Modbus TCP request framing and answer checks (see mbap_frame.h).
#include "mbap_frame.h"

#include <modbus.h>

#include <string>
#include <vector>

#include "modbus_session.h"

namespace gt::ingest {
namespace {

constexpr uint8_t kReadHolding = 0x03;
constexpr uint8_t kReadInput = 0x04;
constexpr uint8_t kExceptionBit = 0x80;

uint16_t be16(const uint8_t* p) {
  return static_cast<uint16_t>((p[0] << 8) | p[1]);
}

LinkError badFrame(std::string detail) {
  return LinkError{LinkErrorKind::BadFrame, 0, "malformed answer: " + std::move(detail)};
}

}  // namespace

std::array<uint8_t, kMbapReadRequestBytes> encodeMbapReadRequest(uint16_t transaction, uint8_t unit,
                                                                 const RegisterRead& request) {
  const uint8_t function = request.function == RegisterFunction::Input ? kReadInput : kReadHolding;
  return {static_cast<uint8_t>(transaction >> 8),
          static_cast<uint8_t>(transaction),
          0,
          0,  // protocol id 0: Modbus
          0,
          6,  // unit id + function + address + count
          unit,
          function,
          static_cast<uint8_t>(request.address >> 8),
          static_cast<uint8_t>(request.address),
          static_cast<uint8_t>(request.count >> 8),
          static_cast<uint8_t>(request.count)};
}

size_t mbapAduBytes(std::span<const uint8_t, kMbapHeaderBytes> header) {
  const size_t length = be16(header.data() + 4);  // unit id + PDU
  if (length < 2 || length > kMbapMaxAduBytes - 6) return 0;
  return 6 + length;
}

ReadResult decodeMbapReadAnswer(std::span<const uint8_t> answer, uint16_t transaction, uint8_t unit,
                                const RegisterRead& request) {
  if (answer.size() < kMbapHeaderBytes + 2) {
    return badFrame(std::to_string(answer.size()) + " bytes, too short for an answer");
  }
  const uint16_t got_transaction = be16(answer.data());
  if (got_transaction != transaction) {
    return badFrame("transaction id " + std::to_string(got_transaction) + ", expected " +
                    std::to_string(transaction));
  }
  if (be16(answer.data() + 2) != 0) return badFrame("protocol id is not Modbus (0)");
  if (answer[6] != unit) {
    // A gateway that mixes up the devices behind it: these would be another meter's values.
    return badFrame("answer from unit id " + std::to_string(answer[6]) + ", asked unit id " +
                    std::to_string(unit));
  }
  const uint8_t asked = request.function == RegisterFunction::Input ? kReadInput : kReadHolding;
  const uint8_t function = answer[7];
  if (function == (asked | kExceptionBit)) {
    const int code = answer[8];
    if (answer.size() != kMbapHeaderBytes + 2 || code < 1 ||
        code > MODBUS_EXCEPTION_GATEWAY_TARGET) {
      return badFrame("exception reply with code " + std::to_string(code));
    }
    return linkErrorFromErrno(MODBUS_ENOBASE + code);
  }
  if (function != asked) {
    return badFrame("function code " + std::to_string(function) + ", asked " +
                    std::to_string(asked));
  }
  const size_t byte_count = answer[8];
  if (byte_count != 2u * request.count || answer.size() != kMbapHeaderBytes + 2 + byte_count) {
    return LinkError{LinkErrorKind::BadFrame, 0,
                     "answer carried " + std::to_string(byte_count / 2) + " registers, asked for " +
                         std::to_string(request.count)};
  }
  std::vector<uint16_t> registers(request.count);
  const uint8_t* data = answer.data() + kMbapHeaderBytes + 2;
  for (size_t i = 0; i < registers.size(); ++i) registers[i] = be16(data + 2 * i);
  return registers;
}

}  // namespace gt::ingest
