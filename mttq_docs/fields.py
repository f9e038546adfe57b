"""Fill-in fields: Word content controls where commune staff type, and reading them back.

A template asks for a field with ``{{ o_dien("dia_ban.thon", "Thôn được chọn",
"Nhập tên thôn/khu dân cư") }}`` (tag, title, placeholder, and optionally a known value).
Every field is a plain-text control, dates included: LibreOffice 7.4 turns a date picker into a
form field and drops its title and tag on saving, so a date typed there could not be read back. Rendering writes a marker there; :func:`insert_fields`
then turns each marker into a content control (``w:sdt``) after rendering, because Jinja tags
inside content controls confuse docxtpl (docxtpl-pitfalls #18). Cells cannot forge markers:
their private-use characters are removed on load.

:func:`read_fields` reads every control's tag and text back, as Word or LibreOffice saved it.
"""

from __future__ import annotations

import copy
import hashlib
import re
from dataclasses import dataclass
from typing import cast

from lxml import etree
from markupsafe import Markup, escape

W = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
_OPEN, _SEP, _CLOSE = "\ue000", "\ue001", "\ue002"
FIELD_MARK = _OPEN
"""Starts every field marker: a rendered body without it has no field to insert."""
_MARKER = re.compile(f"{_OPEN}([^{_SEP}]*){_SEP}([^{_SEP}]*){_SEP}([^{_SEP}]*){_SEP}"
                     f"([^{_CLOSE}]*){_CLOSE}")
PLACEHOLDER_PREFIXES = ("Nhập ", "Chọn ")
"""Prompts of older drafts start with these words, so a control still showing one counts as
empty."""
DOTS = "…" * 16
"""What an empty field prints: a dotted line to write on (a prompt printed as body text would
read as part of the document). Its length suits a name; a template sets another length by
giving dots as the placeholder (``o_dien(tag, title, "……")``)."""


def _w(tag: str) -> str:
    return f"{{{W}}}{tag}"


_LINE_BREAKS = str.maketrans("\n\t\a\f", "    ")


def field_marker(tag: str, title: str, placeholder: str, value: str = "") -> Markup:
    """The template function ``o_dien``: a marker :func:`insert_fields` replaces."""
    # A field holds one line: docxtpl turns a line break or tab into its own XML element,
    # which would cut the marker in two.
    clean = [escape(str(part).translate(_LINE_BREAKS))
             for part in (tag, title, placeholder, value)]
    return Markup(_OPEN + _SEP.join(clean) + _CLOSE)


def _control_id(tag: str, index: int) -> str:
    return str(int(hashlib.sha256(f"{tag}:{index}".encode()).hexdigest()[:7], 16))


def _control(tag: str, title: str, placeholder: str, value: str, rpr: etree._Element | None,
             index: int) -> etree._Element:
    sdt = etree.Element(_w("sdt"))
    pr = etree.SubElement(sdt, _w("sdtPr"))
    if rpr is not None:
        pr.append(_copy(rpr))
    # The tag is repeated in the title: LibreOffice (7.4) keeps a control's title but drops
    # its tag when it saves, and the title is what staff see, so it should say the field.
    etree.SubElement(pr, _w("alias")).set(_w("val"), f"{title} [{tag}]")
    etree.SubElement(pr, _w("tag")).set(_w("val"), tag)
    etree.SubElement(pr, _w("id")).set(_w("val"), _control_id(tag, index))
    if not value:
        etree.SubElement(pr, _w("showingPlcHdr"))
    etree.SubElement(pr, _w("text"))
    content = etree.SubElement(sdt, _w("sdtContent"))
    # Empty, the field prints as dots in the text's own colour, so a printed draft can be
    # filled by hand; the title (what Word shows on the control) says what to write.
    content.append(_run(value or dotted(placeholder), rpr))
    return sdt


def dotted(placeholder: str) -> str:
    """The dots an empty field prints: the placeholder itself when the template gave dots,
    otherwise :data:`DOTS` (a prompt such as "Nhập họ tên" is not printed)."""
    text = placeholder.strip()
    return text if text and not text.strip("….") else DOTS




def _copy(element: etree._Element) -> etree._Element:
    return copy.deepcopy(element)


def _run(text: str, rpr: etree._Element | None) -> etree._Element:
    run = etree.Element(_w("r"))
    if rpr is not None:
        run.append(_copy(rpr))
    t = etree.SubElement(run, _w("t"))
    t.text = text
    t.set("{http://www.w3.org/XML/1998/namespace}space", "preserve")
    return run


