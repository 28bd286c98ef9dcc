// greentwin-factorygen: writes the demo factory (or a --scale benchmark variant) as a GLB
// and prints one summary line: nodes, meshes, triangles, bytes. Drawn triangles by scale
// (instances counted each time; each extra hall adds ~107.8 k), all in well under a second:
//   --scale 1   227 k  the demo site (assets/demo/factory.glb)
//   --scale 8   0.98 M benchmark "1M"
//   --scale 92  10.0 M benchmark "10M"
// The file stays ~4.4-4.7 MB at every scale because the halls share their meshes.
#include <cstdio>
#include <exception>

#include "cli_options.h"
#include "factory_layout.h"
#include "glb_writer.h"

int main(int argc, char** argv) {
  using namespace gt::factorygen;
  const auto parsed = parseCommandLine(argc, argv);
  if (std::holds_alternative<CliHelp>(parsed)) {
    std::fputs(usageText(), stdout);
    return 0;
  }
  if (const auto* error = std::get_if<std::string>(&parsed)) {
    std::fprintf(stderr, "greentwin-factorygen: %s\n%s", error->c_str(), usageText());
    return 2;
  }
  const CliOptions& options = std::get<CliOptions>(parsed);
  try {
    const Scene scene = buildFactory(options.factory);
    const std::vector<uint8_t> glb = encodeGlb(scene);
    writeFileBytes(options.out, glb);
    std::printf("%s: scale %d, %zu nodes, %zu meshes, %zu triangles (%zu stored), %zu bytes\n",
                options.out.string().c_str(), options.factory.scale, scene.nodes().size(),
                scene.meshes().size(), scene.drawnTriangleCount(), scene.storedTriangleCount(),
                glb.size());
  } catch (const std::exception& e) {
    std::fprintf(stderr, "greentwin-factorygen: %s\n", e.what());
    return 1;
  }
  return 0;
}
