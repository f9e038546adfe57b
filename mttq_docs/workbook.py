"""Reading the plan workbook: sheets and columns found by name, cells kept with their place.

This is the only module that opens the ``.xlsx`` file. Its structure (sheets, their states,
styles, merged cells, formulas) is read with openpyxl and the sheets' values with calamine,
where calamine's values are openpyxl's (:mod:`~mttq_docs.calamine_reader`), rather than with
``pandas.read_excel``: every message must give the row as Excel shows it and must be able to
tell a merged header or a formula from a value; a DataFrame loses both.
Sheet and column names match after NFC, trimming, case folding and removal of diacritics, so
``Phan cong`` finds ``Phân công``.
"""

from __future__ import annotations

import contextlib
import functools
import logging
import zipfile
import zlib
from typing import Any
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import openpyxl
from lxml import etree
from openpyxl.reader.excel import ExcelReader
from openpyxl.utils import get_column_letter
from openpyxl.utils.datetime import WINDOWS_EPOCH
from openpyxl.utils.exceptions import InvalidFileException
from openpyxl.worksheet.cell_range import CellRange
from openpyxl.xml.constants import ARC_STYLE, SHARED_STRINGS, SHEET_MAIN_NS

from . import calamine_reader
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

    @functools.cached_property
    def key(self) -> str:
        """The name as matched: asked for every cell read, so computed once."""
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


class Workbook:
    """An open plan workbook: its sheets' names and states, each sheet's merged ranges and rows.

    Names, states and styles are openpyxl's, read as ``openpyxl.load_workbook`` reads them
    (:class:`_Metadata`), so that a file openpyxl refuses is refused the same way. A sheet's
    values are calamine's where they are known to be openpyxl's
    (:mod:`~mttq_docs.calamine_reader`), and openpyxl's read-only reader's otherwise.
    """

    def __init__(self, path: Path, reader: _Metadata) -> None:
        self.path = path
        self._reader = reader
        # openpyxl's Workbook, read-only: the private attributes used here (_archive,
        # _date_formats…) are not in its type stubs.
        self._book: Any = reader.wb
        self.sheetnames: list[str] = self._book.sheetnames
        self._last_part: tuple[str, bytes] = ("", b"")
        self._formulas: dict[str, bool] = {}
        """Whether each part read holds a formula."""
        self._calamine: Any = None
        self._calamine_opened = False
        self._not_calamine: str | None = None
        self.read_by_openpyxl: dict[str, str] = {}
        """Sheets whose values openpyxl read, and why (calamine reads them otherwise)."""

    def close(self) -> None:
        if self._calamine is not None:
            with contextlib.suppress(Exception):
                self._calamine.close()
        self._book.close()

    def visible(self, title: str) -> bool:
        return getattr(self._book[title], "sheet_state", "visible") == "visible"

    def _openpyxl_sheet(self, title: str) -> Any:
        """openpyxl's read-only sheet ``title``, its shared strings loaded."""
        self._reader.load_strings()
        return self._book[title]

    def rows(self, title: str) -> list[tuple[Any, ...]]:
        """The rows of sheet ``title`` from row 1, ``()`` for an empty row; an empty text cell
        is ``None``, like an empty cell (calamine cannot tell them apart)."""
        with self.damaged_as_unreadable():
            fast = self._calamine_rows(title)
            if fast is not None:
                return fast
            return [tuple(None if value == "" else value for value in row)
                    for row in sheet_rows(self._openpyxl_sheet(title))]

    def merged_ranges(self, title: str) -> list[str]:
        """The merged ranges of sheet ``title`` (``B3:B5``…), read from the sheet's XML."""
        with self.damaged_as_unreadable():
            return _merged_ranges(self._part(self._book[title]._worksheet_path))

    def may_hold_formulas(self) -> bool:
        """False when no sheet of the file holds a formula element (``<f>``): then reading the
        workbook a second time, for its formulas, is skipped (a second for a national plan)."""
        with self.damaged_as_unreadable():
            for name in self._book._archive.namelist():
                if name.startswith("xl/worksheets/"):
                    if name not in self._formulas:
                        self._part(name)
                    if self._formulas[name]:
                        return True
            return False

    @contextlib.contextmanager
    def damaged_as_unreadable(self) -> Iterator[None]:
        """A part of the file that cannot be unpacked or is not XML, found while reading a
        sheet, as :class:`WorkbookFileError` (the file is damaged) rather than a traceback."""
        try:
            yield
        except _DAMAGED as err:
            logger.debug("damaged part in %s", self.path, exc_info=True)
            raise WorkbookFileError(str(self.path), _why_not_xlsx(self.path)) from err

    def _part(self, name: str) -> bytes:
        """A part of the package, unpacked (the zip bomb check has bounded its size). The last
        one is kept (a sheet's merged ranges, then its values, are read from it); of the others
        only whether they hold a formula, not their megabytes."""
        if name != self._last_part[0]:
            data = self._book._archive.read(name)
            self._formulas[name] = b"<f" in data and (b"<f>" in data or b"<f " in data)
            self._last_part = (name, data)
        return self._last_part[1]

    def _calamine_rows(self, title: str) -> list[tuple[Any, ...]] | None:
        book = self._calamine_book()
        if book is None:
            self.read_by_openpyxl[title] = str(self._not_calamine)
            return None
        path = self._book[title]._worksheet_path
        reason = calamine_reader.unlike_openpyxl(self._part(path), b"worksheet",
                                                 self._book._date_formats)
        if reason is None:
            try:
                return calamine_reader.values(
                    book.get_sheet_by_name(title).to_python(skip_empty_area=False))
            except calamine_reader.Unlike as err:
                reason = str(err)
            except BaseException as err:  # noqa: BLE001 - a Rust panic too
                if not calamine_reader.failed(err):
                    raise
                reason = f"calamine: {err!r}"
        logger.debug("sheet %s read by openpyxl: it holds %s", title, reason)
        self.read_by_openpyxl[title] = reason
        return None

    def _calamine_book(self) -> Any:
        """calamine's reading of the file, or ``None`` when it is not to be used at all."""
        if not self._calamine_opened:
            self._calamine_opened = True
            reason = self._unlike_openpyxl()
            if reason is None:
                self._calamine = calamine_reader.open_workbook(self.path)
                if self._calamine is None:
                    reason = "a file calamine cannot open"
                elif self._calamine.sheet_names != self.sheetnames:
                    reason = "sheets calamine names otherwise"
                    self._calamine.close()
                    self._calamine = None
            if reason:
                logger.debug("%s read by openpyxl: %s", self.path, reason)
                self._not_calamine = reason
        return self._calamine

    def _unlike_openpyxl(self) -> str | None:
        """What in the whole file calamine would read otherwise than openpyxl, or ``None``."""
        book, names = self._book, self._book._archive.namelist()
        if book.epoch != WINDOWS_EPOCH:
            return "dates counted from 1904"
        package: Any = self._reader.package  # openpyxl's Manifest, untyped
        strings = package.find(SHARED_STRINGS)
        if (strings is not None and strings.PartName != "/xl/sharedStrings.xml") or \
                (strings is None and "xl/sharedStrings.xml" in names):
            return "shared strings in another part"
        if strings is not None:
            if "xl/sharedStrings.xml" not in names:
                return "no shared strings where the file says they are"
            reason = calamine_reader.unlike_openpyxl(self._part("xl/sharedStrings.xml"), b"sst",
                                                     ())
            if reason:
                return f"shared strings holding {reason}"
        styles = self._part(ARC_STYLE) if ARC_STYLE in names else None
        if not calamine_reader.date_styles_agree(styles, len(book._cell_styles),
                                                 book._date_formats, book._timedelta_formats):
            return "a number format that one library takes for a date and the other not"
        return None


