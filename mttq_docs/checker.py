"""The official-format checker: what is wrong with a ``.docx``, said in Vietnamese.

Rules come from Nghị định 30/2020/NĐ-CP, Phụ lục I (see :mod:`mttq_docs.official_format`).
Each rule returns the problems it finds as :class:`Violation`, each saying what was found and
what the rule expects ("Lề trái 10 mm, quy định 30–35 mm"). An administrative document
(portrait) gets every rule; a landscape banner (khánh tiết) gets the rules that fit a banner.
"""

from __future__ import annotations

import itertools
import logging
import math
import re
import unicodedata
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from functools import cached_property
from pathlib import Path
from typing import BinaryIO

import docx
from docx.document import Document as DocumentObject
from docx.oxml.ns import qn
from docx.shared import Length
from docx.text.run import Run

from . import official_format as fmt
from .template_guard import external_links
from .vietnamese import ascii_slug, name_key
from .docx_inspect import (
    Formatting, Located, has_drawing, has_page_break, has_page_field, paragraph_text, paragraphs,
    twips,
)

logger = logging.getLogger(__name__)


@dataclass(frozen=True)
class Violation:
    rule: str
    """Short rule code, stable for tests and for ``generate``'s warnings (``le_trai``)."""
    message: str


@dataclass
class FileReport:
    path: Path
    kind: str = ""
    violations: list[Violation] = field(default_factory=list)

    @property
    def ok(self) -> bool:
        return not self.violations


@dataclass
class Facts:
    """What the rules look at, read once per document."""

    document: DocumentObject
    paras: list[Located]
    formatting: Formatting

    def find(self, predicate: Callable[[Located], bool]) -> Located | None:
        return next((p for p in self.paras if predicate(p)), None)

    def after(self, located: Located) -> Located | None:
        index = located.number  # numbers are 1-based, so this is the next paragraph
        return self.paras[index] if index < len(self.paras) else None

    def where(self, located: Located) -> str:
        return f"đoạn {located.number}"

    @cached_property
    def body(self) -> list[Located]:
        """The paragraphs of running text (:func:`_body`), found once for the four rules
        about them."""
        return _body(self)


def _range(values: Iterable[float]) -> str:
    ordered = sorted(set(values))
    return ", ".join(f"{v:g}" for v in ordered)


def _in(values: set[float], bounds: tuple[float, float]) -> bool:
    return bool(values) and all(bounds[0] - 0.01 <= v <= bounds[1] + 0.01 for v in values)


def _spec(bounds: tuple[float, float]) -> str:
    return f"{bounds[0]:g}" if bounds[0] == bounds[1] else f"{bounds[0]:g}–{bounds[1]:g}"


def _size(facts: Facts, located: Located, bounds: tuple[float, float], rule: str,
          what: str) -> list[Violation]:
    """A violation when the text of ``located`` is not sized within ``bounds``."""
    sizes = facts.formatting.sizes(located.paragraph)
    if _in(sizes, bounds):
        return []
    return [Violation(rule, f"{what} cỡ {_range(sizes)}, quy định {_spec(bounds)}.")]


# --- Page --------------------------------------------------------------------------------

def _page_size(document: DocumentObject) -> tuple[Length, Length] | None:
    """The first section's page width and height; ``None`` when the file sets none (a valid
    .docx may leave out ``w:pgSz``, and then each program picks its own default)."""
    section = document.sections[0]
    if section.page_width is None or section.page_height is None:
        return None
    return section.page_width, section.page_height


def check_page(facts: Facts, *, banner: bool) -> list[Violation]:
    size = _page_size(facts.document)
    if size is None:
        return [Violation("kho_giay", "Tệp không khai báo khổ giấy (mỗi phần mềm sẽ tự chọn "
                          "một khổ), quy định A4.")]
    width, height = round(size[0].mm), round(size[1].mm)
    landscape = width > height
    size = tuple(sorted((width, height)))
    problems = []
    allowed = {"A4": fmt.PAGE_A4} | ({"A3": fmt.PAGE_A3} if banner else {})
    if not any(abs(size[0] - a[0]) <= 1 and abs(size[1] - a[1]) <= 1 for a in allowed.values()):
        names = " hoặc ".join(allowed)
        problems.append(Violation("kho_giay", f"Khổ giấy {width}×{height} mm, quy định {names}."))
    if banner and not landscape:
        problems.append(Violation("huong_giay", "Khánh tiết in khổ dọc, quy định khổ ngang."))
    if not banner and landscape:
        problems.append(Violation("huong_giay", "Văn bản in khổ ngang, quy định khổ dọc (A4 đứng)."))
    return problems


MARGIN_NAMES = {"top": "trên", "bottom": "dưới", "left": "trái", "right": "phải"}