def insert_fields(xml: bytes) -> bytes:
    """Replace every field marker in a rendered ``document.xml`` with a content control."""
    if _OPEN.encode() not in xml:
        return xml
    root = etree.fromstring(xml)
    insert_fields_into(root)
    return etree.tostring(root, xml_declaration=True, encoding="UTF-8", standalone=True)


_MARKED_TEXT = etree.XPath("//w:t[contains(., $marker)]", namespaces={"w": W})


def insert_fields_into(root: etree._Element,
                       skeletons: dict[tuple[object, ...], etree._Element] | None = None) -> None:
    """:func:`insert_fields` on a parsed document (the prepared path's, before it is saved).

    ``skeletons``: controls already built, by what they are built from (tag, title,
    placeholder, value, position and the run's formatting); a copy of one is the same element
    as a new one, at a fraction of the cost. Its owner (one :class:`FieldInserter`) bounds it.
    """
    index = 0
    # An XPath selecting w:t nodes yields a list of elements (lxml types any XPath result).
    for t in cast(list[etree._Element], _MARKED_TEXT(root, marker=_OPEN)):
        run = t.getparent()
        # A w:t sits in a run, and the run in a paragraph (or hyperlink, ...), never at the root.
        assert run is not None
        rpr = run.find(_w("rPr"))
        parent = run.getparent()
        assert parent is not None
        position = parent.index(run)
        text = t.text
        assert text is not None  # selected for containing the marker, so it has text
        pieces: list[etree._Element] = []
        last = 0
        for match in _MARKER.finditer(text):
            if match.start() > last:
                pieces.append(_run(text[last:match.start()], rpr))
            index += 1
            tag, title, placeholder, value = match.groups()
            if skeletons is None:
                pieces.append(_control(tag, title, placeholder, value, rpr=rpr, index=index))
            else:
                key = (tag, title, placeholder, value, index,
                       None if rpr is None else etree.tostring(rpr))
                skeleton = skeletons.get(key)
                if skeleton is None:
                    skeleton = skeletons[key] = _control(tag, title, placeholder, value,
                                                         rpr=rpr, index=index)
                pieces.append(_copy(skeleton))
            last = match.end()
        if last < len(text):
            pieces.append(_run(text[last:], rpr))
        if len(run.findall(_w("t"))) == 1:
            parent.remove(run)
            for offset, piece in enumerate(pieces):
                parent.insert(position + offset, piece)
        else:  # a run with line breaks: keep its other parts, put the pieces after it
            run.remove(t)
            for offset, piece in enumerate(pieces, start=1):
                parent.insert(position + offset, piece)


class FieldInserter:
    """:func:`insert_fields_into` with the controls it built kept for the next documents of
    one template (a renderer's, never shared between threads); at most :attr:`LIMIT`."""

    LIMIT = 4096

    def __init__(self) -> None:
        self.skeletons: dict[tuple[object, ...], etree._Element] = {}

    def __call__(self, root: etree._Element) -> None:
        if len(self.skeletons) > self.LIMIT:
            self.skeletons.clear()
        insert_fields_into(root, self.skeletons)


@dataclass(frozen=True)
class FieldValue:
    tag: str
    title: str
    text: str

    @property
    def filled(self) -> bool:
        text = self.text.strip()
        return bool(text.strip("…. ")) and not text.startswith(PLACEHOLDER_PREFIXES)


def read_fields(document_xml: bytes) -> list[FieldValue]:
    """Every tagged content control of a document, in order, with the text it holds."""
    root = etree.fromstring(document_xml)
    values = []
    for sdt in root.iter(_w("sdt")):
        pr = sdt.find(_w("sdtPr"))
        if pr is None:
            continue
        alias_element = pr.find(_w("alias"))
        alias = alias_element.get(_w("val"), "") if alias_element is not None else ""
        tag_element = pr.find(_w("tag"))
        in_title = _TAG_IN_TITLE.search(alias)
        tag = tag_element.get(_w("val"), "") if tag_element is not None else (
            in_title.group(1) if in_title else "")
        if not tag:
            continue
        title = _TAG_IN_TITLE.sub("", alias).strip()
        content = sdt.find(_w("sdtContent"))
        text = "".join(t.text or "" for t in content.iter(_w("t"))) if content is not None else ""
        if pr.find(_w("showingPlcHdr")) is not None:
            text = ""
        values.append(FieldValue(tag, title, text))
    return values


_TAG_IN_TITLE = re.compile(r"\s*\[([\w.]+)\]$")
