"""Turning raw cell values into text, dates and numbers, reporting every bad cell.

A :class:`CellReader` collects :class:`~mttq_docs.errors.Problem` objects instead of raising,
so that the user sees every problem of the workbook in one run. :func:`canonical` is the one
place where any text of the workbook (cell, header, sheet name) becomes the value compared
and printed.
"""

from __future__ import annotations

import datetime as dt
import re
import unicodedata
from typing import TYPE_CHECKING

from openpyxl.utils.datetime import from_excel

from .errors import Level, Problem
from .vietnamese import CONTROL_CHARACTERS, clean_text, format_amount, nfc

if TYPE_CHECKING:  # workbook.py imports canonical() from here
    from .workbook import Column, Row

_DATE_TEXT = re.compile(r"^\s*(\d{1,2})\s*[/.\-]\s*(\d{1,2})\s*[/.\-]\s*(\d{4})\s*$")
# Excel date serials of 1930–2100: a date cell that lost its date format.
_SERIAL_RANGE = (10958, 73051)
YEARS = (1975, 2100)
"""Years a plan, a conference or a deadline may have (a typo such as 0017 or 1917 is caught)."""
EXCEL_CELL_LIMIT = 32767
"""Characters an Excel cell holds: Excel cuts longer text when it saves the workbook."""
EXCEL_ERRORS = frozenset({"#N/A", "#REF!", "#VALUE!", "#DIV/0!", "#NAME?", "#NUM!", "#NULL!",
                          "#SPILL!", "#CALC!", "#GETTING_DATA", "#BLOCKED!", "#CONNECT!",
                          "#FIELD!", "#UNKNOWN!", "#BUSY!"})
"""What Excel shows in a cell whose formula failed; openpyxl reads the cached value as text."""
# Characters that show as nothing: zero-width space/joiners, marks of direction, word joiner,
# byte-order mark, soft hyphen. Pasted from web pages and chat programs, they made 'Tứ Kỳ'
# and 'Tứ\u200bKỳ' two districts.
_INVISIBLE_CHARACTERS = ("\u00ad\u034f\u061c\u115f\u1160\u17b4\u17b5\u180b-\u180e"
                         "\u200b-\u200f\u202a-\u202e\u2060-\u206f\ufeff")
_INVISIBLE = re.compile(f"[{_INVISIBLE_CHARACTERS}]")
# Every kind of space but tab and line break (no-break, thin, ideographic…), runs of them.
_OTHER_SPACES = "\u00a0\u1680\u2000-\u200a\u202f\u205f\u3000"
_SPACES = re.compile(f"[ {_OTHER_SPACES}]+")
# Anything canonical() changes inside a text (its ends aside): a text without it, in NFC and
# not starting or ending with white space, is returned as it is.
_TO_CHANGE = re.compile(f"[\r{CONTROL_CHARACTERS}{_INVISIBLE_CHARACTERS}{_OTHER_SPACES}]"
                        "|  | \n|\n ")


def canonical(text: str) -> tuple[str, bool]:
    """Any text of the workbook as it is compared and printed: NFC, one kind of line end, no
    control or invisible character, every run of spaces (no-break ones too) one space, each
    line trimmed. Returns the text and whether control characters were removed (the caller
    warns about the cell)."""
    if not (_TO_CHANGE.search(text) or text[:1].isspace() or text[-1:].isspace()) and \
            unicodedata.is_normalized("NFC", text):
        return text, False  # the usual cell, Vietnamese or not: nothing to change
    text, had_controls = clean_text(text)
    if text.isascii() and "  " not in text and " \n" not in text and "\n " not in text:
        return text, had_controls  # the usual cell: nothing more to do
    text = _SPACES.sub(" ", _INVISIBLE.sub("", text))
    text = "\n".join(line.strip(" ") for line in text.split("\n")).strip()
    return nfc(text), had_controls


def canonical_name(value: object) -> str:
    """A header or sheet name as compared (``None`` → ``""``)."""
    return canonical("" if value is None else str(value))[0]


