// The two ways greentwin-entry's readings reach the database (see entry_session.h).
#include "entry_session.h"

#include <stdexcept>
#include <variant>
#include <zmq.hpp>

#include "entry_desk.h"
#include "greentwin/messages.h"
#include "greentwin/time_zone.h"
#include "reading_store.h"
#include "site_points.h"

namespace gt::ingest {

namespace {

class DaemonSession final : public EntrySession {
 public:
  DaemonSession(const std::string& endpoint, std::chrono::milliseconds timeout)
      : endpoint_(endpoint), timeout_(timeout) {}

  wire::EnterReply send(const wire::EnterRequest& request) override {
    // A fresh REQ socket per request: after a timeout a REQ socket cannot send again.
    zmq::socket_t socket(context_, zmq::socket_type::req);
    socket.set(zmq::sockopt::linger, 0);
    socket.set(zmq::sockopt::rcvtimeo, static_cast<int>(timeout_.count()));
    socket.connect(endpoint_);
    socket.send(zmq::buffer(wire::encode(wire::Request{request})), zmq::send_flags::none);
    zmq::message_t reply;
    if (!socket.recv(reply, zmq::recv_flags::none)) {
      throw std::runtime_error("no greentwin-ingest answered on " + endpoint_ + " within " +
                               std::to_string(timeout_.count() / 1000) +
                               " s: is it running? (when none runs, use --direct)");
    }
    const std::string_view body = reply.to_string_view();
    if (auto entered = wire::decodeEnterReply(body)) {
      if (entered->results.size() != request.rows.size()) {
        throw std::runtime_error("the daemon answered " + std::to_string(entered->results.size()) +
                                 " results for " + std::to_string(request.rows.size()) + " rows");
      }
      return *entered;
    }
    std::string why;
    const std::optional<wire::Reply> other = wire::decodeReply(body, &why);
    if (other && std::holds_alternative<wire::ErrorReply>(*other)) {
      throw std::runtime_error("greentwin-ingest refused: " +
                               std::get<wire::ErrorReply>(*other).error);
    }
    throw std::runtime_error("greentwin-ingest sent an unexpected reply" +
                             (why.empty() ? std::string() : " (" + why + ")"));
  }

 private:
  zmq::context_t context_{1};
  std::string endpoint_;
  std::chrono::milliseconds timeout_;
};

class DirectSession final : public EntrySession {
 public:
  DirectSession(std::unique_ptr<ReadingStore> store, std::unique_ptr<EntryDesk> desk)
      : store_(std::move(store)), desk_(std::move(desk)) {}
  ~DirectSession() override {
    desk_.reset();  // before the store it writes through
    store_->close();
  }

  wire::EnterReply send(const wire::EnterRequest& request) override {
    return desk_->enter(request);
  }

 private:
  std::unique_ptr<ReadingStore> store_;
  std::unique_ptr<EntryDesk> desk_;
};

}  // namespace

std::unique_ptr<EntrySession> EntrySession::toDaemon(const std::string& endpoint,
                                                     std::chrono::milliseconds timeout) {
  return std::make_unique<DaemonSession>(endpoint, timeout);
}

std::unique_ptr<EntrySession> EntrySession::direct(const SiteConfig& site,
                                                   const std::filesystem::path& database) {
  const std::optional<int> offset = fixedUtcOffsetMinutes(site.timezone);
  if (!offset) {
    throw std::runtime_error("[site] timezone '" + site.timezone +
                             "' has no fixed offset (known: " + knownFixedZones() + ")");
  }
  StoreOptions options;
  options.utc_offset_minutes = *offset;
  options.raw_retention_days = site.ingest.raw_retention_days;
  // No batching to wait for: each request ends with a flush anyway.
  options.batch = std::chrono::milliseconds(1);
  auto store = ReadingStore::open(database, sitePoints(site), nowUtcMs(), options);
  EntryDeskOptions desk_options;
  desk_options.utc_offset_minutes = *offset;
  desk_options.raw_retention_days = site.ingest.raw_retention_days;
  auto desk = EntryDesk::open(site, database, *store, desk_options);
  return std::make_unique<DirectSession>(std::move(store), std::move(desk));
}

}  // namespace gt::ingest
