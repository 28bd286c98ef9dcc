"""DL/T 645-2007 end to end: greentwin-sim serves two DL/T 645 meters on one end of a virtual
serial line (a socat pty pair) and a third behind a simulated serial-to-Ethernet converter (a
TCP port); greentwin-ingest polls them. Every meter's readings (energy total, voltages,
currents, power, power factor, frequency) must be stored with plausible values; a meter taken
offline through the sim's control socket must raise a comm_fault alarm for that meter only,
while its neighbour on the line keeps being stored; a meter answering garbage (noise, checksum
errors, cut-off frames) must be reported as bad frames."""

import argparse
import sys
import time
from pathlib import Path

from harness import wait_for
from line_faults import (SerialLineRig, check_fault_isolation, latest, open_comm_faults,
                         have_socat)

TEMPLATE = """
[[template]]
id = "dlt645-3p"
description = "Three-phase DL/T 645-2007 meter (DTZY style)"
points = [
  { name = "ep_imp", di = 0x00010000, unit = "kWh", kind = "cumulative", min = 0 },
  { name = "ua", di = 0x02010100, unit = "V", min = 0, max = 500 },
  { name = "ub", di = 0x02010200, unit = "V", min = 0, max = 500 },
  { name = "uc", di = 0x02010300, unit = "V", min = 0, max = 500 },
  { name = "ia", di = 0x02020100, unit = "A", min = 0, max = 6000 },
  { name = "ib", di = 0x02020200, unit = "A", min = 0, max = 6000 },
  { name = "ic", di = 0x02020300, unit = "A", min = 0, max = 6000 },
  { name = "p", di = 0x02030000, unit = "kW", min = -100, max = 100, primary = true },
  { name = "pf", di = 0x02060000, unit = "", min = -1, max = 1 },
  { name = "f", di = 0x02800002, unit = "Hz", min = 45, max = 55 },
]
"""

ADDRESSES = {"D-01": "000000000101", "D-02": "000000000102", "D-03": "000000000103"}


def site_text(serial, tcp_port, publish, request):
    out = f"""[site]
id = "dlt645-test"

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
id = "CNC-03"
area = "hall"
{TEMPLATE}"""
    for meter, equipment in (("D-01", "CNC-01"), ("D-02", "CNC-02")):
        out += f"""
[[meter]]
id = "{meter}"
energy = "electricity"
protocol = "dlt645"
serial = "{serial}"
baud = 9600
address = "{ADDRESSES[meter]}"
template = "dlt645-3p"
interval_ms = 300
timeout_ms = 200
equipment = "{equipment}"
"""
    out += f"""
[[meter]]
id = "D-03"
energy = "electricity"
protocol = "dlt645"
host = "127.0.0.1"
port = {tcp_port}
address = "{ADDRESSES['D-03']}"
template = "dlt645-3p"
interval_ms = 300
timeout_ms = 200
equipment = "CNC-03"
"""
    return out


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--bin", required=True)
    ap.add_argument("--source", required=True)
    args = ap.parse_args()
    args.bin = str(Path(args.bin).resolve())
    if not have_socat():
        return 1

    with SerialLineRig(args.bin, "dlt645", extra_ports=1) as rig:
        rig.start(lambda tty: site_text(tty, rig.extra[0], rig.publish, rig.request),
                  lambda log: "D-01..D-02 on" in log and "D-03 on" in log,
                  "the sim serving the line and the converter")
        db, control, sim, ingest = rig.db, rig.control, rig.sim, rig.ingest

        checks = {}
        for m in ADDRESSES:
            checks.update({f"{m}.ep_imp": (0.01, 999999.99), f"{m}.ua": (150, 300),
                           f"{m}.ub": (150, 300), f"{m}.uc": (150, 300),
                           f"{m}.ia": (0, 6000), f"{m}.ib": (0, 6000), f"{m}.ic": (0, 6000),
                           f"{m}.p": (-80, 80), f"{m}.pf": (-1, 1), f"{m}.f": (49, 51)})
        for point in checks:
            wait_for(lambda: latest(db, point), 20, f"a stored reading of {point}")
        for point, (low, high) in checks.items():
            t, value, quality = latest(db, point)
            assert quality == 0, f"{point}: quality {quality}"
            assert low <= value <= high, f"{point} = {value}, expected {low}..{high}"
            assert abs(t / 1000 - time.time()) < 60, f"{point}: sample time {t}"
        assert open_comm_faults(db) == [], open_comm_faults(db)

        check_fault_isolation(db, control, ingest, sim, offline="D-02", garbage="D-01",
                              offline_neighbours=("D-01.p", "D-03.p"),
                              garbage_neighbour="D-02.p",
                              request=rig.request)
        rig.ok = True
        print("dlt645: 3 meters (2 on a serial line, 1 over TCP) stored; offline meter alarmed "
              "alone; garbage reported as bad frames")
    return 0 if rig.ok else 1


if __name__ == "__main__":
    sys.exit(main())