class CellReader:
    """Reads typed values from rows and records what is wrong with them."""

    def __init__(self) -> None:
        self.problems: list[Problem] = []
        self._refused: set[tuple[str, int, str]] = set()
        """Cells already reported as unusable (read twice, told once)."""
        self._canonical: dict[str, tuple[str, bool]] = {}
        """canonical() of each text read: a plan repeats its names, types and codes. Kept
        for one reading only (a cache for the life of the process would hold every name)."""

    def report(self, level: Level, row: Row, column: Column | str | None, message: str,
               *, value: object = None, hint: str | None = None) -> None:
        name = column if isinstance(column, str) or column is None else column.name
        self.problems.append(Problem(level, row.sheet, message, row=row.number, column=name,
                                     value=value, hint=hint))

    def value(self, row: Row, column: Column) -> object:
        """The raw value of a cell the plan uses, or ``None`` (with an error) when it is an
        Excel error (``#N/A``, ``#REF!``…) or longer than an Excel cell can hold."""
        raw = row.values.get(column.key)
        if not isinstance(raw, str) or "#" not in raw and len(raw) <= EXCEL_CELL_LIMIT:
            return raw  # the usual cell: not an Excel error (each has a '#'), not too long
        problem = _unusable(raw)
        if problem is None:
            return raw
        key = (row.sheet, row.number, column.name)
        if key not in self._refused:
            self._refused.add(key)
            self.report("error", row, column, problem[0], value=raw[:40], hint=problem[1])
        return None

    def text(self, row: Row, column: Column, *, required: bool = False) -> str | None:
        """The cell as :func:`canonical` text, or ``None`` when empty (an error if
        ``required``)."""
        raw = row.values.get(column.key)
        if type(raw) is str and "#" not in raw and len(raw) <= EXCEL_CELL_LIMIT:
            # The usual cell, asked for 100 000 times in a national plan: text that value()
            # would return as it is (every Excel error has a '#').
            known = self._canonical.get(raw)
            if known is None:
                known = self._canonical[raw] = canonical(raw)
            text, had_controls = known
        elif raw is None:  # an empty cell: what canonical("") gives
            text, had_controls = "", False
        else:
            raw = self.value(row, column)
            if isinstance(raw, (dt.datetime, dt.date)):
                raw = raw.strftime("%d/%m/%Y")
            elif isinstance(raw, float) and raw.is_integer():
                raw = int(raw)
            text, had_controls = canonical("" if raw is None else str(raw))
        if had_controls:
            self.report("warning", row, column, "có ký tự điều khiển (dán từ chương trình khác); "
                        "đã bỏ đi.", value=raw)
        if not text:
            if required and (row.sheet, row.number, column.name) not in self._refused:
                self.report("error", row, column, "ô này không được để trống.")
            return None
        return text

    def name(self, row: Row, column: Column, *, required: bool = False) -> str | None:
        """A proper name (district, commune, code): text that holds at least one letter."""
        raw = row.values.get(column.key)
        text = self.text(row, column, required=required)
        if text is not None and not (text[0].isalpha() or any(ch.isalpha() for ch in text)):
            kind = "một số" if isinstance(raw, (int, float)) else f"'{text}'"
            self.report("error", row, column, f"cần một tên bằng chữ, ở đây là {kind}.", value=raw)
            return None
        return text

    def lines(self, row: Row, column: Column) -> tuple[str, ...]:
        """A cell with one item per line (Alt+Enter in Excel); leading ``-``/``+`` dropped."""
        text = self.text(row, column) or ""
        items = (line.strip().lstrip("-+•").strip() for line in text.split("\n"))
        return tuple(item for item in items if item)

    def date(self, row: Row, column: Column, *, required: bool = False,
             years: tuple[int, int] = YEARS) -> dt.date | None:
        """An Excel date, or ``dd/mm/yyyy`` text, in ``years``; ``None`` when empty."""
        raw = self.value(row, column)
        if raw is None or (isinstance(raw, str) and not raw.strip()):
            if required:
                self.report("error", row, column, "cần một ngày (dd/mm/yyyy), ô đang trống.")
            return None
        date = _as_date(raw)
        if date is None:
            self.report("error", row, column, f"'{raw}' không phải một ngày hợp lệ.", value=raw,
                        hint="nhập theo dạng dd/mm/yyyy, ví dụ 15/08/2017")
        elif not years[0] <= date.year <= years[1]:
            self.report("error", row, column, f"năm {date.year:04d} của ngày {date:%d/%m}/"
                        f"{date.year:04d} không nằm trong khoảng {years[0]}–{years[1]}.",
                        value=raw, hint="kiểm tra lại năm (gõ đủ bốn chữ số)")
            return None
        return date

    def integer(self, row: Row, column: Column | str, raw: object, *, minimum: int = 0,
                maximum: int | None = None) -> int | None:
        """A whole number; ``5.000.000`` and ``5,000,000`` as text are accepted."""
        if raw is None or (isinstance(raw, str) and not raw.strip()):
            return None
        value: int | None = None
        if isinstance(raw, bool):
            value = None
        elif isinstance(raw, int):
            value = raw
        elif isinstance(raw, float) and raw.is_integer():
            value = int(raw)
        elif isinstance(raw, str) and re.fullmatch(r"\d{1,3}([.,\s]?\d{3})*", raw.strip()):
            value = int(re.sub(r"\D", "", raw))
        if value is None or value < minimum or (maximum is not None and value > maximum):
            limits = f"từ {minimum}" + (f" đến {maximum}" if maximum is not None else "")
            self.report("error", row, column, f"'{raw}' không phải một số nguyên {limits}.",
                        value=raw)
            return None
        return value


def _unusable(raw: str) -> tuple[str, str] | None:
    """Why a text cell cannot be used (message, hint), or ``None``."""
    if raw.strip() in EXCEL_ERRORS:
        return (f"ô có giá trị lỗi {raw.strip()} của Excel (công thức hỏng).",
                "sửa công thức của ô này, hoặc gõ giá trị vào ô")
    if len(raw) > EXCEL_CELL_LIMIT:
        return (f"ô dài {format_amount(len(raw))} ký tự, quá giới hạn "
                f"{format_amount(EXCEL_CELL_LIMIT)} ký tự của một ô Excel (Excel cắt bớt khi lưu).",
                "rút ngắn nội dung ô này")
    return None


def _as_date(raw: object) -> dt.date | None:
    if isinstance(raw, dt.datetime):
        return raw.date()
    if isinstance(raw, dt.date):
        return raw
    if isinstance(raw, (int, float)) and not isinstance(raw, bool) and \
            _SERIAL_RANGE[0] <= raw <= _SERIAL_RANGE[1]:
        serial: dt.datetime = from_excel(raw)
        return serial.date()
    match = _DATE_TEXT.match(canonical(str(raw))[0])
    if match:
        day, month, year = (int(g) for g in match.groups())
        try:
            return dt.date(year, month, day)
        except ValueError:
            return None
    return None
