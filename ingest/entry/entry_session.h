// EntrySession: where greentwin-entry sends its readings. Either to the running daemon, as
// "enter" requests on its ROUTER socket (the daemon's one writer stores them), or, with
// --direct when no daemon runs (a site being set up, years of history loaded before going
// live), straight into the database through ReadingStore and EntryDesk: the same validation,
// the same writer code, and ReadingStore's WriterLock refuses while a daemon holds the file.
#pragma once

#include <chrono>
#include <filesystem>
#include <memory>
#include <string>

#include "greentwin/entry_messages.h"
#include "greentwin/site_config.h"

namespace gt::ingest {

class EntrySession {
 public:
  // To the daemon answering on `endpoint`; each request waits at most `timeout` for its reply.
  static std::unique_ptr<EntrySession> toDaemon(const std::string& endpoint,
                                                std::chrono::milliseconds timeout);
  // Straight into `database`. Throws StoreError (another process writes it, or it is
  // unusable) or std::runtime_error (a time zone greentwin-ingest cannot cut days in).
  static std::unique_ptr<EntrySession> direct(const SiteConfig& site,
                                              const std::filesystem::path& database);
  virtual ~EntrySession() = default;

  // One result per row, in order. Throws std::runtime_error with a message for the person
  // at the keyboard (no daemon answered, the daemon said why not).
  virtual wire::EnterReply send(const wire::EnterRequest& request) = 0;
};

}  // namespace gt::ingest
