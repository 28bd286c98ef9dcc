#!/usr/bin/python3
"""Time to first frame of greentwin-viewer against f3d on the same model, same size, same
machine, in one run; and the viewer's steady frame time. Both programs are timed the same
way: process start to a PNG of the first frame on disk, median of several runs, so loading,
device creation and readback all count. f3d needs an X server, so one Xvfb is started for the
whole run (outside the timing); greentwin-viewer renders headless and needs none.

The viewer is timed twice per round: cold (an empty scene cache, so the importer process runs
Assimp and writes the cache) and cached (the cache filled once beforehand). With
--factorygen the same is done for a ~1 M triangle plant (greentwin-factorygen --scale 8),
with the suffix _1m.

f3d 1.3 draws without anti-aliasing, tone mapping or shadows by default; the viewer draws
with 4x MSAA, which on lavapipe is about half of its first frame. So the same rounds also time
the viewer with --msaa 1 (still shadowed and tone-mapped), printed with the suffix _msaa1:
the closest to the same work on both sides. The headline ratios stay the default-quality ones.

Prints: viewer.first_frame_ms, viewer.cached_first_frame_ms, f3d.first_frame_ms,
viewer.first_frame_vs_f3d, viewer.cached_first_frame_vs_f3d, viewer.frame_ms (and the _1m
and _msaa1 figures) as name value unit, one per line."""

import argparse
import os
import re
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path


def timed(cmd, env=None, cwd=None):
    start = time.perf_counter()
    r = subprocess.run(cmd, env=env, cwd=cwd, capture_output=True, text=True, timeout=600)
    elapsed = (time.perf_counter() - start) * 1000
    if r.returncode != 0:
        sys.exit(f"bench: {' '.join(cmd)} failed ({r.returncode}):\n{r.stdout}\n{r.stderr}")
    return elapsed, r.stdout


def start_xvfb():
    for n in range(90, 110):
        if not Path(f"/tmp/.X11-unix/X{n}").exists() and not Path(f"/tmp/.X{n}-lock").exists():
            p = subprocess.Popen(["Xvfb", f":{n}", "-screen", "0", "1920x1080x24", "-nolisten", "tcp"],
                                 stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
            for _ in range(50):
                if Path(f"/tmp/.X11-unix/X{n}").exists():
                    return p, f":{n}"
                time.sleep(0.1)
            p.kill()
    sys.exit("bench: could not start Xvfb for f3d")


def measure(args, viewer, model, suffix, tmp, display):
    w, h = args.size.split("x")
    warm_cache = tmp / f"cache-warm{suffix}"
    base = [viewer, model, "--headless", "--size", args.size]
    # Fills the cache for the cached runs, and gives the steady frame time (the viewer's own
    # median over many frames).
    _, out = timed(base + ["--frames", "40", "--benchmark", "--cache-dir", str(warm_cache)])
    frame_ms = float(re.search(r"viewer\.frame_ms ([0-9.]+)", out).group(1))

    env = dict(os.environ, DISPLAY=display)
    f3d = shutil.which("f3d")
    cold_runs, cached_runs, f3d_runs = [], [], []
    cold_runs_1, cached_runs_1 = [], []  # --msaa 1
    # Interleave the programs so a noisy moment hits all alike.
    for i in range(args.runs + 1):
        cold_cache = tmp / f"cache-cold{suffix}-{i}"
        t_c, _ = timed(base + ["--frames", "1", "--screenshot", str(tmp / "v.png"),
                               "--cache-dir", str(cold_cache)])
        shutil.rmtree(cold_cache, ignore_errors=True)
        t_f, _ = timed([f3d, "--output", str(tmp / "f.png"), "--resolution", f"{w},{h}", model],
                       env=env)
        t_w, _ = timed(base + ["--frames", "1", "--screenshot", str(tmp / "v.png"),
                               "--cache-dir", str(warm_cache)])
        no_aa = ["--frames", "1", "--screenshot", str(tmp / "v.png"), "--msaa", "1"]
        t_c1, _ = timed(base + no_aa + ["--cache-dir", str(cold_cache)])
        shutil.rmtree(cold_cache, ignore_errors=True)
        t_w1, _ = timed(base + no_aa + ["--cache-dir", str(warm_cache)])
        if i > 0:  # the first round warms the page cache for all
            cold_runs.append(t_c)
            cached_runs.append(t_w)
            f3d_runs.append(t_f)
            cold_runs_1.append(t_c1)
            cached_runs_1.append(t_w1)
    c, w_, f = (statistics.median(x) for x in (cold_runs, cached_runs, f3d_runs))
    p = args.prefix
    print(f"{p}.first_frame_ms{suffix} {c:.0f} ms")
    print(f"{p}.cached_first_frame_ms{suffix} {w_:.0f} ms")
    print(f"f3d.first_frame_ms{suffix} {f:.0f} ms")
    print(f"{p}.first_frame_vs_f3d{suffix} {c / f:.2f} ratio")
    print(f"{p}.cached_first_frame_vs_f3d{suffix} {w_ / f:.2f} ratio")
    print(f"{p}.frame_ms{suffix} {frame_ms:.1f} ms")
    c1, w1 = statistics.median(cold_runs_1), statistics.median(cached_runs_1)
    print(f"{p}.first_frame_vs_f3d{suffix}_msaa1 {c1 / f:.2f} ratio")
    print(f"{p}.cached_first_frame_vs_f3d{suffix}_msaa1 {w1 / f:.2f} ratio")
    sys.stdout.flush()


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--bin", default="build/bin")
    ap.add_argument("--model", default="assets/demo/factory.glb")
    ap.add_argument("--size", default="1280x720")
    ap.add_argument("--runs", type=int, default=5)
    ap.add_argument("--prefix", default="viewer")
    ap.add_argument("--factorygen", action="store_true",
                    help="also time a ~1 M triangle plant made by greentwin-factorygen --scale 8")
    args = ap.parse_args()
    viewer = str(Path(args.bin) / "greentwin-viewer")
    tmp = Path(tempfile.mkdtemp(prefix="gt-bench-"))
    models = [(str(Path(args.model).resolve()), "")]
    if args.factorygen:
        big = tmp / "factory-1m.glb"
        timed([str(Path(args.bin) / "greentwin-factorygen"), "--scale", "8", "--out", str(big)])
        models.append((str(big), "_1m"))

    xvfb, display = start_xvfb()
    try:
        for model, suffix in models:
            measure(args, viewer, model, suffix, tmp, display)
    finally:
        xvfb.terminate()
        xvfb.wait()
        shutil.rmtree(tmp, ignore_errors=True)


if __name__ == "__main__":
    main()
