// greentwin-viewer: the 3D twin of a site (--site site.toml) or a plain model viewer
// (greentwin-viewer model.glb). Parses the command line and hands over to runViewer().
#include <chrono>
#include <cstdio>
#include <string>

#include <CLI/CLI.hpp>

#include "viewer_options.h"

namespace {

// Taken during static initialisation, the closest a program gets to its own exec() without
// reading /proc: the start of viewer.first_frame_ms.
const auto kProcessStart = std::chrono::steady_clock::now();

bool parseSize(const std::string& text, int& width, int& height) {
  int w = 0, h = 0;
  char x = 0, extra = 0;
  if (std::sscanf(text.c_str(), "%d%c%d%c", &w, &x, &h, &extra) != 3 || (x != 'x' && x != 'X')) {
    return false;
  }
  if (w < 16 || h < 16 || w > 16384 || h > 16384) return false;
  width = w;
  height = h;
  return true;
}

}  // namespace

int main(int argc, char** argv) {
  gt::twin::ViewerOptions options;
  options.process_start = kProcessStart;
  std::string site, model, screenshot, probes, cache_dir, size = "1280x720", language = "zh";

  CLI::App app{
      "GreenTwin viewer: the live energy and carbon state of a site on its 3D model, "
      "or any 3D model on its own."};
  app.add_option("model", model, "A 3D model to open alone (glTF/GLB, OBJ, FBX, STL, ...)");
  app.add_option("--site", site, "Site configuration (site.toml): live data on the site's model");
  app.add_flag("--headless", options.headless, "No window: render offscreen (lavapipe works)");
  app.add_option("--frames", options.frames, "Render this many frames, then exit")
      ->check(CLI::PositiveNumber);
  app.add_option("--screenshot", screenshot, "Write the last frame to this PNG");
  app.add_option("--size", size, "Viewport size WxH")->capture_default_str();
  app.add_option("--lang", language, "UI language: zh or en")
      ->check(CLI::IsMember({"zh", "en"}))
      ->capture_default_str();
  app.add_option("--msaa", options.msaa, "MSAA samples (lowered to what the GPU supports)")
      ->check(CLI::IsMember({1, 2, 4, 8}))
      ->capture_default_str();
  app.add_option("--ui-scale", options.ui_scale,
                 "Text and panels this many times larger, on top of the screen's own scale "
                 "(e.g. 2 for a video wall read from across the room)")
      ->check(CLI::Range(0.5f, 4.f))
      ->capture_default_str();
  app.add_option("--shadows", options.shadows,
                 "Sun shadows: cascades (sharp up close), site (one map for the whole site, "
                 "cheapest) or auto (cascades on a GPU, site on a CPU renderer)")
      ->check(CLI::IsMember({"auto", "cascades", "site"}))
      ->capture_default_str();
  app.add_flag("--validation", options.validation, "Enable the Vulkan validation layers");
  app.add_option("--probes", probes, "After the last frame, write equipment probes as JSON");
  app.add_flag("--benchmark", options.benchmark,
               "Print viewer.first_frame_ms and viewer.frame_ms (median) on stdout");
  app.add_option("--wait-data-ms", options.wait_data_ms,
                 "Headless with --site: wait up to this long for live data before rendering")
      ->check(CLI::NonNegativeNumber)
      ->capture_default_str();
  app.add_option("--cache-dir", cache_dir,
                 "Folder for imported models (default: $GREENTWIN_CACHE_DIR, else "
                 "~/.cache/greentwin/models)");
  app.add_flag("--no-cache", options.no_cache,
               "Import the model every time; read and write no cache");
  app.add_option("--select", options.select,
                 "Start with this equipment (id, with --site) or node (name) selected");
  app.add_flag("--xray", options.xray,
               "Show the site's cutaway nodes (roofs) translucent instead of hidden");
  app.add_flag("--grid", options.grid, "Show the ground grid");
  app.add_flag("--no-flows", options.no_flows, "Hide the site's energy flows ([[flow]])");
  app.add_option("--panel", options.panel,
                 "Open a panel at start (with --site): sankey (the energy balance; key B)")
      ->check(CLI::IsMember({"sankey"}));
  app.add_option("--viewpoint", options.viewpoint,
                 "Start at the site's [[viewpoint]] with this id (with --site)");
  app.add_option("--camera", options.camera, "Camera mode at start: orbit, fly or walk")
      ->check(CLI::IsMember({"orbit", "fly", "walk"}))
      ->capture_default_str();
  try {
    app.parse(argc, argv);
  } catch (const CLI::ParseError& e) {
    const int code = app.exit(e);
    return code == 0 ? gt::twin::kExitOk : gt::twin::kExitUsage;
  }

  if (site.empty() && model.empty()) {
    std::fprintf(stderr, "greentwin-viewer: give a model to open or --site site.toml\n%s",
                 app.help().c_str());
    return gt::twin::kExitUsage;
  }
  if (!parseSize(size, options.width, options.height)) {
    std::fprintf(stderr, "greentwin-viewer: --size '%s' is not WIDTHxHEIGHT (e.g. 1920x1080)\n",
                 size.c_str());
    return gt::twin::kExitUsage;
  }
  options.site = site;
  options.model = model;
  options.screenshot = screenshot;
  options.probes = probes;
  options.cache_dir = cache_dir;
  options.language = *gt::twin::parseLanguage(language);
  return gt::twin::runViewer(options);
}
