"""Bringing the output folder in line with the plan without losing anyone's work.

For each document the plan calls for, :func:`synchronise` compares three things: the record of
what was generated there (:mod:`mttq_docs.manifest`), the file on disk, and the fingerprint of
what would be generated now. Then:

==========================================  ============================================
situation                                   action (status)
==========================================  ============================================
no file                                     write it (``create``, ``recreate`` if it was deleted)
file untouched, inputs unchanged            nothing, not even its modification time (``unchanged``)
file untouched, inputs changed              rewrite it (``update``)
file edited by a person, inputs unchanged   nothing (``edited``)
file edited by a person, inputs changed     write the new version beside it (``beside``);
                                            nothing when it is the document generated
                                            before the edit (``edited``)
record of a document no longer planned      move its files into the archive (``archive``)
==========================================  ============================================

Nothing is ever deleted. Each file is written atomically; the record is saved at the end, every
minute, and on interruption. Because output is reproducible, a file written just
before a crash is recognised on the next run by its bytes, so an interrupted run never turns
into a false "edited by a person".

The process that renders a document also hashes it and, where the decision does not wait for
the new hash, writes it (:class:`Delivery`, :func:`deliver`): a new file, or the update of a
file nobody edited, unless it already holds these bytes. Only a new version beside a
person's edit comes back to the run as bytes. So a run over many processes does not funnel
every document through one of them.
"""

from __future__ import annotations

import contextlib
import dataclasses
import datetime as dt
import logging
import os
import re
import shutil
import time
from collections import Counter, deque
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from pathlib import Path, PurePosixPath
from typing import Any, Literal, Protocol

from .folder_memo import STABLE, FolderEnd, Skipped, note_folder
from .manifest import Beside, Manifest, Record, Records, file_sha256, sha256
from .output import FLUSH_ONE_BY_ONE, OutputFolder, flush_written, resolve_inside, write_atomic

logger = logging.getLogger(__name__)

Status = Literal["create", "recreate", "update", "unchanged", "edited", "beside", "archive"]
ARCHIVE_FOLDER = "_luu_tru"
KEEP_OUTCOMES = 1000
"""Outcomes of one status a run keeps to show (see :class:`Tally`)."""
SAVE_EVERY_SECONDS = 60.0
"""How often a long run records what it has written (and at its end, or when stopped). A file
written after the last save is recognised by its bytes on the next run, so a run killed
outright costs only the time to compare again."""


@dataclass(frozen=True)
class Planned:
    """A document the plan calls for; ``render`` is called only when bytes are needed."""

    path: PurePosixPath
    inputs: str
    render: Callable[[], bytes]
    label: str = ""
    spec: tuple[str, Callable[[], dict[str, Any]]] | tuple[()] = ()
    """What another process needs to render it: the template's code and a function making
    its context (called only for a document that is rendered)."""


@dataclass(frozen=True, slots=True)
class Delivery:
    """Where the process that renders a document may write it: at ``target`` (a path the run
    resolved inside the output folder), unless its hash is ``unless`` (the file there holds
    these bytes already). Without a target the bytes come back."""

    target: str | None = None
    unless: str | None = None


@dataclass(frozen=True, slots=True)
class Made:
    """A rendered document as its process left it: the hash of its bytes, and the bytes only
    when the run must still write them; ``written`` (size, modification time) when written."""

    digest: str
    data: bytes | None = None
    written: tuple[int, int] | None = None


def deliver(data: bytes, delivery: Delivery | None = None) -> Made:
    """Hash ``data`` and write it as ``delivery`` allows (in the process that rendered it)."""
    digest = sha256(data)
    if delivery is None or delivery.target is None:
        return Made(digest, None if delivery is not None and digest == delivery.unless
                    else data)
    if digest == delivery.unless:
        return Made(digest)
    status = write_atomic(Path(delivery.target), data, flush_to_disk=False)
    return Made(digest, None, (status.st_size, status.st_mtime_ns))


