// The importer child: posix_spawn with stdout and stderr on pipes, a poll loop that reads both
// (so neither pipe fills up and stalls the child), and waitpid's status turned into a message.
#include "import_process.h"

#include <fcntl.h>
#include <poll.h>
#include <spawn.h>
#include <sys/wait.h>
#include <unistd.h>

#include <algorithm>
#include <cerrno>
#include <chrono>
#include <csignal>
#include <cstdlib>
#include <cstring>
#include <optional>
#include <stdexcept>
#include <thread>

#include "greentwin/scoped_fd.h"

extern char** environ;

namespace gt::engine {
namespace {

constexpr int kPollMs = 100;  // how soon a cancel is noticed

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
                                          const std::atomic<bool>* cancel) {
  const std::string name = request.source.string();
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
      texts[i]->append(chunk, static_cast<size_t>(n));
      if (i == 0)
        takeLines(out_text, [&](std::string_view line) { reportProgress(line, progress); });
    }
  }
  // A child may close its pipes before it exits: keep honouring a cancel until it has ended.
  std::optional<int> ended;
  while (!(ended = child.poll())) {
    if (cancel && cancel->load()) throw ImportCancelled();
    std::this_thread::sleep_for(std::chrono::milliseconds(5));
  }
  const int status = *ended;

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
