"""Collecting the filled drafts back: what each commune typed, under the name of what it is.

Commune staff fill the fields of their documents (:mod:`mttq_docs.fields`) and send them back;
the Board copies them over the originals or beside them, in the commune's folder or a folder
below it. :func:`collect` reads them and tells, per point:

* what the commune typed: a field's value counts only when it differs from what was
  generated (a conference date pre-filled from the workbook is not the commune's answer), and
  a document still byte for byte as generated is not read at all;
* under which field: the field's tag says what it is (``hoi_nghi.ngay``,
  ``bcd.ho_ten.chu_tich_uy_ban_mttq_xa``) and its title what the commune saw;
* where two documents disagree (the plan says 29/06, the invitation still 27/06): both values,
  each with its file;
* which files could not be read, and why, one by one: a damaged file never stops the run.

Returned files are matched to documents by name (:func:`~mttq_docs.sync.is_copy_of`); a file
of a point that left the plan, a misnamed draft and an unrelated file are told apart. The
tracking workbook (:mod:`mttq_docs.tracking`) and the summary report are written by the rules
of the documents: a version a person edited is kept, the new one goes beside it.
"""

from __future__ import annotations

import datetime as dt
import io
import logging
import os
import re
import zipfile
import zlib
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path, PurePosixPath

from lxml import etree

from .context import Context, ContextBuilder, json_digest
from .documents import PROVINCE_FOLDER, DocumentJob, Layout
from .fields import FieldValue, read_fields
from .kinds import KINDS, REPORT_KIND
from .manifest import Manifest, file_sha256
from .plan import Level, Place, Plan, Point, Remembered
from .progress import CancelToken, Phase, Progress, Reporter
from .render import Renderer, Template
from .summary_figures import figures
from .sync import ARCHIVE_FOLDER, Outcome, is_copy_of, is_new_version, write_keeping_edits
from .vietnamese import date_line, nfc, official_date, parse_date, sort_key

logger = logging.getLogger(__name__)

TRACKING = PurePosixPath(PROVINCE_FOLDER, "theo_doi_tien_do.xlsx")
REPORT = PurePosixPath(PROVINCE_FOLDER, "bao_cao_tong_hop.docx")
MAX_DOCUMENT_XML = 64 * 1024 * 1024
"""The largest body a returned draft may have, uncompressed (a real one is well under 1 MB;
a file claiming more is damaged or hostile)."""
DATE_TAG, VENUE_TAG = "hoi_nghi.ngay", "hoi_nghi.dia_diem"
_COMMUNE_KINDS = "|".join(k.code for k in KINDS if k.level is Level.COMMUNE)
_ANY_COMMUNE_DOCUMENT = re.compile(rf"^\d\d_({_COMMUNE_KINDS})_(\w+)$")


@dataclass(frozen=True)
class Reading:
    """One filled field of one returned file."""

    tag: str
    title: str
    value: str
    file: str
    """Path relative to the output folder."""
    typed: bool
    """``True`` when the commune typed it (it differs from what was generated)."""


@dataclass
class PointProgress:
    """What the documents of one point say, field by field."""

    point: Point
    where: str
    """``huyện Thanh Hà, xã Thanh Bính``."""
    titles: dict[str, str] = field(default_factory=dict)
    """Every field of the point's documents: tag → title as the commune saw it."""
    prefilled: dict[str, str] = field(default_factory=dict)
    """Fields generated with a value (from the workbook): tag → that value."""
    readings: list[Reading] = field(default_factory=list)
    files: list[str] = field(default_factory=list)
    """The returned files read (documents changed since they were generated, and copies)."""
    kept: dict[str, list[str]] = field(default_factory=dict)
    """Files not read because they are as generated: file → the tags they hold."""

    @property
    def returned(self) -> bool:
        """Whether the commune changed anything the product generated."""
        return any(r.typed for r in self.readings)

    def values(self, tag: str) -> dict[str, list[str]]:
        """Every value ``tag`` holds in the point's files → the files holding it, when the
        commune typed one (pre-filled values still standing in other files included)."""
        if not any(r.typed and r.tag == tag for r in self.readings):
            return {}
        found: dict[str, list[str]] = {}
        for reading in self.readings:
            if reading.tag == tag:
                found.setdefault(reading.value, []).append(reading.file)
        if tag in self.prefilled:
            for name, tags in self.kept.items():
                if tag in tags:
                    found.setdefault(self.prefilled[tag], []).append(name)
        return found

    def value(self, tag: str) -> str:
        """The commune's value of ``tag``; disagreeing values joined by ``≠``."""
        return " ≠ ".join(self.values(tag))

    @property
    def disagreements(self) -> dict[str, dict[str, list[str]]]:
        return {tag: found for tag in self.titles if len(found := self.values(tag)) > 1}

    @property
    def to_fill(self) -> list[str]:
        """The fields the commune has to fill (those not pre-filled)."""
        return [tag for tag in self.titles if tag not in self.prefilled]

    @property
    def empty(self) -> list[str]:
        typed = {r.tag for r in self.readings if r.typed}
        return [tag for tag in self.to_fill if tag not in typed]

    @property
    def percent(self) -> int:
        needed = self.to_fill
        if not needed or not self.returned:
            return 0
        return round(100 * (len(needed) - len(self.empty)) / len(needed))


