"""A sheet's cell values read by calamine, exactly as openpyxl's reader gives them, or not at all.

openpyxl parses a sheet in Python, cell by cell: of the 2.3 s that reading and checking a
national plan (10 000 points) took, 1.7 s went to it. calamine (the ``python-calamine``
package, written in Rust; pandas' ``engine="calamine"``) reads the same cells in a seventh of
that. Every message of mttq-docs names values as openpyxl read them, and a plan must not change
with the reader, so calamine is used only where its values are known to be openpyxl's:

* a number is a float in calamine; openpyxl gives an ``int`` when the XML writes it with no
  point and no exponent (``2017``), a float otherwise (``1.5``, ``1E+20``). Written the second
  way with a whole value (``5.0``), with more than 15 digits (past a float's precision), or
  with anything else around the digits, the sheet is left to openpyxl;
* a date cell (a number with a date format) is a ``date`` in calamine and a ``datetime`` at
  midnight in openpyxl. Only whole days after 28/02/1900 (where the two count days alike, the
  1900 leap-year bug included) are converted; a date with a time of day, a time or a duration
  (both round to the millisecond, not always alike), or a serial of 1 000 000 or more (past
  year 9999 openpyxl gives ``#VALUE!``), leaves the sheet to openpyxl. Which formats are dates
  is asked of both libraries (:func:`date_styles_agree`);
* an empty text cell reads as ``None``, like a cell with nothing in it (calamine gives ``""``
  for both; every reader of a cell treats ``""`` and ``None`` alike). openpyxl's rows get the
  same treatment in :meth:`~mttq_docs.workbook.Workbook.rows`.

:func:`unlike_openpyxl` looks in the XML of the sheet and of the shared strings for what
calamine reads otherwise: an error value (``#N/A``, which calamine reads as empty), text that
calamine would trim (no ``xml:space="preserve"``), ``_x000D_`` escapes (calamine decodes them,
openpyxl does not), a carriage return, a DOCTYPE, CDATA or comment, single-quoted attributes, a
namespace prefix, an encoding other than UTF-8, cell types other than number, text and boolean,
inline text beside a value.
Any of them, or any error of calamine, and the sheet is read with openpyxl as before: slower,
never different. ``tests/test_calamine_reader.py`` compares both readers cell by cell.
"""

from __future__ import annotations

import datetime as dt
import io
import logging
import re
import zipfile
from collections.abc import Collection, Sequence
from pathlib import Path
from typing import Any

logger = logging.getLogger(__name__)

_MAIN = "http://schemas.openxmlformats.org/spreadsheetml/2006/main"
"""The namespace of a workbook's parts, as openpyxl looks for it (not strict Open XML's)."""

# What the checks look for, each as a literal or a pattern that starts with one (Python's
# regular expressions skip ahead to a literal quickly: a 4 MB sheet is checked in ~30 ms).
_ESCAPE = re.compile(rb"x[0-9A-Fa-f]{4}_")
"""``_x000D_``: calamine decodes it; openpyxl keeps it, and drops any ``x005F_``."""
_VALUE = re.compile(rb"<v(?:\s[^>]*)?>(?![0-9]{1,6}</v>)([^<]*)</v>")
"""A ``<v>`` other than 1 to 6 digits: a shared string's index, a small whole number or a
date serial are those; anything else is looked at."""
# A space, tab or line feed, written as it is or as a character reference (&#32;, &#x0A;…):
# calamine trims them at the ends of a text whose <t> does not preserve spaces.
_LEADING_SPACE = re.compile(rb"<t(\s[^>]*)?>(?:[ \t\r\n]|&#(?:0*(?:32|9|10|13)|[xX]0*"
                            rb"(?:20|9|[aAdD]));)")
_TRAILING_SPACE_REVERSED = re.compile(rb">t/<(?:[ \t\r\n]|;(?:23|9|01|31)0*#&|"
                                      rb";(?:02|9|[aAdD])0*[xX]#&)")
"""The same before ``</t>``, searched in the reversed text (a pattern ending in a literal is
slow to search forwards)."""
_WHOLE = re.compile(rb"-?[0-9]{1,15}")
_DECIMAL = re.compile(rb"-?[0-9]*\.?[0-9]+(?:[eE][-+]?[0-9]+)?")
_TYPE = re.compile(rb'\st="([^"]*)"')
_STYLE = re.compile(rb'\ss="([0-9]+)"')
_ENCODING = re.compile(rb"""encoding=["']([^"']*)["']""")
_PRESERVE = b'xml:space="preserve"'
_TEXT_TYPES = (b"s", b"str", b"inlineStr")

FIRST_DATE = dt.date(1900, 3, 1)
"""From this day on, calamine and openpyxl turn a serial into the same day."""


class Unlike(Exception):
    """calamine gave a value openpyxl would give otherwise; the message says which kind."""


def failed(err: BaseException) -> bool:
    """Whether ``err`` is calamine refusing a file, a Rust panic included (pyo3's
    ``PanicException`` derives from ``BaseException``), rather than Ctrl+C or an exit."""
    return isinstance(err, Exception) or type(err).__name__ == "PanicException"


