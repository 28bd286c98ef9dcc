"""What the serial-line end-to-end tests (Modbus RTU, DL/T 645, CJ/T 188) share: the rig of a
virtual line between the simulator and the daemon, reading the daemon's SQLite file, the
simulator's control socket, and the fault-isolation scenario every line must pass: one
meter's fault raises an alarm for that meter only while its neighbours keep their data, and
clearing the fault clears the alarm."""

import shutil
import signal
import sqlite3
import sys
import tempfile
import time
from pathlib import Path

from harness import Process, free_ports, wait_for, zmq_request

COMM_FAULT = 1  # AlarmCode::CommunicationFault, frozen (docs/protocol.md)


def latest(db, point):
    """(t, value, quality) of the newest stored reading of a point, or None."""
    try:
        con = sqlite3.connect(f"file:{db}?mode=ro", uri=True, timeout=5)
        try:
            return con.execute(
                "SELECT r.t, r.value, r.quality FROM reading r JOIN point p ON p.id = r.point "
                "WHERE p.name = ? ORDER BY r.t DESC LIMIT 1", (point,)).fetchone()
        finally:
            con.close()
    except sqlite3.Error:
        return None


def rows_since(db, point, t):
    con = sqlite3.connect(f"file:{db}?mode=ro", uri=True, timeout=5)
    try:
        return con.execute(
            "SELECT COUNT(*) FROM reading r JOIN point p ON p.id = r.point "
            "WHERE p.name = ? AND r.t > ?", (point, t)).fetchone()[0]
    finally:
        con.close()


def open_comm_faults(db):
    con = sqlite3.connect(f"file:{db}?mode=ro", uri=True, timeout=5)
    try:
        return [m for (m,) in con.execute(
            "SELECT meter FROM alarm WHERE code = ? AND cleared_t IS NULL", (COMM_FAULT,))]
    finally:
        con.close()


def sim_control(endpoint, command):
    return zmq_request(endpoint, command).decode()


def meter_counters(request, meter):
    """The daemon's poll counters of `meter` from a snapshot request (docs/protocol.md)."""
    import msgpack
    snap = msgpack.unpackb(zmq_request(request, msgpack.packb({"v": 1, "op": "snapshot"})),
                           raw=False)
    for m in snap.get("meters", []):
        if m.get("meter") == meter:
            return m.get("counters", {})
    return {}


def check_fault_isolation(db, control, ingest, sim, offline, garbage, offline_neighbours,
                          garbage_neighbour, request):
    """`offline` stops answering, then `garbage` answers with noise: each raises a comm_fault
    for itself alone, the neighbours keep being stored, and both clear again. Meter ids; the
    neighbours are point ids ("R-01.p")."""
    assert sim_control(control, f"fault {offline} offline").startswith("ok"), "fault not accepted"
    wait_for(lambda: open_comm_faults(db) == [offline], 15, f"a comm_fault alarm for {offline}")
    since = int(time.time() * 1000)
    time.sleep(2.0)
    for point in offline_neighbours:
        assert rows_since(db, point, since) >= 3, f"{point} stopped being stored"
    assert rows_since(db, f"{offline}.p", since) == 0, f"offline {offline} still stored readings"
    assert open_comm_faults(db) == [offline], open_comm_faults(db)
    assert sim_control(control, f"fault {offline} clear").startswith("ok")
    wait_for(lambda: open_comm_faults(db) == [], 20, f"{offline}'s comm_fault to clear")

    # Noise and checksum errors on the line are bad frames: a comm_fault, for that meter only.
    assert sim_control(control, f"fault {garbage} garbage").startswith("ok")
    wait_for(lambda: open_comm_faults(db) == [garbage], 15, f"a comm_fault alarm for {garbage}")
    since = int(time.time() * 1000)
    time.sleep(1.0)
    assert rows_since(db, garbage_neighbour, since) >= 2, f"{garbage_neighbour} stopped being stored"
    assert sim_control(control, f"fault {garbage} clear").startswith("ok")
    wait_for(lambda: open_comm_faults(db) == [], 20, f"{garbage}'s comm_fault to clear")
    assert ingest.alive() and sim.alive(), "a process died"
    # The counters, not the alarm text: the alarm names the last error of its three failed
    # polls, which under load may be a timeout even though the line carried bad frames.
    counters = meter_counters(request, garbage)
    assert counters.get("bad_frames", 0) > 0, f"garbage was not counted as bad frames: {counters}"


class SerialLineRig:
    """A virtual serial line (a socat pty pair) with greentwin-sim on one end and
    greentwin-ingest on the other, on free loopback ports; `extra_ports` more free ports (for a
    TCP converter on the same site) come first in `extra`. Used as a context manager: on a
    failure the work folder and the logs are kept and printed, on success removed."""

    def __init__(self, bin_dir, name, extra_ports=0):
        self.bin = Path(bin_dir).resolve()
        self.work = Path(tempfile.mkdtemp(prefix=f"greentwin-{name}-"))
        self.processes = []
        self.ok = False
        ports = free_ports(3 + extra_ports)
        self.extra = ports[:extra_ports]
        self.publish, self.request, self.control = (
            f"tcp://127.0.0.1:{p}" for p in ports[extra_ports:])
        self.db = self.work / "greentwin.db"
        self.sim = self.ingest = None

    def __enter__(self):
        return self

    def start(self, site_text, sim_ready, what):
        """site_text(tty) -> the site file for the end of the line at `tty` (both ends see the
        same meters); sim_ready(sim log) -> True once the sim serves them."""
        sim_tty, ingest_tty = self.work / "ttySIM", self.work / "ttyINGEST"
        self.processes.append(Process("socat", ["socat", "-d", "-d",
                                                f"pty,raw,echo=0,link={sim_tty}",
                                                f"pty,raw,echo=0,link={ingest_tty}"], self.work))
        wait_for(lambda: sim_tty.exists() and ingest_tty.exists(), 10, "socat's pty pair")
        sim_site, ingest_site = self.work / "sim-site.toml", self.work / "site.toml"
        sim_site.write_text(site_text(sim_tty), encoding="utf-8")
        ingest_site.write_text(site_text(ingest_tty), encoding="utf-8")
        self.sim = Process("sim", [str(self.bin / "greentwin-sim"), "--site", str(sim_site),
                                   "--control", self.control], self.work)
        self.processes.append(self.sim)
        wait_for(lambda: sim_ready(self.sim.output()), 15, what)
        self.ingest = Process("ingest", [str(self.bin / "greentwin-ingest"), "--site",
                                         str(ingest_site), "--db", str(self.db)], self.work)
        self.processes.append(self.ingest)

    def __exit__(self, *exc):
        for p in reversed(self.processes):
            p.stop(signal.SIGTERM)
        if self.ok:
            shutil.rmtree(self.work, ignore_errors=True)
        else:
            print(f"logs kept in {self.work}", file=sys.stderr)
            for p in self.processes:
                print(f"----- {p.name} log (tail) -----\n{p.output()[-3000:]}", file=sys.stderr)
        return False


def have_socat():
    if shutil.which("socat") is None:
        print("socat is not installed: cannot make a virtual serial line", file=sys.stderr)
        return False
    return True
