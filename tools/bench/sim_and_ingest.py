"""greentwin-sim --generic serving a generated site (ingest_site.py) and greentwin-ingest
polling it, as the ingest benchmarks (ingest_scale.py, ingest_soak.py) run them: each writes
its log into the work folder, and stop() ends both on every path, a stuck one killed after
20 s."""

import signal
import subprocess
import time


class SimAndIngest:
    def __init__(self, bin_dir, site, work, db):
        self.sim_log = open(work / "sim.log", "wb")
        self.ingest_log = open(work / "ingest.log", "wb")
        self.sim = subprocess.Popen(
            [str(bin_dir / "greentwin-sim"), "--site", str(site), "--generic"],
            stdout=self.sim_log, stderr=subprocess.STDOUT)
        time.sleep(0.5)  # the simulator binds its ports before the daemon's first poll
        self.ingest = subprocess.Popen(
            [str(bin_dir / "greentwin-ingest"), "--site", str(site), "--db", str(db)],
            stdout=self.ingest_log, stderr=subprocess.STDOUT)

    def stop(self):
        for p in (self.ingest, self.sim):
            if p.poll() is None:
                p.send_signal(signal.SIGTERM)
                try:
                    p.wait(20)
                except subprocess.TimeoutExpired:
                    p.kill()
        self.sim_log.close()
        self.ingest_log.close()
