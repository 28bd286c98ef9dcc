// The importer child: posix_spawn with stdout and stderr on pipes, a poll loop that reads both
// (so neither pipe fills up and stalls the child), and waitpid's status turned into a message.
#include "import_process.h"

#include "engine/startup_timing.h"

#include <fcntl.h>
#include <poll.h>
#include <spawn.h>
#include <sys/wait.h>
#include <unistd.h>

#include <algorithm>
#include <cerrno>
#include <chrono>
#include <csignal>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <optional>
#include <stdexcept>
#include <thread>

#include "greentwin/scoped_fd.h"

extern char** environ;

namespace gt::engine {
namespace {

constexpr int kPollMs = 100;  // how soon a cancel or a time limit is noticed

using Clock = std::chrono::steady_clock;
using std::chrono::milliseconds;

// "45 s", "2 min", "3 min 30 s": for the message a plant engineer reads.
std::string durationText(milliseconds d) {
  const long long s = std::max<long long>(1, (d.count() + 500) / 1000);
  if (s < 120) return std::to_string(s) + " s";
  return std::to_string(s / 60) + " min" + (s % 60 ? " " + std::to_string(s % 60) + " s" : "");
}

// Whole seconds > 0 from the environment, or nullopt.
std::optional<milliseconds> secondsFromEnv(const char* name) {
  const char* text = std::getenv(name);
  if (!text || !*text) return std::nullopt;
  char* end = nullptr;
  const long long s = std::strtoll(text, &end, 10);
  if (*end != '\0' || s <= 0) {
    std::fprintf(stderr, "[model] %s='%s' is not a whole number of seconds above 0; ignored\n",
                 name, text);
    return std::nullopt;
  }
  return milliseconds(s * 1000);
}

// Throws when the child has run past a limit; ~ChildProcess then kills and reaps it.
void checkTimeLimits(const std::string& name, const ImportTimeLimits& limits,
                     Clock::time_point start, Clock::time_point last_heard) {
  const Clock::time_point now = Clock::now();
  if (now - start >= limits.total)
    throw std::runtime_error(name + ": the model importer did not finish within " +
                             durationText(limits.total) +
                             " and was stopped; the file may be damaged or built to hang the "
                             "reader (set GREENTWIN_IMPORT_TIMEOUT_S to allow longer)");
  if (now - last_heard >= limits.silence)
    throw std::runtime_error(name + ": the model importer reported no progress for " +
                             durationText(limits.silence) +
                             " and was stopped; the file may be damaged or built to hang the "
                             "reader (set GREENTWIN_IMPORT_SILENCE_S to allow longer)");
}

// Owns a spawned child: one that is still running when this dies is killed, and every child
// is reaped, so the viewer never leaves a zombie or an orphaned importer behind.
class ChildProcess {
 public:
  explicit ChildProcess(pid_t pid) : pid_(pid) {}
  ~ChildProcess() {
    if (pid_ <= 0) return;
    ::kill(pid_, SIGKILL);
    int status = 0;
    while (::waitpid(pid_, &status, 0) < 0 && errno == EINTR) {
    }
  }
  ChildProcess(const ChildProcess&) = delete;
  ChildProcess& operator=(const ChildProcess&) = delete;

  // waitpid's status once the child has ended, or nullopt while it still runs.
  std::optional<int> poll() {
    int status = 0;
    pid_t done;
    while ((done = ::waitpid(pid_, &status, WNOHANG)) < 0) {
      if (errno != EINTR) throw std::runtime_error(std::string("waitpid: ") + std::strerror(errno));
    }
    if (done == 0) return std::nullopt;
    pid_ = -1;
    return status;
  }

 private:
  pid_t pid_;
};

class SpawnActions {
 public:
  SpawnActions() { posix_spawn_file_actions_init(&actions_); }
  ~SpawnActions() { posix_spawn_file_actions_destroy(&actions_); }
  SpawnActions(const SpawnActions&) = delete;
  SpawnActions& operator=(const SpawnActions&) = delete;
  posix_spawn_file_actions_t* get() { return &actions_; }

