"""Building blocks of an official-format Word template, used by ``build_templates.py``.

Development tool: it made the shipped ``templates_docx/*.docx``. After that the ``.docx``
files are what users edit in Word; nothing in the product imports this module.
python-docx has no API for paragraph borders, fields or document defaults, so those few
elements are set through its ``oxml`` layer.
"""

from __future__ import annotations

from docx import Document
from docx.enum.section import WD_ORIENT
from docx.enum.table import WD_TABLE_ALIGNMENT
from docx.enum.text import WD_ALIGN_PARAGRAPH, WD_BREAK
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.shared import Cm, Mm, Pt, RGBColor

from mttq_docs import official_format as fmt

CENTER, JUSTIFY, LEFT = WD_ALIGN_PARAGRAPH.CENTER, WD_ALIGN_PARAGRAPH.JUSTIFY, WD_ALIGN_PARAGRAPH.LEFT
TEXT_WIDTH_CM = (fmt.PAGE_A4[0] - fmt.CHOSEN_MARGINS["left"] - fmt.CHOSEN_MARGINS["right"]) / 10
HEADER_COLUMNS_CM = (6.3, TEXT_WIDTH_CM - 6.3)
SIGNATURE_COLUMNS_CM = (8.0, TEXT_WIDTH_CM - 8.0)
BODY_STYLE = "Nội dung"


def _set_fonts(rpr_parent, size: float | None = None) -> None:
    rpr = rpr_parent.get_or_add_rPr()
    fonts = rpr.find(qn("w:rFonts"))
    if fonts is None:
        fonts = OxmlElement("w:rFonts")
        rpr.insert(0, fonts)
    for attr in list(fonts.attrib):
        del fonts.attrib[attr]
    for attr in ("w:ascii", "w:hAnsi", "w:eastAsia", "w:cs"):
        fonts.set(qn(attr), fmt.FONT)


def new_document(*, landscape: bool = False, paper=fmt.PAGE_A4, margins=None,
                 page_numbers: bool = True):
    """An empty document in the official format: page, margins, fonts, body style."""
    doc = Document()
    section = doc.sections[0]
    width, height = paper
    section.orientation = WD_ORIENT.LANDSCAPE if landscape else WD_ORIENT.PORTRAIT
    section.page_width, section.page_height = (Mm(height), Mm(width)) if landscape else (Mm(width), Mm(height))
    margins = margins or fmt.CHOSEN_MARGINS
    section.top_margin, section.bottom_margin = Mm(margins["top"]), Mm(margins["bottom"])
    section.left_margin, section.right_margin = Mm(margins["left"]), Mm(margins["right"])
    section.header_distance, section.footer_distance = Mm(10), Mm(10)
    _document_defaults(doc)
    normal = doc.styles["Normal"]
    normal.font.name, normal.font.size = fmt.FONT, Pt(14)
    _set_fonts(normal.element)
    pf = normal.paragraph_format
    pf.space_before, pf.space_after, pf.line_spacing = Pt(0), Pt(0), 1.0
    body = doc.styles.add_style(BODY_STYLE, 1)
    body.base_style = normal
    body.paragraph_format.alignment = JUSTIFY
    body.paragraph_format.first_line_indent = Cm(fmt.BODY_FIRST_LINE_INDENT_CM)
    body.paragraph_format.space_after = Pt(fmt.BODY_SPACE_AFTER_PT)
    body.paragraph_format.line_spacing = fmt.BODY_LINE_SPACING
    for name in ("Header", "Footer"):
        _set_fonts(doc.styles[name].element)
    if page_numbers:
        _page_numbers(section)
    return doc