@dataclass(frozen=True)
class Proposal:
    """A change of the workbook a commune's documents report (a moved conference)."""

    point: Point
    where: str
    column: str
    """The ``Phân công`` column: ``Ngày hội nghị`` or ``Địa điểm``."""
    old: str
    new: str
    value: dt.date | str | None
    """What to write; ``None`` when the commune's text is not a date, or values disagree."""
    files: tuple[str, ...]

    def __str__(self) -> str:
        return f"{self.where}: {self.column.lower()} {self.old or '(trống)'} → {self.new}"


@dataclass
class CollectResult:
    tracking: Path
    report: Path
    points: list[PointProgress]
    unreadable: list[tuple[str, str]]
    """(file, why) of every file that could not be used."""
    written: list[Outcome] = field(default_factory=list)
    """What happened to the tracking workbook and the report (kept when a person edited
    them: the new version is then beside)."""
    proposals: list[Proposal] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)
    workbook: Path | None = None
    """The workbook the plan was read from."""

    @property
    def complete(self) -> int:
        return sum(p.percent == 100 for p in self.points)

    @property
    def returned(self) -> int:
        return sum(p.returned for p in self.points)

    @property
    def files_read(self) -> int:
        return sum(len(p.files) for p in self.points)

    @property
    def disagreements(self) -> list[tuple[PointProgress, str, dict[str, list[str]]]]:
        return [(p, tag, found) for p in self.points for tag, found in p.disagreements.items()]


class UnreadableDraft(Exception):
    """A returned file that cannot be read; the message says why, in Vietnamese."""


def read_draft(path: Path) -> list[FieldValue]:
    """The fields of a returned ``.docx``, read with limits: a damaged or hostile file raises
    :class:`UnreadableDraft` with the reason, never anything else."""
    try:
        with zipfile.ZipFile(path) as package:
            info = package.getinfo("word/document.xml")
            if info.file_size > MAX_DOCUMENT_XML:
                raise UnreadableDraft("tệp quá lớn so với một văn bản (có thể bị hỏng)")
            with package.open(info) as stream:
                data = stream.read(MAX_DOCUMENT_XML + 1)
        if len(data) > MAX_DOCUMENT_XML:
            raise UnreadableDraft("tệp quá lớn so với một văn bản (có thể bị hỏng)")
        return read_fields(data)
    except UnreadableDraft:
        raise
    except (zipfile.BadZipFile, EOFError) as err:
        raise UnreadableDraft("không phải tệp Word .docx, hoặc tệp bị hỏng") from err
    except KeyError as err:
        raise UnreadableDraft("tệp .docx thiếu phần nội dung (word/document.xml)") from err
    except (zlib.error, NotImplementedError, RuntimeError, ValueError) as err:
        raise UnreadableDraft("tệp .docx bị hỏng (dữ liệu nén không đọc được) hoặc có mật "
                              "khẩu") from err
    except etree.XMLSyntaxError as err:
        raise UnreadableDraft("nội dung văn bản bị hỏng (XML không hợp lệ)") from err
    except OSError as err:
        raise UnreadableDraft(f"không mở được tệp ({err.strerror or 'lỗi đọc'})") from err
    except MemoryError as err:
        raise UnreadableDraft("tệp quá lớn để đọc") from err


