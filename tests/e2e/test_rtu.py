"""Modbus RTU end to end: greentwin-sim serves three meters on one end of a virtual RS-485
line (a socat pty pair), greentwin-ingest polls them on the other end. All three meters'
readings must be stored with plausible values; a meter taken offline through the sim's
control socket must raise a comm_fault alarm for that meter only, while the other meters on
the line keep being stored; so must a meter answering garbage (noise, CRC errors, wrong
lengths).

--baud picks the line speed (default 9600). A pty carries bytes at no particular speed, so
the poll rate printed at the end shows the software's share of a poll cycle, not the wire's."""

import argparse
import sys
import time
from pathlib import Path

from harness import wait_for
from line_faults import (SerialLineRig, check_fault_isolation, latest, open_comm_faults, rows_since,
                         have_socat)


TEMPLATES = ("pm3-float", "pm3-int", "temp-rh")


def templates_from_demo(source):
    """The [[template]] blocks of the three templates, verbatim from the demo site."""
    text = (Path(source) / "assets/demo/site.toml").read_text(encoding="utf-8")
    blocks = []
    for block in text.split("[[template]]")[1:]:
        block = block.split("\n[[", 1)[0].split("\n# ---", 1)[0]
        if any(f'id = "{t}"\n' in block for t in TEMPLATES):
            blocks.append("[[template]]" + block.rstrip() + "\n")
    assert len(blocks) == 3, f"expected the templates {TEMPLATES} in the demo site"
    return "\n".join(blocks)


def site_text(source, serial, baud, publish, request):
    meters = [("R-01", "electricity", "pm3-float", "CNC-01"),
              ("R-02", "electricity", "pm3-int", "CNC-02"),
              ("R-03", "environment", "temp-rh", "WS-01")]
    out = f"""[site]
id = "rtu-test"

[ingest]
publish = "{publish}"
request = "{request}"
comm_fault_after = 3

[[area]]
id = "hall"

[[equipment]]
id = "CNC-01"
area = "hall"

[[equipment]]
id = "CNC-02"
area = "hall"

[[equipment]]
id = "WS-01"
area = "hall"

{templates_from_demo(source)}
"""
    for unit, (meter, energy, template, equipment) in enumerate(meters, start=1):
        out += f"""
[[meter]]
id = "{meter}"
energy = "{energy}"
protocol = "modbus-rtu"
serial = "{serial}"
baud = {baud}
unit_id = {unit}
template = "{template}"
interval_ms = 200
timeout_ms = 200
equipment = "{equipment}"
"""
    return out


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--bin", required=True)
    ap.add_argument("--source", required=True)
    ap.add_argument("--baud", type=int, default=9600)
    args = ap.parse_args()
    args.bin = str(Path(args.bin).resolve())
    if not have_socat():
        return 1

    with SerialLineRig(args.bin, "rtu") as rig:
        rig.start(lambda tty: site_text(args.source, tty, args.baud, rig.publish, rig.request),
                  lambda log: "R-01..R-03 on" in log, "the sim serving the line")
        db, control, sim, ingest = rig.db, rig.control, rig.sim, rig.ingest

        # Plausible values for each template's points (canonical units).
        checks = {"R-01.ua": (150, 300), "R-01.p": (0, 500), "R-01.f": (49, 51),
                  "R-01.ep_imp": (1, 1e12),
                  "R-02.ua": (150, 300), "R-02.p": (0, 500), "R-02.f": (49, 51),
                  "R-02.ep_imp": (1, 1e12),
                  "R-03.t": (-40, 60), "R-03.rh": (0, 100)}
        for point in checks:
            wait_for(lambda: latest(db, point), 20, f"a stored reading of {point}")
        for point, (low, high) in checks.items():
            t, value, quality = latest(db, point)
            assert quality == 0, f"{point}: quality {quality}"
            assert low <= value <= high, f"{point} = {value}, expected {low}..{high}"
            assert abs(t / 1000 - time.time()) < 60, f"{point}: sample time {t}"
        assert open_comm_faults(db) == [], open_comm_faults(db)

        # Poll rate with nothing failing: every meter is due every 200 ms.
        window = 3.0
        start_ms = int(time.time() * 1000)
        time.sleep(window)
        rates = {m: rows_since(db, f"{m}.{p}", start_ms) / window
                 for m, p in (("R-01", "p"), ("R-02", "p"), ("R-03", "t"))}

        check_fault_isolation(db, control, ingest, sim, offline="R-02", garbage="R-03",
                              offline_neighbours=("R-01.p", "R-03.t"),
                              garbage_neighbour="R-01.p",
                              request=rig.request)
        rig.ok = True
        print(f"rtu at {args.baud} baud: 3 meters stored, offline meter alarmed alone; polls per "
              "second per meter: " + ", ".join(f"{m} {r:.1f}" for m, r in rates.items()))
    return 0 if rig.ok else 1


if __name__ == "__main__":
    sys.exit(main())
