"""Reading a ``.docx`` the way Word shows it: paragraphs in order, formatting resolved.

python-docx reports only what a run or style sets directly; Word shows the value inherited
from the run, its paragraph's style chain, then the document defaults. The checker needs the
shown value ("Phông Arial ở đoạn 12"), so this module resolves it. Elements python-docx has no
API for (paragraph borders, fields, theme fonts) are read through its ``oxml`` layer.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from functools import cached_property

from docx.document import Document as DocumentObject
from docx.oxml.ns import qn
from docx.oxml.text.font import CT_RPr
from docx.oxml.text.paragraph import CT_P
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

    @cached_property
    def text(self) -> str:
        """The paragraph's text without footnote markers (superscript digits such as the
        "TÊN CƠ QUAN, TỔ CHỨC²" of the official sample forms). Read once: the rules ask for
        it again and again, and a paragraph is not changed while it is looked at."""
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


@dataclass(frozen=True)
class StyleChain:
    """The ``w:pPr`` and ``w:rPr`` of a style and of the styles it is based on, nearest first
    (styles that set none left out)."""

    paragraph: tuple[CT_PPr, ...]
    run: tuple[CT_RPr, ...]
    error: Exception | None = None
    """Why the chain stops early: python-docx could not find a style's base (a ``w:basedOn``
    without a value, or naming a numbering style). It is raised where the chain is read past
    its end, so a rule that found its value first is not stopped by it."""

    def paragraph_properties(self) -> tuple[CT_PPr, ...]:
        """All of the chain's ``w:pPr``, the error raised at once: a paragraph's properties
        are gathered whole before one is looked for."""
        if self.error is not None:
            raise self.error
        return self.paragraph

    def run_properties(self) -> Iterator[CT_RPr]:
        """The chain's ``w:rPr`` one by one, the error raised only after them: a run's font or
        size is often found before the chain's end."""
        yield from self.run
        if self.error is not None:
            raise self.error