def _clean(text: str) -> str:
    return " ".join(nfc(text).split())


class _Baseline:
    """The fields of each document as generated (rendered again in memory, as ``generate``
    made it), to tell what a commune typed from what it was given."""

    def __init__(self, contexts: ContextBuilder, templates: dict[str, Template]) -> None:
        self._contexts, self._templates, self._renderer = contexts, templates, Renderer()
        self._by_kind_and_model: dict[tuple[str, str], list[FieldValue]] = {}

    def fields(self, job: DocumentJob) -> list[FieldValue]:
        data = self._renderer.render(self._templates[job.kind.code], self._contexts.context(job))
        with zipfile.ZipFile(io.BytesIO(data)) as package:
            fields = read_fields(package.read("word/document.xml"))
        assert job.point is not None
        self._by_kind_and_model.setdefault((job.kind.code, job.point.model.code), fields)
        return fields

    def titles(self, job: DocumentJob) -> list[FieldValue]:
        """The fields of a document of this kind and model (their values aside): rendered
        once per kind and model, for the points nobody returned."""
        assert job.point is not None
        key = (job.kind.code, job.point.model.code)
        if key not in self._by_kind_and_model:
            return self.fields(job)
        return self._by_kind_and_model[key]


def _returned_files(folder: Path) -> Iterator[Path]:
    """Every ``.docx`` under ``folder`` (sub-folders included, the archive and links to
    elsewhere not), but Word's lock files and the temporaries of an interrupted run."""
    for root, dirs, files in os.walk(folder):
        dirs[:] = sorted(d for d in dirs if d != ARCHIVE_FOLDER
                         and not os.path.islink(os.path.join(root, d)))
        for name in sorted(files):
            path = Path(root, name)
            if (name.lower().endswith(".docx") and not name.startswith(("~$", ".~"))
                    and not path.is_symlink()):
                yield path


def _owner(name: str, jobs: list[DocumentJob]) -> DocumentJob | None:
    """The document a file is, by name: its own name, or a copy of it; the longest name wins
    (never a prefix of another commune's name: see :func:`~mttq_docs.sync.is_copy_of`)."""
    matching = [job for job in jobs if is_copy_of(name, job.path.name)]
    return max(matching, key=lambda job: len(job.path.name), default=None)


def _stray_reason(path: Path) -> str:
    """Why a file that matches no document of its folder is not read: three different cases."""
    if _ANY_COMMUNE_DOCUMENT.match(path.stem.split(" ")[0]):
        return ("văn bản của một điểm không còn trong kế hoạch (hoặc tên xã đã đổi): chưa đọc. "
                "Nếu đúng là bản của một xã trong kế hoạch, hãy đổi tên tệp giống tên bản gốc")
    try:
        ours = bool(read_draft(path))
    except UnreadableDraft as err:
        return f"không đọc được ({err})"
    if ours:
        return ("có ô điền của mttq-docs nhưng tên tệp không khớp văn bản nào của thư mục này: "
                "hãy đổi tên tệp giống tên bản gốc (ví dụ 01_ke_hoach_xa_….docx)")
    return "không phải văn bản do mttq-docs tạo (không có ô điền nào): bỏ qua"