def check_margins(facts: Facts) -> list[Violation]:
    section = facts.document.sections[0]
    problems = []
    for side, bounds in fmt.MARGINS.items():
        margin = getattr(section, f"{side}_margin")
        if margin is None:
            problems.append(Violation(f"le_{ascii_slug(MARGIN_NAMES[side])}", f"Tệp không khai "
                                      f"báo lề {MARGIN_NAMES[side]}, quy định "
                                      f"{bounds[0]:g}–{bounds[1]:g} mm."))
            continue
        value = margin.mm
        if not bounds[0] - 0.5 <= value <= bounds[1] + 0.5:
            problems.append(Violation(f"le_{ascii_slug(MARGIN_NAMES[side])}", f"Lề {MARGIN_NAMES[side]} "
                                      f"{value:.0f} mm, quy định {bounds[0]:g}–{bounds[1]:g} mm."))
    return problems


# --- Fonts and sizes ---------------------------------------------------------------------

def check_fonts(facts: Facts) -> list[Violation]:
    problems = []
    for located in facts.paras:
        for run in facts.formatting.text_runs(located.paragraph):
            name = facts.formatting.font(run, located.paragraph)
            if name != fmt.FONT:
                legacy = " (phông cũ TCVN3/VNI, mất dấu tiếng Việt)" if name in fmt.LEGACY_FONTS else ""
                problems.append(Violation("phong_chu", f"Phông {name} ở {facts.where(located)}"
                                          f"{legacy}, quy định {fmt.FONT}."))
                break
    for section in facts.document.sections:
        for part in (section.header, section.first_page_header, section.footer):
            if part.is_linked_to_previous:
                continue
            for paragraph in part.paragraphs:
                for run in facts.formatting.text_runs(paragraph):
                    name = facts.formatting.font(run, paragraph)
                    if name != fmt.FONT:
                        problems.append(Violation("phong_chu", f"Phông {name} ở đầu/chân trang, "
                                                  f"quy định {fmt.FONT}."))
    return _first_few(problems)


def _first_few(problems: list[Violation], limit: int = 5) -> list[Violation]:
    if len(problems) <= limit:
        return problems
    rest = len(problems) - limit
    return problems[:limit] + [Violation(problems[0].rule, f"… và {rest} chỗ khác cùng lỗi.")]


def check_body_size(facts: Facts) -> list[Violation]:
    problems = []
    for located in facts.paras:
        if located.table is not None or not located.text:
            continue
        sizes = facts.formatting.sizes(located.paragraph)
        if sizes and not _in(sizes, fmt.SIZE_BODY):
            problems.append(Violation("co_chu_noi_dung", f"Cỡ chữ {_range(sizes)} ở "
                                      f"{facts.where(located)}, quy định "
                                      f"{_spec(fmt.SIZE_BODY)} cho nội dung."))
    return _first_few(problems)


# --- Header block ------------------------------------------------------------------------

def _normal(text: str) -> str:
    return re.sub(r"\s+", " ", text.replace("–", "-")).strip()


def _spelling_key(text: str) -> str:
    """The old and new places of the tone ("HOÀ"/"HÒA", "Uỷ"/"Ủy") and NFC/NFD give the same
    key; case counts (the quốc hiệu is upper-case)."""
    return name_key(_normal(text), fold_case=False)


_NATIONAL_KEY = _spelling_key(fmt.NATIONAL_TITLE)


def _is_national_title(located: Located) -> bool:
    return _spelling_key(located.text.upper()) == _NATIONAL_KEY


def _is_line(text: str) -> bool:
    """A line typed as underscores ("_______"), as the official sample forms draw it."""
    return len(text) >= 3 and set(text) <= {"_"}


def _line_under(facts: Facts, located: Located) -> bool:
    """A solid line under ``located``: its own bottom border, underline or drawn line, or in
    the paragraphs under it (empty ones or a line of underscores, in the same place) a border,
    a drawn line or shape, or the underscores themselves."""
    paragraph, shown = located.paragraph, facts.formatting
    if shown.has_bottom_border(paragraph) or has_drawing(paragraph):
        return True
    if shown.all_flag(paragraph, "u"):
        return True
    following = facts.after(located)
    while (following is not None and following.table == located.table
           and following.column == located.column and (not following.text or _is_line(following.text))):
        if (_is_line(following.text) or shown.has_bottom_border(following.paragraph)
                or shown.has_top_border(following.paragraph) or has_drawing(following.paragraph)):
            return True
        following = facts.after(following)
    return False


