// Numbers as they are written in the formula text of an accounting line ("10000 kWh x 0.1229
// kgce/kWh = 1229 kgce"): up to 10 significant digits, no trailing zeros, so a factor reads
// exactly as its factor file gives it.
#pragma once

#include <string>

namespace gt::accounting {

std::string numberText(double value);

}  // namespace gt::accounting