@dataclass(frozen=True, slots=True)
class Outcome:
    status: Status
    path: PurePosixPath
    label: str = ""
    moved_to: PurePosixPath | None = None
    """Where a ``beside`` version or an ``archive``d file went."""


@dataclass
class Tally:
    """What a run did: how many files of each status, and the outcomes worth a look.

    Every outcome but ``unchanged`` is kept, up to ``keep`` per status: a national plan's first
    run creates 80 000 files, which the count tells; keeping them all would make memory grow
    with the plan. Every outcome still reaches the ``progress`` callback of :func:`synchronise`.
    """

    counts: Counter[str] = field(default_factory=Counter)
    outcomes: list[Outcome] = field(default_factory=list)
    keep: int = field(default_factory=lambda: KEEP_OUTCOMES)

    def add(self, outcome: Outcome) -> None:
        self.counts[outcome.status] += 1
        if outcome.status != "unchanged" and self.counts[outcome.status] <= self.keep:
            self.outcomes.append(outcome)

    @property
    def left_out(self) -> int:
        """Outcomes counted but not kept (``unchanged`` ones aside)."""
        return sum(n for status, n in self.counts.items() if status != "unchanged") - len(
            self.outcomes)


def beside_name(path: PurePosixPath, today: dt.date, taken: Callable[[PurePosixPath], bool]
                ) -> PurePosixPath:
    """``01_ke_hoach.docx`` → ``01_ke_hoach.moi-2017-08-15.docx`` (then ``…-2``, ``…-3``)."""
    stem = f"{path.stem}.moi-{today.isoformat()}"
    candidate, counter = path.with_name(f"{stem}{path.suffix}"), 2
    while taken(candidate):
        candidate = path.with_name(f"{stem}-{counter}{path.suffix}")
        counter += 1
    return candidate