 private:
  posix_spawn_file_actions_t actions_;
};

struct Pipe {
  ScopedFd read, write;
};

Pipe makePipe() {
  int fds[2];
  if (::pipe2(fds, O_CLOEXEC) != 0)
    throw std::runtime_error(std::string("cannot create a pipe for the model importer: ") +
                             std::strerror(errno));
  return {ScopedFd(fds[0]), ScopedFd(fds[1])};
}

// "SIGSEGV, Segmentation fault"
std::string signalName(int sig) {
  const char* abbrev = sigabbrev_np(sig);
  const char* text = strsignal(sig);
  std::string out = abbrev ? std::string("SIG") + abbrev : "signal " + std::to_string(sig);
  if (text) out += std::string(", ") + text;
  return out;
}

// Hands complete lines of `buffer` to `line`, keeping a trailing partial line.
template <typename F>
void takeLines(std::string& buffer, F&& line) {
  size_t start = 0;
  for (size_t end; (end = buffer.find('\n', start)) != std::string::npos; start = end + 1)
    line(std::string_view(buffer).substr(start, end - start));
  buffer.erase(0, start);
}

void reportProgress(std::string_view line, const LoadProgress& progress) {
  if (!progress || !line.starts_with("progress ")) return;
  const std::string rest(line.substr(9));
  char* end = nullptr;
  const float fraction = std::strtof(rest.c_str(), &end);
  if (end == rest.c_str()) return;
  std::string_view stage(end);
  if (stage.starts_with(' ')) stage.remove_prefix(1);
  progress(std::clamp(fraction, 0.f, 1.f), stage);
}

}  // namespace

ImportTimeLimits importTimeLimits(uint64_t source_bytes, const ImportTimeLimits& configured) {
  // A floor for small files on a busy machine, then the time Assimp and OCCT take per byte
  // on the largest plant models we have seen, with a wide margin.
  constexpr uint64_t kBytesPerStep = 100'000'000;
  ImportTimeLimits out;
  out.total =
      milliseconds(120'000 + 60'000 * static_cast<int64_t>(source_bytes / kBytesPerStep) +
                   static_cast<int64_t>(60'000 * (source_bytes % kBytesPerStep) / kBytesPerStep));
  out.silence = milliseconds(120'000);
  if (auto env = secondsFromEnv("GREENTWIN_IMPORT_TIMEOUT_S")) out.total = *env;
  if (auto env = secondsFromEnv("GREENTWIN_IMPORT_SILENCE_S")) out.silence = *env;
  if (configured.total.count() > 0) out.total = configured.total;
  if (configured.silence.count() > 0) out.silence = configured.silence;
  return out;
}

std::filesystem::path findImporter(const std::filesystem::path& configured) {
  if (!configured.empty()) return configured;
  if (const char* env = std::getenv("GREENTWIN_IMPORTER"); env && *env) return env;
  std::error_code ec;
  const std::filesystem::path self = std::filesystem::read_symlink("/proc/self/exe", ec);
  if (ec) return "greentwin-import";  // reported as not found when run
  return self.parent_path() / "greentwin-import";
}

std::vector<std::string> runImportProcess(const ImportRequest& request,
                                          const LoadProgress& progress,
                                          const std::atomic<bool>* cancel,
                                          const ImportTimeLimits& configured_limits) {
  const std::string name = request.source.string();
  std::error_code size_error;
  const uint64_t source_bytes = std::filesystem::file_size(request.source, size_error);
  const ImportTimeLimits limits =
      importTimeLimits(size_error ? 0 : source_bytes, configured_limits);
  Pipe out = makePipe(), err = makePipe();
  SpawnActions actions;
  posix_spawn_file_actions_addopen(actions.get(), 0, "/dev/null", O_RDONLY, 0);
  posix_spawn_file_actions_adddup2(actions.get(), out.write.get(), 1);
  posix_spawn_file_actions_adddup2(actions.get(), err.write.get(), 2);

  const std::string importer = request.importer.string(), source = request.source.string(),
                    target = request.out.string();
  char* argv[] = {const_cast<char*>(importer.c_str()), const_cast<char*>(source.c_str()),
                  const_cast<char*>("--out"), const_cast<char*>(target.c_str()), nullptr};
  pid_t pid = -1;
  const int spawned = posix_spawn(&pid, importer.c_str(), actions.get(), nullptr, argv, environ);
  if (spawned != 0)
    throw std::runtime_error(name + ": cannot start the model importer '" + importer + "' (" +
                             std::strerror(spawned) +
                             "); it belongs next to greentwin-viewer, or set GREENTWIN_IMPORTER");
  ChildProcess child(pid);
  markStartupPhase("import.child_spawned");
  const Clock::time_point start = Clock::now();
  Clock::time_point last_heard = start;
  // Only the child may hold the write ends now, so end of file means the child has gone.
  out.write.reset();
  err.write.reset();

  std::string out_text, err_text;
  pollfd fds[2] = {{out.read.get(), POLLIN, 0}, {err.read.get(), POLLIN, 0}};
  std::string* texts[2] = {&out_text, &err_text};
  int open_fds = 2;
  char chunk[4096];
  while (open_fds > 0) {
    if (cancel && cancel->load()) throw ImportCancelled();  // ~ChildProcess kills and reaps
    checkTimeLimits(name, limits, start, last_heard);
    const int ready = ::poll(fds, 2, kPollMs);
    if (ready < 0 && errno != EINTR)
      throw std::runtime_error(name + ": lost the model importer (" + std::strerror(errno) + ")");
    for (int i = 0; i < 2 && ready > 0; ++i) {
      if (fds[i].fd < 0 || !(fds[i].revents & (POLLIN | POLLHUP | POLLERR))) continue;
      const ssize_t n = ::read(fds[i].fd, chunk, sizeof chunk);
      if (n < 0 && errno == EINTR) continue;
      if (n <= 0) {
        fds[i].fd = -1;  // poll ignores negative descriptors
        --open_fds;
        continue;
      }
      last_heard = Clock::now();
      texts[i]->append(chunk, static_cast<size_t>(n));
      if (i == 0)
        takeLines(out_text, [&](std::string_view line) { reportProgress(line, progress); });
    }
  }
  // A child may close its pipes before it exits: keep honouring a cancel until it has ended.
  std::optional<int> ended;
  while (!(ended = child.poll())) {
    if (cancel && cancel->load()) throw ImportCancelled();
    checkTimeLimits(name, limits, start, last_heard);
    std::this_thread::sleep_for(std::chrono::milliseconds(5));
  }
  const int status = *ended;
  markStartupPhase("import.child_ended");

  std::vector<std::string> lines;
  err_text += '\n';
  takeLines(err_text, [&](std::string_view line) {
    if (!line.empty()) lines.emplace_back(line);
  });
  if (WIFSIGNALED(status))
    throw std::runtime_error(name + ": the model importer crashed while reading it (" +
                             signalName(WTERMSIG(status)) +
                             "); the file is probably damaged or cut short. The viewer keeps "
                             "running without it");
  if (WIFEXITED(status) && WEXITSTATUS(status) == 0) return lines;
  const int code = WIFEXITED(status) ? WEXITSTATUS(status) : -1;
  if (code == 1 && !lines.empty()) throw std::runtime_error(lines.back());
  throw std::runtime_error(name + ": the model importer failed (exit status " +
                           std::to_string(code) + ")" +
                           (lines.empty() ? std::string() : ": " + lines.back()));
}

}  // namespace gt::engine
