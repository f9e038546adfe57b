"""The workbook's values read by calamine are openpyxl's (issue 20, speed).

Every workbook the repository ships, the benchmark's, and workbooks built here with dates,
numbers, booleans, merged cells, hidden sheets, empty leading rows and columns, and XML that
calamine reads otherwise, are read by :class:`mttq_docs.workbook.Workbook` and by openpyxl's
read-only reader (the reader mttq-docs used before, kept here as the reference only) and
compared cell by cell: same value, same type. Where calamine would differ, the sheet must have
been left to openpyxl (``read_by_openpyxl``); where nothing differs, calamine must have read it,
or the speed would be lost without a test noticing.
"""

from __future__ import annotations

import datetime as dt
import random
import re
import shutil
import zipfile
from pathlib import Path
from xml.sax.saxutils import quoteattr

import openpyxl
import pytest
from openpyxl.utils import get_column_letter

from benchmarks.make_workbook import build
from mttq_docs.errors import WorkbookFileError
from mttq_docs.validation import load_plan
from mttq_docs.workbook import opened_workbook, sheet_rows

from .helpers import ROOT

SHIPPED_WORKBOOKS = sorted((ROOT / "inputs").glob("*.xlsx"))


def openpyxl_values(path: Path) -> dict[str, list[tuple]]:
    """The reference: every sheet as openpyxl's read-only reader gives it."""
    book = openpyxl.load_workbook(path, data_only=True, read_only=True)
    try:
        return {sheet.title: [tuple(row) for row in sheet_rows(sheet)] for sheet in book.worksheets}
    finally:
        book.close()


def read(path: Path) -> tuple[dict[str, list[tuple]], dict[str, str]]:
    """Every sheet as mttq-docs reads it, and the sheets left to openpyxl (with why)."""
    with opened_workbook(path) as book:
        values = {title: book.rows(title) for title in book.sheetnames}
        return values, dict(book.read_by_openpyxl)


def assert_read_alike(path: Path) -> dict[str, str]:
    """Cell by cell, the two readers agree; an empty text cell is ``None`` for mttq-docs
    (calamine cannot tell it from an empty cell). Returns the sheets left to openpyxl."""
    expected = openpyxl_values(path)
    actual, by_openpyxl = read(path)
    assert list(actual) == list(expected)
    for title, rows in expected.items():
        got = actual[title]
        for number in range(1, max(len(rows), len(got)) + 1):
            want_row = rows[number - 1] if number <= len(rows) else ()
            got_row = got[number - 1] if number <= len(got) else ()
            for index in range(max(len(want_row), len(got_row))):
                want = want_row[index] if index < len(want_row) else None
                have = got_row[index] if index < len(got_row) else None
                want = None if want == "" else want
                place = f"{path.name} {title}!{get_column_letter(index + 1)}{number}"
                assert (type(have), have) == (type(want), want), place
    return by_openpyxl


def with_shared_strings(source: Path, target: Path) -> Path:
    """``source`` (written by openpyxl, whose text is inline) with its text in a shared string
    table, as Excel and LibreOffice write it."""
    strings: dict[str, int] = {}

    def shared(match: re.Match[str]) -> str:
        text = match.group(2)
        index = strings.setdefault(text, len(strings))
        return f'{match.group(1)}t="s"><v>{index}</v></c>'

    with zipfile.ZipFile(source) as package, zipfile.ZipFile(target, "w",
                                                              zipfile.ZIP_DEFLATED) as copy:
        for item in package.infolist():
            data = package.read(item)
            if item.filename.startswith("xl/worksheets/sheet"):
                data = re.sub(r'(<c [^>]*)t="inlineStr"><is>(.*?)</is></c>', shared,
                              data.decode("utf-8"), flags=re.S).encode("utf-8")
            elif item.filename == "[Content_Types].xml":
                data = data.replace(b"</Types>", b'<Override PartName="/xl/sharedStrings.xml" '
                                    b'ContentType="application/vnd.openxmlformats-officedocument.'
                                    b'spreadsheetml.sharedStrings+xml"/></Types>')
            elif item.filename == "xl/_rels/workbook.xml.rels":
                data = data.replace(b"</Relationships>", b'<Relationship Id="rIdStrings" Type="'
                                    b'http://schemas.openxmlformats.org/officeDocument/2006/'
                                    b'relationships/sharedStrings" Target="sharedStrings.xml"/>'
                                    b"</Relationships>")
            copy.writestr(item, data)
        table = "".join(f"<si>{text}</si>" for text in strings)
        copy.writestr("xl/sharedStrings.xml", '<sst xmlns="http://schemas.openxmlformats.org/'
                      f'spreadsheetml/2006/main" count="{len(strings)}" uniqueCount="'
                      f'{len(strings)}">{table}</sst>')
    return target


