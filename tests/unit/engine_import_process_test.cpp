// The importer process and the cache in front of it: progress from the real greentwin-import,
// a crashing importer turned into a message naming the file and the signal, a cancelled import
// leaving no child behind, a cache hit that never starts the importer, a damaged entry that is
// imported again, a hung importer stopped at its time limit, and a headless renderer that
// survives all of it.
#include <catch2/catch.hpp>

#include <signal.h>
#include <unistd.h>

#include <atomic>
#include <chrono>
#include <filesystem>
#include <fstream>
#include <string>
#include <thread>

#include "../../engine/src/import_process.h"
#include "../../engine/src/model_import.h"
#include "../../engine/src/scene_cache.h"
#include "engine/renderer.h"

namespace fs = std::filesystem;
using namespace gt::engine;
using Catch::Contains;
using Catch::StartsWith;

namespace {

fs::path scratchDir(const std::string& name) {
  const fs::path dir =
      fs::temp_directory_path() / ("greentwin-import-test-" + std::to_string(::getpid())) / name;
  fs::remove_all(dir);
  fs::create_directories(dir);
  return dir;
}

fs::path writeCubeObj(const fs::path& dir) {
  std::ofstream(dir / "cube.mtl") << "newmtl orange\nKd 0.8 0.45 0.1\n";
  const fs::path file = dir / "cube.obj";
  std::ofstream(file) << "mtllib cube.mtl\no Cube\n"
                         "v -1 -1 -1\nv 1 -1 -1\nv 1 1 -1\nv -1 1 -1\n"
                         "v -1 -1 1\nv 1 -1 1\nv 1 1 1\nv -1 1 1\nusemtl orange\n"
                         "f 1 4 3 2\nf 5 6 7 8\nf 1 5 8 4\nf 2 3 7 6\nf 4 8 7 3\nf 1 2 6 5\n";
  return file;
}

// An executable shell script standing in for greentwin-import.
fs::path writeScript(const fs::path& dir, const std::string& name, const std::string& body) {
  const fs::path file = dir / name;
  std::ofstream(file) << "#!/bin/sh\n" << body << "\n";
  fs::permissions(file, fs::perms::owner_all);
  return file;
}

// The first bytes of a real GLB: its header promises far more than the file holds.
fs::path writeTruncatedGlb(const fs::path& dir) {
  const fs::path factory = fs::path(GREENTWIN_SOURCE_DIR) / "assets/demo/factory.glb";
  std::ifstream in(factory, std::ios::binary);
  std::string head(4000, '\0');
  in.read(head.data(), static_cast<std::streamsize>(head.size()));
  head.resize(static_cast<size_t>(in.gcount()));
  const fs::path file = dir / "cut.glb";
  std::ofstream(file, std::ios::binary) << head;
  return file;
}

struct Rgb {
  int r, g, b;
};

Rgb centrePixel(const Image& image) {
  const size_t i = (static_cast<size_t>(image.height / 2) * image.width + image.width / 2) * 4;
  return {image.rgba[i], image.rgba[i + 1], image.rgba[i + 2]};
}

RendererOptions headlessOptions(const fs::path& cache_dir, const fs::path& importer = {}) {
  RendererOptions options;
  options.headless = true;
  options.width = 96;
  options.height = 64;
  options.msaa = 1;
  options.cache_dir = cache_dir;
  options.importer = importer;
  return options;
}

// Puts `source` into the cache in-process, as the importer would.
void fillCache(const fs::path& cache_dir, const fs::path& source) {
  const SceneCacheKey key = sceneCacheKey(source);
  writeSceneCache(sceneCacheFile(cache_dir, key), loadModelData(source), key);
}

// Renders frames until the asynchronous load hands its model over (or fails, or 20 s pass).
std::optional<ModelInfo> waitRendering(Renderer& renderer) {
  const auto deadline = std::chrono::steady_clock::now() + std::chrono::seconds(20);
  while (std::chrono::steady_clock::now() < deadline) {
    if (!renderer.renderFrame()) return std::nullopt;  // never blocks on the import
    if (std::optional<ModelInfo> info = renderer.takeLoadedModel()) return info;
    if (renderer.loadStatus().state == LoadStatus::State::Failed) return std::nullopt;
  }
  return std::nullopt;
}

}  // namespace

