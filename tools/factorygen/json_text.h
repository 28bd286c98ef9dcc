// The little JSON the glTF chunk needs: strings escaped per RFC 8259 §7 and floats written
// in their shortest exact form, so the same numbers always print the same characters.
#pragma once

#include <string>
#include <string_view>

namespace gt::factorygen {

// Appends `text` as a quoted JSON string.
void appendJsonString(std::string& out, std::string_view text);
// Appends a finite float (asserted) in the shortest form that reads back to the same value.
void appendJsonNumber(std::string& out, float value);

}  // namespace gt::factorygen
