// The KPI thread of greentwin-ingest: every [kpi] interval_s it computes the KPIs (KpiComputer)
// from the database through its own read-only connection, hands the encoded `kpi` message to
// the publisher and the alarm inputs to the dispatcher (which owns alarm ids, see
// kpi_alarms.h), and the energy balance of today and the month as a `balance` message. Polling
// never waits for it. It also answers `explain` and `balance` requests, on the caller's thread
// with a second read-only connection. Started only for sites with [site] accounting.
#pragma once

#include <chrono>
#include <filesystem>
#include <functional>
#include <memory>
#include <string>

#include "greentwin/balance_messages.h"
#include "greentwin/kpi_messages.h"
#include "greentwin/site_config.h"
#include "kpi_alarms.h"

namespace gt::kpi {

struct KpiHooks {
  std::function<void(std::string topic, std::string body)> publish;  // thread-safe
  std::function<void(KpiCheck)> check;                               // thread-safe
  std::function<void(const std::string&)> warn;                      // a line for the log
  std::function<void(const std::string&)> info;
};

class KpiService {
 public:
  // Loads site.accounting (accounting.toml) and its factor tables. Throws gt::ConfigError
  // (file:line:col), report::ReportError or accounting::AccountingError with a message for the
  // operator. `site` must outlive the service; `database` is greentwin-ingest's own file.
  static std::unique_ptr<KpiService> create(const SiteConfig& site, std::filesystem::path database,
                                            int utc_offset_minutes, KpiHooks hooks);
  ~KpiService();  // stop()
  KpiService(const KpiService&) = delete;
  KpiService& operator=(const KpiService&) = delete;

  void start();          // computes at once, then every interval
  void stop() noexcept;  // joins the thread; idempotent

  // The encoded reply body: an ExplainReply, or an error reply saying why not. Thread-safe.
  std::string explain(const wire::ExplainRequest& request);
  // The encoded reply body: a BalanceUpdate with the requested period, or an error reply.
  // Thread-safe; shares explain's connection.
  std::string balance(const wire::BalanceRequest& request);

  std::chrono::seconds interval() const;

  struct Impl;

 private:
  explicit KpiService(std::unique_ptr<Impl> impl);
  std::unique_ptr<Impl> impl_;
};

}  // namespace gt::kpi
