// The renderer's public API. It knows models, nodes, cameras and images, and offers general
// capabilities (tint a node, a UI pass hook) that the twin gives meaning to. No Vulkan, GLFW
// or Assimp types appear here: they stay in engine/src.
#pragma once

#include <cstdint>
#include <filesystem>
#include <functional>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include <glm/glm.hpp>

#include "engine/camera.h"
#include "engine/handles.h"
#include "engine/ribbon.h"

namespace gt::engine {

// One model of a scene made of several (site.toml's [[model]]: buildings, equipment, terrain).
// Placed by scale, then rotations about X, Y, Z (degrees, in that order), then translation
// (metres, Y up). Its nodes are named "<id>/<node>" under a root node "<id>"; an empty id
// (allowed for a lone model only) keeps the model's own names.
struct ModelPlacement {
  std::string id;
  std::filesystem::path file;
  glm::vec3 translate{0.f};
  glm::vec3 rotate_deg{0.f};
  float scale = 1.f;
};

struct RendererOptions {
  int width = 1280, height = 720;
  bool headless = false;  // offscreen image, no window, no display needed
  int msaa = 4;           // samples; lowered to what the device supports
  bool validation = false;
  bool vsync = true;
  std::string title = "GreenTwin";
  std::filesystem::path shader_dir;  // folder with the compiled *.spv
  // Models are imported by a separate process (greentwin-import) into a binary scene cache,
  // keyed by the file's content and the importer's version (docs/architecture.md).
  // cache_dir empty: $GREENTWIN_CACHE_DIR, else $XDG_CACHE_HOME/greentwin/models, else
  // $HOME/.cache/greentwin/models. model_cache false: import every time, keep nothing.
  std::filesystem::path cache_dir;
  bool model_cache = true;
  // The importer executable; empty: $GREENTWIN_IMPORTER, else greentwin-import next to the
  // running program.
  std::filesystem::path importer;
  // When set, create() starts beginLoadModel(initial_model) before it creates the device, so
  // the import or cache read overlaps Vulkan start-up; collect it with takeLoadedModel().
  std::filesystem::path initial_model;
  // Instead of initial_model: starts beginLoadModels(initial_models) when not empty.
  std::vector<ModelPlacement> initial_models;
  // Sun shadows from cascades around the camera (sharp up close) plus the whole-site map, or
  // the whole-site map alone (cheaper when the camera moves; tests compare the two). Automatic:
  // cascades on a GPU; on a CPU rasteriser (lavapipe) redrawing three cascades in every frame the
  // camera moves made a walking frame 3.4 times slower, so there the whole-site map alone.
  enum class ShadowCascades { Automatic, On, Off };
  ShadowCascades shadow_cascades = ShadowCascades::Automatic;
};

struct NodeInfo {
  std::string name;
  NodeHandle handle;
  Bounds world_bounds;  // of the node and its children
  uint32_t triangles = 0;
};

struct ModelInfo {
  std::filesystem::path file;
  Bounds bounds;
  uint64_t triangles = 0;
  uint32_t meshes = 0;
  std::vector<NodeInfo> nodes;  // every named node, in file order
  // Models of a beginLoadModels/loadModels scene that could not be loaded, one message each
  // (starting with the file); the others are in the scene.
  std::vector<std::string> problems;
};

// An RGBA8 image, rows top to bottom.
struct Image {
  int width = 0, height = 0;
  std::vector<uint8_t> rgba;
};

// What lies under a pixel: the named node that was clicked and where the ray met it.
struct PickHit {
  NodeHandle node;       // invalid when the surface belongs to no named node
  glm::vec3 point{0.f};  // world space, on the nearest surface
  float distance = 0.f;  // metres from the near plane along the pixel's ray
};

// Where an asynchronous model load (beginLoadModel) stands.
struct LoadStatus {
  enum class State { Idle, Loading, Ready, Failed };
  State state = State::Idle;  // Ready: takeLoadedModel() will hand it over
  std::filesystem::path file;
  std::string stage;     // a few words for the screen: "reading the file", ...
  float fraction = 0.f;  // 0..1, rising
  std::string error;     // Failed: the message, starting with the file path
};

// Per-frame input state the twin may want (mouse for picking a list entry, etc.).
struct FrameTiming {
  double cpu_ms = 0;  // time spent in renderFrame()
  uint64_t frame_index = 0;
  // The model's indexed draws recorded in the frame (all passes: shadow, main, outlines) and
  // the placements they drew; without instancing the two would be equal.
  uint32_t draw_calls = 0;
  uint32_t instances = 0;
};

class Renderer {
 public:
  // Creates the Vulkan device, the window (unless headless) and the UI context.
  // Throws std::runtime_error with a message a user understands (no Vulkan driver, ...).
  static std::unique_ptr<Renderer> create(const RendererOptions& options);
  virtual ~Renderer() = default;

