"""The energy balance over ZeroMQ (issue 6): greentwin-ingest publishes a `balance` message at
its KPI tick, today and month to date, whose electricity input (bought + PV) equals the areas'
consumption + loss + export, and answers a `balance` request on the ROUTER for a past day and
for the month. A malformed period is answered with an error, not silence.

Real processes: simulator and daemon on a copy of the demo site whose accounting publishes every
second (interval_s = 1), so the test takes a few seconds, not the demo's 10 s ticks."""

import datetime
import re
import sys
import time
from pathlib import Path

import msgpack
import zmq

from harness import Chain, parse_args, wait_for, zmq_request


def fast_accounting(chain, source):
    """The demo accounting.toml with absolute factor and assessment paths and a 1 s tick."""
    text = (source / "assets/demo/accounting.toml").read_text(encoding="utf-8")
    text = re.sub(r'^factors = ".*?"', f'factors = "{(source / "assets/factors").as_posix()}"',
                  text, flags=re.M)
    text = re.sub(r'^assessment = "(.*?)"',
                  lambda m: f'assessment = "{(source / "assets/demo" / m.group(1)).as_posix()}"',
                  text, flags=re.M)
    text = re.sub(r"^interval_s = \d+", "interval_s = 1", text, flags=re.M)
    path = chain.work / "accounting.toml"
    path.write_text(text, encoding="utf-8")
    site = chain.site.path.read_text(encoding="utf-8")
    site = re.sub(r'^accounting = ".*?"', f'accounting = "{path.as_posix()}"', site, flags=re.M)
    chain.site.path.write_text(site, encoding="utf-8")


def electricity(period):
    return next(c for c in period["carriers"] if c["carrier"] == "electricity")


def check_balance(c):
    """input = consumption + loss + export, to register rounding (a millionth of the input)."""
    consumption = sum(a["amount"] for a in c["areas"])
    assert abs(c["consumption"] - consumption) < 1e-9 * max(1, consumption), c
    rest = c["purchased"] + c["generated"] - consumption - c["loss"] - c["exported"]
    assert abs(rest) <= 1e-6 * max(1.0, c["purchased"] + c["generated"]), c
    assert c["negative_loss"] == (c["loss"] < 0), c


def main():
    args = parse_args(sys.argv[1:])
    chain = Chain(args.bin, args.source)
    fast_accounting(chain, Path(args.source))
    sub = zmq.Context.instance().socket(zmq.SUB)
    sub.setsockopt(zmq.LINGER, 0)
    sub.setsockopt(zmq.SUBSCRIBE, b"balance")
    sub.connect(chain.site.publish)
    ok = False
    try:
        chain.start_sim()
        time.sleep(0.5)  # the simulator binds its gateways
        chain.start_ingest()

        def published_with_energy():
            if not sub.poll(200):
                return None
            topic, body = sub.recv_multipart()
            assert topic == b"balance", topic
            m = msgpack.unpackb(body, raw=False)
            today = next(p for p in m["periods"] if p["span"] == "today")
            # Two readings of the incomer and the sub-meters make a consumption.
            e = electricity(today)
            return m if e["purchased"] > 0 and e["areas"] else None

        m = wait_for(published_with_energy, 20, "a balance with electricity bought")
        assert m["type"] == "balance" and m["v"] == 1, m
        spans = [p["span"] for p in m["periods"]]
        assert spans == ["today", "month_to_date"], spans
        today, month = m["periods"]
        assert today["period"] == m["day"] and month["period"] == m["day"][:7], m
        e = electricity(today)
        check_balance(e)
        assert e["unit"] == "kWh" and e["name_zh"] == "电力", e
        assert {a["area"] for a in e["areas"]} <= {"substation", "machining", "assembly", "paint",
                                                   "utilities", "outdoor"}, e
        assert all(a["name_en"] for a in e["areas"]), e
        for c in today["carriers"] + month["carriers"]:
            check_balance(c)
        # The totals in tce add up the same way: input = consumption + loss + export.
        for p in (today, month):
            rest = p["input_tce"] - p["consumption_tce"] - p["loss_tce"] - p["exported_tce"]
            assert abs(rest) <= 1e-6 * max(1.0, p["input_tce"]), p
        # A fresh database: the month so far is today, to the kWh.
        assert abs(electricity(month)["purchased"] - e["purchased"]) < 1e-9, (month, e)

        # The ROUTER: a past day (no readings then: zeros, but the day's bounds), the month,
        # and a period that is not one.
        day = datetime.date.fromisoformat(m["day"])
        yesterday = (day - datetime.timedelta(days=1)).isoformat()

        def ask(period):
            body = msgpack.packb({"v": 1, "op": "balance", "period": period})
            return msgpack.unpackb(zmq_request(chain.site.request, body, 10000), raw=False)

        past = ask(yesterday)
        assert past["type"] == "balance", past
        [p] = past["periods"]
        assert p["span"] == "requested" and p["period"] == yesterday, p
        assert p["to"] - p["from"] == 86_400_000 and p["to"] == today["from"], (p, today)
        assert p["input_tce"] == 0 and all(c["purchased"] == 0 for c in p["carriers"]), p

        whole = ask(m["day"][:7])
        [p] = whole["periods"]
        assert p["period"] == m["day"][:7], p
        check_balance(electricity(p))
        assert electricity(p)["purchased"] >= e["purchased"], (p, e)

        bad = ask("last tuesday")
        assert bad["type"] == "error" and "balance" in bad["error"], bad
        ok = True
        print("balance published and answered")
    finally:
        sub.close()
        chain.close(keep_on_failure=not ok)
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main())
