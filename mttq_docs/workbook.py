"""Reading the plan workbook: sheets and columns found by name, cells kept with their place.

This is the only module that opens the ``.xlsx`` file. It is read with openpyxl rather than
``pandas.read_excel`` because every message must give the row as Excel shows it and must be
able to tell a merged header or a formula from a value; a DataFrame loses both.
Sheet and column names match after NFC, trimming, case folding and removal of diacritics, so
``Phan cong`` finds ``Phân công``.
"""

from __future__ import annotations

import functools
import logging
import zipfile
from dataclasses import dataclass
from pathlib import Path

import openpyxl
from openpyxl.utils.exceptions import InvalidFileException

from .errors import Problem, WorkbookFileError
from .vietnamese import ascii_slug

logger = logging.getLogger(__name__)


@functools.lru_cache(maxsize=None)
def _column_key(name: str) -> str:
    # Asked for every cell read; a plan has a few dozen column names.
    return ascii_slug(name)


@dataclass(frozen=True)
class Column:
    """A column a sheet may have. ``name`` is how messages and the README call it."""

    name: str
    required: bool = True

    @property
    def key(self) -> str:
        return _column_key(self.name)


@dataclass(frozen=True)
class Row:
    """One non-empty data row: the Excel row number and the raw value of each known column."""

    sheet: str
    number: int
    values: dict[str, object]

    def get(self, column: Column) -> object:
        return self.values.get(column.key)


@dataclass(frozen=True)
class Table:
    """The rows of one sheet; ``name`` is the sheet's name as written in the file."""

    name: str
    rows: list[Row]


def open_workbook(path: Path) -> openpyxl.Workbook:
    """Open ``path`` for reading values, or raise :class:`WorkbookFileError` saying why not."""
    if not path.exists():
        raise WorkbookFileError(str(path), "không có tệp này.")
    if path.is_dir():
        raise WorkbookFileError(str(path), "đây là một thư mục, không phải tệp .xlsx.")
    try:
        # data_only: a formula cell gives the value Excel last computed, as the user sees it.
        return openpyxl.load_workbook(path, data_only=True)
    except (zipfile.BadZipFile, InvalidFileException, KeyError, OSError, ValueError) as err:
        logger.debug("openpyxl refused %s", path, exc_info=True)
        if _is_encrypted_ole(path):
            reason = "tệp được đặt mật khẩu; hãy bỏ mật khẩu trong Excel rồi lưu lại."
        else:
            reason = "tệp không phải bảng tính Excel .xlsx hợp lệ (hãy mở bằng Excel và lưu lại dạng .xlsx)."
        raise WorkbookFileError(str(path), reason) from err


def uncomputed_formulas(path: Path, book: openpyxl.Workbook, sheets: list[str]) -> list[Problem]:
    """Formula cells with no value: written by a program that never computed them.

    A formula Excel computed is read as its value (as the user sees it). One that was never
    computed has no value to read; saying so beats reading it as an empty cell.
    """
    if not _may_hold_formulas(path):
        return []
    formulas = openpyxl.load_workbook(path, data_only=False, read_only=True)
    problems = []
    try:
        for name in sheets:
            actual = find_sheet(book, name)
            if actual is None:
                continue
            values = book[actual]
            for row in formulas[actual].iter_rows():
                for cell in row:
                    if (isinstance(cell.value, str) and cell.value.startswith("=")
                            and values.cell(cell.row, cell.column).value is None):
                        header = values.cell(1, cell.column).value
                        problems.append(Problem(
                            "error", actual, f"ô có công thức {cell.value} nhưng chưa có giá trị.",
                            row=cell.row, column=str(header) if header else cell.column_letter,
                            hint="mở bảng tính bằng Excel và lưu lại, hoặc chép rồi dán dạng giá "
                                 "trị (Paste Values)"))
    finally:
        formulas.close()
    return problems


def _may_hold_formulas(path: Path) -> bool:
    """False when no sheet of the file holds a formula element (``<f>``): then reading the
    workbook a second time, for its formulas, is skipped (a second for a national plan)."""
    with zipfile.ZipFile(path) as package:
        return any(b"<f>" in data or b"<f " in data
                   for data in (package.read(name) for name in package.namelist()
                                if name.startswith("xl/worksheets/")))


def _is_encrypted_ole(path: Path) -> bool:
    # Excel saves password-protected workbooks as an OLE compound file, not a zip.
    with path.open("rb") as handle:
        return handle.read(8) == bytes.fromhex("D0CF11E0A1B11AE1")


def find_sheet(book: openpyxl.Workbook, name: str) -> str | None:
    """The actual name of the sheet called ``name`` (matched loosely), or ``None``."""
    wanted = ascii_slug(name)
    return next((title for title in book.sheetnames if ascii_slug(title) == wanted), None)


def read_table(
    book: openpyxl.Workbook, sheet_name: str, columns: list[Column], problems: list[Problem]
) -> Table | None:
    """Read one sheet whose first row holds the column headers.

    Missing required columns and merged header cells are reported into ``problems``; the
    table is then ``None``. Extra columns are ignored. Fully empty rows are skipped.
    """
    actual = find_sheet(book, sheet_name)
    if actual is None:
        problems.append(Problem("error", sheet_name, "thiếu sheet này trong bảng tính.",
                                hint=f"thêm sheet tên '{sheet_name}'"))
        return None
    sheet = book[actual]
    if _header_is_merged(sheet):
        problems.append(Problem("error", actual, "dòng tiêu đề có ô gộp (merge).", row=1,
                                hint="bỏ gộp ô, mỗi cột một tiêu đề riêng"))
        return None
    positions = _header_positions(sheet, columns, actual, problems)
    if positions is None:
        return None
    rows = []
    for number, cells in enumerate(sheet.iter_rows(min_row=2, values_only=True), start=2):
        values = {key: cells[i] if i < len(cells) else None for key, i in positions.items()}
        if any(v is not None and str(v).strip() for v in values.values()):
            rows.append(Row(actual, number, values))
    return Table(actual, rows)


def _header_is_merged(sheet) -> bool:
    return any(rng.min_row <= 1 <= rng.max_row for rng in sheet.merged_cells.ranges)


def _header_positions(sheet, columns: list[Column], sheet_name: str,
                      problems: list[Problem]) -> dict[str, int] | None:
    header = next(sheet.iter_rows(min_row=1, max_row=1, values_only=True), ())
    found = {ascii_slug(str(v)): i for i, v in enumerate(header) if v is not None}
    missing = [c for c in columns if c.required and c.key not in found]
    for column in missing:
        problems.append(Problem("error", sheet_name, f"thiếu cột '{column.name}' ở dòng tiêu đề.",
                                row=1, hint=f"thêm cột '{column.name}'"))
    if missing:
        return None
    return {c.key: found[c.key] for c in columns if c.key in found}
