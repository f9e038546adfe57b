"""Collecting the filled drafts back: progress per point and the province summary.

Commune staff fill the fields of their documents (:mod:`mttq_docs.fields`) and send them back,
copied over the originals or into the same district folder. :func:`collect` reads every
document of every point, writes the tracking workbook ``tinh/theo_doi_tien_do.xlsx`` (one row
per point, one column per field, a completion percentage, a sheet of what is still empty) and
the summary report ``tinh/bao_cao_tong_hop.docx``. A file it cannot read is listed with the
reason and the run goes on.
"""

from __future__ import annotations

import io
import logging
import zipfile
from dataclasses import dataclass, field
from pathlib import Path, PurePosixPath

from .context import Context, ContextBuilder
from .documents import PROVINCE_FOLDER, DocumentJob
from .fields import FieldValue, read_fields
from .kinds import REPORT_KIND
from .output import write_atomic
from .plan import Level, Plan, Point
from .progress import CancelToken, Phase, Progress, Reporter
from .render import Renderer, Template
from .vietnamese import sort_key

logger = logging.getLogger(__name__)

TRACKING = PurePosixPath(PROVINCE_FOLDER, "theo_doi_tien_do.xlsx")
REPORT = PurePosixPath(PROVINCE_FOLDER, "bao_cao_tong_hop.docx")


@dataclass
class PointProgress:
    """What the documents of one point say, field by field."""

    point: Point
    titles: dict[str, str] = field(default_factory=dict)
    values: dict[str, str] = field(default_factory=dict)
    """Filled values by tag; a tag is here only once someone filled it."""
    empty: list[tuple[str, str, str]] = field(default_factory=list)
    """(document file, field title, tag) of every field still empty."""

    @property
    def percent(self) -> int:
        return round(100 * len(self.values) / len(self.titles)) if self.titles else 0


@dataclass
class CollectResult:
    tracking: Path
    report: Path
    points: list[PointProgress]
    unreadable: list[tuple[str, str]]

    @property
    def complete(self) -> int:
        return sum(p.percent == 100 for p in self.points)


def _read(path: Path) -> list[FieldValue]:
    with zipfile.ZipFile(path) as package:
        return read_fields(package.read("word/document.xml"))


def _owner(path: Path, jobs: list[DocumentJob]) -> DocumentJob | None:
    """The document a file is, by name: its own path, or a copy named after it."""
    for job in jobs:
        if path.name == job.path.name:
            return job
    return next((job for job in jobs if path.stem.startswith(job.path.stem)), None)


def _gather(out: Path, contexts: ContextBuilder, report: Reporter
            ) -> tuple[list[PointProgress], list[tuple[str, str]]]:
    plan, layout = contexts.plan, contexts.layout
    progress = {id(point): PointProgress(point) for point in plan.points}
    unreadable = []
    for folder in layout.folders:
        if folder.level is Level.PROVINCE:
            continue
        mine = layout.folder_jobs(folder)
        # Originals first, so that a copy sent back later overrides them.
        files = sorted((out / folder.folder).glob("*.docx"),
                       key=lambda p: (all(p.name != j.path.name for j in mine), p.name))
        for path in files:
            if path.name.startswith(("~$", ".~")) or ".moi-" in path.name:
                continue
            job = _owner(path, mine)
            relative = str(path.relative_to(out))
            report.step(relative)
            if job is not None and job.point is None:
                continue  # the district's own documents have no fields to collect
            if job is None:
                unreadable.append((relative, "không nhận ra văn bản của điểm nào (đổi tên tệp "
                                             "giống tên bản gốc)"))
                continue
            try:
                values = _read(path)
            except (zipfile.BadZipFile, KeyError, OSError, ValueError) as err:
                unreadable.append((relative, f"không đọc được tệp Word ({err})"))
                continue
            assert job.point is not None
            _merge(progress[id(job.point)], path.name, values)
    return list(progress.values()), unreadable


