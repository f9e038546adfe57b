"""Run a command and report the peak memory of its largest process.

    python benchmarks/peak.py REPORT_FILE COMMAND [ARG ...]

Writes the peak resident memory, in kilobytes, of the largest process the command ran
(itself or any process it waited for, its workers included) to REPORT_FILE, and exits with
the command's exit code.

Why a separate process: Linux gives a program started from a large process (the benchmark,
after it built a 10 000-row workbook) that process's peak as its own starting peak (``vfork``
then ``exec`` carry the old high-water mark over), so measured from the benchmark itself every
run looked as large as the benchmark. Started from this small process, a run's figure is its
own.
"""

from __future__ import annotations

import resource
import subprocess
import sys
from pathlib import Path


def main() -> int:
    report, command = Path(sys.argv[1]), sys.argv[2:]
    code = subprocess.call(command)
    report.write_text(str(resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss))
    return code


if __name__ == "__main__":
    sys.exit(main())
