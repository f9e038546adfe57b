"""A template prepared once and rendered for many contexts: docxtpl's own steps, minus the
opening and saving of the whole package for every document.

The plain docxtpl loop opens the template with python-docx for each document (unzipping and
parsing every part, styles included), renders, and saves every part again. From one document
of a template to the next only the body, the headers and the footers change; the other parts
come out the same bytes each time. So :class:`PreparedTemplate` keeps one opened copy of the
template and for each document runs exactly docxtpl's steps on the parts that change, through
docxtpl's own methods, in docxtpl's order (the unchanging parts are taken from a first document
made the plain way, by :mod:`mttq_docs.render`):

=================================  ===========================================================
docxtpl ``render`` + ``save``      here
=================================  ===========================================================
open the package                   once per template and process
``patch_xml`` of the body          once (the source is kept)
``render_xml_part`` (Jinja)        same steps; its first regex pass is made once (the source
                                   is constant), its second a ``str.split`` and ``join``
                                   (the same result: the matches cannot overlap); the
                                   compiled template is cached by the sandbox
strict check, ``fix_tables``,      one strict lxml parse of the whole ``document.xml`` (the
``map_tree``                       constant head and tail of the part around the rendered
                                   body), read from the rendered text itself; when a table
                                   would need docxtpl's fixing (not asked again of a table
                                   with the markup of one that did not, text aside), or the
                                   parse fails, docxtpl's own steps (see below)
``fix_docpr_ids``                  the same numbering, on that tree
serialise the part                 as python-docx does
headers and footers                same steps; serialised as python-docx does; not
                                   rendered again when they hold no tag
core properties                    constant when they hold no tag (else: plain path)
footnotes                          not prepared: a template with footnotes uses the plain path
zip every part                     only the rendered parts are zipped again
=================================  ===========================================================

Why one parse is as strict and gives the same tree: docxtpl checks nothing (``recover=True``)
and moves the parsed body into python-docx's tree, where the namespace declarations the body
repeats from the root are dropped. Here the body's start tag is replaced by the one python-docx
writes after that move, and the part is parsed whole, strictly. Whatever that parse does not
vouch for goes the old way, which gives the old answer, error message included: a parse error
(the standalone body is then checked by expat, as before, for the same message); a tree whose
root does not hold exactly the expected children (markup or text a template wrote after the
body's end, which a standalone check refuses or docxtpl drops); a table docxtpl would fix.
The parser does not keep a table of ``xml:id`` values, so it does not refuse one given twice;
neither does docxtpl's path (expat does not look at them). A prepared template checks itself
on its first context against the plain docxtpl document and keeps to docxtpl's steps if they
differ. The fill-in fields are inserted in the serialised part, run by run
(:meth:`~mttq_docs.fields.FieldInserter.serialized`), the same bytes as in the tree.

``tests/test_fast_path.py`` proves the output is the same bytes as the plain loop's, for
every template, hostile cell values included.
"""

from __future__ import annotations

import io
import logging
import re
from typing import Any, Protocol
from xml.parsers import expat

import jinja2
from docx.opc.oxml import serialize_part_xml
from docx.oxml.parser import parse_xml
from docxtpl import DocxTemplate
from lxml import etree

logger = logging.getLogger(__name__)

_FOOTNOTES = "application/vnd.openxmlformats-officedocument.wordprocessingml.footnotes+xml"
# The core properties docxtpl renders (DocxTemplate.render_properties).
_RENDERED_PROPERTIES = ("author", "comments", "identifier", "language", "subject", "title")
_TAG_START = ("{{", "{%", "{#")


