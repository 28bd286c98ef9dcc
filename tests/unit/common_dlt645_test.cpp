// DL/T 645-2007 codec: frames against bytes written out by hand from the frame format (0x68,
// A0..A5, 0x68, C, L, DATA+0x33, CS, 0x16), every rejection reason, and a round trip through
// every data identifier in the table.
#include <catch2/catch.hpp>

#include <cmath>
#include <string>
#include <vector>

#include "greentwin/dlt645.h"

namespace d = gt::dlt645;
using Bytes = std::vector<uint8_t>;

namespace {

constexpr uint32_t kForwardEnergy = 0x00010000;
constexpr uint32_t kPhaseACurrent = 0x02020100;

// Request: forward active energy total (DI 00 01 00 00) to meter 123456789012.
//   preamble   FE FE FE FE
//   start      68
//   address    12 90 78 56 34 12      A0 = "12" (last two digits) ... A5 = "12" (first two)
//   start      68
//   control    11                     read data
//   length     04
//   DI         33 33 34 33            DI0 DI1 DI2 DI3 = 00 00 01 00, each +0x33
//   CS         68                     68+12+90+78+56+34+12+68+11+04+33+33+34+33 = 0x368
//   end        16
const Bytes kReadForwardEnergy{0xFE, 0xFE, 0xFE, 0xFE, 0x68, 0x12, 0x90, 0x78, 0x56, 0x34,
                               0x12, 0x68, 0x11, 0x04, 0x33, 0x33, 0x34, 0x33, 0x68, 0x16};

// Reply: 12345.67 kWh = XXXXXX.XX digits 01234567 -> bytes 01 23 45 67, sent low byte first
// (67 45 23 01), each +0x33 -> 9A 78 56 34. Control 91 (normal reply), L = 4 DI + 4 value = 08.
//   CS: 68+12+90+78+56+34+12+68+91+08+33+33+34+33+9A+78+56+34 = 0x588 -> 88
const Bytes kReplyForwardEnergy{0x68, 0x12, 0x90, 0x78, 0x56, 0x34, 0x12, 0x68, 0x91, 0x08,
                                0x33, 0x33, 0x34, 0x33, 0x9A, 0x78, 0x56, 0x34, 0x88, 0x16};

// Reply: phase A current -1.500 A. XXX.XXX digits 001500 -> bytes 00 15 00; sign bit in the top
// byte -> 80 15 00; low byte first 00 15 80; +0x33 -> 33 48 B3. DI 02 02 01 00 -> 00 01 02 02
// -> 33 34 35 35. L = 07.
//   CS: 68+12+90+78+56+34+12+68+91+07+33+34+35+35+33+48+B3 = 0x51D -> 1D
const Bytes kReplyNegativeCurrent{0x68, 0x12, 0x90, 0x78, 0x56, 0x34, 0x12, 0x68, 0x91, 0x07,
                                  0x33, 0x34, 0x35, 0x35, 0x33, 0x48, 0xB3, 0x1D, 0x16};

// Abnormal reply: control D1, L = 01, error byte 02 (bit 1, no data requested) +0x33 = 35.
//   CS: 68+12+90+78+56+34+12+68+D1+01+35 = 0x38D -> 8D
const Bytes kAbnormalNoData{0x68, 0x12, 0x90, 0x78, 0x56, 0x34, 0x12,
                            0x68, 0xD1, 0x01, 0x35, 0x8D, 0x16};

std::string decodeError(const Bytes& bytes) {
  const auto r = d::decodeFrame(bytes);
  REQUIRE_FALSE(r.ok());
  return r.error();
}

d::Frame decode(const Bytes& bytes) {
  const auto r = d::decodeFrame(bytes);
  INFO((r.ok() ? std::string() : r.error()));
  REQUIRE(r.ok());
  return r.value();
}

// Re-sums a hand-edited frame (no preamble) so that only the intended defect remains.
Bytes withChecksum(Bytes frame) {
  unsigned sum = 0;
  for (size_t i = 0; i + 2 < frame.size(); ++i) sum += frame[i];
  frame[frame.size() - 2] = static_cast<uint8_t>(sum);
  return frame;
}

}  // namespace

TEST_CASE("read request for forward active energy: golden bytes", "[dlt645]") {
  const auto r = d::encodeReadRequest("123456789012", kForwardEnergy);
  REQUIRE(r.ok());
  CHECK(r.value() == kReadForwardEnergy);

  const d::Frame f = decode(kReadForwardEnergy);  // also shows the preamble is skipped
  CHECK(f.address == "123456789012");
  CHECK(f.control == d::kControlRead);
  CHECK(f.data == Bytes{0x00, 0x00, 0x01, 0x00});
}

