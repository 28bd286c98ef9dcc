// Month to date = month before today + today (balance_tracker.h): amounts and tce add per
// carrier and per area, and the loss and its flag are recomputed from the sums, so a day whose
// sub-meters ran ahead of the incomer does not leave a negative loss on a month that balances.
#include <catch2/catch.hpp>

#include "balance_tracker.h"

using namespace gt;
using namespace gt::wire;

namespace {

// carrier, names, unit, tce/unit, purchased, generated, exported, loss, negative, areas
BalancePeriod period(std::string span, double bought, double machining, double loss) {
  BalancePeriod p;
  p.span = std::move(span);
  p.carriers = {
      {"electricity",
       "电力",
       "electricity",
       "kWh",
       0.0001229,
       bought,
       0,
       0,
       loss,
       loss < 0,
       {{"machining", "机加工车间", "Machining hall", machining, machining * 0.0001229}}}};
  sumBalanceTotals(p);
  return p;
}

}  // namespace

TEST_CASE("month to date adds the month before today and today") {
  // Before today: 1000 kWh in, 800 kWh in machining, 200 kWh lost.
  BalancePeriod before = period("month_to_date", 1000, 800, 200);
  before.from = 100;
  before.period = "2026-11";
  // Today: 100 kWh in, 150 kWh in machining: the sub-meter ran ahead by 50 kWh.
  BalancePeriod today = period("today", 100, 150, -50);
  today.to = 900;
  // Gas appears only today: 10 m3 bought, all of it in paint.
  today.carriers.push_back({"natural_gas",
                            "天然气",
                            "natural gas",
                            "m3",
                            0.0012143,
                            10,
                            0,
                            0,
                            0,
                            false,
                            {{"paint", "涂装车间", "Paint shop", 10, 0.012143}}});
  sumBalanceTotals(today);

  const BalancePeriod sum = kpi::addBalancePeriods(before, today);
  CHECK(sum.from == 100);
  CHECK(sum.to == 900);
  REQUIRE(sum.carriers.size() == 2);
  const BalanceCarrier& e = sum.carriers[0];
  CHECK(e.purchased == 1100);
  REQUIRE(e.areas.size() == 1);
  CHECK(e.areas[0].amount == 950);
  // 1100 - 950 = 150 kWh lost over the month: positive again, not -50 + 200 flagged.
  CHECK(e.loss == Approx(150));
  CHECK_FALSE(e.negative_loss);
  CHECK(sum.carriers[1].areas[0].area == "paint");
  // 1100 kWh x 0.0001229 + 10 m3 x 0.0012143 = 0.13519 + 0.012143 tce in.
  CHECK(sum.input_tce == Approx(0.147333));
  CHECK(sum.loss_tce == Approx(150 * 0.0001229));
  // The sum still decodes: it adds up.
  BalanceUpdate u;
  u.periods = {sum};
  CHECK(decodeBalanceUpdate(encode(u)));
}
