// The centre-mode receiving thread (see centre_receiver.h).
#include "centre_receiver.h"

#include <algorithm>
#include <atomic>
#include <limits>
#include <mutex>
#include <thread>
#include <unordered_map>
#include <zmq.hpp>
#include <zmq_addon.hpp>

#include "aggregate_writer.h"
#include "greentwin/forward_messages.h"
#include "greentwin/messages.h"
#include "log.h"
#include "store_schema.h"

namespace gt::ingest {

namespace {
constexpr std::chrono::milliseconds kTick{100};
}

struct CentreReceiver::Impl {
  SqliteDb db;
  std::unique_ptr<AggregateWriter> aggregates;
  std::unordered_map<std::string, int64_t> point_ids;  // "<site>/<meter>.<point>" -> id
  zmq::context_t context{1};
  zmq::socket_t router{context, zmq::socket_type::router};
  std::atomic<bool> stopping{false};
  std::thread thread;
  std::once_flag stopped;
  mutable std::mutex stats_mutex;
  ReceiverStats stats;
  std::vector<StoredReading> rows;  // scratch, kept for its capacity
  std::string endpoint;

  void run();
  // Empty on success, else why the batch was not stored.
  std::string store(const wire::ForwardBatch& batch);
};

std::string CentreReceiver::Impl::store(const wire::ForwardBatch& batch) {
  if (batch.site.empty() || batch.site.find('/') != std::string::npos) {
    return "site id '" + batch.site + "' is empty or holds a '/'";
  }
  std::vector<int64_t> ids;
  ids.reserve(batch.points.size());
  std::vector<PointInfo> fresh;
  for (const wire::ForwardPoint& p : batch.points) {
    const std::string name = batch.site + "/" + p.name;
    if (!point_ids.contains(name)) {
      const std::size_t dot = p.name.rfind('.');
      const std::string meter = dot == std::string::npos ? p.name : p.name.substr(0, dot);
      fresh.push_back(PointInfo{name, batch.site + "/" + meter, "", batch.site, p.unit, p.kind});
    }
  }
  if (!fresh.empty()) {
    try {
      point_ids = registerPoints(db, fresh);
    } catch (const StoreError& e) {
      return e.what();
    }
  }
  for (const wire::ForwardPoint& p : batch.points)
    ids.push_back(point_ids.at(batch.site + "/" + p.name));
  rows.clear();
  for (const wire::ForwardReading& r : batch.readings) {
    // A summary stored as the site stores it: reading_interval and the aggregates' counts.
    rows.push_back(StoredReading{ids[r.point], r.t, r.value, r.quality,
                                 IntervalSummary{r.count, r.min, r.max, r.sum}});
  }
  std::sort(rows.begin(), rows.end(), [](const StoredReading& a, const StoredReading& b) {
    return a.point != b.point ? a.point < b.point : a.t < b.t;
  });
  rows.erase(std::unique(rows.begin(), rows.end(),
                         [](const StoredReading& a, const StoredReading& b) {
                           return a.point == b.point && a.t == b.t;
                         }),
             rows.end());
  if (db.tryExec("BEGIN IMMEDIATE") != SQLITE_OK)
    return "cannot start a transaction: " + db.message();
  uint64_t too_old = 0;
  if (!aggregates->write(rows, std::numeric_limits<TimeMs>::min(), too_old) ||
      db.tryExec("COMMIT") != SQLITE_OK) {
    std::string why = "cannot store: " + db.message();
    db.tryExec("ROLLBACK");
    aggregates->rolledBack();
    return why;
  }
  aggregates->committed();
  return {};
}

void CentreReceiver::Impl::run() {
  while (!stopping.load()) {
    zmq::pollitem_t item{router.handle(), 0, ZMQ_POLLIN, 0};
    zmq::poll(&item, 1, kTick);
    if (!(item.revents & ZMQ_POLLIN)) continue;
    std::vector<zmq::message_t> frames;
    if (!zmq::recv_multipart(router, std::back_inserter(frames), zmq::recv_flags::dontwait) ||
        frames.size() < 2) {
      continue;
    }
    const std::string_view body(static_cast<const char*>(frames.back().data()),
                                frames.back().size());
    std::string why;
    std::string reply;
    if (const std::optional<wire::ForwardBatch> batch = wire::decodeForwardBatch(body, &why)) {
      why = store(*batch);
      if (why.empty()) {
        reply = wire::encode(wire::ForwardAck{batch->site, batch->last_seq});
        std::lock_guard lock(stats_mutex);
        ++stats.batches_stored;
        stats.rows_received += batch->readings.size();
      }
    }
    if (!why.empty()) {
      // No ack: the site sends the batch again later.
      logWarn("centre: batch not stored: ", why);
      reply = wire::encode(wire::Reply{wire::ErrorReply{why}});
      std::lock_guard lock(stats_mutex);
      ++stats.rejected;
    }
    // The envelope back as it came (routing id, the REQ delimiter), then the reply.
    frames.pop_back();
    for (zmq::message_t& f : frames)
      router.send(f, zmq::send_flags::sndmore | zmq::send_flags::dontwait);
    router.send(zmq::buffer(reply), zmq::send_flags::dontwait);
  }
}

CentreReceiver::CentreReceiver(std::unique_ptr<Impl> impl) : impl_(std::move(impl)) {}

std::unique_ptr<CentreReceiver> CentreReceiver::start(const std::filesystem::path& database,
                                                      const std::string& endpoint,
                                                      int utc_offset_minutes) {
  auto impl = std::make_unique<Impl>();
  impl->db =
      SqliteDb::open(database, SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE | SQLITE_OPEN_NOMUTEX);
  createSchema(impl->db, utc_offset_minutes);
  impl->point_ids = registerPoints(impl->db, {});
  impl->aggregates =
      std::make_unique<AggregateWriter>(impl->db, BucketCalendar(utc_offset_minutes));
  impl->router.set(zmq::sockopt::linger, 0);
  try {
    impl->router.bind(endpoint);
  } catch (const zmq::error_t& e) {
    throw std::runtime_error("[centre] bind: cannot bind " + endpoint + ": " + e.what() +
                             " (another program on that port?)");
  }
  impl->endpoint = impl->router.get(zmq::sockopt::last_endpoint);
  logInfo("centre: receiving forwarded readings on ", impl->endpoint);
  Impl* raw = impl.get();
  impl->thread = std::thread([raw] { raw->run(); });
  return std::unique_ptr<CentreReceiver>(new CentreReceiver(std::move(impl)));
}

CentreReceiver::~CentreReceiver() {
  stop();
}

void CentreReceiver::stop() noexcept {
  std::call_once(impl_->stopped, [this] {
    impl_->stopping = true;
    if (impl_->thread.joinable()) impl_->thread.join();
  });
}

const std::string& CentreReceiver::endpoint() const {
  return impl_->endpoint;
}

ReceiverStats CentreReceiver::stats() const {
  std::lock_guard lock(impl_->stats_mutex);
  return impl_->stats;
}

}  // namespace gt::ingest