TEST_CASE("the importer process writes an entry and reports progress", "[engine][import]") {
  const fs::path dir = scratchDir("progress");
  const fs::path source = writeCubeObj(dir);
  std::vector<float> fractions;
  const std::vector<std::string> notes =
      runImportProcess({findImporter({}), source, dir / "cube.gtscene"},
                       [&](float f, std::string_view) { fractions.push_back(f); });
  CHECK(notes.empty());
  REQUIRE(fractions.size() >= 2);
  CHECK(fractions.back() == Approx(1.f));
  const SceneCacheResult read = readSceneCache(dir / "cube.gtscene", sceneCacheKey(source));
  REQUIRE(read.model);
  CHECK(read.model->triangles == 12);
}

TEST_CASE("importer failures become one message naming the file", "[engine][import]") {
  const fs::path dir = scratchDir("failures");
  const fs::path source = writeCubeObj(dir);
  const fs::path out = dir / "out.gtscene";

  SECTION("a crash names the signal") {
    const fs::path crash = writeScript(dir, "crash.sh", "kill -SEGV $$");
    CHECK_THROWS_WITH(runImportProcess({crash, source, out}),
                      StartsWith(source.string()) && Contains("crashed") && Contains("SIGSEGV"));
  }
  SECTION("exit 1 passes the importer's own message on") {
    const fs::path fail =
        writeScript(dir, "fail.sh", "echo '[model] a note' >&2; echo \"$1: no good\" >&2; exit 1");
    CHECK_THROWS_WITH(runImportProcess({fail, source, out}), source.string() + ": no good");
  }
  SECTION("a missing importer says where it belongs") {
    CHECK_THROWS_WITH(runImportProcess({dir / "no-such-importer", source, out}),
                      Contains("cannot start the model importer"));
  }
  SECTION("a truncated GLB, through the real importer") {
    const fs::path cut = writeTruncatedGlb(dir);
    CHECK_THROWS_WITH(runImportProcess({findImporter({}), cut, out}),
                      StartsWith(cut.string()) && Contains("truncated"));
  }
}

TEST_CASE("a cancelled import kills and reaps its importer", "[engine][import]") {
  const fs::path dir = scratchDir("cancel");
  const fs::path pid_file = dir / "pid";
  const fs::path slow = writeScript(dir, "slow.sh",
                                    "echo $$ > '" + pid_file.string() +
                                        "'; echo 'progress 0.10 waiting'; exec "
                                        "sleep 30");
  std::atomic<bool> cancel{false};
  bool heard = false;
  const auto start = std::chrono::steady_clock::now();
  CHECK_THROWS_AS(runImportProcess(
                      {slow, dir / "x.obj", dir / "x.gtscene"},
                      [&](float, std::string_view) {
                        heard = true;
                        cancel = true;
                      },
                      &cancel),
                  ImportCancelled);
  CHECK(heard);
  CHECK(std::chrono::steady_clock::now() - start < std::chrono::seconds(5));
  int pid = 0;
  std::ifstream(pid_file) >> pid;
  REQUIRE(pid > 0);
  CHECK(::kill(pid, 0) == -1);  // gone, and reaped (a zombie would still accept signal 0)
}

TEST_CASE("a cancel reaches an importer that closed its pipes", "[engine][import]") {
  const fs::path dir = scratchDir("cancel-closed");
  const fs::path pid_file = dir / "pid";
  const fs::path quiet =
      writeScript(dir, "quiet.sh", "echo $$ > '" + pid_file.string() + "'; exec >&- 2>&- sleep 30");
  std::atomic<bool> cancel{false};
  std::thread canceller([&] {
    std::this_thread::sleep_for(std::chrono::milliseconds(300));
    cancel = true;
  });
  CHECK_THROWS_AS(runImportProcess({quiet, dir / "x.obj", dir / "x.gtscene"}, {}, &cancel),
                  ImportCancelled);
  canceller.join();
  int pid = 0;
  std::ifstream(pid_file) >> pid;
  REQUIRE(pid > 0);
  CHECK(::kill(pid, 0) == -1);
}