# --- What the repository ships ----------------------------------------------------------------

@pytest.mark.parametrize("path", SHIPPED_WORKBOOKS, ids=lambda path: path.name)
def test_every_shipped_workbook_is_read_by_calamine_as_openpyxl_reads_it(path, tmp_path):
    assert assert_read_alike(path) == {}
    shared = with_shared_strings(path, tmp_path / f"sst_{path.name}")
    assert assert_read_alike(shared) == {}
    assert repr(load_plan(shared)) == repr(load_plan(path))


def test_there_are_shipped_workbooks():
    assert len(SHIPPED_WORKBOOKS) >= 2


@pytest.mark.parametrize("levels", [3, 2])
def test_a_benchmark_plan_is_read_by_calamine_as_openpyxl_reads_it(tmp_path, levels):
    path = tmp_path / "plan.xlsx"
    build(120, path, levels=levels)
    assert assert_read_alike(path) == {}
    assert assert_read_alike(with_shared_strings(path, tmp_path / "sst.xlsx")) == {}


# --- Built here: what a plan may hold ---------------------------------------------------------

def built_workbook(path: Path) -> Path:
    book = openpyxl.Workbook()
    sheet = book.active
    sheet.title = "Giá trị"
    # Nothing in rows 1-3 nor columns A-B: rows and columns still count from A1.
    values = [2017, -3, 0, 1.5, 0.1, 123456789012345, 1.0, 5_000_000, True, False, "Hải Dương",
              " có dấu cách ", "hai\ndòng", "Nhà\x7f văn hóa\x9f", "Tứ\u200bKỳ", "=SUM(A1:A2)",
              "", "#không phải lỗi", "12/08/2017", dt.datetime(2017, 8, 31),
              dt.date(2017, 8, 15), dt.datetime(1900, 3, 1), dt.datetime(2100, 12, 31)]
    for number, value in enumerate(values, start=4):
        cell = sheet.cell(number, 3)
        cell.value = value  # "=SUM…": a formula never computed, None for both readers
        sheet.cell(number, 5).value = f"dòng {number}"
    sheet["G30"] = 42967
    sheet["G30"].number_format = "DD/MM/YYYY"
    sheet["G31"] = 42967
    sheet["G31"].number_format = "#,##0"
    sheet.merge_cells("E4:E6")
    hidden = book.create_sheet("Phân công ")
    hidden.sheet_state = "hidden"
    hidden.append(["STT", "Huyện"])
    hidden.append([1, "Huyện Cũ"])
    book.create_sheet("Trống")
    times = book.create_sheet("Giờ")
    times.append([dt.datetime(2017, 8, 31, 8, 30), dt.time(8, 30), dt.timedelta(hours=30)])
    errors = book.create_sheet("Lỗi")
    errors.append(["#N/A", "#REF!", 1])
    large = book.create_sheet("Số lớn")
    large.append([1e20, 2**60])
    early = book.create_sheet("Ngày xưa")
    early.append([dt.datetime(1900, 1, 15)])
    book.save(path)
    return path


LEFT_TO_OPENPYXL = {"Giờ", "Lỗi", "Số lớn", "Ngày xưa"}


