// DL/T 645-2007 frame codec and value formats of the common data identifiers (see the header).
//
// What this relies on, from DL/T 645-2007 (data link layer, frame format; appendix A, data
// identifiers). Clause numbers are not cited because they were not checked against the text.
//   - A frame is 0x68, A0..A5, 0x68, C, L, DATA, CS, 0x16. Before it the master may send
//     0xFE bytes to wake the receiver (four, by convention); receivers skip them.
//   - The address is 12 BCD digits, A0 holding the two least significant; 0x99 in every byte
//     is broadcast, and 0xAA in a byte is a wildcard for that byte.
//   - L counts DATA bytes only; a read reply carries at most 200.
//   - Every DATA byte is sent plus 0x33 (mod 256) and received minus 0x33.
//   - CS is the sum mod 256 of every byte from the first 0x68 through the last DATA byte, as
//     sent (so after +0x33).
//   - Multi-byte items, the DI included, go least significant byte first: DI0 DI1 DI2 DI3.
//   - Values are BCD; in signed formats the top bit of the most significant byte is the sign.
//   - An abnormal reply (D6 set) carries one error byte whose bits name the reasons.
#include "greentwin/dlt645.h"

#include <array>
#include <chrono>
#include <cmath>
#include <cstdio>

#include "bcd_frame.h"

