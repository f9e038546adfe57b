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

from .cells import canonical_name
from .errors import Problem, WorkbookFileError
from .vietnamese import ascii_slug
from .zipguard import oversized

logger = logging.getLogger(__name__)


@functools.lru_cache(maxsize=None)
def _column_key(name: str) -> str:
    # Asked for every cell read; a plan has a few dozen column names. Canonical first: an
    # invisible character inside a header would otherwise split its slug in two.
    return ascii_slug(canonical_name(name))


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
    _refuse_zip_bomb(path)
    try:
        # data_only: a formula cell gives the value Excel last computed, as the user sees it.
        book = openpyxl.load_workbook(path, data_only=True, read_only=True)
    except (zipfile.BadZipFile, InvalidFileException, KeyError, OSError, ValueError) as err:
        logger.debug("openpyxl refused %s", path, exc_info=True)
        raise WorkbookFileError(str(path), _why_not_xlsx(path)) from err
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


def _refuse_zip_bomb(path: Path) -> None:
    try:
        with zipfile.ZipFile(path) as package:
            reason = oversized(package)
    except (zipfile.BadZipFile, OSError, ValueError):
        return  # not a zip: openpyxl says so below, with the usual message
    if reason:
        raise WorkbookFileError(str(path), f"{reason}.")


_OLE = bytes.fromhex("D0CF11E0A1B11AE1")


def _why_not_xlsx(path: Path) -> str:
    """Why openpyxl could not open ``path``, as a clerk can act on it.

    Excel writes two kinds of files in the old OLE container: a password-protected ``.xlsx``
    (its stream is named ``EncryptedPackage``) and an Excel 97-2003 ``.xls`` (stream
    ``Workbook`` or ``Book``). Stream names are stored in UTF-16 in the container's directory.
    """
    with path.open("rb") as handle:
        head = handle.read(64 * 1024 * 1024)
    if not head.startswith(_OLE):
        return "tệp không phải bảng tính Excel .xlsx hợp lệ (hãy mở bằng Excel và lưu lại dạng .xlsx)."
    if "EncryptedPackage".encode("utf-16-le") not in head and any(
            f"{name}\0".encode("utf-16-le") in head for name in ("Workbook", "Book")):
        return ("tệp .xls (Excel 97-2003): hãy mở bằng Excel và lưu lại dạng .xlsx "
                "(Tệp > Lưu như > Sổ làm việc Excel).")
    return "tệp được đặt mật khẩu; hãy bỏ mật khẩu trong Excel rồi lưu lại."


def find_sheet(book: openpyxl.Workbook, name: str,
               problems: list[Problem] | None = None) -> str | None:
    """The actual name of the sheet called ``name`` (matched loosely), or ``None``.

    Several sheets may match (``Phân công`` and a hidden, stale ``Phân công `` kept by
    someone): a visible sheet is preferred to a hidden one, and among those the one whose name
    is the same once :func:`~mttq_docs.cells.canonical` (only case aside). Two left is an
    error naming both; a hidden sheet left aside is a warning. Both go to ``problems``.
    """
    wanted = _column_key(name)
    matches = [title for title in book.sheetnames if _column_key(title) == wanted]
    if len(matches) <= 1:
        return matches[0] if matches else None
    visible = [title for title in matches if _visible(book, title)] or matches
    exact = [title for title in visible
             if canonical_name(title).casefold() == canonical_name(name).casefold()]
    chosen = exact or visible
    if len(chosen) > 1:
        if problems is not None:
            names = " và ".join(f"'{title}'" for title in chosen)
            problems.append(Problem("error", name, f"có {len(chosen)} sheet cùng tên: {names}; "
                                    "không biết đọc sheet nào.",
                                    hint="xóa hoặc đổi tên sheet không dùng"))
        return None
    for title in matches:
        if title != chosen[0] and problems is not None:
            state = "ẩn" if not _visible(book, title) else "trùng tên"
            problems.append(Problem("warning", chosen[0], f"bỏ qua sheet {state} '{title}' "
                                    f"cùng tên; đọc sheet '{chosen[0]}'.",
                                    hint="xóa sheet không dùng"))
    return chosen[0]