def test_a_built_workbook_is_read_alike_and_by_calamine_where_it_can(tmp_path):
    path = built_workbook(tmp_path / "dung.xlsx")
    assert set(assert_read_alike(path)) == LEFT_TO_OPENPYXL
    shared = with_shared_strings(path, tmp_path / "sst.xlsx")
    assert set(assert_read_alike(shared)) == LEFT_TO_OPENPYXL


def test_empty_leading_rows_and_columns_keep_excel_numbers(tmp_path):
    values, by_openpyxl = read(built_workbook(tmp_path / "dung.xlsx"))
    assert "Giá trị" not in by_openpyxl
    rows = values["Giá trị"]
    assert rows[:3] == [(), (), ()]
    assert rows[3][:3] == (None, None, 2017) and type(rows[3][2]) is int
    assert rows[22][2] == dt.datetime(2017, 8, 31)


# --- XML that calamine reads otherwise: left to openpyxl ------------------------------------

MAIN = "http://schemas.openxmlformats.org/spreadsheetml/2006/main"


def handmade(path: Path, sheet_data: str, *, strings: str | None = None,
             styles=None, workbook=None) -> Path:
    """A workbook of one sheet ``S`` whose ``<sheetData>`` is ``sheet_data``; ``strings`` the
    ``<si>`` elements of a shared string table; ``styles`` and ``workbook`` edit those parts."""
    base = path.with_name("base_" + path.name)
    book = openpyxl.Workbook()
    book.active.title = "S"
    book.save(base)
    parts = {}
    with zipfile.ZipFile(base) as package:
        for name in package.namelist():
            parts[name] = package.read(name)
    parts["xl/worksheets/sheet1.xml"] = re.sub(
        rb"<sheetData\s*/>|<sheetData>.*</sheetData>", sheet_data.encode("utf-8"),
        parts["xl/worksheets/sheet1.xml"], flags=re.S)
    if styles:
        parts["xl/styles.xml"] = styles(parts["xl/styles.xml"])
    if workbook:
        parts["xl/workbook.xml"] = workbook(parts["xl/workbook.xml"])
    if strings is not None:
        parts["[Content_Types].xml"] = parts["[Content_Types].xml"].replace(
            b"</Types>", b'<Override PartName="/xl/sharedStrings.xml" ContentType="application/'
            b'vnd.openxmlformats-officedocument.spreadsheetml.sharedStrings+xml"/></Types>')
        parts["xl/_rels/workbook.xml.rels"] = parts["xl/_rels/workbook.xml.rels"].replace(
            b"</Relationships>", b'<Relationship Id="rIdStrings" Type="http://schemas.'
            b'openxmlformats.org/officeDocument/2006/relationships/sharedStrings" '
            b'Target="sharedStrings.xml"/></Relationships>')
        parts["xl/sharedStrings.xml"] = f'<sst xmlns="{MAIN}">{strings}</sst>'.encode("utf-8")
    with zipfile.ZipFile(path, "w") as package:
        for name, data in parts.items():
            package.writestr(name, data)
    return path


def row(cells: str, number: int = 1) -> str:
    return f'<sheetData><row r="{number}">{cells}</row></sheetData>'


def inline(ref: str, text: str, preserve: bool = False) -> str:
    space = ' xml:space="preserve"' if preserve else ""
    return f'<c r="{ref}" t="inlineStr"><is><t{space}>{text}</t></is></c>'


SHARED = "".join(f'<c r="{get_column_letter(i + 1)}1" t="s"><v>{i}</v></c>' for i in range(4))