class PatchOnce(DocxTemplate):  # type: ignore[misc]  # docxtpl has no type hints
    """docxtpl's template, with three of its steps made cheaper or stricter, same output.

    * ``patch_xml`` remembers the cleaned-up XML of each source in ``patched`` (a dict its
      renderer owns and hands to every template it opens): it is a pure function of its input
      (regular expressions over the part's XML), and every document of a template starts from
      the same XML.
    * ``resolve_listing`` is skipped when the rendered XML holds none of the four characters
      it rewrites (tab, ``\\a``, line feed, form feed); it then returns its input unchanged,
      after three nested regular-expression passes that were the largest cost of a document.
    * ``fix_tables`` first parses the body strictly (``ExpatError`` when broken): docxtpl
      parses it with ``recover=True``, which would silently repair (and so hide) markup a
      template broke.
    """

    def __init__(self, template_file: Any, *, patched: dict[str, str] | None = None) -> None:
        super().__init__(template_file)
        self._patched = {} if patched is None else patched

    def patch_xml(self, src_xml: str) -> str:
        patched = self._patched.get(src_xml)
        if patched is None:
            if len(self._patched) >= 256:
                self._patched.clear()
            patched = self._patched[src_xml] = str(super().patch_xml(src_xml))
        return patched

    def resolve_listing(self, xml: str) -> str:
        # Four substring scans are several times faster than one character-class search.
        if not any(character in xml for character in _LISTING_CHARACTERS):
            return xml
        resolved: str = super().resolve_listing(xml)
        return resolved

    def fix_tables(self, xml: str) -> Any:
        # expat checks as strictly as lxml (unbound prefixes included), building no tree.
        expat.ParserCreate(namespace_separator=" ").Parse(xml, True)  # raises ExpatError
        return super().fix_tables(xml)


_LISTING_CHARACTERS = ("\t", "\a", "\n", "\f")
_W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
_DOCPR = "{http://schemas.openxmlformats.org/drawingml/2006/wordprocessingDrawing}docPr"


class Finish(Protocol):
    """A step that follows rendering, done on the body's part (the fill-in fields)."""

    def __call__(self, root: etree._Element) -> None:
        """Change the rendered document element, before it is serialised."""

    def serialized(self, data: bytes, start: bytes, end: bytes) -> bytes | None:
        """The same change made on the serialised part ``data`` (``start``: its bytes up to
        and with the body's start tag; ``end``: from the body's end tag), the same bytes as
        the change on the tree then serialised; ``None`` when it cannot be made that way."""


