"""Regenerating the embedded gazetteer from ../shared/data gives the committed bytes."""

from __future__ import annotations

import hashlib
import os
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
DATA = os.path.join(ROOT, "..", "shared", "data")


def _binary() -> str | None:
    for b in ("target/release/geopol", "target/debug/geopol"):
        p = os.path.join(ROOT, b)
        if os.access(p, os.X_OK):
            return p
    return None


@pytest.mark.skipif(not os.path.isdir(DATA), reason="../shared/data (source datasets) is absent")
def test_regeneration_is_byte_identical(tmp_path: Path) -> None:
    geopol = _binary()
    if geopol is None:
        pytest.skip("no geopol binary (cargo build --features cli) under target/")
    help_ = subprocess.run([geopol, "import", "--help"], capture_output=True, text=True)
    if help_.returncode != 0:
        pytest.skip("this geopol binary has no `import` command yet")
    out = tmp_path / "default.jsonl"
    script = os.path.join(ROOT, "tools", "gen_gazetteer.py")
    run = subprocess.run(
        [sys.executable, script, "--data", DATA, "--geopol", geopol, "--out", str(out)],
        capture_output=True,
        text=True,
        timeout=900,
    )
    assert run.returncode == 0, run.stderr[-3000:]
    committed = Path(ROOT, "data", "default.jsonl").read_bytes()
    fresh = out.read_bytes()
    assert hashlib.sha256(fresh).hexdigest() == hashlib.sha256(committed).hexdigest(), (
        "data/default.jsonl differs from a fresh regeneration: rerun tools/gen_gazetteer.py"
    )
