// Decoding and encoding of Modbus register values: every data type and word/byte order that
// real meters use. Pure functions; the daemon decodes, the simulator encodes.
#pragma once

#include <cstdint>
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <vector>

namespace gt {

enum class DataType { Int16, UInt16, Int32, UInt32, Int64, UInt64, Float32, Float64, Bcd16, Bcd32 };

// Order of the bytes of a multi-register value as it arrives on the wire, named by the
// letters of the big-endian value ABCD (for 64-bit values the same rule extends to ABCDEFGH):
//   ABCD big-endian (Modbus default)     CDAB word-swapped (common on Chinese meters)
//   BADC byte-swapped within each word   DCBA little-endian
enum class WordOrder { ABCD, CDAB, BADC, DCBA };

// Number of 16-bit registers a value of this type occupies (1, 2 or 4).
int registerCount(DataType type);

std::optional<DataType> parseDataType(std::string_view name);    // "int16" ... "float64", "bcd16"
std::optional<WordOrder> parseWordOrder(std::string_view name);  // "ABCD", "CDAB", "BADC", "DCBA"
std::string_view dataTypeName(DataType type);
std::string_view wordOrderName(WordOrder order);

// Decodes registers (exactly registerCount(type) of them) into the raw numeric value, before
// scale. Returns nullopt when the bytes are not a value: invalid BCD digits, NaN or infinity.
std::optional<double> decodeRegisters(std::span<const uint16_t> regs, DataType type,
                                      WordOrder order);

// Encodes a raw value (already divided by the scale) into registers, rounding to the nearest
// integer for integer types and saturating at the type's range.
std::vector<uint16_t> encodeRegisters(double raw, DataType type, WordOrder order);

}  // namespace gt