  // Loads a model (glTF/GLB, OBJ, FBX, STL, ...), replacing the current one: from the scene
  // cache when the file was imported before, else through the importer process (Assimp), which
  // also fills the cache. Blocks until the model is on the GPU.
  // Throws std::runtime_error naming the file and the reason (also when the importer crashes
  // on the file: the renderer stays usable and keeps its current model).
  virtual ModelInfo loadModel(const std::filesystem::path& file) = 0;
  // The same load without blocking: the import (or cache read) runs on a worker thread while
  // renderFrame() keeps drawing the sky or the previous model. Progress goes to loadStatus()
  // and, a few lines a second at most, to stderr. A newer call abandons an older load (its
  // importer process is killed).
  virtual void beginLoadModel(const std::filesystem::path& file) = 0;
  // Several models placed in one scene, loaded and merged as one model (ModelPlacement). A
  // model that cannot be loaded is left out and named in ModelInfo::problems; only when none
  // loads does the load fail, with every model's message. Ids must be unique.
  virtual ModelInfo loadModels(const std::vector<ModelPlacement>& models) = 0;
  virtual void beginLoadModels(std::vector<ModelPlacement> models) = 0;
  virtual LoadStatus loadStatus() const = 0;
  // Call on the render thread, e.g. once per frame: when the load is Ready, uploads the model
  // (replacing the current one, as loadModel does) and returns its info; otherwise nullopt.
  // A failure is not thrown: loadStatus() says Failed, with the message, until the next load.
  virtual std::optional<ModelInfo> takeLoadedModel() = 0;

  virtual NodeHandle findNode(std::string_view name) const = 0;
  virtual Bounds nodeBounds(NodeHandle node) const = 0;
  // Blends the node's (and its children's) colour towards rgb by `amount` (0 = no tint).
  virtual void setTint(NodeHandle node, const glm::vec3& rgb, float amount) = 0;
  virtual void clearTints() = 0;
  // Hides or shows the node and its children (a roof cut away to show the machines inside).
  virtual void setVisible(NodeHandle node, bool visible) = 0;

  // Drawing capabilities
  // Outlines the silhouette of the node and its children in `rgb` (sRGB, 0..1): a ring of
  // constant width (~2.5 px at 1080p, scaled with the view's height) drawn over everything.
  // Where the node is behind other geometry it is also filled faintly in `rgb`, so a selected
  // machine behind a wall can be found. Outlining an outlined node again changes its colour;
  // at most kMaxOutlines nodes at once (a selection and a hover; more are ignored). An
  // invalid handle, or one from an earlier model, is ignored.
  static constexpr size_t kMaxOutlines = 8;
  virtual void setOutline(NodeHandle node, const glm::vec3& rgb) = 0;
  virtual void clearOutline(NodeHandle node) = 0;
  virtual void clearOutlines() = 0;
  // Draws the node and its children translucent with `opacity` (0 < opacity < 1; 0 or 1 turn
  // x-ray off): sorted with the glass, they hide nothing behind them, cast no shadow and are
  // looked through by pick() (walls made see-through to show the machines inside).
  virtual void setXray(NodeHandle node, float opacity) = 0;
  virtual void clearXray() = 0;
  // Section planes, world space: (normal.xyz, d) keeps the side where dot(normal, p) + d >= 0.
  // Everything on the other side is neither drawn, nor casts shadows, nor is picked; the
  // inside of cut solids shows in a flat cap colour, so a cut wall reads as solid. At most 4
  // planes (more are ignored); an empty list removes the cut. Normals need not be unit length.
  static constexpr size_t kMaxSectionPlanes = 4;
  virtual void setSectionPlanes(const std::vector<glm::vec4>& planes) = 0;
  // The flat colour of cut faces, sRGB 0..1 (a light slate grey by default).
  virtual void setSectionCapColour(const glm::vec3& rgb) = 0;
  // A ground grid on the plane under the model (y = the model's lowest point): 1 m minor and
  // 10 m major lines, fading with distance, under the model and without shadows. Off by default.
  virtual void setGridVisible(bool visible) = 0;
  // Replaces the ribbons drawn along paths (engine/ribbon.h); an empty list removes them. The
  // vertices are rebuilt here, once, not every frame: call it when a ribbon changes.
  virtual void setRibbons(const std::vector<Ribbon>& ribbons) = 0;
  // The time, in seconds, that the ribbons' chevrons have scrolled for (speed x time metres).
  // The caller's clock: wall time live, a fixed value for a repeatable picture. Only its
  // remainder modulo 3600 s is used, so the pattern jumps once an hour.
  virtual void setRibbonTime(double seconds) = 0;

