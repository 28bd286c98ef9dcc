// Wiring of greentwin-ingest: channels -> dispatcher -> store and publisher (ingest_daemon.h).
#include "ingest_daemon.h"

#include <algorithm>
#include <cassert>
#include <map>
#include <unordered_map>
#include <variant>

#include "alarm_tracker.h"
#include "blocking_queue.h"
#include "centre_forwarder.h"
#include "centre_receiver.h"
#include "cjt188_link.h"
#include "counter_ledger.h"
#include "dlt645_link.h"
#include "entry_desk.h"
#include "forward_alarm.h"
#include "gateway_channel.h"
#include "greentwin/counter_continuity.h"
#include "greentwin/time_zone.h"
#include "history_reader.h"
#include "kpi_alarms.h"
#include "kpi_service.h"
#include "log.h"
#include "modbus_rtu_link.h"
#include "modbus_tcp_link.h"
#include "publisher.h"
#include "reading_store.h"
#include "site_points.h"
#include "storage_policy.h"

namespace gt::ingest {

namespace {
struct StopEvent {};
// KpiCheck: the KPI thread's budget figures, judged here where alarm ids are handed out.
using DaemonEvent = std::variant<PollReport, StopEvent, kpi::KpiCheck>;
using Clock = std::chrono::steady_clock;
constexpr auto kCounterLogPeriod = std::chrono::seconds(60);
// How often the forwarders' backlogs are judged for the forward_backlog alarm; their stats are
// refreshed once a second too (centre_forwarder.cpp).
constexpr auto kForwardCheckPeriod = std::chrono::seconds(1);

std::unique_ptr<MeterLink> makeLink(const Meter& meter) {
  switch (meter.protocol) {
    case Protocol::ModbusTcp:
      return std::make_unique<ModbusTcpLink>(meter.host, meter.port);
    case Protocol::ModbusRtu:
      return std::make_unique<ModbusRtuLink>(meter.serial);
    case Protocol::Dlt645:
      return std::make_unique<Dlt645Link>(meter);
    case Protocol::Cjt188:
      return std::make_unique<Cjt188Link>(meter);
  }
  return nullptr;
}

std::string describeError(const LinkError& e) {
  return std::string(linkErrorKindName(e.kind)) + ": " + e.detail;
}

// Added to a read's worst case before the publisher gives up on it: the dispatcher's and the
// publisher's queues, and a loaded machine.
constexpr std::chrono::milliseconds kReadMargin{1000};
}  // namespace

struct IngestDaemon::Parts {
  const SiteConfig& site;
  TimeMs started = 0;
  std::unique_ptr<ReadingStore> store;
  std::unique_ptr<HistoryReader> history;
  std::unique_ptr<EntryDesk> entries;  // the enter request; uses `store`, so declared after it
  // Store and forward: one forwarder per [[forward]] centre; the receiver in centre mode.
  std::vector<std::unique_ptr<CentreForwarder>> forwarders;
  std::vector<ForwardAlarm> forward_alarms;  // one per forwarder, dispatcher thread only
  std::unique_ptr<CentreReceiver> centre;
  std::unique_ptr<Publisher> publisher;
  std::unique_ptr<AlarmTracker> alarms;
  std::vector<std::unique_ptr<GatewayChannel>> channels;
  // Meter id -> index into site.meters, and each meter's channel: on-demand reads (fixed once
  // open() returns; read from the publisher thread).
  std::unordered_map<std::string, std::size_t> meter_index;
  std::vector<GatewayChannel*> channel_of;
  // Cumulative point id ("M-04.ep_imp") -> meter index and template point index: replacements
  // recorded while running (the replaced request).
  std::unordered_map<std::string, std::pair<std::size_t, std::size_t>> counter_points;
  BlockingQueue<DaemonEvent> events;
  std::vector<MeterCounters> counters;
  std::vector<bool> was_online;
  // By point id; only points whose policy is not "all" (those store every reading as is).
  std::unordered_map<int64_t, StoragePolicy> policies;
  // Store ids by meter and template index: looking names up in the store's map cost a string
  // hash per reading, 4 % of a core at 100 000 points a second.
  std::vector<std::vector<int64_t>> point_ids;

