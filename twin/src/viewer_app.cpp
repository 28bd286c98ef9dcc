// runViewer(): start-up in the order that lets slow things overlap (the live feed connects
// while Vulkan starts), the frame loop, and what is written after the last frame (screenshot,
// probes, benchmark figures).
#include <algorithm>
#include <chrono>
#include <cstdio>
#include <fstream>
#include <memory>
#include <optional>
#include <thread>
#include <vector>

#include <imgui.h>

#include "camera_framing.h"
#include "engine/renderer.h"
#include "engine/startup_timing.h"
#include "greentwin/site_config.h"
#include "live_feed.h"
#include "model_load_overlay.h"
#include "probes_json.h"
#include "side_panel.h"
#include "site_view.h"
#include "twin_state.h"
#include "ui_fonts.h"
#include "viewer_options.h"

namespace gt::twin {
namespace {

// Node names of a huge model would bloat the glyph atlas; the first ones give the script.
constexpr size_t kMaxNodeNamesForGlyphs = 20000;
constexpr int kDefaultBenchmarkFrames = 120;
// One KPI tick of the default 10 s and some slack.
constexpr int kBalanceWaitMs = 12000;

void warn(const std::string& text) {
  std::fprintf(stderr, "greentwin-viewer: %s\n", text.c_str());
}

std::optional<SiteConfig> loadSite(const std::filesystem::path& file, std::string& error) {
  try {
    return loadSiteConfig(file);
  } catch (const ConfigError& e) {
    error = e.what();  // already "file:line:col: problem"
  } catch (const std::exception& e) {
    error = file.string() + ": " + e.what();
  }
  return std::nullopt;
}

// Headless with a site: give the daemon time to answer the snapshot request, so the one
// screenshot shows live values. Ends early on the reply; ends at the limit when no daemon
// answers (the panel then says the connection is lost).
void waitForSnapshot(const TwinState& state, int wait_ms) {
  const int64_t hard_deadline = monotonicMs() + wait_ms + 1000;
  while (monotonicMs() < hard_deadline) {
    const TwinSnapshot snapshot = state.snapshot();
    if (snapshot.has_snapshot) return;
    if (snapshot.listening_since_ms != 0 &&
        monotonicMs() - snapshot.listening_since_ms >= wait_ms) {
      return;
    }
    std::this_thread::sleep_for(std::chrono::milliseconds(20));
  }
}

// The Sankey's data: the first `balance` message, or give up at the limit (the panel then says
// it is waiting).
void waitForBalance(const TwinState& state, int wait_ms) {
  const int64_t deadline = monotonicMs() + wait_ms;
  while (monotonicMs() < deadline && !state.snapshot().balance) {
    std::this_thread::sleep_for(std::chrono::milliseconds(50));
  }
}

double median(std::vector<double> values) {
  if (values.empty()) return 0.0;
  const size_t middle = values.size() / 2;
  std::nth_element(values.begin(), values.begin() + static_cast<std::ptrdiff_t>(middle),
                   values.end());
  return values[middle];
}

// Headless: the frames are the output (screenshot, probes, benchmark), so they wait for the
// model. Returns the load's error, or empty with `model` set.
std::string waitForModel(engine::Renderer& renderer, std::optional<engine::ModelInfo>& model) {
  for (;;) {
    if ((model = renderer.takeLoadedModel())) return {};
    const engine::LoadStatus status = renderer.loadStatus();
    if (status.state == engine::LoadStatus::State::Failed) return status.error;
    std::this_thread::sleep_for(std::chrono::milliseconds(1));
  }
}

double msSince(std::chrono::steady_clock::time_point start) {
  return std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now() - start)
      .count();
}

bool writeText(const std::filesystem::path& file, const std::string& text) {
  std::ofstream out(file, std::ios::binary);
  out << text;
  return static_cast<bool>(out.flush());
}

}  // namespace

