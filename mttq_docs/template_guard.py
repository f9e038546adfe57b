"""What a template package may not hold: a zip bomb, or anything that reaches outside it.

A ``.docx`` can make Word fetch from elsewhere when the document is opened: an image kept on a
web server (a relationship with ``TargetMode="External"``), an attached template at a URL
(``settings.xml.rels``), a field that includes a picture or text from a path or URL
(``INCLUDEPICTURE``, ``INCLUDETEXT``, ``LINK``, ``DDE``…) or links to a remote address
(``HYPERLINK``). From a template it would reach every document made, sent to every commune:
a tracker, or a lure. Policy: none is allowed; the template is refused, naming each link, and
``templates check`` and ``mttq-docs check`` report them. Checked once per template when a
renderer meets it (a few milliseconds), not per document.
"""

from __future__ import annotations

import io
import re
import zipfile

from .errors import TemplateError
from .zipguard import oversized

_RELATIONSHIP = re.compile(rb"<(?:\w+:)?Relationship\b[^>]*>")
_ATTRIBUTE = re.compile(rb'(\w+)="([^"]*)"')
_INSTRUCTION = re.compile(rb"<w:instrText\b[^>]*>([^<]*)</w:instrText>|\bw:instr=\"([^\"]*)\"")
_FETCHING = re.compile(r"\b(INCLUDEPICTURE|INCLUDETEXT|LINK|DDEAUTO|DDE|IMPORT|HYPERLINK)\b"
                       r"\s*(?:\\\w\s*)*(\"[^\"]*\"|\S+)?", re.IGNORECASE)
_REMOTE = re.compile(r"^\"?\s*(https?:|ftp:|file:|www\.|\\\\|//)", re.IGNORECASE)
_KINDS = {"image": "ảnh", "attachedTemplate": "mẫu đính kèm", "hyperlink": "liên kết",
          "oleObject": "đối tượng nhúng", "frame": "khung", "subDocument": "văn bản con"}


def external_links(data: bytes) -> list[str]:
    """Every link of the package ``data`` to outside it, described in Vietnamese
    (``ảnh http://…``, ``trường INCLUDEPICTURE "…"``); empty for a clean package."""
    links: list[str] = []
    with zipfile.ZipFile(io.BytesIO(data)) as package:
        for entry in package.infolist():
            if entry.filename.endswith(".rels"):
                links += _external_relationships(package.read(entry))
            elif entry.filename.startswith("word/") and entry.filename.endswith(".xml"):
                links += _fetching_fields(package.read(entry))
    return list(dict.fromkeys(links))


def _external_relationships(xml: bytes) -> list[str]:
    found = []
    for element in _RELATIONSHIP.findall(xml):
        attributes = {key.decode(): value.decode("utf-8", "replace")
                      for key, value in _ATTRIBUTE.findall(element)}
        if attributes.get("TargetMode", "").lower() == "external":
            kind = attributes.get("Type", "").rsplit("/", 1)[-1]
            found.append(f"{_KINDS.get(kind, kind or 'liên kết')} {attributes.get('Target', '')}")
    return found


def _fetching_fields(xml: bytes) -> list[str]:
    if b"instr" not in xml:
        return []
    text = "".join((part[0] or part[1]).decode("utf-8", "replace")
                   for part in _INSTRUCTION.findall(xml))
    found = []
    for match in _FETCHING.finditer(text):
        word, target = match.group(1).upper(), (match.group(2) or "").strip()
        if word != "HYPERLINK" or _REMOTE.match(target):
            found.append(f"trường {word} {target}".strip())
    return found


def unsafe_package(data: bytes) -> list[str]:
    """Why a template package is refused (Vietnamese, one reason each); empty when it is fine."""
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as package:
            reason = oversized(package)
    except (zipfile.BadZipFile, ValueError):
        return []  # not a zip: the renderer says it is not a .docx
    if reason:
        return [reason]
    links = external_links(data)
    if not links:
        return []
    return [f"mẫu có liên kết tới bên ngoài ({'; '.join(links)}); Word sẽ tải về khi mở văn "
            "bản — hãy xóa liên kết này"]


def refuse_unsafe_package(name: str, data: bytes) -> None:
    """:class:`TemplateError` naming the template when :func:`unsafe_package` finds a reason."""
    reasons = unsafe_package(data)
    if reasons:
        raise TemplateError(name, "; ".join(reasons) + ".")
