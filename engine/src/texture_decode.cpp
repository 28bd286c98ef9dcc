// Image decoding (stb_image) and mip chains for the importer; see texture_decode.h.
#include "texture_decode.h"

#include <stb_image.h>
#include <xxhash.h>

#include <algorithm>
#include <array>
#include <cassert>
#include <cmath>
#include <cstring>

namespace gt::engine {
namespace {

// IEC 61966-2-1 (sRGB) decoding of each 8-bit value, so mips average light, not code values:
// averaging codes darkens every edge between light and dark texels.
const std::array<float, 256>& srgbToLinear() {
  static const std::array<float, 256> table = [] {
    std::array<float, 256> t{};
    for (int i = 0; i < 256; ++i) {
      const float c = static_cast<float>(i) / 255.f;
      t[size_t(i)] = c <= 0.04045f ? c / 12.92f : std::pow((c + 0.055f) / 1.055f, 2.4f);
    }
    return t;
  }();
  return table;
}

// The inverse, through a table: a pow() per channel per texel made a 4096 px image's mips
// take seconds. 4096 steps keep every result within one code of the exact one.
uint8_t linearToSrgb(float c) {
  static const std::array<uint8_t, 4096> table = [] {
    std::array<uint8_t, 4096> t{};
    for (size_t i = 0; i < t.size(); ++i) {
      const float l = static_cast<float>(i) / 4095.f;
      const float s = l <= 0.0031308f ? 12.92f * l : 1.055f * std::pow(l, 1.f / 2.4f) - 0.055f;
      t[i] = static_cast<uint8_t>(std::lround(std::clamp(s, 0.f, 1.f) * 255.f));
    }
    return t;
  }();
  return table[static_cast<size_t>(std::lround(std::clamp(c, 0.f, 1.f) * 4095.f))];
}

// One level from the one before: each texel the mean of the 2x2 block above it (odd sides
// clamp, so the last row or column is counted twice rather than dropped).
void downsample(const uint8_t* src, uint32_t sw, uint32_t sh, uint8_t* dst, uint32_t dw,
                uint32_t dh, bool srgb) {
  const auto& lut = srgbToLinear();
  for (uint32_t y = 0; y < dh; ++y) {
    for (uint32_t x = 0; x < dw; ++x) {
      const uint32_t x0 = std::min(2 * x, sw - 1), x1 = std::min(2 * x + 1, sw - 1);
      const uint32_t y0 = std::min(2 * y, sh - 1), y1 = std::min(2 * y + 1, sh - 1);
      const uint8_t* p[4] = {src + (size_t(y0) * sw + x0) * 4, src + (size_t(y0) * sw + x1) * 4,
                             src + (size_t(y1) * sw + x0) * 4, src + (size_t(y1) * sw + x1) * 4};
      uint8_t* out = dst + (size_t(y) * dw + x) * 4;
      for (int c = 0; c < 4; ++c) {
        if (srgb && c < 3) {
          const float sum = lut[p[0][c]] + lut[p[1][c]] + lut[p[2][c]] + lut[p[3][c]];
          out[c] = linearToSrgb(sum * 0.25f);
        } else {
          out[c] = static_cast<uint8_t>((p[0][c] + p[1][c] + p[2][c] + p[3][c] + 2) / 4);
        }
      }
    }
  }
}

}  // namespace

uint32_t mipLevelCount(uint32_t width, uint32_t height) {
  uint32_t levels = 1;
  for (uint32_t side = std::max(width, height); side > 1; side /= 2) ++levels;
  return levels;
}

uint64_t mipChainBytes(uint32_t width, uint32_t height, uint32_t levels) {
  uint64_t bytes = 0;
  for (uint32_t l = 0; l < levels; ++l) {
    bytes += uint64_t(width) * height * 4;
    width = std::max(1u, width / 2);
    height = std::max(1u, height / 2);
  }
  return bytes;
}

TextureImage makeTexture(std::string name, uint32_t width, uint32_t height,
                         std::vector<uint8_t> rgba, bool srgb) {
  assert(width > 0 && height > 0 && rgba.size() == size_t(width) * height * 4);
  // Levels over the budget are still computed (from the full image, so the kept ones are
  // properly filtered) and then dropped.
  std::vector<uint8_t> level = std::move(rgba);
  uint32_t w = width, h = height;
  while (w > kMaxTextureSide || h > kMaxTextureSide) {
    const uint32_t nw = std::max(1u, w / 2), nh = std::max(1u, h / 2);
    std::vector<uint8_t> next(size_t(nw) * nh * 4);
    downsample(level.data(), w, h, next.data(), nw, nh, srgb);
    level = std::move(next);
    w = nw;
    h = nh;
  }
  TextureImage out;
  out.name = std::move(name);
  out.width = w;
  out.height = h;
  out.srgb = srgb;
  out.levels = mipLevelCount(w, h);
  out.rgba.resize(static_cast<size_t>(mipChainBytes(w, h, out.levels)));
  std::memcpy(out.rgba.data(), level.data(), level.size());
  size_t at = 0;
  for (uint32_t l = 1; l < out.levels; ++l) {
    const uint32_t nw = std::max(1u, w / 2), nh = std::max(1u, h / 2);
    const size_t next_at = at + size_t(w) * h * 4;
    downsample(out.rgba.data() + at, w, h, out.rgba.data() + next_at, nw, nh, srgb);
    at = next_at;
    w = nw;
    h = nh;
  }
  return out;
}

std::optional<TextureImage> decodeTexture(std::span<const uint8_t> encoded, std::string name,
                                          bool srgb, std::string* error) {
  int w = 0, h = 0, channels = 0;
  if (encoded.empty() || encoded.size() > size_t(INT32_MAX)) {
    if (error) *error = "no image data";
    return std::nullopt;
  }
  stbi_uc* pixels =
      stbi_load_from_memory(encoded.data(), static_cast<int>(encoded.size()), &w, &h, &channels, 4);
  if (!pixels) {
    if (error) *error = stbi_failure_reason() ? stbi_failure_reason() : "cannot be decoded";
    return std::nullopt;
  }
  std::vector<uint8_t> rgba(pixels, pixels + size_t(w) * size_t(h) * 4);
  stbi_image_free(pixels);
  return makeTexture(std::move(name), uint32_t(w), uint32_t(h), std::move(rgba), srgb);
}

uint64_t textureHash(const TextureImage& texture) {
  const uint32_t head[3] = {texture.width, texture.height, texture.srgb ? 1u : 0u};
  const uint64_t seed = XXH3_64bits(head, sizeof head);
  return XXH3_64bits_withSeed(
      texture.rgba.data(),
      std::min<size_t>(texture.rgba.size(), size_t(texture.width) * texture.height * 4), seed);
}

}  // namespace gt::engine