def check_national_title(facts: Facts) -> list[Violation]:
    title = facts.find(_is_national_title)
    if title is None:
        return [Violation("quoc_hieu", f"Thiếu quốc hiệu \"{fmt.NATIONAL_TITLE}\".")]
    problems = []
    if _normal(title.text) != _normal(title.text).upper():
        problems.append(Violation("quoc_hieu", "Quốc hiệu phải viết in hoa."))
    problems += _size(facts, title, fmt.SIZE_NATIONAL_TITLE, "quoc_hieu", "Quốc hiệu")
    if not facts.formatting.all_flag(title.paragraph, "b"):
        problems.append(Violation("quoc_hieu", "Quốc hiệu không in đậm, quy định in đậm."))
    motto = facts.find(lambda p: _spelling_key(p.text) == _spelling_key(fmt.MOTTO))
    if motto is None:
        return problems + [Violation("tieu_ngu", f"Thiếu tiêu ngữ \"{fmt.MOTTO}\" (chữ đầu mỗi "
                                     "cụm viết hoa, gạch nối có cách).")]
    problems += _size(facts, motto, fmt.SIZE_MOTTO, "tieu_ngu", "Tiêu ngữ")
    if not facts.formatting.all_flag(motto.paragraph, "b"):
        problems.append(Violation("tieu_ngu", "Tiêu ngữ không in đậm, quy định in đậm."))
    if not _line_under(facts, motto):
        problems.append(Violation("tieu_ngu", "Thiếu đường kẻ liền dưới tiêu ngữ."))
    return problems


def check_issuing_body(facts: Facts) -> list[Violation]:
    title = facts.find(_is_national_title)
    if title is None or title.table is None:
        return [Violation("co_quan", "Không thấy khối tên cơ quan ban hành bên trái quốc hiệu.")]
    cell = [p for p in facts.paras if p.table == title.table and p.row == title.row
            and p.column != title.column and p.text and not _is_line(p.text)]
    # The issuing bodies are the lines above "Số:" when both share the left cell.
    lines = list(itertools.takewhile(lambda p: not p.text.startswith("Số"), cell))
    if len(lines) < 2:
        return [Violation("co_quan", "Tên cơ quan chủ quản và cơ quan ban hành cần ít nhất hai "
                          "dòng bên trái quốc hiệu.")]
    problems = []
    for line in lines:
        if line.text != line.text.upper():
            problems.append(Violation("co_quan", f"Tên cơ quan \"{line.text}\" phải viết in hoa."))
        problems += _size(facts, line, fmt.SIZE_BODIES_HEADER, "co_quan",
                          f"Tên cơ quan \"{line.text}\"")
    issuer = lines[-1]
    if not facts.formatting.all_flag(issuer.paragraph, "b"):
        problems.append(Violation("co_quan", f"Tên cơ quan ban hành \"{issuer.text}\" không in "
                                  "đậm, quy định in đậm."))
    if not _line_under(facts, issuer):
        problems.append(Violation("co_quan", "Thiếu đường kẻ ngắn dưới tên cơ quan ban hành."))
    return problems


NUMBER_LINE = re.compile(r"^Số:\s*(?P<number>[^/\s]*)/(?P<symbol>\S+)$")
SYMBOL = re.compile(r"^[A-ZĐ][A-Za-zĐđ]*(-[A-ZĐ0-9]+)+$")


def check_number(facts: Facts) -> list[Violation]:
    line = facts.find(lambda p: p.text.startswith(("Số:", "Số :", "SỐ:", "số:")))
    if line is None:
        return [Violation("so_ky_hieu", "Thiếu dòng \"Số: …/…\" (số, ký hiệu văn bản).")]
    match = NUMBER_LINE.match(_normal(line.text))
    problems = []
    if match is None:
        problems.append(Violation("so_ky_hieu", f"\"{line.text}\" không đúng mẫu \"Số: 05/KH-"
                                  "MTTQ-BTT\" (chữ \"Số\" viết thường, dấu hai chấm, không cách "
                                  "trong ký hiệu)."))
    else:
        number, symbol = match["number"], match["symbol"]
        if number.isdigit() and len(number) < 2:
            problems.append(Violation("so_ky_hieu", f"Số {number} thiếu số 0 đứng trước, quy định"
                                      f" \"{int(number):02d}\"."))
        elif number and not number.isdigit() and set(number) - set("….") and "…" not in number:
            problems.append(Violation("so_ky_hieu", f"Số \"{number}\" phải là chữ số hoặc để "
                                      "trống (…)."))
        if not SYMBOL.match(symbol):
            problems.append(Violation("so_ky_hieu", f"Ký hiệu \"{symbol}\" không đúng mẫu (viết "
                                      "hoa, các nhóm nối bằng \"-\", ví dụ KH-MTTQ-BTT)."))
    problems += _size(facts, line, fmt.SIZE_NUMBER, "so_ky_hieu", "Dòng số, ký hiệu")
    return problems


