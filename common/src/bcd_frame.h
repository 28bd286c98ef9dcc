// Byte-level pieces that the DL/T 645-2007 and CJ/T 188-2004 codecs share: both frame with
// 68H ... CS 16H, sum the frame into a one-byte checksum, send meter addresses as BCD digit
// pairs least significant byte first (AAH a wildcard byte), and carry values as BCD, least
// significant byte first. Internal to greentwin_common; the public Result<T> is dlt645's.
#pragma once

#include <cstddef>
#include <cstdint>
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "greentwin/dlt645.h"

namespace gt::bcd_frame {

using dlt645::Result;

// "0x1F", for reasons.
std::string hex2(unsigned v);

// Both nibbles are decimal digits.
bool isBcd(uint8_t b);

// Sum mod 256 of `bytes`: the CS byte of both protocols.
uint8_t checksum(std::span<const uint8_t> bytes);

// Address string (2 x `bytes` characters, most significant pair first; "AA" a wildcard pair)
// -> its `bytes` wire bytes, A0 (least significant) first.
Result<std::vector<uint8_t>> encodeAddress(std::string_view address, size_t bytes);

// Wire bytes A0 first -> address string, most significant pair first. Fails on a byte that is
// neither BCD nor AAH.
Result<std::string> decodeAddress(std::span<const uint8_t> wire);

// `bytes` BCD bytes (least significant first) at `at` as an integer count; nullopt on a digit
// above 9.
std::optional<double> readBcd(std::span<const uint8_t> data, size_t at, size_t bytes);

// Appends `scaled` (an integer count, rounded) as `bytes` BCD bytes, least significant first.
// False, with nothing appended, when it is not finite, negative or too large.
bool appendBcd(std::vector<uint8_t>& out, double scaled, size_t bytes);

}  // namespace gt::bcd_frame