class _Metadata(ExcelReader):
    """openpyxl's reader of a workbook (``load_workbook(path, read_only=True,
    data_only=True)``) that reads the shared strings only when openpyxl reads a sheet.

    Every sheet openpyxl makes holds the list ``shared_strings`` it was given: filled in place
    by :meth:`load_strings`, it is the table openpyxl would have read.
    """

    def __init__(self, path: Path) -> None:
        super().__init__(path, read_only=True, data_only=True)
        self.path = path
        self._loaded = False

    def read_strings(self) -> None:
        self.shared_strings = []

    def load_strings(self) -> None:
        if self._loaded:
            return
        self._loaded = True
        deferred = self.shared_strings
        try:
            super().read_strings()
        except _UNREADABLE as err:
            logger.debug("openpyxl refused %s", self.path, exc_info=True)
            raise WorkbookFileError(str(self.path), _why_not_xlsx(self.path)) from err
        deferred.extend(self.shared_strings)
        self.shared_strings = deferred


_DAMAGED = (zipfile.BadZipFile, zlib.error, EOFError, SyntaxError)
"""A part whose compressed data or CRC is wrong, or that is not XML (SyntaxError: the parse
errors of the standard library and of lxml)."""
_UNREADABLE = (InvalidFileException, KeyError, OSError, ValueError, *_DAMAGED)