  // The named node drawn at `pixel` (from the top-left corner, as projectToScreen returns; any
  // point inside a pixel picks that pixel) with the current camera, or an invalid handle for
  // sky. Hidden nodes and glass are looked through. The result is the deepest named node at or
  // above the surface hit, the handle findNode(name) returns: a click on an unnamed part of
  // CNC-03 returns CNC-03. Pure CPU (a ray cast against a hierarchy built at loadModel); it
  // neither waits for nor disturbs the GPU.
  virtual NodeHandle pick(glm::vec2 pixel) const = 0;
  // False while the picking hierarchy of a just-loaded model is still being built (seconds for
  // a big model): pick() would then wait for it, so per-frame callers (hover) skip until true.
  virtual bool pickingReady() const = 0;
  // As pick(), with the hit point; nullopt only when the ray meets no surface at all.
  virtual std::optional<PickHit> pickHit(glm::vec2 pixel) const = 0;

  virtual OrbitCamera& camera() = 0;
  // Starts a smooth camera flight that ends framing `b`.
  virtual void flyTo(const Bounds& b, double seconds = 1.0) = 0;
  // Starts a smooth flight to a saved viewpoint (eye, target and view angles all glide).
  virtual void flyTo(const Viewpoint& viewpoint, double seconds = 1.0) = 0;
  // Orbit (default), fly or walk: how the window's mouse and keys move the camera. Entering
  // walk mode sets the eye down at eye height on the floor up to 6 m in front of the orbit
  // target (on the camera's side), looking level at it; each frame after that keeps it on
  // whatever floor is under it (a ray cast against the visible model), climbing steps and
  // falling off edges. F (frame all) returns to orbit mode.
  virtual void setCameraMode(CameraMode mode) = 0;
  virtual CameraMode cameraMode() const = 0;

  // Called once per frame between the UI's NewFrame and Render: the twin draws its ImGui
  // panels and labels here. The engine owns the ImGui context and backends.
  virtual void setUiCallback(std::function<void()> callback) = 0;
  // Call after adding fonts to ImGui's atlas so the engine uploads it before the next frame.
  virtual void rebuildUiFonts() = 0;
  // The window's content scale (GLFW: 2 on a screen set to 200 %, from Xft.dpi on X11); 1
  // headless. It changes when the window moves to another monitor: poll it once per frame and
  // rebuild the fonts at the new size, so text stays one atlas texel per pixel.
  virtual float contentScale() const = 0;

  // Polls window events, advances camera flights, draws one frame and presents it (windowed)
  // or keeps it in the offscreen image (headless). Returns false once the window is closed.
  virtual bool renderFrame() = 0;
  virtual FrameTiming lastFrameTiming() const = 0;
  // Waits for the GPU and copies the last rendered frame to host memory.
  virtual Image readback() = 0;

  virtual glm::ivec2 viewportSize() const = 0;
  virtual std::string deviceName() const = 0;
  virtual int msaaSamples() const = 0;
  // Validation-layer messages of error severity so far; always 0 unless options.validation.
  virtual uint32_t validationErrors() const = 0;
  // Unit vector from the scene towards the sun, world space (Y up). The sun is fixed; its
  // shadows fall along the opposite direction.
  virtual glm::vec3 sunDirection() const = 0;
};

// Writes an RGBA8 image as PNG. Throws std::runtime_error on failure.
void writePng(const Image& image, const std::filesystem::path& file);

}  // namespace gt::engine