class _Run:
    def __init__(self, out: Path, manifest: Manifest, dry_run: bool, today: dt.date,
                 records: Records | None = None) -> None:
        """``records``: the table the run's files are recorded in (the documents' own, or
        ``derived`` for files made from them)."""
        self.out, self.dry_run, self.today = out, dry_run, today
        self.folder = OutputFolder(out)
        self.manifest = manifest
        self.records = manifest.records if records is None else records
        self._last_save = time.monotonic()
        self._unflushed: list[Path] = []
        """Files written since the record was last saved, the first ``FLUSH_ONE_BY_ONE + 1``
        of them: with more, :func:`~mttq_docs.output.flush_written` syncs the whole system and
        needs no path (a national plan's first run held 50 000 paths between two saves,
        10 MB of the main process)."""
        self._folder: tuple[str, dict[str, Record]] | None = None
        """The records of the folder of the last file looked up (see :meth:`record`)."""

    def record(self, key: str) -> Record | None:
        """The record of the file at ``key``, read with the rest of its folder's: one query
        per folder, not per file (a re-run of a national plan looks up 80 000). A run looks a
        path up once, before it records anything there, so the folder's records read at its
        first file are current for each of its files."""
        folder = key.rpartition("/")[0]
        if not folder:
            return self.records.get(key)
        if self._folder is None or self._folder[0] != folder:
            self._folder = folder, self.records.in_folder(folder)
        return self._folder[1].get(key)

    def disk(self, path: PurePosixPath | str) -> Path:
        return self.folder.path(path)

    def write(self, path: PurePosixPath, data: bytes) -> tuple[int, int] | None:
        """Write the file (unless a dry run); return its size and modification time."""
        if self.dry_run:
            return None
        self.manifest.writing()
        status = write_atomic(self.disk(path), data, flush_to_disk=False)
        self._written(path)
        return status.st_size, status.st_mtime_ns

    def _written(self, path: PurePosixPath) -> None:
        if len(self._unflushed) <= FLUSH_ONE_BY_ONE:
            self._unflushed.append(self.disk(path))
        if time.monotonic() - self._last_save > SAVE_EVERY_SECONDS:
            self.save()

    def delivery(self, path: PurePosixPath, on_disk: str | None, record: Record | None
                 ) -> Delivery:
        """What the rendering process may do with the document at ``path`` (see
        :meth:`finish`): write it when there is no file, or one nobody edited."""
        if self.dry_run or not (on_disk is None or (record is not None and
                                                    on_disk == record.output)):
            return Delivery(None, on_disk)
        self.manifest.writing()  # the rendering process writes it
        return Delivery(self.folder.inside(str(path)), on_disk)

    def _place(self, path: PurePosixPath, made: Made) -> tuple[int, int] | None:
        """The document at ``path``, written by the process that rendered it or here."""
        if made.written is not None:
            self._written(path)
            return made.written
        assert made.data is not None, "bytes not written come back"
        return self.write(path, made.data)

    def save(self) -> None:
        """Record what was written so far, once it is on the disk."""
        flush_written(self._unflushed)
        self._unflushed = []
        self.manifest.save()
        self._last_save = time.monotonic()

    def disk_hash(self, path: PurePosixPath, record: Record | None
                  ) -> tuple[str | None, Record | None]:
        """The hash of the file at ``path``; trusted from the record when size and
        modification time are those recorded (as git and rsync do), read otherwise. And the
        record, its size and time brought up to date when the file was only touched (copied
        back, restored from a backup), so it is not read again at every run."""
        target = self.folder.inside(str(path))
        try:
            stat = os.stat(target)
        except FileNotFoundError:
            return None, record
        status = stat.st_size, stat.st_mtime_ns
        if record and (record.size, record.mtime_ns) == status:
            return record.output, record
        digest = file_sha256(Path(target))
        if record and digest == record.output and not self.dry_run:
            touched = dataclasses.replace(record, size=status[0], mtime_ns=status[1])
            self.records.put(str(path), touched, record)
            return digest, touched
        return digest, record

    def done(self, item: Planned, status: Status, output: str, previous: Record | None,
             written: tuple[int, int] | None = None) -> Outcome:
        """Record the file at ``item.path`` (``previous``: its record until now);
        ``written``: its size and modification time when this run wrote it."""
        record = Record(item.inputs, output, item.label)
        if not self.dry_run and status != "edited":
            if written is None:
                stat = self.disk(item.path).stat()
                written = stat.st_size, stat.st_mtime_ns
            record.size, record.mtime_ns = written
        self.records.put(str(item.path), record, previous)
        return Outcome(status, item.path, item.label)

    def precheck(self, item: Planned) -> tuple[Outcome | None, str | None, Record | None]:
        """The outcome when it needs no rendering, else ``None``; the file's hash; its record
        (handed on to :meth:`finish` and :meth:`done`, so it is read once per file)."""
        on_disk, record = self.disk_hash(item.path, self.record(str(item.path)))
        if on_disk is not None and record is not None and record.inputs == item.inputs:
            status: Status = "unchanged" if on_disk == record.output else "edited"
            return Outcome(status, item.path, item.label), on_disk, record
        return None, on_disk, record

    def finish(self, item: Planned, on_disk: str | None, record: Record | None,
               made: Made) -> Outcome:
        """Decide with the new hash in hand (see the module docstring); the document was
        written by its process as :meth:`delivery` allowed, or comes back as bytes."""
        new = made.digest
        if on_disk is None:
            written = self._place(item.path, made)
            return self.done(item, "create" if record is None else "recreate", new, record,
                             written)
        if new == on_disk:  # untouched, or written by an interrupted run
            return self.done(item, "unchanged" if record is None or record.output == new
                             else "update", on_disk, record)
        if record is not None and on_disk == record.output:
            written = self._place(item.path, made)
            return self.done(item, "update", new, record, written)
        if record is not None and new == record.output:
            # The inputs changed (another version of the program, a value this document does
            # not print) but not the document: a copy beside the edit would be the very file
            # the person started from. Their edit stands; the record takes the new inputs.
            self.records.put(str(item.path), dataclasses.replace(
                record, inputs=item.inputs, label=item.label), record)
            return Outcome("edited", item.path, item.label)
        assert made.data is not None, "a version beside an edit comes back as bytes"
        return self._beside(item, record, made.data, new)

    def _beside(self, item: Planned, record: Record | None, data: bytes, digest: str
                ) -> Outcome:
        """A person's version stays; the new one goes beside it, once per set of inputs."""
        previous = record.beside if record else None
        if previous and file_sha256(self.disk(previous.path)) == previous.output and (
                previous.inputs == item.inputs or previous.output == digest):
            # The version beside the edit is still the one we would write.
            assert record is not None
            record.beside = Beside(previous.path, item.inputs, previous.output)
            self.records[str(item.path)] = record  # written only if it changed
            return Outcome("beside", item.path, item.label, PurePosixPath(previous.path))
        target = beside_name(item.path, self.today, lambda p: self.disk(p).exists())
        self.write(target, data)
        beside = Beside(str(target), item.inputs, digest)
        # The record keeps the hash of what was generated at the path; a file that was there
        # before any record gets an empty hash, so that it always reads as a person's file.
        kept = record or Record("", "", item.label)
        self.records[str(item.path)] = Record(kept.inputs, kept.output, item.label, beside,
                                              kept.size, kept.mtime_ns)
        return Outcome("beside", item.path, item.label, target)

    def archive(self, key: str, record: Record) -> list[Outcome]:
        """Move the files of a document that left the plan into the archive folder: the
        document, the new version beside it, and the copies of it a commune sent back."""
        outcomes = []
        paths = [key] + ([record.beside.path] if record.beside else []) + self._copies(key)
        for name in paths:
            source = self.disk(name)
            if not source.exists():
                continue
            if self.dry_run:
                target = self._archive_target(PurePosixPath(name))
            else:
                target = move_to_archive(self.out, PurePosixPath(name), self.today)
            outcomes.append(Outcome("archive", PurePosixPath(name), record.label, target))
        self.manifest.records.pop(key, None)
        return outcomes

    def _copies(self, key: str) -> list[str]:
        """Returned copies of ``key`` beside it (``01_ke_hoach_xa_a (ban xa gui).docx``)."""
        path = PurePosixPath(key)
        try:
            names = os.listdir(self.folder.path(path).parent)
        except OSError:
            return []
        return sorted(str(path.with_name(name)) for name in names
                      if name != path.name and is_copy_of(name, path.name))

    def _archive_target(self, path: PurePosixPath) -> PurePosixPath:
        return archive_target(self.out, path, self.today)