@contextlib.contextmanager
def opened_workbook(path: Path) -> Iterator[Workbook]:
    """``path`` opened for reading values, closed after the block; or
    :class:`WorkbookFileError` saying why it cannot be read.

    No sheet is read whole into openpyxl's objects: a national plan's 10 000 rows loaded that
    way took 50 MB and most of the time of reading it.
    """
    if not path.exists():
        raise WorkbookFileError(str(path), "không có tệp này.")
    if path.is_dir():
        raise WorkbookFileError(str(path), "đây là một thư mục, không phải tệp .xlsx.")
    _refuse_zip_bomb(path)
    try:
        # data_only: a formula cell gives the value Excel last computed, as the user sees it.
        reader = _Metadata(path)
        reader.read()
    except _UNREADABLE as err:
        logger.debug("openpyxl refused %s", path, exc_info=True)
        raise WorkbookFileError(str(path), _why_not_xlsx(path)) from err
    book = Workbook(path, reader)
    try:
        yield book
    finally:
        book.close()


def sheet_rows(sheet: Any) -> Iterator[tuple[Any, ...]]:
    """The rows of an openpyxl read-only sheet from row 1, an empty tuple for an empty row.

    The size a file states for a sheet is not trusted (programs other than Excel write it
    wrong, and openpyxl would then cut rows or columns off): every cell there is, is read.
    """
    sheet.reset_dimensions()
    rows: Iterator[tuple[Any, ...]] = sheet.iter_rows(values_only=True)
    return rows


def uncomputed_formulas(book: Workbook, sheets: list[str]) -> list[Problem]:
    """Formula cells with no value: written by a program that never computed them.

    A formula Excel computed is read as its value (as the user sees it). One that was never
    computed has no value to read; saying so beats reading it as an empty cell. The formulas
    are read with openpyxl, in the rare file that has any.
    """
    if not book.may_hold_formulas():
        return []
    with book.damaged_as_unreadable():
        formulas = openpyxl.load_workbook(book.path, data_only=False, read_only=True)
        problems: list[Problem] = []
        try:
            for name in sheets:
                actual = find_sheet(book, name)
                if actual is not None:
                    problems += _uncomputed(actual, sheet_rows(formulas[actual]),
                                            iter(book.rows(actual)))
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


def find_sheet(book: Workbook, name: str,
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
    visible = [title for title in matches if book.visible(title)] or matches
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
            state = "ẩn" if not book.visible(title) else "trùng tên"
            problems.append(Problem("warning", chosen[0], f"bỏ qua sheet {state} '{title}' "
                                    f"cùng tên; đọc sheet '{chosen[0]}'.",
                                    hint="xóa sheet không dùng"))
    return chosen[0]


def read_table(
    book: Workbook, sheet_name: str, columns: list[Column], problems: list[Problem]
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
    merged = [CellRange(ref) for ref in book.merged_ranges(actual)]
    if any(cells.min_row <= 1 for cells in merged):
        problems.append(Problem("error", actual, "dòng tiêu đề có ô gộp (merge).", row=1,
                                hint="bỏ gộp ô, mỗi cột một tiêu đề riêng"))
        return None
    problems += [_merged_warning(actual, cells) for cells in merged]
    rows = iter(book.rows(actual))
    positions = _header_positions(next(rows, ()), columns, actual, problems)
    if positions is None:
        return None
    table = []
    wanted = list(positions.items())
    for number, cells in enumerate(rows, start=2):
        if not cells:
            continue
        width = len(cells)
        values = {key: cells[i] if i < width else None for key, i in wanted}
        for value in values.values():
            # A row of blanks is no row. Only text can be blank: a number, a date or a
            # boolean never is (what str(value).strip() said, a generator per row slower).
            if value is not None and (type(value) is not str or value.strip()):
                table.append(Row(actual, number, values))
                break
    return Table(actual, table)


_MERGE_CELL = f"{{{SHEET_MAIN_NS}}}mergeCell"


def _merged_warning(sheet_name: str, cells: CellRange) -> Problem:
    # Excel keeps the value of a merged range in its first cell only: the other rows of the
    # range read as empty, which would silently drop a commune's date or venue.
    first = f"{get_column_letter(cells.min_col)}{cells.min_row}"
    return Problem("warning", sheet_name, f"ô gộp {cells.coord}: chỉ ô đầu ({first}) có giá "
                   "trị, các ô khác của vùng gộp được đọc là trống.", row=cells.min_row,
                   hint="bỏ gộp ô và điền giá trị vào từng dòng")


def _merged_ranges(data: bytes) -> list[str]:
    """The merged ranges in a sheet's XML ``data`` (``B3:B5``…).

    openpyxl's read-only sheets leave merged ranges out, so they are read here from the sheet's
    XML, when it has any, by lxml's parser, which hands each element's start to
    :class:`_MergedRanges` and builds no tree (a tree of 10 000 rows took 70 MB).
    ``_worksheet_path`` and ``_archive`` are openpyxl's own (private) names for a sheet's part
    and the open file; ``tests/test_hostile.py::test_merged_header_cells`` tells if a version
    renames them.
    """
    if b"mergeCell " not in data:  # the usual case
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