namespace gt::dlt645 {
namespace {

using bcd_frame::checksum;
using bcd_frame::hex2;
using bcd_frame::isBcd;

constexpr uint8_t kStart = 0x68;
constexpr uint8_t kEnd = 0x16;
constexpr uint8_t kPreamble = 0xFE;
constexpr uint8_t kDataOffset = 0x33;
constexpr size_t kAddressBytes = 6;
// 0x68 + 6 address + 0x68 + C + L + CS + 0x16, with an empty data field.
constexpr size_t kMinFrame = 12;

// Appendix A, as the multi-function meters answer them. Combined active energy is signed:
// it is forward minus reverse (by the meter's combination word), so the standard gives it a
// sign bit; forward and reverse totals are magnitudes.
constexpr std::array kIdentifiers{
    DataIdentifier{0x00000000, "combined active energy total", 4, 2, true, "kWh", "XXXXXX.XX"},
    DataIdentifier{0x00010000, "forward active energy total", 4, 2, false, "kWh", "XXXXXX.XX"},
    DataIdentifier{0x00020000, "reverse active energy total", 4, 2, false, "kWh", "XXXXXX.XX"},
    DataIdentifier{0x02010100, "phase A voltage", 2, 1, false, "V", "XXX.X"},
    DataIdentifier{0x02010200, "phase B voltage", 2, 1, false, "V", "XXX.X"},
    DataIdentifier{0x02010300, "phase C voltage", 2, 1, false, "V", "XXX.X"},
    DataIdentifier{0x02020100, "phase A current", 3, 3, true, "A", "XXX.XXX"},
    DataIdentifier{0x02020200, "phase B current", 3, 3, true, "A", "XXX.XXX"},
    DataIdentifier{0x02020300, "phase C current", 3, 3, true, "A", "XXX.XXX"},
    DataIdentifier{0x02030000, "total active power", 3, 4, true, "kW", "XX.XXXX"},
    DataIdentifier{0x02030100, "phase A active power", 3, 4, true, "kW", "XX.XXXX"},
    DataIdentifier{0x02030200, "phase B active power", 3, 4, true, "kW", "XX.XXXX"},
    DataIdentifier{0x02030300, "phase C active power", 3, 4, true, "kW", "XX.XXXX"},
    DataIdentifier{0x02060000, "total power factor", 2, 3, true, "", "X.XXX"},
    DataIdentifier{0x02800002, "grid frequency", 2, 2, false, "Hz", "XX.XX"},
    // Parameter identifiers: the meter's clock, local time, read as the numbers YYMMDDWW and
    // hhmmss (their BCD digits); clockLocalMs() makes a time of them.
    DataIdentifier{kDiDateWeek, "date and weekday (0 = Sunday)", 4, 0, false, "", "YYMMDDWW"},
    DataIdentifier{kDiTime, "time", 3, 0, false, "", "hhmmss"},
};

std::string hex8(uint32_t v) {
  char buf[16];
  std::snprintf(buf, sizeof buf, "0x%08X", static_cast<unsigned>(v));
  return buf;
}

std::string errorBitName(int bit) {
  // Error information word of the abnormal reply.
  switch (bit) {
    case 0:
      return "other error";
    case 1:
      return "no data requested";
    case 2:
      return "password error or unauthorised";
    case 3:
      return "baud rate cannot be changed";
    case 4:
      return "too many yearly time zones";
    case 5:
      return "too many daily time periods";
    case 6:
      return "too many tariffs";
    default:
      return "reserved bit 7";
  }
}

// Largest magnitude, in units of the last decimal, that `id`'s bytes can hold. A sign bit
// takes the top bit of the top digit, which leaves that digit 0..7.
double maxScaled(const DataIdentifier& id) {
  const double all_nines = std::pow(10.0, 2 * id.bytes) - 1;
  return id.is_signed ? 8 * std::pow(10.0, 2 * id.bytes - 1) - 1 : all_nines;
}

}  // namespace

std::span<const DataIdentifier> dataIdentifiers() {
  return kIdentifiers;
}

const DataIdentifier* findDataIdentifier(uint32_t di) {
  for (const DataIdentifier& id : kIdentifiers)
    if (id.di == di) return &id;
  return nullptr;
}

std::pair<double, double> clockValues(int64_t local_ms) {
  using namespace std::chrono;
  const sys_seconds t = floor<seconds>(sys_time<milliseconds>(milliseconds(local_ms)));
  const sys_days day = floor<days>(t);
  const year_month_day ymd(day);
  const hh_mm_ss hms(t - day);
  const int yy = static_cast<int>(ymd.year()) % 100;
  const auto ww = static_cast<int>(weekday(day).c_encoding());  // 0 = Sunday, as the meter
  const double date = ((yy * 100.0 + static_cast<unsigned>(ymd.month())) * 100.0 +
                       static_cast<unsigned>(ymd.day())) *
                          100.0 +
                      ww;
  const double time = (hms.hours().count() * 100.0 + hms.minutes().count()) * 100.0 +
                      static_cast<double>(hms.seconds().count());
  return {date, time};
}

Result<int64_t> clockLocalMs(double date_week, double time) {
  using namespace std::chrono;
  using R = Result<int64_t>;
  if (!(date_week >= 0 && date_week <= 99999999 && time >= 0 && time <= 999999) ||
      date_week != std::floor(date_week) || time != std::floor(time)) {
    return R::fail("meter clock digits out of range");
  }
  const auto d = static_cast<int64_t>(date_week);
  const auto t = static_cast<int64_t>(time);
  const year_month_day ymd{year(2000 + static_cast<int>(d / 1000000)),
                           month(static_cast<unsigned>(d / 10000 % 100)),
                           day(static_cast<unsigned>(d / 100 % 100))};
  const int64_t hh = t / 10000, mm = t / 100 % 100, ss = t % 100;
  if (!ymd.ok() || hh > 23 || mm > 59 || ss > 59) {
    char text[64];
    std::snprintf(text, sizeof text, "meter clock reads no valid time: %08lld %06lld",
                  static_cast<long long>(d), static_cast<long long>(t));
    return R::fail(text);
  }
  const sys_days day_start(ymd);
  return static_cast<int64_t>(duration_cast<milliseconds>(day_start.time_since_epoch() + hours(hh) +
                                                          minutes(mm) + seconds(ss))
                                  .count());
}

std::string describeError(uint8_t error) {
  if (error == 0) return "no reason given";
  std::string out;
  for (int bit = 0; bit < 8; ++bit) {
    if (!(error & (1u << bit))) continue;
    if (!out.empty()) out += ", ";
    out += errorBitName(bit);
  }
  return out;
}

Result<std::vector<uint8_t>> encodeFrame(std::string_view address, uint8_t control,
                                         std::span<const uint8_t> data) {
  using R = Result<std::vector<uint8_t>>;
  const auto addr = bcd_frame::encodeAddress(address, kAddressBytes);
  if (!addr.ok()) return R::fail(addr.error());
  if (data.size() > kMaxDataLength)
    return R::fail("data of " + std::to_string(data.size()) + " bytes exceeds 200");
  std::vector<uint8_t> out{kPreamble, kPreamble, kPreamble, kPreamble, kStart};
  out.insert(out.end(), addr.value().begin(), addr.value().end());
  out.push_back(kStart);
  out.push_back(control);
  out.push_back(static_cast<uint8_t>(data.size()));
  for (uint8_t b : data) out.push_back(static_cast<uint8_t>(b + kDataOffset));
  // The preamble is not part of the frame, so it is not summed.
  out.push_back(checksum(std::span(out).subspan(4)));
  out.push_back(kEnd);
  return out;
}

Result<std::vector<uint8_t>> encodeReadRequest(std::string_view address, uint32_t di) {
  const std::array<uint8_t, 4> data{static_cast<uint8_t>(di), static_cast<uint8_t>(di >> 8),
                                    static_cast<uint8_t>(di >> 16), static_cast<uint8_t>(di >> 24)};
  return encodeFrame(address, kControlRead, data);
}

Result<Frame> decodeFrame(std::span<const uint8_t> bytes) {
  using R = Result<Frame>;
  size_t start = 0;
  while (start < bytes.size() && bytes[start] == kPreamble) ++start;
  const auto frame = bytes.subspan(start);
  if (frame.empty()) return R::fail("truncated");
  if (frame[0] != kStart) return R::fail("no start byte (0x68), got " + hex2(frame[0]));
  if (frame.size() < kMinFrame) return R::fail("truncated");
  if (frame[7] != kStart) return R::fail("no second start byte (0x68), got " + hex2(frame[7]));
  const size_t length = frame[9];
  if (kMinFrame + length > frame.size())
    return R::fail("length " + std::to_string(length) + " exceeds frame");
  const size_t cs_at = 10 + length;
  const uint8_t computed = checksum(frame.first(cs_at));
  if (frame[cs_at] != computed)
    return R::fail("checksum " + hex2(frame[cs_at]) + " != " + hex2(computed));
  if (frame[cs_at + 1] != kEnd) return R::fail("no end byte (0x16), got " + hex2(frame[cs_at + 1]));
  if (frame.size() != cs_at + 2)
    return R::fail("trailing bytes: " + std::to_string(frame.size() - cs_at - 2) +
                   " after the end byte");

  Frame out;
  const auto address = bcd_frame::decodeAddress(frame.subspan(1, kAddressBytes));
  if (!address.ok()) return R::fail(address.error());
  out.address = address.value();
  out.control = frame[8];
  out.data.reserve(length);
  for (uint8_t b : frame.subspan(10, length))
    out.data.push_back(static_cast<uint8_t>(b - kDataOffset));
  return out;
}

Result<double> decodeReadReply(const Frame& frame, uint32_t di) {
  using R = Result<double>;
  if (!(frame.control & kControlDirectionBit))
    return R::fail("not a reply: control " + hex2(frame.control));
  if (frame.control & kControlAbnormalBit) {
    if (frame.data.size() != 1)
      return R::fail("abnormal reply with " + std::to_string(frame.data.size()) +
                     " data bytes, expected 1");
    return R::fail("abnormal reply: error " + hex2(frame.data[0]) + " (" +
                   describeError(frame.data[0]) + ")");
  }
  if ((frame.control & 0x1F) != (kControlReadReply & 0x1F))
    return R::fail("not a read reply: control " + hex2(frame.control));
  const DataIdentifier* id = findDataIdentifier(di);
  if (!id) return R::fail("unknown data identifier " + hex8(di));
  const size_t expected = 4 + static_cast<size_t>(id->bytes);
  if (frame.data.size() != expected)
    return R::fail("data length " + std::to_string(frame.data.size()) +
                   " != " + std::to_string(expected) + " for " + std::string(id->name));
  const uint32_t got =
      static_cast<uint32_t>(frame.data[0]) | static_cast<uint32_t>(frame.data[1]) << 8 |
      static_cast<uint32_t>(frame.data[2]) << 16 | static_cast<uint32_t>(frame.data[3]) << 24;
  if (got != di) return R::fail("data identifier " + hex8(got) + " != requested " + hex8(di));

  bool negative = false;
  double scaled = 0;
  // Most significant byte is last on the wire.
  for (int i = id->bytes - 1; i >= 0; --i) {
    uint8_t b = frame.data[4 + static_cast<size_t>(i)];
    if (id->is_signed && i == id->bytes - 1) {
      negative = (b & 0x80) != 0;
      b &= 0x7F;
    }
    if (!isBcd(b))
      return R::fail("BCD digit > 9 in " + std::string(id->name) + ": byte " + hex2(b));
    scaled = scaled * 100 + (b >> 4) * 10 + (b & 0x0F);
  }
  const double value = scaled / std::pow(10.0, id->decimals);
  return negative ? -value : value;
}

Result<std::vector<uint8_t>> encodeReadReply(std::string_view address, uint32_t di, double value) {
  using R = Result<std::vector<uint8_t>>;
  const DataIdentifier* id = findDataIdentifier(di);
  if (!id) return R::fail("unknown data identifier " + hex8(di));
  const std::string what =
      std::string(id->name) + " " + std::to_string(value) + " " + std::string(id->unit);
  if (!std::isfinite(value)) return R::fail(std::string(id->name) + " value is not finite");
  const double scaled = std::round(std::fabs(value) * std::pow(10.0, id->decimals));
  const bool negative = value < 0 && scaled > 0;
  if (negative && !id->is_signed)
    return R::fail(what + " is negative; the format " + std::string(id->format) + " is unsigned");
  if (scaled > maxScaled(*id))
    return R::fail(what + " does not fit " + (id->is_signed ? "signed " : "") +
                   std::string(id->format));

  std::vector<uint8_t> data{static_cast<uint8_t>(di), static_cast<uint8_t>(di >> 8),
                            static_cast<uint8_t>(di >> 16), static_cast<uint8_t>(di >> 24)};
  // Cannot fail: scaled is a whole number within maxScaled, checked above.
  bcd_frame::appendBcd(data, scaled, static_cast<size_t>(id->bytes));
  if (negative) data.back() |= 0x80;
  return encodeFrame(address, kControlReadReply, data);
}

Result<std::vector<uint8_t>> encodeAbnormalReply(std::string_view address, uint8_t error) {
  const std::array<uint8_t, 1> data{error};
  return encodeFrame(address, kControlReadAbnormal, data);
}

}  // namespace gt::dlt645
