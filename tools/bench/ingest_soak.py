"""greentwin-ingest soak: does the daemon's memory stay flat over a long run? A generated site
of 2 000 points (2 channels x 20 meters x 50 points, ingest_site.py) served by greentwin-sim
--generic is polled at a 100 ms interval, so one minute carries the readings, batches,
aggregate updates and publications of ten minutes at 1 s. After a warm-up, the first half of
the run by default (RSS rises in a few steps, rarer as the run goes on: most likely SQLite's
page caches, 2 MB per connection by default, and the allocator's per-thread arenas reaching
their high-water marks; heaptrack shows the live heap flat; docs/performance.md, "Soak"), the
daemon's resident set (VmRSS) is sampled every two seconds, and the least-squares slope of RSS
over time, extrapolated to an hour, is printed (tools/bench/run):

  ingest.rss_growth_mb_per_h   slope of VmRSS after the warm-up, MB per hour of wall time
                               (x10 in polls: 100 ms instead of 1 s)

The run length, the first and last RSS, the anonymous part (RssAnon: heap, not file pages)
and the slope of the second half of the samples alone go to stderr; --samples writes the
series. The run fails if the daemon dies or publishes less than 90 % of the configured rate
(a daemon that falls behind grows its queues, which is a different finding).

    /usr/bin/python3 tools/bench/ingest_soak.py --bin build/bin [--minutes 3] [--samples f.txt]
"""

import argparse
import shutil
import signal
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from ingest_scale import PubCounter, memory_mb  # noqa: E402
from ingest_site import write_site  # noqa: E402
from sim_and_ingest import SimAndIngest  # noqa: E402

CHANNELS, METERS, POINTS = 2, 20, 50


def slope_per_hour(samples):
    """Least-squares slope of (seconds, MB) samples, in MB per hour."""
    n = len(samples)
    mt = sum(t for t, _ in samples) / n
    mr = sum(r for _, r in samples) / n
    var = sum((t - mt) ** 2 for t, _ in samples)
    cov = sum((t - mt) * (r - mr) for t, r in samples)
    return cov / var * 3600 if var > 0 else 0.0


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--bin", required=True, help="folder with greentwin-ingest and greentwin-sim")
    ap.add_argument("--minutes", type=float, default=3.0, help="whole run, warm-up included")
    ap.add_argument("--warmup", type=float,
                    help="seconds before sampling (default: the first half of the run)")
    ap.add_argument("--every", type=float, default=2.0, help="seconds between RSS samples")
    ap.add_argument("--interval-ms", type=int, default=100)
    ap.add_argument("--keep", action="store_true", help="keep the work folder (logs, database)")
    ap.add_argument("--samples", help="write the (seconds, RSS MB, anonymous MB) samples here")
    a = ap.parse_args()
    if a.warmup is None:
        a.warmup = a.minutes * 60 / 2
    if a.minutes * 60 < a.warmup + 10 * a.every:
        ap.error("--minutes leaves fewer than 10 samples after the warm-up")

    bin_dir = Path(a.bin)
    work = Path(tempfile.mkdtemp(prefix="greentwin-soak-"))
    site, publish, _request, _control = write_site(
        work / "site.toml", CHANNELS, METERS, POINTS, interval_ms=a.interval_ms)
    expected = CHANNELS * METERS * POINTS * 1000 / a.interval_ms
    processes = SimAndIngest(bin_dir, site, work, work / "soak.db")
    ingest = processes.ingest
    counter = PubCounter(publish)
    counter.start()
    ok = False
    try:
        start = time.monotonic()
        time.sleep(a.warmup)
        samples, anon_samples = [], []
        m0 = counter.read()[0]
        t_pub0 = time.monotonic()
        end = start + a.minutes * 60
        while time.monotonic() < end:
            if ingest.poll() is not None:
                raise RuntimeError(f"greentwin-ingest exited early; see {work}/ingest.log")
            rss, _hwm, anon = memory_mb(ingest.pid)
            samples.append((time.monotonic() - start, rss))
            anon_samples.append((time.monotonic() - start, anon))
            time.sleep(min(a.every, max(0.0, end - time.monotonic())))
        m1, sampled_messages, sampled_values = counter.read()
        values_per_message = sampled_values / max(sampled_messages, 1)
        published = (m1 - m0) * values_per_message / (time.monotonic() - t_pub0)
        _rss, hwm, anon = memory_mb(ingest.pid)
        ingest.send_signal(signal.SIGTERM)
        ingest.wait(60)
        if a.samples:
            Path(a.samples).write_text("".join(
                f"{t:.1f} {r:.2f} {n:.2f}\n" for (t, r), (_, n) in zip(samples, anon_samples)))
        growth = slope_per_hour(samples)
        late = slope_per_hour(samples[len(samples) // 2:])
        print(f"ingest.rss_growth_mb_per_h {growth:.1f} MB/h", flush=True)
        print(f"# soak: {(samples[-1][0] - samples[0][0]) / 60:.1f} min sampled after a "
              f"{a.warmup:.0f} s warm-up ({len(samples)} samples, {a.interval_ms} ms polls of "
              f"{CHANNELS * METERS * POINTS} points); rss {samples[0][1]:.1f} -> "
              f"{samples[-1][1]:.1f} MB (min {min(r for _, r in samples):.1f}, max "
              f"{max(r for _, r in samples):.1f}), anonymous {anon_samples[0][1]:.1f} -> "
              f"{anon:.1f} MB ({slope_per_hour(anon_samples):.1f} MB/h), peak {hwm:.1f} MB; "
              f"second half alone {late:.1f} MB/h; "
              f"published {published:.0f} of {expected:.0f} points/s; work folder {work}",
              file=sys.stderr)
        ok = published >= 0.9 * expected
        if not ok:
            print("# soak: the daemon did not keep up; its memory figure describes a backlog",
                  file=sys.stderr)
    finally:
        counter.stop()
        processes.stop()
        if not a.keep and ok:
            shutil.rmtree(work, ignore_errors=True)
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main())
