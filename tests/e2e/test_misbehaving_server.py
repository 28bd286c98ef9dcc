"""A Modbus TCP gateway that misbehaves never brings the daemon down, and the snapshot's
per-meter counters say what happened.

Next to the demo site (served by greentwin-sim), a raw TCP server written here answers for five
meters behind one more gateway port, each in its own way: BAD-OK answers properly, BAD-NOISE
with random bytes, BAD-CUT with a frame cut short, BAD-UNIT with a reply from another unit id,
BAD-SLOW after twice its timeout. Checked after a while: the daemon still runs and still
stores, the demo meters (other gateways) keep their interval, BAD-OK still gets answers
through, BAD-NOISE, BAD-CUT, BAD-UNIT and BAD-SLOW have a communication-fault alarm and
counters that name their failure, and SIGTERM still stops the daemon cleanly.

BAD-UNIT: libmodbus 3.1.6 checks the unit id of RTU answers only, so the daemon frames Modbus
TCP itself (ingest/src/mbap_frame.h); an answer from another unit id must count as a bad frame
and none of its values may be stored as this meter's."""

import random
import signal
import socket
import sqlite3
import struct
import sys
import threading
import time

from harness import Chain, free_ports, parse_args, wait_for, zmq_request

TIMEOUT_MS = 300
BEHAVIOURS = {1: "OK", 2: "NOISE", 3: "CUT", 4: "UNIT", 5: "SLOW"}
COMM_FAULT = 1


