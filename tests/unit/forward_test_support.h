// Shared by the store-and-forward tests (ingest_forward_test.cpp,
// ingest_forward_interval_test.cpp): a site's outbox forwarded to a new centre, a site's DEALER
// driven by hand and the batch it sends, and a centre point's aggregated reading count.
#pragma once

#include <catch2/catch.hpp>

#include <chrono>
#include <cstdint>
#include <filesystem>
#include <iterator>
#include <optional>
#include <string>
#include <string_view>
#include <thread>
#include <vector>
#include <zmq.hpp>
#include <zmq_addon.hpp>

#include "centre_forwarder.h"
#include "centre_receiver.h"
#include "greentwin/forward_messages.h"
#include "store_test_support.h"

namespace gt::ingest::test {

// Polls `done` every 20 ms until it holds or `limit` has passed; returns its last answer.
template <typename F>
bool waitFor(F&& done, std::chrono::milliseconds limit = std::chrono::seconds(10)) {
  const auto until = std::chrono::steady_clock::now() + limit;
  while (std::chrono::steady_clock::now() < until) {
    if (done()) return true;
    std::this_thread::sleep_for(std::chrono::milliseconds(20));
  }
  return done();
}

// Starts a centre on `centre_db` and a forwarder of site "test-site" from `site_db` to it
// (centre "hq", `batch_rows` readings a batch, resend after 500 ms), waits until `rows` readings
// are acknowledged (failing the test after 10 s), stops both and returns the forwarder's counts.
inline ForwarderStats forwardToNewCentre(const std::filesystem::path& site_db,
                                         const std::filesystem::path& centre_db, int batch_rows,
                                         uint64_t rows) {
  auto centre = CentreReceiver::start(centre_db, "tcp://127.0.0.1:*", 480);
  const ForwardTarget target{"hq", centre->endpoint(), batch_rows, 500};
  CentreForwarder::forgetOtherCentres(site_db, {target});
  auto forwarder = CentreForwarder::start(site_db, "test-site", target);
  REQUIRE(waitFor([&] { return forwarder->stats().rows_acked == rows; }));
  forwarder->stop();
  centre->stop();
  return forwarder->stats();
}

// A site's end of the link, by hand: a DEALER connected to a centre's ROUTER.
class SiteDealer {
 public:
  explicit SiteDealer(const std::string& centre_endpoint)
      : dealer_(context_, zmq::socket_type::dealer) {
    dealer_.connect(centre_endpoint);
  }

  // Sends `batch` and returns the centre's ack; fails the test when none comes within 5 s.
  std::optional<wire::ForwardAck> send(const wire::ForwardBatch& batch) {
    dealer_.send(zmq::message_t(), zmq::send_flags::sndmore);
    dealer_.send(zmq::buffer(wire::encode(batch)));
    std::vector<zmq::message_t> frames;
    zmq::pollitem_t item{dealer_.handle(), 0, ZMQ_POLLIN, 0};
    REQUIRE(zmq::poll(&item, 1, std::chrono::milliseconds(5000)) == 1);
    REQUIRE(zmq::recv_multipart(dealer_, std::back_inserter(frames)));
    return wire::decodeForwardAck(
        std::string_view(static_cast<const char*>(frames.back().data()), frames.back().size()));
  }

 private:
  zmq::context_t context_;
  zmq::socket_t dealer_;
};

// Sequence 1..`last_seq` of site "far-site", whose one point is M-09.p (kW, instant); the
// caller adds the readings.
inline wire::ForwardBatch farSiteBatch(int64_t last_seq) {
  wire::ForwardBatch batch;
  batch.site = "far-site";
  batch.first_seq = 1;
  batch.last_seq = last_seq;
  batch.points = {{"M-09.p", "kW", "instant"}};
  return batch;
}

// The smallest aggregate span's total count of a point (a centre's "site/point" name).
inline double aggregateCount(const std::filesystem::path& db, const std::string& point) {
  return scalar(
      db, "SELECT SUM(count) FROM aggregate a JOIN point p ON p.id=a.point WHERE p.name='" + point +
              "' AND a.span=(SELECT MIN(span) FROM aggregate)");
}

}  // namespace gt::ingest::test