class PreparedTemplate:
    """One template, opened once, rendering the changing parts of a document per call."""

    def __init__(self, data: bytes, env: jinja2.Environment, finish: Finish | None = None,
                 patched: dict[str, str] | None = None, marker: str | None = None) -> None:
        """``finish`` is applied to the rendered document (it saves parsing the part again
        for a step that follows rendering), only when the rendered body holds ``marker`` if
        one is given; ``patched`` is the renderer's cache of :meth:`PatchOnce.patch_xml`."""
        self._env, self._finish, self._marker = env, finish, marker
        self._template = PatchOnce(io.BytesIO(data), patched=patched)
        self._template.render_init()
        self._body = self._template.patch_xml(self._template.get_xml())
        # docxtpl's first pass of render_xml_part, a pure function of the constant source.
        self._lined = re.sub(r"<w:p([ >])", r"\n<w:p\1", self._body)
        self._document_part = _name(self._template.docx.part)
        self._headers = _tagged_headers(self._template)
        self._whole = _WholePart.of(self._template, self._lined)
        """The one-parse path for the body; ``None``: docxtpl's steps (see :meth:`check`)."""

    @property
    def document_part(self) -> str:
        """The name of the body's part (``word/document.xml``)."""
        return self._document_part

    @property
    def changing_parts(self) -> set[str]:
        """The parts :meth:`render` returns; every other part is the same for every document."""
        return {self._document_part} | {header.name for header in self._headers}

    def check(self, context: dict[str, Any], expected: bytes) -> bool:
        """Render ``context``'s body by the one-parse path and compare it with ``expected``
        (the plain docxtpl document's, fields inserted); keep to docxtpl's steps if they
        differ. Said whether they were the same."""
        if self._whole is None:
            return False
        if self._render_body(context) == expected:
            return True
        logger.warning("the one-parse rendering differs from docxtpl's for this template; "
                       "docxtpl's steps are used")
        self._whole = None
        return False

    def render(self, context: dict[str, Any]) -> dict[str, bytes]:
        """The bytes of the changing parts (body, headers and footers with tags) of the
        document for ``context``."""
        rendered = {self._document_part: self._render_body(context)}
        for header in self._headers:
            rendered[header.name] = header.render(context, self._env)
        return rendered

    def _render_body(self, context: dict[str, Any]) -> bytes:
        template = self._template
        template.render_init()  # resets docxtpl's per-document counters; no reload
        part = template.docx._part
        if self._whole is None:
            xml = template.render_xml_part(self._body, part, context, self._env)
        else:
            xml = self._render_xml(part, context)
            root = self._whole.parse(xml)
            if root is not None:
                data = bytes(etree.tostring(root, encoding="UTF-8", standalone=True))
                if self._finish is not None and (self._marker is None or self._marker in xml):
                    finished = self._finish.serialized(data, *self._whole.outer)
                    if finished is None:
                        self._finish(root)
                        finished = bytes(etree.tostring(root, encoding="UTF-8",
                                                        standalone=True))
                    data = finished
                return data
        # docxtpl's steps: strict check (expat), recover parse, fixes, move into the tree.
        tree = template.fix_tables(xml)
        template.fix_docpr_ids(tree)
        template.map_tree(tree)
        if self._finish is not None:
            self._finish(template.docx._element)
        return bytes(serialize_part_xml(template.docx._element))

    def _render_xml(self, part: Any, context: dict[str, Any]) -> str:
        """``render_xml_part`` with its first regex pass made once and its second by
        :func:`after_jinja`; the same errors, with the same nearby text."""
        template = self._template
        try:
            template.current_rendering_part = part
            xml: str = self._env.from_string(self._lined).render(context)
        except jinja2.TemplateError as exc:
            if getattr(exc, "lineno", None) is not None:
                first = max(exc.lineno - 4, 0)  # type: ignore[attr-defined]
                exc.docx_context = [re.sub(r"<[^>]+>", "", line)  # type: ignore[attr-defined]
                                    for line in self._lined.splitlines()[first:first + 7]]
            raise
        xml = after_jinja(xml)
        return template.resolve_listing(xml)


def changing_parts(template: PatchOnce) -> set[str] | None:
    """The parts a :class:`PreparedTemplate` of ``template`` renders for each document
    (:attr:`PreparedTemplate.changing_parts`), from ``template`` opened and not yet rendered,
    without preparing it; ``None`` when it cannot be prepared
    (footnotes, or tags in the core properties). A template's first document is zipped with its
    changing parts last, so that every later one, prepared, is the same zip."""
    document = template.get_docx()
    if not _supported(document):
        return None
    return {_name(document.part)} | {header.name for header in _tagged_headers(template)}


def _supported(document: Any) -> bool:
    """Whether the parts :class:`PreparedTemplate` treats as constant really are, for the
    python-docx ``document`` of a template (its core properties and parts read, not changed;
    docxtpl reads the same properties when it renders)."""
    properties = document.core_properties
    if any(tag in (getattr(properties, name) or "") for name in _RENDERED_PROPERTIES
           for tag in _TAG_START):
        return False
    return not any(part.content_type == _FOOTNOTES for part in document.part.package.parts)


def _tagged_headers(template: PatchOnce) -> list[_HeaderPart]:
    """The headers and footers of ``template`` that hold a tag: one without any renders to
    the same bytes for every document."""
    headers = [_HeaderPart(template, part)
               for uri in (template.HEADER_URI, template.FOOTER_URI)
               for _, part in template.get_headers_footers(uri)]
    return [header for header in headers if header.has_tags]


