// greentwin-ingest: the acquisition daemon. Parses the command line, loads the site file,
// turns SIGTERM/SIGINT into an orderly stop, and runs IngestDaemon.
//   exit 0: stopped by a signal, everything queued committed
//   exit 1: could not start (database, sockets)
//   exit 2: bad command line or site file
#include <CLI/CLI.hpp>
#include <atomic>
#include <csignal>
#include <cstdio>
#include <ctime>
#include <thread>

#include "greentwin/site_config.h"
#include "ingest_daemon.h"
#include "log.h"

int main(int argc, char** argv) {
  using namespace gt::ingest;
  CLI::App app{"greentwin-ingest: polls the site's meters, stores and publishes every reading"};
  std::string site_file, db, publish, request, level = "info";
  app.add_option("--site", site_file, "site file (site.toml)")->required();
  app.add_option("--db", db, "SQLite database (default: [ingest] database of the site file)");
  app.add_option("--publish", publish, "ZeroMQ PUB endpoint (default: [ingest] publish)");
  app.add_option("--request", request, "ZeroMQ ROUTER endpoint (default: [ingest] request)");
  app.add_option("--log-level", level, "debug, info, warn or error");
  try {
    app.parse(argc, argv);
  } catch (const CLI::ParseError& e) {
    const int rc = app.exit(e);
    return rc == 0 ? 0 : 2;
  }
  LogLevel log_level;
  if (!parseLogLevel(level, log_level)) {
    std::fprintf(stderr, "greentwin-ingest: unknown --log-level '%s' (debug, info, warn, error)\n",
                 level.c_str());
    return 2;
  }
  setLogLevel(log_level);

  gt::SiteConfig site;
  try {
    site = gt::loadSiteConfig(site_file);
  } catch (const gt::ConfigError& e) {
    std::fprintf(stderr, "%s\n", e.what());
    return 2;
  }
  DaemonOptions options;
  options.database = db.empty() ? site.ingest.database : std::filesystem::path(db);
  options.publish_endpoint = publish.empty() ? site.ingest.publish : publish;
  options.request_endpoint = request.empty() ? site.ingest.request : request;

  // Signals are taken by one thread with sigwait, before any other thread exists, so no
  // handler ever runs inside the daemon's threads.
  sigset_t stop_signals;
  sigemptyset(&stop_signals);
  sigaddset(&stop_signals, SIGINT);
  sigaddset(&stop_signals, SIGTERM);
  pthread_sigmask(SIG_BLOCK, &stop_signals, nullptr);
  std::signal(SIGPIPE, SIG_IGN);  // a gateway closing its socket is an error value, not a kill

  std::unique_ptr<IngestDaemon> daemon;
  try {
    daemon = IngestDaemon::open(site, options);
  } catch (const std::exception& e) {
    logError("cannot start: ", e.what());
    return 1;
  }

  std::atomic<bool> done{false};
  std::thread signal_waiter([&] {
    const timespec tick{0, 200'000'000};
    while (!done.load()) {
      const int sig = sigtimedwait(&stop_signals, nullptr, &tick);
      if (sig == SIGINT || sig == SIGTERM) {
        logInfo("received ", sig == SIGINT ? "SIGINT" : "SIGTERM", ", stopping");
        daemon->requestStop();
        return;
      }
    }
  });
  daemon->run();
  done = true;
  signal_waiter.join();
  return 0;
}
