"""Time and peak memory of `geopol extract` on one huge single-line text.

Writes "Tokayev " repeated to 40 MB and to 160 MB (one mention per 8 bytes, no line
break), runs the CLI on each (`--format tsv`, output to /dev/null) and reports wall time,
CPU time and the child's peak resident memory (from `os.wait4`, Linux and macOS). The
targets: peak memory under 0.5 GB at 160 MB, wall time growing at most 4.4x from 40 to
160 MB. This is a benchmark: it prints its figures and verdicts and exits 0 unless a run
fails; timings belong in BENCHMARKS.md, not in tests.

    cargo build --release --features cli
    python3 benches/python/huge_line.py [--geopol target/release/geopol] [--format tsv|jsonl]
"""

from __future__ import annotations

import argparse
import os
import subprocess
import sys
import tempfile
import time
from pathlib import Path

UNIT = b"Tokayev "


def write_text(path: Path, megabytes: int) -> None:
    block = UNIT * (1 << 17)  # 1 MiB
    with path.open("wb") as f:
        for _ in range(megabytes * 1_000_000 // len(block)):
            f.write(block)
        rest = megabytes * 1_000_000 % len(block)
        f.write(UNIT * (rest // len(UNIT)))


def run(geopol: str, path: Path, fmt: str) -> tuple[float, float, float]:
    """(wall seconds, CPU seconds, peak RSS in MiB) of one extract run."""
    with open(os.devnull, "wb") as null:
        t0 = time.perf_counter()
        proc = subprocess.Popen([geopol, "extract", "--format", fmt, str(path)], stdout=null)
        _, status, usage = os.wait4(proc.pid, 0)
        wall = time.perf_counter() - t0
    proc.returncode = os.waitstatus_to_exitcode(status)
    if proc.returncode != 0:
        sys.exit(f"{geopol} extract {path} failed with exit code {proc.returncode}")
    # ru_maxrss is in KiB on Linux, in bytes on macOS.
    rss = usage.ru_maxrss / (1 << 20 if sys.platform == "darwin" else 1 << 10)
    return wall, usage.ru_utime + usage.ru_stime, rss


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--geopol", default="target/release/geopol")
    ap.add_argument("--format", default="tsv", choices=["tsv", "jsonl"])
    args = ap.parse_args()
    rows = {}
    with tempfile.TemporaryDirectory() as tmp:
        for mb in (40, 160):
            path = Path(tmp) / f"huge-{mb}.txt"
            write_text(path, mb)
            rows[mb] = run(args.geopol, path, args.format)
            path.unlink()
    print(f"geopol extract --format {args.format} FILE >/dev/null, FILE = {UNIT!r} repeated")
    print("| input | wall | CPU | max RSS |")
    print("|---|---:|---:|---:|")
    for mb, (wall, cpu, rss) in rows.items():
        print(
            f"| {mb} MB ({mb * 1_000_000 // len(UNIT) / 1e6:.0f} M mentions) "
            f"| {wall:.2f} s | {cpu:.2f} s | {rss:.0f} MiB |"
        )
    ratio = rows[160][0] / rows[40][0]
    print(f"| ratio 160/40 | {ratio:.2f} | {rows[160][1] / rows[40][1]:.2f} | |")
    print(f"peak memory at 160 MB under 512 MiB: {'yes' if rows[160][2] < 512 else 'NO'}")
    print(f"wall time ratio at most 4.4: {'yes' if ratio <= 4.4 else 'NO'}")


if __name__ == "__main__":
    main()