OTHERWISE = {
    "error value": (row('<c r="A1" t="e"><v>#N/A</v></c><c r="B1"><v>1</v></c>'), None),
    "newer error value": (row('<c r="A1" t="e"><v>#SPILL!</v></c>'), None),
    "escape": (row(inline("A1", "a_x000D_b")), None),
    "escape of an underscore": (row(inline("A1", "ax005F_b")), None),
    "spaces not preserved": (row(inline("A1", " a ") + inline("B1", "b")), None),
    "only spaces, not preserved": (row(inline("A1", "   ")), None),
    "trailing line feed, not preserved": (row(inline("A1", "a\n")), None),
    "spaces written as character references, not preserved": (
        row(inline("A1", "&#x20;a") + inline("B1", "a&#10;") + inline("C1", "&#32;")), None),
    "carriage return": (row(inline("A1", "a\r\nb")), None),
    "comment": (row('<!-- x --><c r="A1"><v>1</v></c>'), None),
    "CDATA": (row('<c r="A1" t="inlineStr"><is><t><![CDATA[ a ]]></t></is></c>'), None),
    "single quotes": (row("<c r='A1' t='e'><v>#N/A</v></c>"), None),
    "float written with a point": (row('<c r="A1"><v>5.0</v></c>'), None),
    "float written with an exponent": (row('<c r="A1"><v>1E3</v></c>'), None),
    "sixteen digits": (row('<c r="A1"><v>1234567890123456</v></c>'), None),
    "number with spaces": (row('<c r="A1"><v> 5 </v></c>'), None),
    "inline text in a number cell": (row('<c r="A1"><is><t>a</t></is></c>'), None),
    "a value beside inline text": (row('<c r="A1" t="inlineStr"><v>abc</v></c><c r="B1" '
                                       't="inlineStr"><is><t>a</t></is><v>b</v></c>'), None),
    "inline text closed at once": (row('<c r="A1" t="inlineStr"><is/></c>'), None),
    "unknown cell type": (row('<c r="A1" t="x"><v>5</v></c>'), None),
    "boolean other than 0 and 1": (row('<c r="A1" t="b"><v>2</v></c>'), None),
    "ISO date": (row('<c r="A1" t="d"><v>2017-08-31</v></c>'), None),
    "shared strings with escapes": (row(SHARED), "<si><t>a</t></si><si><t>b_x000D_</t></si>"
                                    "<si><t>c</t></si><si><t>d</t></si>"),
    "shared strings trimmed": (row(SHARED), "<si><t>a</t></si><si><t> b</t></si>"
                               "<si><t>c</t></si><si><t>d</t></si>"),
}


def test_a_sheet_in_strict_open_xml_is_left_to_openpyxl(tmp_path):
    path = handmade(tmp_path / "x.xlsx", row('<c r="A1"><v>5</v></c>'))
    strict = tmp_path / "strict.xlsx"
    with zipfile.ZipFile(path) as package, zipfile.ZipFile(strict, "w") as copy:
        for item in package.infolist():
            data = package.read(item)
            if item.filename == "xl/worksheets/sheet1.xml":
                data = data.replace(MAIN.encode(), b"http://purl.oclc.org/ooxml/spreadsheetml/main")
            copy.writestr(item, data)
    assert "namespace" in assert_read_alike(strict)["S"]  # openpyxl finds no cell there


@pytest.mark.parametrize("case", list(OTHERWISE))
def test_xml_that_calamine_reads_otherwise_is_left_to_openpyxl(tmp_path, case):
    sheet_data, strings = OTHERWISE[case]
    path = handmade(tmp_path / "x.xlsx", sheet_data, strings=strings)
    assert set(assert_read_alike(path)) == {"S"}, case


