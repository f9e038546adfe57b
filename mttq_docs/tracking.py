"""The tracking workbook ``tinh/theo_doi_tien_do.xlsx``: what came back, for a person in Excel.

Sheets, each with a frozen header row, filters and column widths:

* ``Tiến độ``: one row per point (returned or not, %, files read) and one column per field,
  headed by the field's title as the commune saw it (the committee's members by position);
* ``Khác nhau``: every field two documents of one commune fill differently, each value with
  its file (first, so it is not missed);
* ``Tất cả giá trị``: one row per value read, with its file: nothing typed is left out, even a
  field that fits no column;
* ``Còn trống``: what returned communes still have to fill;
* ``Đề xuất sửa bảng tính``: conference dates and venues reported differently from the
  workbook;
* ``Tệp chưa đọc``: every file not used, and why.

Every value is written as text: a commune's ``=HYPERLINK(…)`` stays the characters it typed,
never a formula.
"""

from __future__ import annotations

import io
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING

from openpyxl import Workbook
from openpyxl.styles import Alignment, Font, PatternFill
from openpyxl.utils import get_column_letter

from .context import json_digest

if TYPE_CHECKING:
    from openpyxl.worksheet.worksheet import Worksheet

    from .collect import PointProgress, Proposal

Row = Sequence[str | int]
_HEADER_FILL = PatternFill("solid", fgColor="DDEBF7")
_WARNING_FILL = PatternFill("solid", fgColor="FCE4D6")


@dataclass(frozen=True)
class Tables:
    data: bytes
    digest: str
    """Of the tables' content (the file's bytes carry a time stamp)."""


def _sheet(book: Workbook, title: str, header: Row, rows: Iterable[Row],
           widths: Sequence[int], *, freeze: str = "A2") -> Worksheet:
    sheet: Worksheet = book.create_sheet(title)
    for values in [header, *rows]:
        sheet.append(list(values))
    for cell in sheet[1]:
        cell.data_type = "s"
        cell.font = Font(bold=True)
        cell.fill = _HEADER_FILL
        cell.alignment = Alignment(wrap_text=True, vertical="top")
    for cells in sheet.iter_rows(min_row=2):
        for cell in cells:
            if isinstance(cell.value, str):
                cell.data_type = "s"  # never a formula, whatever the text starts with
    for index in range(1, len(header) + 1):
        width = widths[index - 1] if index <= len(widths) else widths[-1]
        sheet.column_dimensions[get_column_letter(index)].width = width
    sheet.freeze_panes = freeze
    sheet.auto_filter.ref = sheet.dimensions
    return sheet


def _headers(titles: dict[str, str]) -> list[str]:
    """A column per field, headed by its title; a title two fields share gets each tag."""
    seen: dict[str, int] = {}
    for title in titles.values():
        seen[title] = seen.get(title, 0) + 1
    return [title if seen[title] == 1 else f"{title} [{tag}]" for tag, title in titles.items()]


def tracking_workbook(points: list[PointProgress], unreadable: list[tuple[str, str]],
                      proposals: list[Proposal]) -> Tables:
    titles: dict[str, str] = {}
    for point in points:
        for tag, title in point.titles.items():
            titles.setdefault(tag, title)
    tags = list(titles)
    progress = [[p.point.district or "", p.point.commune or "", p.point.model.code,
                 "Đã gửi" if p.returned else "Chưa gửi", p.percent, len(p.files),
                 *[p.value(tag) for tag in tags]] for p in points]
    differences = [[p.point.district or "", p.point.commune or "", p.titles.get(tag, tag), tag,
                    value, ", ".join(files)]
                   for p in points for tag, found in p.disagreements.items()
                   for value, files in found.items()]
    readings = [[p.point.district or "", p.point.commune or "", r.file, r.title, r.tag, r.value,
                 "Xã nhập" if r.typed else "Có sẵn từ bảng tính"]
                for p in points for r in p.readings]
    empty = [[p.point.district or "", p.point.commune or "", p.titles[tag], tag]
             for p in points if p.returned for tag in p.empty]
    changes = [[c.point.district or "", c.point.commune or "", c.column, c.old, c.new,
                "Có" if c.value is not None else "Không (cần xem lại)", ", ".join(c.files)]
               for c in proposals]
    stray = [list(entry) for entry in unreadable]
    content = {"progress": progress, "tags": tags, "differences": differences,
               "readings": readings, "empty": empty, "changes": changes, "unreadable": stray}

    book = Workbook()
    for default in list(book.worksheets):
        book.remove(default)
    place = ["Huyện", "Xã/Thị trấn"]
    sheet = _sheet(book, "Tiến độ",
                   [*place, "Mô hình", "Đã gửi", "Hoàn thành (%)", "Số tệp đã đọc",
                    *_headers(titles)], progress, [16, 18, 9, 10, 12, 10, 26], freeze="C2")
    for row in sheet.iter_rows(min_row=2):
        if any(isinstance(cell.value, str) and " ≠ " in cell.value for cell in row):
            for cell in row:
                cell.fill = _WARNING_FILL
    _sheet(book, "Khác nhau", [*place, "Trường", "Mã trường", "Giá trị", "Trong tệp"],
           differences, [16, 18, 30, 24, 30, 50])
    _sheet(book, "Tất cả giá trị", [*place, "Tệp", "Trường", "Mã trường", "Giá trị", "Nguồn"],
           readings, [16, 18, 45, 30, 24, 40, 18])
    _sheet(book, "Còn trống", [*place, "Trường", "Mã trường"], empty, [16, 18, 40, 30])
    _sheet(book, "Đề xuất sửa bảng tính", [*place, "Cột", "Trong bảng tính", "Xã báo",
                                           "Ghi được vào bảng tính", "Trong tệp"],
           changes, [16, 18, 16, 18, 24, 20, 50])
    _sheet(book, "Tệp chưa đọc", ["Tệp", "Lý do"], stray, [50, 90])
    buffer = io.BytesIO()
    book.save(buffer)
    return Tables(buffer.getvalue(), json_digest(content))
