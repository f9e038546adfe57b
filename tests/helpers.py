"""Helpers shared by the tests: workbooks edited in code, text read back from .docx files."""

from __future__ import annotations

import re
import shutil
import unicodedata
from pathlib import Path

import openpyxl
from docx import Document

from mttq_docs import api
from mttq_docs.docx_inspect import paragraph_text, paragraphs
from mttq_docs.folder_memo import Skipped

ROOT = Path(__file__).resolve().parent.parent
SHIPPED = ROOT / "inputs" / "ke_hoach_2017.xlsx"
SEED = Path(__file__).resolve().parent / "fixtures" / "seed_2017.txt"


def edited_workbook(tmp_path: Path, *edits, append: dict | None = None,
                    name: str = "ke_hoach.xlsx", drop: tuple[str, ...] = ()) -> Path:
    """A copy of the shipped workbook with ``edits`` applied.

    Each edit is ``(sheet, excel_row, column_header, value)``; ``excel_row`` may be a string
    naming the ``Mục`` of a ``Kế hoạch`` setting. ``append`` maps a sheet to rows to add,
    each a ``{header: value}`` dict; the sheets named in ``drop`` are removed.
    """
    target = tmp_path / name
    shutil.copyfile(SHIPPED, target)
    book = openpyxl.load_workbook(target)
    for sheet_name in drop:
        book.remove(book[sheet_name])
    for sheet_name, row, header, value in edits:
        sheet = book[sheet_name]
        if isinstance(row, str):
            row = next(r for r in range(2, sheet.max_row + 1) if sheet.cell(r, 1).value == row)
        sheet.cell(row, _column(sheet, header)).value = value
    for sheet_name, rows in (append or {}).items():
        sheet = book[sheet_name]
        for values in rows:
            row = sheet.max_row + 1
            for header, value in values.items():
                sheet.cell(row, _column(sheet, header)).value = value
    book.save(target)
    return target


def _column(sheet, header: str) -> int:
    return [c.value for c in sheet[1]].index(header) + 1


LUMP_SUM = ("Kế hoạch", "Kinh phí mỗi hội nghị", "Giá trị", 5000000)
"""One sum per conference, the way before the ``Dự toán`` sheet: edit with ``drop=NO_ITEMS``."""
NO_ITEMS = ("Dự toán",)


def district_row(district: str) -> int:
    """The Excel row of ``district`` in the shipped ``Phân công`` sheet."""
    sheet = openpyxl.load_workbook(SHIPPED)["Phân công"]
    return next(r for r in range(2, sheet.max_row + 1) if sheet.cell(r, 2).value == district)


def docx_lines(path: Path) -> list[str]:
    """Every paragraph of the body, tables included, in reading order."""
    return [paragraph_text(located.paragraph) for located in paragraphs(Document(str(path)))]


def cell_text(cell) -> str:
    """A table cell's text, fill-in fields included."""
    return "\n".join(paragraph_text(p) for p in cell.paragraphs)


def docx_text(path: Path) -> str:
    return "\n".join(docx_lines(path))


def normalise(line: str) -> str:
    """NFC, single spaces, no space before punctuation, straight quotes: how two texts are
    compared (templates print typographic quotes “ ” where the seed typed straight ones)."""
    line = unicodedata.normalize("NFC", line).replace("\t", " ").replace("\u200b", "")
    line = line.replace("“", '"').replace("”", '"')
    line = re.sub(r"\s+", " ", line).strip()
    line = re.sub(r"\s+([.,;:)])", r"\1", line)
    return re.sub(r'\s+"(?=[.,;]|$)', '"', line)  # a closing quote after a stray space


def seed_lines() -> list[str]:
    text = SEED.read_text(encoding="utf-8")
    return [normalise(line) for line in text.splitlines() if normalise(line)]


def small_workbook(path, **changes):
    """The shipped workbook cut to two points (Cẩm Giàng, Kinh Môn), with ``changes`` made to
    Kinh Môn's row: ``{header: value}``."""
    book = openpyxl.load_workbook(SHIPPED)
    sheet = book["Phân công"]
    sheet.delete_rows(4, sheet.max_row)
    headers = [c.value for c in sheet[1]]
    for header, value in changes.items():
        sheet.cell(3, headers.index(header) + 1).value = value
    book.save(path)
    return path


def watch_passed(generation: api.Generation, monkeypatch) -> list[str]:
    """The folders ``generation``'s run passes over (:mod:`mttq_docs.folder_memo`), as it
    goes."""
    passed: list[str] = []
    planned = generation.planned

    def watching(*args):
        for item in planned(*args):
            if isinstance(item, Skipped):
                passed.append(item.folder)
            yield item

    monkeypatch.setattr(generation, "planned", watching)
    return passed