def after_jinja(xml: str) -> str:
    """What ``render_xml_part`` does to Jinja's output before ``resolve_listing``:
    ``re.sub(r"\n<w:p([ >])", r"<w:p\1", xml)`` then four ``str.replace``, the same string."""
    # Each match of the regular expression starts with the only line feed it holds, so
    # matches never overlap: two replacements give the same string, and so does joining the
    # pieces between "\n<w:p" when each is followed by " " or ">".
    pieces = xml.split("\n<w:p")
    if all(piece[:1] in (" ", ">") for piece in pieces[1:]):
        xml = "<w:p".join(pieces)
    else:
        xml = xml.replace("\n<w:p ", "<w:p ").replace("\n<w:p>", "<w:p>")
    if "{" in xml or "}" in xml:  # each of the four needs one; one character is found fast
        xml = xml.replace("{_{", "{{").replace("}_}", "}}").replace("{_%", "{%").replace(
            "%_}", "%}")
    return xml


class _WholePart:
    """``document.xml`` around its body, as python-docx writes it after docxtpl's
    ``map_tree``: the rendered body is put between ``head`` and ``tail`` and parsed once."""

    def __init__(self, start: str, body_start: str, head: bytes, tail: bytes,
                 children: int, index: int, qname: str, tables_by_markup: bool) -> None:
        self.start, self.body_start, self.head, self.tail = start, body_start, head, tail
        self.children, self.index = children, index
        self.fine_tables: set[tuple[str, ...]] | None = set() if tables_by_markup else None
        """The tables (:func:`_table_key`) seen to need no fixing; ``None``: a template whose
        tables are always looked at in the tree."""
        self.fine_markup: set[str] = set()
        """The markup of tables seen to need no fixing, whole."""
        self.outer = (head + body_start.encode(), f"</{qname}>".encode() + tail)
        """The part's bytes before the body's content and after it."""
        # The part is parsed from text (lxml reads Python's own string: faster than encoding
        # it first), so without the XML declaration, which states an encoding; it changes
        # nothing in the tree, and serialising writes its own.
        text = (head + body_start.encode()).decode()
        if text.startswith("<?xml"):
            text = text[text.index("?>") + 2:]
        self.opening, self.closing = text, tail.decode()
        # Strict; otherwise docxtpl's parser's options, but for the table of xml:id values
        # (for XPath's id(), never used here), which changes nothing in the tree.
        self.parser = etree.XMLParser(collect_ids=False)

    @classmethod
    def of(cls, template: PatchOnce, lined: str) -> _WholePart | None:
        """The parts around the body of ``template``; ``None`` when its document part is
        not of the usual shape (the one-parse path is then not used)."""
        root = template.docx._element
        body = root.body
        if body is None or body.prefix is None or not lined.startswith(f"<{body.prefix}:body"):
            return None
        qname = f"{body.prefix}:body"
        children, index = len(root), root.index(body)
        # Move a parsed copy of the body in as docxtpl does, to see what python-docx writes.
        template.map_tree(etree.fromstring(template.get_xml(), etree.XMLParser(recover=True)))
        whole = bytes(serialize_part_xml(root))
        opening, closing = whole.find(f"<{qname}".encode()), whole.rfind(f"</{qname}>".encode())
        if opening < 0 or closing < opening or whole.count(f"<{qname}".encode()) != 1:
            return None
        start_end = whole.find(b">", opening) + 1
        body_start = whole[opening:start_end].decode()
        if body_start.endswith("/>"):
            return None
        # Tables are told by their markup when the prefix w: is the only name of Word's
        # namespace in the body (see _tables).
        try:
            scope = etree.fromstring(whole, etree.XMLParser(collect_ids=False))[index].nsmap
        except etree.XMLSyntaxError:
            scope = {}
        by_markup = "xmlns" not in body_start and [
            prefix for prefix, uri in scope.items() if uri == _W[1:-1]] == ["w"]
        return cls(lined[:lined.index(">") + 1], body_start, whole[:opening],
                   whole[closing + len(qname) + 3:], children, index, qname, by_markup)

    def parse(self, xml: str) -> etree._Element | None:
        """The whole part with ``xml`` (the rendered body) in it, parsed strictly, docPr ids
        renumbered as docxtpl does; ``None`` when docxtpl's steps must decide."""
        if not xml.startswith(self.start):
            return None
        try:
            # A lone surrogate (no character) is an XMLSyntaxError here, as its encoding was.
            root = etree.fromstring(self.opening + xml[len(self.start):] + self.closing,
                                    self.parser)
        except etree.XMLSyntaxError:
            return None
        if len(root) != self.children:
            return None
        body = root[self.index]
        previous = body.getprevious()
        if body.tag != f"{_W}body" or body.tail is not None or (
                previous is not None and previous.tail is not None) or \
                self._tables_to_fix(xml, body):
            return None
        for number, element in enumerate(body.iter(_DOCPR), start=1001):
            element.attrib["id"] = str(number)
        return root

    # Bounds on what is kept, per template (memory): tables of up to _SMALL_TABLE characters
    # (a letter's head is 2 000 to 7 000; the list of a province's communes, megabytes, is
    # looked at in the tree each time), at most _FINE_TABLES keys and _FINE_MARKUP tables
    # (tables that differ in their text alone share one key; those that come back whole,
    # text and all, are few).
    _SMALL_TABLE = 16_384
    _FINE_TABLES = 32
    _FINE_MARKUP = 32

    def _tables_to_fix(self, xml: str, body: etree._Element) -> bool:
        """:func:`_tables_to_fix`, asked only when a table of ``xml`` (the rendered body,
        well-formed: ``body`` is its tree) is not one already seen to need no fixing: with
        the same markup less its text (:func:`_table_key`), or first the very same markup
        (most tables come back whole: this spares making their key)."""
        fine = self.fine_tables
        if fine is None:
            return _tables_to_fix(body)
        tables = _tables(xml, len(self.start))
        if tables is None or any(len(table) > self._SMALL_TABLE for table in tables):
            return _tables_to_fix(body)
        seen = self.fine_markup
        new = [table for table in tables if table not in seen]
        keys = [_table_key(table) for table in new]
        if not all(key in fine for key in keys):
            if _tables_to_fix(body):
                return True
            if len(fine) > self._FINE_TABLES:
                fine.clear()
            fine.update(keys)
        if len(seen) > self._FINE_MARKUP:
            seen.clear()
        seen.update(new)
        return False


