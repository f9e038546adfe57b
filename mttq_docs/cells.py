"""Turning raw cell values into text, dates and numbers, reporting every bad cell.

A :class:`CellReader` collects :class:`~mttq_docs.errors.Problem` objects instead of raising,
so that the user sees every problem of the workbook in one run.
"""

from __future__ import annotations

import datetime as dt
import re

from openpyxl.utils.datetime import from_excel

from .errors import Level, Problem
from .vietnamese import clean_text
from .workbook import Column, Row

_DATE_TEXT = re.compile(r"^\s*(\d{1,2})\s*[/.\-]\s*(\d{1,2})\s*[/.\-]\s*(\d{4})\s*$")
# Excel date serials of 1930–2100: a date cell that lost its date format.
_SERIAL_RANGE = (10958, 73051)


class CellReader:
    """Reads typed values from rows and records what is wrong with them."""

    def __init__(self) -> None:
        self.problems: list[Problem] = []

    def report(self, level: Level, row: Row, column: Column | str | None, message: str,
               *, value: object = None, hint: str | None = None) -> None:
        name = column.name if isinstance(column, Column) else column
        self.problems.append(Problem(level, row.sheet, message, row=row.number, column=name,
                                     value=value, hint=hint))

    def text(self, row: Row, column: Column, *, required: bool = False) -> str | None:
        """The cell as clean NFC text, or ``None`` when empty (an error if ``required``)."""
        raw = row.get(column)
        if isinstance(raw, (dt.datetime, dt.date)):
            raw = raw.strftime("%d/%m/%Y")
        elif isinstance(raw, float) and raw.is_integer():
            raw = int(raw)
        text, had_controls = clean_text("" if raw is None else str(raw))
        if had_controls:
            self.report("warning", row, column, "có ký tự điều khiển (dán từ chương trình khác); "
                        "đã bỏ đi.", value=raw)
        if not text:
            if required:
                self.report("error", row, column, "ô này không được để trống.")
            return None
        return text

    def name(self, row: Row, column: Column, *, required: bool = False) -> str | None:
        """A proper name (district, commune, code): text that holds at least one letter."""
        raw = row.get(column)
        text = self.text(row, column, required=required)
        if text is not None and not any(ch.isalpha() for ch in text):
            kind = "một số" if isinstance(raw, (int, float)) else f"'{text}'"
            self.report("error", row, column, f"cần một tên bằng chữ, ở đây là {kind}.", value=raw)
            return None
        return text

    def lines(self, row: Row, column: Column) -> tuple[str, ...]:
        """A cell with one item per line (Alt+Enter in Excel); leading ``-``/``+`` dropped."""
        text = self.text(row, column) or ""
        items = (line.strip().lstrip("-+•").strip() for line in text.split("\n"))
        return tuple(item for item in items if item)

    def date(self, row: Row, column: Column, *, required: bool = False) -> dt.date | None:
        """An Excel date, or ``dd/mm/yyyy`` text; ``None`` when empty."""
        raw = row.get(column)
        if raw is None or (isinstance(raw, str) and not raw.strip()):
            if required:
                self.report("error", row, column, "cần một ngày (dd/mm/yyyy), ô đang trống.")
            return None
        if isinstance(raw, dt.datetime):
            return raw.date()
        if isinstance(raw, dt.date):
            return raw
        if isinstance(raw, (int, float)) and _SERIAL_RANGE[0] <= raw <= _SERIAL_RANGE[1]:
            serial: dt.datetime = from_excel(raw)
            return serial.date()
        match = _DATE_TEXT.match(str(raw))
        if match:
            day, month, year = (int(g) for g in match.groups())
            try:
                return dt.date(year, month, day)
            except ValueError:
                pass
        self.report("error", row, column, f"'{raw}' không phải một ngày hợp lệ.", value=raw,
                    hint="nhập theo dạng dd/mm/yyyy, ví dụ 15/08/2017")
        return None

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
