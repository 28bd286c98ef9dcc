"""greentwin-ingest at gateway scale: CPU and memory of the daemon while it polls, validates,
stores and publishes a generated site (ingest_site.py) served by greentwin-sim --generic on
loopback.

Prints `name value unit` lines (tools/bench/run):
  ingest.cpu_pct_100k_points   daemon CPU time (user + system, /proc/PID/stat) over the
                               measuring windows, per cent of one core; median of windows
  ingest.rss_mb_100k_points    resident set (VmRSS) at the end; VmHWM is printed as _peak
  ingest.cpu_pct_2000pts       the same for a typical plant: 2 channels x 20 meters x 50 points
and, so that nobody benchmarks an idle daemon, the points per second actually published (PUB
messages counted by a subscriber during the windows) and stored (rows of a sample of 200
points whose sample time falls in the windows, counted once they had time to commit). The run fails if either falls below 90 %
of the configured rate.

    /usr/bin/python3 tools/bench/ingest_scale.py --bin build-ingest/bin [--only 100k|2000]
"""

import argparse
import os
import re
import signal
import sqlite3
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from ingest_site import write_site  # noqa: E402
from sim_and_ingest import SimAndIngest  # noqa: E402

TICKS = os.sysconf("SC_CLK_TCK")
CONFIGS = {
    "100k": dict(channels=10, meters=10, points=1000, label="100k_points"),
    "2000": dict(channels=2, meters=20, points=50, label="2000pts"),
}


def cpu_seconds(pid):
    """utime + stime of a process, in seconds (fields 14 and 15 of /proc/PID/stat)."""
    text = Path(f"/proc/{pid}/stat").read_text()
    fields = text[text.rindex(")") + 2:].split()
    return (int(fields[11]) + int(fields[12])) / TICKS


def memory_mb(pid):
    status = Path(f"/proc/{pid}/status").read_text()
    rss = int(re.search(r"VmRSS:\s+(\d+)", status).group(1)) / 1024
    hwm = int(re.search(r"VmHWM:\s+(\d+)", status).group(1)) / 1024
    anon = int(re.search(r"RssAnon:\s+(\d+)", status).group(1)) / 1024
    return rss, hwm, anon


def thread_cpu(pid):
    """{thread id: CPU seconds} of every thread of a process."""
    out = {}
    for tid in os.listdir(f"/proc/{pid}/task"):
        try:
            text = Path(f"/proc/{pid}/task/{tid}/stat").read_text()
        except OSError:
            continue
        fields = text[text.rindex(")") + 2:].split()
        out[tid] = (int(fields[11]) + int(fields[12])) / TICKS
    return out


class PubCounter(threading.Thread):
    """Counts published reading messages, and the values in every tenth one (decoding all of
    100 000 values a second in Python would take a core from the daemon being measured)."""

    def __init__(self, endpoint):
        super().__init__(daemon=True)
        import zmq
        self.ctx = zmq.Context()
        self.sub = self.ctx.socket(zmq.SUB)
        self.sub.setsockopt(zmq.RCVHWM, 100000)
        self.sub.setsockopt(zmq.SUBSCRIBE, b"reading/")
        self.sub.setsockopt(zmq.RCVTIMEO, 200)
        self.sub.connect(endpoint)
        self.lock = threading.Lock()
        self.messages = 0
        self.sampled_messages = 0
        self.sampled_values = 0
        self.stopping = False

    def run(self):
        import msgpack
        import zmq
        while not self.stopping:
            try:
                _topic, body = self.sub.recv_multipart()
            except zmq.Again:
                continue
            with self.lock:
                self.messages += 1
                sample = self.messages % 10 == 0
            if sample:
                n = len(msgpack.unpackb(body, raw=False)["values"])
                with self.lock:
                    self.sampled_messages += 1
                    self.sampled_values += n

    def read(self):
        with self.lock:
            return self.messages, self.sampled_messages, self.sampled_values

    def stop(self):
        self.stopping = True
        self.join()
        self.sub.close(0)
        self.ctx.term()