ALIKE = {
    "preserved spaces": row(inline("A1", " a ", True) + inline("B1", "   ", True)
                            + inline("C1", "a\n", True)),
    "rich text and phonetic runs": row('<c r="A1" t="inlineStr"><is><r><t>a</t></r><r><t '
                                       'xml:space="preserve"> b</t></r><rPh sb="0" eb="1"><t>'
                                       "PH</t></rPh></is></c>"),
    "entities": row(inline("A1", "a &amp; b &lt; c&#10;d &#7909;") + inline("B1", "&#7909; a")
                    + inline("C1", "&#x20;a", True)),
    "empty text": row(inline("A1", "") + '<c r="C1" t="inlineStr"></c>'
                      + '<c r="D1"><v>1</v></c>'),
    "cells without a reference": '<sheetData><row><c t="inlineStr"><is><t>a</t></is></c><c>'
                                 "<v>2</v></c></row><row><c><v>3</v></c></row></sheetData>",
    "leading empty rows and columns": '<sheetData><row r="3"><c r="C3"><v>5</v></c></row>'
                                      '<row r="5"><c r="B5" t="inlineStr"><is><t>x</t></is></c>'
                                      "</row></sheetData>",
    "styled empty cells": '<sheetData><row r="1"><c r="A1" s="0"/><c r="B1"><v>1</v></c>'
                          '<c r="D1" s="0"/></row><row r="4"/></sheetData>',
    "decimals": row('<c r="A1"><v>0.1</v></c><c r="B1"><v>-1.5E-3</v></c><c r="C1"><v>-007'
                    '</v></c><c r="D1"><v>123456789012345</v></c><c r="E1"><v>-0</v></c>'),
    "formula results": row('<c r="A1"><f>1+1</f><v>2</v></c><c r="B1" t="str"><f>"a"</f><v> a '
                           '</v></c><c r="C1" t="str"><f>""</f><v></v></c><c r="D1"><f>1</f>'
                           '</c><c r="E1" t="b"><f>TRUE</f><v>1</v></c>'),
}


@pytest.mark.parametrize("case", list(ALIKE))
def test_xml_that_calamine_reads_alike_is_read_by_calamine(tmp_path, case):
    assert assert_read_alike(handmade(tmp_path / "x.xlsx", ALIKE[case])) == {}, case


def test_shared_strings_calamine_reads_alike(tmp_path):
    strings = ('<si><t>plain</t></si><si><t/></si><si><r><t>a</t></r><r><t xml:space="'
               'preserve"> b</t></r><rPh sb="0" eb="1"><t>PH</t></rPh></si><si><t xml:space="'
               'preserve">  </t></si><si><t>a&amp;b&#10;c</t></si><si><t>tab\tand \u00a0</t>'
               "</si><si><r><t/></r></si><si><t>Tứ Kỳ</t></si>")
    cells = "".join(f'<c r="{get_column_letter(i + 1)}1" t="s"><v>{i}</v></c>' for i in range(8))
    path = handmade(tmp_path / "x.xlsx", row(cells), strings=strings)
    assert assert_read_alike(path) == {}


# --- Dates: formats both libraries take for dates, or not ----------------------------------

def _date_style(number_format: str):
    def edit(styles: bytes) -> bytes:
        styles = re.sub(rb"<numFmts[^>]*/>|<numFmts.*?</numFmts>", b"", styles, flags=re.S)
        styles = styles.replace(b"<fonts", b'<numFmts count="1"><numFmt numFmtId="164" '
                                b"formatCode=" + quoteattr(number_format).encode("utf-8")
                                + b"/></numFmts><fonts",
                                1)
        return re.sub(rb'(<cellXfs count=")(\d+)(">)(.*?)(</cellXfs>)',
                      lambda m: m.group(1) + str(int(m.group(2)) + 1).encode() + m.group(3)
                      + m.group(4) + b'<xf numFmtId="164" fontId="0" fillId="0" borderId="0" '
                      b'applyNumberFormat="1"/>' + m.group(5), styles, flags=re.S)
    return edit


def _serials(style: int) -> str:
    serials = ["0", "1", "59", "60", "61", "42967", "42967.25", "-1", "999999", "2958466",
               "10000000"]
    return row("".join(f'<c r="{get_column_letter(i + 1)}1" s="{style}"><v>{v}</v></c>'
                       for i, v in enumerate(serials)))


@pytest.mark.filterwarnings("ignore:Cell .* is marked as a date:UserWarning")  # openpyxl's
@pytest.mark.parametrize("number_format", ["dd/mm/yyyy", "DD/MM/YYYY", "d-mmm-yy",
                                           '"Ngày "dd" tháng "mm" năm "yyyy', "[$-42A]dd/mm/yyyy",
                                           "h:mm", "[h]:mm:ss", "#,##0*y", "0.00\"m\"",
                                           "General", "0"])