DATE_LINE = re.compile(r"^(?P<place>[^,]+), ngày (?P<day>\S+) tháng (?P<month>\S+) năm "
                       r"(?P<year>\d{4}|…+)$")


def _blank(value: str) -> bool:
    return bool(value) and set(value) <= set("….")


def check_date_line(facts: Facts) -> list[Violation]:
    line = facts.find(lambda p: " ngày " in f" {p.text}" and " tháng " in p.text
                      and " năm " in p.text and p.table is not None)
    if line is None:
        return [Violation("ngay_thang", "Thiếu dòng địa danh, ngày tháng (\"Hải Dương, ngày 05 "
                          "tháng 3 năm 2017\") trong khối tiêu đề.")]
    problems = []
    match = DATE_LINE.match(_normal(line.text))
    if match is None:
        problems.append(Violation("ngay_thang", f"\"{line.text}\" không đúng mẫu \"<Địa danh>, "
                                  "ngày dd tháng m năm yyyy\"."))
    else:
        day, month = match["day"], match["month"]
        if not _blank(day) and not (day.isdigit() and len(day) == 2 and 1 <= int(day) <= 31):
            problems.append(Violation("ngay_thang", f"Ngày \"{day}\": ngày dưới 10 phải có số 0 "
                                      "đứng trước (ngày 05)."))
        if not _blank(month):
            valid = {"01", "02"} | {str(m) for m in range(3, 13)}
            if month not in valid:
                expected = f"{int(month):02d}" if month.isdigit() and int(month) <= 2 else (
                    str(int(month)) if month.isdigit() else "1–12")
                problems.append(Violation("ngay_thang", f"Tháng \"{month}\", quy định \"tháng "
                                          f"{expected}\" (chỉ tháng 1, 2 có số 0 đứng trước)."))
    if not facts.formatting.all_flag(line.paragraph, "i"):
        problems.append(Violation("ngay_thang", "Dòng địa danh, ngày tháng không in nghiêng, "
                                  "quy định in nghiêng."))
    problems += _size(facts, line, fmt.SIZE_DATE_LINE, "ngay_thang", "Dòng ngày tháng")
    return problems


# --- Title, recipients, signature, page numbers, end mark -----------------------------------

def _title(facts: Facts) -> Located | None:
    return facts.find(lambda p: p.table is None and bool(p.text) and p.text == p.text.upper()
                      and any(ch.isalpha() for ch in p.text) and not p.text.startswith("{")
                      and not _is_national_title(p))


def check_title(facts: Facts) -> list[Violation]:
    title = _title(facts)
    if title is None:
        return [Violation("ten_loai", "Thiếu tên loại văn bản (KẾ HOẠCH, BÁO CÁO, GIẤY MỜI…) in "
                          "hoa, đậm, giữa trang.")]
    problems = []
    paragraph = title.paragraph
    if not facts.formatting.all_flag(paragraph, "b"):
        problems.append(Violation("ten_loai", f"Tên loại \"{title.text}\" không in đậm."))
    if facts.formatting.alignment(paragraph) != "center":
        problems.append(Violation("ten_loai", f"Tên loại \"{title.text}\" không căn giữa."))
    abstract = []
    following = facts.after(title)
    while (following is not None and following.text and following.table is None
           and not _is_line(following.text)):
        abstract.append(following)
        following = facts.after(following)
    if not abstract:
        problems.append(Violation("trich_yeu", "Thiếu trích yếu nội dung ngay dưới tên loại."))
        return problems
    if not all(facts.formatting.all_flag(p.paragraph, "b") for p in abstract):
        problems.append(Violation("trich_yeu", "Trích yếu không in đậm, quy định in đậm."))
    if not _line_under(facts, abstract[-1]):
        problems.append(Violation("trich_yeu", "Thiếu đường kẻ ngắn dưới trích yếu."))
    return problems


