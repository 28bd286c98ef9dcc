"""Every program refuses a broken site file with exit code 2 and a message that names the
file, line, column and the problem (DEVELOPERS.md: bad input gets a clear error)."""

import subprocess
import sys
import tempfile
from pathlib import Path

from harness import parse_args


def main():
    args = parse_args(sys.argv[1:])
    text = (Path(args.source) / "assets/demo/site.toml").read_text(encoding="utf-8")
    lines = text.split("\n")
    # Break the template of meter M-07 and compute where the value starts, 1-based.
    at = next(i for i, l in enumerate(lines) if l == 'id = "M-07"')
    t = next(i for i in range(at, at + 12) if lines[i].startswith("template = "))
    lines[t] = 'template = "dtsu"'
    expected = f'site.toml:{t + 1}:12: meter \'M-07\' uses template \'dtsu\' which is not defined'
    with tempfile.TemporaryDirectory() as tmp:
        site = Path(tmp) / "site.toml"
        site.write_text("\n".join(lines), encoding="utf-8")
        for program in ["greentwin-ingest", "greentwin-sim", "greentwin-viewer"]:
            exe = Path(args.bin) / program
            if not exe.exists():
                continue
            extra = ["--headless", "--frames", "1"] if program == "greentwin-viewer" else []
            r = subprocess.run([str(exe), "--site", str(site), *extra], cwd=tmp,
                               capture_output=True, text=True, timeout=60)
            assert r.returncode == 2, f"{program} exited {r.returncode}: {r.stderr}"
            assert expected in r.stderr, f"{program} said: {r.stderr!r}, expected {expected!r}"
            print(f"{program}: {r.stderr.strip().splitlines()[-1]}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