def _document_defaults(doc) -> None:
    """Times New Roman and Vietnamese as the document defaults, so no run falls back."""
    defaults = doc.styles.element.find(qn("w:docDefaults"))
    rpr = defaults.find(qn("w:rPrDefault")).find(qn("w:rPr"))
    fonts = rpr.find(qn("w:rFonts"))
    for attr in list(fonts.attrib):
        del fonts.attrib[attr]
    for attr in ("w:ascii", "w:hAnsi", "w:eastAsia", "w:cs"):
        fonts.set(qn(attr), fmt.FONT)
    for tag in ("w:sz", "w:szCs"):
        rpr.find(qn(tag)).set(qn("w:val"), "28")
    lang = rpr.find(qn("w:lang"))
    lang.set(qn("w:val"), "vi-VN")
    ppr = defaults.find(qn("w:pPrDefault")).find(qn("w:pPr"))
    spacing = ppr.find(qn("w:spacing"))
    spacing.set(qn("w:after"), "0")
    spacing.set(qn("w:line"), "240")


def _page_numbers(section) -> None:
    """Page number at the top centre from page 2 on; page 1 has an empty first-page header."""
    section.different_first_page_header_footer = True
    paragraph = section.header.paragraphs[0]
    paragraph.alignment = CENTER
    field = OxmlElement("w:fldSimple")
    field.set(qn("w:instr"), "PAGE")
    run = OxmlElement("w:r")
    rpr = OxmlElement("w:rPr")
    size = OxmlElement("w:sz")
    size.set(qn("w:val"), "28")
    rpr.append(size)
    run.append(rpr)
    text = OxmlElement("w:t")
    text.text = "2"
    run.append(text)
    field.append(run)
    paragraph._p.append(field)
    section.first_page_header.paragraphs[0].text = ""


def para(container, text: str = "", *, size: float = 14, bold=False, italic=False, align=None,
         style=None, indent_cm: float | None = None, after: float | None = None,
         before: float | None = None, color: RGBColor | None = None, keep_next=False):
    """Add a paragraph holding ``text`` as one run (so a Jinja tag is never split)."""
    paragraph = container.add_paragraph(style=style)
    if text:
        run = paragraph.add_run(text)
        run.font.size, run.bold, run.italic = Pt(size), bold or None, italic or None
        if color is not None:
            run.font.color.rgb = color
    pf = paragraph.paragraph_format
    if align is not None:
        pf.alignment = align
    if indent_cm is not None:
        pf.first_line_indent = Cm(indent_cm)
    if after is not None:
        pf.space_after = Pt(after)
    if before is not None:
        pf.space_before = Pt(before)
    if keep_next:
        pf.keep_with_next = True
    return paragraph


def runs(paragraph, *parts: tuple[str, dict]):
    """Append runs with their own formatting: ``runs(p, ("Số: ", {}), ("{{ so }}", {"bold": True}))``."""
    for text, style in parts:
        run = paragraph.add_run(text)
        run.font.size = Pt(style.get("size", 14))
        run.bold = style.get("bold") or None
        run.italic = style.get("italic") or None
    return paragraph


def rule(container, *, length_cm: float, column_cm: float, align_center=True):
    """A short solid line: an empty paragraph whose bottom border spans ``length_cm``.

    Indents narrow the paragraph so the border has the wanted length (the line under the
    motto is as long as the motto; under the issuing body, 1/3–1/2 of its text).
    """
    paragraph = container.add_paragraph()
    pf = paragraph.paragraph_format
    side = max((column_cm - length_cm) / 2, 0)
    pf.left_indent, pf.right_indent = Cm(side), Cm(side)
    pf.space_before = pf.space_after = Pt(0)
    pf.line_spacing = Pt(2)
    ppr = paragraph._p.get_or_add_pPr()
    borders = OxmlElement("w:pBdr")
    bottom = OxmlElement("w:bottom")
    for key, value in (("w:val", "single"), ("w:sz", "6"), ("w:space", "1"), ("w:color", "000000")):
        bottom.set(qn(key), value)
    borders.append(bottom)
    # pBdr must come before spacing/ind in pPr (schema order).
    ppr.insert(0, borders) if ppr.find(qn("w:pStyle")) is None else ppr.insert(1, borders)
    paragraph.add_run().font.size = Pt(2)
    return paragraph


