"""Runs GreenTwin's real programs for end-to-end tests: the simulator, the daemon and the
viewer as separate processes on free loopback ports, each with its own log file.

The demo site is copied with its ports rewritten, so tests can run in parallel with each
other and with a running demo."""

import os
import re
import shutil
import signal
import socket
import subprocess
import sys
import tempfile
import time
from pathlib import Path


def free_ports(n):
    """Asks the kernel for n distinct free TCP ports on loopback."""
    socks, ports = [], []
    for _ in range(n):
        s = socket.socket()
        s.bind(("127.0.0.1", 0))
        socks.append(s)
        ports.append(s.getsockname()[1])
    for s in socks:
        s.close()
    return ports


class Site:
    """A copy of the demo site.toml on free ports, in a fresh work folder."""

    def __init__(self, source_dir, work_dir):
        self.source_dir = Path(source_dir)
        self.work = Path(work_dir)
        text = (self.source_dir / "assets/demo/site.toml").read_text(encoding="utf-8")
        gateways = sorted(set(int(p) for p in re.findall(r"^port = (\d+)$", text, re.M)))
        ports = free_ports(len(gateways) + 3)
        for old, new in zip(gateways, ports):
            text = re.sub(rf"^port = {old}$", f"port = {new}", text, flags=re.M)
        self.publish = f"tcp://127.0.0.1:{ports[-3]}"
        self.request = f"tcp://127.0.0.1:{ports[-2]}"
        self.control = f"tcp://127.0.0.1:{ports[-1]}"
        text = re.sub(r'^publish = ".*?"', f'publish = "{self.publish}"', text, flags=re.M)
        text = re.sub(r'^request = ".*?"', f'request = "{self.request}"', text, flags=re.M)
        model = (self.source_dir / "assets/demo/factory.glb").as_posix()
        text = re.sub(r'^model = ".*?"', f'model = "{model}"', text, flags=re.M)
        accounting = (self.source_dir / "assets/demo/accounting.toml").as_posix()
        text = re.sub(r'^accounting = ".*?"', f'accounting = "{accounting}"', text, flags=re.M)
        self.path = self.work / "site.toml"
        self.path.write_text(text, encoding="utf-8")
        self.db = self.work / "greentwin.db"


class Process:
    """A child process with its output in a log file; stopped with SIGTERM, then SIGKILL."""

    def __init__(self, name, args, work_dir, env=None):
        self.name = name
        self.log_path = Path(work_dir) / f"{name}.log"
        self.log = open(self.log_path, "wb")
        self.proc = subprocess.Popen(args, cwd=work_dir, stdout=self.log, stderr=subprocess.STDOUT,
                                     env=env)

    def alive(self):
        return self.proc.poll() is None

    def stop(self, sig=signal.SIGTERM, timeout=10):
        if self.alive():
            self.proc.send_signal(sig)
            try:
                self.proc.wait(timeout)
            except subprocess.TimeoutExpired:
                self.proc.kill()
                self.proc.wait()
        self.log.close()
        return self.proc.returncode

    def cpu_seconds(self):
        """User + system CPU time the process has used so far (Linux /proc)."""
        fields = Path(f"/proc/{self.proc.pid}/stat").read_text().rsplit(")", 1)[1].split()
        return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")

    def output(self):
        if not self.log.closed:
            self.log.flush()
        return self.log_path.read_text(errors="replace")


class Chain:
    """Simulator + daemon on a private copy of the demo site."""

    def __init__(self, bin_dir, source_dir):
        self.bin = Path(bin_dir)
        # mkdtemp, not TemporaryDirectory: a failed run must keep its logs and screenshots.
        self.work = Path(tempfile.mkdtemp(prefix="greentwin-e2e-"))
        self.site = Site(source_dir, self.work)
        self.processes = []

    def start_sim(self, *extra):
        p = Process("sim", [str(self.bin / "greentwin-sim"), "--site", str(self.site.path),
                            "--control", self.site.control, *extra], self.work)
        self.processes.append(p)
        return p

    def start_ingest(self, *extra):
        p = Process("ingest", [str(self.bin / "greentwin-ingest"), "--site", str(self.site.path),
                               "--db", str(self.site.db), *extra], self.work)
        self.processes.append(p)
        return p

    def sim_control(self, command, timeout_ms=3000):
        return zmq_request(self.site.control, command, timeout_ms).decode()

    def close(self, keep_on_failure=False):
        for p in reversed(self.processes):
            p.stop()
        if keep_on_failure:
            print(f"logs kept in {self.work}", file=sys.stderr)
            for p in self.processes:
                print(f"----- {p.name} log (tail) -----\n{p.output()[-3000:]}", file=sys.stderr)
        else:
            shutil.rmtree(self.work, ignore_errors=True)


def zmq_request(endpoint, body, timeout_ms=3000):
    """One ZeroMQ REQ round trip on a socket of its own: sends `body` (bytes, or text as UTF-8)
    and returns the reply's bytes. A peer that does not answer within `timeout_ms` raises
    zmq.Again instead of hanging the test."""
    import zmq
    s = zmq.Context.instance().socket(zmq.REQ)
    s.setsockopt(zmq.LINGER, 0)
    s.setsockopt(zmq.RCVTIMEO, timeout_ms)
    s.connect(endpoint)
    try:
        s.send(body.encode() if isinstance(body, str) else body)
        return s.recv()
    finally:
        s.close()


def wait_for(predicate, timeout, what, interval=0.1):
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        value = predicate()
        if value:
            return value
        time.sleep(interval)
    raise AssertionError(f"timed out after {timeout} s waiting for {what}")


def parse_args(argv):
    import argparse
    ap = argparse.ArgumentParser()
    ap.add_argument("--bin", required=True)
    ap.add_argument("--source", required=True)
    return ap.parse_args(argv)
