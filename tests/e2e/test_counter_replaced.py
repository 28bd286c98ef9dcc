"""Meter replacement while the daemon runs (issue 5): greentwin-counter replaced sends the
event to the running greentwin-ingest, which stores it and applies it to the point's
validation at once, so the new meter's low readings are not flagged regressed; a point whose
meter is swapped without the event is (the test's control). With no daemon running, the tool
writes the event straight into the database.

Real processes: simulator (its `set` command plays the new meter's register), daemon, tool."""

import datetime
import signal
import sqlite3
import subprocess
import sys
import time

from harness import Chain, parse_args, wait_for

REGRESSED = 1 << 1  # quality bit, frozen (docs/protocol.md)
NEW_FIRST = 10.0


def query(db, sql, args=()):
    con = sqlite3.connect(f"file:{db}?mode=ro", uri=True, timeout=10)
    try:
        return con.execute(sql, args).fetchall()
    finally:
        con.close()


def readings(db, point, after_t=0):
    try:
        return query(db, "SELECT r.t, r.value, r.quality FROM reading r JOIN point p "
                         "ON p.id = r.point WHERE p.name = ? AND r.t > ? ORDER BY r.t",
                     (point, after_t)) if db.exists() else []
    except sqlite3.OperationalError:
        return []  # the daemon is creating the schema


def iso(t_ms):
    return datetime.datetime.fromtimestamp(t_ms / 1000, datetime.timezone.utc).strftime(
        "%Y-%m-%dT%H:%M:%S.%f")[:-3] + "Z"


def counter(chain, point, t_ms, old_last, *extra):
    return subprocess.run(
        [str(chain.bin / "greentwin-counter"), "replaced", "--site", str(chain.site.path), "--db",
         str(chain.site.db), "--point", point, "--at", iso(t_ms), "--old-last", str(old_last),
         "--new-first", str(NEW_FIRST), "--by", "e2e", "--why", "WO-1 serial A->B", *extra],
        capture_output=True, text=True, timeout=30)


def main():
    args = parse_args(sys.argv[1:])
    chain = Chain(args.bin, args.source)
    ok = False
    try:
        chain.start_sim()
        time.sleep(0.5)  # the simulator binds its gateways
        ingest = chain.start_ingest()
        # Two Modbus meters' import energy registers, polled every second.
        replaced, control = "M-01.ep_imp", "M-02.ep_imp"
        for p in (replaced, control):
            wait_for(lambda p=p: len(readings(chain.site.db, p)) >= 2, 20, f"readings of {p}")
        last_t, old_last, _ = readings(chain.site.db, replaced)[-1]
        assert old_last > NEW_FIRST, old_last

        # Both meters are swapped for new ones that start at NEW_FIRST.
        for p in (replaced, control):
            assert chain.sim_control(f"set {p} {NEW_FIRST}").startswith("ok"), p
        # The daemon sees the first low reading before anyone tells it: flagged regressed.
        low = wait_for(lambda: [r for r in readings(chain.site.db, replaced, last_t)
                                if r[1] < old_last],
                       10, "the new meter's first reading")[0]
        assert low[2] & REGRESSED, low

        # 1. Recorded while the daemon runs: stored, and applied from the next poll.
        done = counter(chain, replaced, low[0], old_last)
        assert done.returncode == 0, done.stderr
        assert "running greentwin-ingest" in done.stdout, done.stdout
        answered_t = int(time.time() * 1000)
        rows = query(chain.site.db, "SELECT p.name, e.t, e.old_last, e.new_first, e.entered_by "
                                    "FROM counter_event e JOIN point p ON p.id = e.point")
        assert rows == [(replaced, low[0], old_last, NEW_FIRST, "e2e")], rows
        wait_for(lambda: len(readings(chain.site.db, replaced, answered_t)) >= 3, 10,
                 "readings after the replacement")
        time.sleep(0.5)
        after = readings(chain.site.db, replaced, answered_t)
        assert all(not (q & REGRESSED) for _, _, q in after), after
        # The control meter, swapped without an event, keeps being flagged.
        swapped = readings(chain.site.db, control, answered_t)
        assert swapped and all(q & REGRESSED for _, _, q in swapped), swapped
        assert f"counter {replaced}: meter replacement" in ingest.output()

        # 2. The daemon refuses what it cannot apply; nothing is stored.
        bad = counter(chain, "M-01.p", low[0], old_last)
        assert bad.returncode == 1 and "refused" in bad.stderr, (bad.returncode, bad.stderr)

        # 3. No daemon: written straight into the database.
        assert ingest.stop(signal.SIGTERM) == 0
        direct = counter(chain, control, low[0] + 5000, 1.0)
        assert direct.returncode == 0, direct.stderr
        assert "No greentwin-ingest writes" in direct.stdout, direct.stdout
        n = query(chain.site.db, "SELECT COUNT(*) FROM counter_event")[0][0]
        assert n == 2, n
        ok = True
        print("replaced: applied by the running daemon at once; written directly without one")
    finally:
        chain.close(keep_on_failure=not ok)
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main())
