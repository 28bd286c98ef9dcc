"""Manual entry and CSV import (greentwin-entry) against a real daemon polling the real
simulator: an import of past history with one bad line and one regressing meter reading, a
manual reading, then the stored rows, their quality flags, the hand-computed aggregates of the
imported period, the audit rows, and a second import of the same file that stores nothing new.
Then --direct: refused while the daemon runs, accepted once it has stopped."""

import signal
import sqlite3
import subprocess
import sys
import time

import msgpack

from harness import Chain, parse_args, wait_for, zmq_request

POINT = "M-02.ep_imp"  # pm3-float: float32 kWh, cumulative
IMPORTED, MANUAL, REGRESSED = 512, 32, 2  # quality.h bits 9, 5, 1
HOUR_MS = 3_600_000


def query(db, sql, *params):
    con = sqlite3.connect(f"file:{db}?mode=ro", uri=True, timeout=5)
    try:
        return con.execute(sql, params).fetchall()
    finally:
        con.close()


def first_value(db):
    try:
        rows = query(db, "SELECT r.value FROM reading r JOIN point p ON p.id = r.point "
                         "WHERE p.name = ? AND r.value IS NOT NULL ORDER BY r.t LIMIT 1", POINT)
    except sqlite3.Error:
        return None
    return rows[0][0] if rows else None


def history(endpoint, t_from, t_to, resolution="raw"):
    body = {"v": 1, "op": "history", "point": POINT, "from": t_from, "to": t_to, "limit": 100}
    if resolution != "raw":
        body["resolution"] = resolution
    reply = msgpack.unpackb(zmq_request(endpoint, msgpack.packb(body), 5000), raw=False)
    assert reply["type"] == "history", reply
    return reply


