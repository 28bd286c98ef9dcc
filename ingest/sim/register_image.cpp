// Encoding canonical values into a meter's Modbus tables (see register_image.h).
#include "register_image.h"

#include <algorithm>
#include <new>

#include "greentwin/register_codec.h"

namespace gt::sim {

std::vector<uint16_t> encodePoint(const RegisterPoint& point, double canonical) {
  const double in_unit = (canonical - point.unit_offset) / point.unit_factor;
  return encodeRegisters(in_unit / point.scale, point.type, point.order);
}

RegisterImage::RegisterImage(const RegisterTemplate& tmpl) : tmpl_(&tmpl) {
  int first = 0xFFFF, end = 0;
  for (const RegisterPoint& p : tmpl.points) {
    first = std::min<int>(first, p.address);
    end = std::max<int>(end, p.address + registerCount(p.type));
  }
  if (tmpl.points.empty()) first = 0;
  start_ = static_cast<uint16_t>(first);
  const int count = std::max(end - first, 1);
  mapping_.reset(modbus_mapping_new_start_address(0, 0, 0, 0, start_, count, start_, count));
  if (!mapping_) throw std::bad_alloc();
}

void RegisterImage::write(std::span<const double> canonical) {
  const size_t n = std::min(canonical.size(), tmpl_->points.size());
  for (size_t i = 0; i < n; ++i) {
    const RegisterPoint& point = tmpl_->points[i];
    const std::vector<uint16_t> regs = encodePoint(point, canonical[i]);
    const size_t offset = static_cast<size_t>(point.address - start_);
    std::copy(regs.begin(), regs.end(), mapping_->tab_registers + offset);
    std::copy(regs.begin(), regs.end(), mapping_->tab_input_registers + offset);
  }
}

}  // namespace gt::sim
