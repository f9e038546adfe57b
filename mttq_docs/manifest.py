"""The record of what was generated, kept in the output folder.

For each file written, the record keeps a fingerprint of what made it (template and context)
and the SHA-256 of the bytes written. Comparing the file on disk with that hash tells whether a
person edited it since; comparing the fingerprint with the current one tells whether the
workbook or the template changed. The record is a JSON file written atomically; never edit it
by hand (delete it and the next run treats every existing file as possibly edited).
"""

from __future__ import annotations

import hashlib
import json
import logging
from dataclasses import dataclass
from pathlib import Path

from .errors import OutputError
from .output import write_atomic

logger = logging.getLogger(__name__)

MANIFEST_NAME = ".mttq-docs-manifest.json"
FORMAT_VERSION = 1


def sha256(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


def file_sha256(path: Path) -> str | None:
    """The hash of a file's bytes, or ``None`` when there is no such file."""
    try:
        return sha256(path.read_bytes())
    except FileNotFoundError:
        return None


@dataclass(slots=True)
class Beside:
    """A new version written beside a file a person had edited."""

    path: str
    inputs: str
    output: str


@dataclass(slots=True)
class Record:
    """What was generated at one path (POSIX, relative to the output folder)."""

    inputs: str
    output: str
    label: str = ""
    beside: Beside | None = None
    size: int = 0
    mtime_ns: int = 0
    """Size and modification time of the file when written: while both are unchanged the file
    is taken as unchanged without reading it (a run over 50 000 files stays fast)."""

    def as_json(self) -> dict:
        """The record as saved: empty fields left out (:func:`dataclasses.asdict` was a third
        of the cost of a long run, saving 80 000 records)."""
        entry = {"inputs": self.inputs, "output": self.output, "label": self.label,
                 "beside": self.beside and {"path": self.beside.path,
                                            "inputs": self.beside.inputs,
                                            "output": self.beside.output},
                 "size": self.size, "mtime_ns": self.mtime_ns}
        return {key: value for key, value in entry.items() if value not in (None, "", 0)}


class Manifest:
    """All records of one output folder, by relative path."""

    def __init__(self, out: Path, records: dict[str, Record] | None = None,
                 derived: dict[str, Record] | None = None) -> None:
        self.out = out
        self.records: dict[str, Record] = records or {}
        self.derived: dict[str, Record] = derived or {}
        """Files made from documents (PDFs, zips): ``inputs`` is the hash of their sources."""
        self._saved: str | None = None
        """The digest of the file as read or last written: an unchanged record is not written
        (a digest, not the text: a national plan's record is 20 MB of text)."""

    @property
    def path(self) -> Path:
        return self.out / MANIFEST_NAME

    @classmethod
    def load(cls, out: Path) -> Manifest:
        path = out / MANIFEST_NAME
        if not path.exists():
            return cls(out)
        try:
            text = path.read_text(encoding="utf-8")
            raw = json.loads(text)
            records = {
                name: Record(entry.get("inputs", ""), entry.get("output", ""),
                             entry.get("label", ""),
                             Beside(**entry["beside"]) if entry.get("beside") else None,
                             entry.get("size", 0), entry.get("mtime_ns", 0))
                for name, entry in raw["files"].items()
            }
            derived = {name: Record(entry.get("inputs", ""), entry.get("output", ""))
                       for name, entry in raw.get("derived", {}).items()}
        except (ValueError, KeyError, TypeError) as err:
            raise OutputError(f"Tệp ghi nhận {path} bị hỏng ({err}). Hãy đổi tên hoặc xóa tệp "
                              "này rồi chạy lại: các tệp đã có sẽ được coi như có thể đã sửa tay "
                              "và được giữ nguyên.") from err
        manifest = cls(out, records, derived)
        manifest._saved = sha256(text.encode("utf-8"))
        return manifest

    def _serialise(self) -> str:
        def entries(records: dict[str, Record]) -> dict:
            return {name: record.as_json() for name, record in sorted(records.items())}

        # No indent: with one, json falls back to its pure-Python encoder (twice as slow on a
        # national plan's 80 000 records, saved every few seconds).
        return json.dumps({"format": FORMAT_VERSION, "files": entries(self.records),
                           "derived": entries(self.derived)}, ensure_ascii=False)

    def save(self) -> None:
        """Write the record atomically, and only when it changed (a run that changed
        nothing leaves every file of the folder untouched, this one included)."""
        data = self._serialise().encode("utf-8")
        digest = sha256(data)
        if digest == self._saved:
            return
        write_atomic(self.path, data)
        self._saved = digest
        logger.debug("manifest saved: %d records", len(self.records))
