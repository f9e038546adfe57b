"""Which documents a plan calls for, and where each one goes in the output folder.

A :class:`DocumentJob` is one file to write: its kind, its place under the output folder and
the place it is for. File and folder names are ASCII made from workbook names by
:func:`~mttq_docs.vietnamese.ascii_slug` (see :class:`~mttq_docs.plan.Places`), so no cell can
make a path leave the output folder. A :class:`Layout` belongs to one run: it holds the plan's
place tree and the jobs of the folder the run is in, nothing shared between runs.
"""

from __future__ import annotations

import logging
import sqlite3
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from pathlib import Path, PurePosixPath

from .kinds import KINDS, DocumentKind
from .manifest import recorded_labels
from .plan import PROVINCE_FOLDER, Level, Place, Places, Plan, Point, Remembered

__all__ = ["PROVINCE_FOLDER", "DocumentJob", "Layout", "packet_name", "plan_jobs",
           "remembered_in", "remembered_places"]

logger = logging.getLogger(__name__)


@dataclass(frozen=True, slots=True)
class DocumentJob:
    """One document to write. ``path`` is relative to the output folder, POSIX style."""

    kind: DocumentKind
    path: PurePosixPath
    place: Place
    """Whom it is for: the province, a district, a point's commune; for a document made in
    every folder (the contents list), the place that owns the folder."""

    @property
    def point(self) -> Point | None:
        """The ``Phân công`` row of a commune's document."""
        return self.place.point if self.place.level is Level.COMMUNE else None


def packet_name(kind: DocumentKind) -> str:
    """``00_danh_muc.docx``: the same name in every folder, so it is found first."""
    return f"{kind.order:02d}_{kind.code}.docx"


class Layout:
    """The documents of one plan, folder by folder, for one run.

    The jobs of the last folder asked for are kept: its contents list asks for them again
    while a run is in it.
    """

    def __init__(self, plan: Plan, kinds: tuple[DocumentKind, ...] = KINDS,
                 remembered: Remembered | None = None) -> None:
        """``remembered``: the names earlier runs gave (:func:`remembered_places`)."""
        self.plan, self.kinds = plan, kinds
        self.places = Places.of(plan, remembered)
        self._last: tuple[str, list[DocumentJob]] | None = None

    @property
    def folders(self) -> tuple[Place, ...]:
        """The places that own a folder, the province first."""
        return self.places.folders

    def jobs(self) -> Iterator[DocumentJob]:
        """Every document of the plan, made as they are asked for (a national plan has
        80 000; a run holds only those it is working on)."""
        for folder in self.folders:
            yield from self.folder_jobs(folder)

    def count(self) -> int:
        """How many documents :meth:`jobs` makes, without making them."""
        count = 0
        for kind in self.kinds:
            if kind.per_folder:
                count += len(self.folders)
            elif kind.level is Level.COMMUNE:
                count += sum(1 for place in self.places.communes() if place.point is not None
                             and kind.made_for(place.point))
            elif kind.level in self.plan.levels:
                count += sum(1 for place in self.folders if place.level is kind.level)
        return count

    def folder_jobs(self, folder: Place) -> list[DocumentJob]:
        """The documents of the folder of ``folder`` (a place that owns one), in the order of
        :meth:`jobs`."""
        if self._last is None or self._last[0] != folder.folder:
            self._last = (folder.folder, self._folder_jobs(folder))
        return self._last[1]

    def _folder_jobs(self, folder: Place) -> list[DocumentJob]:
        jobs = [DocumentJob(kind, PurePosixPath(folder.folder, packet_name(kind)), folder)
                for kind in self.kinds if kind.per_folder]
        own = [kind for kind in self.kinds if not kind.per_folder and kind.level is folder.level
               and kind.level is not Level.COMMUNE]
        for kind in own:
            name = (f"{kind.order:02d}_{kind.code}_{self.plan.settings.year}.docx"
                    if folder.level is Level.PROVINCE
                    else f"{kind.order:02d}_{kind.code}_{folder.slug}.docx")
            jobs.append(DocumentJob(kind, PurePosixPath(folder.folder, name), folder))
        for place in self.places.points[folder.folder]:
            assert place.point is not None
            for kind in self.kinds:
                if kind.level is Level.COMMUNE and not kind.per_folder and kind.made_for(
                        place.point):
                    name = f"{kind.order:02d}_{kind.code}_{place.slug}.docx"
                    jobs.append(DocumentJob(kind, PurePosixPath(folder.folder, name), place))
        return jobs

    def points_of(self, folder: Place) -> list[Point]:
        """The points written into ``folder``, in workbook order."""
        return [place.point for place in self.places.points[folder.folder]
                if place.point is not None]


def remembered_places(records: Iterable[tuple[str, str]]) -> Remembered:
    """What earlier runs named each place, from their records' (path, label): a label says
    whose document it is (``huyện Thanh Hà, xã Thanh Bính: …``), the path its folder and file
    name. (String operations only: a national plan has 80 000 records.)"""
    memory = Remembered()
    prefixes = tuple(f"{k.order:02d}_{k.code}_" for k in KINDS if k.level is Level.COMMUNE)
    settled: set[str] = set()
    """Places whose names are known: their other documents (eight a commune) tell no more."""
    for path, label in records:
        place = label.rpartition(": ")[0]
        if place in settled:
            continue
        folder, slash, name = path.partition("/")
        where = place.split(", ")
        if not slash or "/" in name or not where[0] or folder == PROVINCE_FOLDER:
            continue
        memory.folders.setdefault(where[0], folder)
        if len(where) != 2:
            settled.add(place)
        elif name.startswith(prefixes) and name.endswith(".docx"):
            stem = name[:-len(".docx")]
            prefix = next(p for p in prefixes if stem.startswith(p))
            memory.slugs.setdefault(where[0], {}).setdefault(where[1], stem[len(prefix):])
            settled.add(place)
    return memory


def remembered_in(out: Path) -> Remembered:
    """The names the record of ``out`` says earlier runs gave to places
    (:func:`remembered_places`); none when it cannot be read (folders are then named
    afresh)."""
    try:
        return remembered_places(recorded_labels(out))
    except sqlite3.Error:
        logger.info("record of %s not readable for its folder names", out)
        return Remembered()


def plan_jobs(plan: Plan, kinds: tuple[DocumentKind, ...] = KINDS) -> tuple[DocumentJob, ...]:
    """Every document of the plan, province first, then folder by folder."""
    return tuple(Layout(plan, kinds).jobs())
