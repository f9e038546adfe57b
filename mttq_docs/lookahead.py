"""What a re-run reads of its output folder, read by another process while this one reads the
workbook.

Before it renders anything, a re-run of a national plan reads from its output folder the names
earlier runs gave to places (the labels of 80 000 records) and, for each folder an earlier run
noted as unchanged (:mod:`mttq_docs.folder_memo`), the records of its files and a ``stat`` of
each of them (80 000 files): about a second on two cores, none of it depending on the
workbook, which takes this process half a second to a second to read. :func:`start` hands that
reading to a process of its own when the record is large enough for it to pay, and the run
takes what it read when it needs it:

* the names, in :func:`~mttq_docs.api.prepare`, as it would have read them itself (without
  holding the record, as before);
* the folders' answers (:func:`~mttq_docs.folder_memo.passable`), only when the record, once
  the run holds it, is the very file the other process read (size, modification time and
  SQLite's change counter); else (another run wrote in between) the run reads them itself.

A file edited after it was looked at and before the run passes over its folder is found by the
next run, as one edited during a run is; the window is a second longer. Any failure of the
other process costs only the time it saved: the run then reads everything itself.
"""

from __future__ import annotations

import logging
import multiprocessing
import os
import sqlite3
from concurrent.futures import Future, ProcessPoolExecutor
from dataclasses import dataclass
from pathlib import Path

from .documents import remembered_in
from .folder_memo import files_count
from .manifest import LOCK_WAIT_SECONDS, RECORD_NAME, Records
from .output import OutputFolder
from .plan import Remembered

logger = logging.getLogger(__name__)

LARGE_RECORD = 4 << 20
"""Bytes of a record from which the reading is handed to another process (about 12 000
documents; below that, starting a Python process costs more than it saves)."""

Stamp = tuple[int, int, bytes]


@dataclass(frozen=True)
class Folders:
    """The answer of :func:`~mttq_docs.folder_memo.passable` for every folder with a note, as
    read from the record whose :func:`stamp` is ``stamp``."""

    stamp: Stamp
    noted: dict[str, tuple[str, int | None]]
    """By folder: the key noted, and how many documents it holds when its files are as
    recorded (``None`` when they are not)."""

    def passable(self, folder: str, key: str) -> int | None:
        """:func:`~mttq_docs.folder_memo.passable` for ``folder`` and its ``key`` now."""
        noted = self.noted.get(folder)
        return noted[1] if noted is not None and noted[0] == key else None


def look_at_folders(out: Path) -> Folders | None:
    """Every noted folder of ``out``'s record looked at as
    :func:`~mttq_docs.folder_memo.passable` looks at one; ``None`` when the record changed
    meanwhile."""
    path = out / RECORD_NAME
    before = stamp(path)
    noted: dict[str, tuple[str, int | None]] = {}
    db = sqlite3.connect(f"{path.resolve().as_uri()}?mode=ro", uri=True,
                         timeout=LOCK_WAIT_SECONDS)
    try:
        records, places = Records(db, "files"), OutputFolder(out)
        for folder, key, files in db.execute("SELECT folder, inputs, records FROM folders"):
            noted[str(folder)] = (str(key), files_count(records, places, str(folder), str(files)))
    finally:
        db.close()
    return Folders(before, noted) if stamp(path) == before else None


def stamp(path: Path) -> Stamp:
    """What tells one state of a record from any other: its size, modification time and the
    change counter SQLite keeps in its header (bytes 24-27, one more at each change)."""
    with open(path, "rb") as record:
        header = record.read(28)
        status = os.fstat(record.fileno())
    return status.st_size, status.st_mtime_ns, header[24:28]


class Lookahead:
    """The reading of ``out``'s record and files, under way in another process."""

    def __init__(self, out: Path) -> None:
        self.out = out
        self._executor = ProcessPoolExecutor(1, mp_context=multiprocessing.get_context("spawn"))
        # One process, two tasks in turn: the names are wanted first.
        self._names: Future[Remembered] = self._executor.submit(remembered_in, out)
        self._folders: Future[Folders | None] = self._executor.submit(look_at_folders, out)
        self._executor.shutdown(wait=False)  # the process ends after the two tasks

    def remembered(self) -> Remembered:
        """The names earlier runs gave to places (read here when the other process failed)."""
        try:
            return self._names.result()
        except Exception:  # noqa: BLE001 - any failure there: read them here
            logger.info("names not read by the other process", exc_info=True)
            return remembered_in(self.out)

    def folders(self) -> Folders | None:
        """The noted folders' answers, if the record is still the one they were read from
        (to be asked while holding it); ``None``: the run looks at each folder itself."""
        try:
            folders = self._folders.result()
        except Exception:  # noqa: BLE001 - any failure there: look here
            logger.info("folders not looked at by the other process", exc_info=True)
            return None
        try:
            if folders is not None and stamp(self.out / RECORD_NAME) == folders.stamp:
                return folders
        except OSError:
            pass
        logger.info("record of %s changed since it was read; folders looked at again",
                    self.out)
        return None


def start(out: Path) -> Lookahead | None:
    """The reading of ``out``'s record, started in another process when the record is large
    (:data:`LARGE_RECORD`); ``None`` otherwise (the run reads it itself)."""
    path = out / RECORD_NAME
    try:
        if path.is_symlink() or path.stat().st_size < LARGE_RECORD:
            return None
    except OSError:
        return None
    try:
        return Lookahead(out)
    except OSError:  # no process could be started: the run reads it itself
        logger.info("no process to read the record of %s", out, exc_info=True)
        return None
