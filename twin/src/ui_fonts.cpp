// Font discovery and the glyph ranges for ImGui's atlas.
#include "ui_fonts.h"

#include <algorithm>
#include <array>
#include <cmath>
#include <cstdint>
#include <filesystem>
#include <fstream>

#include "ui_strings.h"

namespace gt::twin {
namespace {

struct FontCandidate {
  const char* file;
  int face;  // Noto Sans CJK collection order is JP, KR, SC, TC, HK (fc-query confirms)
};

constexpr std::array<FontCandidate, 3> kCandidates{{
    {"/usr/share/fonts/opentype/noto/NotoSansCJK-Regular.ttc", 2},
    {"/usr/share/fonts/truetype/wqy/wqy-microhei.ttc", 0},
    {"/usr/share/fonts/truetype/wqy/wqy-zenhei.ttc", 0},
}};

uint32_t bigEndian32(const unsigned char* p) {
  return (uint32_t{p[0]} << 24) | (uint32_t{p[1]} << 16) | (uint32_t{p[2]} << 8) | p[3];
}

// True when the file is a font that has face `face`: a plain TrueType/OpenType file has
// face 0 only; a collection ("ttcf") says how many it holds at byte 8. stb_truetype
// asserts on a face that does not exist, so we look before handing the file to ImGui.
bool hasFace(const std::filesystem::path& file, int face) {
  std::ifstream in(file, std::ios::binary);
  std::array<unsigned char, 12> header{};
  if (!in.read(reinterpret_cast<char*>(header.data()), header.size())) return false;
  if (std::equal(header.begin(), header.begin() + 4, "ttcf")) {
    return face >= 0 && static_cast<uint32_t>(face) < bigEndian32(header.data() + 8);
  }
  return face == 0;
}

}  // namespace

float uiFontPixels(int viewport_height, float content_scale, float ui_scale) {
  const float by_height = std::round(20.f * static_cast<float>(viewport_height) / 1080.f);
  return std::round(ui_scale * std::max(by_height, 15.f * content_scale));
}

float uiStyleScale(float font_pixels) {
  return std::max(1.f, font_pixels / 20.f);
}

UiFontChoice UiFontSet::load(const std::vector<std::string>& texts, float pixel_size) {
  ImGuiIO& io = ImGui::GetIO();
  UiFontChoice choice;
  for (const FontCandidate& candidate : kCandidates) {
    std::error_code ec;
    if (!std::filesystem::exists(candidate.file, ec) || !hasFace(candidate.file, candidate.face)) {
      continue;
    }
    ImFontGlyphRangesBuilder builder;
    builder.AddRanges(io.Fonts->GetGlyphRangesDefault());  // ASCII and Latin-1
    for (std::string_view text : allUiTexts())
      builder.AddText(text.data(), text.data() + text.size());
    for (const std::string& text : texts) builder.AddText(text.data(), text.data() + text.size());
    ranges_.clear();
    builder.BuildRanges(&ranges_);

    ImFontConfig config;
    config.FontNo = candidate.face;
    config.OversampleH = 2;  // CJK strokes are dense: sub-pixel x positioning keeps them even
    config.OversampleV = 1;
    io.Fonts->Clear();
    if (io.Fonts->AddFontFromFileTTF(candidate.file, pixel_size, &config, ranges_.Data)) {
      choice.loaded = true;
      choice.file = candidate.file;
      choice.face = candidate.face;
      return choice;
    }
  }
  io.Fonts->Clear();
  io.Fonts->AddFontDefault();
  choice.warning =
      "no CJK font found (install fonts-noto-cjk or fonts-wqy-microhei); Chinese text cannot "
      "be shown, use --lang en";
  return choice;
}

}  // namespace gt::twin