def _merge(progress: PointProgress, name: str, values: list[FieldValue]) -> None:
    for value in values:
        progress.titles.setdefault(value.tag, value.title)
        if value.filled:
            progress.values[value.tag] = value.text.strip()
            progress.empty = [e for e in progress.empty if e[2] != value.tag]
        elif value.tag not in progress.values:
            progress.empty.append((name, value.title, value.tag))


def _tracking_workbook(plan: Plan, points: list[PointProgress],
                       unreadable: list[tuple[str, str]]) -> bytes:
    tags = list(dict.fromkeys(tag for p in points for tag in p.titles))
    titles = {tag: p.titles[tag] for p in points for tag in p.titles}
    rows = []
    for p in points:
        row = {"Huyện": p.point.district, "Xã/Thị trấn": p.point.commune or "",
               "Mô hình": p.point.model.code, "Hoàn thành (%)": p.percent}
        row.update({f"{titles[tag]} [{tag}]": p.values.get(tag, "") for tag in tags})
        rows.append(row)
    import pandas as pd  # only `collect` needs it; imported here to keep start-up fast

    empty = [{"Huyện": p.point.district, "Xã/Thị trấn": p.point.commune or "",
              "Văn bản": name, "Trường": title, "Mã trường": tag}
             for p in points for name, title, tag in p.empty]
    buffer = io.BytesIO()
    with pd.ExcelWriter(buffer, engine="openpyxl") as writer:
        pd.DataFrame(rows).to_excel(writer, sheet_name="Tiến độ", index=False)
        pd.DataFrame(empty, columns=["Huyện", "Xã/Thị trấn", "Văn bản", "Trường", "Mã trường"]
                     ).to_excel(writer, sheet_name="Còn trống", index=False)
        pd.DataFrame(unreadable, columns=["Tệp", "Lý do"]).to_excel(
            writer, sheet_name="Không đọc được", index=False)
        for sheet in writer.sheets.values():
            for column in sheet.columns:
                sheet.column_dimensions[column[0].column_letter].width = 24
            sheet.freeze_panes = "A2"
    return buffer.getvalue()


def report_context(plan: Plan, contexts: ContextBuilder, points: list[PointProgress]
                   ) -> Context:
    """The summary report's context: the province's values and what the points returned."""
    context = contexts.context(DocumentJob(REPORT_KIND, REPORT, contexts.layout.places.province))
    groups = []
    for model in plan.models:
        mine = sorted((p for p in points if p.point.model.code == model.code),
                      key=lambda p: sort_key(p.point.district or ""))
        if not mine:
            continue
        groups.append({"ten": model.name, "quy_uoc": model.regulation, "diem": [
            {"huyen": p.point.district, "xa": p.point.commune or "",
             "hoan_thanh": p.percent,
             "hoi_nghi": p.values.get("hoi_nghi.ngay", ""),
             "dia_diem": p.values.get("hoi_nghi.dia_diem", ""),
             "ban_chi_dao": p.values.get("bao_cao.ban_chi_dao", ""),
             "quy_dinh": p.values.get("bao_cao.quy_uoc", ""),
             "kho_khan": p.values.get("bao_cao.kho_khan", ""),
             "de_xuat": p.values.get("bao_cao.de_xuat", "")}
            for p in mine]})
    context.update({
        "nhom": groups,
        "so_diem_bao_cao": sum(bool(p.values) for p in points),
        "so_diem_hoan_thanh": sum(p.percent == 100 for p in points),
    })
    return context


def collect(out: Path, plan: Plan, template: Template, *, progress: Progress | None = None,
            cancel: CancelToken | None = None) -> CollectResult:
    """Read every commune document under ``out`` and write the tracking workbook and report
    (``template``: the summary report's)."""
    contexts = ContextBuilder(plan)
    points, unreadable = _gather(out, contexts, Reporter(Phase.COLLECT, None, progress, cancel))
    tracking, report = out / TRACKING, out / REPORT
    write_atomic(tracking, _tracking_workbook(plan, points, unreadable))
    write_atomic(report, Renderer().render(template, report_context(plan, contexts, points)))
    return CollectResult(tracking, report, points, unreadable)