def _fixed_table(doc, widths_cm: tuple[float, ...], rows: int):
    """A centred table whose columns keep their widths in Word and LibreOffice alike, and
    whose rows never split across pages (half a row at the foot of a page reads as two)."""
    table = doc.add_table(rows=rows, cols=len(widths_cm))
    table.alignment = WD_TABLE_ALIGNMENT.CENTER
    table.autofit = False
    for index, width in enumerate(widths_cm):
        table.columns[index].width = Cm(width)
        for cell in table.columns[index].cells:
            cell.width = Cm(width)
    for row in table.rows:
        keep_row_together(row)
    return table


def borderless_table(doc, widths_cm: tuple[float, ...], rows: int = 1):
    table = _fixed_table(doc, widths_cm, rows)
    tbl_pr = table._tbl.tblPr
    borders = OxmlElement("w:tblBorders")
    for edge in ("top", "left", "bottom", "right", "insideH", "insideV"):
        element = OxmlElement(f"w:{edge}")
        element.set(qn("w:val"), "nil")
        borders.append(element)
    tbl_pr.append(borders)
    return table


def grid_table(doc, widths_cm: tuple[float, ...], header: list[str], rows: int = 1):
    """A table with thin borders and a bold header row."""
    table = _fixed_table(doc, widths_cm, rows + 1)
    table.style = doc.styles["Table Grid"]
    # A table that runs onto the next page repeats its header row there.
    table.rows[0]._tr.get_or_add_trPr().append(OxmlElement("w:tblHeader"))
    for cell, text in zip(table.rows[0].cells, header):
        cell.paragraphs[0].alignment = CENTER
        runs(cell.paragraphs[0], (text, {"bold": True, "size": 13}))
    return table


def _first(cell):
    """The cell's first paragraph, used once; later calls add new paragraphs."""
    if not getattr(cell, "_used", False):
        cell._used = True
        return cell.paragraphs[0]
    return cell.add_paragraph()


def cell_para(cell, text: str = "", **kwargs):
    paragraph = _first(cell)
    if text:
        run = paragraph.add_run(text)
        run.font.size = Pt(kwargs.get("size", 14))
        run.bold = kwargs.get("bold") or None
        run.italic = kwargs.get("italic") or None
    paragraph.alignment = kwargs.get("align", CENTER)
    return paragraph


TABLE_TEXT_STYLES = {CENTER: "Chữ trong bảng", LEFT: "Chữ trong bảng, trái"}


def repeated_row(doc, row, texts: tuple[str, ...], aligns: tuple, *, size: float = 12) -> None:
    """Fill the row a ``{%tr for %}`` repeats once per line of data, as lean as Word allows:
    size and alignment from a paragraph style, no width or formatting of its own (the table's
    grid sets the widths). A national plan's budget repeats it 10 000 times, and docxtpl holds
    every element of every copy in memory while it renders (a third less, measured)."""
    for cell, text, align in zip(row.cells, texts, aligns):
        properties = cell._tc.tcPr
        if properties is not None:
            cell._tc.remove(properties)
        paragraph = cell.paragraphs[0]
        paragraph.style = _table_text_style(doc, align, size)
        paragraph.add_run(text)


def _table_text_style(doc, align, size: float):
    name = TABLE_TEXT_STYLES[align]
    try:
        return doc.styles[name]
    except KeyError:
        style = doc.styles.add_style(name, 1)
        style.base_style = doc.styles["Normal"]
        style.font.size = Pt(size)
        style.paragraph_format.alignment = align
        return style


ISSUER_LINES = (("{{ co_quan_chu_quan }}", False), ("{{ co_quan_cap }}", False),
                ("{{ co_quan_ban_hanh }}", True))
