"""Store and forward (issue 5): a centre down for 15 days, then back: every reading arrives
exactly once.

A site daemon (demo site, simulator) forwards to a centre daemon ([centre], no meters of its
own). Fifteen real days cannot pass in a test, so the site's database is given, in one
transaction, what fifteen days with the centre down leave behind: 20 points stored every
60 s for 15 days (432 000 readings) with their outbox rows and the centre's cursor at 0, as
the daemon writes them. What the claim needs is that the backlog waits in SQLite whatever its
age and size and then arrives exactly once; the rate only sets how many rows that is (the
2 000-point, 5 s shape is 518 M rows: the same code path, more minutes). On top of the
backlog the site keeps polling live while the centre is down and while it catches up; the
centre is killed (-9) once mid-transfer and so is the site. At the end the centre holds
exactly the site's rows: same count, same (point, t) set, same sum of values."""

import random
import signal
import sqlite3
import sys
import time

from harness import Chain, Process, free_ports, parse_args, wait_for

DAYS = 15
POINTS = 20
STEP_MS = 60_000
DAY_MS = 86_400_000


def query(db, sql, args=()):
    con = sqlite3.connect(f"file:{db}?mode=ro", uri=True, timeout=10)
    try:
        return con.execute(sql, args).fetchall()
    finally:
        con.close()


def count(db, sql):
    try:
        return query(db, sql)[0][0] if db.exists() else 0
    except sqlite3.Error:
        return 0


def prefill(db):
    """15 days of readings of POINTS points, stored as if the centre had been down all along:
    readings, outbox rows (in time order, before any live row) and a cursor at 0."""
    con = sqlite3.connect(db, timeout=10)
    try:
        assert count(db, "SELECT COUNT(*) FROM reading") == 0, "the site stored live rows already"
        ids = [r[0] for r in con.execute("SELECT id FROM point ORDER BY id LIMIT ?", (POINTS,))]
        assert len(ids) == POINTS, ids
        end = int(time.time() * 1000) - STEP_MS
        steps = DAYS * DAY_MS // STEP_MS
        start = end - steps * STEP_MS
        con.execute("BEGIN IMMEDIATE")
        con.execute(f"""
            WITH RECURSIVE k(i) AS (SELECT 0 UNION ALL SELECT i + 1 FROM k WHERE i < {steps - 1})
            INSERT INTO reading(point, t, value, quality)
            SELECT p.id, {start} + i * {STEP_MS}, i * 0.25 + p.id, 0
            FROM k, (SELECT id FROM point WHERE id IN ({",".join(map(str, ids))})) p""")
        con.execute("INSERT INTO forward_log(point, t) SELECT point, t FROM reading ORDER BY t, point")
        con.execute("INSERT OR REPLACE INTO forward_cursor(centre, acked_seq) VALUES('hq', 0)")
        con.execute("COMMIT")
        return steps * POINTS
    finally:
        con.close()


def rows_by_name(db, prefix=""):
    rows = query(db, "SELECT p.name, r.t, r.value FROM reading r JOIN point p ON p.id = r.point")
    return {(name[len(prefix):] if name.startswith(prefix) else "?" + name, t): v
            for name, t, v in rows}


