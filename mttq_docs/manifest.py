"""The record of what was generated, kept in the output folder.

For each file written, the record keeps a fingerprint of what made it (template and context)
and the SHA-256 of the bytes written. Comparing the file on disk with that hash tells whether a
person edited it since; comparing the fingerprint with the current one tells whether the
workbook or the template changed. Never edit the record by hand (delete it and the next run
treats every existing file as possibly edited).

The record is an SQLite database (Python's standard library): a national plan's record holds
80 000 files, and as one JSON file it had to be read whole into memory and written whole at
every save. A database is read one file at a time, saves only what changed, in a transaction
that a power cut cannot leave half-written, and lets one run at a time write the folder. A
record written by an earlier version (JSON) is taken over on the first run.
"""

from __future__ import annotations

import functools
import hashlib
import json
import logging
import secrets
import sqlite3
import sys
from collections.abc import Callable, Iterator, MutableMapping
from dataclasses import dataclass
from pathlib import Path
from typing import Any, ParamSpec, TypeVar

from .errors import FolderBusy, NoPermission, OutputError, OutsideFolder, RecordDamaged
from .output import write_error

logger = logging.getLogger(__name__)

RECORD_NAME = ".mttq-docs-record.sqlite"
LEGACY_NAME = ".mttq-docs-manifest.json"
"""The JSON record of versions before 2 (format 1); read once, then renamed ``….imported``."""
FORMAT_VERSION = 2
LOCK_WAIT_SECONDS = 2.0

_COLUMNS = ("inputs", "output", "label", "beside_path", "beside_inputs", "beside_output",
            "size", "mtime_ns")
_TABLES = ("files", "derived")
NO_TEMPORARIES = "none"
"""The ``temporaries`` row of the ``runs`` table after a writing run that ended cleanly; once
a run starts writing files (and after one that was killed) it holds that run's token."""


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

    def as_row(self) -> tuple[object, ...]:
        beside = self.beside
        return (self.inputs, self.output, self.label, beside and beside.path,
                beside and beside.inputs, beside and beside.output, self.size, self.mtime_ns)

    @classmethod
    def from_row(cls, row: tuple[Any, ...]) -> Record:
        inputs, output, label, beside_path, beside_inputs, beside_output, size, mtime = row
        beside = Beside(beside_path, beside_inputs, beside_output) if beside_path else None
        return cls(inputs, output, label, beside, size, mtime)

    @classmethod
    def from_json(cls, entry: dict[str, Any]) -> Record:
        """A record as version 1 saved it (empty fields left out)."""
        beside = Beside(**entry["beside"]) if entry.get("beside") else None
        return cls(entry.get("inputs", ""), entry.get("output", ""), entry.get("label", ""),
                   beside, entry.get("size", 0), entry.get("mtime_ns", 0))


P = ParamSpec("P")
T = TypeVar("T")


def _guarded(method: Callable[P, T]) -> Callable[P, T]:
    """``method`` of the record, with SQLite's failures told as errors of mttq-docs.

    A record can open fine and still hold a damaged page, met only when a query reads it
    ("database disk image is malformed"): that is :class:`RecordDamaged`, not a traceback.
    """
    @functools.wraps(method)
    def guarded(*args: P.args, **kwargs: P.kwargs) -> T:
        try:
            return method(*args, **kwargs)
        except sqlite3.DatabaseError as err:
            raise _database_error(err) from err
    return guarded


def _database_error(err: sqlite3.DatabaseError, path: Path | None = None) -> OutputError:
    where = f"Tệp ghi nhận {path}" if path else f"Tệp ghi nhận {RECORD_NAME} của thư mục kết quả"
    text = str(err)
    if "full" in text:
        return OutputError(f"{where} không lưu được: ổ đĩa đã đầy. Hãy giải phóng chỗ trống rồi "
                           "chạy lại (các tệp đã ghi vẫn nguyên vẹn).")
    if isinstance(err, sqlite3.OperationalError) and ("I/O" in text or "readonly" in text):
        return OutputError(f"{where} không đọc ghi được ({text}): hãy kiểm tra ổ đĩa và quyền "
                           "ghi vào thư mục kết quả.")
    return RecordDamaged(f"{where} bị hỏng ({text}). Hãy đổi tên hoặc xóa tệp này rồi chạy lại: "
                         "các tệp đã có sẽ được coi như có thể đã sửa tay và được giữ nguyên.")


