"""Run ``python -m MODULE ARG ...`` in this process; write this process's own peak memory.

    python benchmarks/own_peak.py REPORT_FILE -m MODULE [ARG ...]

Writes the peak resident memory, in kilobytes, of this process alone (the command's main
process, not the workers it starts) to REPORT_FILE when it exits. ``benchmarks/peak.py``
reports the largest process of a run; this one tells the main process apart from it.
(multiprocessing's spawned workers do not run ``MODULE.__main__`` again: a main module named
``….__main__`` is not re-imported in them.)
"""

from __future__ import annotations

import atexit
import resource
import runpy
import sys
from pathlib import Path


def main() -> None:
    report, flag, module = sys.argv[1], sys.argv[2], sys.argv[3]
    if flag != "-m":
        raise SystemExit("usage: own_peak.py REPORT_FILE -m MODULE [ARG ...]")
    sys.argv = [module, *sys.argv[4:]]
    atexit.register(lambda: Path(report).write_text(
        str(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss)))
    runpy.run_module(module, run_name="__main__", alter_sys=True)


if __name__ == "__main__":
    main()
