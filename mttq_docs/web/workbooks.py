"""The plan's workbook on the page: checked, shown as a person thinks of it, and an uploaded
one taken into the work folder.

An uploaded workbook is checked first, from a temporary file inside the work folder; only a
valid one is kept, under its own safe name beside the current workbook (never over another
file: ``ke_hoach_2018_2.xlsx`` when the name is taken by different bytes), and the folder's
marker is then pointed at it. The previous workbook stays where it was.
"""

from __future__ import annotations

import datetime as dt
import json
import os
import re
import tempfile
from dataclasses import dataclass
from pathlib import Path, PurePosixPath
from typing import Any

from .. import api
from ..errors import Problem, WorkbookError, WorkbookFileError
from ..manifest import file_sha256, sha256
from ..output import write_atomic
from ..validation import LoadResult
from ..vietnamese import ascii_slug
from ..workfolder import MARKER, WorkFolder

MAX_WORKBOOK = 20 * 1024 * 1024
"""The largest workbook accepted (a national plan's is about 2 MB)."""
_MARKER_LINE = re.compile(r"^\s*bang_tinh\s*=.*$", re.MULTILINE)


@dataclass
class Checked:
    """A workbook checked: its plan when valid, else its errors; warnings either way."""

    name: str
    loaded: LoadResult | None
    errors: list[Problem]
    warnings: list[Problem]
    unreadable: str = ""

    def view(self) -> dict[str, Any]:
        return {"ten": self.name, "hop_le": self.loaded is not None,
                "khong_doc_duoc": self.unreadable,
                "loi": [problem_view(p) for p in self.errors],
                "luu_y": [problem_view(p) for p in self.warnings],
                "ke_hoach": plan_view(self.loaded) if self.loaded else None}


def check(path: Path, name: str | None = None) -> Checked:
    """Validate ``path`` with the library; ``name`` is how the page calls the file."""
    name = name or path.name
    try:
        loaded = api.validate(path)
    except WorkbookError as err:
        return Checked(name, None, err.problems, err.warnings)
    except WorkbookFileError as err:
        return Checked(name, None, [], [], f"Không đọc được bảng tính {name}: {err.reason}")
    return Checked(name, loaded, [], list(loaded.warnings))


def problem_view(problem: Problem) -> dict[str, Any]:
    """One row of the table of problems: where, what, and what to do (the words of
    ``mttq-docs validate``: ``str(problem)`` is the place followed by this text)."""
    text = str(problem)
    return {"muc": "Lỗi" if problem.level == "error" else "Lưu ý", "sheet": problem.sheet,
            "dong": problem.row, "cot": problem.column or "",
            "gia_tri": _text(problem.value), "noi_dung": text.split(": ", 1)[-1],
            "van_ban": text}


def _text(value: object) -> str:
    if value is None:
        return ""
    if isinstance(value, dt.datetime):
        value = value.date()
    if isinstance(value, dt.date):
        return f"{value:%d/%m/%Y}"
    return str(value)


def plan_view(loaded: LoadResult) -> dict[str, Any]:
    """The plan as the Board thinks of it: per district, its communes and their models."""
    plan = loaded.plan
    settings = plan.settings
    districts: dict[str, list[dict[str, str]]] = {}
    for point in plan.points:
        districts.setdefault(point.district or "", []).append({
            "xa": f"{point.unit_type} {point.commune}" if point.commune else "(chưa chọn xã)",
            "mo_hinh": point.model.name, "ma_mo_hinh": point.model.code,
            "ngay": _text(point.conference_date), "dia_diem": point.venue or ""})
    return {"nam": settings.year, "tinh": f"{settings.province_level} {settings.province}",
            "mo_hinh": [{"ma": m.code, "ten": m.name} for m in plan.models],
            "so_diem": len(plan.points), "so_huyen": len(plan.districts),
            "cap_huyen": settings.district_level,
            # A plan of the two-level local government (since 2025) has no district.
            "hai_cap": not plan.districts,
            "huyen": [{"ten": name, "diem": points} for name, points in districts.items()]}


def take_upload(folder: WorkFolder, filename: str, data: bytes) -> tuple[Checked, Path | None]:
    """Check an uploaded workbook; when valid, keep it in the work folder and make it the
    folder's workbook. Returns the check and the path it was kept at (``None``: not kept)."""
    shown = os.path.basename(filename.replace("\\", "/")) or "bang_tinh.xlsx"
    if not shown.lower().endswith(".xlsx") or not data.startswith(b"PK"):
        return Checked(shown, None, [], [], f"{shown} không phải bảng tính Excel (.xlsx). Hãy "
                       "chọn tệp .xlsx (trong Excel: Lưu thành → Sổ làm việc Excel)."), None
    home = _home(folder)
    handle, temporary = tempfile.mkstemp(dir=home, prefix=".~tai-len-", suffix=".xlsx")
    try:
        with os.fdopen(handle, "wb") as stream:
            stream.write(data)
        checked = check(Path(temporary), shown)
        if checked.loaded is None:
            return checked, None
        kept = _keep(home, ascii_slug(Path(shown).stem) or "ke_hoach", data)
    finally:
        Path(temporary).unlink(missing_ok=True)
    point_marker_at(folder.root, kept)
    return checked, kept


def _home(folder: WorkFolder) -> Path:
    """Where uploaded workbooks go: beside the current one when it is inside the folder."""
    parent = folder.workbook.parent
    inside = parent.resolve().is_relative_to(folder.root.resolve()) and parent.is_dir()
    return parent if inside and not parent.is_symlink() else folder.root


def _keep(home: Path, stem: str, data: bytes) -> Path:
    """Move the checked upload to ``stem.xlsx`` (or ``stem_2.xlsx``… when that name holds
    other bytes): an existing workbook is never overwritten."""
    digest = sha256(data)
    for number in range(1, 1000):
        target = home / (f"{stem}.xlsx" if number == 1 else f"{stem}_{number}.xlsx")
        if target.is_symlink():
            continue
        if target.exists():
            if file_sha256(target) == digest:
                return target  # the same workbook uploaded again
            continue
        write_atomic(target, data)
        return target
    raise WorkbookFileError(stem, "quá nhiều bảng tính cùng tên trong thư mục làm việc.")


def point_marker_at(root: Path, workbook: Path) -> None:
    """Make ``workbook`` the work folder's workbook (its marker's ``bang_tinh`` line), keeping
    the marker's other lines and comments."""
    marker = root / MARKER
    relative = PurePosixPath(workbook.resolve().relative_to(root.resolve()).as_posix())
    line = f"bang_tinh = {json.dumps(str(relative), ensure_ascii=False)}"  # TOML's escapes
    text = marker.read_text(encoding="utf-8")
    if _MARKER_LINE.search(text):
        text = _MARKER_LINE.sub(line, text, count=1)
    else:
        text = f"{line}\n{text}"
    write_atomic(marker, text.encode("utf-8"))