def unlike_openpyxl(data: bytes, root: bytes, date_styles: Collection[int]) -> str | None:
    """Why calamine may read the XML part ``data`` (a worksheet, root element ``worksheet``, or
    the shared strings, ``sst``) otherwise than openpyxl; ``None`` when it reads it alike.

    ``date_styles`` are the cell styles whose number format is a date (openpyxl's and
    calamine's alike, see :func:`date_styles_agree`).
    """
    head = data[:200]
    if head.startswith((b"\xef\xbb\xbf", b"\xff\xfe", b"\xfe\xff")):
        return "a byte order mark"
    encoding = _ENCODING.search(head)
    if encoding and encoding.group(1).lower() not in (b"utf-8", b"utf8"):
        return f"the encoding {encoding.group(1).decode('ascii', 'replace')}"
    start = data.find(b"<" + root)
    if start < 0:
        return "a namespace prefix"
    if b'xmlns="' + _MAIN.encode() + b'"' not in data[start:data.find(b">", start)]:
        return "another namespace (strict Open XML?), where openpyxl finds no cell"
    if b"\r" in data:
        return "a carriage return"
    if b"!" in data and b"<!" in data:  # a byte is looked for faster than two
        return "a DOCTYPE, CDATA section or comment"
    if b"'" in data and b"='" in data:
        return "single-quoted attributes"
    if b't="e"' in data:
        return "an error value"
    if b"_" in data and _ESCAPE.search(data):
        return "an _xHHHH_ escape"
    if _inline_elsewhere(data):
        return "inline text outside a cell of inline text, or beside a value"
    if b"<t" in data and _trimmed(data):
        return "text with spaces at an end and no xml:space='preserve'"
    for value in _VALUE.finditer(data):
        reason = _unlike_value(data, value, date_styles)
        if reason:
            return reason
    return None


def _trimmed(data: bytes) -> bool:
    """Whether a ``<t>`` element that does not preserve spaces starts or ends with one:
    calamine trims it, openpyxl keeps it."""
    if any(_PRESERVE not in (found.group(1) or b"") for found in _LEADING_SPACE.finditer(data)):
        return True
    backwards = data[::-1]
    for found in _TRAILING_SPACE_REVERSED.finditer(backwards):
        close = len(data) - found.start() - len(b"</t>")
        tag = data[data.rfind(b"<", 0, close):close]
        if not tag.startswith(b"<t") or _PRESERVE not in tag[:tag.find(b">")]:
            return True
    return False


def _inline_elsewhere(data: bytes) -> bool:
    """Whether inline text (``<is>``) is anywhere but alone in a cell of type ``inlineStr``
    written as Excel, LibreOffice and openpyxl write it (``t`` its last attribute): openpyxl
    reads only the ``<is>`` of such a cell and nothing else, calamine also reads a ``<v>``
    beside it (and lost the row), or an ``<is>`` in a cell of another type. Counted rather
    than searched for with a pattern, ten times slower on 40 000 cells."""
    if b"<is" not in data:
        return False
    found = data.count(b"<is")
    return (data.count(b'Str"><is>') != found or data.count(b"/is></c>") != found
            or b'Str"><v' in data)


def _unlike_value(data: bytes, value: re.Match[bytes], date_styles: Collection[int]
                  ) -> str | None:
    """Why the ``<v>`` ``value`` (not 1 to 6 digits) would be read otherwise, or ``None``."""
    start = max(data.rfind(b"<c ", 0, value.start()), data.rfind(b"<c>", 0, value.start()))
    if start < 0:
        return "a value outside a cell"
    tag = data[start:data.find(b">", start)]
    kind = _TYPE.search(tag)
    cell_type = kind.group(1) if kind else b"n"
    text = value.group(1)
    if cell_type in _TEXT_TYPES or not text:  # no text: no value, for both
        return None
    if cell_type != b"n":
        return f"a cell of type {cell_type.decode('ascii', 'replace')}"
    style = _STYLE.search(tag)
    if (int(style.group(1)) if style else 0) in date_styles:
        return "a date that is not a whole number of days below 1 000 000"
    if _WHOLE.fullmatch(text):
        return None
    if _DECIMAL.fullmatch(text) and not float(text).is_integer():
        return None
    return f"the number {text[:20].decode('ascii', 'replace')}"


def values(grid: Sequence[Sequence[Any]]) -> list[tuple[Any, ...]]:
    """calamine's rows (``to_python(skip_empty_area=False)``: from A1) as openpyxl's reader
    gives them, with empty cells ``None`` and none at the end of a row; :class:`Unlike` for a
    value openpyxl would give otherwise.

    :func:`unlike_openpyxl` has found nothing in the sheet: a whole float was written as an
    integer, and a date cell holds a whole number of days.
    """
    rows: list[tuple[Any, ...]] = []
    date, datetime, first = dt.date, dt.datetime, FIRST_DATE
    for cells in grid:
        row: list[Any] = []
        for value in cells:
            kind = type(value)
            if kind is str:
                row.append(value or None)
            elif kind is float:
                row.append(int(value) if value.is_integer() else value)
            elif kind is bool or kind is int:
                row.append(value)
            elif kind is date and value >= first:
                row.append(datetime(value.year, value.month, value.day))
            else:
                raise Unlike(f"{kind.__name__} {value!r}")
        while row and row[-1] is None:
            row.pop()
        rows.append(tuple(row))
    return rows


