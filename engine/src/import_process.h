// Runs greentwin-import (engine/import/main.cpp) as a child process: spawned without a shell,
// its progress lines read as they come, its stderr collected, and its end turned into either
// success or one error message. A crash of Assimp inside the child is an error here, not a
// crash of the viewer.
#pragma once

#include <atomic>
#include <chrono>
#include <cstdint>
#include <filesystem>
#include <string>
#include <vector>

#include "model_loader.h"

namespace gt::engine {

struct ImportRequest {
  std::filesystem::path importer;  // the greentwin-import executable
  std::filesystem::path source;    // the model file
  std::filesystem::path out;       // the scene cache entry to write
};

// How long an importer may run before it is taken for hung, killed (SIGKILL) and reaped:
// `total` from start to end, `silence` without a line on its stdout or stderr (progress lines
// come at least once per percent; a CAD tessellation step may be quiet for a while).
struct ImportTimeLimits {
  std::chrono::milliseconds total{0};
  std::chrono::milliseconds silence{0};
};

// The limits for a source of `source_bytes`: total 120 s plus 60 s per 100 MB, silence 120 s;
// $GREENTWIN_IMPORT_TIMEOUT_S and $GREENTWIN_IMPORT_SILENCE_S (whole seconds > 0) replace them.
// Fields of `configured` that are above zero win over both.
ImportTimeLimits importTimeLimits(uint64_t source_bytes, const ImportTimeLimits& configured = {});

// Thrown when `cancel` was set: the child has been killed and reaped.
struct ImportCancelled : std::exception {
  const char* what() const noexcept override { return "model import cancelled"; }
};

// Runs the import to its end and returns the child's notes (stderr lines of a successful run).
// `progress` hears the child's progress lines, on this thread. `cancel`, when given, is
// checked several times a second; once set, the child is killed and ImportCancelled thrown.
// Throws std::runtime_error starting with the source path: the importer cannot be started, it
// was killed by a signal ("... the model importer crashed (SIGSEGV) ..."), it ran past `limits`
// ("... did not finish within 2 min and was stopped"), or it failed (its own message). Zero
// fields of `limits` mean importTimeLimits' defaults for the source's size. The child never
// outlives this call.
std::vector<std::string> runImportProcess(const ImportRequest& request,
                                          const LoadProgress& progress = {},
                                          const std::atomic<bool>* cancel = nullptr,
                                          const ImportTimeLimits& limits = {});

// The importer to run: `configured` when not empty, else $GREENTWIN_IMPORTER, else
// greentwin-import in the running program's folder (/proc/self/exe).
std::filesystem::path findImporter(const std::filesystem::path& configured);

}  // namespace gt::engine