class Formatting:
    """What Word shows for the paragraphs and runs of one document: a property is looked up
    in the paragraph (or run), its style chain, then the document defaults.

    One per document, it follows each style chain once: python-docx finds a style
    (``Paragraph.style``, ``Run.style``, ``base_style``) by an XPath search of the whole style
    list on every call, which was most of a check's time. The rules ask about the same
    paragraph many times, so what they ask most (its properties, its runs with text) is read
    once per paragraph too: the document is not changed while it is checked.
    """

    def __init__(self, document: DocumentObject) -> None:
        self._paragraph_styles: dict[str | None, ParagraphStyle | None] = {}
        self._paragraph_chains: dict[str | None, StyleChain] = {}
        self._character_chains: dict[str, StyleChain] = {}
        self._properties: dict[CT_P, tuple[CT_PPr, ...]] = {}
        self._text_runs: dict[CT_P, tuple[Run, ...]] = {}
        # The document's styles serve its headers' paragraphs too.
        defaults = document.styles.element.find(qn("w:docDefaults"))
        self._default_ppr: CT_PPr | None = None
        rpr = None
        if defaults is not None:
            self._default_ppr = defaults.find(qn("w:pPrDefault") + "/" + qn("w:pPr"))
            if defaults.find(qn("w:rPrDefault")) is not None:
                rpr = defaults.find(qn("w:rPrDefault")).find(qn("w:rPr"))
        self._default_font = _font_of(rpr) or "(phông mặc định của Word)"
        size = rpr.find(qn("w:sz")) if rpr is not None else None
        self._default_size = int(size.get(qn("w:val"))) / 2 if size is not None else 10.0

    # --- Styles ---------------------------------------------------------------------------

    def paragraph_style(self, paragraph: Paragraph) -> ParagraphStyle | None:
        """The paragraph's style, looked up once per style id."""
        style_id = paragraph._p.style
        if style_id not in self._paragraph_styles:
            self._paragraph_styles[style_id] = paragraph.style
        return self._paragraph_styles[style_id]

    def paragraph_chain(self, paragraph: Paragraph) -> StyleChain:
        """The paragraph's style chain, followed once per style id."""
        style_id = paragraph._p.style
        if style_id not in self._paragraph_chains:
            self._paragraph_chains[style_id] = _style_chain(self.paragraph_style(paragraph))
        return self._paragraph_chains[style_id]

    def character_chain(self, run: Run) -> StyleChain:
        """The run's character style chain (``w:rStyle``), followed once per style id; empty
        for a run that names no character style."""
        rpr = run.element.rPr
        style_id = rpr.rStyle.val if rpr is not None and rpr.rStyle is not None else None
        if style_id is None:
            return StyleChain((), ())
        if style_id not in self._character_chains:
            self._character_chains[style_id] = _style_chain(run.style)
        return self._character_chains[style_id]

    # --- Paragraph properties ---------------------------------------------------------------

    def paragraph_properties(self, paragraph: Paragraph, *, defaults: bool = True
                             ) -> tuple[CT_PPr, ...]:
        """The paragraph's own ``w:pPr``, then its style chain's, then (with ``defaults``) the
        document default: the order in which Word looks a paragraph property up."""
        if paragraph._p not in self._properties:
            own = paragraph._p.pPr
            chain = self.paragraph_chain(paragraph).paragraph_properties()
            self._properties[paragraph._p] = (own, *chain) if own is not None else chain
        found = self._properties[paragraph._p]
        return (*found, self._default_ppr) if defaults and self._default_ppr is not None else found

    def alignment(self, paragraph: Paragraph) -> str:
        """``left``, ``right``, ``center`` or ``justify``, as shown, any valid value read
        (python-docx raises on ``start``/``end``); ``left`` when nothing sets it."""
        for ppr in self.paragraph_properties(paragraph):
            jc = ppr.find(qn("w:jc"))
            if jc is not None:
                return ALIGNMENTS.get(jc.get(qn("w:val"), ""), "left")
        return "left"

    def spacing(self, paragraph: Paragraph, attribute: str) -> str | None:
        """A ``w:spacing`` attribute (``before``, ``after``, ``line``, ``lineRule``) as shown."""
        for ppr in self.paragraph_properties(paragraph):
            element = ppr.find(qn("w:spacing"))
            if element is not None and element.get(qn(f"w:{attribute}")) is not None:
                return element.get(qn(f"w:{attribute}"))
        return None

    def first_line_indent_cm(self, paragraph: Paragraph) -> float:
        """The first-line indent in cm (negative for a hanging indent), as shown."""
        for ppr in self.paragraph_properties(paragraph):
            ind = ppr.find(qn("w:ind"))
            if ind is None:
                continue
            for name, sign in (("firstLine", 1), ("hanging", -1)):
                value = ind.get(qn(f"w:{name}"))
                if value is not None:
                    return sign * twips(value) * 2.54 / 1440
        return 0.0

    def has_bottom_border(self, paragraph: Paragraph) -> bool:
        return self._border(paragraph, "bottom")

    def has_top_border(self, paragraph: Paragraph) -> bool:
        return self._border(paragraph, "top")

    def _border(self, paragraph: Paragraph, edge: str) -> bool:
        """A border set on the paragraph or its style chain (the document defaults are not
        read for borders)."""
        for ppr in self.paragraph_properties(paragraph, defaults=False):
            borders = ppr.find(qn("w:pBdr"))
            element = borders.find(qn(f"w:{edge}")) if borders is not None else None
            if element is not None:
                return element.get(qn("w:val")) not in ("nil", "none")
        return False

    # --- Run properties ---------------------------------------------------------------------

    def _chain(self, run: Run, paragraph: Paragraph) -> Iterator[CT_RPr | None]:
        """Run, then its character style chain, then the paragraph style chain."""
        yield run.element.rPr
        yield from self.character_chain(run).run_properties()
        yield from self.paragraph_chain(paragraph).run_properties()

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

    def text_runs(self, paragraph: Paragraph) -> tuple[Run, ...]:
        """Runs with visible text, footnote markers (superscript, subscript) left out: a
        marker is set smaller and never bold, and no size or bold rule is about it. Found
        once per paragraph (python-docx's ``Run.text`` is an XPath search)."""
        if paragraph._p not in self._text_runs:
            self._text_runs[paragraph._p] = tuple(
                run for run in paragraph.runs if run.text.strip() and not is_raised(run.element))
        return self._text_runs[paragraph._p]

    def all_flag(self, paragraph: Paragraph, name: str) -> bool:
        runs = self.text_runs(paragraph)
        return bool(runs) and all(self.flag(r, paragraph, name) for r in runs)

    def sizes(self, paragraph: Paragraph) -> set[float]:
        return {self.size(r, paragraph) for r in self.text_runs(paragraph)}


def _style_chain(style: CharacterStyle | None) -> StyleChain:
    """The properties ``style`` and the styles it is based on set, nearest first (a
    ParagraphStyle is a CharacterStyle too: this walks both kinds of chain). A style met a
    second time ends the chain: a loop of ``w:basedOn`` would never end otherwise."""
    paragraph: list[CT_PPr] = []
    run: list[CT_RPr] = []
    seen: set[_Element] = set()
    while style is not None and style.element not in seen:
        seen.add(style.element)
        if style.element.pPr is not None:
            paragraph.append(style.element.pPr)
        if style.element.rPr is not None:
            run.append(style.element.rPr)
        try:
            style = style.base_style
        except Exception as err:  # python-docx raises several types for a broken basedOn
            return StyleChain(tuple(paragraph), tuple(run), err)
    return StyleChain(tuple(paragraph), tuple(run))


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


def twips(value: str | None) -> float:
    """A length attribute in twentieths of a point; 0 for a value that is not a number."""
    try:
        return float(value or 0)
    except ValueError:
        return 0.0


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
