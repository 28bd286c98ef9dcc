// Formats numbers for formula text.
#include "number_text.h"

#include <iomanip>
#include <sstream>

namespace gt::accounting {

std::string numberText(double value) {
  std::ostringstream out;
  out << std::setprecision(10) << value;
  return out.str();
}

}  // namespace gt::accounting
