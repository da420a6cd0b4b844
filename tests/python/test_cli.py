"""The command line as pip users get it: ``python -m geopol`` and ``geopol.__main__.main``."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

import geopol
from geopol.__main__ import main
from support import CASES_GAZETTEER

TEXT = "Kazakh President Kassym-Jomart Tokayev met Mevlüt Çavuşoğlu in ANKARA; Smith said…\n"


def test_extract_prints_the_mention_json(tmp_path: Path, cases_matcher: geopol.Matcher) -> None:
    doc = tmp_path / "doc.txt"
    doc.write_text(TEXT, encoding="utf-8")
    args = ["--no-default", "--gazetteer", str(CASES_GAZETTEER), "--date", "2022-01-11"]
    out = subprocess.run(
        [sys.executable, "-m", "geopol", "extract", *args, "--format", "jsonl", str(doc)],
        capture_output=True,
        check=True,
        text=True,
        encoding="utf-8",
    ).stdout
    printed = [json.loads(line) for line in out.splitlines()]
    found = cases_matcher.extract(TEXT, date="2022-01-11")
    assert printed == [m.to_dict() for m in found]
    assert [geopol.Mention.from_dict(p) for p in printed] == found


def test_main_returns_the_exit_code(capfd: pytest.CaptureFixture[str]) -> None:
    assert main(["no-such-command"]) == 2
    assert "no-such-command" in capfd.readouterr().err
    assert main(["--help"]) == 0
    assert "Usage: geopol" in capfd.readouterr().out


def test_main_restores_signal_handlers() -> None:
    import signal

    before = signal.getsignal(signal.SIGINT)
    main(["--help"])
    assert signal.getsignal(signal.SIGINT) is before


@pytest.mark.skipif(sys.platform == "win32", reason="POSIX shell redirection")
def test_a_closed_stdout_is_an_error(tmp_path: Path) -> None:
    doc = tmp_path / "doc.txt"
    doc.write_text(TEXT, encoding="utf-8")
    run = subprocess.run(
        ["/bin/sh", "-c", 'exec "$0" -m geopol extract "$1" >&-', sys.executable, str(doc)],
        capture_output=True,
        text=True,
        check=False,
    )
    assert run.returncode == 1, run.stderr
    assert run.stderr.startswith("geopol: error: cannot write the output: "), run.stderr