def run_config(bin_dir, cfg, settle_s, windows, window_s, interval_ms, keep, batch_ms=200,
               store="all", stage_fold_s=0):
    work = Path(tempfile.mkdtemp(prefix="greentwin-bench-"))
    site, publish, _request, _control = write_site(
        work / "site.toml", cfg["channels"], cfg["meters"], cfg["points"],
        interval_ms=interval_ms, batch_ms=batch_ms, store=store, stage_fold_s=stage_fold_s)
    expected = cfg["channels"] * cfg["meters"] * cfg["points"] * 1000 / interval_ms
    processes = SimAndIngest(bin_dir, site, work, work / "bench.db")
    sim, ingest = processes.sim, processes.ingest
    counter = PubCounter(publish)
    counter.start()
    try:
        time.sleep(settle_s)
        if ingest.poll() is not None:
            raise RuntimeError(f"greentwin-ingest exited early; see {work}/ingest.log")
        cpu, published = [], []
        threads0, threads_t0 = thread_cpu(ingest.pid), time.monotonic()
        measured_from_ms = time.time() * 1000
        for _ in range(windows):
            m0, c0, t0 = counter.read()[0], cpu_seconds(ingest.pid), time.monotonic()
            time.sleep(window_s)
            m1, c1, t1 = counter.read()[0], cpu_seconds(ingest.pid), time.monotonic()
            cpu.append(100.0 * (c1 - c0) / (t1 - t0))
            published.append((m1 - m0) / (t1 - t0))
        measured_to_ms = time.time() * 1000 - 1000  # the last second may still be polling
        threads1, threads_t1 = thread_cpu(ingest.pid), time.monotonic()
        busiest = sorted(((threads1[t] - threads0.get(t, 0)) / (threads_t1 - threads_t0) * 100,
                          "main" if t == str(ingest.pid) else t) for t in threads1)[::-1][:4]
        rss, hwm, anon = memory_mb(ingest.pid)
        sim_cpu = cpu_seconds(sim.pid)
        _, sampled_messages, sampled_values = counter.read()
        values_per_message = sampled_values / max(sampled_messages, 1)
        published_points = statistics.median(published) * values_per_message
        # Stored: rows of a sample of points sampled during the windows, once the writer has
        # had batch_ms and a second to commit them. A writer that falls behind shows here.
        time.sleep(batch_ms / 1000 + 1)
        con = sqlite3.connect(f"file:{work / 'bench.db'}?mode=ro", uri=True, timeout=10)
        ids = [i for (i,) in con.execute("SELECT id FROM point")]
        sample = ids[::max(1, len(ids) // 200)]
        window = (int(measured_from_ms), int(measured_to_ms))
        rows = sum(con.execute("SELECT COUNT(*) FROM reading WHERE point = ? AND t >= ? AND t < ?",
                               (i, *window)).fetchone()[0]
                   for i in sample)
        if con.execute("SELECT 1 FROM sqlite_master WHERE name = 'reading_stage'").fetchone():
            # Staged rows not folded yet (docs/storage.md, "Staging"): one scan of the stage's
            # time range for the whole sample.
            rows += con.execute(
                f"SELECT COUNT(*) FROM reading_stage WHERE t >= ? AND t < ? AND point IN "
                f"({','.join(str(i) for i in sample)})", window).fetchone()[0]
        con.close()
        stored_points = (rows / len(sample) * len(ids)
                         / ((measured_to_ms - measured_from_ms) / 1000))

        ingest.send_signal(signal.SIGTERM)
        try:
            ingest.wait(30)
        except subprocess.TimeoutExpired:
            print(f"# {cfg['label']}: greentwin-ingest still committing its backlog 30 s after "
                  "SIGTERM; killed", file=sys.stderr)
            ingest.kill()
    finally:
        counter.stop()
        processes.stop()
    label = cfg["label"]
    print(f"ingest.cpu_pct_{label} {statistics.median(cpu):.1f} %", flush=True)
    if label == "100k_points":
        print(f"ingest.rss_mb_{label} {rss:.0f} MB")
        print(f"ingest.rss_mb_{label}_peak {hwm:.0f} MB")
    print(f"ingest.published_points_per_s_{label} {published_points:.0f} points/s")
    print(f"ingest.stored_points_per_s_{label} {stored_points:.0f} points/s", flush=True)
    print(f"# {label}: expected {expected:.0f} points/s; cpu windows "
          f"{', '.join(f'{c:.1f}' for c in cpu)} %; busiest threads "
          f"{', '.join(f'{name} {pct:.1f}' for pct, name in busiest)} %; "
          f"rss {rss:.0f} MB (anonymous {anon:.0f}), peak {hwm:.0f} MB; "
          f"{values_per_message:.0f} values per message; simulator used {sim_cpu:.1f} s CPU; "
          f"work folder {work}", file=sys.stderr)
    if not keep:
        import shutil
        shutil.rmtree(work, ignore_errors=True)
    # With store = "interval" a point stores one row a minute: only publishing is checked.
    ok = published_points >= 0.9 * expected and (store != "all" or stored_points >= 0.9 * expected)
    if not ok:
        print(f"# {label}: the daemon did not keep up (published {published_points:.0f}, "
              f"stored {stored_points:.0f}, expected {expected:.0f} points/s): "
              "the CPU figure does not describe the configured load", file=sys.stderr)
    return ok


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--bin", required=True, help="folder with greentwin-ingest and greentwin-sim")
    ap.add_argument("--only", choices=sorted(CONFIGS))
    ap.add_argument("--settle", type=float, default=8.0, help="seconds before measuring")
    ap.add_argument("--windows", type=int, default=3)
    ap.add_argument("--window", type=float, default=8.0, help="seconds per window")
    ap.add_argument("--interval-ms", type=int, default=1000)
    ap.add_argument("--batch-ms", type=int, default=200,
                    help="[ingest] batch_ms of the generated site (the demo's is 200)")
    ap.add_argument("--store", default="all", choices=["all", "interval"],
                    help="storage policy of every point (docs/storage.md)")
    ap.add_argument("--stage-fold-s", type=int, default=0,
                    help="[ingest] stage_fold_s: stage readings, fold every N s (0: off)")
    ap.add_argument("--keep", action="store_true", help="keep the work folder (logs, database)")
    a = ap.parse_args()
    ok = True
    for name in ([a.only] if a.only else ["100k", "2000"]):
        ok = run_config(Path(a.bin), CONFIGS[name], a.settle, a.windows, a.window,
                        a.interval_ms, a.keep, a.batch_ms, a.store, a.stage_fold_s) and ok
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main())