class BadGateway(threading.Thread):
    """A Modbus TCP server that answers each unit id in its own broken way."""

    def __init__(self, port):
        super().__init__(daemon=True)
        self.listener = socket.create_server(("127.0.0.1", port))
        self.listener.settimeout(0.2)
        self.rng = random.Random(7)
        self.stopping = False

    def run(self):
        while not self.stopping:
            try:
                conn, _ = self.listener.accept()
            except socket.timeout:
                continue
            threading.Thread(target=self.serve, args=(conn,), daemon=True).start()

    def serve(self, conn):
        conn.settimeout(0.5)
        with conn:
            while not self.stopping:
                try:
                    header = self.recv_exactly(conn, 7)
                    if header is None:
                        return
                    tid, _pid, length, unit = struct.unpack(">HHHB", header)
                    pdu = self.recv_exactly(conn, length - 1)
                    if pdu is None:
                        return
                    conn.sendall(self.answer(tid, unit, pdu))
                except socket.timeout:
                    continue
                except OSError:
                    return

    def recv_exactly(self, conn, n):
        data = b""
        while len(data) < n:
            try:
                chunk = conn.recv(n - len(data))
            except socket.timeout:
                if self.stopping:
                    return None
                continue
            if not chunk:
                return None
            data += chunk
        return data

    def answer(self, tid, unit, pdu):
        function, address, count = struct.unpack(">BHH", pdu[:5])
        registers = [(address + i) & 0xFFFF for i in range(count)]
        body = bytes([function, 2 * count]) + struct.pack(f">{count}H", *registers)
        good = struct.pack(">HHHB", tid, 0, len(body) + 1, unit) + body
        kind = BEHAVIOURS.get(unit, "OK")
        if kind == "NOISE":
            return bytes(self.rng.randrange(256) for _ in range(self.rng.randrange(1, 20)))
        if kind == "CUT":
            return good[:len(good) // 2]
        if kind == "UNIT":
            return struct.pack(">HHHB", tid, 0, len(body) + 1, unit + 100) + body
        if kind == "SLOW":
            time.sleep(2 * TIMEOUT_MS / 1000)
        return good

    def close(self):
        self.stopping = True
        self.join()
        self.listener.close()


def snapshot(endpoint):
    import msgpack
    reply = msgpack.unpackb(zmq_request(endpoint, msgpack.packb({"v": 1, "op": "snapshot"})),
                            raw=False)
    return {m["meter"]: m for m in reply["meters"]}


def rows_since(db, meter, t_ms):
    con = sqlite3.connect(f"file:{db}?mode=ro", uri=True, timeout=5)
    try:
        return con.execute(
            "SELECT COUNT(DISTINCT r.t) FROM reading r JOIN point p ON p.id = r.point "
            "WHERE p.meter = ? AND r.t >= ?", (meter, t_ms)).fetchone()[0]
    finally:
        con.close()


def measured_rows(db, meter):
    """Readings of `meter` that carry a measured value (a failed poll stores none)."""
    con = sqlite3.connect(f"file:{db}?mode=ro", uri=True, timeout=5)
    try:
        return con.execute(
            "SELECT COUNT(*) FROM reading r JOIN point p ON p.id = r.point "
            "WHERE p.meter = ? AND r.value IS NOT NULL", (meter,)).fetchone()[0]
    finally:
        con.close()


def open_comm_faults(db):
    con = sqlite3.connect(f"file:{db}?mode=ro", uri=True, timeout=5)
    try:
        return {m for (m,) in con.execute(
            "SELECT meter FROM alarm WHERE code = ? AND cleared_t IS NULL", (COMM_FAULT,))}
    finally:
        con.close()


def main():
    args = parse_args(sys.argv[1:])
    chain = Chain(args.bin, args.source)
    port = free_ports(1)[0]
    meters = "".join(
        f'\n[[meter]]\nid = "BAD-{name}"\nenergy = "electricity"\nhost = "127.0.0.1"\n'
        f'port = {port}\nunit_id = {unit}\ntemplate = "pm3-float"\ninterval_ms = 1000\n'
        f'timeout_ms = {TIMEOUT_MS}\nequipment = "CNC-01"\n'
        for unit, name in BEHAVIOURS.items())
    gateway = BadGateway(port)
    gateway.start()
    ok = False
    try:
        # The simulator serves the demo site as it is; only the daemon sees the BAD meters.
        chain.start_sim()
        wait_for(lambda: "simulated time starts" in chain.processes[0].output(), 20,
                 "the simulator listening")
        with open(chain.site.path, "a", encoding="utf-8") as f:
            f.write(meters)
        ingest = chain.start_ingest()
        wait_for(lambda: snapshot(chain.site.request).get("M-02", {}).get("online"), 20,
                 "the demo meters online")
        time.sleep(4)  # a few rounds of every kind of failure
        since = int(time.time() * 1000)
        time.sleep(8)
        assert ingest.alive(), f"the daemon died:\n{ingest.output()[-3000:]}"
        meters = snapshot(chain.site.request)
        counters = {m: meters[m].get("counters", {}) for m in meters}
        # BAD-OK shares its connection with the others: it keeps its interval only because
        # the daemon reopens the connection after a garbled or late answer.
        for m in ("M-01", "M-02", "M-05", "BAD-OK"):
            n = rows_since(chain.site.db, m, since)
            assert n >= 6, f"{m} on a healthy gateway stored {n} polls in 8 s at a 1 s interval"
        assert counters["BAD-OK"]["polls_ok"] > 0, f"BAD-OK never got through: {counters}"
        faults = open_comm_faults(chain.site.db)
        for name in ("NOISE", "CUT", "UNIT", "SLOW"):
            c = counters[f"BAD-{name}"]
            assert f"BAD-{name}" in faults, f"no comm_fault alarm for BAD-{name}: {faults}"
            failures = c["timeouts"] + c["bad_frames"] + c["connection_errors"]
            assert failures >= 3 and c["polls_ok"] == 0, f"BAD-{name}: {c}"
            assert c["reconnects"] > 0, f"BAD-{name}: connection never resynchronised: {c}"
        assert not any(m.startswith("M-") for m in faults), f"healthy meters alarmed: {faults}"
        # What each failure looks like to the operator.
        assert counters["BAD-SLOW"]["timeouts"] > 0, counters["BAD-SLOW"]
        assert counters["BAD-CUT"]["bad_frames"] > 0, counters["BAD-CUT"]
        assert counters["BAD-UNIT"]["bad_frames"] >= 3, counters["BAD-UNIT"]
        assert measured_rows(chain.site.db, "BAD-UNIT") == 0, "another unit's values stored"
        assert measured_rows(chain.site.db, "BAD-OK") > 0, "the proper meter stored nothing"
        code = ingest.stop(signal.SIGTERM)
        assert code == 0, f"SIGTERM exit code {code}"
        ok = True
        print("misbehaving server: daemon unharmed; counters " +
              "; ".join(f"{m}: {c}" for m, c in counters.items() if m.startswith("BAD-")))
    finally:
        gateway.close()
        chain.close(keep_on_failure=not ok)
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main())