int runViewer(const ViewerOptions& options) {
  std::optional<SiteConfig> site;
  if (!options.site.empty()) {
    std::string error;
    site = loadSite(options.site, error);
    if (!site) {
      std::fprintf(stderr, "%s\n", error.c_str());
      return kExitUsage;
    }
  }

  TwinState state;
  std::unique_ptr<LiveFeed> feed;
  if (site) {
    try {
      feed = LiveFeed::start(site->ingest, state);
    } catch (const std::exception& e) {
      warn(options.site.string() + ": " + e.what());
      return kExitUsage;
    }
  }

  // Declared before the renderer: ImGui's atlas points at the glyph ranges until it dies.
  UiFontSet fonts;
  engine::RendererOptions renderer_options;
  renderer_options.width = options.width;
  renderer_options.height = options.height;
  renderer_options.headless = options.headless;
  renderer_options.msaa = options.msaa;
  renderer_options.validation = options.validation;
  using Cascades = engine::RendererOptions::ShadowCascades;
  renderer_options.shadow_cascades = options.shadows == "cascades" ? Cascades::On
                                     : options.shadows == "site"   ? Cascades::Off
                                                                   : Cascades::Automatic;
  renderer_options.vsync = !options.benchmark;
  renderer_options.title = site ? "GreenTwin - " + site->name_en : "GreenTwin";
  renderer_options.cache_dir = options.cache_dir;
  renderer_options.model_cache = !options.no_cache;
  // A model given on the command line wins over the site's, so a site can be tried on a
  // newer model before its site.toml changes. It starts loading while the renderer starts, on
  // a worker thread (through the importer process on a cache miss); the window meanwhile
  // draws a progress bar.
  // [[model]] entries are placed and merged into one scene; one that is missing is named
  // (ModelInfo::problems) and the others still load.
  const bool placed_models =
      options.model.empty() && site && !site->models.empty() && !site->models[0].id.empty();
  const std::filesystem::path model_file =
      !options.model.empty() ? options.model : (placed_models ? site->models[0].file : site->model);
  std::error_code exists_error;
  const bool model_exists = placed_models || std::filesystem::exists(model_file, exists_error);
  if (placed_models) {
    for (const SiteModel& m : site->models) {
      auto vec = [](const std::array<double, 3>& a) {
        return glm::vec3(static_cast<float>(a[0]), static_cast<float>(a[1]),
                         static_cast<float>(a[2]));
      };
      renderer_options.initial_models.push_back(
          {m.id, m.file, vec(m.translate), vec(m.rotate_deg), static_cast<float>(m.scale)});
    }
  } else if (model_exists) {
    renderer_options.initial_model = model_file;
  }
  std::unique_ptr<engine::Renderer> renderer;
  try {
    renderer = engine::Renderer::create(renderer_options);
  } catch (const std::exception& e) {
    warn(e.what());
    return kExitFailure;
  }
  // Where the first frame's time goes (--benchmark): milliseconds since the process started.
  const double renderer_ready_ms = msSince(options.process_start);

  std::optional<engine::ModelInfo> model;
  std::string model_error;
  bool loading = false;
  if (!model_exists) {
    model_error = "cannot open model '" + model_file.string() + "': no such file";
  } else {
    loading = true;
    if (options.headless) {
      model_error = waitForModel(*renderer, model);
      loading = false;
      engine::markStartupPhase("model.uploaded");
    }
  }
  const double model_ready_ms = msSince(options.process_start);
  if (!model_error.empty()) {
    warn(model_error);
    if (!site) return kExitFailure;
  }

  Language language = options.language;
  UiFontChoice font;
  bool font_warned = false;
  // The atlas holds only the glyphs the UI will draw, so it is rebuilt once the model's names
  // are known; and at the size the screen needs, so it is rebuilt when the window moves to a
  // monitor of another content scale.
  std::vector<std::string> font_texts;
  float font_content_scale = 0.f, font_density = 0.f;
  const auto loadFonts = [&](const std::vector<std::string>& texts) {
    font_texts = texts;
    font_content_scale = renderer->contentScale();
    // Framebuffer pixels per ImGui unit: 1 on X11, 2 on a scaled Wayland output. The atlas is
    // baked in framebuffer pixels and drawn at 1/density, so a texel is still one pixel.
    font_density = std::max(1.f, ImGui::GetIO().DisplayFramebufferScale.y);
    const float pixels = uiFontPixels(options.height, font_content_scale, options.ui_scale);
    font = fonts.load(texts, pixels);
    ImGui::GetIO().FontGlobalScale = 1.f / font_density;
    ImGui::GetStyle() = ImGuiStyle();
    ImGui::GetStyle().ScaleAllSizes(uiStyleScale(pixels / font_density));
    if (!font.loaded) {
      if (!font_warned) warn(font.warning);
      font_warned = true;
      language = Language::En;
    }
    renderer->rebuildUiFonts();
  };

  std::optional<SiteView> site_view;
  // Once the load has ended, with the model or its error: binds the site to the model, frames
  // the camera and refreshes the font. Windowed, this runs a few frames in.
  const auto modelEnded = [&] {
    if (model)
      for (const std::string& problem : model->problems) warn(problem);
    if (site) site_view.emplace(*site, state, *renderer, model_error);
    if (site_view) {
      site_view->setXray(options.xray);
      site_view->setGrid(options.grid);
      site_view->setFlows(!options.no_flows);
      site_view->setSankey(options.panel == "sankey");
      for (const std::string& problem : site_view->flowProblems()) warn(problem);
      if (!options.select.empty() && !site_view->select(options.select))
        warn("--select: no equipment '" + options.select + "' in the model");
    } else if (model) {
      renderer->setGridVisible(options.grid);
      const engine::NodeHandle node = renderer->findNode(options.select);
      if (node.valid()) renderer->setOutline(node, {0.f, 0.85f, 1.f});
      if (!options.select.empty() && !node.valid())
        warn("--select: no node '" + options.select + "' in the model");
    }
    if (site_view && model_error.empty()) {
      for (const std::string& name : site_view->missingCutaways()) {
        warn("cutaway node '" + name + "' is not in the model");
      }
      for (const BoundEquipment& bound : site_view->equipment()) {
        if (bound.found()) continue;
        warn("equipment " + bound.equipment->id + ": node '" + bound.equipment->node +
             "' is not in the model");
      }
    }
    if (model) {
      // A site opens on its equipment (the plant, not the car park); a bare model on itself.
      const engine::Bounds equipment =
          site_view ? equipmentBounds(site_view->equipment()) : engine::Bounds{};
      frameBesidePanel(renderer->camera(), equipment.empty() ? model->bounds : equipment,
                       renderer->viewportSize(), sidePanelRect(renderer->viewportSize()));
      if (!options.viewpoint.empty() &&
          !(site_view && site_view->showViewpoint(options.viewpoint, 0.0)))
        warn("--viewpoint: the site has no viewpoint '" + options.viewpoint + "'");
      if (options.camera == "fly") renderer->setCameraMode(engine::CameraMode::Fly);
      if (options.camera == "walk") renderer->setCameraMode(engine::CameraMode::Walk);
    }
    std::vector<std::string> texts;
    if (site_view) {
      texts = site_view->texts();
    } else if (model) {
      for (size_t i = 0; i < model->nodes.size() && i < kMaxNodeNamesForGlyphs; ++i) {
        texts.push_back(model->nodes[i].name);
      }
    }
    texts.push_back(model_file.filename().string());
    if (model) texts.insert(texts.end(), model->problems.begin(), model->problems.end());
    loadFonts(texts);
  };
  // Windowed: once per frame until the load ends.
  const auto pollModelLoad = [&] {
    model = renderer->takeLoadedModel();
    if (!model) {
      const engine::LoadStatus status = renderer->loadStatus();
      if (status.state != engine::LoadStatus::State::Failed) return;
      model_error = status.error;
      warn(model_error);
    }
    loading = false;
    modelEnded();
  };

  if (loading) {
    loadFonts({model_file.filename().string()});
  } else {
    modelEnded();
  }
  const double ui_ready_ms = msSince(options.process_start);
  engine::markStartupPhase("ui.ready");

  PanelCommands pending;
  NodeFilter node_filter{};
  renderer->setUiCallback([&] {
    if (loading) {
      drawModelLoadOverlay(renderer->loadStatus(), language, renderer->viewportSize());
      return;
    }
    if (site_view) {
      pending = site_view->drawUi(language);
    } else {
      ModelPanelInput in;
      in.model = model ? &*model : nullptr;
      in.model_error = model_error;
      in.language = language;
      in.rect = sidePanelRect(renderer->viewportSize());
      pending = drawModelPanel(in, node_filter);
    }
    if (model) drawModelProblems(model->problems, language, renderer->viewportSize());
  });

  if (options.headless && feed) waitForSnapshot(state, options.wait_data_ms);
  // The balance comes with the KPI tick ([kpi] interval_s, 10 s by default), not with the
  // snapshot: a picture of the Sankey waits one tick for it, then draws its carrier names.
  if (options.headless && feed && site_view && options.panel == "sankey") {
    waitForBalance(state, kBalanceWaitMs);
    site_view->prepareFrame(0);
    if (site_view->hasBalance()) loadFonts(site_view->texts());
  }
  bool balance_glyphs = options.headless;

  std::optional<int> frames = options.frames;
  if (!frames && options.headless) frames = options.benchmark ? kDefaultBenchmarkFrames : 1;
  std::vector<double> frame_cpu_ms;
  double first_frame_ms = 0, first_cpu_ms = 0;
  for (int frame = 0; !frames || frame < *frames; ++frame) {
    if (loading) pollModelLoad();
    if (renderer->contentScale() != font_content_scale ||
        std::max(1.f, ImGui::GetIO().DisplayFramebufferScale.y) != font_density)
      loadFonts(font_texts);
    // Headless, the flows' chevrons move by frame count, so the same run draws the same picture.
    const double flow_seconds =
        options.headless ? frame / 60.0 : msSince(options.process_start) / 1e3;
    if (site_view) site_view->prepareFrame(flow_seconds);
    if (!balance_glyphs && site_view && site_view->hasBalance()) {
      loadFonts(site_view->texts());  // the carriers' names first come with the balance
      balance_glyphs = true;
    }
    if (!renderer->renderFrame()) break;
    if (frame == 0) {
      engine::markStartupPhase("frame.first_rendered");
      first_cpu_ms = renderer->lastFrameTiming().cpu_ms;
      if (options.benchmark) {
        renderer->readback();
        first_frame_ms = msSince(options.process_start);
      }
    } else {
      frame_cpu_ms.push_back(renderer->lastFrameTiming().cpu_ms);
    }
    if (pending.fly_to) renderer->flyTo(*pending.fly_to);
    if (pending.language && (font.loaded || *pending.language == Language::En)) {
      language = *pending.language;
    }
    pending = {};
  }

  int status = kExitOk;
  if (!options.screenshot.empty()) {
    try {
      engine::writePng(renderer->readback(), options.screenshot);
      engine::markStartupPhase("screenshot.written");
    } catch (const std::exception& e) {
      warn(e.what());
      status = kExitFailure;
    }
  }
  if (!options.probes.empty()) {
    const std::vector<EquipmentProbe> probes =
        site_view ? site_view->probes() : std::vector<EquipmentProbe>{};
    if (!writeText(options.probes, probesJson(probes, renderer->viewportSize()))) {
      warn("cannot write probes to '" + options.probes.string() + "'");
      status = kExitFailure;
    }
  }
  if (options.benchmark) {
    std::printf("viewer.first_frame_ms %.2f ms\n", first_frame_ms);
    std::printf("viewer.startup.renderer_ready_ms %.2f ms\n", renderer_ready_ms);
    std::printf("viewer.startup.model_ready_ms %.2f ms\n", model_ready_ms);
    std::printf("viewer.startup.ui_ready_ms %.2f ms\n", ui_ready_ms);
    std::printf("viewer.startup.first_frame_cpu_ms %.2f ms\n", first_cpu_ms);
    std::printf("viewer.frame_ms %.3f ms\n",
                frame_cpu_ms.empty() ? first_cpu_ms : median(frame_cpu_ms));
    // Of the last frame: indexed draws recorded, and the placements (instances) they drew.
    const engine::FrameTiming last = renderer->lastFrameTiming();
    std::printf("viewer.draw_calls %u calls\n", last.draw_calls);
    std::printf("viewer.draw_instances %u instances\n", last.instances);
    std::fflush(stdout);
  }
  return status;
}

}  // namespace gt::twin
