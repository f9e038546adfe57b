"""Writing what communes reported back into the plan workbook, on request.

Only the cells of the proposed changes are written (the ``Ngày hội nghị`` or ``Địa điểm`` of
a point's ``Phân công`` row); everything else in the workbook, its formatting included, is
left as openpyxl reads and saves it. A copy of the workbook as it was is kept beside it first,
and the new workbook replaces the old one in one step (never half-written).
"""

from __future__ import annotations

import datetime as dt
import shutil
from dataclasses import dataclass
from pathlib import Path

from .collect import Proposal
from .errors import WorkbookFileError
from .output import write_atomic
from .vietnamese import name_key

SHEET = "Phân công"


@dataclass(frozen=True)
class Applied:
    backup: Path
    written: list[Proposal]
    skipped: list[tuple[Proposal, str]]
    """Changes not written, with the reason (the values disagree, not a date, no column)."""


def backup_name(workbook: Path, today: dt.date) -> Path:
    base = workbook.with_name(f"{workbook.stem}.truoc-cap-nhat-{today.isoformat()}")
    candidate, counter = base.with_suffix(workbook.suffix), 2
    while candidate.exists():
        candidate = workbook.with_name(f"{base.name}-{counter}{workbook.suffix}")
        counter += 1
    return candidate


def apply_proposals(workbook: Path, proposals: list[Proposal], today: dt.date) -> Applied:
    """Write the ``proposals`` that have one clear value into ``workbook``."""
    import openpyxl  # only this command needs it

    try:
        book = openpyxl.load_workbook(workbook)
    except Exception as err:  # noqa: BLE001 - any failure to open is the same to the user
        raise WorkbookFileError(str(workbook), "không mở được để ghi thay đổi") from err
    sheet_name = next((name for name in book.sheetnames if name_key(name) == name_key(SHEET)),
                      None)
    if sheet_name is None:
        raise WorkbookFileError(str(workbook), f"không có sheet {SHEET}")
    sheet = book[sheet_name]
    columns = {name_key(str(cell.value)): cell.column for cell in sheet[1] if cell.value}
    written, skipped = [], []
    for change in proposals:
        column = columns.get(name_key(change.column))
        if change.value is None:
            skipped.append((change, "các văn bản ghi khác nhau hoặc không hiểu giá trị"))
        elif column is None:
            skipped.append((change, f"bảng tính không có cột {change.column}"))
        else:
            cell = sheet.cell(change.point.row, column)
            cell.value = change.value
            if isinstance(change.value, dt.date):
                cell.number_format = "DD/MM/YYYY"
            else:
                cell.data_type = "s"
            written.append(change)
    backup = backup_name(workbook, today)
    if written:
        shutil.copy2(workbook, backup)
        from io import BytesIO

        buffer = BytesIO()
        book.save(buffer)
        write_atomic(workbook, buffer.getvalue())
    return Applied(backup, written, skipped)