  explicit Parts(const SiteConfig& s) : site(s) {}
  // The publisher thread reaches into the channels (reads), which are destroyed first.
  ~Parts() {
    if (publisher) publisher->stop();
  }
  Parts(const Parts&) = delete;
  Parts& operator=(const Parts&) = delete;
  void handle(PollReport& report);
  std::variant<std::chrono::milliseconds, wire::ErrorReply> startRead(const wire::ReadRequest& r,
                                                                      uint64_t ticket);
  void handle(const kpi::KpiCheck& check);
  // Logs, stores and publishes a raise or clear.
  void emitAlarm(const wire::AlarmEvent& e);
  void checkForwarding();
  std::string recordReplacement(const std::filesystem::path& database,
                                const wire::ReplacedRequest& r);
  // Last: stopped and destroyed before the publisher it posts to.
  kpi::KpiAlarms kpi_alarms;
  std::unique_ptr<kpi::KpiService> kpi;  // only with [site] accounting
  void logCounters() const;
};

void IngestDaemon::Parts::handle(PollReport& report) {
  const std::size_t i = report.meter;
  const Meter& meter = site.meters[i];
  PollOutcome& out = report.outcome;
  // A clock read since the last report (meter_clock.h): judged for alarm meter_clock_off.
  const bool clock_read = report.counters.clock_reads_ok != counters[i].clock_reads_ok;
  counters[i] = report.counters;

  // Every value read goes to its point's storage policy, also those of a poll that failed
  // half-way; all of them are published below.
  std::vector<StoredReading> rows;
  rows.reserve(out.batch.values.size());
  const std::vector<int64_t>& ids = point_ids[i];
  assert(out.points.size() == out.batch.values.size());
  for (std::size_t k = 0; k < out.batch.values.size(); ++k) {
    const wire::PointValue& v = out.batch.values[k];
    const StoredReading r{ids[out.points[k]], v.t, v.value, v.quality, {}};
    auto policy = policies.empty() ? policies.end() : policies.find(r.point);
    if (policy != policies.end()) {
      policy->second.offer(r, rows);
    } else {
      rows.push_back(r);
    }
  }
  store->append(std::move(rows));

  const auto raised_or_cleared = out.ok() ? alarms->pollSucceeded(i, out.t, out.flags, out.flagged)
                                          : alarms->pollFailed(i, out.t, describeError(*out.error));
  for (const wire::AlarmEvent& e : raised_or_cleared) emitAlarm(e);
  if (clock_read && report.counters.clock_offset_s) {
    for (const wire::AlarmEvent& e :
         alarms->clockRead(i, report.counters.clock_read_t, *report.counters.clock_offset_s)) {
      emitAlarm(e);
    }
  }
  const bool online = alarms->online(i);
  if (online != was_online[i]) {
    if (online) {
      if (meter.protocol == Protocol::Dlt645 || meter.protocol == Protocol::Cjt188) {
        logInfo("meter ", meter.id, " online (", linkAddress(meter), " address ", meter.address,
                ")");
      } else {
        logInfo("meter ", meter.id, " online (", linkAddress(meter), " unit ", meter.unit_id, ")");
      }
    } else {
      logWarn("meter ", meter.id,
              " offline: ", out.error ? describeError(*out.error) : std::string("no answer"));
    }
    was_online[i] = online;
  }
  MeterUpdate update;
  const MeterCounters& c = report.counters;
  update.state =
      wire::MeterState{meter.id, online, alarms->lastOk(i),
                       wire::PollCounters{c.polls_ok, c.timeouts, c.exceptions, c.bad_frames,
                                          c.connection_errors, c.reconnects},
                       c.clock_offset_s};
  if (c.clock_watched) {
    update.state.clock_reads =
        wire::ClockReads{c.clock_reads_ok, c.clock_reads_failed, c.clock_read_t};
  }
  update.publish = out.ok();
  // Read requests waiting on this poll: the same batch the PUB gets, or why there is none.
  // Posted after the update, so the readings are published before the reply goes out.
  std::string read_reply;
  if (!report.tickets.empty()) {
    read_reply = out.ok()
                     ? wire::encode(wire::Reply{out.batch})
                     : wire::encode(wire::Reply{wire::ErrorReply{
                           "meter did not answer: " +
                           (out.error ? describeError(*out.error) : std::string("no answer"))}});
  }
  if (update.publish) update.batch = std::move(out.batch);
  publisher->post(std::move(update));
  for (const uint64_t ticket : report.tickets) publisher->answerRead(ticket, read_reply);
}

std::variant<std::chrono::milliseconds, wire::ErrorReply> IngestDaemon::Parts::startRead(
    const wire::ReadRequest& r, uint64_t ticket) {
  const auto it = meter_index.find(r.meter);
  if (it == meter_index.end()) return wire::ErrorReply{"unknown meter '" + r.meter + "'"};
  const std::optional<Millis> worst = channel_of[it->second]->pollNow(it->second, ticket);
  if (!worst) return wire::ErrorReply{"meter '" + r.meter + "' has no polling channel"};
  return *worst + kReadMargin;
}

void IngestDaemon::Parts::emitAlarm(const wire::AlarmEvent& e) {
  const bool raised = e.state == AlarmState::Raised;
  log(raised ? LogLevel::Warn : LogLevel::Info, "alarm ", e.id, " ", alarmCodeName(e.code),
      raised ? " raised: " : " cleared: ", e.text);
  store->record(e);
  publisher->post(e);
}

void IngestDaemon::Parts::handle(const kpi::KpiCheck& check) {
  for (const wire::AlarmEvent& e :
       kpi_alarms.update(check, [this] { return alarms->takeAlarmId(); })) {
    emitAlarm(e);
  }
}

std::string IngestDaemon::Parts::recordReplacement(const std::filesystem::path& database,
                                                   const wire::ReplacedRequest& r) {
  const auto it = counter_points.find(r.point);
  if (it == counter_points.end()) {
    return wire::encode(wire::Reply{
        wire::ErrorReply{"no cumulative point '" + r.point +
                         "' on this site (give it as <meter>.<point>, e.g. M-04.ep_imp)"}});
  }
  const CounterEvent event{r.t, r.old_last, r.new_first};
  // Stored first: a replacement the validator knows but the database does not would be lost
  // at the next start, and the reports would count the swap as consumption.
  recordCounterEvent(database,
                     CounterEventRecord{r.point, event, "replacement", r.by, nowUtcMs(), r.why});
  const auto [meter, point] = it->second;
  channel_of[meter]->addReplacement(meter, point, event);
  logInfo("counter ", r.point, ": meter replacement at ", r.t, " recorded by ", r.by,
          " (old meter's last ", r.old_last, ", new meter's first ", r.new_first,
          "), applied to its validation from the next poll");
  return wire::encode(wire::ReplacedReply{r.point, r.t});
}

void IngestDaemon::Parts::checkForwarding() {
  const TimeMs now = nowUtcMs();
  for (std::size_t i = 0; i < forwarders.size(); ++i) {
    const std::optional<wire::AlarmEvent> e = forward_alarms[i].update(
        forwarders[i]->stats(), now, [this] { return alarms->takeAlarmId(); });
    if (e) emitAlarm(*e);
  }
}

void IngestDaemon::Parts::logCounters() const {
  for (std::size_t i = 0; i < counters.size(); ++i) {
    const MeterCounters& c = counters[i];
    logInfo("counters ", site.meters[i].id, ": polls_ok ", c.polls_ok, ", timeouts ", c.timeouts,
            ", exceptions ", c.exceptions, ", bad_frames ", c.bad_frames, ", connection_errors ",
            c.connection_errors, ", reconnects ", c.reconnects);
    if (c.clock_offset_s) {
      logInfo("clock ", site.meters[i].id, ": offset ", *c.clock_offset_s, " s, reads beyond ",
              site.meters[i].clock_alarm_s, " s: ", c.clocks_off, ", reads ok ", c.clock_reads_ok,
              ", failed ", c.clock_reads_failed);
    }
  }
  const StoreStats s = store->stats();
  logInfo("counters database: rows_committed ", s.rows_committed, ", commits ", s.commits,
          ", failed_commits ", s.failed_commits, ", rows_dropped ", s.rows_dropped);
  for (const auto& f : forwarders) {
    const ForwarderStats fs = f->stats();
    const TimeMs age = fs.oldest_waiting_t ? nowUtcMs() - fs.oldest_waiting_t : 0;
    logInfo("counters forward ", f->centre(), ": waiting_rows ", fs.waiting_rows,
            ", oldest_waiting_s ", age / 1000, ", rows_acked ", fs.rows_acked, ", resends ",
            fs.resends, ", reachable ", fs.reachable ? "yes" : "no");
  }
  if (centre) {
    const ReceiverStats rs = centre->stats();
    logInfo("counters centre: batches_stored ", rs.batches_stored, ", rows_received ",
            rs.rows_received, ", rejected ", rs.rejected);
  }
}

IngestDaemon::IngestDaemon(std::unique_ptr<Parts> parts) : parts_(std::move(parts)) {}

IngestDaemon::~IngestDaemon() = default;

std::unique_ptr<IngestDaemon> IngestDaemon::open(const SiteConfig& site,
                                                 const DaemonOptions& options) {
  auto p = std::make_unique<Parts>(site);
  p->started = nowUtcMs();

  std::vector<MeterIdentity> identities;
  std::vector<std::string> meter_ids;
  for (const Meter& m : site.meters) {
    identities.push_back(
        MeterIdentity{m.id, m.equipment, m.area, static_cast<double>(m.clock_alarm_s)});
    meter_ids.push_back(m.id);
  }

  StoreOptions store_options;
  store_options.batch = std::chrono::milliseconds(site.ingest.batch_ms);
  store_options.raw_retention_days = site.ingest.raw_retention_days;
  store_options.stage_fold_every = std::chrono::seconds(site.ingest.stage_fold_s);
  const std::optional<int> offset = fixedUtcOffsetMinutes(site.timezone);
  if (!offset) {
    throw std::runtime_error("[site] timezone '" + site.timezone +
                             "' is not one greentwin-ingest can cut local days in (it needs a "
                             "zone without daylight saving time: " +
                             knownFixedZones() + ")");
  }
  store_options.utc_offset_minutes = *offset;
  store_options.forward_log = !site.forward.empty();
  p->store = ReadingStore::open(options.database, sitePoints(site), p->started, store_options);
  CentreForwarder::forgetOtherCentres(options.database, site.forward);
  for (const ForwardTarget& target : site.forward) {
    p->forwarders.push_back(CentreForwarder::start(options.database, site.id, target));
    p->forward_alarms.emplace_back(target);
  }
  if (!site.centre.bind.empty()) {
    p->centre = CentreReceiver::start(options.database, site.centre.bind, *offset);
  }
  for (const Meter& m : site.meters) {
    auto& ids = p->point_ids.emplace_back();
    for (const RegisterPoint& rp : m.tmpl->points) {
      ids.push_back(p->store->pointIds().at(pointId(m, rp)));
    }
    for (const RegisterPoint& rp : m.tmpl->points) {
      if (rp.storage.mode != StoreMode::All) {
        p->policies.emplace(p->store->pointIds().at(pointId(m, rp)), StoragePolicy(rp.storage));
      }
    }
  }
  p->history = HistoryReader::open(options.database);
  const std::unordered_map<std::string, CounterStart> counter_starts =
      loadCounterStarts(options.database);
  EntryDeskOptions entry_options;
  entry_options.utc_offset_minutes = *offset;
  entry_options.raw_retention_days = site.ingest.raw_retention_days;
  p->entries = EntryDesk::open(site, options.database, *p->store, entry_options);

  AlarmRules rules;
  rules.comm_fault_after = site.ingest.comm_fault_after;
  rules.meter_clear_after = options.meter_clear_after;
  p->alarms = std::make_unique<AlarmTracker>(identities, rules, p->store->nextAlarmId());
  p->counters.resize(site.meters.size());
  p->was_online.assign(site.meters.size(), false);

  // The site's energy and carbon KPIs (issue 6), where accounting.toml binds the meters.
  Publisher::ExplainQuery explain;
  if (!site.accounting.empty()) {
    Parts* parts = p.get();
    kpi::KpiHooks hooks;
    hooks.publish = [parts](std::string topic, std::string body) {
      parts->publisher->postEncoded(std::move(topic), std::move(body));
    };
    hooks.check = [parts](kpi::KpiCheck check) { parts->events.push(std::move(check)); };
    hooks.warn = [](const std::string& line) { logWarn(line); };
    hooks.info = [](const std::string& line) { logInfo(line); };
    try {
      p->kpi = kpi::KpiService::create(site, options.database, *offset, std::move(hooks));
      explain = [k = p->kpi.get()](const wire::ExplainRequest& r) { return k->explain(r); };
    } catch (const std::exception& e) {
      // Metering matters more than the KPIs: acquire and store anyway, and say why not.
      logError("KPIs and budget alarms off: ", e.what());
    }
  }

  // One channel per link: meters behind one gateway (host:port) share a TCP connection and a
  // thread; meters on one RS-485 line (serial device) share the port and take turns on it.
  std::map<std::string, std::vector<std::size_t>> links;
  for (std::size_t i = 0; i < site.meters.size(); ++i) {
    links[linkAddress(site.meters[i])].push_back(i);
  }
  Parts* raw = p.get();
  p->channel_of.assign(site.meters.size(), nullptr);
  ChannelOptions channel_options;
  channel_options.backoff_after = std::max(1, site.ingest.comm_fault_after);
  for (const auto& [address, indices] : links) {
    std::vector<GatewayChannel::Member> members;
    for (std::size_t i : indices) {
      auto poller = std::make_unique<MeterPoller>(site.meters[i]);
      // DL/T 645 meters only (meter_clock.h)
      poller->watchClock(*offset, std::chrono::seconds(site.meters[i].clock_read_s));
      // Counters continue from their stored high-water marks (counter_ledger.h), so a register
      // already low when the daemon starts is flagged regressed, not taken as the reference.
      const auto& tmpl_points = site.meters[i].tmpl->points;
      for (std::size_t k = 0; k < tmpl_points.size(); ++k) {
        const auto start = counter_starts.find(pointId(site.meters[i], tmpl_points[k]));
        if (start == counter_starts.end()) continue;
        poller->resumeCounter(k, start->second.mark, start->second.mark_t, start->second.events);
      }
      members.push_back({i, std::move(poller)});
    }
    std::unique_ptr<MeterLink> link = makeLink(site.meters[indices.front()]);
    channel_options.reopen_after_bad_answer =
        site.meters[indices.front()].protocol == Protocol::ModbusTcp;
    std::string name = link->describe();
    p->channels.push_back(std::make_unique<GatewayChannel>(
        std::move(name), std::move(link), std::move(members),
        [raw](PollReport&& r) { raw->events.push(std::move(r)); }, channel_options));
    for (std::size_t i : indices) p->channel_of[i] = p->channels.back().get();
  }
  // After the channels: the publisher thread starts reads on them at once.
  for (std::size_t i = 0; i < site.meters.size(); ++i) {
    p->meter_index.emplace(site.meters[i].id, i);
    const auto& tmpl_points = site.meters[i].tmpl->points;
    for (std::size_t k = 0; k < tmpl_points.size(); ++k) {
      if (tmpl_points[k].kind != PointKind::Cumulative) continue;
      p->counter_points.emplace(pointId(site.meters[i], tmpl_points[k]), std::make_pair(i, k));
    }
  }
  PublisherOptions pub;
  pub.publish_endpoint = options.publish_endpoint;
  pub.request_endpoint = options.request_endpoint;
  pub.site = site.id;
  pub.started = p->started;
  pub.meters = meter_ids;
  pub.replaced = [raw, database = options.database](const wire::ReplacedRequest& r) {
    return raw->recordReplacement(database, r);
  };
  if (p->kpi) {
    pub.balance = [k = p->kpi.get()](const wire::BalanceRequest& r) { return k->balance(r); };
  }
  if (!p->forwarders.empty()) {
    pub.forward_state = [raw](TimeMs now) {
      std::vector<wire::ForwardState> states;
      for (const auto& f : raw->forwarders) {
        const ForwarderStats fs = f->stats();
        states.push_back(wire::ForwardState{
            f->centre(), fs.reachable, fs.waiting_rows,
            fs.oldest_waiting_t ? std::max<TimeMs>(0, now - fs.oldest_waiting_t) : 0, fs.rows_acked,
            fs.resends});
      }
      return states;
    };
  }
  HistoryReader* history = p->history.get();
  p->publisher = Publisher::start(
      pub, [history](const wire::HistoryRequest& r) { return history->query(r); },
      std::move(explain),
      [raw](const wire::ReadRequest& r, uint64_t ticket) { return raw->startRead(r, ticket); },
      [desk = p->entries.get()](const wire::EnterRequest& r) {
        const wire::EnterReply reply = desk->enter(r);
        std::size_t counts[3] = {0, 0, 0};
        for (const wire::EnterResult& e : reply.results) {
          ++counts[e.result == "stored" ? 0 : e.result == "duplicate" ? 1 : 2];
        }
        logInfo(r.dry_run ? "checked " : "entered ", r.rows.size(), " ", r.kind, " reading(s) by ",
                r.by, ": ", counts[0], " stored, ", counts[1], " duplicate, ", counts[2],
                " rejected", r.dry_run ? " (dry run: nothing stored)" : "");
        return wire::encode(reply);
      });
  logInfo("greentwin-ingest started for site ", site.id, ": ", site.meters.size(), " meters on ",
          links.size(), " links; database ", options.database.string(), "; publishing on ",
          options.publish_endpoint, ", requests on ", options.request_endpoint);
  return std::unique_ptr<IngestDaemon>(new IngestDaemon(std::move(p)));
}

void IngestDaemon::requestStop() noexcept {
  try {
    parts_->events.push(StopEvent{});
  } catch (...) {
    // Out of memory while stopping: the dispatcher notices on its next counter tick at worst.
  }
}

void IngestDaemon::run() {
  Parts& p = *parts_;
  for (auto& channel : p.channels) channel->start();
  if (p.kpi) p.kpi->start();
  auto next_counters = Clock::now() + kCounterLogPeriod;
  auto next_forward_check = Clock::now() + kForwardCheckPeriod;
  while (true) {
    auto event = p.events.popUntil(std::min(next_counters, next_forward_check));
    if (event && std::holds_alternative<StopEvent>(*event)) break;
    if (auto* report = event ? std::get_if<PollReport>(&*event) : nullptr) p.handle(*report);
    if (auto* check = event ? std::get_if<kpi::KpiCheck>(&*event) : nullptr) p.handle(*check);
    // The deadline moves on even without forwarders: a deadline left in the past would make
    // popUntil return at once and this loop spin a whole core.
    if (Clock::now() >= next_forward_check) {
      if (!p.forwarders.empty()) p.checkForwarding();
      next_forward_check = Clock::now() + kForwardCheckPeriod;
    }
    if (Clock::now() >= next_counters) {
      p.logCounters();
      next_counters += kCounterLogPeriod;
    }
  }

  logInfo("stopping: finishing polls in progress");
  if (p.kpi) p.kpi->stop();
  for (auto& channel : p.channels) channel->requestStop();
  for (auto& channel : p.channels) channel->stop();
  // Readings polled before the stop are still stored and published.
  for (DaemonEvent& event : p.events.takeAll()) {
    if (auto* report = std::get_if<PollReport>(&event)) p.handle(*report);
  }
  // Intervals in progress are stored with the readings they have (docs/storage.md).
  std::vector<StoredReading> last_rows;
  for (auto& [id, policy] : p.policies) {
    if (auto row = policy.finish()) last_rows.push_back(*row);
  }
  p.store->append(std::move(last_rows));
  p.publisher->stop();
  if (p.centre) p.centre->stop();
  for (auto& f : p.forwarders) f->stop();
  p.store->close();
  p.logCounters();
  const StoreStats s = p.store->stats();
  logInfo("stopped; ", s.rows_committed, " readings committed in this run",
          s.rows_dropped ? " (some dropped, see above)" : "");
}

}  // namespace gt::ingest
