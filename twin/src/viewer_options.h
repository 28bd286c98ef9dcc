// What the command line asked the viewer to do (main.cpp parses it with CLI11).
#pragma once

#include <chrono>
#include <filesystem>
#include <optional>
#include <string>

#include "ui_strings.h"

namespace gt::twin {

struct ViewerOptions {
  std::filesystem::path site;   // --site: a site.toml; empty for the bare model viewer
  std::filesystem::path model;  // positional: a model to open alone
  bool headless = false;
  std::optional<int> frames;         // exit after this many frames
  std::filesystem::path screenshot;  // write the last frame as PNG
  std::filesystem::path probes;      // write the probe JSON after the last frame
  int width = 1280, height = 720;
  Language language = Language::Zh;
  int msaa = 4;
  float ui_scale = 1.f;          // --ui-scale: text and panels this many times larger (a far wall)
  std::string shadows = "auto";  // --shadows: auto, cascades or site (engine ShadowCascades)
  bool validation = false;
  bool benchmark = false;
  int wait_data_ms = 3000;          // headless with a site: wait this long for the snapshot
  std::filesystem::path cache_dir;  // --cache-dir: imported models; empty = the default
  bool no_cache = false;            // --no-cache: import every time, keep nothing
  std::string select;               // --select: equipment id (with a site) or node name to outline
  bool xray = false;             // --xray: the site's cutaway nodes translucent instead of hidden
  bool grid = false;             // --grid: the ground grid
  bool no_flows = false;         // --no-flows: hide the site's energy flows ([[flow]])
  std::string panel;             // --panel sankey: open the energy-balance Sankey at start
  std::string viewpoint;         // --viewpoint: start at the site's viewpoint with this id
  std::string camera = "orbit";  // --camera: orbit, fly or walk
  // When the process started, for viewer.first_frame_ms.
  std::chrono::steady_clock::time_point process_start = std::chrono::steady_clock::now();
};

// Exit codes: 0 ok, 1 runtime failure (no Vulkan, model failed without a site), 2 bad
// command line or site configuration.
inline constexpr int kExitOk = 0;
inline constexpr int kExitFailure = 1;
inline constexpr int kExitUsage = 2;

// Runs the viewer until the window closes or the frame count is reached.
int runViewer(const ViewerOptions& options);

}  // namespace gt::twin