def archive_target(out: Path, path: PurePosixPath, today: dt.date) -> PurePosixPath:
    """Where ``path`` goes in the archive: ``_luu_tru/<date>/<path>``, never over a file."""
    base = PurePosixPath(ARCHIVE_FOLDER, today.isoformat(), path)
    candidate, counter = base, 2
    while resolve_inside(out, candidate).exists():
        candidate = base.with_name(f"{base.stem}-{counter}{base.suffix}")
        counter += 1
    return candidate


def move_to_archive(out: Path, path: PurePosixPath, today: dt.date) -> PurePosixPath:
    """Move ``out/path`` into the archive and return where it went."""
    target = archive_target(out, path, today)
    destination = resolve_inside(out, target)
    destination.parent.mkdir(parents=True, exist_ok=True)
    shutil.move(resolve_inside(out, path), destination)
    return target


_COPY_SEPARATOR = re.compile(r"[^0-9a-z_]", re.IGNORECASE)
_NEW_VERSION = re.compile(r"\.moi-\d{4}-\d{2}-\d{2}(-\d+)?$")


def is_new_version(name: str) -> bool:
    """Whether ``name`` is a new version this program wrote beside an edited document
    (``01_ke_hoach.moi-2017-08-15.docx``, ``….moi-2017-08-15-2.pdf``)."""
    return _NEW_VERSION.search(os.path.splitext(name)[0]) is not None


