// One asynchronous model load: importModel() on a worker thread, its progress readable from
// the render thread and echoed to stderr, its result handed over once. Dropping the job
// cancels it (the importer child is killed) and joins the thread.
#pragma once

#include <atomic>
#include <chrono>
#include <filesystem>
#include <mutex>
#include <optional>
#include <thread>

#include "engine/renderer.h"
#include "model_import.h"

namespace gt::engine {

class ModelLoadJob {
 public:
  ModelLoadJob(std::filesystem::path file, ModelImportOptions options);
  // Several placed models merged into one (importModels); the status names the first file.
  ModelLoadJob(std::vector<ModelPlacement> models, ModelImportOptions options);
  ~ModelLoadJob();
  ModelLoadJob(const ModelLoadJob&) = delete;
  ModelLoadJob& operator=(const ModelLoadJob&) = delete;

  LoadStatus status() const;
  // The model once the status is Ready (exactly once), else nullopt.
  std::optional<ImportedModel> take();

 private:
  void run();
  void progress(float fraction, std::string_view stage);

  const std::vector<ModelPlacement> models_;
  const std::filesystem::path file_;
  const ModelImportOptions options_;
  std::atomic<bool> cancel_{false};
  mutable std::mutex mutex_;
  LoadStatus status_;                    // guarded by mutex_
  std::optional<ImportedModel> result_;  // guarded by mutex_
  std::chrono::steady_clock::time_point last_print_{};
  std::thread worker_;  // last: starts once everything above exists
};

}  // namespace gt::engine