TEST_CASE("reply with 12345.67 kWh decodes", "[dlt645]") {
  const d::Frame f = decode(kReplyForwardEnergy);
  CHECK(f.address == "123456789012");
  CHECK(f.control == d::kControlReadReply);
  const auto v = d::decodeReadReply(f, kForwardEnergy);
  REQUIRE(v.ok());
  CHECK(v.value() == Approx(12345.67).margin(1e-9));

  const auto enc = d::encodeReadReply("123456789012", kForwardEnergy, 12345.67);
  REQUIRE(enc.ok());
  CHECK(Bytes(enc.value().begin() + 4, enc.value().end()) == kReplyForwardEnergy);
}

TEST_CASE("negative current carries the sign in the top bit", "[dlt645]") {
  const auto v = d::decodeReadReply(decode(kReplyNegativeCurrent), kPhaseACurrent);
  REQUIRE(v.ok());
  CHECK(v.value() == Approx(-1.5).margin(1e-9));

  const auto enc = d::encodeReadReply("123456789012", kPhaseACurrent, -1.5);
  REQUIRE(enc.ok());
  CHECK(Bytes(enc.value().begin() + 4, enc.value().end()) == kReplyNegativeCurrent);
}

TEST_CASE("wake-up preamble: any number of 0xFE, or none", "[dlt645]") {
  Bytes two{0xFE, 0xFE};
  two.insert(two.end(), kReplyForwardEnergy.begin(), kReplyForwardEnergy.end());
  CHECK(decode(two) == decode(kReplyForwardEnergy));
  CHECK(decode(Bytes(kReadForwardEnergy.begin() + 4, kReadForwardEnergy.end())).control ==
        d::kControlRead);
}

TEST_CASE("broadcast and wildcard addresses", "[dlt645]") {
  for (std::string_view addr :
       {d::kBroadcastAddress, d::kWildcardAddress, std::string_view("AAAA56789012")}) {
    const auto r = d::encodeReadRequest(addr, kForwardEnergy);
    REQUIRE(r.ok());
    CHECK(decode(r.value()).address == addr);
  }
  const auto broadcast = d::encodeReadRequest(d::kBroadcastAddress, kForwardEnergy);
  CHECK(Bytes(broadcast.value().begin() + 5, broadcast.value().begin() + 11) == Bytes(6, 0x99));
  CHECK(d::encodeReadRequest("12345678901", kForwardEnergy).error() ==
        "address \"12345678901\" is not 12 digits");
  CHECK_FALSE(d::encodeReadRequest("1234567890A1", kForwardEnergy).ok());
  CHECK_FALSE(d::encodeReadRequest("12345678901x", kForwardEnergy).ok());
}

TEST_CASE("decodeFrame rejects malformed input with a reason", "[dlt645]") {
  const Bytes good = kReplyForwardEnergy;

  CHECK(decodeError({}) == "truncated");
  CHECK(decodeError({0xFE, 0xFE, 0xFE, 0xFE}) == "truncated");
  CHECK(decodeError(Bytes(good.begin(), good.begin() + 11)) == "truncated");
  CHECK(decodeError({0x10, 0x68}) == "no start byte (0x68), got 0x10");

  Bytes second = good;
  second[7] = 0x69;
  CHECK(decodeError(second) == "no second start byte (0x68), got 0x69");

  // L = 200 (0xC8) but only 8 data bytes follow.
  Bytes long_l = good;
  long_l[9] = 200;
  CHECK(decodeError(long_l) == "length 200 exceeds frame");
  // Cut inside the data: L = 8 no longer fits.
  CHECK(decodeError(Bytes(good.begin(), good.end() - 3)) == "length 8 exceeds frame");

  Bytes bad_cs = good;
  bad_cs[18] = 0x12;
  CHECK(decodeError(bad_cs) == "checksum 0x12 != 0x88");

  Bytes flipped = good;  // one data bit flipped is caught by the sum
  flipped[14] ^= 0x01;   // 9A -> 9B: the sum grows by one
  CHECK(decodeError(flipped) == "checksum 0x88 != 0x89");

  Bytes no_end = good;
  no_end[19] = 0x17;
  CHECK(decodeError(no_end) == "no end byte (0x16), got 0x17");

  Bytes trailing = good;
  trailing.push_back(0x00);
  CHECK(decodeError(trailing) == "trailing bytes: 1 after the end byte");
  Bytes two_frames = good;
  two_frames.insert(two_frames.end(), good.begin(), good.end());
  CHECK(decodeError(two_frames) == "trailing bytes: 20 after the end byte");

  Bytes bad_address = good;
  bad_address[3] = 0x7B;  // A2
  CHECK(decodeError(withChecksum(bad_address)) == "address byte A2 0x7B is neither BCD nor 0xAA");
}