def is_copy_of(name: str, original: str) -> bool:
    """Whether the file ``name`` is a copy of the document ``original`` (a ``.docx`` name):
    the same name, or its stem followed by anything that cannot continue a name
    (``01_ke_hoach_xa_a (ban cuoi).docx``, ``01_ke_hoach_xa_a-2.DOCX``), so that the
    commune ``xa_hong_du`` never claims ``xa_hong_duc``'s files. The new versions this
    program writes beside a document (``….moi-2017-08-15.docx``) are not copies."""
    stem, suffix = os.path.splitext(name)
    base = os.path.splitext(original)[0]
    if suffix.lower() != ".docx" or is_new_version(name):
        return False
    if stem.casefold() == base.casefold():
        return True
    rest = stem[len(base):]
    return (stem[:len(base)].casefold() == base.casefold() and bool(rest)
            and _COPY_SEPARATOR.match(rest) is not None)


def write_keeping_edits(out: Path, manifest: Manifest, path: PurePosixPath, data: bytes,
                        inputs: str, label: str, today: dt.date) -> Outcome:
    """Write one file a command makes (``collect``'s tracking workbook and report) by the
    rules of the documents: unchanged, updated, or, when a person edited it, kept and the
    new version written beside it. Recorded among the files made from the documents, so that
    ``generate`` never archives it."""
    run = _Run(out, manifest, False, today, records=manifest.derived)
    item = Planned(path, inputs, lambda: data, label)
    outcome, on_disk, record = run.precheck(item)
    if outcome is None:
        outcome = run.finish(item, on_disk, record, deliver(data))
    run.save()
    return outcome


class Pending(Protocol):
    def result(self) -> Made: ...


class Renderer(Protocol):
    """Where documents are rendered: ``submit`` hands back something whose ``result()`` is
    the document :class:`Made` (hashed, written as ``delivery`` allows); ``window`` is how
    many documents it may hold in flight."""

    window: int

    def submit(self, item: Planned, delivery: Delivery | None = None) -> Pending: ...


class SequentialRenderer:
    """Renders in this process, when asked for the result."""

    window = 0

    def submit(self, item: Planned, delivery: Delivery | None = None) -> Pending:
        return _Deferred(item.render, delivery)


class _Deferred:
    def __init__(self, function: Callable[[], bytes], delivery: Delivery | None) -> None:
        self.function, self.delivery = function, delivery

    def result(self) -> Made:
        return deliver(self.function(), self.delivery)


_Entry = tuple[Planned, "Outcome | None", "str | None", "Record | None", "Pending | None"]


def _ready(entry: _Entry | FolderEnd) -> bool:
    """Whether ``entry`` can be settled without waiting for a rendering."""
    return isinstance(entry, FolderEnd) or entry[1] is not None


def _settle(run: _Run, entry: _Entry, rendered: Callable[[Planned], None] | None) -> Outcome:
    item, outcome, on_disk, record, future = entry
    if outcome is not None:
        return outcome
    assert future is not None
    made = future.result()
    if rendered is not None:
        rendered(item)
    return run.finish(item, on_disk, record, made)


def remove_stale_temporaries(out: Path, manifest: Manifest) -> None:
    """Delete the temporary files a killed run left (only ours: ``.~*.tmp``): in the whole
    folder when the record says a run may have (a national plan's holds 80 000 files, a look
    at each a tenth of a second of a re-run), else in the output folder itself only, where a
    run writes its notes (the plan that made the folder, the trials) without saying so."""
    if manifest.temporaries_possible:
        # os.walk, not Path.rglob: a national plan's folder holds 80 000 files.
        _remove_temporaries((folder, names) for folder, _, names in os.walk(out))
        manifest.temporaries_removed()
    else:
        _remove_temporaries([(str(out), os.listdir(out))])


