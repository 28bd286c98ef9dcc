"""The whole chain as real processes: greentwin-sim -> greentwin-ingest -> ZeroMQ ->
greentwin-viewer (headless, lavapipe). Two meters are faulted at run time through the
simulator's control socket: M-04 (CNC-03) counts backwards, a meter fault, and M-19 (WT-01)
stops answering, a communication fault. Checks the SQLite file, the published alarms, and the
screenshot's pixels where the viewer says the machines and labels are."""

import json
import sqlite3
import subprocess
import sys
import time

import msgpack
import zmq
from PIL import Image

from harness import Chain, parse_args, wait_for


def red_fraction(img, cx, cy, half=7):
    """Share of pixels in a square around (cx, cy) that are clearly red."""
    n = red = 0
    for y in range(int(cy) - half, int(cy) + half + 1):
        for x in range(int(cx) - half, int(cx) + half + 1):
            if 0 <= x < img.width and 0 <= y < img.height:
                r, g, b = img.getpixel((x, y))[:3]
                n += 1
                red += r > 90 and r > 1.6 * g and r > 1.6 * b
    return red / max(n, 1)


def label_has_text(img, rect):
    """A drawn label is a dark panel with light glyphs on it."""
    x, y, w, h = (int(v) for v in rect)
    light = dark = 0
    for yy in range(y, y + h):
        for xx in range(x, x + w):
            if 0 <= xx < img.width and 0 <= yy < img.height:
                r, g, b = img.getpixel((xx, yy))[:3]
                lum = 0.299 * r + 0.587 * g + 0.114 * b
                light += lum > 190
                dark += lum < 90
    return light >= 15 and dark >= 0.3 * w * h


def main():
    args = parse_args(sys.argv[1:])
    chain = Chain(args.bin, args.source)
    ok = False
    try:
        chain.start_sim()
        chain.start_ingest()
        ctx = zmq.Context.instance()
        sub = ctx.socket(zmq.SUB)
        sub.setsockopt(zmq.RCVTIMEO, 500)
        sub.connect(chain.site.publish)
        sub.setsockopt(zmq.SUBSCRIBE, b"alarm/")
        sub.setsockopt(zmq.SUBSCRIBE, b"reading/")

        def db_count(sql, *params):
            if not chain.site.db.exists():
                return 0
            try:
                con = sqlite3.connect(f"file:{chain.site.db}?mode=ro", uri=True, timeout=5)
                try:
                    return con.execute(sql, params).fetchone()[0]
                finally:
                    con.close()
            except sqlite3.OperationalError:
                return 0  # the daemon is still creating the schema

        # Every meter answered and its readings are stored.
        wait_for(lambda: db_count("SELECT count(DISTINCT meter) FROM point p JOIN reading r "
                                  "ON r.point = p.id") == 20, 20, "readings of all 20 meters")

        assert chain.sim_control("fault M-04 regress").startswith("ok"), "sim refused the fault"
        assert chain.sim_control("fault M-19 offline").startswith("ok"), "sim refused the fault"

        alarms, readings = {}, 0
        deadline = time.monotonic() + 30
        while time.monotonic() < deadline and not ("M-04" in alarms and "M-19" in alarms):
            try:
                topic, body = sub.recv_multipart()
            except zmq.Again:
                continue
            msg = msgpack.unpackb(body, raw=False)
            if msg["type"] == "alarm" and msg["state"] == "raised":
                alarms[msg["meter"]] = msg["code"]
                assert topic.decode() == f"alarm/{msg['area']}/{msg['meter']}"
            elif msg["type"] == "readings":
                readings += 1
        assert alarms.get("M-04") == "meter_fault", alarms
        assert alarms.get("M-19") == "comm_fault", alarms
        assert readings > 10, readings

        # Stored with the quality flag that says why (regressed = 2), and the alarms stored
        # (the writer commits at most batch_ms after publishing, so allow it a moment).
        wait_for(lambda: db_count("SELECT count(*) FROM reading r JOIN point p ON r.point = p.id "
                                  "WHERE p.meter = 'M-04' AND (r.quality & 2) != 0") >= 1,
                 5, "M-04 readings flagged regressed in SQLite")
        wait_for(lambda: db_count("SELECT count(*) FROM alarm WHERE meter = 'M-19'") >= 1, 5,
                 "M-19's communication-fault alarm in SQLite")
        wait_for(lambda: db_count("SELECT count(*) FROM alarm WHERE meter = 'M-04'") >= 1, 5,
                 "M-04's meter-fault alarm in SQLite")

        shot = chain.work / "shot.png"
        probes = chain.work / "probes.json"
        viewer = subprocess.run(
            [str(chain.bin / "greentwin-viewer"), "--site", str(chain.site.path), "--headless",
             "--frames", "6", "--size", "1280x720", "--lang", "en", "--screenshot", str(shot),
             "--probes", str(probes)],
            cwd=chain.work, capture_output=True, text=True, timeout=240)
        print(viewer.stdout[-2000:], viewer.stderr[-2000:])
        assert viewer.returncode == 0, f"viewer exited with {viewer.returncode}"

        info = {e["id"]: e for e in json.loads(probes.read_text())["equipment"]}
        img = Image.open(shot).convert("RGB")
        assert img.size == (1280, 720)
        assert info["CNC-03"]["state"] == "alarm", info["CNC-03"]
        assert info["WT-01"]["state"] == "offline", info["WT-01"]
        assert info["CNC-01"]["state"] == "normal", info["CNC-01"]
        assert "kW" in info["CNC-01"]["value"], info["CNC-01"]

        # The alarm tint is on the faulted machine's pixels, and not on a healthy one's.
        c3 = info["CNC-03"]["screen_center"]
        c1 = info["CNC-01"]["screen_center"]
        assert c3 and c1, (c3, c1)
        red3, red1 = red_fraction(img, *c3), red_fraction(img, *c1)
        assert red3 >= 0.25, f"CNC-03 (meter fault) should be tinted red: {red3:.2f} red at {c3}"
        assert red1 <= 0.05, f"CNC-01 (healthy) should not be red: {red1:.2f} red at {c1}"

        # Labels are drawn where the viewer placed them: dark panel, light text.
        labelled = [e for e in info.values() if e.get("label") and not e.get("compact")]
        assert len(labelled) >= 8, f"only {len(labelled)} labels drawn"
        for e in labelled:
            r = e["label"]
            assert label_has_text(img, (r["x"], r["y"], r["w"], r["h"])), f"label of {e['id']} at {e['label']} is empty"
        ok = True
        print(f"chain: alarms {alarms}, red at CNC-03 {red3:.2f} vs CNC-01 {red1:.2f}, "
              f"{len(labelled)} labels")
    finally:
        chain.close(keep_on_failure=not ok)
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main())
