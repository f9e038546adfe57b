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
from collections.abc import Iterator
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


class Records(dict):
    """Records by path, noting whether any was added, replaced by a different one or removed
    since the record was read or saved (so an unchanged record is not serialised at all)."""

    changed = False

    def __setitem__(self, key: str, value: Record) -> None:
        if self.get(key) != value:
            self.changed = True
        super().__setitem__(key, value)

    def __delitem__(self, key: str) -> None:
        self.changed = True
        super().__delitem__(key)

    def pop(self, key, *default):
        if key in self:
            self.changed = True
        return super().pop(key, *default)

    def touch(self) -> None:
        """Say that a record was changed in place."""
        self.changed = True


class Manifest:
    """All records of one output folder, by relative path."""

    def __init__(self, out: Path, records: dict[str, Record] | None = None,
                 derived: dict[str, Record] | None = None) -> None:
        self.out = out
        self.records = Records(records or {})
        self.derived = Records(derived or {})
        """Files made from documents (PDFs, zips): ``inputs`` is the hash of their sources."""

    @property
    def path(self) -> Path:
        return self.out / MANIFEST_NAME

    @classmethod
    def load(cls, out: Path) -> Manifest:
        path = out / MANIFEST_NAME
        if not path.exists():
            return cls(out)
        try:
            raw = json.loads(path.read_bytes())
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
        return cls(out, records, derived)

    def _lines(self) -> Iterator[bytes]:
        """The record as JSON, one file per line, made as it is written (a national plan's
        record is 20 MB: built whole in memory, it was the run's peak)."""
        yield f'{{"format": {FORMAT_VERSION},\n "files": {{'.encode()
        yield from self._entries(self.records)
        yield b'},\n "derived": {'
        yield from self._entries(self.derived)
        yield b"}}\n"

    @staticmethod
    def _entries(records: dict[str, Record]) -> Iterator[bytes]:
        for index, (name, record) in enumerate(sorted(records.items())):
            entry = json.dumps({name: record.as_json()}, ensure_ascii=False)[1:-1]
            yield ("\n  " if index == 0 else ",\n  ").encode() + entry.encode("utf-8")

    def save(self) -> None:
        """Write the record atomically, and only when it changed (a run that changed
        nothing leaves every file of the folder untouched, this one included)."""
        if self.path.exists() and not (self.records.changed or self.derived.changed):
            return
        write_atomic(self.path, self._lines())
        self.records.changed = self.derived.changed = False
        logger.debug("manifest saved: %d records", len(self.records))
