"""DL/T 645-2007 end to end: greentwin-sim serves two DL/T 645 meters on one end of a virtual
serial line (a socat pty pair) and a third behind a simulated serial-to-Ethernet converter (a
TCP port); greentwin-ingest polls them. Every meter's readings (energy total, voltages,
currents, power, power factor, frequency) must be stored with plausible values; a meter taken
offline through the sim's control socket must raise a comm_fault alarm for that meter only,
while its neighbour on the line keeps being stored; a meter answering garbage (noise, checksum
errors, cut-off frames) must be reported as bad frames."""

import argparse
import shutil
import signal
import sys
import tempfile
import time
from pathlib import Path

from harness import Process, free_ports, wait_for
from line_faults import check_fault_isolation, latest, open_comm_faults

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
    if shutil.which("socat") is None:
        print("socat is not installed: cannot make a virtual serial line", file=sys.stderr)
        return 1

    work = Path(tempfile.mkdtemp(prefix="greentwin-dlt645-"))
    processes = []
    ok = False
    try:
        sim_tty, ingest_tty = work / "ttySIM", work / "ttyINGEST"
        socat = Process("socat", ["socat", "-d", "-d",
                                  f"pty,raw,echo=0,link={sim_tty}",
                                  f"pty,raw,echo=0,link={ingest_tty}"], work)
        processes.append(socat)
        wait_for(lambda: sim_tty.exists() and ingest_tty.exists(), 10, "socat's pty pair")

        tcp_port, *rest = free_ports(4)
        publish, request, control = (f"tcp://127.0.0.1:{p}" for p in rest)
        sim_site, ingest_site = work / "sim-site.toml", work / "site.toml"
        sim_site.write_text(site_text(sim_tty, tcp_port, publish, request), encoding="utf-8")
        ingest_site.write_text(site_text(ingest_tty, tcp_port, publish, request),
                               encoding="utf-8")
        db = work / "greentwin.db"
        sim = Process("sim", [str(Path(args.bin) / "greentwin-sim"), "--site", str(sim_site),
                              "--control", control], work)
        processes.append(sim)
        wait_for(lambda: "D-01..D-02 on" in sim.output() and "D-03 on" in sim.output(), 15,
                 "the sim serving the line and the converter")
        ingest = Process("ingest", [str(Path(args.bin) / "greentwin-ingest"), "--site",
                                    str(ingest_site), "--db", str(db)], work)
        processes.append(ingest)

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
                              garbage_neighbour="D-02.p")
        ok = True
        print("dlt645: 3 meters (2 on a serial line, 1 over TCP) stored; offline meter alarmed "
              "alone; garbage reported as bad frames")
    finally:
        for p in reversed(processes):
            p.stop(signal.SIGTERM)
        if ok:
            shutil.rmtree(work, ignore_errors=True)
        else:
            print(f"logs kept in {work}", file=sys.stderr)
            for p in processes:
                print(f"----- {p.name} log (tail) -----\n{p.output()[-3000:]}", file=sys.stderr)
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main())
