"""Folders a re-run need not look into.

To find the few documents one changed row affects, a run would build the context of every
document of the plan, fingerprint it, read its record and look at its file: seconds for a
national plan's 80 000 documents. Instead, once every document of a folder is as this program
generated it (none edited by a person), the run notes two digests for the folder:

- its **key**: what its documents are made from, without building any of their contexts — the
  program's version, the templates, everything in the plan but its points (settings, models,
  lists, and the values every document shares, such as how many points the plan has), and
  the folder's own places with their points (names, file names, rows);
- the digest of its **files**: the path, size and modification time of each, as recorded.

A later run passes over a folder whose key and files are the same, each file still having the
size and modification time recorded: its documents are unchanged. Anything else (a changed row
of the folder, an edited, deleted, touched or replaced file, a file written by another version
of the program) sends the folder through the usual document-by-document comparison. (A
record's fingerprint changed by another version, its file untouched, needs no more: the file is
still what this version makes.)

The key is sound only if a folder's documents depend on nothing else: contexts may read the
plan and the folder's places, never another folder's points.
``tests/test_folder_memo.py`` checks this on whole plans.
"""

from __future__ import annotations

import dataclasses
import functools
import hashlib
import itertools
import os
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from .manifest import Manifest, Records
from .output import OutputFolder
from .plan import Place, Point

STABLE = frozenset({"create", "recreate", "update", "unchanged"})
"""Outcomes after which a document is as generated. A folder with an ``edited`` or
``beside`` document is compared document by document on every run, so that each run tells of
it again."""


@dataclass(frozen=True, slots=True)
class Skipped:
    """A folder passed over: its ``count`` documents are unchanged."""

    folder: str
    count: int


@dataclass(frozen=True, slots=True)
class FolderEnd:
    """Comes after the last document of ``folder``: the run may note its key then."""

    folder: str
    key: str


def digest(parts: Iterable[object]) -> str:
    """SHA-256 of the ``repr`` of each part, one per line (``repr`` of the plan's frozen
    dataclasses, tuples, strings, numbers and dates is the same in every process)."""
    hasher = hashlib.sha256()
    for part in parts:
        hasher.update(repr(part).encode())
        hasher.update(b"\n")
    return hasher.hexdigest()


_POINT_FIELDS = tuple(field.name for field in dataclasses.fields(Point))


def point_key(point: Point) -> tuple[Any, ...]:
    """Every field of ``point``, its model by code (the models are in the plan's key)."""
    return tuple(point.model.code if name == "model" else getattr(point, name)
                 for name in _POINT_FIELDS)


def place_key(place: Place) -> tuple[Any, ...]:
    return (place.level.value, place.name, place.kind, place.folder, place.slug,
            None if place.point is None else point_key(place.point))


def folder_key(shared: str, folder: Place, places: Iterable[Place]) -> str:
    """The key of ``folder``'s documents: ``shared`` (what every folder's documents depend
    on), the folder's place and ``places``, the commune-level places written into it (not
    for the province's folder: :func:`province_key`)."""
    return digest(itertools.chain([shared, place_key(folder)],
                                  (place_key(place) for place in places)))


def province_key(shared: str, province: Place, keys: Iterable[str]) -> str:
    """The key of the province's documents, which depend on every place of the plan: made
    from ``keys``, the :func:`folder_key` of every other folder in folder order. Each stands
    for its folder's place and the places written into it, and every commune-level place is
    written into one folder: the keys cover every place, and where each one is written."""
    return digest(itertools.chain([shared, place_key(province)], keys))


def files_digest(rows: list[tuple[str, str | None, int, int]]) -> str:
    return hashlib.sha256(repr(rows).encode()).hexdigest()  # one repr: 100 rows a folder


def passable(manifest: Manifest, out: OutputFolder, folder: str, key: str) -> int | None:
    """How many documents ``folder`` holds when a run may pass over it (see the module
    docstring), else ``None``."""
    memo = manifest.folder_memo(folder)
    if memo is None or memo[0] != key:
        return None
    return files_count(manifest.records, out, folder, memo[1])


def files_count(records: Records, out: OutputFolder, folder: str, noted: str) -> int | None:
    """How many documents ``folder`` holds when its records are those whose digest a run
    noted (``noted``) and its files as they record, else ``None``."""
    rows = records.files_in_folder(folder)
    if not rows or files_digest(rows) != noted or not files_as_recorded(out, rows):
        return None
    return len(rows)


def files_as_recorded(out: OutputFolder, rows: list[tuple[str, str | None, int, int]]
                      ) -> bool:
    """Whether every file of ``rows`` has the size and modification time its record holds,
    and none has a version beside it."""
    folders: dict[str, list[tuple[str, int, int]]] = {}
    for path, beside, size, mtime_ns in rows:
        if beside:
            return False
        folder, _, name = path.rpartition("/")
        folders.setdefault(folder, []).append((name, size, mtime_ns))
    for folder, files in folders.items():
        # Checked inside the output folder once per folder, by the path of its first file.
        first = out.inside(f"{folder}/{files[0][0]}" if folder else files[0][0])
        if not _as_recorded(os.path.dirname(first), files):
            return False
    return True


_STAT_IN_FOLDER = os.stat in os.supports_dir_fd
"""Whether a file can be looked at by its name in an opened folder (not on Windows)."""


def _as_recorded(folder: str, files: list[tuple[str, int, int]]) -> bool:
    """Whether each (name, size, modification time) of ``files`` is so in ``folder``.

    Each name is looked up in the opened folder where the system allows it: half the time
    of looking up each file's whole path (a re-run of a national plan looks at 80 000, in
    this loop: a function call per file was a fifth of its time)."""
    if any(name in ("", ".", "..") for name, _, _ in files):
        return False
    handle = None
    if _STAT_IN_FOLDER:
        try:
            handle = os.open(folder, os.O_RDONLY | getattr(os, "O_DIRECTORY", 0))
        except OSError:
            return False
    stat = os.stat
    try:
        for name, size, mtime_ns in files:
            status = stat(name, dir_fd=handle) if handle is not None else \
                stat(os.path.join(folder, name))
            if status.st_size != size or status.st_mtime_ns != mtime_ns:
                return False
        return True
    except OSError:
        return False
    finally:
        if handle is not None:
            os.close(handle)


def note_folder(manifest: Manifest, out: OutputFolder, end: FolderEnd, stable: bool) -> None:
    """After the last document of a folder: note its key when all its documents are as
    generated (``stable``) and their files as recorded, else forget any earlier note."""
    rows = manifest.records.files_in_folder(end.folder)
    if stable and rows and files_as_recorded(out, rows):
        manifest.remember_folder(end.folder, end.key, files_digest(rows))
    else:
        manifest.forget_folder(end.folder)


@functools.cache
def program_digest() -> str:
    """The digest of this program's own code: a folder's documents made by other code are
    compared again, even when the version number stayed the same (a development copy)."""
    package = Path(__file__).parent
    return digest(sorted((path.name, hashlib.sha256(path.read_bytes()).hexdigest())
                         for path in package.glob("*.py")))