class Records(MutableMapping[str, Record]):
    """The records of one table, by path, read and written one at a time."""

    def __init__(self, db: sqlite3.Connection, table: str) -> None:
        assert table in _TABLES  # the name goes into SQL text
        self._db, self._table = db, table
        self._select = f"SELECT {', '.join(_COLUMNS)} FROM {table} WHERE path = ?"
        self._insert = (f"INSERT OR REPLACE INTO {table} (path, {', '.join(_COLUMNS)}) "
                        f"VALUES ({', '.join('?' * (len(_COLUMNS) + 1))})")

    @_guarded
    def get(self, key: str, default: Record | None = None) -> Record | None:  # type: ignore[override]
        row = self._db.execute(self._select, (key,)).fetchone()
        return default if row is None else Record.from_row(row)

    def __getitem__(self, key: str) -> Record:
        record = self.get(key)
        if record is None:
            raise KeyError(key)
        return record

    def __setitem__(self, key: str, value: Record) -> None:
        self.put(key, value, self.get(key))

    @_guarded
    def put(self, key: str, value: Record, previous: Record | None) -> None:
        """Record ``value`` at ``key``, where ``previous`` was (just read by the caller): an
        equal record is not written, so a run that changed nothing leaves the file untouched."""
        if value != previous:
            self._db.execute(self._insert, (key, *value.as_row()))

    @_guarded
    def __delitem__(self, key: str) -> None:
        if not self._db.execute(f"DELETE FROM {self._table} WHERE path = ?", (key,)).rowcount:
            raise KeyError(key)

    @_guarded
    def __iter__(self) -> Iterator[str]:
        rows = self._db.execute(f"SELECT path FROM {self._table} ORDER BY path").fetchall()
        return iter([path for (path,) in rows])

    @_guarded
    def __len__(self) -> int:
        count: int = self._db.execute(f"SELECT count(*) FROM {self._table}").fetchone()[0]
        return count

    def items(self) -> list[tuple[str, Record]]:  # type: ignore[override]
        return self.listing()

    @_guarded
    def in_folder(self, folder: str) -> dict[str, Record]:
        """The records of the files directly in ``folder``, in one query (a run asks for a
        folder's at once rather than file by file)."""
        rows = self._db.execute(
            f"SELECT path, {', '.join(_COLUMNS)} FROM {self._table} WHERE path >= ? AND "
            "path < ?", (f"{folder}/", f"{folder}0"))  # '0' follows '/': the folder's range
        return {row[0]: Record.from_row(row[1:]) for row in rows}

    @_guarded
    def files_in_folder(self, folder: str) -> list[tuple[str, str | None, int, int]]:
        """(path, path of the version beside it, size, modification time) of the files
        recorded directly in ``folder``, in path order: what :mod:`mttq_docs.folder_memo`
        compares with the files, without making a :class:`Record` of each."""
        return self._db.execute(
            f"SELECT path, beside_path, size, mtime_ns FROM {self._table} WHERE path >= ? "
            "AND path < ? ORDER BY path", (f"{folder}/", f"{folder}0")).fetchall()

    def listing(self, condition: str = "TRUE") -> list[tuple[str, Record]]:
        """The records (by path) meeting an SQL ``condition`` on this table."""
        rows = self._db.execute(
            f"SELECT path, {', '.join(_COLUMNS)} FROM {self._table} WHERE {condition} "
            "ORDER BY path")
        return [(row[0], Record.from_row(row[1:])) for row in rows]


