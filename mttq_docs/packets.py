"""Packets ready to send: a PDF beside each document, one zip per folder.

Both follow the regeneration rules: a PDF is made again only when its ``.docx`` changed, a zip
only when one of its files changed (the record keeps the hash of their sources). A PDF whose
document left the plan goes to the archive with it. Zips are reproducible (fixed timestamps,
sorted entries), and hold ASCII names under a folder named like the district's.
"""

from __future__ import annotations

import datetime as dt
import json
import logging
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path, PurePosixPath

from .errors import PdfError
from .manifest import Manifest, file_sha256, sha256
from .output import OutputFolder
from .pdf import convert_to_pdf, font_warning
from .progress import CancelToken, Phase, Progress, Reporter
from .render import reproducible_zip
from .sync import Outcome, move_to_archive, write_keeping_edits

logger = logging.getLogger(__name__)


@dataclass
class PacketResult:
    pdf_made: list[PurePosixPath] = field(default_factory=list)
    pdf_unchanged: int = 0
    pdf_archived: list[PurePosixPath] = field(default_factory=list)
    pdf_error: str | None = None
    font_warning: str | None = None
    """Vietnamese warning when the PDFs made print with a fallback font (see
    :func:`mttq_docs.pdf.font_warning`); ``None`` when their fonts are right."""
    zip_made: list[PurePosixPath] = field(default_factory=list)
    zip_unchanged: int = 0
    kept: list[Outcome] = field(default_factory=list)
    """PDFs and zips a person made or changed where a new one was due: kept, the new one
    written beside them (``moved_to``)."""


def _pdf_of(path: PurePosixPath) -> PurePosixPath:
    return path.with_suffix(".pdf")


def make_pdfs(folder: OutputFolder, manifest: Manifest, documents: Iterable[PurePosixPath],
              result: PacketResult, *, dry_run: bool, today: dt.date,
              report: Reporter | None = None, processes: int = 1) -> None:
    """A PDF beside every document whose PDF is missing or older than the document."""
    documents = list(documents)
    wanted = {str(_pdf_of(d)) for d in documents}
    stale = []
    for document in documents:
        source = file_sha256(folder.path(document))
        record = manifest.derived.get(str(_pdf_of(document)))
        if source is None:
            continue
        if record and record.inputs == source and folder.path(_pdf_of(document)).exists():
            result.pdf_unchanged += 1
        else:
            stale.append((document, source))
    for key in [k for k in manifest.derived if k.endswith(".pdf") and k not in wanted]:
        if folder.path(PurePosixPath(key)).exists() and not dry_run:
            move_to_archive(folder.root, PurePosixPath(key), today)
        result.pdf_archived.append(PurePosixPath(key))
        if not dry_run:
            del manifest.derived[key]
    if dry_run:
        result.pdf_made = [_pdf_of(d) for d, _ in stale]
        return
    if report is not None:
        report.total = len(stale)
    sources = {folder.path(d): (d, source) for d, source in stale}

    def deliver(path: Path, data: bytes) -> Path:
        document, source = sources[path]
        outcome = write_keeping_edits(folder.root, manifest, _pdf_of(document), data, source,
                                      f"PDF của {document.name}", today)
        if outcome.status == "beside":
            result.kept.append(outcome)
        else:
            result.pdf_made.append(_pdf_of(document))
        if report is not None:
            report.step(str(_pdf_of(document)))
        return folder.path(outcome.moved_to or _pdf_of(document))

    made = convert_to_pdf(list(sources), deliver=deliver, processes=processes)
    # The fonts LibreOffice found on this machine decide how the PDFs print.
    result.font_warning = font_warning(made)


def _zip_members(folder: OutputFolder, manifest: Manifest, documents: list[PurePosixPath]
                 ) -> list[tuple[PurePosixPath, str]]:
    """The files of a packet with their hashes: documents, and their PDFs when up to date."""
    members = []
    for document in sorted(documents):
        digest = file_sha256(folder.path(document))
        if digest is None:
            continue
        members.append((document, digest))
        pdf = _pdf_of(document)
        record = manifest.derived.get(str(pdf))
        pdf_digest = file_sha256(folder.path(pdf))
        if record and record.inputs == digest and pdf_digest:
            members.append((pdf, pdf_digest))
    return members


def zip_bytes(folder: OutputFolder, members: list[tuple[PurePosixPath, str]]) -> bytes:
    return reproducible_zip((str(path), folder.path(path).read_bytes())
                            for path, _ in members)


def make_zips(folder: OutputFolder, manifest: Manifest, documents: Iterable[PurePosixPath],
              result: PacketResult, *, dry_run: bool, today: dt.date,
              progress: Progress | None = None, cancel: CancelToken | None = None) -> None:
    """One ``<folder>.zip`` per folder of documents, rebuilt only when its content changed."""
    by_folder: dict[str, list[PurePosixPath]] = {}
    for document in documents:
        by_folder.setdefault(document.parts[0], []).append(document)
    report = Reporter(Phase.ZIP, len(by_folder), progress, cancel)
    for name_of_folder, members in sorted(by_folder.items()):
        name = PurePosixPath(f"{name_of_folder}.zip")
        listing = _zip_members(folder, manifest, members)
        inputs = sha256(json.dumps([(str(p), d) for p, d in listing]).encode())
        record = manifest.derived.get(str(name))
        if record and record.inputs == inputs and file_sha256(folder.path(name)) == record.output:
            result.zip_unchanged += 1
        elif dry_run:
            result.zip_made.append(name)
        else:
            # A zip a person made or changed there is kept; the new one then goes beside it.
            outcome = write_keeping_edits(folder.root, manifest, name, zip_bytes(folder, listing),
                                          inputs, f"Gói {name.name}", today)
            if outcome.status == "beside":
                result.kept.append(outcome)
            elif outcome.status != "unchanged":
                result.zip_made.append(name)
        report.step(str(name))


def make_packets(out: Path, documents: list[PurePosixPath], *, pdf: bool, zips: bool,
                 dry_run: bool = False, today: dt.date | None = None,
                 manifest: Manifest | None = None, progress: Progress | None = None,
                 cancel: CancelToken | None = None, processes: int = 1) -> PacketResult:
    """PDFs and/or zips for the documents of a run (paths relative to ``out``).

    ``manifest``: the folder's record, held by the caller's run (opened here otherwise)."""
    if manifest is None:
        with Manifest.open(out, dry_run=dry_run) as opened:
            return make_packets(out, documents, pdf=pdf, zips=zips, dry_run=dry_run,
                                today=today, manifest=opened, progress=progress, cancel=cancel,
                                processes=processes)
    result = PacketResult()
    folder = OutputFolder(out)
    try:
        if pdf:
            report = Reporter(Phase.PDF, len(documents), progress, cancel)
            try:
                make_pdfs(folder, manifest, documents, result, dry_run=dry_run,
                          today=today or dt.date.today(), report=report, processes=processes)
            except PdfError as err:  # LibreOffice missing or failing: the .docx stay
                result.pdf_error = err.message
        if zips:
            make_zips(folder, manifest, documents, result, dry_run=dry_run,
                      today=today or dt.date.today(), progress=progress, cancel=cancel)
    finally:
        if not dry_run:
            manifest.save()
    return result
