// Runs greentwin-import (engine/import/main.cpp) as a child process: spawned without a shell,
// its progress lines read as they come, its stderr collected, and its end turned into either
// success or one error message. A crash of Assimp inside the child is an error here, not a
// crash of the viewer.
#pragma once

#include <atomic>
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

// Thrown when `cancel` was set: the child has been killed and reaped.
struct ImportCancelled : std::exception {
  const char* what() const noexcept override { return "model import cancelled"; }
};

// Runs the import to its end and returns the child's notes (stderr lines of a successful run).
// `progress` hears the child's progress lines, on this thread. `cancel`, when given, is
// checked several times a second; once set, the child is killed and ImportCancelled thrown.
// Throws std::runtime_error starting with the source path: the importer cannot be started, it
// was killed by a signal ("... the model importer crashed (SIGSEGV) ..."), or it failed (its
// own message). The child never outlives this call.
std::vector<std::string> runImportProcess(const ImportRequest& request,
                                          const LoadProgress& progress = {},
                                          const std::atomic<bool>* cancel = nullptr);

// The importer to run: `configured` when not empty, else $GREENTWIN_IMPORTER, else
// greentwin-import in the running program's folder (/proc/self/exe).
std::filesystem::path findImporter(const std::filesystem::path& configured);

}  // namespace gt::engine
