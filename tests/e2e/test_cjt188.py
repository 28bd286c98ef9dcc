"""CJ/T 188-2004 end to end: greentwin-sim serves a water meter and a heat meter on one end of a
virtual serial line (a socat pty pair, standing in for an M-Bus or RS-485 line) and a gas meter
behind a simulated serial-to-Ethernet converter (a TCP port); greentwin-ingest polls them, one
901FH read per meter and poll. Every point (volumes, heat, heat power, flow rate, supply and
return temperatures, valve and battery status) must be stored in its canonical unit with a
plausible value; the heat meter taken offline must raise a comm_fault alarm for itself only;
the water meter answering garbage (noise, checksum errors, cut-off frames) must be reported as
bad frames while both processes keep running."""

import argparse
import sqlite3
import sys
import time
from pathlib import Path

from harness import wait_for
from line_faults import (SerialLineRig, check_fault_isolation, latest, open_comm_faults,
                         have_socat)

TEMPLATES = """
[[template]]
id = "cjt188-water"
description = "CJ/T 188 cold-water meter"
points = [
  { name = "total", field = "current_flow", di = 0x901F, unit = "m3", kind = "cumulative", min = 0 },
  { name = "settled", field = "settlement_flow", di = 0x901F, unit = "m3", kind = "cumulative", min = 0 },
  { name = "valve", field = "valve", di = 0x901F, unit = "", min = 0, max = 0 },
  { name = "battery_low", field = "battery_low", di = 0x901F, unit = "", min = 0, max = 0 },
]

[[template]]
id = "cjt188-heat"
description = "CJ/T 188 heat meter"
points = [
  { name = "q", field = "current_heat", di = 0x901F, unit = "kWh", kind = "cumulative", min = 0 },
  { name = "p", field = "heat_power", di = 0x901F, unit = "kW", min = 0, max = 500, primary = true },
  { name = "fr", field = "flow_rate", di = 0x901F, unit = "m3/h", min = 0, max = 50 },
  { name = "vol", field = "current_flow", di = 0x901F, unit = "m3", kind = "cumulative", min = 0 },
  { name = "ts", field = "supply_temp", di = 0x901F, unit = "degC", min = 0, max = 120 },
  { name = "tr", field = "return_temp", di = 0x901F, unit = "degC", min = 0, max = 120 },
]

[[template]]
id = "cjt188-gas"
description = "CJ/T 188 gas meter"
points = [
  { name = "total", field = "current_flow", di = 0x901F, unit = "m3", kind = "cumulative", min = 0 },
]
"""


def site_text(serial, tcp_port, publish, request):
    return f"""[site]
id = "cjt188-test"

[ingest]
publish = "{publish}"
request = "{request}"
comm_fault_after = 3

[[area]]
id = "utilities"

[[equipment]]
id = "WT-01"
area = "utilities"

[[equipment]]
id = "HX-01"
area = "utilities"

[[equipment]]
id = "GAS-01"
area = "utilities"
{TEMPLATES}
[[meter]]
id = "W-01"
energy = "water"
protocol = "cjt188"
serial = "{serial}"
baud = 9600
address = "00000000000101"
meter_type = "water"
template = "cjt188-water"
interval_ms = 300
timeout_ms = 200
equipment = "WT-01"

[[meter]]
id = "H-01"
energy = "heat"
protocol = "cjt188"
serial = "{serial}"
baud = 9600
address = "00000000000102"
meter_type = "heat"
template = "cjt188-heat"
interval_ms = 300
timeout_ms = 200
equipment = "HX-01"

[[meter]]
id = "G-01"
energy = "natural_gas"
protocol = "cjt188"
host = "127.0.0.1"
port = {tcp_port}
address = "00000000000103"
meter_type = "gas"
template = "cjt188-gas"
interval_ms = 300
timeout_ms = 200
equipment = "GAS-01"
"""


def unit_of(db, point):
    con = sqlite3.connect(f"file:{db}?mode=ro", uri=True, timeout=5)
    try:
        row = con.execute("SELECT unit FROM point WHERE name = ?", (point,)).fetchone()
        return row[0] if row else None
    finally:
        con.close()


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--bin", required=True)
    ap.add_argument("--source", required=True)
    args = ap.parse_args()
    args.bin = str(Path(args.bin).resolve())
    if not have_socat():
        return 1

    with SerialLineRig(args.bin, "cjt188", extra_ports=1) as rig:
        rig.start(lambda tty: site_text(tty, rig.extra[0], rig.publish, rig.request),
                  lambda log: "W-01..H-01 on" in log and "G-01 on" in log,
                  "the sim serving the line and the converter")
        db, control, sim, ingest = rig.db, rig.control, rig.sim, rig.ingest

        # (low, high, canonical unit) per point.
        checks = {
            "W-01.total": (0.01, 999999.99, "m3"), "W-01.settled": (0.01, 999999.99, "m3"),
            "W-01.valve": (0, 0, ""), "W-01.battery_low": (0, 0, ""),
            "H-01.q": (1.0, 999999.99, "kWh"), "H-01.p": (20, 150, "kW"),
            "H-01.fr": (20 / 23.26, 150 / 23.26, "m3/h"), "H-01.vol": (0.01, 999999.99, "m3"),
            "H-01.ts": (45, 90, "degC"), "H-01.tr": (25, 70, "degC"),
            "G-01.total": (0.01, 999999.99, "m3"),
        }
        for point in checks:
            wait_for(lambda: latest(db, point), 20, f"a stored reading of {point}")
        values = {}
        for point, (low, high, unit) in checks.items():
            t, value, quality = latest(db, point)
            values[point] = value
            assert quality == 0, f"{point}: quality {quality}"
            assert low <= value <= high, f"{point} = {value}, expected {low}..{high}"
            assert unit_of(db, point) == unit, f"{point}: unit {unit_of(db, point)!r}"
            assert abs(t / 1000 - time.time()) < 60, f"{point}: sample time {t}"
        # The heat meter's fields come from one reply and agree with each other.
        assert abs(values["H-01.ts"] - values["H-01.tr"] - 20) < 0.02, values
        assert values["W-01.settled"] <= values["W-01.total"], values
        assert open_comm_faults(db) == [], open_comm_faults(db)

        check_fault_isolation(db, control, ingest, sim, offline="H-01", garbage="W-01",
                              offline_neighbours=("W-01.total", "G-01.total"),
                              garbage_neighbour="H-01.p",
                              request=rig.request)
        rig.ok = True
        print("cjt188: water and heat meter on a serial line, gas meter over TCP, stored in "
              "canonical units; offline meter alarmed alone; garbage reported as bad frames")
    return 0 if rig.ok else 1


if __name__ == "__main__":
    sys.exit(main())
