// UiLayer: ImGui context lifetime, font atlas uploads and per-frame UI recording.
#include "ui_layer.h"

#include <cstdio>

#include <imgui.h>
#define GLFW_INCLUDE_NONE
#include <GLFW/glfw3.h>
#include <imgui_impl_glfw.h>
#include <imgui_impl_vulkan.h>

#include "engine/startup_timing.h"
#include "vk_check.h"
#include "vk_context.h"

namespace gt::engine {
namespace {

void reportImguiVkResult(VkResult result) {
  if (result != VK_SUCCESS)
    std::fprintf(stderr, "[vulkan error] ImGui Vulkan backend: %s\n", vkResultName(result));
}

}  // namespace

std::unique_ptr<UiLayer> UiLayer::create(const VkContext& ctx, VkRenderPass pass,
                                         VkSampleCountFlagBits samples, GLFWwindow* window) {
  std::unique_ptr<UiLayer> ui(new UiLayer(ctx));
  ui->pass_ = pass;
  ui->samples_ = samples;
  ui->window_ = window;

  IMGUI_CHECKVERSION();
  ImGui::CreateContext();
  ImGuiIO& io = ImGui::GetIO();
  // No imgui.ini beside wherever the viewer was started; the twin may set one.
  io.IniFilename = nullptr;
  if (window) ui->glfw_backend_ = ImGui_ImplGlfw_InitForVulkan(window, true);

  // The backend allocates one set for the font atlas from this pool.
  const VkDescriptorPoolSize size{VK_DESCRIPTOR_TYPE_COMBINED_IMAGE_SAMPLER, 16};
  VkDescriptorPoolCreateInfo info{};
  info.sType = VK_STRUCTURE_TYPE_DESCRIPTOR_POOL_CREATE_INFO;
  info.flags = VK_DESCRIPTOR_POOL_CREATE_FREE_DESCRIPTOR_SET_BIT;
  info.maxSets = 16;
  info.poolSizeCount = 1;
  info.pPoolSizes = &size;
  VkDescriptorPool pool;
  VK_CHECK(vkCreateDescriptorPool(ctx.device(), &info, nullptr, &pool));
  ui->pool_ = DescriptorPoolOwner(ctx.device(), pool);
  ctx.setName(pool, VK_OBJECT_TYPE_DESCRIPTOR_POOL, "ui descriptor pool");

  ui->initVulkanBackend();
  return ui;
}

UiLayer::~UiLayer() {
  if (vulkan_backend_) ImGui_ImplVulkan_Shutdown();
  if (glfw_backend_) ImGui_ImplGlfw_Shutdown();
  ImGui::DestroyContext();
}

void UiLayer::initVulkanBackend() {
  ImGui_ImplVulkan_InitInfo init{};
  init.Instance = ctx_.instance();
  init.PhysicalDevice = ctx_.physicalDevice();
  init.Device = ctx_.device();
  init.QueueFamily = ctx_.queueFamily();
  init.Queue = ctx_.queue();
  init.DescriptorPool = pool_.get();
  init.Subpass = 0;
  init.MinImageCount = 2;  // frames in flight; the backend sizes its vertex buffers by it
  init.ImageCount = 2;
  init.MSAASamples = samples_;
  init.CheckVkResultFn = reportImguiVkResult;
  if (!ImGui_ImplVulkan_Init(&init, pass_))
    throw std::runtime_error("Cannot start the user interface's Vulkan backend");
  vulkan_backend_ = true;
}

void UiLayer::uploadFonts() {
  // The 1.86 backend cannot replace an uploaded atlas in place, so a rebuild restarts the
  // backend (which destroys the old atlas image) once the GPU has finished with it.
  if (!fonts_dirty_) return;
  VK_CHECK(vkDeviceWaitIdle(ctx_.device()));
  if (fonts_uploaded_) {
    ImGui_ImplVulkan_Shutdown();
    vulkan_backend_ = false;
    // The old atlas' descriptor set is not freed by the backend; start the pool afresh.
    VK_CHECK(vkResetDescriptorPool(ctx_.device(), pool_.get(), 0));
    initVulkanBackend();
  }
  ctx_.submitAndWait([](VkCommandBuffer cmd) { ImGui_ImplVulkan_CreateFontsTexture(cmd); });
  ImGui_ImplVulkan_DestroyFontUploadObjects();
  fonts_dirty_ = false;
  fonts_uploaded_ = true;
  markStartupPhase("ui.font_atlas_uploaded");
}

void UiLayer::buildFrame(VkExtent2D size, float dt) {
  uploadFonts();
  ImGui_ImplVulkan_NewFrame();
  if (glfw_backend_) {
    ImGui_ImplGlfw_NewFrame();
  } else {
    ImGuiIO& io = ImGui::GetIO();
    io.DisplaySize = ImVec2(static_cast<float>(size.width), static_cast<float>(size.height));
    io.DeltaTime = dt > 0.f ? dt : 1.f / 60.f;
  }
  ImGui::NewFrame();
  if (callback_) callback_();
  ImGui::Render();
}

void UiLayer::record(VkCommandBuffer cmd) const {
  ImDrawData* data = ImGui::GetDrawData();
  if (data && data->CmdListsCount > 0) ImGui_ImplVulkan_RenderDrawData(data, cmd);
}

float UiLayer::contentScale() const {
  if (!window_) return 1.f;
  float x = 1.f, y = 1.f;
  glfwGetWindowContentScale(window_, &x, &y);
  return y > 0.f ? y : 1.f;
}

bool UiLayer::wantsMouse() const {
  return ImGui::GetIO().WantCaptureMouse;
}
bool UiLayer::wantsKeyboard() const {
  return ImGui::GetIO().WantCaptureKeyboard;
}

}  // namespace gt::engine