def check_recipients(facts: Facts) -> list[Violation]:
    label = facts.find(lambda p: _normal(p.text) in ("Nơi nhận:", "Nơi nhận"))
    if label is None:
        return [Violation("noi_nhan", "Thiếu \"Nơi nhận:\".")]
    problems = []
    if _normal(label.text) != fmt.RECIPIENTS_LABEL:
        problems.append(Violation("noi_nhan", "Sau \"Nơi nhận\" phải có dấu hai chấm."))
    problems += _size(facts, label, fmt.SIZE_RECIPIENTS_LABEL, "noi_nhan", "\"Nơi nhận:\"")
    if not (facts.formatting.all_flag(label.paragraph, "b")
            and facts.formatting.all_flag(label.paragraph, "i")):
        problems.append(Violation("noi_nhan", "\"Nơi nhận:\" phải in đậm, nghiêng."))
    entries = _recipient_entries(facts, label)
    if not entries:
        return problems + [Violation("noi_nhan", "\"Nơi nhận:\" không có dòng nào.")]
    for index, entry in enumerate(entries):
        last = index == len(entries) - 1
        text = _normal(entry.text)
        if not text.startswith("-"):
            problems.append(Violation("noi_nhan", f"Dòng nơi nhận \"{text}\" phải bắt đầu bằng "
                                      "\"-\"."))
        end = "." if last else ";"
        if not text.endswith(end):
            problems.append(Violation("noi_nhan", f"Dòng nơi nhận \"{text}\" phải kết thúc bằng "
                                      f"\"{end}\"."))
        problems += _size(facts, entry, fmt.SIZE_RECIPIENT, "noi_nhan",
                          f"Dòng nơi nhận \"{text}\"")
    if not _normal(entries[-1].text).lstrip("- ").startswith("Lưu"):
        problems.append(Violation("noi_nhan", "Dòng cuối của nơi nhận phải là \"- Lưu: VT, …\"."))
    return _first_few(problems)


def _recipient_entries(facts: Facts, label: Located) -> list[Located]:
    """The lines under "Nơi nhận:": in its own cell, or in the cell below it when the form
    gives the list a row of its own (Mẫu 1.6, 1.7 of Phụ lục III)."""
    if label.table is None:
        entries, following = [], facts.after(label)
        while following is not None and following.table is None and following.text:
            entries.append(following)
            following = facts.after(following)
        return entries
    in_cell = [p for p in facts.paras if p.table == label.table and p.column == label.column
               and p.row == label.row and p.number > label.number and p.text]
    if in_cell:
        return in_cell
    assert label.row is not None  # paragraphs() gives every paragraph in a table its row
    return [p for p in facts.paras if p.table == label.table and p.column == label.column
            and p.row == label.row + 1 and p.text]


AUTHORITY = re.compile(r"^(TM|KT|TL|TUQ|Q)\. ")


def check_signature(facts: Facts) -> list[Violation]:
    authority = facts.find(lambda p: bool(AUTHORITY.match(p.text)))
    if authority is None:
        return [Violation("chu_ky", "Thiếu dòng thẩm quyền ký (\"TM. BAN THƯỜNG TRỰC\", \"KT. "
                          "CHỦ TỊCH\"…).")]
    problems = []
    title = facts.after(authority)
    for located, what in ((authority, "Thẩm quyền ký"), (title, "Chức vụ người ký")):
        if located is None or not located.text:
            problems.append(Violation("chu_ky", f"Thiếu dòng {what.lower()}."))
            continue
        if located.text != located.text.upper():
            problems.append(Violation("chu_ky", f"{what} \"{located.text}\" phải viết in hoa."))
        if not facts.formatting.all_flag(located.paragraph, "b"):
            problems.append(Violation("chu_ky", f"{what} \"{located.text}\" phải in đậm."))
        problems += _size(facts, located, fmt.SIZE_BODY, "chu_ky", what)
    return problems


def check_page_numbers(facts: Facts) -> list[Violation]:
    section = facts.document.sections[0]
    problems = []
    header = section.header
    if not has_page_field(header._element):
        return [Violation("so_trang", "Thiếu số trang ở giữa lề trên (từ trang 2).")]
    if not section.different_first_page_header_footer or has_page_field(
            section.first_page_header._element):
        problems.append(Violation("so_trang", "Trang 1 không được đánh số (bật \"Khác trang "
                                  "đầu\" cho đầu trang)."))
    field_paragraphs = [p for p in header.paragraphs if has_page_field(p._p)]
    if field_paragraphs and facts.formatting.alignment(field_paragraphs[0]) != "center":
        problems.append(Violation("so_trang", "Số trang phải căn giữa lề trên."))
    if field_paragraphs:
        paragraph = field_paragraphs[0]
        # The number is a run inside the field, which python-docx's ``runs`` leaves out.
        sizes = {facts.formatting.size(Run(r, paragraph), paragraph)
                 for r in paragraph._p.iter(qn("w:r")) if r.find(qn("w:t")) is not None}
        if sizes and not _in(sizes, fmt.SIZE_PAGE_NUMBER):
            problems.append(Violation("so_trang", f"Số trang cỡ {_range(sizes)}, quy định "
                                      f"{_spec(fmt.SIZE_PAGE_NUMBER)}."))
    return problems


# --- Body text (NĐ 30, Phụ lục I, Mục II, khoản 6 điểm e) ---------------------------------

