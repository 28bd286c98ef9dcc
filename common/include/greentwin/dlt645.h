// DL/T 645-2007 framing and the common data identifiers of Chinese multi-function electricity
// meters. Pure functions over bytes: the daemon encodes read requests and decodes replies, the
// simulator decodes requests and encodes replies. No I/O, no clock, no global state.
#pragma once

#include <cstdint>
#include <span>
#include <string>
#include <string_view>
#include <utility>
#include <variant>
#include <vector>

namespace gt::dlt645 {

// Control codes used here (DL/T 645-2007, control code C: D7 direction, D6 slave abnormal,
// D5 follow-up frame, D4..D0 function).
inline constexpr uint8_t kControlRead = 0x11;          // master -> slave, read data
inline constexpr uint8_t kControlReadReply = 0x91;     // slave -> master, normal reply
inline constexpr uint8_t kControlReadAbnormal = 0xD1;  // slave -> master, one error byte
inline constexpr uint8_t kControlDirectionBit = 0x80;  // D7: 1 = sent by the meter
inline constexpr uint8_t kControlAbnormalBit = 0x40;   // D6: 1 = the meter refused
inline constexpr uint8_t kControlFollowUpBit = 0x20;   // D5: 1 = more frames follow
inline constexpr size_t kMaxDataLength = 200;          // L of a read reply is at most 200

// The 12-digit meter address, most significant digit first, as printed on the nameplate.
inline constexpr std::string_view kBroadcastAddress = "999999999999";
// Each "AA" digit pair is a wildcard byte (0xAA): any meter matches that byte.
inline constexpr std::string_view kWildcardAddress = "AAAAAAAAAAAA";

// One frame after removal of the preamble, framing and the +0x33 offset.
struct Frame {
  std::string address;        // 12 characters: digits, or "AA" pairs for wildcard bytes
  uint8_t control = 0;        // C, as on the wire
  std::vector<uint8_t> data;  // data field with 0x33 already subtracted; empty allowed
  friend bool operator==(const Frame&, const Frame&) = default;
};

// Expected-style result: the value, or a reason a field engineer can read
// ("checksum 0x12 != 0x34", "truncated", ...).
template <typename T>
class Result {
 public:
  struct Error {
    std::string reason;
  };
  Result(T value) : value_(std::move(value)) {}
  Result(Error error) : value_(std::move(error)) {}
  static Result fail(std::string reason) { return Result(Error{std::move(reason)}); }
  bool ok() const { return value_.index() == 0; }
  const T& value() const { return std::get<0>(value_); }
  const std::string& error() const { return std::get<1>(value_).reason; }

 private:
  std::variant<T, Error> value_;
};

// One data identifier DI3 DI2 DI1 DI0 (written as the uint32 0xDI3DI2DI1DI0) and its value
// format: `bytes` of BCD, least significant byte first, with `decimals` implied decimals. When
// `is_signed`, the top bit of the most significant byte is the sign (1 = negative) and the
// remaining bits hold the magnitude.
struct DataIdentifier {
  uint32_t di = 0;
  std::string_view name;  // "forward active energy total"
  int bytes = 0;          // 2..4
  int decimals = 0;
  bool is_signed = false;
  std::string_view unit;    // "kWh", "V", "A", "kW", "" (power factor), "Hz"
  std::string_view format;  // "XXXXXX.XX", as the standard prints it
};

// The meter's clock (appendix A, parameter identifiers; checked against the table as we recall
// it, not against the text): 04000101 date and weekday YYMMDDWW (WW 0 = Sunday), 04000102
// time hhmmss, both BCD in the meter's local time. decodeReadReply() gives their digits as
// the numbers YYMMDDWW and hhmmss.
inline constexpr uint32_t kDiDateWeek = 0x04000101;
inline constexpr uint32_t kDiTime = 0x04000102;
// The values of kDiDateWeek and kDiTime at `local_ms` (local time as ms since 1970-01-01 of
// that zone's calendar, i.e. UTC ms + the zone's offset), for the simulator. Years 2000..2099.
std::pair<double, double> clockValues(int64_t local_ms);
// Back: the local time in ms (whole seconds) from the two values; fails for digits that are no
// date or time. The weekday is not checked (meters set it by hand and get it wrong).
Result<int64_t> clockLocalMs(double date_week, double time);

// Every identifier this codec knows, in the order of the standard's appendix.
std::span<const DataIdentifier> dataIdentifiers();
// nullptr when `di` is not in the table.
const DataIdentifier* findDataIdentifier(uint32_t di);

// Encodes any frame: 0xFE x4 preamble, 0x68, address, 0x68, C, L, data + 0x33, CS, 0x16.
// Fails when the address is not 12 digits/"AA" pairs or data is longer than 200 bytes.
Result<std::vector<uint8_t>> encodeFrame(std::string_view address, uint8_t control,
                                         std::span<const uint8_t> data);

// Read-data request (C = 0x11, L = 4, data = DI0 DI1 DI2 DI3) to `address`. Any DI is allowed,
// known to the table or not.
Result<std::vector<uint8_t>> encodeReadRequest(std::string_view address, uint32_t di);

// Decodes exactly one frame: any 0xFE preamble, then the frame, nothing after the 0x16.
// Rejects, with the reason: "truncated", "no start byte", "no second start byte",
// "length N exceeds frame", "checksum 0xRR != 0xCC" (received, computed), "no end byte",
// "trailing bytes", an address byte that is neither BCD nor 0xAA.
// An abnormal reply is a well-formed frame and decodes; decodeReadReply reports it.
Result<Frame> decodeFrame(std::span<const uint8_t> bytes);

// The value of a reply to a read of `di`, in the table's unit ("kWh", "V", ...). Rejects a
// request frame, an abnormal reply ("abnormal reply: error 0x02 (no data requested)"), a reply
// for another DI, a data field of the wrong size, an identifier not in the table and a BCD
// digit above 9.
Result<double> decodeReadReply(const Frame& frame, uint32_t di);

// Normal reply (C = 0x91) carrying `value` (in the table's unit) for `di`, for the simulator.
// The value is rounded to the format's decimals; rejected when the DI is unknown, the value is
// not finite, negative for an unsigned format, or too large for the format.
Result<std::vector<uint8_t>> encodeReadReply(std::string_view address, uint32_t di, double value);

// Abnormal reply (C = 0xD1) with error byte `error`, for the simulator.
Result<std::vector<uint8_t>> encodeAbnormalReply(std::string_view address, uint8_t error);

// "no data requested" etc.: the meaning of the bits of an abnormal reply's error byte.
std::string describeError(uint8_t error);

}  // namespace gt::dlt645
