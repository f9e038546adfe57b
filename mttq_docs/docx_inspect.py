"""Reading a ``.docx`` the way Word shows it: paragraphs in order, formatting resolved.

python-docx reports only what a run or style sets directly; Word shows the value inherited
from the run, its paragraph's style chain, then the document defaults. The checker needs the
shown value ("Phông Arial ở đoạn 12"), so this module resolves it. Elements python-docx has no
API for (paragraph borders, fields, theme fonts) are read through its ``oxml`` layer.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass

from docx.document import Document as DocumentObject
from docx.oxml.ns import qn
from docx.oxml.text.font import CT_RPr
from docx.oxml.text.parfmt import CT_PPr
from docx.styles.style import CharacterStyle, ParagraphStyle
from docx.table import Table, _Cell, _Row
from docx.text.paragraph import Paragraph
from docx.text.run import Run
from lxml.etree import _Element


@dataclass(frozen=True)
class Located:
    """A paragraph with its 1-based number in reading order and where it sits."""

    number: int
    paragraph: Paragraph
    table: int | None = None
    """Index of the top-level table holding it (0-based), ``None`` for body paragraphs."""
    row: int | None = None
    column: int | None = None

    @property
    def text(self) -> str:
        """The paragraph's text without footnote markers (superscript digits such as the
        "TÊN CƠ QUAN, TỔ CHỨC²" of the official sample forms)."""
        return paragraph_text(self.paragraph, markers=False).strip()


def paragraphs(document: DocumentObject) -> list[Located]:
    """Every paragraph of the body, cells included, numbered as a reader meets them."""
    found: list[Located] = []
    table_index = -1
    for block in document.iter_inner_content():
        if isinstance(block, Table):
            table_index += 1
            for r, row in enumerate(block.rows):
                for c, cell in enumerate(_distinct_cells(row)):
                    for paragraph in _cell_paragraphs(cell):
                        found.append(Located(len(found) + 1, paragraph, table_index, r, c))
        else:
            found.append(Located(len(found) + 1, block))
    return found


def paragraph_text(paragraph: Paragraph, *, markers: bool = True) -> str:
    """The text a reader sees, fill-in fields (content controls) included.

    python-docx's ``Paragraph.text`` skips runs inside content controls (``w:sdt``).
    ``markers=False`` leaves out footnote markers: superscript runs of digits or "*".
    """
    parts = []
    for element in paragraph._p.iter(qn("w:t"), qn("w:tab"), qn("w:br"), qn("w:cr")):
        if element.tag == qn("w:t"):
            if markers or not _is_marker(element):
                parts.append(element.text or "")
        else:
            parent = element.getparent()
            assert parent is not None  # a descendant of the paragraph has a parent
            if parent.tag != qn("w:tabs"):  # tab stops are not text
                parts.append("\t" if element.tag == qn("w:tab") else "\n")
    return "".join(parts)


def _is_marker(text_element: _Element) -> bool:
    text = (text_element.text or "").strip()
    run = text_element.getparent()
    assert run is not None  # a w:t found inside a paragraph has a parent (its run)
    return bool(text) and set(text) <= set("0123456789*") and is_raised(run)


def is_raised(run_element: _Element) -> bool:
    """Whether a run is set superscript or subscript directly (a footnote marker)."""
    rpr = run_element.find(qn("w:rPr"))
    align = rpr.find(qn("w:vertAlign")) if rpr is not None else None
    return align is not None and align.get(qn("w:val")) in ("superscript", "subscript")


def _distinct_cells(row: _Row) -> list[_Cell]:
    cells: list[_Cell] = []
    for cell in row.cells:
        if all(cell._tc is not other._tc for other in cells):
            cells.append(cell)
    return cells


def _cell_paragraphs(cell: _Cell) -> Iterator[Paragraph]:
    for block in cell.iter_inner_content():
        if isinstance(block, Table):
            for row in block.rows:
                for inner in _distinct_cells(row):
                    yield from _cell_paragraphs(inner)
        else:
            yield block


class Formatting:
    """Resolves a run's shown font, size, bold and italic through styles and defaults."""

    def __init__(self, document: DocumentObject) -> None:
        self._styles = document.styles
        self._paragraph_styles: dict[str | None, ParagraphStyle | None] = {}
        defaults = document.styles.element.find(qn("w:docDefaults"))
        rpr = None
        if defaults is not None and defaults.find(qn("w:rPrDefault")) is not None:
            rpr = defaults.find(qn("w:rPrDefault")).find(qn("w:rPr"))
        self._default_font = _font_of(rpr) or "(phông mặc định của Word)"
        size = rpr.find(qn("w:sz")) if rpr is not None else None
        self._default_size = int(size.get(qn("w:val"))) / 2 if size is not None else 10.0

    def _chain(self, run: Run, paragraph: Paragraph) -> Iterator[CT_RPr | None]:
        """Run, then its character style chain, then the paragraph style chain."""
        yield run.element.rPr
        style: CharacterStyle | None  # a ParagraphStyle is one too: this walks both chains
        style = run.style if run.element.rPr is not None and run.element.rPr.rStyle is not None else None
        while style is not None:
            yield style.element.rPr
            style = style.base_style
        style = self.paragraph_style(paragraph)
        while style is not None:
            yield style.element.rPr
            style = style.base_style

    def paragraph_style(self, paragraph: Paragraph) -> ParagraphStyle | None:
        """The paragraph's style, looked up once per style id (python-docx searches the
        whole style list on every ``Paragraph.style``, the slowest part of a check)."""
        style_id = paragraph._p.style
        if style_id not in self._paragraph_styles:
            self._paragraph_styles[style_id] = paragraph.style
        return self._paragraph_styles[style_id]

    def font(self, run: Run, paragraph: Paragraph) -> str:
        for rpr in self._chain(run, paragraph):
            name = _font_of(rpr)
            if name:
                return name
        return self._default_font

    def size(self, run: Run, paragraph: Paragraph) -> float:
        for rpr in self._chain(run, paragraph):
            if rpr is not None and rpr.sz is not None and rpr.sz.val is not None:
                return float(rpr.sz.val.pt)  # python-docx leaves Length.pt untyped
        return self._default_size

    def flag(self, run: Run, paragraph: Paragraph, name: str) -> bool:
        """``name`` is ``b`` (bold), ``i`` (italic) or ``u`` (underline)."""
        for rpr in self._chain(run, paragraph):
            element = rpr.find(qn(f"w:{name}")) if rpr is not None else None
            if element is not None:
                value = element.get(qn("w:val"))
                return value not in ("0", "false", "none", "off")
        return False

    def text_runs(self, paragraph: Paragraph) -> list[Run]:
        """Runs with visible text, footnote markers (superscript, subscript) left out: a
        marker is set smaller and never bold, and no size or bold rule is about it."""
        return [run for run in paragraph.runs if run.text.strip() and not is_raised(run.element)]

    def all_flag(self, paragraph: Paragraph, name: str) -> bool:
        runs = self.text_runs(paragraph)
        return bool(runs) and all(self.flag(r, paragraph, name) for r in runs)

    def sizes(self, paragraph: Paragraph) -> set[float]:
        return {self.size(r, paragraph) for r in self.text_runs(paragraph)}