class Manifest:
    """All records of one output folder, by relative path.

    Open it with :meth:`open` (and close it, or use ``with``). Changes are kept in a
    transaction until :meth:`save`; closing without saving forgets them, as a power cut would.
    While a writing run has it open, another run on the same folder is refused.
    """

    def __init__(self, out: Path, db: sqlite3.Connection) -> None:
        self.out, self._db = out, db
        self.records = Records(db, "files")
        self.derived = Records(db, "derived")
        """Files made from documents (PDFs, zips): ``inputs`` is the hash of their sources."""
        self._db.execute("CREATE TEMP TABLE IF NOT EXISTS seen (path TEXT PRIMARY KEY)")
        self._db.execute("CREATE TEMP TABLE IF NOT EXISTS seen_folders (folder TEXT PRIMARY KEY)")
        # Page caches of 1 MB and 0.5 MB (SQLite's are 2 MB each): a run reads the record
        # folder by folder and notes each path once, visiting a page about once; the main
        # process of a re-run of a national plan held the 4 MB at its peak.
        self._db.execute("PRAGMA main.cache_size = -1024")
        self._db.execute("PRAGMA temp.cache_size = -512")
        # Added within format 2: a record without it gains it (an older version ignores it).
        self._db.execute("CREATE TABLE IF NOT EXISTS folders (folder TEXT PRIMARY KEY, "
                         "inputs TEXT, records TEXT) WITHOUT ROWID")
        self._seen: list[tuple[str]] = []
        self._note: str | None = None
        """The note of temporary files as a writing run found it, or made it; ``None``: none
        found (a record of an older version), or not a writing run (:attr:`_writes`)."""
        self._writes = self._marked = False
        self.temporaries_possible = False
        """Whether an earlier run may have left temporary files in the folder: it was killed,
        or the record cannot tell (see :meth:`temporaries_removed`)."""

    @classmethod
    def open(cls, out: Path, *, dry_run: bool = False) -> Manifest:
        """The record of ``out``; with ``dry_run`` a copy in memory, so nothing is written."""
        path = out / RECORD_NAME
        if path.is_symlink() or (out / LEGACY_NAME).is_symlink():
            # SQLite would write through the link, into a file outside the folder.
            raise OutsideFolder(RECORD_NAME, out)
        db = None
        try:
            if dry_run:
                db = _in_memory_copy(path)
            else:
                out.mkdir(parents=True, exist_ok=True)
                db = _open_for_writing(path)
            imported = _initialise(db, out / LEGACY_NAME)
            note = None if dry_run else _temporaries_note(db)
            if not dry_run:
                db.commit()
                if imported:
                    (out / LEGACY_NAME).replace(out / f"{LEGACY_NAME}.imported")
                db.execute("BEGIN IMMEDIATE")  # one writing run at a time
        except BaseException as err:
            if db is not None:
                db.close()
            if isinstance(err, OSError):  # making the folder (its parent not writable…)
                raise write_error(out, err) from err
            if isinstance(err, sqlite3.OperationalError) and "full" in str(err):
                raise _database_error(err, path) from err
            if isinstance(err, sqlite3.OperationalError) and "locked" in str(err):
                raise FolderBusy(f"Thư mục {out} đang được một lần chạy khác ghi. Hãy đợi lần "
                                  "chạy đó xong rồi chạy lại. (Nếu không có lần chạy nào khác: "
                                  "ổ đĩa này không cho khóa tệp, như một số ổ mạng; hãy chọn "
                                  "thư mục kết quả trên máy.)") from err
            if isinstance(err, sqlite3.OperationalError):
                raise NoPermission(f"Không mở được tệp ghi nhận {path} ({err}): hãy kiểm tra "
                                  "quyền ghi vào thư mục kết quả.") from err
            if isinstance(err, sqlite3.DatabaseError):
                raise _damaged(path, err) from err
            raise
        manifest = cls(out, db)
        if not dry_run:
            manifest._writes, manifest._note = True, note
            manifest.temporaries_possible = note != NO_TEMPORARIES
        return manifest

    @classmethod
    def load(cls, out: Path) -> Manifest:
        """The record of ``out``, only to read (a copy in memory)."""
        return cls.open(out, dry_run=True)

    def __enter__(self) -> Manifest:
        return self

    def __exit__(self, error: type[BaseException] | None, *exc_info: object) -> None:
        if error is None:
            self._note_clean_end()
        self.close()

    def temporaries_removed(self) -> None:
        """Note that the folder holds no temporary file an earlier run left."""
        self.temporaries_possible = False

    @_guarded
    def writing(self) -> None:
        """Called before each file a writing run writes into the folder: the first time, note
        in the record (committed with what the run did so far) that the run writes files, so
        that if it is killed the next run looks for the temporary files it may leave. A run
        that writes no file leaves the record as it was."""
        if not self._writes or self._marked:
            return
        self._marked, self._note = True, secrets.token_hex(8)
        self._db.execute("INSERT OR REPLACE INTO runs VALUES ('temporaries', ?)", (self._note,))
        self.save()

    def _note_clean_end(self) -> None:
        """After a writing run that ended without an error: note that the folder holds no
        temporary file, unless an earlier run's may still be there (or it is noted already).
        A run killed, or ended by an error or a cancel, leaves its note: the next one looks."""
        if not self._writes or self.temporaries_possible or self._note == NO_TEMPORARIES:
            return
        try:
            self._db.rollback()  # what was not saved is forgotten, as :meth:`close` does
            self._db.execute("BEGIN IMMEDIATE")
            if _temporaries_note(self._db) == self._note:  # else another run started since
                self._db.execute("INSERT OR REPLACE INTO runs VALUES ('temporaries', ?)",
                                 (NO_TEMPORARIES,))
            self._db.commit()
        except sqlite3.Error:  # the next run looks for temporary files, that is all
            logger.debug("clean end not noted", exc_info=True)

    @_guarded
    def seen(self, key: str) -> None:
        """Note that the plan still calls for the file at ``key`` (see :meth:`unseen`)."""
        self._seen.append((key,))
        if len(self._seen) >= 1000:  # in batches: one statement per file was a tenth of a run
            self._note_seen()

    def _note_seen(self) -> None:
        self._db.executemany("INSERT OR IGNORE INTO temp.seen VALUES (?)", self._seen)
        self._seen = []

    @_guarded
    def seen_folder(self, folder: str) -> None:
        """Note that the plan still calls for every file recorded in ``folder``, a folder of
        the output folder itself (its name holds no ``/``)."""
        if not folder or "/" in folder:
            raise ValueError(f"not a folder of the output folder: {folder!r}")
        # The folder, not its files: copying a national plan's 80 000 paths into the table of
        # seen paths was a twentieth of a re-run.
        self._db.execute("INSERT OR IGNORE INTO temp.seen_folders VALUES (?)", (folder,))

    @_guarded
    def folder_memo(self, folder: str) -> tuple[str, str] | None:
        """What :meth:`remember_folder` noted for ``folder``: (inputs, records)."""
        row = self._db.execute("SELECT inputs, records FROM folders WHERE folder = ?",
                               (folder,)).fetchone()
        return None if row is None else (str(row[0]), str(row[1]))

    @_guarded
    def remember_folder(self, folder: str, inputs: str, records: str) -> None:
        """Note that ``folder``'s documents, made from ``inputs``, are as generated, their
        files as ``records`` (a digest) says (:mod:`mttq_docs.folder_memo`)."""
        if self.folder_memo(folder) != (inputs, records):
            self._db.execute("INSERT OR REPLACE INTO folders VALUES (?, ?, ?)",
                             (folder, inputs, records))

    @_guarded
    def forget_folder(self, folder: str) -> None:
        self._db.execute("DELETE FROM folders WHERE folder = ?", (folder,))

    @_guarded
    def unseen(self) -> list[tuple[str, Record]]:
        """The records of files this run did not note as :meth:`seen`."""
        self._note_seen()
        return self.records.listing(
            "path NOT IN (SELECT path FROM temp.seen) AND (instr(path, '/') = 0 OR "
            "substr(path, 1, instr(path, '/') - 1) NOT IN (SELECT folder FROM temp.seen_folders))")

    def save(self) -> None:
        """Commit what changed since the last save (nothing is written when nothing did).

        Called from a ``finally`` while another error is on its way (the disk filled up
        writing a document), a failure to save is only logged: the first error is the one
        that says what happened, and the record keeps its last good state.
        """
        in_flight = sys.exc_info()[1]  # read here: inside ``except`` it is the new error
        try:
            self._db.commit()
            self._db.execute("BEGIN IMMEDIATE")
        except sqlite3.DatabaseError as err:
            if in_flight is not None:
                logger.warning("record not saved (%s), after an earlier error", err)
                return
            raise _database_error(err, self.out / RECORD_NAME) from err
        logger.debug("record saved")

    def close(self) -> None:
        """Close without saving: what was not saved is forgotten."""
        try:
            self._db.rollback()
        except sqlite3.DatabaseError:  # nothing to keep: closing forgets it anyway
            logger.debug("rollback failed", exc_info=True)
        self._db.close()


