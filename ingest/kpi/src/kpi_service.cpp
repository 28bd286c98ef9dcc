// The KPI thread and the explain entry point (see kpi_service.h).
#include "kpi_service.h"

#include <condition_variable>
#include <mutex>
#include <optional>
#include <thread>

#include "accounting/accounting_error.h"
#include "balance_tracker.h"
#include "greentwin/messages.h"
#include "intensity_check.h"
#include "kpi_computer.h"
#include "kpi_explain.h"
#include "report_error.h"
#include "report_period.h"

namespace gt::kpi {

struct KpiService::Impl {
  const SiteConfig& site;
  std::filesystem::path database;
  KpiHooks hooks;
  KpiComputer computer;
  BalanceTracker balance;
  std::optional<report::PeriodActivityReader> reader;  // the KPI thread's
  MonthToDateAccounts month_to_date;                   // the KPI thread's, rebuilt only on new data

  std::mutex explain_mutex;  // explain requests may come from any thread
  std::optional<report::PeriodActivityReader> explain_reader;

  std::mutex mutex;
  std::condition_variable wake;
  bool stopping = false;
  std::thread thread;
  std::string last_error;  // logged once until it changes or clears

  Impl(const SiteConfig& s, std::filesystem::path db, KpiHooks h, KpiComputer c)
      : site(s),
        database(std::move(db)),
        hooks(std::move(h)),
        computer(std::move(c)),
        balance(s, computer.utcOffsetMinutes()) {}

  void run();
  void tick();
};

void KpiService::Impl::tick() {
  std::string error;
  try {
    // The daemon created the database before starting this thread; open it lazily anyway so a
    // failure is retried on the next tick instead of stopping the KPIs for good.
    if (!reader) reader = report::PeriodActivityReader::open(database);
    report::PeriodAccounts day;
    const wire::KpiUpdate update = computer.compute(*reader, nowUtcMs(), &day);
    hooks.publish(std::string(wire::kKpiTopic), wire::encode(update));
    hooks.publish(std::string(wire::kBalanceTopic),
                  wire::encode(balance.update(computer.bindings(), computer.factors(), *reader, day,
                                              update.t)));
    KpiCheck check = KpiComputer::alarmCheck(update);
    if (hasIntensityLimits(computer.bindings())) {
      const MonthToDate& mtd =
          month_to_date.current(site, computer.bindings(), computer.factors(), *reader, database,
                                update.t, computer.utcOffsetMinutes());
      for (KpiCheck::Item& item : intensityChecks(computer.bindings(), mtd)) {
        check.items.push_back(std::move(item));
      }
    }
    hooks.check(std::move(check));
  } catch (const report::ReportError& e) {
    error = e.what();
  } catch (const accounting::AccountingError& e) {
    error = e.what();
  } catch (const std::exception& e) {
    error = std::string("unexpected: ") + e.what();
  }
  if (error != last_error) {
    if (!error.empty()) {
      if (hooks.warn) hooks.warn("KPIs not computed: " + error + " (retrying every interval)");
    } else if (hooks.info) {
      hooks.info("KPIs computed again");
    }
    last_error = error;
  }
}

void KpiService::Impl::run() {
  const auto interval = std::chrono::seconds(computer.bindings().kpi.interval_s);
  auto next = std::chrono::steady_clock::now();
  std::unique_lock lock(mutex);
  while (!stopping) {
    lock.unlock();
    tick();
    lock.lock();
    next += interval;
    // A slow computation (the first of a day reads the whole year) does not queue up ticks.
    const auto now = std::chrono::steady_clock::now();
    if (next <= now) next = now + interval;
    wake.wait_until(lock, next, [this] { return stopping; });
  }
}

KpiService::KpiService(std::unique_ptr<Impl> impl) : impl_(std::move(impl)) {}

std::unique_ptr<KpiService> KpiService::create(const SiteConfig& site,
                                               std::filesystem::path database,
                                               int utc_offset_minutes, KpiHooks hooks) {
  report::AccountingBindings bindings = report::loadAccountingBindings(site.accounting, site);
  report::FactorSet factors = report::loadFactorSet(bindings);
  KpiComputer computer(site, std::move(bindings), std::move(factors), utc_offset_minutes);
  return std::unique_ptr<KpiService>(new KpiService(
      std::make_unique<Impl>(site, std::move(database), std::move(hooks), std::move(computer))));
}

KpiService::~KpiService() {
  stop();
}

void KpiService::start() {
  Impl* raw = impl_.get();
  impl_->thread = std::thread([raw] { raw->run(); });
}

void KpiService::stop() noexcept {
  {
    std::lock_guard lock(impl_->mutex);
    impl_->stopping = true;
  }
  impl_->wake.notify_all();
  if (impl_->thread.joinable()) impl_->thread.join();
}

std::chrono::seconds KpiService::interval() const {
  return std::chrono::seconds(impl_->computer.bindings().kpi.interval_s);
}

std::string KpiService::explain(const wire::ExplainRequest& request) {
  std::lock_guard lock(impl_->explain_mutex);
  std::string error;
  try {
    if (!impl_->explain_reader) {
      impl_->explain_reader = report::PeriodActivityReader::open(impl_->database);
    }
    const KpiComputer& c = impl_->computer;
    return wire::encode(explainFigure(impl_->site, c.bindings(), c.factors(),
                                      *impl_->explain_reader, request, c.utcOffsetMinutes(),
                                      nowUtcMs()));
  } catch (const report::ReportError& e) {
    error = e.what();
  } catch (const accounting::AccountingError& e) {
    error = e.what();
  }
  return wire::encode(
      wire::Reply{wire::ErrorReply{"cannot explain " + request.kpi + ": " + error}});
}

std::string KpiService::balance(const wire::BalanceRequest& request) {
  std::lock_guard lock(impl_->explain_mutex);
  std::string error;
  try {
    const KpiComputer& c = impl_->computer;
    std::string why;
    const auto period = report::parseReportPeriod(request.period, c.utcOffsetMinutes(), &why);
    if (!period) return wire::encode(wire::Reply{wire::ErrorReply{"balance: " + why}});
    if (!impl_->explain_reader) {
      impl_->explain_reader = report::PeriodActivityReader::open(impl_->database);
    }
    const TimeMs now = nowUtcMs();
    wire::BalanceUpdate reply;
    reply.t = now;
    reply.site = impl_->site.id;
    reply.day = report::formatLocalSecond(now, c.utcOffsetMinutes()).substr(0, 10);
    reply.periods.push_back(
        balancePeriod(impl_->site,
                      report::computePeriodAccounts(impl_->site, c.bindings(), c.factors(),
                                                    *impl_->explain_reader, *period),
                      wire::kBalanceRequested, now));
    return wire::encode(reply);
  } catch (const report::ReportError& e) {
    error = e.what();
  } catch (const accounting::AccountingError& e) {
    error = e.what();
  }
  return wire::encode(
      wire::Reply{wire::ErrorReply{"no energy balance for " + request.period + ": " + error}});
}

}  // namespace gt::kpi
