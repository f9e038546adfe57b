"""Reading the plan workbook: sheets and columns found by name, cells kept with their place.

This is the only module that opens the ``.xlsx`` file. It is read with openpyxl rather than
``pandas.read_excel`` because every message must give the row as Excel shows it and must be
able to tell a merged header or a formula from a value; a DataFrame loses both.
Sheet and column names match after NFC, trimming, case folding and removal of diacritics, so
``Phan cong`` finds ``Phân công``.
"""

from __future__ import annotations

import contextlib
import functools
import logging
import zipfile
from typing import Any
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import openpyxl
from lxml import etree
from openpyxl.utils import get_column_letter
from openpyxl.utils.exceptions import InvalidFileException
from openpyxl.worksheet.cell_range import CellRange
from openpyxl.xml.constants import SHEET_MAIN_NS

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


@contextlib.contextmanager
def opened_workbook(path: Path) -> Iterator[openpyxl.Workbook]:
    """``path`` opened for reading values, closed after the block; or
    :class:`WorkbookFileError` saying why it cannot be read.

    Sheets are read as they stream from the file (openpyxl's read-only mode): a national plan's
    10 000 rows loaded whole took 50 MB and most of the time of reading it.
    """
    if not path.exists():
        raise WorkbookFileError(str(path), "không có tệp này.")
    if path.is_dir():
        raise WorkbookFileError(str(path), "đây là một thư mục, không phải tệp .xlsx.")
    try:
        # data_only: a formula cell gives the value Excel last computed, as the user sees it.
        book = openpyxl.load_workbook(path, data_only=True, read_only=True)
    except (zipfile.BadZipFile, InvalidFileException, KeyError, OSError, ValueError) as err:
        logger.debug("openpyxl refused %s", path, exc_info=True)
        if _is_encrypted_ole(path):
            reason = "tệp được đặt mật khẩu; hãy bỏ mật khẩu trong Excel rồi lưu lại."
        else:
            reason = "tệp không phải bảng tính Excel .xlsx hợp lệ (hãy mở bằng Excel và lưu lại dạng .xlsx)."
        raise WorkbookFileError(str(path), reason) from err
    try:
        yield book
    finally:
        book.close()


def sheet_rows(sheet: Any) -> Iterator[tuple[Any, ...]]:
    """The rows of a read-only sheet from row 1, an empty tuple for an empty row.

    The size a file states for a sheet is not trusted (programs other than Excel write it
    wrong, and openpyxl would then cut rows or columns off): every cell there is, is read.
    """
    sheet.reset_dimensions()
    rows: Iterator[tuple[Any, ...]] = sheet.iter_rows(values_only=True)
    return rows


def uncomputed_formulas(path: Path, book: openpyxl.Workbook, sheets: list[str]) -> list[Problem]:
    """Formula cells with no value: written by a program that never computed them.

    A formula Excel computed is read as its value (as the user sees it). One that was never
    computed has no value to read; saying so beats reading it as an empty cell.
    """
    if not _may_hold_formulas(path):
        return []
    formulas = openpyxl.load_workbook(path, data_only=False, read_only=True)
    problems: list[Problem] = []
    try:
        for name in sheets:
            actual = find_sheet(book, name)
            if actual is not None:
                problems += _uncomputed(actual, sheet_rows(formulas[actual]),
                                        sheet_rows(book[actual]))
    finally:
        formulas.close()
    return problems


def _uncomputed(sheet_name: str, formula_rows: Iterator[tuple[Any, ...]],
                value_rows: Iterator[tuple[Any, ...]]
                ) -> Iterator[Problem]:
    header: tuple[Any, ...] = ()
    for number, (formulas, values) in enumerate(zip(formula_rows, value_rows), start=1):
        if number == 1:
            header = values
        for index, formula in enumerate(formulas):
            if (isinstance(formula, str) and formula.startswith("=")
                    and _at(values, index) is None):
                name = _at(header, index)
                yield Problem(
                    "error", sheet_name, f"ô có công thức {formula} nhưng chưa có giá trị.",
                    row=number, column=str(name) if name else get_column_letter(index + 1),
                    hint="mở bảng tính bằng Excel và lưu lại, hoặc chép rồi dán dạng giá "
                         "trị (Paste Values)")


def _at(row: tuple[Any, ...], index: int) -> object:
    return row[index] if index < len(row) else None


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
    rows = sheet_rows(sheet)
    positions = _header_positions(next(rows, ()), columns, actual, problems)
    if positions is None:
        return None
    table = []
    for number, cells in enumerate(rows, start=2):
        values = {key: cells[i] if i < len(cells) else None for key, i in positions.items()}
        if any(v is not None and str(v).strip() for v in values.values()):
            table.append(Row(actual, number, values))
    return Table(actual, table)


_MERGE_CELL = f"{{{SHEET_MAIN_NS}}}mergeCell"


def _header_is_merged(sheet: Any) -> bool:
    """Whether a merged range takes in row 1.

    openpyxl's read-only sheets leave merged ranges out, so they are read here from the sheet's
    XML, when it has any, by lxml's parser, which hands each element's start to
    :class:`_MergedRanges` and builds no tree (a tree of 10 000 rows took 70 MB).
    ``_worksheet_path`` and ``_archive`` are openpyxl's own (private) names for that part and
    the open file;
    ``tests/test_hostile.py::test_merged_header_cells`` tells if a version renames them.
    """
    data: bytes = sheet.parent._archive.read(sheet._worksheet_path)
    if b"<mergeCell " not in data and b":mergeCell " not in data:  # the usual case
        return False
    ranges = _MergedRanges()
    parser = etree.XMLParser(target=ranges,  # type: ignore[arg-type]  # a target in lxml's sense
                             resolve_entities=False, no_network=True)
    parser.feed(data)
    parser.close()
    return any(CellRange(ref).min_row <= 1 for ref in ranges.refs)


class _MergedRanges:
    """lxml parser target: keeps the ``ref`` of every ``mergeCell`` element."""

    def __init__(self) -> None:
        self.refs: list[str] = []

    def start(self, tag: str, attrib: dict[str, str]) -> None:
        if tag == _MERGE_CELL:
            self.refs.append(attrib.get("ref", ""))

    def close(self) -> None:
        pass


def _header_positions(header: tuple[Any, ...], columns: list[Column], sheet_name: str,
                      problems: list[Problem]) -> dict[str, int] | None:
    found = {ascii_slug(str(v)): i for i, v in enumerate(header) if v is not None}
    missing = [c for c in columns if c.required and c.key not in found]
    for column in missing:
        problems.append(Problem("error", sheet_name, f"thiếu cột '{column.name}' ở dòng tiêu đề.",
                                row=1, hint=f"thêm cột '{column.name}'"))
    if missing:
        return None
    return {c.key: found[c.key] for c in columns if c.key in found}
