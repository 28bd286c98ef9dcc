// The worker thread of an asynchronous model load and its progress reporting.
#include "model_load_job.h"

#include <cstdio>

#include "engine/startup_timing.h"
#include "import_process.h"

namespace gt::engine {
namespace {

// A console line per ~quarter second is enough to show that a big model is moving.
constexpr auto kPrintInterval = std::chrono::milliseconds(250);

}  // namespace

ModelLoadJob::ModelLoadJob(std::filesystem::path file, ModelImportOptions options)
    : ModelLoadJob(std::vector<ModelPlacement>{ModelPlacement{{}, std::move(file), {}, {}, 1.f}},
                   std::move(options)) {}

ModelLoadJob::ModelLoadJob(std::vector<ModelPlacement> models, ModelImportOptions options)
    : models_(std::move(models)),
      file_(models_.empty() ? std::filesystem::path() : models_.front().file),
      options_(std::move(options)) {
  status_.state = LoadStatus::State::Loading;
  status_.file = file_;
  status_.stage = "starting";
  // A load that ends within one interval (a cache hit) prints nothing.
  last_print_ = std::chrono::steady_clock::now();
  worker_ = std::thread([this] { run(); });
}

ModelLoadJob::~ModelLoadJob() {
  cancel_ = true;
  worker_.join();
}

LoadStatus ModelLoadJob::status() const {
  std::lock_guard lock(mutex_);
  return status_;
}

std::optional<ImportedModel> ModelLoadJob::take() {
  std::lock_guard lock(mutex_);
  if (status_.state != LoadStatus::State::Ready || !result_) return std::nullopt;
  std::optional<ImportedModel> out = std::move(result_);
  result_.reset();
  return out;
}

void ModelLoadJob::progress(float fraction, std::string_view stage) {
  {
    std::lock_guard lock(mutex_);
    status_.fraction = fraction;
    status_.stage = stage;
  }
  const auto now = std::chrono::steady_clock::now();
  if (now - last_print_ >= kPrintInterval) {
    last_print_ = now;
    std::fprintf(stderr, "[model] %s: %3.0f%% %.*s\n", file_.c_str(),
                 static_cast<double>(fraction) * 100.0, static_cast<int>(stage.size()),
                 stage.data());
  }
}

void ModelLoadJob::run() {
  try {
    const LoadProgress report = [this](float f, std::string_view stage) { progress(f, stage); };
    // A lone model keeps its own node names and fails as a whole, as before [[model]].
    ImportedModel model = models_.size() == 1 && models_[0].id.empty()
                              ? importModel(file_, options_, report, &cancel_)
                              : importModels(models_, options_, report, &cancel_);
    markStartupPhase(model.from_cache ? "load.read_from_cache" : "load.imported");
    std::lock_guard lock(mutex_);
    result_ = std::move(model);
    status_.state = LoadStatus::State::Ready;
    status_.fraction = 1.f;
    status_.stage = "uploading to the GPU";
  } catch (const ImportCancelled&) {
    std::lock_guard lock(mutex_);
    status_.state = LoadStatus::State::Failed;
    status_.error = file_.string() + ": load abandoned";
  } catch (const std::exception& e) {
    std::lock_guard lock(mutex_);
    status_.state = LoadStatus::State::Failed;
    status_.error = e.what();
  }
}

}  // namespace gt::engine
