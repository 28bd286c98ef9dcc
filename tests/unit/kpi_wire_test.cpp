// The KPI service behind real ZeroMQ sockets: the `kpi` message on the PUB socket, the
// `explain` request on the ROUTER socket answered from a real SQLite store, a bad figure
// answered with an error, and a budget alarm travelling the meter alarms' topic and schema.
#include <catch2/catch.hpp>

#include <mutex>
#include <thread>
#include <zmq.hpp>
#include <zmq_addon.hpp>

#include "greentwin/messages.h"
#include "kpi_service.h"
#include "kpi_test_support.h"
#include "publisher.h"

using namespace gt;
using namespace gt::kpi;
using namespace gt::kpi::testing;
using namespace std::chrono_literals;

namespace {

struct Rig {
  report::testing::TempFolder folder{"greentwin-kpi-wire"};
  SiteConfig site = report::testing::demoSite();
  std::string pub_endpoint = "ipc://" + (folder.path() / "pub").string();
  std::string req_endpoint = "ipc://" + (folder.path() / "req").string();
  std::unique_ptr<ingest::Publisher> publisher;
  std::unique_ptr<KpiService> service;
  std::mutex mutex;
  std::vector<KpiCheck> checks;

  Rig() {
    writeNovemberDb(folder.path() / "store.db");
    site.accounting = folder.path() / "accounting.toml";
    std::ofstream(site.accounting) << novemberBindings("[kpi]\ninterval_s = 1\n");
    KpiHooks hooks;
    hooks.publish = [this](std::string topic, std::string body) {
      publisher->postEncoded(std::move(topic), std::move(body));
    };
    hooks.check = [this](KpiCheck c) {
      std::lock_guard lock(mutex);
      checks.push_back(std::move(c));
    };
    service = KpiService::create(site, folder.path() / "store.db", 480, std::move(hooks));
    ingest::PublisherOptions o;
    o.publish_endpoint = pub_endpoint;
    o.request_endpoint = req_endpoint;
    o.site = site.id;
    o.started = 1;
    o.heartbeat = 100ms;
    publisher = ingest::Publisher::start(
        o,
        [](const wire::HistoryRequest&) -> std::variant<wire::HistoryReply, wire::ErrorReply> {
          return wire::ErrorReply{"no history here"};
        },
        [this](const wire::ExplainRequest& r) { return service->explain(r); });
  }
  ~Rig() {
    service->stop();  // before the publisher it posts to
    publisher->stop();
  }
};

std::string ask(zmq::socket_t& req, const wire::Request& request) {
  req.send(zmq::buffer(wire::encode(request)), zmq::send_flags::none);
  zmq::message_t reply;
  REQUIRE(req.recv(reply, zmq::recv_flags::none));
  return reply.to_string();
}

}  // namespace

TEST_CASE("the kpi message is published every interval and decodes", "[kpi]") {
  Rig rig;
  zmq::context_t ctx;
  zmq::socket_t sub(ctx, zmq::socket_type::sub);
  sub.set(zmq::sockopt::rcvtimeo, 500);
  sub.set(zmq::sockopt::subscribe, std::string(wire::kKpiTopic));
  sub.connect(rig.pub_endpoint);
  rig.service->start();

  std::optional<wire::KpiUpdate> update;
  const auto deadline = std::chrono::steady_clock::now() + 10s;
  while (!update && std::chrono::steady_clock::now() < deadline) {
    std::vector<zmq::message_t> frames;
    if (!zmq::recv_multipart(sub, std::back_inserter(frames))) continue;
    REQUIRE(frames.size() == 2);
    CHECK(frames[0].to_string() == "kpi");
    std::string why;
    update = wire::decodeKpiUpdate(frames[1].to_string_view(), &why);
    INFO(why);
    REQUIRE(update);
  }
  REQUIRE(update);
  CHECK(update->site == rig.site.id);
  REQUIRE(update->figures.size() == 8);
  CHECK(update->figures[0].id == "energy_day");
  // 3650 tce a year: 10 a day (9.97 in a leap year).
  CHECK(update->figures[0].budget > 9.9);
  CHECK(update->figures[0].budget <= 10.0);
  CHECK(update->quota);
  std::lock_guard lock(rig.mutex);
  REQUIRE_FALSE(rig.checks.empty());
  CHECK(rig.checks.front().items.size() == 3);
}

TEST_CASE("explain answers over ROUTER from the store; a bad figure gets an error", "[kpi]") {
  Rig rig;
  zmq::context_t ctx;
  zmq::socket_t req(ctx, zmq::socket_type::req);
  req.set(zmq::sockopt::rcvtimeo, 5000);
  req.connect(rig.req_endpoint);

  // 23 November 2026: 40 000 kWh x 0.1229 kgce/kWh = 4.916 tce (kpi_computer_test.cpp).
  const std::string body = ask(req, wire::ExplainRequest{"energy_day", "2026-11-23"});
  std::string why;
  const auto e = wire::decodeExplainReply(body, &why);
  INFO(why);
  REQUIRE(e);
  CHECK(e->kpi == "energy_day");
  CHECK(e->period == "2026-11-23");
  CHECK(e->from == local(2026, 11, 23));
  CHECK(e->utc_offset_minutes == 480);
  CHECK(e->value == Approx(4.916));
  REQUIRE(e->inputs.size() == 1);
  CHECK(e->inputs[0].amount == Approx(40000));
  REQUIRE(e->factors.size() == 1);
  CHECK(e->factors[0].source.find("GB/T 2589-2020") != std::string::npos);

  const auto bad = wire::decodeReply(ask(req, wire::ExplainRequest{"water_day", ""}));
  REQUIRE(bad);
  REQUIRE(std::holds_alternative<wire::ErrorReply>(*bad));
  CHECK_THAT(std::get<wire::ErrorReply>(*bad).error, Catch::Contains("unknown KPI"));
  // The ROUTER still serves other requests afterwards.
  CHECK(wire::decodeExplainReply(ask(req, wire::ExplainRequest{"carbon_day", "2026-11-23"})));
}

TEST_CASE("a budget alarm travels the alarm topic with code budget_exceeded", "[kpi]") {
  Rig rig;
  zmq::context_t ctx;
  zmq::socket_t sub(ctx, zmq::socket_type::sub);
  sub.set(zmq::sockopt::rcvtimeo, 200);
  sub.set(zmq::sockopt::subscribe, "alarm/site/");
  sub.connect(rig.pub_endpoint);

  KpiAlarms alarms;
  int64_t next = 7;
  const KpiCheck over{1000, {{"carbon_day", 1.06, "carbon_day 21.224 tCO2 of 20 tCO2"}}};
  alarms.update(over, [&] { return next++; });
  const auto raised = alarms.update(over, [&] { return next++; });
  REQUIRE(raised.size() == 1);

  std::optional<wire::AlarmEvent> got;
  const auto deadline = std::chrono::steady_clock::now() + 5s;
  while (!got && std::chrono::steady_clock::now() < deadline) {
    rig.publisher->post(raised[0]);  // repeated: a SUB misses what is sent before it joins
    std::vector<zmq::message_t> frames;
    if (!zmq::recv_multipart(sub, std::back_inserter(frames))) continue;
    CHECK(frames[0].to_string() == "alarm/site/carbon_day");
    got = wire::decodeAlarmEvent(frames[1].to_string_view());
  }
  REQUIRE(got);
  CHECK(got->id == 7);
  CHECK(got->code == AlarmCode::BudgetExceeded);
  CHECK(got->meter == "carbon_day");
}
