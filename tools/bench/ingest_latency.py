"""Publish latency of greentwin-ingest: from a register change in the simulator to the
published reading that carries it, on one machine and one clock (CLOCK_REALTIME, ms).

greentwin-sim --generic serves a generated site (ingest_site.py: 2 channels x 5 meters x 50
points); its control socket pins one float point to a new value at random moments
("set METER.POINT VALUE" answers with the wall-clock time the pin took effect), and a
subscriber notes when the first reading message with that value arrives. The latency is
therefore the wait for the next poll (uniform over one interval) plus the poll, decoding,
validation and publishing. Prints `name value unit` lines:

  ingest.publish_latency_p50_ms, ingest.publish_latency_p99_ms            1 s interval
  ingest.publish_latency_p50_ms_100ms, ingest.publish_latency_p99_ms_100ms  100 ms interval

    /usr/bin/python3 tools/bench/ingest_latency.py --bin build-ingest/bin [--steps 40]
"""

import argparse
import random
import signal
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from ingest_site import write_site  # noqa: E402

METER, POINT = "G00-M00", "r0003"  # r0003 is a float32 kW point in -1000..1000 (ingest_site)


def percentile(values, p):
    """Nearest-rank percentile."""
    s = sorted(values)
    k = max(0, min(len(s) - 1, int(round(p / 100 * len(s) + 0.5)) - 1))
    return s[k]


def measure(bin_dir, interval_ms, steps, keep):
    import msgpack
    import zmq
    work = Path(tempfile.mkdtemp(prefix="greentwin-latency-"))
    site, publish, _request, control = write_site(work / "site.toml", 2, 5, 50,
                                                  interval_ms=interval_ms, timeout_ms=500)
    sim = subprocess.Popen([str(bin_dir / "greentwin-sim"), "--site", str(site), "--generic",
                            "--control", control],
                           stdout=open(work / "sim.log", "wb"), stderr=subprocess.STDOUT)
    time.sleep(0.5)
    ingest = subprocess.Popen([str(bin_dir / "greentwin-ingest"), "--site", str(site),
                               "--db", str(work / "latency.db")],
                              stdout=open(work / "ingest.log", "wb"), stderr=subprocess.STDOUT)
    ctx = zmq.Context()
    sub = ctx.socket(zmq.SUB)
    sub.setsockopt(zmq.SUBSCRIBE, f"reading/bench/{METER}".encode())
    sub.connect(publish)
    req = ctx.socket(zmq.REQ)
    req.setsockopt(zmq.RCVTIMEO, 3000)
    req.setsockopt(zmq.LINGER, 0)
    req.connect(control)
    point = f"{METER}.{POINT}"
    latencies = []
    try:
        deadline = time.monotonic() + 15
        while not sub.poll(100):
            if time.monotonic() > deadline:
                raise RuntimeError(f"no readings published; see {work}")
        time.sleep(1)
        rng = random.Random(5)
        for k in range(steps):
            # A random phase against the poll grid, so the wait for the next poll is sampled
            # over the whole interval instead of always landing at the same offset.
            time.sleep(rng.uniform(0.2, 0.2 + interval_ms / 1000))
            while sub.poll(0):  # drop what was published before the step
                sub.recv_multipart()
            value = float(100 + k)
            req.send_string(f"set {point} {value}")
            reply = req.recv_string()
            if not reply.startswith("ok"):
                raise RuntimeError(f"simulator: {reply}")
            changed_ms = int(reply.rsplit("at=", 1)[1])
            step_deadline = time.monotonic() + 5 + 3 * interval_ms / 1000
            while time.monotonic() < step_deadline:
                if not sub.poll(100):
                    continue
                _topic, body = sub.recv_multipart()
                arrived_ms = time.time() * 1000
                values = msgpack.unpackb(body, raw=False)["values"]
                if any(v["point"] == point and v["value"] == value for v in values):
                    latencies.append(arrived_ms - changed_ms)
                    break
            else:
                raise RuntimeError(f"step {k} ({value}) never published; see {work}")
        req.send_string(f"set {point} clear")
        req.recv_string()
    finally:
        sub.close(0)
        req.close(0)
        ctx.term()
        for p in (ingest, sim):
            p.send_signal(signal.SIGTERM)
            try:
                p.wait(20)
            except subprocess.TimeoutExpired:
                p.kill()
        if not keep:
            import shutil
            shutil.rmtree(work, ignore_errors=True)
    return latencies


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--bin", required=True)
    ap.add_argument("--steps", type=int, default=40)
    ap.add_argument("--keep", action="store_true")
    a = ap.parse_args()
    for interval_ms, suffix in ((1000, ""), (100, "_100ms")):
        lat = measure(Path(a.bin), interval_ms, a.steps, a.keep)
        print(f"ingest.publish_latency_p50_ms{suffix} {statistics.median(lat):.1f} ms")
        print(f"ingest.publish_latency_p99_ms{suffix} {percentile(lat, 99):.1f} ms", flush=True)
        print(f"# {interval_ms} ms interval: {len(lat)} steps, min {min(lat):.1f}, "
              f"max {max(lat):.1f} ms", file=sys.stderr)
    return 0


if __name__ == "__main__":
    sys.exit(main())
