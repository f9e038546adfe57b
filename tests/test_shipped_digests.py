"""The shipped workbook's documents, byte for byte.

``fixtures/shipped_digests.json`` lists the SHA-256 of every document the shipped workbook
makes. A change of the code that is meant to leave documents alone (a restructuring, a faster
path) must leave this list alone; a change of a template or of wording changes it on purpose,
and the list is then made again in the same commit:

    python -m tests.test_shipped_digests      # rewrites the list from a fresh run
"""

from __future__ import annotations

import hashlib
import json
import sys
import tempfile
from pathlib import Path

DIGESTS = Path(__file__).resolve().parent / "fixtures" / "shipped_digests.json"


def digests(out: Path) -> dict[str, str]:
    return {p.relative_to(out).as_posix(): hashlib.sha256(p.read_bytes()).hexdigest()
            for p in sorted(out.rglob("*.docx"))}


def test_the_shipped_workbook_gives_the_same_bytes(shipped_output):
    assert digests(shipped_output) == json.loads(DIGESTS.read_text(encoding="utf-8"))


if __name__ == "__main__":
    from mttq_docs import api

    from .helpers import SHIPPED

    with tempfile.TemporaryDirectory() as scratch:
        api.generate(SHIPPED, Path(scratch) / "out", jobs=1)
        found = digests(Path(scratch) / "out")
    DIGESTS.write_text(json.dumps(found, indent=1, ensure_ascii=False, sort_keys=True) + "\n",
                       encoding="utf-8")
    print(f"{len(found)} documents written to {DIGESTS}", file=sys.stderr)
