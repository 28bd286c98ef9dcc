// Modbus register decoding/encoding for every data type and word order (see the header).
//
// Registers travel high byte first, so a run of registers is a byte string w. The four orders
// are all involutions on w, which is why one reorder() serves both decoding and encoding:
//   ABCD: identity   DCBA: reverse all bytes   CDAB: reverse register order   BADC: swap
//   the two bytes inside each register.
#include "greentwin/register_codec.h"

#include <algorithm>
#include <array>
#include <bit>
#include <cassert>
#include <cmath>
#include <limits>

namespace gt {
namespace {

using Bytes = std::array<uint8_t, 8>;

void reorder(Bytes& b, int n_bytes, WordOrder order) {
  switch (order) {
    case WordOrder::ABCD:
      break;
    case WordOrder::DCBA:
      std::reverse(b.begin(), b.begin() + n_bytes);
      break;
    case WordOrder::CDAB:
      for (int i = 0, j = n_bytes - 2; i < j; i += 2, j -= 2) {
        std::swap(b[i], b[j]);
        std::swap(b[i + 1], b[j + 1]);
      }
      break;
    case WordOrder::BADC:
      for (int i = 0; i < n_bytes; i += 2) std::swap(b[i], b[i + 1]);
      break;
  }
}

uint64_t bigEndianValue(const Bytes& b, int n_bytes) {
  uint64_t v = 0;
  for (int i = 0; i < n_bytes; ++i) v = (v << 8) | b[i];
  return v;
}

std::optional<double> decodeBcd(uint64_t v, int digits) {
  double out = 0;
  for (int i = digits - 1; i >= 0; --i) {
    const unsigned digit = static_cast<unsigned>((v >> (4 * i)) & 0xF);
    if (digit > 9) return std::nullopt;
    out = out * 10 + digit;
  }
  return out;
}

uint64_t encodeBcd(double raw, int digits) {
  const double max = std::pow(10.0, digits) - 1;
  auto v = static_cast<uint64_t>(std::clamp(std::round(raw), 0.0, max));
  uint64_t out = 0;
  for (int i = 0; i < digits; ++i) {
    out |= (v % 10) << (4 * i);
    v /= 10;
  }
  return out;
}

template <typename T>
T saturate(double raw) {
  if (std::isnan(raw)) return 0;
  const double r = std::round(raw);
  // Compare in long double so the upper bound of 64-bit types is not rounded up past range.
  if (static_cast<long double>(r) <= static_cast<long double>(std::numeric_limits<T>::min()))
    return std::numeric_limits<T>::min();
  if (static_cast<long double>(r) >= static_cast<long double>(std::numeric_limits<T>::max()))
    return std::numeric_limits<T>::max();
  return static_cast<T>(r);
}

}  // namespace

int registerCount(DataType type) {
  switch (type) {
    case DataType::Int16:
    case DataType::UInt16:
    case DataType::Bcd16:
      return 1;
    case DataType::Int32:
    case DataType::UInt32:
    case DataType::Float32:
    case DataType::Bcd32:
      return 2;
    case DataType::Int64:
    case DataType::UInt64:
    case DataType::Float64:
      return 4;
  }
  return 1;
}

namespace {
constexpr std::array<std::pair<std::string_view, DataType>, 10> kTypeNames{{
    {"int16", DataType::Int16},
    {"uint16", DataType::UInt16},
    {"int32", DataType::Int32},
    {"uint32", DataType::UInt32},
    {"int64", DataType::Int64},
    {"uint64", DataType::UInt64},
    {"float32", DataType::Float32},
    {"float64", DataType::Float64},
    {"bcd16", DataType::Bcd16},
    {"bcd32", DataType::Bcd32},
}};
constexpr std::array<std::pair<std::string_view, WordOrder>, 4> kOrderNames{{
    {"ABCD", WordOrder::ABCD},
    {"CDAB", WordOrder::CDAB},
    {"BADC", WordOrder::BADC},
    {"DCBA", WordOrder::DCBA},
}};
}  // namespace

std::optional<DataType> parseDataType(std::string_view name) {
  for (const auto& [n, t] : kTypeNames)
    if (n == name) return t;
  return std::nullopt;
}

std::optional<WordOrder> parseWordOrder(std::string_view name) {
  for (const auto& [n, o] : kOrderNames)
    if (n == name) return o;
  return std::nullopt;
}

std::string_view dataTypeName(DataType type) {
  for (const auto& [n, t] : kTypeNames)
    if (t == type) return n;
  return "?";
}

std::string_view wordOrderName(WordOrder order) {
  for (const auto& [n, o] : kOrderNames)
    if (o == order) return n;
  return "?";
}

std::optional<double> decodeRegisters(std::span<const uint16_t> regs, DataType type,
                                      WordOrder order) {
  const int count = registerCount(type);
  assert(static_cast<int>(regs.size()) == count && "register count must match the data type");
  if (static_cast<int>(regs.size()) != count) return std::nullopt;
  const int n = count * 2;
  Bytes b{};
  for (int i = 0; i < count; ++i) {
    b[2 * i] = static_cast<uint8_t>(regs[i] >> 8);
    b[2 * i + 1] = static_cast<uint8_t>(regs[i] & 0xFF);
  }
  reorder(b, n, order);
  const uint64_t v = bigEndianValue(b, n);
  switch (type) {
    case DataType::Int16:
      return static_cast<double>(static_cast<int16_t>(v));
    case DataType::UInt16:
      return static_cast<double>(static_cast<uint16_t>(v));
    case DataType::Int32:
      return static_cast<double>(static_cast<int32_t>(v));
    case DataType::UInt32:
      return static_cast<double>(static_cast<uint32_t>(v));
    case DataType::Int64:
      return static_cast<double>(static_cast<int64_t>(v));
    case DataType::UInt64:
      return static_cast<double>(v);
    case DataType::Float32: {
      const float f = std::bit_cast<float>(static_cast<uint32_t>(v));
      if (!std::isfinite(f)) return std::nullopt;
      return static_cast<double>(f);
    }
    case DataType::Float64: {
      const double d = std::bit_cast<double>(v);
      if (!std::isfinite(d)) return std::nullopt;
      return d;
    }
    case DataType::Bcd16:
      return decodeBcd(v, 4);
    case DataType::Bcd32:
      return decodeBcd(v, 8);
  }
  return std::nullopt;
}

std::vector<uint16_t> encodeRegisters(double raw, DataType type, WordOrder order) {
  uint64_t v = 0;
  switch (type) {
    case DataType::Int16:
      v = static_cast<uint16_t>(saturate<int16_t>(raw));
      break;
    case DataType::UInt16:
      v = saturate<uint16_t>(raw);
      break;
    case DataType::Int32:
      v = static_cast<uint32_t>(saturate<int32_t>(raw));
      break;
    case DataType::UInt32:
      v = saturate<uint32_t>(raw);
      break;
    case DataType::Int64:
      v = static_cast<uint64_t>(saturate<int64_t>(raw));
      break;
    case DataType::UInt64:
      v = saturate<uint64_t>(raw);
      break;
    case DataType::Float32:
      v = std::bit_cast<uint32_t>(static_cast<float>(raw));
      break;
    case DataType::Float64:
      v = std::bit_cast<uint64_t>(raw);
      break;
    case DataType::Bcd16:
      v = encodeBcd(raw, 4);
      break;
    case DataType::Bcd32:
      v = encodeBcd(raw, 8);
      break;
  }
  const int count = registerCount(type);
  const int n = count * 2;
  Bytes b{};
  for (int i = 0; i < n; ++i) b[i] = static_cast<uint8_t>(v >> (8 * (n - 1 - i)));
  reorder(b, n, order);
  std::vector<uint16_t> regs(count);
  for (int i = 0; i < count; ++i) regs[i] = static_cast<uint16_t>((b[2 * i] << 8) | b[2 * i + 1]);
  return regs;
}

}  // namespace gt