"""The issuing body's lines of the header, each with whether it is bold."""


def header_block(doc, *, number: bool = True, left_lines=ISSUER_LINES,
                 number_text: str = "Số: {{ so_ky_hieu }}") -> None:
    """Issuing bodies on the left, national title and motto on the right, Số and date below.

    Every name comes from the context: ``co_quan_chu_quan``, ``co_quan_cap``,
    ``co_quan_ban_hanh``, ``so_ky_hieu``, ``dia_danh_ngay`` (or the ``left_lines`` given, each
    ``(text, bold)``: paragraph tags such as ``{%p if … %}`` among them have no formatting of
    their own).
    """
    table = borderless_table(doc, HEADER_COLUMNS_CM, rows=2)
    left, right = table.rows[0].cells
    for text, bold in left_lines:
        cell_para(left, text, size=13, bold=bold)
    rule(_RuleHost(left), length_cm=2.0, column_cm=HEADER_COLUMNS_CM[0])
    cell_para(right, fmt.NATIONAL_TITLE, size=13, bold=True)
    cell_para(right, fmt.MOTTO, size=14, bold=True)
    rule(_RuleHost(right), length_cm=6.2, column_cm=HEADER_COLUMNS_CM[1])
    number_cell, date = table.rows[1].cells
    if number:
        p = cell_para(number_cell, number_text, size=13)
        p.paragraph_format.space_before = Pt(6)
    p = cell_para(date, "{{ dia_danh_ngay }}", size=14, italic=True)
    p.paragraph_format.space_before = Pt(6)


class _RuleHost:
    """Lets :func:`rule` add its paragraph to a table cell after the used first paragraph."""

    def __init__(self, cell):
        self.cell = cell

    def add_paragraph(self):
        return _first(self.cell)


def title_block(doc, kind: str, abstract: list[str], *, rule_cm: float = 4.5) -> None:
    """Document type (``KẾ HOẠCH``) and its abstract, bold and centred, a short line under."""
    para(doc, kind, size=14, bold=True, align=CENTER, before=18, keep_next=True)
    for line in abstract:
        para(doc, line, size=14, bold=True, align=CENTER, keep_next=True)
    rule(doc, length_cm=rule_cm, column_cm=TEXT_WIDTH_CM).paragraph_format.space_after = Pt(12)


def heading(doc, text: str):
    return para(doc, text, bold=True, style=BODY_STYLE, keep_next=True)


def body(doc, text: str, **kwargs):
    return para(doc, text, style=BODY_STYLE, **kwargs)


def loop(doc, for_tag: str, item: str, *, bold_lead: str = "", **kwargs) -> None:
    """A paragraph repeated for each element: ``{%p for … %}`` / item / ``{%p endfor %}``.

    ``bold_lead`` starts the item with a bold run (``Điều {{ … }}. ``).
    """
    para(doc, "{%p " + for_tag + " %}", style=BODY_STYLE)
    paragraph = body(doc, "")
    if bold_lead:
        runs(paragraph, (bold_lead, {"bold": True}))
    runs(paragraph, (item, {"italic": kwargs.get("italic", False)}))
    para(doc, "{%p endfor %}", style=BODY_STYLE)


def article(doc, lead: str, text: str):
    """``Điều 1.`` in bold, then the article's text (NĐ 30: the article label is bold).

    An article that introduces what follows (ends with ":") stays on the page of it."""
    return runs(body(doc, "", keep_next=text.endswith(":")), (lead + " ", {"bold": True}),
                (text, {}))


