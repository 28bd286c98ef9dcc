// The KPI thread and the explain entry point (see kpi_service.h).
#include "kpi_service.h"

#include <condition_variable>
#include <mutex>
#include <optional>
#include <thread>

#include "accounting/accounting_error.h"
#include "greentwin/messages.h"
#include "intensity_check.h"
#include "kpi_computer.h"
#include "kpi_explain.h"
#include "report_error.h"

namespace gt::kpi {

struct KpiService::Impl {
  const SiteConfig& site;
  std::filesystem::path database;
  KpiHooks hooks;
  KpiComputer computer;
  std::optional<report::PeriodActivityReader> reader;  // the KPI thread's

  std::mutex explain_mutex;  // explain requests may come from any thread
  std::optional<report::PeriodActivityReader> explain_reader;

  std::mutex mutex;
  std::condition_variable wake;
  bool stopping = false;
  std::thread thread;
  std::string last_error;  // logged once until it changes or clears

  Impl(const SiteConfig& s, std::filesystem::path db, KpiHooks h, KpiComputer c)
      : site(s), database(std::move(db)), hooks(std::move(h)), computer(std::move(c)) {}

  void run();
  void tick();
};

void KpiService::Impl::tick() {
  std::string error;
  try {
    // The daemon created the database before starting this thread; open it lazily anyway so a
    // failure is retried on the next tick instead of stopping the KPIs for good.
    if (!reader) reader = report::PeriodActivityReader::open(database);
    const wire::KpiUpdate update = computer.compute(*reader, nowUtcMs());
    hooks.publish(std::string(wire::kKpiTopic), wire::encode(update));
    KpiCheck check = KpiComputer::alarmCheck(update);
    for (KpiCheck::Item& item :
         intensityChecks(site, computer.bindings(), computer.factors(), *reader, database, update.t,
                         computer.utcOffsetMinutes())) {
      check.items.push_back(std::move(item));
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

}  // namespace gt::kpi
