"""Forwarding state and the forward_backlog alarm (issue 5): a site whose upper centre is not
running shows the centre unreachable with a growing backlog in its snapshot, raises
forward_backlog after [[forward]] alarm_after_s, and clears it once the centre is started and
acknowledges. The alarm's raise and clear are stored in table alarm like a meter alarm's.
The PV inverter's DC voltage is stored by `store = "interval"` (10 s): its summary rows
(count, min, max, sum) reach the centre with their readings and match the site's exactly.
Real processes: simulator, site daemon, centre daemon."""

import signal
import sqlite3
import sys
import time

import msgpack

from harness import Chain, Process, free_ports, parse_args, wait_for, zmq_request

ALARM_AFTER_S = 4
UDC_LINE = ('{ name = "udc", name_zh = "直流电压", name_en = "DC voltage", address = 5, '
            'type = "uint16", scale = 0.1, unit = "V", min = 0, max = 1500 }')
FORWARD_BACKLOG = 5  # AlarmCode::ForwardBacklog, frozen (common/include/greentwin/quality.h)


def snapshot(chain):
    reply = msgpack.unpackb(zmq_request(chain.site.request,
                                        msgpack.packb({"v": 1, "op": "snapshot"})), raw=False)
    assert reply["type"] == "snapshot", reply
    return reply


def backlog_alarms(snap):
    return [a for a in snap["alarms"] if a["code"] == "forward_backlog"]


def stored_alarms(db):
    con = sqlite3.connect(f"file:{db}?mode=ro", uri=True, timeout=10)
    try:
        return con.execute("SELECT meter, area, raised_t, cleared_t, cleared_by FROM alarm "
                           "WHERE code = ?", (FORWARD_BACKLOG,)).fetchall()
    finally:
        con.close()


def interval_rows(db, centre_site=None, acked_only=False):
    """{(point name on the site, t): (count, min, max, sum)} of reading_interval; a centre's
    names lose their "<site>/" prefix. `acked_only` (a site): only rows the centre
    acknowledged (no longer in forward_log)."""
    con = sqlite3.connect(f"file:{db}?mode=ro", uri=True, timeout=10)
    try:
        acked = "" if not acked_only else (
            "AND NOT EXISTS (SELECT 1 FROM forward_log f WHERE f.point=i.point AND f.t=i.t)")
        rows = con.execute("SELECT p.name, i.t, i.count, i.min_value, i.max_value, i.sum_value "
                           "FROM reading_interval i JOIN point p ON p.id=i.point "
                           f"WHERE 1 {acked} ORDER BY p.name, i.t").fetchall()
    finally:
        con.close()
    prefix = f"{centre_site}/" if centre_site else ""
    return {(r[0][len(prefix):], r[1]): r[2:] for r in rows if r[0].startswith(prefix)}


def main():
    args = parse_args(sys.argv[1:])
    chain = Chain(args.bin, args.source)
    ok = False
    try:
        work = chain.work
        site_text = chain.site.path.read_text(encoding="utf-8")
        assert site_text.count(UDC_LINE) == 1, "the demo site's pv-inverter udc point changed"
        chain.site.path.write_text(site_text.replace(
            UDC_LINE, UDC_LINE[:-2] + ', store = "interval", store_interval_s = 10 }'),
            encoding="utf-8")
        centre_bind, centre_pub, centre_req = (f"tcp://127.0.0.1:{p}" for p in free_ports(3))
        with chain.site.path.open("a", encoding="utf-8") as f:
            f.write(f"""
[[forward]]
id = "hq"
endpoint = "{centre_bind}"
resend_ms = 200
alarm_after_s = {ALARM_AFTER_S}
""")
        centre_site = work / "centre.toml"
        centre_site.write_text(f"""
[site]
id = "hq"
[ingest]
publish = "{centre_pub}"
request = "{centre_req}"
[centre]
bind = "{centre_bind}"
""", encoding="utf-8")

        chain.start_sim()
        time.sleep(0.5)  # the simulator binds its gateways
        started = time.monotonic()
        chain.start_ingest()

        # 1. Centre down: the snapshot says so, and the backlog grows.
        def behind():
            fwd = snapshot(chain).get("forward", [])
            return fwd if fwd and fwd[0]["waiting_rows"] > 0 else None
        fwd = wait_for(behind, 20, "a backlog in the snapshot")
        assert len(fwd) == 1 and fwd[0]["centre"] == "hq", fwd
        assert fwd[0]["reachable"] is False and fwd[0]["rows_acked"] == 0, fwd

        # 2. No alarm before alarm_after_s; raised after it.
        snap = snapshot(chain)
        if time.monotonic() - started < ALARM_AFTER_S - 1:
            assert not backlog_alarms(snap), snap["alarms"]
        raised = wait_for(lambda: backlog_alarms(snapshot(chain)), ALARM_AFTER_S + 15,
                          "forward_backlog raised")
        assert time.monotonic() - started >= ALARM_AFTER_S, "raised before alarm_after_s"
        assert raised[0]["meter"] == "forward:hq" and raised[0]["area"] == "site", raised
        assert "hq" in raised[0]["text"], raised
        fwd = snapshot(chain)["forward"][0]
        assert fwd["oldest_age_ms"] >= 1000 and fwd["reachable"] is False, fwd
        # Stored with the next transaction (batch_ms).
        rows = wait_for(lambda: stored_alarms(chain.site.db), 5, "the alarm stored")
        assert len(rows) == 1 and rows[0][3] is None, rows

        # 3. The centre starts: it acknowledges, the backlog drains, the alarm clears.
        centre = Process("centre", [str(chain.bin / "greentwin-ingest"), "--site",
                                    str(centre_site), "--db", str(work / "centre.db")], work)
        chain.processes.append(centre)
        wait_for(lambda: not backlog_alarms(snapshot(chain)), 30, "forward_backlog cleared")
        fwd = snapshot(chain)["forward"][0]
        assert fwd["reachable"] is True and fwd["rows_acked"] > 0, fwd
        assert fwd["oldest_age_ms"] < ALARM_AFTER_S * 1000, fwd
        rows = wait_for(lambda: [r for r in stored_alarms(chain.site.db) if r[3] is not None], 5,
                        "the clear stored")
        assert len(rows) == 1 and rows[0][4] != "restart", rows
        assert rows[0][3] > rows[0][2], rows  # cleared after it was raised

        # 4. Interval summaries: on the centre, with the site's values, exactly once.
        wait_for(lambda: interval_rows(work / "centre.db", "demo-cnc"), 20,
                 "interval summaries on the centre")
        assert chain.processes[1].stop(signal.SIGTERM) == 0
        on_centre = interval_rows(work / "centre.db", "demo-cnc")
        on_site = interval_rows(chain.site.db)
        acked = interval_rows(chain.site.db, acked_only=True)
        assert on_centre and all(k[0].endswith(".udc") for k in on_centre), on_centre
        # Everything acknowledged is there, and nothing the site does not have, same values.
        assert set(acked) <= set(on_centre), (sorted(acked), sorted(on_centre))
        for key, summary in on_centre.items():
            assert on_site.get(key) == summary, (key, summary, on_site.get(key))
            assert summary[0] >= 1, (key, summary)
        ok = True
        print("forward alarm: raised while the centre was down, cleared once it acknowledged")
    finally:
        chain.close(keep_on_failure=not ok)
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main())