class _Collection:
    """One run of :func:`collect` over one output folder."""

    def __init__(self, out: Path, contexts: ContextBuilder, templates: dict[str, Template],
                 manifest: Manifest, report: Reporter) -> None:
        self.out, self.contexts, self.manifest, self.report = out, contexts, manifest, report
        self.baseline = _Baseline(contexts, templates)
        self.unreadable: list[tuple[str, str]] = []
        self.warnings: list[str] = []

    def points(self) -> list[PointProgress]:
        layout = self.contexts.layout
        progress: list[PointProgress] = []
        for folder in layout.folders:
            if folder.level is Level.PROVINCE:
                continue
            jobs = [job for job in layout.folder_jobs(folder) if job.point is not None]
            mine = {id(place): PointProgress(place.point, place.where)
                    for place in layout.places.points[folder.folder] if place.point is not None}
            returned = self._read_folder(folder, jobs, mine)
            for job in jobs:
                point = mine[id(job.place)]
                self._add_fields(point, job, returned.get(job.path.name, []))
            progress += mine.values()
        return progress

    def _read_folder(self, folder: Place, jobs: list[DocumentJob],
                     mine: dict[int, PointProgress]) -> dict[str, list[tuple[str, list[FieldValue]]]]:
        """The files of ``folder`` that differ from what was generated, read, by the name of
        the document they are (several when copies were sent back)."""
        found: dict[str, list[tuple[str, list[FieldValue]]]] = {}
        for path in _returned_files(self.out / folder.folder):
            relative = path.relative_to(self.out).as_posix()
            self.report.step(relative)
            if is_new_version(path.name):
                continue  # a new version this program wrote beside an edited document
            job = _owner(path.name, jobs)
            if job is None:
                if not any(is_copy_of(path.name, j.path.name) for j in
                           self.contexts.layout.folder_jobs(folder)):
                    self.unreadable.append((relative, _stray_reason(path)))
                continue
            record = self.manifest.records.get(job.path.as_posix())
            if record is not None and relative == job.path.as_posix() and \
                    file_sha256(path) == record.output:
                continue  # as generated: nothing typed
            try:
                fields = read_draft(path)
            except UnreadableDraft as err:
                self.unreadable.append((relative, str(err)))
                continue
            found.setdefault(job.path.name, []).append((relative, fields))
        return found

    def _add_fields(self, point: PointProgress, job: DocumentJob,
                    files: list[tuple[str, list[FieldValue]]]) -> None:
        generated = self.baseline.fields(job) if files else self.baseline.titles(job)
        for value in generated:
            point.titles.setdefault(value.tag, value.title)
        if not files:
            point.kept[job.path.as_posix()] = []  # its values: see prefill_kept
            return
        for value in generated:
            if value.filled:
                point.prefilled.setdefault(value.tag, _clean(value.text))
        given = {value.tag: _clean(value.text) for value in generated if value.filled}
        for relative, fields in files:
            point.files.append(relative)
            if generated and not fields:
                self.warnings.append(f"{relative}: không còn ô điền nào (có thể đã bị chuyển "
                                     "thành chữ thường khi sửa), không đọc được giá trị; hãy "
                                     "nhập tay vào bảng theo dõi hoặc gửi lại bản có ô điền.")
            for value in fields:
                if not value.filled:
                    continue
                text = _clean(value.text)
                point.titles.setdefault(value.tag, value.title)
                point.readings.append(Reading(value.tag, value.title or point.titles[value.tag],
                                              text, relative, text != given.get(value.tag)))

    def prefill_kept(self, points: list[PointProgress]) -> None:
        """For the points that returned something, the values their documents not sent back
        still hold (an invitation left as generated keeps the workbook's date)."""
        returned = {id(p.point): p for p in points if p.returned}
        layout = self.contexts.layout
        for folder in layout.folders[1:]:
            for job in layout.folder_jobs(folder):
                point = returned.get(id(job.point))
                if point is None or job.path.as_posix() not in point.kept:
                    continue
                filled = [value for value in self.baseline.fields(job) if value.filled]
                point.kept[job.path.as_posix()] = [value.tag for value in filled]
                for value in filled:
                    point.prefilled.setdefault(value.tag, _clean(value.text))


def proposals(points: list[PointProgress]) -> list[Proposal]:
    """The conference dates and venues communes report differently from the workbook."""
    found = []
    for progress in points:
        point = progress.point
        for tag, column, old in ((DATE_TAG, "Ngày hội nghị", point.conference_date),
                                 (VENUE_TAG, "Địa điểm", point.venue)):
            typed = {r.value: r.file for r in progress.readings if r.tag == tag and r.typed}
            if not typed:
                continue
            old_text = f"{old:%d/%m/%Y}" if isinstance(old, dt.date) else (old or "")
            if len(typed) > 1:
                found.append(Proposal(point, progress.where, column, old_text,
                                      " hoặc ".join(typed), None, tuple(typed.values())))
                continue
            text, file = next(iter(typed.items()))
            value: dt.date | str | None = parse_date(text) if tag == DATE_TAG else text
            if value is None or value == old or (isinstance(value, str) and isinstance(old, str)
                                                 and _clean(old) == value):
                if value is None:
                    found.append(Proposal(point, progress.where, column, old_text,
                                          f"“{text}” (không hiểu là ngày nào)", None, (file,)))
                continue
            new_text = f"{value:%d/%m/%Y}" if isinstance(value, dt.date) else value
            found.append(Proposal(point, progress.where, column, old_text, new_text, value,
                                  (file,)))
    return found