TEST_CASE("a hung importer is stopped at its time limit", "[engine][import]") {
  const fs::path dir = scratchDir("hung");
  const fs::path pid_file = dir / "pid";
  const fs::path source = writeCubeObj(dir);
  auto pidOfChild = [&] {
    int pid = 0;
    std::ifstream(pid_file) >> pid;
    return pid;
  };
  const auto start = std::chrono::steady_clock::now();

  SECTION("no progress for too long") {
    // Talks for a while, then goes quiet as an importer stuck in a loop does.
    const fs::path stuck = writeScript(
        dir, "stuck.sh",
        "echo $$ > '" + pid_file.string() + "'; echo 'progress 0.10 reading'; exec sleep 30");
    ImportTimeLimits limits;
    limits.total = std::chrono::seconds(20);
    limits.silence = std::chrono::milliseconds(500);
    CHECK_THROWS_WITH(runImportProcess({stuck, source, dir / "x.gtscene"}, {}, nullptr, limits),
                      source.string() +
                          ": the model importer reported no progress for 1 s and was stopped; the "
                          "file may be damaged or built to hang the reader (set "
                          "GREENTWIN_IMPORT_SILENCE_S to allow longer)");
  }
  SECTION("progress that never ends") {
    const fs::path chatty = writeScript(dir, "chatty.sh",
                                        "echo $$ > '" + pid_file.string() +
                                            "'; while :; do echo 'progress 0.50 reading'; sleep "
                                            "0.1; done");
    ImportTimeLimits limits;
    limits.total = std::chrono::milliseconds(800);
    limits.silence = std::chrono::seconds(20);
    CHECK_THROWS_WITH(runImportProcess({chatty, source, dir / "x.gtscene"}, {}, nullptr, limits),
                      StartsWith(source.string() +
                                 ": the model importer did not finish within 1 s and was stopped"));
  }
  SECTION("a child that closed its pipes and hangs") {
    const fs::path quiet = writeScript(
        dir, "quiet.sh", "echo $$ > '" + pid_file.string() + "'; exec >&- 2>&- sleep 30");
    ImportTimeLimits limits;
    limits.total = std::chrono::milliseconds(700);
    limits.silence = std::chrono::seconds(20);
    CHECK_THROWS_WITH(runImportProcess({quiet, source, dir / "x.gtscene"}, {}, nullptr, limits),
                      Contains("did not finish within 1 s"));
  }
  CHECK(std::chrono::steady_clock::now() - start < std::chrono::seconds(5));
  const int pid = pidOfChild();
  REQUIRE(pid > 0);
  CHECK(::kill(pid, 0) == -1);  // killed and reaped
}