def _body(facts: Facts) -> list[Located]:
    """The paragraphs of running text: outside tables, after the title and abstract, before
    "Nơi nhận"/the signature; headings (all bold), notes in brackets, "Kính gửi" and
    centred one-liners of a sample (the banner in a plan) are not running text."""
    title = _title(facts)
    start = title.number if title else 0
    body = []
    for located in facts.paras[start:]:
        text = located.text
        if AUTHORITY.match(text) or _normal(text) in ("Nơi nhận:", "Nơi nhận"):
            break
        if (located.table is not None or not text or _is_line(text)
                or facts.formatting.all_flag(located.paragraph, "b")
                or (text.startswith("(") and text.endswith(")")) or text.startswith("Kính gửi")
                or (facts.formatting.alignment(located.paragraph) == "center"
                    and len(text) < fmt.BODY_LONG)):
            continue
        body.append(located)
    # The abstract's lines follow the title and are bold: skipped above.
    return body


def _summary(facts: Facts, rule: str, offenders: list[tuple[Located, str]], expected: str
             ) -> list[Violation]:
    """One violation for all the body paragraphs one rule finds, naming the first."""
    if not offenders:
        return []
    first, found = offenders[0]
    more = f" (và {len(offenders) - 1} đoạn khác)" if len(offenders) > 1 else ""
    return [Violation(rule, f"{facts.where(first).capitalize()}{more}: {found}, quy định "
                            f"{expected}.")]


_LEGAL_BASIS = ("Căn cứ", "Theo đề nghị", "Xét đề nghị")


def check_body_alignment(facts: Facts) -> list[Violation]:
    """Running text is justified; the legal bases (căn cứ, II.6.a) are held to their own
    rule, which sets no alignment (the official forms set them flush left)."""
    alignment = facts.formatting.alignment
    offenders = [(p, f"căn {_ALIGN_NAMES[alignment(p.paragraph)]}") for p in facts.body
                 if len(p.text) >= fmt.BODY_LONG and alignment(p.paragraph) != "justify"
                 and not p.text.startswith(_LEGAL_BASIS)]
    return _summary(facts, "can_deu", offenders, "căn đều hai lề")


_ALIGN_NAMES = {"left": "trái", "right": "phải", "center": "giữa", "justify": "đều"}


def check_body_indent(facts: Facts) -> list[Violation]:
    """A paragraph of running text starts 1 cm or 1.27 cm in. A leading tab is an indent
    (the official forms indent so); a one-line paragraph is not measured: the forms set their
    short closing lines ("… ./.", Mẫu 1.7) flush left."""
    low, high = fmt.BODY_FIRST_LINE_INDENT_RANGE_CM
    offenders = []
    for located in facts.body:
        if (facts.formatting.alignment(located.paragraph) == "center"
                or len(located.text) < fmt.BODY_LONG
                or paragraph_text(located.paragraph).startswith("\t")):
            continue
        indent = facts.formatting.first_line_indent_cm(located.paragraph)
        if not low - 0.05 <= indent <= high + 0.05:
            offenders.append((located, f"lùi đầu dòng {indent:.2f} cm".replace(".", ",")))
    return _summary(facts, "thut_dau_dong", offenders, "lùi đầu dòng 1 cm hoặc 1,27 cm")


def check_body_spacing(facts: Facts) -> list[Violation]:
    offenders = []
    spacing = facts.formatting.spacing
    for located in facts.body:
        paragraph = located.paragraph
        if "1" in (spacing(paragraph, "beforeAutospacing"), spacing(paragraph, "afterAutospacing")):
            continue
        gap = (twips(spacing(paragraph, "before")) + twips(spacing(paragraph, "after"))) / 20
        if gap < fmt.BODY_MIN_PARAGRAPH_GAP_PT - 0.05:
            offenders.append((located, f"cách đoạn {gap:g} pt"))
    return _summary(facts, "khoang_cach_doan", offenders,
                    f"tối thiểu {fmt.BODY_MIN_PARAGRAPH_GAP_PT} pt giữa các đoạn")


def _line_spacing(facts: Facts, located: Located) -> tuple[bool, str]:
    """Whether the line spacing is from single to 1.5 lines, and how it reads."""
    paragraph, spacing = located.paragraph, facts.formatting.spacing
    rule = spacing(paragraph, "lineRule") or "auto"
    value = twips(spacing(paragraph, "line") or "240")
    if rule == "auto":
        lines = value / 240
        return 1.0 - 0.01 <= lines <= 1.5 + 0.01, f"giãn dòng {lines:g} dòng"
    size = max(facts.formatting.sizes(paragraph) or {14.0})
    points = value / 20
    # One line of Times New Roman is about 1.15 × the font size.
    single, most = size, 1.5 * 1.15 * size
    fits = points <= most + 0.5 and (rule == "atLeast" or points >= single - 0.5)
    return fits, f"giãn dòng {points:g} pt ({'chính xác' if rule == 'exact' else 'tối thiểu'})"


