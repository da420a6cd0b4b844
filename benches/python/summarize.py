"""Summarize a pytest-benchmark JSON written by bench_match.py: median time, MB/s, matches.

.venv/bin/python benches/python/summarize.py target/bench-results/<time>/python_23mb.json
"""

from __future__ import annotations

import json
import sys


def main(path: str) -> None:
    with open(path, encoding="utf-8") as f:
        data = json.load(f)
    print("| benchmark | median | MB/s | matches |")
    print("| --- | ---: | ---: | ---: |")
    for b in sorted(data["benchmarks"], key=lambda b: (b["group"], b["stats"]["median"])):
        info = b.get("extra_info", {})
        median = b["stats"]["median"]
        nbytes = info.get("bytes")
        mbs = f"{nbytes / 1e6 / median:.1f}" if nbytes and "extract" in b["group"] else ""
        matches = info.get("matches", "")
        if not isinstance(matches, int):
            matches = ""
        print(f"| {b['name']} | {median * 1e3:,.1f} ms | {mbs} | {matches} |")


if __name__ == "__main__":
    main(sys.argv[1])
