// Byte-level pieces of the BCD-addressed 68H frames (see bcd_frame.h).
#include "bcd_frame.h"

#include <cmath>
#include <cstdio>

namespace gt::bcd_frame {
namespace {

constexpr uint8_t kWildcardByte = 0xAA;

}  // namespace

std::string hex2(unsigned v) {
  char buf[8];
  std::snprintf(buf, sizeof buf, "0x%02X", v & 0xFFu);
  return buf;
}

bool isBcd(uint8_t b) {
  return (b >> 4) <= 9 && (b & 0x0F) <= 9;
}

uint8_t checksum(std::span<const uint8_t> bytes) {
  unsigned sum = 0;
  for (uint8_t b : bytes) sum += b;
  return static_cast<uint8_t>(sum & 0xFFu);
}

Result<std::vector<uint8_t>> encodeAddress(std::string_view address, size_t bytes) {
  using R = Result<std::vector<uint8_t>>;
  if (address.size() != 2 * bytes)
    return R::fail("address \"" + std::string(address) + "\" is not " + std::to_string(2 * bytes) +
                   " digits");
  std::vector<uint8_t> out(bytes);
  for (size_t i = 0; i < bytes; ++i) {
    const char hi = address[2 * i];
    const char lo = address[2 * i + 1];
    uint8_t byte = 0;
    if ((hi == 'A' || hi == 'a') && (lo == 'A' || lo == 'a')) {
      byte = kWildcardByte;
    } else if (hi >= '0' && hi <= '9' && lo >= '0' && lo <= '9') {
      byte = static_cast<uint8_t>(((hi - '0') << 4) | (lo - '0'));
    } else {
      return R::fail("address \"" + std::string(address) + "\" has \"" +
                     std::string(address.substr(2 * i, 2)) + "\": digit pairs or AA only");
    }
    out[bytes - 1 - i] = byte;  // the string is the top byte first, the wire A0 first
  }
  return out;
}

Result<std::string> decodeAddress(std::span<const uint8_t> wire) {
  using R = Result<std::string>;
  std::string out;
  for (size_t i = wire.size(); i-- > 0;) {
    const uint8_t b = wire[i];
    if (b == kWildcardByte) {
      out += "AA";
    } else if (isBcd(b)) {
      out += static_cast<char>('0' + (b >> 4));
      out += static_cast<char>('0' + (b & 0x0F));
    } else {
      return R::fail("address byte A" + std::to_string(i) + " " + hex2(b) +
                     " is neither BCD nor 0xAA");
    }
  }
  return out;
}

std::optional<double> readBcd(std::span<const uint8_t> data, size_t at, size_t bytes) {
  double v = 0;
  for (size_t i = bytes; i-- > 0;) {
    const uint8_t b = data[at + i];
    if (!isBcd(b)) return std::nullopt;
    v = v * 100 + (b >> 4) * 10 + (b & 0x0F);
  }
  return v;
}

bool appendBcd(std::vector<uint8_t>& out, double scaled, size_t bytes) {
  if (!std::isfinite(scaled) || scaled < 0 || scaled >= std::pow(100.0, bytes)) return false;
  auto v = static_cast<uint64_t>(std::llround(scaled));
  for (size_t i = 0; i < bytes; ++i) {
    out.push_back(static_cast<uint8_t>(((v / 10) % 10) << 4 | (v % 10)));
    v /= 100;
  }
  return true;
}

}  // namespace gt::bcd_frame