TEST_CASE("import time limits grow with the file and follow the environment", "[engine][import]") {
  using std::chrono::seconds;
  ::unsetenv("GREENTWIN_IMPORT_TIMEOUT_S");
  ::unsetenv("GREENTWIN_IMPORT_SILENCE_S");
  CHECK(importTimeLimits(1000).total == seconds(120));
  CHECK(importTimeLimits(1000).silence == seconds(120));
  CHECK(importTimeLimits(250'000'000).total == seconds(120 + 150));  // 2.5 x 60 s
  CHECK(importTimeLimits(2'000'000'000).total == seconds(120 + 1200));

  ::setenv("GREENTWIN_IMPORT_TIMEOUT_S", "900", 1);
  ::setenv("GREENTWIN_IMPORT_SILENCE_S", "not a number", 1);
  CHECK(importTimeLimits(1000).total == seconds(900));
  CHECK(importTimeLimits(1000).silence == seconds(120));  // ignored, with a warning
  ImportTimeLimits configured;
  configured.total = seconds(5);
  CHECK(importTimeLimits(1000, configured).total == seconds(5));  // the caller wins
  ::unsetenv("GREENTWIN_IMPORT_TIMEOUT_S");
  ::unsetenv("GREENTWIN_IMPORT_SILENCE_S");
}

TEST_CASE("importModel uses the cache and repairs a damaged entry", "[engine][import]") {
  const fs::path dir = scratchDir("import-model");
  const fs::path source = writeCubeObj(dir);
  ModelImportOptions options;
  options.cache_dir = dir / "cache";

  const ImportedModel first = importModel(source, options);
  CHECK_FALSE(first.from_cache);
  CHECK(first.data.triangles == 12);
  const fs::path entry = sceneCacheFile(options.cache_dir, sceneCacheKey(source));
  REQUIRE(fs::exists(entry));

  SECTION("the second open is a hit, without the importer") {
    options.importer = dir / "no-such-importer";
    const ImportedModel second = importModel(source, options);
    CHECK(second.from_cache);
    CHECK(second.data.triangles == 12);
  }
  SECTION("a damaged entry is imported again and rewritten") {
    std::ofstream(entry, std::ios::binary | std::ios::trunc) << "GTSCENE garbage";
    CHECK_FALSE(importModel(source, options).from_cache);
    CHECK(importModel(source, options).from_cache);
  }
  SECTION("without the cache nothing is kept") {
    options.use_cache = false;
    options.cache_dir = dir / "unused";
    CHECK_FALSE(importModel(source, options).from_cache);
    CHECK_FALSE(fs::exists(options.cache_dir));
  }
}

TEST_CASE("a renderer survives an importer crash and loads the next model", "[engine][gpu]") {
  const fs::path dir = scratchDir("renderer-crash");
  const fs::path cube = writeCubeObj(dir);
  fillCache(dir / "cache", cube);
  const fs::path crash = writeScript(dir, "crash.sh", "kill -SEGV $$");
  auto renderer = Renderer::create(headlessOptions(dir / "cache", crash));

  const fs::path broken = writeTruncatedGlb(dir);
  CHECK_THROWS_WITH(renderer->loadModel(broken),
                    StartsWith(broken.string()) && Contains("SIGSEGV"));

  // The cube is cached, so it loads although the importer would crash.
  const ModelInfo info = renderer->loadModel(cube);
  CHECK(info.triangles == 12);
  REQUIRE(renderer->renderFrame());
  const Rgb centre = centrePixel(renderer->readback());
  INFO("centre " << centre.r << "," << centre.g << "," << centre.b);
  CHECK(centre.r > centre.b + 40);  // the orange cube
}

TEST_CASE("an asynchronous load keeps frames coming and hands the model over", "[engine][gpu]") {
  const fs::path dir = scratchDir("renderer-async");
  const fs::path cube = writeCubeObj(dir);
  auto renderer = Renderer::create(headlessOptions(dir / "cache"));
  CHECK(renderer->loadStatus().state == LoadStatus::State::Idle);

  renderer->beginLoadModel(cube);
  std::optional<ModelInfo> info = waitRendering(*renderer);
  REQUIRE(info);
  CHECK(info->triangles == 12);
  CHECK(renderer->findNode("Cube").valid());
  CHECK(renderer->loadStatus().state == LoadStatus::State::Idle);

  SECTION("a failure is a status, and the current model stays") {
    renderer->beginLoadModel(dir / "missing.glb");
    for (int i = 0; i < 500 && renderer->loadStatus().state == LoadStatus::State::Loading; ++i)
      std::this_thread::sleep_for(std::chrono::milliseconds(10));
    const LoadStatus status = renderer->loadStatus();
    CHECK(status.state == LoadStatus::State::Failed);
    CHECK_THAT(status.error, Contains("missing.glb"));
    CHECK_FALSE(renderer->takeLoadedModel());
    CHECK(renderer->findNode("Cube").valid());
  }
  SECTION("a newer load abandons the older one") {
    // Other bytes, so not in the cache: its importer is running when the newer load comes.
    const fs::path other = dir / "other.obj";
    fs::copy_file(cube, other);
    std::ofstream(other, std::ios::app) << "# another revision\n";
    renderer->beginLoadModel(other);
    renderer->beginLoadModel(cube);  // cached by now: quick
    const std::optional<ModelInfo> second = waitRendering(*renderer);
    REQUIRE(second);
    CHECK(second->file == cube);
  }
}