# A workbook of one sheet whose row i has one cell of style i: calamine, given the
# workbook's own styles.xml, tells which styles it reads as dates.
_RELS = "http://schemas.openxmlformats.org/package/2006/relationships"
_OFFICE = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
_CT = "application/vnd.openxmlformats-officedocument.spreadsheetml"
_PROBE = {
    "[Content_Types].xml":
        '<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">'
        '<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.'
        'relationships+xml"/><Default Extension="xml" ContentType="application/xml"/>'
        f'<Override PartName="/xl/workbook.xml" ContentType="{_CT}.sheet.main+xml"/>'
        f'<Override PartName="/xl/worksheets/sheet1.xml" ContentType="{_CT}.worksheet+xml"/>'
        f'<Override PartName="/xl/styles.xml" ContentType="{_CT}.styles+xml"/></Types>',
    "_rels/.rels":
        f'<Relationships xmlns="{_RELS}"><Relationship Id="rId1" '
        f'Type="{_OFFICE}/officeDocument" Target="xl/workbook.xml"/></Relationships>',
    "xl/workbook.xml":
        f'<workbook xmlns="{_MAIN}" xmlns:r="{_OFFICE}"><sheets>'
        '<sheet name="S" sheetId="1" r:id="rId1"/></sheets></workbook>',
    "xl/_rels/workbook.xml.rels":
        f'<Relationships xmlns="{_RELS}"><Relationship Id="rId1" Type="{_OFFICE}/worksheet" '
        f'Target="worksheets/sheet1.xml"/><Relationship Id="rId2" Type="{_OFFICE}/styles" '
        'Target="styles.xml"/></Relationships>',
}
PROBE_LIMIT = 10_000
"""Cell styles beyond which the question is not asked (and openpyxl reads the workbook)."""


def date_styles_agree(styles: bytes | None, count: int, date_styles: Collection[int],
                      duration_styles: Collection[int]) -> bool:
    """Whether calamine reads as a date exactly the cell styles that openpyxl does, among the
    ``count`` styles of ``styles`` (the workbook's ``xl/styles.xml``; ``None`` when it has none).

    Each library has its own idea of a date format: openpyxl takes ``#,##0*y`` for a date, for
    its ``y``; calamine does not. ``date_styles`` and ``duration_styles`` are openpyxl's answer
    (``duration_styles`` also in ``date_styles``); calamine's is asked by reading a number in
    every style, in a workbook of one sheet built here with the same ``styles.xml``.
    """
    if styles is None:
        return not date_styles
    if count > PROBE_LIMIT:
        return False
    cells = "".join(f'<row r="{i + 1}"><c r="A{i + 1}" s="{i}"><v>45000</v></c></row>'
                    for i in range(count + 1))  # one past the last: no style, a number
    sheet = f'<worksheet xmlns="{_MAIN}"><sheetData>{cells}</sheetData></worksheet>'
    package = io.BytesIO()
    with zipfile.ZipFile(package, "w") as probe:
        for name, text in _PROBE.items():
            probe.writestr(name, text)
        probe.writestr("xl/worksheets/sheet1.xml", sheet)
        probe.writestr("xl/styles.xml", styles)
    try:
        import python_calamine

        package.seek(0)
        book = python_calamine.CalamineWorkbook.from_filelike(package)
        grid = book.get_sheet_by_name("S").to_python(skip_empty_area=False)
    except BaseException as err:  # noqa: BLE001 - a panic too; see failed()
        if not failed(err):
            raise
        logger.debug("calamine could not read the styles", exc_info=True)
        return False
    if len(grid) != count + 1:
        return False
    for index, row in enumerate(grid):
        value = row[0] if row else None
        theirs = ("duration" if isinstance(value, dt.timedelta) else
                  "date" if isinstance(value, dt.date) else
                  "number" if isinstance(value, float) else "other")
        ours = ("duration" if index in duration_styles and index in date_styles else
                "date" if index in date_styles else "number")
        if theirs != ours:
            logger.debug("style %d: a %s for calamine, a %s for openpyxl", index, theirs, ours)
            return False
    return True


def open_workbook(path: Path) -> Any:
    """``path`` opened by calamine (a ``python_calamine.CalamineWorkbook``), or ``None`` when
    calamine cannot read it (openpyxl then reads every sheet, or says why it cannot)."""
    try:
        import python_calamine

        return python_calamine.CalamineWorkbook.from_path(str(path))
    except BaseException as err:  # noqa: BLE001 - a panic too; see failed()
        if not failed(err):
            raise
        logger.debug("calamine could not open %s", path, exc_info=True)
        return None