def signature_block(doc, *, recipients: str | None = "noi_nhan", authority="{{ ky.tham_quyen }}",
                    title="{{ ky.chuc_vu }}", signer="{{ ky.nguoi_ky }}") -> None:
    """``Nơi nhận`` on the left; authority, title, room to sign and the name on the right."""
    if doc.paragraphs:
        # The closing paragraph moves to the next page with the signature rather than
        # leaving a signature alone on a page.
        doc.paragraphs[-1].paragraph_format.keep_with_next = True
    table = borderless_table(doc, SIGNATURE_COLUMNS_CM, rows=1)
    keep_row_together(table.rows[0])
    left, right = table.rows[0].cells
    if recipients:
        p = cell_para(left, fmt.RECIPIENTS_LABEL, size=12, bold=True, italic=True, align=LEFT)
        p.paragraph_format.space_before = Pt(12)
        cell_para(left, "{%p for r in " + recipients + " %}", size=11, align=LEFT)
        cell_para(left, "- {{ r }}{{ '.' if loop.last else ';' }}", size=11, align=LEFT)
        cell_para(left, "{%p endfor %}", size=11, align=LEFT)
    p = cell_para(right, authority, size=14, bold=True)
    p.paragraph_format.space_before = Pt(12)
    cell_para(right, title, size=14, bold=True)
    for _ in range(4):
        cell_para(right, "")
    cell_para(right, signer, size=14, bold=True)


def keep_row_together(row) -> None:
    """Never split this row across pages: the signature stays whole, with room to sign."""
    properties = row._tr.get_or_add_trPr()
    if properties.find(qn("w:cantSplit")) is None:
        properties.append(OxmlElement("w:cantSplit"))


def keep_headings_with_next(doc) -> None:
    """Every bold line of the body (item ``I.``, ``Chương``, a title) stays on the page of
    the text it introduces, never alone at the foot of a page."""
    paragraphs = doc.paragraphs
    for paragraph in paragraphs[:-1]:
        texts = [r for r in paragraph.runs if r.text.strip()]
        if texts and all(r.bold for r in texts) and "{%" not in paragraph.text:
            paragraph.paragraph_format.keep_with_next = True


def keep_together(paragraphs) -> None:
    """These paragraphs print on one page (each keeps with the next)."""
    for paragraph in paragraphs:
        paragraph.paragraph_format.keep_with_next = True


def picture_control(paragraph, title: str) -> None:
    """An empty picture content control: Word shows ``title`` on it and inserts a picture
    when clicked; nothing of it prints while it is empty (an instruction is not text)."""
    sdt = OxmlElement("w:sdt")
    properties = OxmlElement("w:sdtPr")
    alias = OxmlElement("w:alias")
    alias.set(qn("w:val"), title)
    properties.append(alias)
    properties.append(OxmlElement("w:picture"))
    sdt.append(properties)
    content = OxmlElement("w:sdtContent")
    content.append(OxmlElement("w:r"))
    sdt.append(content)
    paragraph._p.append(sdt)


def page_break(doc) -> None:
    doc.add_paragraph().add_run().add_break(WD_BREAK.PAGE)


# Parts of python-docx's default template that Word recreates when it needs them; left in,
# they made every generated document carry 800 KB of XML (a hundred unused table styles and a
# Word 2010 copy of them), which the generator had to compress again for every document.
_DROPPED_RELATIONSHIPS = (
    "http://schemas.microsoft.com/office/2007/relationships/stylesWithEffects",
    "http://schemas.openxmlformats.org/package/2006/relationships/metadata/thumbnail",
)
_KEPT_TABLE_STYLES = {"Normal Table", "Table Grid"}


def slim(doc) -> None:
    """Drop what the document does not use: unused table styles, the styles-with-effects copy
    and the thumbnail. Word still offers every table style (they stay as latent styles)."""
    used = set(doc.element.xpath("//w:tblStyle/@w:val"))
    for style in list(doc.styles):
        if style.type == 3 and style.name not in _KEPT_TABLE_STYLES and style.style_id not in used:
            style.delete()
    for source in (doc.part, doc.part.package):
        for rId, rel in list(source.rels.items()):
            if rel.reltype in _DROPPED_RELATIONSHIPS:
                del source.rels[rId]