def check_body_line_spacing(facts: Facts) -> list[Violation]:
    offenders = []
    for located in facts.body:
        fits, found = _line_spacing(facts, located)
        if not fits:
            offenders.append((located, found))
    return _summary(facts, "gian_dong", offenders, "từ dòng đơn (1) đến 1,5 dòng")


# --- Unicode ------------------------------------------------------------------------------

def check_unicode(facts: Facts) -> list[Violation]:
    """Text typed as decomposed Unicode (NFD: letter + combining mark) looks the same on
    screen but is not the precomposed TCVN 6909:2001 text: search, sorting and some fonts
    treat it differently."""
    found = [p for p in facts.paras if p.text != unicodedata.normalize("NFC", p.text)]
    if not found:
        return []
    more = f" và {len(found) - 1} đoạn khác" if len(found) > 1 else ""
    return [Violation("ma_chu", f"{facts.where(found[0]).capitalize()}{more} gõ bằng Unicode "
                      "tổ hợp (NFD), quy định Unicode dựng sẵn theo TCVN 6909:2001 (gõ lại "
                      "bằng bộ gõ đặt bảng mã Unicode dựng sẵn).")]


# --- Type code in the number ----------------------------------------------------------------

def check_type_code(facts: Facts) -> list[Violation]:
    """The ký hiệu starts with the abbreviation of the document's type (KH for KẾ HOẠCH),
    from the table of Phụ lục III; types not in the table (công văn) are not checked."""
    title, line = _title(facts), facts.find(lambda p: p.text.startswith("Số:"))
    if title is None or line is None:
        return []
    match = NUMBER_LINE.match(_normal(line.text))
    expected = fmt.TYPE_CODES.get(_normal(title.text))
    if match is None or expected is None:
        return []
    code = match["symbol"].split("-")[0]
    if code == expected:
        return []
    return [Violation("ky_hieu_loai", f"Ký hiệu \"{match['symbol']}\" bắt đầu bằng \"{code}\","
                      f" nhưng văn bản là {title.text}: quy định \"{expected}\" "
                      f"(\"Số: …/{expected}-…\").")]


def check_end_mark(facts: Facts) -> list[Violation]:
    if any(p.text.endswith(fmt.END_MARK) for p in facts.paras):
        return []
    return [Violation("dau_ket", f"Thiếu dấu kết thúc \"{fmt.END_MARK}\" ở cuối nội dung.")]


# --- Banner -------------------------------------------------------------------------------

def check_one_page(facts: Facts) -> list[Violation]:
    """Estimate whether a one-page document (banner, commitment form) fits on one page.

    There is no renderer here, so the height is estimated from text length, size and spacing.
    """
    size = _page_size(facts.document)
    if size is None:
        return []  # reported by check_page; no page to measure against
    what = "Khánh tiết" if size[0] > size[1] else "Văn bản một trang"
    if has_page_break(facts.document):
        return [Violation("mot_trang", f"{what} có ngắt trang, quy định một trang.")]
    section = facts.document.sections[0]
    left, right = section.left_margin, section.right_margin
    top, bottom = section.top_margin, section.bottom_margin
    if left is None or right is None or top is None or bottom is None:
        # The file sets no margins, so there is no printed area to measure against
        # (check_margins reports it for a form; a banner's margins are not a rule).
        return []
    width_pt = Length(size[0] - left - right).pt
    height_pt = Length(size[1] - top - bottom).pt
    used = 0.0
    for located in facts.paras:
        sizes = facts.formatting.sizes(located.paragraph) or {14.0}
        font_size = max(sizes)
        chars = max(len(located.text), 1)
        column = width_pt if located.table is None else width_pt / 3
        lines = math.ceil(chars * font_size * 0.5 / column)
        pf = located.paragraph.paragraph_format
        spacing = (pf.space_before.pt if pf.space_before else 0) + (
            pf.space_after.pt if pf.space_after else 0)
        used += lines * font_size * 1.2 + spacing
    if used > height_pt:
        return [Violation("mot_trang", f"{what} ước tính dài {used / height_pt:.1f} trang, "
                          "quy định một trang: giảm cỡ chữ hoặc bớt dòng.")]
    return []


BODY_RULES = (check_body_alignment, check_body_indent, check_body_spacing,
              check_body_line_spacing)
DOCUMENT_RULES = (check_margins, check_fonts, check_unicode, check_body_size,
                  check_national_title, check_issuing_body, check_number, check_type_code,
                  check_date_line, check_title, check_recipients, check_signature,
                  check_page_numbers, check_end_mark, *BODY_RULES)