def _font_of(rpr: _Element | None) -> str | None:
    if rpr is None:
        return None
    fonts = rpr.find(qn("w:rFonts"))
    if fonts is None:
        return None
    name = fonts.get(qn("w:ascii")) or fonts.get(qn("w:hAnsi"))
    if name:
        return name
    theme = fonts.get(qn("w:asciiTheme")) or fonts.get(qn("w:hAnsiTheme"))
    return f"(phông theo chủ đề {theme})" if theme else None


_JUSTIFIED = {"both", "distribute", "thaiDistribute", "lowKashida", "mediumKashida",
              "highKashida"}
ALIGNMENTS = {"left": "left", "start": "left", "right": "right", "end": "right",
              "center": "center", **{value: "justify" for value in _JUSTIFIED}}
"""Every ``w:jc`` value a paragraph may have (ECMA-376), as one of four alignments.
``start``/``end`` are the strict-OOXML (and Word 2010+) names of left/right."""


def paragraph_properties(paragraph: Paragraph) -> list[CT_PPr]:
    """The paragraph's own ``w:pPr``, then its style chain's, then the document default:
    the order in which Word looks a paragraph property up."""
    sources: list[CT_PPr | None] = [paragraph._p.pPr]
    style = paragraph.style
    while style is not None:
        sources.append(style.element.pPr)
        style = style.base_style
    # A header's paragraph belongs to the header part; the styles are the document's.
    styles = paragraph.part.package.main_document_part.styles
    defaults = styles.element.find(qn("w:docDefaults"))
    if defaults is not None:
        sources.append(defaults.find(qn("w:pPrDefault") + "/" + qn("w:pPr")))
    return [ppr for ppr in sources if ppr is not None]