def _visible(book: openpyxl.Workbook, title: str) -> bool:
    return getattr(book[title], "sheet_state", "visible") == "visible"


def read_table(
    book: openpyxl.Workbook, sheet_name: str, columns: list[Column], problems: list[Problem]
) -> Table | None:
    """Read one sheet whose first row holds the column headers.

    Missing required columns and merged header cells are reported into ``problems``; the
    table is then ``None``. Extra columns are ignored. Fully empty rows are skipped.
    """
    before = len(problems)
    actual = find_sheet(book, sheet_name, problems)
    if actual is None:
        if len(problems) == before:
            problems.append(Problem("error", sheet_name, "thiếu sheet này trong bảng tính.",
                                    hint=f"thêm sheet tên '{sheet_name}'"))
        return None
    sheet = book[actual]
    merged = [CellRange(ref) for ref in _merged_ranges(sheet)]
    if any(cells.min_row <= 1 for cells in merged):
        problems.append(Problem("error", actual, "dòng tiêu đề có ô gộp (merge).", row=1,
                                hint="bỏ gộp ô, mỗi cột một tiêu đề riêng"))
        return None
    problems += [_merged_warning(actual, cells) for cells in merged]
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


def _merged_warning(sheet_name: str, cells: CellRange) -> Problem:
    # Excel keeps the value of a merged range in its first cell only: the other rows of the
    # range read as empty, which would silently drop a commune's date or venue.
    first = f"{get_column_letter(cells.min_col)}{cells.min_row}"
    return Problem("warning", sheet_name, f"ô gộp {cells.coord}: chỉ ô đầu ({first}) có giá "
                   "trị, các ô khác của vùng gộp được đọc là trống.", row=cells.min_row,
                   hint="bỏ gộp ô và điền giá trị vào từng dòng")


def _merged_ranges(sheet: Any) -> list[str]:
    """The merged ranges of a sheet (``B3:B5``…).

    openpyxl's read-only sheets leave merged ranges out, so they are read here from the sheet's
    XML, when it has any, by lxml's parser, which hands each element's start to
    :class:`_MergedRanges` and builds no tree (a tree of 10 000 rows took 70 MB).
    ``_worksheet_path`` and ``_archive`` are openpyxl's own (private) names for that part and
    the open file;
    ``tests/test_hostile.py::test_merged_header_cells`` tells if a version renames them.
    """
    data: bytes = sheet.parent._archive.read(sheet._worksheet_path)
    if b"<mergeCell " not in data and b":mergeCell " not in data:  # the usual case
        return []
    ranges = _MergedRanges()
    parser = etree.XMLParser(target=ranges,  # type: ignore[arg-type]  # a target in lxml's sense
                             resolve_entities=False, no_network=True)
    parser.feed(data)
    parser.close()
    return [ref for ref in ranges.refs if ref]


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
    wanted = {c.key for c in columns}
    found: dict[str, int] = {}
    twice = False
    for index, value in enumerate(header):
        key = _column_key(str(value)) if value is not None else ""
        if key in wanted and key in found:  # the last one would silently win
            twice = True
            problems.append(Problem(
                "error", sheet_name, f"hai cột cùng tiêu đề '{canonical_name(value)}': cột "
                f"{get_column_letter(found[key] + 1)} và cột {get_column_letter(index + 1)}.",
                row=1, hint="đổi tên hoặc xóa một trong hai cột"))
        elif key:
            found[key] = index
    missing = [c for c in columns if c.required and c.key not in found]
    for column in missing:
        problems.append(Problem("error", sheet_name, f"thiếu cột '{column.name}' ở dòng tiêu đề.",
                                row=1, hint=f"thêm cột '{column.name}'"))
    if missing or twice:
        return None
    return {c.key: found[c.key] for c in columns if c.key in found}