def test_dates_of_every_format_are_read_alike(tmp_path, number_format):
    path = handmade(tmp_path / "x.xlsx", _serials(1), styles=_date_style(number_format))
    assert_read_alike(path)
    whole_days = handmade(tmp_path / "y.xlsx", row('<c r="A1" s="1"><v>42967</v></c>'),
                          styles=_date_style(number_format))
    by_openpyxl = assert_read_alike(whole_days)
    if number_format in ("dd/mm/yyyy", "DD/MM/YYYY", "General", "0"):
        assert by_openpyxl == {}  # the usual cases stay fast


def test_a_format_only_openpyxl_takes_for_a_date_leaves_the_workbook_to_it(tmp_path):
    path = handmade(tmp_path / "x.xlsx", row('<c r="A1" s="1"><v>42967</v></c>'),
                    styles=_date_style("#,##0*y"))
    assert "date" in assert_read_alike(path)["S"]


def test_a_workbook_counting_dates_from_1904_is_read_alike(tmp_path):
    path = handmade(tmp_path / "x.xlsx", row('<c r="A1" s="1"><v>42967</v></c><c r="B1"><v>1'
                                              "</v></c>"),
                    styles=_date_style("dd/mm/yyyy"),
                    workbook=lambda data: data.replace(b"<workbookPr", b'<workbookPr '
                                                       b'date1904="1"', 1))
    assert assert_read_alike(path) == {"S": "dates counted from 1904"}


# --- Files that are no workbook: refused as before -----------------------------------------

NOT_XLSX = "tệp không phải bảng tính Excel .xlsx hợp lệ (hãy mở bằng Excel và lưu lại dạng .xlsx)."


def _broken(tmp_path: Path, kind: str) -> Path:
    path = tmp_path / f"{kind}.xlsx"
    shipped = SHIPPED_WORKBOOKS[0].read_bytes()
    if kind == "truncated":
        path.write_bytes(shipped[:len(shipped) // 2])
    elif kind == "empty":
        path.write_bytes(b"")
    elif kind == "random":
        path.write_bytes(random.Random(20).randbytes(5000))
    elif kind == "docx":
        shutil.copyfile(next((ROOT / "templates_docx").rglob("*.docx")), path)
    elif kind == "no content types":
        with zipfile.ZipFile(SHIPPED_WORKBOOKS[0]) as source, zipfile.ZipFile(path, "w") as copy:
            for item in source.infolist():
                if item.filename != "[Content_Types].xml":
                    copy.writestr(item, source.read(item))
    elif kind in ("sheet cut short", "styles cut short"):
        part = "xl/worksheets/sheet3.xml" if kind == "sheet cut short" else "xl/styles.xml"
        with zipfile.ZipFile(SHIPPED_WORKBOOKS[0]) as source, zipfile.ZipFile(path, "w") as copy:
            for item in source.infolist():
                data = source.read(item)
                copy.writestr(item, data[:len(data) // 2] if item.filename == part else data)
    elif kind == "sheet's compressed data damaged":
        with zipfile.ZipFile(SHIPPED_WORKBOOKS[0]) as source, zipfile.ZipFile(
                path, "w", zipfile.ZIP_DEFLATED) as copy:
            for item in source.infolist():
                copy.writestr(item.filename, source.read(item))
        data = bytearray(path.read_bytes())
        start = data.find(b"xl/worksheets/sheet3.xml") + 200
        data[start:start + 50] = bytes(byte ^ 0x55 for byte in data[start:start + 50])
        path.write_bytes(bytes(data))
    return path


@pytest.mark.parametrize("kind", ["truncated", "empty", "random", "docx", "no content types",
                                  "sheet cut short", "styles cut short",
                                  "sheet's compressed data damaged"])
def test_a_file_that_is_no_workbook_is_refused_with_the_same_message(tmp_path, kind):
    # The last three gave a parse or zlib error (a traceback) before calamine; they are
    # refused like any damaged file now.
    with pytest.raises(WorkbookFileError) as raised:
        load_plan(_broken(tmp_path, kind))
    assert raised.value.reason == NOT_XLSX