def _open_for_writing(path: Path) -> sqlite3.Connection:
    # isolation_level=None: transactions are begun and ended here, not by the sqlite3 module.
    db = sqlite3.connect(path, timeout=LOCK_WAIT_SECONDS, isolation_level=None)
    db.execute("BEGIN IMMEDIATE")
    return db


def _temporaries_note(db: sqlite3.Connection) -> str | None:
    """The record's note of the temporary files a run may have left (:meth:`Manifest.writing`);
    ``None`` in a record of an older version."""
    # Added within format 2, like ``folders``: an older version ignores the table.
    db.execute("CREATE TABLE IF NOT EXISTS runs (name TEXT PRIMARY KEY, value TEXT) "
               "WITHOUT ROWID")
    row = db.execute("SELECT value FROM runs WHERE name = 'temporaries'").fetchone()
    return None if row is None else str(row[0])


def _in_memory_copy(path: Path) -> sqlite3.Connection:
    db = sqlite3.connect(":memory:", isolation_level=None)
    if path.exists():
        source = sqlite3.connect(f"{path.resolve().as_uri()}?mode=ro", uri=True,
                                 timeout=LOCK_WAIT_SECONDS)
        try:
            source.backup(db)
        finally:
            source.close()
    db.execute("BEGIN")
    return db


