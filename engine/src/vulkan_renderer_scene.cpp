// Model loading, node lookup, picking and tints, camera flights and the UI hooks of
// VulkanRenderer.
#include <sys/resource.h>
#include <unistd.h>

#include "model_import.h"
#include "vulkan_renderer.h"

namespace gt::engine {
namespace {

// The opening view of a freshly loaded model: a 3/4 aerial view.
constexpr float kOpeningYaw = 0.7f;
constexpr float kOpeningPitch = 0.55f;

// For background work such as the BVH: on a two-core machine running lavapipe it would
// otherwise take a core from the first frames, which the user is waiting for. Linux gives
// each thread its own nice value.
void lowerThisThreadsPriority() {
  setpriority(PRIO_PROCESS, static_cast<id_t>(::gettid()), 10);
}

}  // namespace

ModelImportOptions VulkanRenderer::importOptions() const {
  return {options_.cache_dir, options_.model_cache, options_.importer};
}

ModelInfo VulkanRenderer::loadModel(const std::filesystem::path& file) {
  load_job_.reset();  // a synchronous load supersedes an asynchronous one
  return adoptModel(file, importModel(file, importOptions()).data);
}

void VulkanRenderer::beginLoadModel(const std::filesystem::path& file) {
  load_job_.reset();  // abandons (kills) an older load before the newer one starts
  load_job_ = std::make_unique<ModelLoadJob>(file, importOptions());
}

ModelInfo VulkanRenderer::loadModels(const std::vector<ModelPlacement>& models) {
  load_job_.reset();
  ImportedModel imported = importModels(models, importOptions());
  ModelInfo info = adoptModel(models.front().file, std::move(imported.data));
  info.problems = std::move(imported.problems);
  return info;
}

void VulkanRenderer::beginLoadModels(std::vector<ModelPlacement> models) {
  load_job_.reset();
  load_job_ = std::make_unique<ModelLoadJob>(std::move(models), importOptions());
}

LoadStatus VulkanRenderer::loadStatus() const {
  return load_job_ ? load_job_->status() : LoadStatus{};
}

std::optional<ModelInfo> VulkanRenderer::takeLoadedModel() {
  if (!load_job_) return std::nullopt;
  std::optional<ImportedModel> model = load_job_->take();
  if (!model) return std::nullopt;
  const std::filesystem::path file = load_job_->status().file;
  load_job_.reset();
  ModelInfo info = adoptModel(file, std::move(model->data));
  info.problems = std::move(model->problems);
  return info;
}

ModelInfo VulkanRenderer::adoptModel(const std::filesystem::path& file, ModelData imported) {
  GpuModel loaded = uploadModel(*ctx_, std::move(imported), pipelines_.material_set_layout.get());
  // Frames in flight may still draw the old model: it dies after the latest one has finished.
  if (model_) lastSubmittedSlot().deletions.defer(std::move(*model_));
  model_ = std::move(loaded);
  ++model_generation_;
  shadow_dirty_ = true;

  const ModelData& data = model_->data;
  // Built once per model, so a click costs a ray cast and never a rebuild; off this thread,
  // because the BVH of the demo plant takes ~180 ms that the first frame should not wait for.
  picker_ = std::async(std::launch::async, [triangles = pickableTriangles(data)]() mutable {
              lowerThisThreadsPriority();
              return RayPicker(std::move(triangles));
            }).share();
  ModelInfo info;
  info.file = file;
  info.bounds = data.bounds;
  info.triangles = data.triangles;
  info.meshes = static_cast<uint32_t>(data.meshes.size());
  node_by_name_.clear();
  for (uint32_t i = 0; i < data.nodes.size(); ++i) {
    const SceneNode& node = data.nodes[i];
    if (node.name.empty()) continue;
    const NodeHandle handle{i, model_generation_};
    info.nodes.push_back({node.name, handle, node.world_bounds, node.triangles});
    node_by_name_.emplace(node.name, i);  // the first node of a repeated name wins
  }

  flight_.cancel();
  camera_.yaw = kOpeningYaw;
  camera_.pitch = kOpeningPitch;
  const glm::vec2 size = viewportSize();
  camera_.frame(data.bounds, size.x / size.y);
  return info;
}

bool VulkanRenderer::validHandle(NodeHandle node) const {
  return model_ && node.valid() && node.generation == model_generation_ &&
         node.index < model_->data.nodes.size();
}

NodeHandle VulkanRenderer::findNode(std::string_view name) const {
  const auto it = node_by_name_.find(std::string(name));
  if (it == node_by_name_.end()) return {};
  return {it->second, model_generation_};
}

std::optional<PickHit> VulkanRenderer::pickHit(glm::vec2 pixel) const {
  const glm::vec2 size = viewportSize();
  // A minimised window, or a cursor outside the view (over another window): nothing under it.
  if (!model_ || size.x <= 0 || size.y <= 0) return std::nullopt;
  if (pixel.x < 0 || pixel.y < 0 || pixel.x >= size.x || pixel.y >= size.y) return std::nullopt;
  const Ray ray = rayThroughPixel(camera_, pixel, size);
  if (!picker_.valid()) return std::nullopt;
  // X-rayed nodes are looked through like hidden ones; cut-away parts are not there.
  const std::optional<RayHit> hit =
      picker_.get().cast(ray, lookThroughMask(*model_), section_planes_);
  if (!hit) return std::nullopt;
  PickHit out;
  out.point = hit->point;
  out.distance = hit->distance;
  if (const std::optional<uint32_t> named = namedAncestor(model_->data.nodes, hit->node)) {
    // Through the name, so that the handle equals findNode's even for a repeated name.
    const auto it = node_by_name_.find(model_->data.nodes[*named].name);
    if (it != node_by_name_.end()) out.node = {it->second, model_generation_};
  }
  return out;
}

bool VulkanRenderer::pickingReady() const {
  return picker_.valid() && picker_.wait_for(std::chrono::seconds(0)) == std::future_status::ready;
}

NodeHandle VulkanRenderer::pick(glm::vec2 pixel) const {
  const std::optional<PickHit> hit = pickHit(pixel);
  return hit ? hit->node : NodeHandle{};
}

Bounds VulkanRenderer::nodeBounds(NodeHandle node) const {
  return validHandle(node) ? model_->data.nodes[node.index].world_bounds : Bounds{};
}

void VulkanRenderer::setTint(NodeHandle node, const glm::vec3& rgb, float amount) {
  if (!validHandle(node)) return;  // a handle from a previous model: nothing to tint
  // Nodes are in depth-first order, so the subtree is a contiguous range.
  const SceneNode& n = model_->data.nodes[node.index];
  const glm::vec4 tint(rgb, std::clamp(amount, 0.f, 1.f));
  for (uint32_t i = node.index; i < n.subtree_end; ++i) model_->tints[i] = tint;
}

void VulkanRenderer::setVisible(NodeHandle node, bool visible) {
  if (!validHandle(node)) return;
  const SceneNode& n = model_->data.nodes[node.index];
  for (uint32_t i = node.index; i < n.subtree_end; ++i) model_->hidden[i] = visible ? 0 : 1;
  shadow_dirty_ = true;  // a roof cut away lets the sun in
}

void VulkanRenderer::clearTints() {
  if (model_) std::fill(model_->tints.begin(), model_->tints.end(), glm::vec4(0.f));
}

void VulkanRenderer::flyTo(const Bounds& b, double seconds) {
  if (b.empty()) return;
  const glm::vec2 size = viewportSize();
  flight_.start(camera_, b, size.x / size.y, seconds);
  if (seconds <= 0) flight_.advance(camera_, 0);
}

void VulkanRenderer::setUiCallback(std::function<void()> callback) {
  ui_->setCallback(std::move(callback));
}

void VulkanRenderer::rebuildUiFonts() {
  ui_->requestFontUpload();
}

}  // namespace gt::engine
