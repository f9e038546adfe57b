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
    # Well-formed is what is asked of a part, as everywhere else: xml:id values (twice, or
    # not a name) are not looked at, as docxtpl's check and a part without fields do not.
    root = etree.fromstring(xml, etree.XMLParser(collect_ids=False))
    insert_fields_into(root)
    return etree.tostring(root, xml_declaration=True, encoding="UTF-8", standalone=True)


_MARKED_TEXT = etree.XPath("//w:t[contains(., $marker)]", namespaces={"w": W})


def insert_fields_into(root: etree._Element,
                       skeletons: dict[tuple[object, ...], etree._Element] | None = None,
                       index: int = 0) -> int:
    """:func:`insert_fields` on a parsed document (the prepared path's, before it is saved).

    ``skeletons``: controls already built, by what they are built from (tag, title,
    placeholder, value, position and the run's formatting); a copy of one is the same element
    as a new one, at a fraction of the cost. Its owner (one :class:`FieldInserter`) bounds it.
    ``index``: how many fields come before ``root``'s in their document (a field's id depends
    on its position). Returns the count including ``root``'s.
    """
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
    return index


_MARK = FIELD_MARK.encode()
_MARKED_RUN = re.compile(rb'<w:r(?: [^>]*)?>(?:<w:rPr/>|<w:rPr>(?:[^<]|<(?!/?w:(?:r|rPr|t|p)[ >/]))*'
                         rb'</w:rPr>)?<w:t(?: xml:space="preserve")?>[^<]*</w:t></w:r>[^<]*')
"""A run holding formatting (with no run, paragraph or text in it) and one text, and the
text after it: in a well-formed part, one whole run element and its tail."""


def _not_only_elements(data: bytes, start: int, stop: int) -> bool:
    """Whether ``data[start:stop]`` (a serialised body) holds a comment or CDATA section, a
    processing instruction (their text could look like a run) or a namespace declaration
    (``w:`` could stand for another namespace there)."""
    if data.find(b"xmlns", start, stop) >= 0:
        return True
    # "<!" and "<?" by their second character, rare in a body where "<" is everywhere.
    for second in (b"!", b"?"):
        found = data.find(second, start, stop)
        while found >= 0:
            if data[found - 1] == 0x3C:  # "<"
                return True
            found = data.find(second, found + 1, stop)
    return False


class FieldInserter:
    """:func:`insert_fields_into` with the controls it built kept for the next documents of
    one template (a renderer's, never shared between threads); at most :attr:`LIMIT`.

    :meth:`serialized` does the same on the part once serialized, a run at a time, by
    replacing the bytes of each run holding a field with those the tree path makes of it
    (kept: the same run comes back in most documents)."""

    LIMIT = 4096
    RUNS = 512
    """At most this many runs are kept (a kilobyte or two each; those with a value of their
    own come once)."""

    def __init__(self) -> None:
        self.skeletons: dict[tuple[object, ...], etree._Element] = {}
        self.runs: dict[tuple[bytes, int], tuple[bytes, int]] = {}
        """By a run's bytes and the number of fields before it: its bytes with its fields
        inserted, and the number of fields after it."""
        self._parser = etree.XMLParser(collect_ids=False)  # strict
        self._around = (b"", b"")

    def __call__(self, root: etree._Element) -> None:
        if len(self.skeletons) > self.LIMIT:
            self.skeletons.clear()
        insert_fields_into(root, self.skeletons)

    def serialized(self, data: bytes, start: bytes, end: bytes) -> bytes | None:
        """``data`` (a part as :func:`etree.tostring` writes it: ``start``, up to and with the
        body's start tag, the body's content, then ``end``) with its fields inserted, as
        :meth:`__call__` on its tree then serialised would give; ``None`` when this cannot
        be told without the tree.

        Why the same bytes: serialising is done node by node, so the part's bytes are its
        nodes' bytes in order. Each field marker must sit in a match of :data:`_MARKED_RUN`
        starting at the nearest run start tag before it. In a well-formed part that match is
        one run element whole and its tail: the formatting holds no tag of a run, paragraph,
        formatting or text, so its end tag closes the one opened after the run's start tag;
        the text then opens and closes in the run, and the run's end tag closes the run. The
        tree path finds every ``w:t`` holding a marker and, for each, replaces its run by
        pieces made from that run alone (its formatting, text and the fields' place in the
        document), the run's tail going with it, and changes nothing else. So the run is put
        alone in a paragraph of a small document with the same root, thus the same
        namespaces (the body declares none: checked), :func:`insert_fields_into` is run on it
        counting from the fields before it, and its bytes are replaced with what that
        document, serialised, holds in the paragraph. Comments and processing instructions
        (whose text may look like a run) send the part to the tree path."""
        body = len(start)
        stop = len(data) - len(end)
        if stop < body or not data.startswith(start) or not data.endswith(end) or \
                _MARK in start or _MARK in end:
            return None
        if _not_only_elements(data, body, stop):
            return None
        if len(self.runs) > self.RUNS or (start, end) != self._around:
            self.runs.clear()  # the runs kept were made in the part around them
            self._around = (start, end)
        pieces = [data[:body]]
        last = body
        index = 0
        found = data.find(_MARK, body, stop)
        while found >= 0:
            run = max(data.rfind(b"<w:r>", last, found), data.rfind(b"<w:r ", last, found))
            match = _MARKED_RUN.match(data, run, stop) if run >= 0 else None
            if match is None or match.end() <= found:
                return None
            key = (match.group(), index)
            replaced = self.runs.get(key)
            if replaced is None:
                replaced = self._alone(key[0], index, start, end)
                if replaced is None:
                    return None
                self.runs[key] = replaced
            pieces += (data[last:run], replaced[0])
            index = replaced[1]
            last = match.end()
            found = data.find(_MARK, last, stop)
        pieces.append(data[last:])
        return b"".join(pieces)

    def _alone(self, run: bytes, index: int, start: bytes, end: bytes
               ) -> tuple[bytes, int] | None:
        """``run`` with its fields inserted by the tree path, alone in a paragraph of a
        document around it like its own; the number of fields after it."""
        opening, closing = start + b"<w:p>", b"</w:p>" + end
        try:
            root = etree.fromstring(opening + run + closing, self._parser)
        except etree.XMLSyntaxError:
            return None
        if len(self.skeletons) > self.LIMIT:
            self.skeletons.clear()
        index = insert_fields_into(root, self.skeletons, index)
        data = bytes(etree.tostring(root, encoding="UTF-8", standalone=True))
        if not data.startswith(opening) or not data.endswith(closing) or \
                len(data) < len(opening) + len(closing):
            return None
        return data[len(opening):len(data) - len(closing)], index


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
