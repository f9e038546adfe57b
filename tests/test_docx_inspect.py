"""Formatting reads a property the way Word shows it, through style chains of any depth.

Formatting follows each style chain once per document and keeps it (the checker's speed);
these tests pin that what it keeps is what a walk up the chain on every question gave.
"""

import io
import threading

import docx
import pytest
from docx.oxml.exceptions import InvalidXmlError
from docx.oxml import parse_xml
from docx.oxml.ns import nsdecls, qn

from mttq_docs.checker import check_document
from mttq_docs.docx_inspect import Formatting


def _style(document, style_id, based_on=None, ppr="", rpr="", kind="paragraph"):
    base = f'<w:basedOn w:val="{based_on}"/>' if based_on else ""
    document.styles.element.append(parse_xml(
        f'<w:style {nsdecls("w")} w:type="{kind}" w:styleId="{style_id}">'
        f'<w:name w:val="{style_id}"/>{base}<w:pPr>{ppr}</w:pPr><w:rPr>{rpr}</w:rPr></w:style>'))


def _paragraph(document, style_id, text="Nội dung"):
    paragraph = document.add_paragraph(text)
    paragraph._p.get_or_add_pPr().insert(0, parse_xml(
        f'<w:pStyle {nsdecls("w")} w:val="{style_id}"/>'))
    return paragraph


def _document_with_a_deep_chain():
    """Top ← Middle ← Bottom ← Normal: each property set at one level, some at two."""
    document = docx.Document()
    _style(document, "Bottom", "Normal",
           '<w:jc w:val="both"/><w:ind w:firstLine="567"/><w:spacing w:before="120"/>',
           '<w:rFonts w:ascii="Arial"/><w:sz w:val="26"/><w:b/>')
    _style(document, "Middle", "Bottom",
           '<w:spacing w:before="240" w:after="60"/><w:pBdr><w:bottom w:val="single"/></w:pBdr>',
           '<w:i/>')
    _style(document, "Top", "Middle", '<w:spacing w:line="360" w:lineRule="auto"/>',
           '<w:sz w:val="28"/>')
    return document


def test_a_deep_style_chain_is_read_level_by_level():
    document = _document_with_a_deep_chain()
    top, middle = _paragraph(document, "Top"), _paragraph(document, "Middle")
    shown = Formatting(document)
    run = top.runs[0]
    assert shown.alignment(top) == "justify"  # three levels up
    assert shown.first_line_indent_cm(top) == pytest.approx(1.0, abs=0.01)
    assert shown.spacing(top, "before") == "240"  # the nearer of two levels
    assert shown.spacing(top, "after") == "60"
    assert shown.spacing(top, "line") == "360"
    assert shown.has_bottom_border(top) and not shown.has_top_border(top)
    assert shown.font(run, top) == "Arial"
    assert shown.size(run, top) == 14.0  # Top's own size, not Bottom's 13
    assert shown.flag(run, top, "b") and shown.flag(run, top, "i")
    # A paragraph of another style in the same chain gets its own answers, not Top's.
    default_line = document.styles.element.find(qn("w:docDefaults")).find(
        qn("w:pPrDefault")).find(qn("w:pPr")).find(qn("w:spacing")).get(qn("w:line"))
    assert shown.spacing(middle, "line") == default_line != "360"
    assert shown.size(middle.runs[0], middle) == 13.0


def test_the_paragraph_and_its_run_come_before_the_chain_and_the_defaults_after():
    document = _document_with_a_deep_chain()
    paragraph = _paragraph(document, "Top")
    paragraph.paragraph_format.alignment = 1  # centre, set on the paragraph itself
    paragraph.runs[0].bold = False
    defaults = document.styles.element.find(qn("w:docDefaults"))
    defaults.find(qn("w:pPrDefault")).find(qn("w:pPr")).append(parse_xml(
        f'<w:ind {nsdecls("w")} w:hanging="283"/>'))
    plain = document.add_paragraph("Không kiểu")
    shown = Formatting(document)
    assert shown.alignment(paragraph) == "center"
    assert not shown.flag(paragraph.runs[0], paragraph, "b")
    assert shown.first_line_indent_cm(plain) == pytest.approx(-0.5, abs=0.01)


def test_a_character_style_chain_comes_before_the_paragraph_style():
    document = _document_with_a_deep_chain()
    _style(document, "CharBase", None, rpr='<w:rFonts w:ascii="Calibri"/>', kind="character")
    _style(document, "CharTop", "CharBase", rpr='<w:sz w:val="20"/>', kind="character")
    paragraph = _paragraph(document, "Top")
    run = paragraph.runs[0]
    run._r.get_or_add_rPr().insert(0, parse_xml(f'<w:rStyle {nsdecls("w")} w:val="CharTop"/>'))
    shown = Formatting(document)
    assert (shown.font(run, paragraph), shown.size(run, paragraph)) == ("Calibri", 10.0)
    assert shown.flag(run, paragraph, "b")  # from the paragraph's chain, past the run's


def _finishes(work, seconds=20.0):
    """Whether ``work`` returns within ``seconds`` (a loop in a style chain once hung)."""
    thread = threading.Thread(target=work, daemon=True)
    thread.start()
    thread.join(seconds)
    return not thread.is_alive()


def test_a_loop_of_based_on_styles_ends():
    document = docx.Document()
    _style(document, "LoopA", "LoopB", rpr='<w:rFonts w:ascii="Times New Roman"/>')
    _style(document, "LoopB", "LoopA", '<w:jc w:val="center"/>', '<w:b/>')
    paragraph = _paragraph(document, "LoopA")
    shown = Formatting(document)
    answers = []
    assert _finishes(lambda: answers.extend([
        shown.alignment(paragraph), shown.has_top_border(paragraph),
        shown.flag(paragraph.runs[0], paragraph, "i")]))
    assert answers == ["center", False, False]  # the last two found nowhere in the loop
    data = io.BytesIO()
    document.save(data)
    assert _finishes(lambda: check_document(io.BytesIO(data.getvalue())))


def test_a_base_python_docx_cannot_follow_stops_only_what_reads_past_it():
    """``<w:basedOn/>`` without a value: the font set before it is read; a property looked for
    through the whole chain raises, which the checker reports as a part it could not read."""
    document = docx.Document()
    document.styles.element.append(parse_xml(
        f'<w:style {nsdecls("w")} w:type="paragraph" w:styleId="Broken"><w:name w:val="Broken"/>'
        '<w:basedOn/><w:rPr><w:rFonts w:ascii="Times New Roman"/></w:rPr></w:style>'))
    paragraph = _paragraph(document, "Broken")
    shown = Formatting(document)
    assert shown.font(paragraph.runs[0], paragraph) == "Times New Roman"
    for _ in range(2):  # the second question gets the same answer as the first
        with pytest.raises(InvalidXmlError):
            shown.alignment(paragraph)
        with pytest.raises(InvalidXmlError):
            shown.size(paragraph.runs[0], paragraph)