def _remove_temporaries(folders: Iterable[tuple[str, list[str]]]) -> None:
    for folder, names in folders:
        for name in names:
            if name.startswith(".~") and name.endswith(".tmp"):
                stale = os.path.join(folder, name)
                logger.debug("removing %s left by an interrupted run", stale)
                with contextlib.suppress(FileNotFoundError):
                    os.unlink(stale)


def synchronise(out: Path, planned: Iterable[Planned | Skipped | FolderEnd], *,
                dry_run: bool = False, today: dt.date | None = None,
                progress: Callable[[Outcome], None] | None = None,
                renderer: Renderer | None = None, keep: int | None = None,
                manifest: Manifest | None = None,
                rendered: Callable[[Planned], None] | None = None,
                skipped: Callable[[Skipped], None] | None = None) -> Tally:
    """Apply the plan to ``out`` (see the module docstring); return what was done to the files
    (every outcome but ``unchanged`` ones, up to ``keep`` per status, and the counts).

    With ``dry_run`` the same decisions are made and nothing is written or moved.
    ``renderer`` renders elsewhere, in other processes for instance; ``rendered`` is told of
    each document whose bytes were made. ``manifest``: the folder's record, opened (and
    locked) by the caller for the whole of its run; else it is opened and closed here.
    ``progress`` may raise (:class:`~mttq_docs.errors.Cancelled`) to stop the run: what was
    written until then is recorded.

    ``planned`` may also hold a :class:`~mttq_docs.folder_memo.Skipped` folder (its
    documents are counted unchanged and ``skipped`` is told, ``progress`` is not) and, after
    a folder's documents, a :class:`~mttq_docs.folder_memo.FolderEnd`: once they are all
    settled, the folder's key is noted when they are all as generated.
    """
    if manifest is None:
        with Manifest.open(out, dry_run=dry_run) as opened:
            return synchronise(out, planned, dry_run=dry_run, today=today, progress=progress,
                               renderer=renderer, keep=keep, manifest=opened,
                               rendered=rendered, skipped=skipped)
    run = _Run(out, manifest, dry_run, today or dt.date.today())
    if not dry_run:
        remove_stale_temporaries(out, manifest)
    tally = Tally() if keep is None else Tally(keep=keep)

    def emit(outcome: Outcome) -> None:
        tally.add(outcome)
        if progress:
            progress(outcome)

    renderer = renderer or SequentialRenderer()
    waiting: deque[_Entry | FolderEnd] = deque()
    unstable: set[str] = set()
    """Folders with a document not as generated (no note of them is kept)."""

    def settle(entry: _Entry | FolderEnd) -> None:
        if isinstance(entry, FolderEnd):
            if not dry_run:
                note_folder(run.manifest, run.folder, entry, entry.folder not in unstable)
            return
        outcome = _settle(run, entry, rendered)
        if outcome.status not in STABLE:
            unstable.add(str(outcome.path).rpartition("/")[0])
        emit(outcome)

    try:
        for item in planned:
            if isinstance(item, Skipped):
                run.manifest.seen_folder(item.folder)
                tally.counts["unchanged"] += item.count
                if skipped:
                    skipped(item)
                continue
            if isinstance(item, FolderEnd):
                waiting.append(item)
                continue
            run.manifest.seen(str(item.path))
            outcome, on_disk, record = run.precheck(item)
            if outcome is not None and not waiting:
                settle((item, outcome, on_disk, record, None))
                continue
            waiting.append((item, outcome, on_disk, record, None if outcome else
                            renderer.submit(item, run.delivery(item.path, on_disk, record))))
            # A bounded window keeps memory flat however many documents there are.
            while len(waiting) > renderer.window or (waiting and _ready(waiting[0])):
                settle(waiting.popleft())
        while waiting:
            settle(waiting.popleft())
        for key, record in run.manifest.unseen():
            for outcome in run.archive(key, record):
                tally.add(outcome)
    finally:
        if not dry_run:
            run.save()
    return tally
