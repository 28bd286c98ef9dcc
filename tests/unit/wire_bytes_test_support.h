// Shared by the wire-format tests (common_*messages_test.cpp, ingest_forward_test.cpp): message
// bytes as lowercase hex, the form the golden bytes from Python's msgpack.packb are written in.
#pragma once

#include <cstddef>
#include <string>

namespace gt::wire::testing {

inline std::string hex(const std::string& bytes) {
  static const char* digits = "0123456789abcdef";
  std::string out;
  for (const unsigned char c : bytes) {
    out += digits[c >> 4];
    out += digits[c & 0xF];
  }
  return out;
}

inline std::string unhex(const std::string& text) {
  std::string out;
  for (std::size_t i = 0; i + 1 < text.size(); i += 2) {
    out += static_cast<char>(std::stoi(text.substr(i, 2), nullptr, 16));
  }
  return out;
}

}  // namespace gt::wire::testing
