// greentwin-import: reads one model file through Assimp and writes it as a scene cache entry.
// Built three times: greentwin-import (Assimp formats), greentwin-import-cad (also STEP/IGES
// through Open CASCADE) and greentwin-import-ifc (also IFC4 through IFC++); the first hands CAD
// and IFC4 files to the others by exec.
// The viewer runs it as a child process so that a file which crashes Assimp (some truncated
// files do) kills this process, not the viewer. Protocol, for import_process.cpp:
//   stdout  "progress <fraction 0..1> <stage words>" lines while it works
//   stderr  notes ("[model] content is GLB although ...") and, on failure, the one error
//           message as the last line
//   exit    0 written, 1 the model cannot be read or the entry written, 2 bad command line
#include <unistd.h>

#include <cerrno>
#include <cstdio>
#include <cstring>
#include <exception>
#include <filesystem>
#include <string>
#include <string_view>

#if GREENTWIN_IMPORT_CAD
#include "cad_import.h"
#endif
#if GREENTWIN_IMPORT_IFC
#include "ifc_import.h"
#endif
#include "model_loader.h"
#include "scene_cache.h"

namespace {

constexpr const char* kUsage =
    "usage: greentwin-import SOURCE --out CACHEFILE\n"
    "       greentwin-import --version\n"
    "Reads a 3D model (glTF/GLB, OBJ, FBX, STL, IFC, STEP, IGES, ...) and writes it as a GreenTwin "
    "scene cache\n"
    "entry. Progress on stdout, the error on stderr; exit 0 ok, 1 error, 2 usage.\n";

// At most one line per percent or stage change: the viewer reads these as they come.
class ProgressPrinter {
 public:
  void operator()(float fraction, std::string_view stage) {
    if (fraction < last_ + 0.01f && stage == stage_) return;
    last_ = fraction;
    stage_ = stage;
    std::printf("progress %.2f %.*s\n", static_cast<double>(fraction),
                static_cast<int>(stage.size()), stage.data());
    std::fflush(stdout);
  }

 private:
  float last_ = -1.f;
  std::string stage_;
};

#if !GREENTWIN_IMPORT_CAD && !GREENTWIN_IMPORT_IFC
// Replaces this process with `program` (greentwin-import-cad or -ifc) from the same folder;
// returns only on failure, with the exit status for it.
int execImporter(const char* program, const char* what, char** argv) {
  std::error_code ec;
  const std::filesystem::path self = std::filesystem::read_symlink("/proc/self/exe", ec);
  const std::string path = (self.parent_path() / program).string();
  argv[0] = const_cast<char*>(path.c_str());
  ::execv(path.c_str(), argv);
  std::fprintf(stderr,
               "cannot start the %s importer '%s' (%s); it belongs next to greentwin-import\n",
               what, path.c_str(), std::strerror(errno));
  return 1;
}
#endif

}  // namespace

int main(int argc, char** argv) {
  std::string source, out;
  for (int i = 1; i < argc; ++i) {
    const std::string_view arg = argv[i];
    if (arg == "--version") {
      std::printf("%s\n", gt::engine::importerVersion().c_str());
      return 0;
    }
    if (arg == "--help" || arg == "-h") {
      std::fputs(kUsage, stdout);
      return 0;
    }
    if (arg == "--out" && i + 1 < argc) {
      out = argv[++i];
    } else if (!arg.starts_with("--") && source.empty()) {
      source = arg;
    } else {
      std::fprintf(stderr, "greentwin-import: unexpected argument '%s'\n%s", argv[i], kUsage);
      return 2;
    }
  }
  if (source.empty() || out.empty()) {
    std::fputs(kUsage, stderr);
    return 2;
  }

  try {
    ProgressPrinter progress;
    // The key of the bytes about to be read, taken first: if the file changes during the
    // import, the entry is stamped with the old content's key and later reads as stale.
    const gt::engine::SceneCacheKey key = gt::engine::sceneCacheKey(source);
#if GREENTWIN_IMPORT_CAD
    const gt::engine::ModelData model =
        gt::engine::loadModelData(source, nullptr, std::ref(progress), &gt::engine::loadCadModel);
#elif GREENTWIN_IMPORT_IFC
    const gt::engine::ModelData model = gt::engine::loadModelData(
        source, nullptr, std::ref(progress), nullptr, &gt::engine::loadIfcModel);
#else
    gt::engine::ModelData model;
    try {
      model = gt::engine::loadModelData(source, nullptr, std::ref(progress));
    } catch (const gt::engine::CadImporterNeeded&) {
      // Same arguments, same pipes: the viewer reads the CAD importer's progress and result
      // as if they were this process's.
      return execImporter("greentwin-import-cad", "CAD", argv);
    } catch (const gt::engine::IfcImporterNeeded&) {
      return execImporter("greentwin-import-ifc", "IFC", argv);
    }
#endif
    progress(0.9f, "writing the cache");
    gt::engine::writeSceneCache(out, model, key);
    progress(1.f, "done");
  } catch (const std::exception& e) {
    std::fprintf(stderr, "%s\n", e.what());
    return 1;
  }
  return 0;
}
