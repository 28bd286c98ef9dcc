#!/usr/bin/python3
"""Time to first frame of greentwin-viewer against f3d on the same model, same size, same
machine, in one run; and the viewer's steady frame time. Both programs are timed the same
way: process start to a PNG of the first frame on disk, median of several runs, so loading,
device creation and readback all count. f3d needs an X server, so one Xvfb is started for the
whole run (outside the timing); greentwin-viewer renders headless and needs none.

Prints: viewer.first_frame_ms, f3d.first_frame_ms, viewer.first_frame_vs_f3d, viewer.frame_ms
(name value unit, one per line)."""

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


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--bin", default="build/bin")
    ap.add_argument("--model", default="assets/demo/factory.glb")
    ap.add_argument("--size", default="1280x720")
    ap.add_argument("--runs", type=int, default=5)
    ap.add_argument("--prefix", default="viewer")
    args = ap.parse_args()
    w, h = args.size.split("x")
    viewer = str(Path(args.bin) / "greentwin-viewer")
    model = str(Path(args.model).resolve())
    tmp = Path(tempfile.mkdtemp(prefix="gt-bench-"))

    # Steady frame time: the viewer's own median over many frames.
    _, out = timed([viewer, model, "--headless", "--size", args.size, "--frames", "40", "--benchmark"])
    frame_ms = float(re.search(r"viewer\.frame_ms ([0-9.]+)", out).group(1))

    xvfb, display = start_xvfb()
    try:
        env = dict(os.environ, DISPLAY=display)
        f3d = shutil.which("f3d")
        viewer_runs, f3d_runs = [], []
        # Interleave the two programs so a noisy moment hits both alike.
        for i in range(args.runs + 1):
            t_v, _ = timed([viewer, model, "--headless", "--size", args.size, "--frames", "1",
                            "--screenshot", str(tmp / "v.png")])
            t_f, _ = timed([f3d, "--output", str(tmp / "f.png"), "--resolution", f"{w},{h}",
                            model], env=env)
            if i > 0:  # the first pair warms the page cache for both
                viewer_runs.append(t_v)
                f3d_runs.append(t_f)
    finally:
        xvfb.terminate()
    v, f = statistics.median(viewer_runs), statistics.median(f3d_runs)
    print(f"{args.prefix}.first_frame_ms {v:.0f} ms")
    print(f"f3d.first_frame_ms {f:.0f} ms")
    print(f"{args.prefix}.first_frame_vs_f3d {v / f:.2f} ratio")
    print(f"{args.prefix}.frame_ms {frame_ms:.1f} ms")
    shutil.rmtree(tmp, ignore_errors=True)


if __name__ == "__main__":
    main()
