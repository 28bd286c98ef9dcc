// Modbus TCP framing (mbap_frame.h) on hand-made bytes: the request ModbusTcpLink sends, and
// every way an answer can fail to be this request's answer. The answers that a real libmodbus
// server sends are covered by ingest_modbus_poll_test.cpp; a live gateway answering for the
// wrong unit by tests/e2e/test_misbehaving_server.py.
#include <catch2/catch.hpp>

#include <vector>

#include "mbap_frame.h"

using namespace gt;
using namespace gt::ingest;

namespace {

const RegisterRead kTwoHolding{RegisterFunction::Holding, 0x0010, 2};

// The answer of unit 7 to transaction 0x1234 reading kTwoHolding: 0x0102, 0xA0B0.
std::vector<uint8_t> goodAnswer() {
  return {0x12, 0x34, 0x00, 0x00, 0x00, 0x07, 0x07, 0x03, 0x04, 0x01, 0x02, 0xA0, 0xB0};
}

std::string failure(const std::vector<uint8_t>& answer) {
  const ReadResult r = decodeMbapReadAnswer(answer, 0x1234, 7, kTwoHolding);
  REQUIRE_FALSE(r.ok());
  CHECK(r.error().kind == LinkErrorKind::BadFrame);
  return r.error().detail;
}

}  // namespace

TEST_CASE("a read request is framed as the Modbus TCP guide's example", "[modbus][mbap]") {
  // Messaging on TCP/IP Implementation Guide §3.1.3: MBAP (tid, pid 0, length 6, unit), then
  // function 03 or 04, start address, quantity; all big-endian.
  const auto holding = encodeMbapReadRequest(0x1234, 7, kTwoHolding);
  CHECK(std::vector<uint8_t>(holding.begin(), holding.end()) ==
        std::vector<uint8_t>{0x12, 0x34, 0, 0, 0, 6, 7, 0x03, 0x00, 0x10, 0x00, 0x02});
  const auto input = encodeMbapReadRequest(1, 255, {RegisterFunction::Input, 0xFFFF, 125});
  CHECK(std::vector<uint8_t>(input.begin(), input.end()) ==
        std::vector<uint8_t>{0, 1, 0, 0, 0, 6, 255, 0x04, 0xFF, 0xFF, 0x00, 125});
}

TEST_CASE("the MBAP length gives the whole answer's size", "[modbus][mbap]") {
  const auto answer = goodAnswer();
  CHECK(mbapAduBytes(std::span<const uint8_t, kMbapHeaderBytes>(answer.data(), 7)) == 13);
  const std::vector<uint8_t> zero{0, 0, 0, 0, 0, 0, 7};
  CHECK(mbapAduBytes(std::span<const uint8_t, kMbapHeaderBytes>(zero.data(), 7)) == 0);
  const std::vector<uint8_t> huge{0, 0, 0, 0, 0x01, 0x00, 7};  // 256: above an ADU's 260
  CHECK(mbapAduBytes(std::span<const uint8_t, kMbapHeaderBytes>(huge.data(), 7)) == 0);
}

TEST_CASE("a proper answer gives its registers", "[modbus][mbap]") {
  const ReadResult r = decodeMbapReadAnswer(goodAnswer(), 0x1234, 7, kTwoHolding);
  REQUIRE(r.ok());
  CHECK(r.registers() == std::vector<uint16_t>{0x0102, 0xA0B0});
}

TEST_CASE("an answer from another unit id is a bad frame, not another meter's values",
          "[modbus][mbap]") {
  auto answer = goodAnswer();
  answer[6] = 107;
  CHECK(failure(answer) == "malformed answer: answer from unit id 107, asked unit id 7");
}

TEST_CASE("an answer to another transaction, protocol or function is a bad frame",
          "[modbus][mbap]") {
  auto stale = goodAnswer();
  stale[1] = 0x33;
  CHECK(failure(stale) == "malformed answer: transaction id 4659, expected 4660");
  auto protocol = goodAnswer();
  protocol[3] = 1;
  CHECK(failure(protocol) == "malformed answer: protocol id is not Modbus (0)");
  auto function = goodAnswer();
  function[7] = 0x04;
  CHECK(failure(function) == "malformed answer: function code 4, asked 3");
}

TEST_CASE("a byte count that disagrees with the request or the frame is a bad frame",
          "[modbus][mbap]") {
  auto fewer = goodAnswer();
  fewer[8] = 2;  // one register; the frame still carries two
  CHECK(failure(fewer) == "answer carried 1 registers, asked for 2");
  auto longer = goodAnswer();
  longer.push_back(0);  // frame one byte longer than its byte count says
  CHECK(failure(longer) == "answer carried 2 registers, asked for 2");
  CHECK(failure({0x12, 0x34, 0, 0, 0, 2, 7, 0x03}) ==
        "malformed answer: 8 bytes, too short for an answer");
}

TEST_CASE("exception answers keep libmodbus's meaning", "[modbus][mbap]") {
  const std::vector<uint8_t> illegal{0x12, 0x34, 0, 0, 0, 3, 7, 0x83, 0x02};
  const ReadResult r = decodeMbapReadAnswer(illegal, 0x1234, 7, kTwoHolding);
  REQUIRE_FALSE(r.ok());
  CHECK(r.error().kind == LinkErrorKind::Exception);
  CHECK(r.error().exception == 2);
  // 0B: the gateway's target did not answer, which for the operator is a timeout.
  const std::vector<uint8_t> silent{0x12, 0x34, 0, 0, 0, 3, 7, 0x83, 0x0B};
  CHECK(decodeMbapReadAnswer(silent, 0x1234, 7, kTwoHolding).error().kind ==
        LinkErrorKind::Timeout);
  CHECK(failure({0x12, 0x34, 0, 0, 0, 3, 7, 0x83, 0x0C}) ==
        "malformed answer: exception reply with code 12");
  CHECK(failure({0x12, 0x34, 0, 0, 0, 3, 7, 0x84, 0x02}) ==
        "malformed answer: function code 132, asked 3");
}