def _tables(xml: str, start: int) -> list[str] | None:
    """The markup of each table of the well-formed body ``xml`` (its content from
    ``start``); ``None`` when tables cannot be told from markup (below).

    Every table is found: the body declares no namespace (no "xmlns" in it) and its scope
    names Word's namespace only ``w`` (checked once per template), so a table's start tag is
    ``<w:tbl>`` or ``<w:tbl `` (other white space, or an empty table, gives ``None``); with
    no comment, CDATA section or processing instruction, whose text could hold such markup,
    every such string is a tag (``<`` is in no text or attribute value). Each table is read
    from its start tag to the first ``</w:tbl>`` after it, and no table may start there: then
    that end tag is the table's (all tables before it ended before it started, by the same
    reasoning, and none starts inside, so it closes this one; were this one closed earlier,
    the end tag would close none, in a well-formed body).
    """
    if xml.find("xmlns", start) >= 0 or _markup_declarations(xml, start):
        return None
    tables: list[str] = []
    end = start
    found = xml.find("<w:tbl", start)
    while found >= 0:
        after = xml[found + 6:found + 7]
        if after in (">", " "):
            if found < end:  # inside the table before
                return None
            end = xml.find("</w:tbl>", found) + 8
            if end < 8:
                return None
            tables.append(xml[found:end])
        elif after in ("/", "\t", "\n", "\r", ""):
            return None
        found = xml.find("<w:tbl", found + 6)  # else a tblPr, tblGrid… (the name goes on)
    return tables