def main():
    args = parse_args(sys.argv[1:])
    chain = Chain(args.bin, args.source)
    ok = False
    try:
        work = chain.work
        centre_bind, centre_pub, centre_req = (f"tcp://127.0.0.1:{p}" for p in free_ports(3))
        site_text = chain.site.path.read_text(encoding="utf-8")
        site_id = next(line.split('"')[1] for line in site_text.splitlines()
                       if line.startswith("id = "))
        chain.site.path.write_text(site_text + f"""
[[forward]]
id = "hq"
endpoint = "{centre_bind}"
batch_rows = 2000
resend_ms = 1000
""", encoding="utf-8")
        centre_site = work / "centre.toml"
        centre_db = work / "centre.db"
        centre_site.write_text(f"""
[site]
id = "hq"
[ingest]
publish = "{centre_pub}"
request = "{centre_req}"
[centre]
bind = "{centre_bind}"
""", encoding="utf-8")

        def start_centre():
            p = Process("centre", [str(chain.bin / "greentwin-ingest"), "--site", str(centre_site),
                                   "--db", str(centre_db)], work)
            chain.processes.append(p)
            return p

        # 1. The site registers its points (no simulator yet: no readings), then gets the backlog.
        ingest = chain.start_ingest()
        wait_for(lambda: count(chain.site.db, "SELECT COUNT(*) FROM point") > POINTS, 20,
                 "the site's points")
        assert ingest.stop(signal.SIGTERM) == 0
        backlog = prefill(chain.site.db)

        # 2. Live polling with the centre still down: the outbox grows.
        chain.start_sim()
        time.sleep(0.5)  # the simulator binds its gateways
        ingest = chain.start_ingest()
        wait_for(lambda: count(chain.site.db, "SELECT COUNT(*) FROM reading") > backlog + 300, 30,
                 "live readings while the centre is down")
        assert count(chain.site.db, "SELECT acked_seq FROM forward_cursor") == 0

        # 3. The centre comes back; kill -9 it once mid-transfer, then the site once.
        centre = start_centre()
        wait_for(lambda: count(centre_db, "SELECT COUNT(*) FROM reading") > backlog // 4, 40,
                 "a quarter of the backlog at the centre")
        centre.stop(signal.SIGKILL)
        at_centre_kill = count(centre_db, "SELECT COUNT(*) FROM reading")
        assert at_centre_kill < backlog, "the centre was killed after the transfer, not during it"
        time.sleep(random.uniform(0.2, 1.0))
        start_centre()
        wait_for(lambda: count(centre_db, "SELECT COUNT(*) FROM reading") > backlog // 2, 40,
                 "half of the backlog at the centre")
        ingest.stop(signal.SIGKILL)
        at_site_kill = count(centre_db, "SELECT COUNT(*) FROM reading")
        assert at_site_kill < backlog, "the site was killed after the transfer, not during it"
        ingest = chain.start_ingest()

        # 4. Catch up, with live readings still arriving; then stop the meters and drain.
        wait_for(lambda: count(centre_db, "SELECT COUNT(*) FROM reading") > backlog, 60,
                 "the whole backlog at the centre")
        chain.processes[[p.name for p in chain.processes].index("sim")].stop(signal.SIGTERM)
        time.sleep(1.5)  # polls in flight end; the simulator's absence stores nothing more
        wait_for(lambda: count(chain.site.db,
                               "SELECT (SELECT acked_seq FROM forward_cursor WHERE centre='hq') "
                               ">= (SELECT seq FROM sqlite_sequence WHERE name='forward_log')"),
                 30, "the centre to acknowledge the whole outbox")
        assert ingest.stop(signal.SIGTERM) == 0

        site_rows = rows_by_name(chain.site.db)
        centre_rows = rows_by_name(centre_db, prefix=site_id + "/")
        n_site = count(chain.site.db, "SELECT COUNT(*) FROM reading")
        n_centre = count(centre_db, "SELECT COUNT(*) FROM reading")
        assert n_site > backlog + 300, n_site
        missing = set(site_rows) - set(centre_rows)
        extra = set(centre_rows) - set(site_rows)
        assert not missing, f"{len(missing)} readings never reached the centre, e.g. {min(missing)}"
        assert not extra, f"{len(extra)} readings at the centre the site never stored"
        # The primary key (point, t) rules out doubles within the set; the counts rule out any
        # row outside it.
        assert n_centre == n_site == len(site_rows), (n_centre, n_site)
        differ = [k for k, v in site_rows.items() if not (v == centre_rows[k] or v != v)]
        assert not differ, f"{len(differ)} values differ, e.g. {differ[0]}"
        checksum = count(chain.site.db, "SELECT TOTAL(t % 1000003 + COALESCE(value, 0)) FROM reading")
        assert abs(checksum - count(centre_db, "SELECT TOTAL(t % 1000003 + COALESCE(value, 0)) "
                                               "FROM reading")) < 1e-6 * max(1.0, abs(checksum))
        assert count(chain.site.db, "SELECT COUNT(*) FROM forward_log") == 0, "outbox not pruned"
        print(f"forward: {backlog} backlog + {n_site - backlog} live readings, all at the "
              f"centre exactly once (centre killed at {at_centre_kill}, site at {at_site_kill})")
        ok = True
    finally:
        chain.close(keep_on_failure=not ok)
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main())