def _initialise(db: sqlite3.Connection, legacy: Path) -> bool:
    """Make the tables of a new record, taking over a JSON record; say if one was taken."""
    version = db.execute("PRAGMA user_version").fetchone()[0]
    if version > FORMAT_VERSION:
        raise RecordDamaged(f"Tệp ghi nhận {legacy.parent / RECORD_NAME} do một phiên bản "
                          "mttq-docs mới hơn ghi; hãy cập nhật mttq-docs rồi chạy lại.")
    if version == FORMAT_VERSION:
        return False
    for table in _TABLES:
        db.execute(f"CREATE TABLE IF NOT EXISTS {table} (path TEXT PRIMARY KEY, inputs TEXT, "
                   "output TEXT, label TEXT, beside_path TEXT, beside_inputs TEXT, "
                   "beside_output TEXT, size INTEGER, mtime_ns INTEGER) WITHOUT ROWID")
    db.execute(f"PRAGMA user_version = {FORMAT_VERSION}")
    if not legacy.exists():
        return False
    files, derived = _read_legacy(legacy)
    manifest_files, manifest_derived = Records(db, "files"), Records(db, "derived")
    for name, record in files.items():
        manifest_files[name] = record
    for name, record in derived.items():
        manifest_derived[name] = record
    logger.info("took over %d records from %s", len(files), legacy)
    return True


def _read_legacy(path: Path) -> tuple[dict[str, Record], dict[str, Record]]:
    try:
        raw = json.loads(path.read_bytes())
        files = {name: Record.from_json(entry) for name, entry in raw["files"].items()}
        derived = {name: Record(entry.get("inputs", ""), entry.get("output", ""))
                   for name, entry in raw.get("derived", {}).items()}
    except (ValueError, KeyError, TypeError) as err:
        raise _damaged(path, err) from err
    return files, derived


def _damaged(path: Path, err: Exception) -> RecordDamaged:
    return RecordDamaged(f"Tệp ghi nhận {path} bị hỏng ({err}). Hãy đổi tên hoặc xóa tệp này rồi "
                       "chạy lại: các tệp đã có sẽ được coi như có thể đã sửa tay và được giữ "
                       "nguyên.")


def recorded_labels(out: Path) -> Iterator[tuple[str, str]]:
    """(path, label) of every document recorded in ``out``, a row at a time (a national plan's
    80 000, read into one list, took 18 MB of the main process's peak), read without taking
    the folder's lock; none when there is no record. A record that cannot be read raises
    :class:`sqlite3.Error`, maybe after some rows: the caller then names folders afresh."""
    path = out / RECORD_NAME
    if not path.is_file() or path.is_symlink():
        return
    db = sqlite3.connect(f"{path.resolve().as_uri()}?mode=ro", uri=True,
                         timeout=LOCK_WAIT_SECONDS)
    try:
        for found, label in db.execute("SELECT path, label FROM files"):
            yield str(found), str(label or "")
    finally:
        db.close()
