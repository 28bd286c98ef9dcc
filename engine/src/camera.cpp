// OrbitCamera math and projectToScreen (engine/camera.h). Projections are built for Vulkan's
// clip space: depth 0..1 and y pointing down, so pixel rows grow downwards like the image.
#include "engine/camera.h"

#include <algorithm>
#include <cmath>

#include <glm/gtc/matrix_transform.hpp>

namespace gt::engine {

glm::vec3 OrbitCamera::eye() const {
  const float cp = std::cos(pitch);
  // yaw 0 looks along -Z, so the eye sits on +Z of the target.
  return target + distance * glm::vec3(cp * std::sin(yaw), std::sin(pitch), cp * std::cos(yaw));
}

glm::mat4 OrbitCamera::view() const {
  return glm::lookAtRH(eye(), target, glm::vec3(0, 1, 0));
}

glm::mat4 OrbitCamera::projection(float aspect) const {
  // Swapping near and far in a 0..1 projection gives reversed depth.
  glm::mat4 p = glm::perspectiveRH_ZO(fov_y, aspect, far_plane, near_plane);
  p[1][1] = -p[1][1];  // Vulkan's y axis points down
  return p;
}

void OrbitCamera::orbit(float d_yaw, float d_pitch) {
  yaw += d_yaw;
  pitch = std::clamp(pitch + d_pitch, -1.5f, 1.5f);
}

void OrbitCamera::pan(float dx, float dy) {
  // One unit of dx/dy is the height of the view at the target's distance.
  const float view_height = 2.f * distance * std::tan(fov_y * 0.5f);
  const glm::mat4 v = view();
  const glm::vec3 right{v[0][0], v[1][0], v[2][0]};
  const glm::vec3 up{v[0][1], v[1][1], v[2][1]};
  target += (right * dx + up * dy) * view_height;
}

void OrbitCamera::zoom(float factor) {
  distance = std::clamp(distance * factor, near_plane * 2.f, far_plane * 0.5f);
}

void OrbitCamera::look(float d_yaw, float d_pitch) {
  const glm::vec3 e = eye();
  orbit(d_yaw, d_pitch);
  target += e - eye();
}

glm::vec3 OrbitCamera::forward() const {
  return glm::normalize(target - eye());
}

void OrbitCamera::setViewpoint(const Viewpoint& v) {
  const glm::vec3 d = v.eye - v.target;
  const float length = glm::length(d);
  if (!(length > 1e-6f)) return;
  target = v.target;
  distance = length;
  pitch = std::clamp(std::asin(std::clamp(d.y / length, -1.f, 1.f)), -1.5f, 1.5f);
  // The eye sits at target + distance * (cos p sin yaw, sin p, cos p cos yaw).
  yaw = std::atan2(d.x, d.z);
}

void OrbitCamera::frame(const Bounds& b, float aspect) {
  if (b.empty()) return;
  const float radius = std::max(b.radius(), 1e-3f);
  target = b.center();
  // Fit the eight corners rather than the bounding sphere: a factory site is wide and flat,
  // and its sphere would leave it small in the middle of the view.
  const glm::vec3 back = glm::normalize(eye() - target);  // camera +Z in world space
  const glm::vec3 right = glm::normalize(glm::cross(glm::vec3(0, 1, 0), back));
  const glm::vec3 up = glm::cross(back, right);
  const float margin = 0.9f;
  const float tan_v = std::tan(fov_y * 0.5f) * margin;
  const float tan_h = tan_v * std::max(aspect, 1e-3f);
  glm::vec3 corners[8];
  for (int corner = 0; corner < 8; ++corner)
    corners[corner] = {corner & 1 ? b.max.x : b.min.x, corner & 2 ? b.max.y : b.min.y,
                       corner & 4 ? b.max.z : b.min.z};
  // Perspective makes the near corners spread wider than the far ones, so the box's centre is
  // not the centre of its picture: a few rounds of "fit the distance, then re-centre the
  // target on the projected extent" converge to a view the box fills evenly.
  for (int round = 0; round < 4; ++round) {
    float needed = 0.f;
    for (const glm::vec3& corner : corners) {
      const glm::vec3 c = corner - target;
      // The corner sits dot(c, back) nearer to the eye than the target does.
      const float toward_eye = glm::dot(c, back);
      needed = std::max(needed, std::abs(glm::dot(c, right)) / tan_h + toward_eye);
      needed = std::max(needed, std::abs(glm::dot(c, up)) / tan_v + toward_eye);
    }
    distance = std::max(needed, radius * 0.05f);
    glm::vec2 lo(1e30f), hi(-1e30f);
    for (const glm::vec3& corner : corners) {
      const glm::vec3 c = corner - target;
      const float depth = std::max(distance - glm::dot(c, back), 1e-3f);
      const glm::vec2 slope{glm::dot(c, right) / depth, glm::dot(c, up) / depth};
      lo = glm::min(lo, slope);
      hi = glm::max(hi, slope);
    }
    const glm::vec2 offset = (lo + hi) * 0.5f * distance;
    target += right * offset.x + up * offset.y;
  }
  // Keep depth precision proportional to the model and never clip it at the far plane.
  near_plane = std::max(0.01f, radius * 0.002f);
  far_plane = std::max(far_plane, (distance + radius) * 4.f);
}

std::optional<ScreenPoint> projectToScreen(const glm::mat4& view_projection, const glm::mat4& view,
                                           const glm::vec3& world, const glm::vec2& size) {
  const glm::vec4 clip = view_projection * glm::vec4(world, 1.f);
  // w <= 0: behind the eye; z > w (reversed depth above 1): in front of the eye but nearer
  // than the near plane.
  if (clip.w <= 0.f || clip.z > clip.w) return std::nullopt;
  const glm::vec2 ndc = glm::vec2(clip) / clip.w;
  ScreenPoint out;
  out.pixel = (ndc * 0.5f + 0.5f) * size;
  out.depth = -(view * glm::vec4(world, 1.f)).z;
  return out;
}

}  // namespace gt::engine
