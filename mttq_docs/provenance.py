"""Which workbook made an output folder: kept in the folder, so that ``collect`` reads the
plan that made the documents it reads back, from any working directory.

``generate`` writes :data:`NAME` (the workbook's absolute path and the SHA-256 of its bytes);
:func:`plan_of` reads it back and says whether the workbook there is still the one that made
the folder.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from pathlib import Path

from .manifest import file_sha256
from .output import write_atomic

NAME = ".mttq-docs-plan.json"


@dataclass(frozen=True)
class Provenance:
    workbook: Path
    digest: str
    """SHA-256 of the workbook's bytes when it made the folder."""

    def matches(self, workbook: Path) -> bool:
        """Whether ``workbook`` holds the same bytes as the one that made the folder."""
        return file_sha256(workbook) == self.digest


def record_plan(out: Path, workbook: Path) -> None:
    """Note in ``out`` that ``workbook`` made it (unless the note already says so)."""
    entry = {"bang_tinh": str(workbook.resolve()), "sha256": file_sha256(workbook)}
    text = json.dumps(entry, ensure_ascii=False, indent=1).encode("utf-8")
    target = out / NAME
    try:
        if target.read_bytes() == text:
            return
    except OSError:
        pass
    write_atomic(target, text)


def plan_of(out: Path) -> Provenance | None:
    """The workbook that last made ``out``, or ``None`` when no run noted one (a folder made
    by an older version, or not by ``generate``)."""
    try:
        entry = json.loads((out / NAME).read_bytes())
        return Provenance(Path(entry["bang_tinh"]), str(entry["sha256"]))
    except (OSError, ValueError, KeyError, TypeError):
        return None
