"""A stopped or killed daemon restarts without losing or doubling stored readings: SIGTERM
flushes and exits 0; after a restart every earlier row is still there, new rows follow, and
after a kill -9 the database is intact and still holds everything committed before."""

import signal
import sqlite3
import sys
import time

from harness import Chain, parse_args, wait_for


def snapshot(db):
    con = sqlite3.connect(f"file:{db}?mode=ro", uri=True, timeout=5)
    try:
        rows = con.execute("SELECT point, t FROM reading").fetchall()
        integrity = con.execute("PRAGMA integrity_check").fetchone()[0]
    finally:
        con.close()
    return set(rows), len(rows), integrity


def count(db):
    try:
        return snapshot(db)[1] if db.exists() else 0
    except sqlite3.Error:
        return 0


def main():
    args = parse_args(sys.argv[1:])
    chain = Chain(args.bin, args.source)
    ok = False
    try:
        chain.start_sim()
        ingest = chain.start_ingest()
        wait_for(lambda: count(chain.site.db) >= 500, 20, "500 stored readings")
        started = time.monotonic()
        code = ingest.stop(signal.SIGTERM)
        assert code == 0, f"SIGTERM exit code {code}"
        assert time.monotonic() - started < 5, "SIGTERM took too long"
        first, n_first, integrity = snapshot(chain.site.db)
        assert integrity == "ok" and n_first == len(first)

        ingest = chain.start_ingest()
        wait_for(lambda: count(chain.site.db) >= n_first + 300, 20, "new rows after restart")
        second, n_second, integrity = snapshot(chain.site.db)
        assert first <= second, f"{len(first - second)} rows lost across a restart"
        assert integrity == "ok" and n_second == len(second)

        ingest.stop(signal.SIGKILL)
        after_kill, _, integrity = snapshot(chain.site.db)
        assert integrity == "ok", integrity
        assert second <= after_kill, "rows committed before kill -9 were lost"

        chain.start_ingest()
        wait_for(lambda: count(chain.site.db) >= len(after_kill) + 300, 20, "rows after kill -9")
        third, n_third, integrity = snapshot(chain.site.db)
        assert after_kill <= third and integrity == "ok" and n_third == len(third)
        ok = True
        print(f"restart: {n_first} -> {n_second} -> {len(after_kill)} (kill -9) -> {n_third} rows, "
              "none lost, none doubled")
    finally:
        chain.close(keep_on_failure=not ok)
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main())
