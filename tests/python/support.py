"""Paths and helpers shared by the Python tests (fixtures are in ``conftest.py``)."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[2]
CASES = ROOT / "tests" / "cases"
CASES_GAZETTEER = CASES / "gazetteer.jsonl"
SHARED = ROOT.parent / "shared"


def alias_texts(path: Path = CASES_GAZETTEER) -> list[str]:
    """Every name and alias of a JSON Lines gazetteer (to build texts that match)."""
    out: list[str] = []
    for line in path.read_text(encoding="utf-8").splitlines():
        if line.strip():
            record: dict[str, Any] = json.loads(line)
            out.append(record["name"])
            out.extend(a["text"] for a in record.get("aliases", []))
    return out
