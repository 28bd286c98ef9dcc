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

namespace gt::engine {

struct RendererOptions {
  int width = 1280, height = 720;
  bool headless = false;  // offscreen image, no window, no display needed
  int msaa = 4;           // samples; lowered to what the device supports
  bool validation = false;
  bool vsync = true;
  std::string title = "GreenTwin";
  std::filesystem::path shader_dir;  // folder with the compiled *.spv
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

// Per-frame input state the twin may want (mouse for picking a list entry, etc.).
struct FrameTiming {
  double cpu_ms = 0;  // time spent in renderFrame()
  uint64_t frame_index = 0;
};

class Renderer {
 public:
  // Creates the Vulkan device, the window (unless headless) and the UI context.
  // Throws std::runtime_error with a message a user understands (no Vulkan driver, ...).
  static std::unique_ptr<Renderer> create(const RendererOptions& options);
  virtual ~Renderer() = default;

  // Loads a model (glTF/GLB, OBJ, FBX, STL, ...) through Assimp, replacing the current one.
  // Throws std::runtime_error naming the file and the reason.
  virtual ModelInfo loadModel(const std::filesystem::path& file) = 0;

  virtual NodeHandle findNode(std::string_view name) const = 0;
  virtual Bounds nodeBounds(NodeHandle node) const = 0;
  // Blends the node's (and its children's) colour towards rgb by `amount` (0 = no tint).
  virtual void setTint(NodeHandle node, const glm::vec3& rgb, float amount) = 0;
  virtual void clearTints() = 0;
  // Hides or shows the node and its children (a roof cut away to show the machines inside).
  virtual void setVisible(NodeHandle node, bool visible) = 0;

  // The named node drawn at `pixel` (from the top-left corner, as projectToScreen returns; any
  // point inside a pixel picks that pixel) with the current camera, or an invalid handle for
  // sky. Hidden nodes and glass are looked through. The result is the deepest named node at or
  // above the surface hit, the handle findNode(name) returns: a click on an unnamed part of
  // CNC-03 returns CNC-03. Pure CPU (a ray cast against a hierarchy built at loadModel); it
  // neither waits for nor disturbs the GPU.
  virtual NodeHandle pick(glm::vec2 pixel) const = 0;
  // As pick(), with the hit point; nullopt only when the ray meets no surface at all.
  virtual std::optional<PickHit> pickHit(glm::vec2 pixel) const = 0;

  virtual OrbitCamera& camera() = 0;
  // Starts a smooth camera flight that ends framing `b`.
  virtual void flyTo(const Bounds& b, double seconds = 1.0) = 0;

  // Called once per frame between the UI's NewFrame and Render: the twin draws its ImGui
  // panels and labels here. The engine owns the ImGui context and backends.
  virtual void setUiCallback(std::function<void()> callback) = 0;
  // Call after adding fonts to ImGui's atlas so the engine uploads it before the next frame.
  virtual void rebuildUiFonts() = 0;

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
