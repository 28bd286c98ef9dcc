// Register decoding and encoding: every data type in every word order, against bytes written
// out by hand from the IEEE-754 / two's-complement / BCD definitions.
#include <catch2/catch.hpp>

#include <cmath>
#include <vector>

#include "greentwin/register_codec.h"

using gt::DataType;
using gt::WordOrder;

namespace {
double decode(std::vector<uint16_t> regs, DataType t, WordOrder o) {
  auto v = gt::decodeRegisters(regs, t, o);
  REQUIRE(v.has_value());
  return *v;
}
}  // namespace

TEST_CASE("float32 230.5 in the four word orders", "[codec]") {
  // 230.5 = 0x43668000 (sign 0, exponent 134, mantissa 0x668000): bytes A=43 B=66 C=80 D=00.
  CHECK(decode({0x4366, 0x8000}, DataType::Float32, WordOrder::ABCD) == 230.5);
  CHECK(decode({0x8000, 0x4366}, DataType::Float32, WordOrder::CDAB) == 230.5);
  CHECK(decode({0x6643, 0x0080}, DataType::Float32, WordOrder::BADC) == 230.5);
  CHECK(decode({0x0080, 0x6643}, DataType::Float32, WordOrder::DCBA) == 230.5);
}

TEST_CASE("integers: sign, width and order", "[codec]") {
  CHECK(decode({0xFFFF}, DataType::Int16, WordOrder::ABCD) == -1);
  CHECK(decode({0xFFFF}, DataType::UInt16, WordOrder::ABCD) == 65535);
  CHECK(decode({0x3412}, DataType::UInt16, WordOrder::BADC) == 0x1234);
  // 123456 = 0x0001E240
  CHECK(decode({0x0001, 0xE240}, DataType::UInt32, WordOrder::ABCD) == 123456);
  CHECK(decode({0xE240, 0x0001}, DataType::UInt32, WordOrder::CDAB) == 123456);
  CHECK(decode({0x40E2, 0x0100}, DataType::UInt32, WordOrder::DCBA) == 123456);
  // -2 as int32 = 0xFFFFFFFE
  CHECK(decode({0xFFFE, 0xFFFF}, DataType::Int32, WordOrder::CDAB) == -2);
  // 0x0000_0001_0000_0002 = 4294967298
  CHECK(decode({0x0000, 0x0001, 0x0000, 0x0002}, DataType::UInt64, WordOrder::ABCD) ==
        4294967298.0);
  CHECK(decode({0x0002, 0x0000, 0x0001, 0x0000}, DataType::UInt64, WordOrder::CDAB) ==
        4294967298.0);
  CHECK(decode({0x0200, 0x0000, 0x0100, 0x0000}, DataType::UInt64, WordOrder::DCBA) ==
        4294967298.0);
  CHECK(decode({0xFFFF, 0xFFFF, 0xFFFF, 0xFFFD}, DataType::Int64, WordOrder::ABCD) == -3);
}

TEST_CASE("float64 and BCD", "[codec]") {
  // 1.5 = 0x3FF8000000000000
  CHECK(decode({0x3FF8, 0, 0, 0}, DataType::Float64, WordOrder::ABCD) == 1.5);
  CHECK(decode({0, 0, 0, 0xF83F}, DataType::Float64, WordOrder::DCBA) == 1.5);
  CHECK(decode({0x1234}, DataType::Bcd16, WordOrder::ABCD) == 1234);
  CHECK(decode({0x0012, 0x3456}, DataType::Bcd32, WordOrder::ABCD) == 123456);
  CHECK_FALSE(gt::decodeRegisters(std::vector<uint16_t>{0x12A4}, DataType::Bcd16, WordOrder::ABCD));
}

TEST_CASE("NaN and infinity are not values", "[codec]") {
  CHECK_FALSE(gt::decodeRegisters(std::vector<uint16_t>{0x7FC0, 0x0000}, DataType::Float32,
                                  WordOrder::ABCD));
  CHECK_FALSE(gt::decodeRegisters(std::vector<uint16_t>{0x7F80, 0x0000}, DataType::Float32,
                                  WordOrder::ABCD));
}

TEST_CASE("encode then decode returns the value for every type and order", "[codec]") {
  const DataType types[] = {DataType::Int16, DataType::UInt16, DataType::Int32,   DataType::UInt32,
                            DataType::Int64, DataType::UInt64, DataType::Float32, DataType::Float64,
                            DataType::Bcd16, DataType::Bcd32};
  const WordOrder orders[] = {WordOrder::ABCD, WordOrder::CDAB, WordOrder::BADC, WordOrder::DCBA};
  for (DataType t : types) {
    for (WordOrder o : orders) {
      const double value = 1234;
      auto regs = gt::encodeRegisters(value, t, o);
      CAPTURE(gt::dataTypeName(t), gt::wordOrderName(o));
      REQUIRE(static_cast<int>(regs.size()) == gt::registerCount(t));
      CHECK(decode(regs, t, o) == value);
    }
  }
  CHECK(gt::encodeRegisters(230.5, DataType::Float32, WordOrder::CDAB) ==
        std::vector<uint16_t>{0x8000, 0x4366});
}

TEST_CASE("encoding saturates at the type's range", "[codec]") {
  CHECK(gt::encodeRegisters(70000, DataType::UInt16, WordOrder::ABCD) ==
        std::vector<uint16_t>{0xFFFF});
  CHECK(gt::encodeRegisters(-5, DataType::UInt16, WordOrder::ABCD) ==
        std::vector<uint16_t>{0x0000});
  CHECK(gt::encodeRegisters(-40000, DataType::Int16, WordOrder::ABCD) ==
        std::vector<uint16_t>{0x8000});
}

TEST_CASE("type and order names parse", "[codec]") {
  CHECK(gt::parseDataType("float32") == DataType::Float32);
  CHECK_FALSE(gt::parseDataType("float"));
  CHECK(gt::parseWordOrder("CDAB") == WordOrder::CDAB);
  CHECK_FALSE(gt::parseWordOrder("cdab"));
}
