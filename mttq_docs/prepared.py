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
``render_xml_part`` (Jinja)        same method; the compiled template is cached by the sandbox
``fix_tables``, ``fix_docpr_ids``  same methods
``map_tree``, serialise the part   same method, serialised as python-docx does
headers and footers                same steps; serialised as python-docx does; not
                                   rendered again when they hold no tag
core properties                    constant when they hold no tag (else: plain path)
footnotes                          not prepared: a template with footnotes uses the plain path
zip every part                     only the rendered parts are zipped again
=================================  ===========================================================

``tests/test_fast_path.py`` proves the output is the same bytes as the plain loop's, for
every template, hostile cell values included.
"""

from __future__ import annotations

import io
import logging
import re
from collections.abc import Callable
from typing import Any
from xml.parsers import expat

import jinja2
from docx.opc.oxml import serialize_part_xml
from docx.oxml.parser import parse_xml
from docx.oxml.xmlchemy import BaseOxmlElement
from docxtpl import DocxTemplate

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
        if _LISTING_CHARACTERS.search(xml) is None:
            return xml
        resolved: str = super().resolve_listing(xml)
        return resolved

    def fix_tables(self, xml: str) -> Any:
        # expat checks as strictly as lxml (unbound prefixes included), building no tree.
        expat.ParserCreate(namespace_separator=" ").Parse(xml, True)  # raises ExpatError
        return super().fix_tables(xml)


_LISTING_CHARACTERS = re.compile("[\t\a\n\f]")


class PreparedTemplate:
    """One template, opened once, rendering the changing parts of a document per call."""

    def __init__(self, data: bytes, env: jinja2.Environment,
                 finish: Callable[[BaseOxmlElement], None] | None = None,
                 patched: dict[str, str] | None = None) -> None:
        """``finish`` is applied to the rendered document element before it is serialised
        (it saves parsing the part again for a step that follows rendering); ``patched`` is
        the renderer's cache of :meth:`PatchOnce.patch_xml`."""
        self._env, self._finish = env, finish
        self._template = PatchOnce(io.BytesIO(data), patched=patched)
        self._template.render_init()
        self._body = self._template.patch_xml(self._template.get_xml())
        self._document_part = _name(self._template.docx.part)
        headers = [_HeaderPart(self._template, part)
                   for uri in (self._template.HEADER_URI, self._template.FOOTER_URI)
                   for _, part in self._template.get_headers_footers(uri)]
        # A header or footer without any tag renders to the same bytes for every document.
        self._headers = [header for header in headers if header.has_tags]

    @property
    def changing_parts(self) -> set[str]:
        """The parts :meth:`render` returns; every other part is the same for every document."""
        return {self._document_part} | {header.name for header in self._headers}

    @staticmethod
    def supports(data: bytes) -> bool:
        """Whether the parts this class treats as constant really are, for this template."""
        document = PatchOnce(io.BytesIO(data)).get_docx()
        properties = document.core_properties
        if any(tag in (getattr(properties, name) or "") for name in _RENDERED_PROPERTIES
               for tag in _TAG_START):
            return False
        return not any(part.content_type == _FOOTNOTES for part in document.part.package.parts)

    def render(self, context: dict[str, Any]) -> dict[str, bytes]:
        """The bytes of the changing parts (body, headers and footers with tags) of the
        document for ``context``."""
        template = self._template
        template.render_init()  # resets docxtpl's per-document counters; no reload
        xml = template.render_xml_part(self._body, template.docx._part, context, self._env)
        tree = template.fix_tables(xml)
        template.fix_docpr_ids(tree)
        template.map_tree(tree)
        if self._finish is not None:
            self._finish(template.docx._element)
        rendered = {self._document_part: serialize_part_xml(template.docx._element)}
        for header in self._headers:
            rendered[header.name] = header.render(context, self._env)
        return rendered


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
