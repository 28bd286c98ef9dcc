// The UI font: a CJK face from the system (Noto Sans CJK SC, else WenQuanYi Micro Hei) with
// only the glyphs the viewer will draw, so the atlas stays small and crisp at large sizes.
// Must be called after the renderer created the ImGui context and before the first frame.
#pragma once

#include <string>
#include <vector>

#include <imgui.h>

namespace gt::twin {

struct UiFontChoice {
  bool loaded = false;  // false: ImGui's built-in font (ASCII only)
  std::string file;     // the font file used
  int face = 0;         // index inside a .ttc collection
  std::string warning;  // for the user when no CJK font was found
};

// Owns the glyph ranges the atlas points at, which must live as long as the atlas does.
class UiFontSet {
 public:
  // Adds the font to ImGui's atlas at `pixel_size`, with glyphs for ASCII, Latin-1 and every
  // character of `texts`. The caller then asks the renderer to rebuild the UI fonts.
  UiFontChoice load(const std::vector<std::string>& texts, float pixel_size);

 private:
  ImVector<ImWchar> ranges_;
};

// The UI's font size in framebuffer pixels: 20 px at 1080p, growing with the viewport height
// (a wall screen shows the same layout, larger), at least 15 px times the screen's content
// scale (a HiDPI laptop), all times `ui_scale` (--ui-scale, > 0). The atlas is baked at this
// size, so text is drawn one texel per pixel and never stretched.
float uiFontPixels(int viewport_height, float content_scale = 1.f, float ui_scale = 1.f);

// How much ImGui's paddings and spacings grow for a font of `font_pixels`: 1 up to 20 px.
float uiStyleScale(float font_pixels);

}  // namespace gt::twin