def main():
    args = parse_args(sys.argv[1:])
    chain = Chain(args.bin, args.source)
    ok = False
    entry_bin = str(chain.bin / "greentwin-entry")
    site = str(chain.site.path)

    def entry(*argv):
        done = subprocess.run([entry_bin, *argv], cwd=chain.work, capture_output=True, text=True,
                              timeout=60)
        print(f"$ greentwin-entry {' '.join(argv)}\n{done.stdout}{done.stderr}")
        return done

    try:
        chain.start_sim()
        ingest = chain.start_ingest()
        live = wait_for(lambda: first_value(chain.site.db), 20, f"a live reading of {POINT}")
        # Imported history lies below the live meter reading, as it would on a real meter.
        assert live > 200, f"the simulator's {POINT} starts at {live}, too low for this test"
        b = float(int(live // 2))

        # Three days ago, local (Asia/Shanghai, UTC+8) midnight.
        local_now = time.time() + 8 * 3600
        day = int(local_now // 86400 - 3) * 86400
        d = time.strftime("%Y-%m-%d", time.gmtime(day))
        d0 = (day - 8 * 3600) * 1000  # UTC ms of that local midnight
        csv = chain.work / "history.csv"
        csv.write_bytes(("\ufeffpoint,time,value,unit\n"
                         f"{POINT},{d} 00:00,{b},kWh\n"               # 2
                         f"{POINT},{d}T00:15:00+08:00,{b + 10},\n"    # 3
                         f"{POINT},{d} 00:30,{b + 5},kWh\n"           # 4 regressed
                         f"{POINT},{d} 00:45,12x,kWh\n"               # 5 bad number
                         f"{POINT},{d} 00:45,{b + 30},kWh\n"          # 6
                         f"{POINT},{d} 01:00,{b + 40},kWh\n"          # 7
                         f"{POINT},{d} 01:15,{(b + 50) * 1000:.0f},Wh\n"  # 8 in Wh
                         ).encode("utf-8"))
        who = ["--site", site, "--by", "张伟", "--why", "history of the old SCADA"]
        done = entry("import", *who, "--csv", "history.csv")
        assert done.returncode == 1, "a bad line must make the import exit 1"
        assert "history.csv:5: bad number '12x'" in done.stdout, done.stdout
        assert "history.csv:4: stored with flags regressed" in done.stdout, done.stdout
        assert ("done: 7 rows read, 6 stored, 0 duplicates, 1 rejected; flagged: regressed 1"
                in done.stdout), done.stdout

        done = entry("reading", "--site", site, "--point", POINT, "--value", str(b + 60),
                     "--at", f"{d}T01:30+08:00", "--by", "张伟", "--why",
                     "meter display; comm fault")
        assert done.returncode == 0 and "1 stored" in done.stdout, done.stdout

        # Raw rows through the daemon's history request: values and flags.
        raw = history(chain.site.request, d0, d0 + 2 * HOUR_MS)
        got = [(s[0] - d0, s[1], s[2]) for s in raw["samples"]]
        q = 15 * 60_000
        want = [(0, b, IMPORTED), (q, b + 10, IMPORTED), (2 * q, b + 5, IMPORTED | REGRESSED),
                (3 * q, b + 30, IMPORTED), (4 * q, b + 40, IMPORTED), (5 * q, b + 50, IMPORTED),
                (6 * q, b + 60, MANUAL)]
        assert len(got) == len(want), got
        for g, w in zip(got, want):
            assert g[0] == w[0] and abs(g[1] - w[1]) < 1e-6 and g[2] == w[2], (g, w)

        # Aggregates, by hand (docs/storage.md "Aggregates": a cumulative bucket's use is
        # last - prior, the last good reading before it; last - first for the point's first
        # bucket; the regressed 00:30 reading is left out and counted in bad_count):
        #   00:00-01:00  first b, last b+30, no prior      -> 30 kWh
        #   01:00-02:00  prior b+30, last b+60 (manual)    -> 30 kWh
        #   the day      first b, last b+60                -> 60 kWh
        #   quarter 00:45 prior b+10 (00:30 has no good reading), last b+30 -> 20 kWh
        hours = history(chain.site.request, d0, d0 + 2 * HOUR_MS, "hour")["buckets"]
        assert [h[0] - d0 for h in hours] == [0, HOUR_MS], hours
        assert abs(hours[0][8] - 30) < 1e-6 and abs(hours[1][8] - 30) < 1e-6, hours
        assert hours[0][1] == 3 and hours[0][2] == 1, hours  # count, bad_count
        days = history(chain.site.request, d0, d0 + 24 * HOUR_MS, "day")["buckets"]
        assert len(days) == 1 and abs(days[0][8] - 60) < 1e-6, days
        quarters = history(chain.site.request, d0, d0 + HOUR_MS, "15min")["buckets"]
        assert abs(quarters[3][8] - 20) < 1e-6, quarters

        audit = query(chain.site.db, "SELECT kind, source, result, entered_by, reason, quality "
                                     "FROM entry ORDER BY id")
        assert len(audit) == 7, audit
        assert sorted(a[1] for a in audit if a[0] == "import") == sorted(
            f"history.csv:{n}" for n in (2, 3, 4, 6, 7, 8)), audit
        assert all(a[2] == "stored" and a[3] == "张伟" for a in audit), audit
        assert audit[-1][:2] == ("manual", "cli") and audit[-1][5] == MANUAL, audit

        # The same file again: nothing new stored, every row a duplicate, still audited.
        rows_before = query(chain.site.db, "SELECT COUNT(*) FROM reading WHERE t < ?",
                            d0 + 86_400_000)[0][0]
        done = entry("import", *who, "--csv", "history.csv")
        assert "done: 7 rows read, 0 stored, 6 duplicates, 1 rejected" in done.stdout, done.stdout
        assert query(chain.site.db, "SELECT COUNT(*) FROM reading WHERE t < ?",
                     d0 + 86_400_000)[0][0] == rows_before
        assert query(chain.site.db, "SELECT COUNT(*) FROM entry WHERE result = 'duplicate'")[0][0] == 6

        # --direct while the daemon runs: refused, nothing written.
        direct = ["reading", "--site", site, "--direct", "--db", str(chain.site.db), "--point",
                  POINT, "--value", str(b + 70), "--at", f"{d} 01:45", "--by", "李娜", "--why",
                  "set-up"]
        done = entry(*direct)
        assert done.returncode == 1 and "another process" in done.stderr, done.stderr
        assert ingest.stop(signal.SIGTERM) == 0

        # No daemon: --direct writes the database itself, through the same validation.
        done = entry(*direct)
        assert done.returncode == 0 and "1 stored" in done.stdout, done.stdout
        rows = query(chain.site.db, "SELECT r.value, r.quality FROM reading r JOIN point p ON "
                                    "p.id = r.point WHERE p.name = ? AND r.t = ?", POINT,
                     d0 + 105 * 60_000)
        assert rows == [(b + 70, MANUAL)], rows
        assert query(chain.site.db, "SELECT COUNT(*) FROM entry WHERE entered_by = '李娜'")[0][0] == 1
        ok = True
        print(f"entry: imported 6 rows of {POINT} (1 bad line, 1 regressed), 1 manual, "
              "aggregates right, re-import stored nothing, --direct refused then accepted")
    finally:
        chain.close(keep_on_failure=not ok)
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main())