TEST_CASE("decodeReadReply rejects what is not the requested value", "[dlt645]") {
  const d::Frame reply = decode(kReplyForwardEnergy);

  CHECK(d::decodeReadReply(decode(kAbnormalNoData), kForwardEnergy).error() ==
        "abnormal reply: error 0x02 (no data requested)");
  CHECK(d::describeError(0x05) == "other error, password error or unauthorised");

  CHECK(d::decodeReadReply(decode(kReadForwardEnergy), kForwardEnergy).error() ==
        "not a reply: control 0x11");
  CHECK(d::decodeReadReply(reply, 0x02010100).error() == "data length 8 != 6 for phase A voltage");
  CHECK(d::decodeReadReply(reply, 0x00020000).error() ==
        "data identifier 0x00010000 != requested 0x00020000");
  CHECK(d::decodeReadReply(reply, 0x04000401).error() == "unknown data identifier 0x04000401");

  d::Frame other = reply;
  other.control = 0x94;  // write reply
  CHECK(d::decodeReadReply(other, kForwardEnergy).error() == "not a read reply: control 0x94");

  d::Frame short_data = reply;
  short_data.data.pop_back();
  CHECK(d::decodeReadReply(short_data, kForwardEnergy).error() ==
        "data length 7 != 8 for forward active energy total");
}

TEST_CASE("BCD digit above 9 is rejected", "[dlt645]") {
  d::Frame f = decode(kReplyForwardEnergy);
  f.data[5] = 0x4A;  // second value byte: low digit 0xA
  CHECK(d::decodeReadReply(f, kForwardEnergy).error() ==
        "BCD digit > 9 in forward active energy total: byte 0x4A");
  f.data[5] = 0xB4;  // high digit 0xB
  CHECK_FALSE(d::decodeReadReply(f, kForwardEnergy).ok());

  // In a signed format the sign bit is not a digit, but 0x7F under it is still not BCD.
  d::Frame c = decode(kReplyNegativeCurrent);
  c.data[6] = 0xFF;
  CHECK(d::decodeReadReply(c, kPhaseACurrent).error() ==
        "BCD digit > 9 in phase A current: byte 0x7F");
}

TEST_CASE("encodeReadReply rejects values that do not fit", "[dlt645]") {
  const std::string a = "123456789012";
  CHECK_FALSE(d::encodeReadReply(a, 0x02010100, 1000.0).ok());  // XXX.X V
  CHECK(d::encodeReadReply(a, 0x02010100, 999.9).ok());
  CHECK_FALSE(d::encodeReadReply(a, 0x02010100, -1.0).ok());       // voltage is unsigned
  CHECK_FALSE(d::encodeReadReply(a, kPhaseACurrent, 800.0).ok());  // sign bit leaves 0..799.999
  CHECK(d::encodeReadReply(a, kPhaseACurrent, -799.999).ok());
  CHECK_FALSE(d::encodeReadReply(a, kForwardEnergy, 1000000.0).ok());
  CHECK(d::encodeReadReply(a, kForwardEnergy, 999999.99).ok());
  CHECK_FALSE(d::encodeReadReply(a, kForwardEnergy, std::nan("")).ok());
  CHECK_FALSE(d::encodeReadReply(a, kForwardEnergy, INFINITY).ok());
  CHECK_FALSE(d::encodeReadReply(a, 0x04000401, 1.0).ok());
  CHECK(d::encodeReadReply(a, 0x02010100, -1.0).error() ==
        "phase A voltage -1.000000 V is negative; the format XXX.X is unsigned");

  // Rounds to the format's decimals; a tiny negative that rounds to zero carries no sign.
  const auto tiny = d::encodeReadReply(a, 0x02010100, -0.01);
  REQUIRE(tiny.ok());
  const auto v = d::decodeReadReply(decode(tiny.value()), 0x02010100);
  REQUIRE(v.ok());
  CHECK(v.value() == 0.0);
}

TEST_CASE("abnormal reply encodes to the golden bytes", "[dlt645]") {
  const auto r = d::encodeAbnormalReply("123456789012", 0x02);
  REQUIRE(r.ok());
  CHECK(Bytes(r.value().begin() + 4, r.value().end()) == kAbnormalNoData);
}

TEST_CASE("round trip through every data identifier", "[dlt645]") {
  for (const d::DataIdentifier& id : d::dataIdentifiers()) {
    const double scale = std::pow(10.0, id.decimals);
    const double top = (id.is_signed ? 8 * std::pow(10.0, 2 * id.bytes - 1) - 1
                                     : std::pow(10.0, 2 * id.bytes) - 1) /
                       scale;
    std::vector<double> values{0.0, 1.0 / scale, top, std::round(top * 0.37 * scale) / scale};
    if (id.is_signed) values.insert(values.end(), {-1.0 / scale, -top});
    for (double value : values) {
      INFO(id.name << " " << value);
      const auto enc = d::encodeReadReply("000000000001", id.di, value);
      REQUIRE(enc.ok());
      const d::Frame f = decode(enc.value());
      CHECK(f.address == "000000000001");
      CHECK(f.data.size() == 4 + static_cast<size_t>(id.bytes));
      const auto dec = d::decodeReadReply(f, id.di);
      REQUIRE(dec.ok());
      CHECK(dec.value() == Approx(value).margin(0.5 / scale));
      CHECK(std::round(dec.value() * scale) == std::round(value * scale));
    }
    CHECK(d::findDataIdentifier(id.di) == &id);
  }
  CHECK(d::dataIdentifiers().size() == 17);
}
