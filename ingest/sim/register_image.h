// One meter's registers as a Modbus server holds them: the template's points encoded from
// canonical values, mirrored into both the holding (0x03) and input (0x04) tables at the
// template's addresses, so a poller reads the same bytes with either function.
#pragma once

#include <cstdint>
#include <memory>
#include <span>
#include <vector>

#include <modbus/modbus.h>

#include "greentwin/site_config.h"

namespace gt::sim {

// The registers a point shows for a canonical value: canonical -> the point's unit (inverse of
// unit_factor/unit_offset) -> divided by scale -> encodeRegisters(type, order). Integer types
// round and saturate.
std::vector<uint16_t> encodePoint(const RegisterPoint& point, double canonical);

class RegisterImage {
 public:
  // Tables spanning the template's lowest to highest register. Throws std::bad_alloc when
  // libmodbus cannot allocate them.
  explicit RegisterImage(const RegisterTemplate& tmpl);

  // Encodes `canonical` (one value per template point, in template order) into both tables.
  void write(std::span<const double> canonical);

  // Owned by this image; valid while it lives. For modbus_reply().
  modbus_mapping_t* mapping() const { return mapping_.get(); }

 private:
  struct MappingFree {
    void operator()(modbus_mapping_t* m) const noexcept { modbus_mapping_free(m); }
  };
  const RegisterTemplate* tmpl_;
  std::unique_ptr<modbus_mapping_t, MappingFree> mapping_;
  uint16_t start_ = 0;
};

}  // namespace gt::sim
