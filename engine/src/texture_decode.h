// Turns image files (PNG, JPEG) into the TextureImage the scene cache stores: decoded to RGBA8,
// scaled down to the memory budget, with the full mip chain. Import side only (the importer
// process); the viewer never decodes an image.
#pragma once

#include <cstdint>
#include <optional>
#include <span>
#include <string>
#include <vector>

#include "model_data.h"

namespace gt::engine {

// Largest side a texture keeps: a bigger image drops its top mip levels until it fits. 2048 px
// is four times what a wall texture covers on a 1080p screen at viewing distance, and caps one
// texture at 21 MiB with its mips (5.3 MiB at 1024); see docs/models.md.
inline constexpr uint32_t kMaxTextureSide = 2048;

// Mip levels of a w x h image down to 1x1: floor(log2(max(w, h))) + 1.
uint32_t mipLevelCount(uint32_t width, uint32_t height);
// Bytes of the RGBA8 chain of `levels` levels starting at w x h.
uint64_t mipChainBytes(uint32_t width, uint32_t height, uint32_t levels);

// A texture from level-0 pixels (w * h * 4 bytes, RGBA8): mips are box-filtered, in linear
// light when `srgb`, and levels larger than kMaxTextureSide are dropped. Asserts on a size
// mismatch (a programmer error).
TextureImage makeTexture(std::string name, uint32_t width, uint32_t height,
                         std::vector<uint8_t> rgba, bool srgb);

// Decodes a PNG or JPEG held in memory. On failure returns nullopt and puts the decoder's
// reason ("corrupt JPEG", "unknown image type") into `error`.
std::optional<TextureImage> decodeTexture(std::span<const uint8_t> encoded, std::string name,
                                          bool srgb, std::string* error);

// 64-bit XXH3 of the size, colour space and level-0 pixels: equal hashes mean one image.
uint64_t textureHash(const TextureImage& texture);

}  // namespace gt::engine