def _report_place(point: Point) -> str:
    """``Huyện Kim Thành, xã Kim Xuyên`` (or ``(chưa chọn xã)``); without districts,
    ``Xã Mao Điền``: how the summary names a point."""
    if point.district:
        return f"Huyện {point.district}, {point.commune or '(chưa chọn xã)'}"
    if point.commune:
        return f"{point.unit_type.capitalize()} {point.commune}"
    return "(Chưa chọn xã, phường, đặc khu)"


def _inline(value: str) -> str:
    """A typed answer inside a sentence: its closing punctuation dropped."""
    return value.rstrip(" .;,")


def report_context(plan: Plan, contexts: ContextBuilder, points: list[PointProgress],
                   today: dt.date | None = None) -> Context:
    """The summary report's context: the province's values and what the points returned,
    dated ``today`` (the day it is made) in the province's place name."""
    context = contexts.context(DocumentJob(REPORT_KIND, REPORT, contexts.layout.places.province))
    day = today or dt.date.today()
    context["dia_danh_ngay"] = date_line(plan.settings.place, day)
    context["ngay_bao_cao"] = official_date(day)
    groups = []
    for model in plan.models:
        mine = sorted((p for p in points if p.point.model.code == model.code),
                      key=lambda p: sort_key(p.point.district or ""))
        if not mine:
            continue
        groups.append({"ten": model.name, "quy_uoc": model.regulation, "diem": [
            {"huyen": p.point.district or "", "xa": p.point.commune or "",
             "noi": _report_place(p.point),
             "hoan_thanh": p.percent,
             # The report's sentence puts its own punctuation after each typed value.
             "hoi_nghi": _inline(p.value(DATE_TAG)),
             "dia_diem": _inline(p.value(VENUE_TAG)),
             "ban_chi_dao": _inline(p.value("bao_cao.ban_chi_dao")),
             "quy_dinh": _inline(p.value("bao_cao.quy_uoc")),
             "kho_khan": _inline(p.value("bao_cao.kho_khan")),
             "de_xuat": p.value("bao_cao.de_xuat")}
            for p in mine]})
    ordered = [p for group in plan.models for p in points if p.point.model.code == group.code]
    context.update({
        **figures((_report_place(p.point), p) for p in ordered if p.returned),
        "nhom": groups,
        "co_de_xuat": any(p.value("bao_cao.de_xuat") for p in points),
        "so_diem_bao_cao": sum(p.returned for p in points),
        "so_diem_hoan_thanh": sum(p.percent == 100 for p in points),
    })
    return context


def collect(out: Path, plan: Plan, templates: dict[str, Template], manifest: Manifest, *,
            today: dt.date | None = None, progress: Progress | None = None,
            cancel: CancelToken | None = None, remembered: Remembered | None = None
            ) -> CollectResult:
    """Read every returned commune document under ``out``; write the tracking workbook and
    the summary report (``templates``: the run's, the report's included) into ``tinh/``;
    ``manifest``: the folder's record, held by the caller."""
    from .tracking import tracking_workbook  # openpyxl: only `collect` needs it

    today = today or dt.date.today()
    contexts = ContextBuilder(plan, Layout(plan, remembered=remembered))
    run = _Collection(out, contexts, templates, manifest,
                      Reporter(Phase.COLLECT, None, progress, cancel))
    points = run.points()
    run.prefill_kept(points)
    changes = proposals(points)
    tables = tracking_workbook(points, run.unreadable, changes)
    written = [write_keeping_edits(out, manifest, TRACKING, tables.data, tables.digest,
                                   "Bảng theo dõi tiến độ", today)]
    context = report_context(plan, contexts, points, today)
    report = Renderer().render(templates[REPORT_KIND.code], context)
    written.append(write_keeping_edits(out, manifest, REPORT, report, json_digest(context),
                                       REPORT_KIND.label, today))
    return CollectResult(out / TRACKING, out / REPORT, points, run.unreadable, written,
                         changes, run.warnings)