BANNER_RULES = (check_fonts, check_unicode, check_one_page)
# Drafts adopted by residents (or by a board) carry no number, recipient list or end mark
# until adopted: they end with their last article. A budget estimate goes with the plan: no
# number or recipients of its own. A packet's contents list is a working checklist, not an
# official document. A household's commitment is a one-page form with only the national title.
_UNNUMBERED = tuple(r for r in DOCUMENT_RULES if r not in (check_number, check_recipients))
KIND_RULES = {
    "QUY ƯỚC": tuple(r for r in _UNNUMBERED if r is not check_end_mark),
    "QUY CHẾ": tuple(r for r in _UNNUMBERED if r is not check_end_mark),
    "DỰ TOÁN KINH PHÍ": _UNNUMBERED,
    "DANH MỤC VĂN BẢN": (check_margins, check_fonts, check_unicode, check_body_size,
                         check_title, check_page_numbers, *BODY_RULES),
    # A form printed in bulk on one sheet: compact lines, no spacing rules.
    "BẢN CAM KẾT": (check_margins, check_fonts, check_unicode, check_national_title,
                    check_title, check_one_page),
}


def check_document(source: Path | BinaryIO, *, name: str | None = None) -> FileReport:
    """Check one ``.docx`` (a path, or bytes in a file object) against the rules of its kind.

    ``name`` is the file name used to recognise a banner (``khanh_tiet``) when ``source`` is
    not a path.
    """
    path = source if isinstance(source, Path) else Path(name or "van_ban.docx")
    report = FileReport(path)
    try:
        document = docx.Document(str(source) if isinstance(source, Path) else source)
    except Exception as err:  # python-docx raises many types for a broken package
        report.violations.append(Violation("mo_tep", f"Không mở được tệp: {err}."))
        return report
    try:
        _check(document, path, report)
        report.violations += _external_links(source)
    except Exception as err:  # content no rule expected: this file's finding, not a crash
        logger.debug("checking %s failed", path, exc_info=True)
        report.violations.append(_unexpected(err))
    return report


def _external_links(source: Path | BinaryIO) -> list[Violation]:
    """Links Word follows when the file is opened (remote image, attached template, included
    picture…): not a rule of NĐ 30, but an official document must not carry them."""
    if isinstance(source, Path):
        data = source.read_bytes()
    else:
        source.seek(0)
        data = source.read()
    return [Violation("lien_ket_ngoai", f"Có liên kết tới bên ngoài ({link}); Word sẽ tải về "
                      "khi mở văn bản — hãy xóa liên kết này.") for link in external_links(data)]


def _check(document: DocumentObject, path: Path, report: FileReport) -> None:
    facts = Facts(document, paragraphs(document), Formatting(document))
    size = _page_size(document)
    landscape = size is not None and size[0] > size[1]
    has_title = facts.find(_is_national_title) is not None
    banner = "khanh_tiet" in path.name or (landscape and not has_title)
    title = _title(facts)
    report.kind = "khánh tiết" if banner else (_normal(title.text) if title else "văn bản")
    report.violations += _cited(check_page(facts, banner=banner))
    rules = BANNER_RULES if banner else KIND_RULES.get(report.kind, DOCUMENT_RULES)
    for rule in rules:
        try:
            report.violations += _cited(rule(facts))
        except Exception as err:  # one rule's surprise must not hide the others' findings
            logger.debug("rule %s failed on %s", rule.__name__, path, exc_info=True)
            report.violations.append(_unexpected(err))


def _unexpected(err: Exception) -> Violation:
    return Violation("khong_doc_duoc", f"Có nội dung chương trình kiểm tra chưa đọc được "
                     f"({type(err).__name__}: {err}); phần còn lại của tệp vẫn được kiểm tra.")


def _cited(problems: list[Violation]) -> list[Violation]:
    """Each finding with the place NĐ 30 states its rule."""
    return [Violation(v.rule, f"{v.message} [{fmt.SOURCES[v.rule]}]") if v.rule in fmt.SOURCES
            else v for v in problems]


def docx_files(paths: Iterable[Path]) -> list[Path]:
    """The ``.docx`` files named or found under the given folders (Word lock files skipped)."""
    found: list[Path] = []
    for path in paths:
        candidates = sorted(path.rglob("*.docx")) if path.is_dir() else [path]
        found += [p for p in candidates if not p.name.startswith(("~$", ".~"))]
    return found


def check_paths(paths: Iterable[Path]) -> list[FileReport]:
    """A report per file; a file that cannot be read or checked is that file's finding, and
    the batch goes on."""
    return [check_document(path) for path in docx_files(paths)]