def alignment(paragraph: Paragraph) -> str:
    """``left``, ``right``, ``center`` or ``justify``, as shown, any valid value read (python-
    docx raises on ``start``/``end``); ``left`` when nothing sets it."""
    for ppr in paragraph_properties(paragraph):
        jc = ppr.find(qn("w:jc"))
        if jc is not None:
            return ALIGNMENTS.get(jc.get(qn("w:val"), ""), "left")
    return "left"


def spacing(paragraph: Paragraph, attribute: str) -> str | None:
    """A ``w:spacing`` attribute (``before``, ``after``, ``line``, ``lineRule``) as shown."""
    for ppr in paragraph_properties(paragraph):
        element = ppr.find(qn("w:spacing"))
        if element is not None and element.get(qn(f"w:{attribute}")) is not None:
            return element.get(qn(f"w:{attribute}"))
    return None


def first_line_indent_cm(paragraph: Paragraph) -> float:
    """The first-line indent in cm (negative for a hanging indent), as shown."""
    for ppr in paragraph_properties(paragraph):
        ind = ppr.find(qn("w:ind"))
        if ind is None:
            continue
        for name, sign in (("firstLine", 1), ("hanging", -1)):
            value = ind.get(qn(f"w:{name}"))
            if value is not None:
                return sign * twips(value) * 2.54 / 1440
    return 0.0


def twips(value: str | None) -> float:
    """A length attribute in twentieths of a point; 0 for a value that is not a number."""
    try:
        return float(value or 0)
    except ValueError:
        return 0.0


def has_bottom_border(paragraph: Paragraph) -> bool:
    return _border(paragraph, "bottom")


def has_top_border(paragraph: Paragraph) -> bool:
    return _border(paragraph, "top")


def _border(paragraph: Paragraph, edge: str) -> bool:
    sources = [paragraph._p.pPr]
    style = paragraph.style
    while style is not None:
        sources.append(style.element.pPr)
        style = style.base_style
    for ppr in sources:
        if ppr is None:
            continue
        borders = ppr.find(qn("w:pBdr"))
        element = borders.find(qn(f"w:{edge}")) if borders is not None else None
        if element is not None:
            return element.get(qn("w:val")) not in ("nil", "none")
    return False


def has_drawing(paragraph: Paragraph) -> bool:
    """A drawn line or shape (DrawingML or VML) anchored in the paragraph."""
    xml = paragraph._p
    return bool(xml.findall(".//" + qn("w:drawing")) or xml.findall(".//" + qn("w:pict")))


def has_page_field(part_element: _Element) -> bool:
    """Whether a header or footer holds a PAGE field (simple or complex form)."""
    for field in part_element.iter(qn("w:fldSimple")):
        if "PAGE" in (field.get(qn("w:instr")) or "").upper().split():
            return True
    return any("PAGE" in (t.text or "").upper().split() for t in part_element.iter(qn("w:instrText")))


def has_page_break(document: DocumentObject) -> bool:
    body = document.element.body
    breaks = [b for b in body.iter(qn("w:br")) if b.get(qn("w:type")) == "page"]
    return bool(breaks) or bool(list(body.iter(qn("w:pageBreakBefore"))))
