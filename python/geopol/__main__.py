"""``python -m geopol`` and the ``geopol`` console script: the command-line tool.

The wheel cannot ship the Rust binary, so the command line is compiled into the extension
module and run from here.
"""

from __future__ import annotations

import signal
import sys

from geopol import _core


def main(argv: list[str] | None = None) -> int:
    """Run the ``geopol`` command line with ``argv`` (default: ``sys.argv[1:]``).

    Returns the exit code; the console script exits with it.
    """
    args = sys.argv[1:] if argv is None else argv
    cli_main = getattr(_core, "cli_main", None)
    if cli_main is None:
        print("geopol: this build has no command line (feature `cli`)", file=sys.stderr)
        return 2
    # Behave like a native command line while Rust runs with the GIL released: Ctrl-C
    # stops it and a closed pipe (`geopol extract ... | head`) ends it quietly.
    # The previous handlers come back afterwards, for callers inside a Python program.
    names = [n for n in ("SIGINT", "SIGPIPE") if hasattr(signal, n)]
    saved = {n: signal.signal(getattr(signal, n), signal.SIG_DFL) for n in names}
    try:
        if sys.stdout is not None:  # None when standard output is closed
            sys.stdout.flush()
        code: int = cli_main(["geopol", *args])
    finally:
        for n, handler in saved.items():
            signal.signal(getattr(signal, n), handler)
    return code


if __name__ == "__main__":
    sys.exit(main())