def _table_key(table: str) -> tuple[str, ...]:
    """``table``'s markup less its text: what stands between the last ``>`` and each
    ``</w:t>`` (the end of a ``w:t``'s content, text only) is dropped.

    ``fix_tables`` reads a table's grid, rows, cells, their properties and spans: elements
    and attributes, never text, and nothing outside the table. Two tables with the same key
    have the same tags in the same order, so the same elements and attributes, and differ
    at most in text: ``fix_tables`` does the same to both."""
    return tuple(piece[:piece.rfind(">") + 1] for piece in table.split("</w:t>"))


def _markup_declarations(xml: str, start: int) -> bool:
    """Whether ``xml`` from ``start`` holds a comment, a CDATA section or a processing
    instruction: "<!" or "<?", looked for by their second character, rare in a body."""
    for second in ("!", "?"):
        found = xml.find(second, start)
        while found >= 0:
            if xml[found - 1] == "<":
                return True
            found = xml.find(second, found + 1)
    return False


def _tables_to_fix(body: etree._Element) -> bool:
    """Whether docxtpl's ``fix_tables`` would change (or fail on) a table of ``body``: a row
    with more cells than grid columns, or fewer grid columns spanned than there are."""
    w = body.nsmap.get("w")
    if w is None:
        return True
    ns = "{" + w + "}"
    try:
        for table in body.iter(f"{ns}tbl"):
            grid = table.find(f"{ns}tblGrid")
            if grid is None:
                return True
            columns = len(grid.findall(f"{ns}gridCol"))
            if w == _W[1:-1] and _ROW_WIDER(table, n=columns):  # in C: no proxy per row
                return True
            widest = 0
            for row in table.iter(f"{ns}tr"):
                if widest >= columns:  # once a row spans every column, spans decide nothing
                    if w == _W[1:-1]:
                        break  # and rows with too many cells were looked for above
                    if len(row.findall(f"{ns}tc")) > columns:
                        return True
                    continue
                cells = row.findall(f"{ns}tc")
                if len(cells) > columns:
                    return True
                widest = max(widest, sum(_span(cell, ns) for cell in cells))
            if columns > widest:
                return True
    except (TypeError, ValueError):
        return True
    return False


# A row (of this table or one inside it, as docxtpl's table.iter) with more than n cells.
_ROW_WIDER = etree.XPath("boolean(.//w:tr[count(w:tc) > $n])", namespaces={"w": _W[1:-1]})


def _span(cell: etree._Element, ns: str) -> int:
    properties = cell.find(f"{ns}tcPr")
    span = None if properties is None else properties.find(f"{ns}gridSpan")
    return 1 if span is None else int(span.get(f"{ns}val"))  # type: ignore[arg-type]


class _HeaderPart:
    """A header or footer, as ``build_headers_footers_xml`` + ``map_headers_footers_xml`` +
    python-docx's save treat it."""

    def __init__(self, template: PatchOnce, part: Any) -> None:
        self.name, self._template, self._part = _name(part), template, part
        xml = template.get_part_xml(part)
        self._encoding = template.get_headers_footers_encoding(xml)
        self._source = template.patch_xml(xml)
        self.has_tags = any(tag in self._source for tag in _TAG_START)

    def render(self, context: dict[str, Any], env: jinja2.Environment) -> bytes:
        xml = self._template.render_xml_part(self._source, self._part, context, env)
        return serialize_part_xml(parse_xml(xml.encode(self._encoding)))


def _name(part: Any) -> str:
    return str(part.partname).lstrip("/")
