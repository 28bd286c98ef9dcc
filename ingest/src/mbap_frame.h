// Modbus TCP framing of the one request the daemon sends (read holding or input registers) and
// every check on its answer: the MBAP header's transaction id, protocol id, length and unit id,
// then the function code, exception code and byte count (Modbus Messaging on TCP/IP
// Implementation Guide v1.0b §3.1.3; Modbus Application Protocol v1.1b3 §6.3, §6.4, §7).
// libmodbus 3.1.6 checks the unit id of RTU answers only, so a gateway answering for the wrong
// unit would pass another meter's values off as this one's; ModbusTcpLink frames its requests
// here instead. Pure functions on bytes, so unit tests can feed any answer.
#pragma once

#include <array>
#include <cstddef>
#include <cstdint>
#include <span>

#include "meter_link.h"

namespace gt::ingest {

constexpr size_t kMbapHeaderBytes = 7;  // transaction id, protocol id, length, unit id
constexpr size_t kMbapMaxAduBytes = 260;
constexpr size_t kMbapReadRequestBytes = 12;

std::array<uint8_t, kMbapReadRequestBytes> encodeMbapReadRequest(uint16_t transaction, uint8_t unit,
                                                                 const RegisterRead& request);

// The whole ADU's size in bytes given its first kMbapHeaderBytes bytes (from the MBAP length
// field), or 0 when that length cannot be a Modbus answer (below 2 or above 254).
size_t mbapAduBytes(std::span<const uint8_t, kMbapHeaderBytes> header);

// The registers of `answer`, one complete ADU, if it answers `request` sent as `transaction`
// to `unit`; else the error: Exception for an exception reply (code 11, gateway target failed
// to respond, counts as a Timeout like libmodbus's mapping), BadFrame for anything malformed or
// meant for another request or another unit.
ReadResult decodeMbapReadAnswer(std::span<const uint8_t> answer, uint16_t transaction, uint8_t unit,
                                const RegisterRead& request);

}  // namespace gt::ingest
