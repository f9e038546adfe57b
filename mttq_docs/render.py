"""Rendering a ``.docx`` template with one context, safely.

The only module that drives docxtpl (with :mod:`mttq_docs.prepared`). Templates are edited by
users, so they are treated as untrusted code: Jinja runs in an immutable sandbox with
autoescape on (a cell holding ``<`` or ``&`` stays text), and an unknown variable is an error
naming the template. The first document of a template is made the plain docxtpl way, from a
fresh :class:`~docxtpl.DocxTemplate` (one object rendered twice repeats the first record,
docxtpl #394); the next ones by a :class:`~mttq_docs.prepared.PreparedTemplate`, which gives
the same bytes and is made at the second document (a re-run renders most templates once). The rendered body is parsed with a strict XML parser before it is accepted:
docxtpl parses it with ``recover=True`` and would otherwise hide broken markup."""

from __future__ import annotations

import contextlib
import functools
import gc
import hashlib
import io
import logging
import re
import zipfile
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from typing import Any
from pathlib import Path
from xml.parsers import expat

import jinja2
from jinja2.exceptions import SecurityError
from lxml import etree

from .errors import TemplateError
from .fields import FIELD_MARK, FieldInserter, field_marker, insert_fields
from .prepared import PatchOnce, PreparedTemplate, changing_parts
from .sandbox import TOO_BIG_LOOP, TOO_BIG_NUMBER, BoundedSandbox, Deadline, Runaway, bound, \
    ends_with
from .template_guard import refuse_unsafe_package
from .zipped import ZipHead

logger = logging.getLogger(__name__)


class _CompilingOnceEnvironment(BoundedSandbox):
    """The sandbox (with bounds on sizes, :mod:`mttq_docs.sandbox`), compiling each template
    source once per process.

    docxtpl hands the same patched XML to ``from_string`` for every document of a template;
    compiling it again each time was a fifth of the cost of a document. The compiled template
    is the same object the sandbox would build, so output and safety are unchanged.
    """

    _LIMIT = 256

    def __init__(self, **options: Any) -> None:
        super().__init__(**options)
        self._compiled: dict[str, jinja2.Template] = {}

    def from_string(self, source: Any, globals: Any = None,  # noqa: A002
                    template_class: Any = None) -> jinja2.Template:
        if globals is not None or template_class is not None or not isinstance(source, str):
            return super().from_string(source, globals, template_class)
        template = self._compiled.get(source)
        if template is None:
            if len(self._compiled) >= self._LIMIT:
                self._compiled.clear()
            template = self._compiled[source] = super().from_string(source)
        return template


def make_environment() -> jinja2.Environment:
    """A Jinja environment for templates: sandboxed, autoescaped, strict about names."""
    env = _CompilingOnceEnvironment(autoescape=True, undefined=jinja2.StrictUndefined)
    env.globals["o_dien"] = field_marker
    bound(env)
    return env


@dataclass(frozen=True)
class Template:
    """A template's name (for messages) and its bytes, read once per run."""

    name: str
    data: bytes

    @functools.cached_property
    def digest(self) -> str:
        """SHA-256 of the template's bytes, part of every document's fingerprint."""
        return hashlib.sha256(self.data).hexdigest()

    @classmethod
    def load(cls, path: Path) -> Template:
        try:
            return cls(path.name, path.read_bytes())
        except OSError as err:
            raise TemplateError(path.name, f"không đọc được tệp mẫu ({err.strerror}).") from err

    def refuse_unsafe(self) -> None:
        """:class:`TemplateError` when the template is a zip bomb or links outside itself
        (:mod:`mttq_docs.template_guard`); asked once per template and renderer."""
        refuse_unsafe_package(self.name, self.data)


Entries = list[tuple[str, bytes]]
Context = dict[str, Any]


class Renderer:
    """Renders documents from templates; one per run and per thread (or worker process).

    It owns the Jinja environment (with the templates it compiled) and, per template, the
    :class:`~mttq_docs.prepared.PreparedTemplate` made at its second document. A prepared
    template renders into one tree it reuses, so a renderer must not be used by two threads
    at once; two renderers share nothing.
    """

    def __init__(self) -> None:
        self.environment = make_environment()
        self.prepared: dict[str, _Prepared | None] = {}
        """By template digest, from its second document; ``None`` for a template rendered
        the plain way each time."""
        self._firsts: dict[str, _First] = {}
        """By template digest, what its first document leaves for the second one."""
        self._patched: dict[str, str] = {}
        self.deadline = Deadline()
        """The time limit of one document (:mod:`mttq_docs.sandbox`)."""
        ends_with(self, self.deadline)

    def render(self, template: Template, context: Context) -> bytes:
        """Render ``template`` with ``context`` and return the bytes of the ``.docx``.

        The first document of a template is made the plain docxtpl way; the next ones by a
        :class:`~mttq_docs.prepared.PreparedTemplate` made at the second one (same bytes, a
        fraction of the time). Preparing and checking it cost as much as a document: a
        re-run, which renders a few documents of each template, mostly pays neither.
        """
        with _template_errors(template.name), self.deadline.limit():
            prepared = self.prepared.get(template.digest)
            if prepared is not None and prepared.checked:
                return prepared.render(context)
            data = self._render_plainly(template, context)
        # python-docx's objects (and those of a template's preparation) form cycles: a MB or
        # two a document, kept until the collector's next pass, which the command line makes
        # rare; four documents rendered here (a re-run) held 6 MB. Young, they are collected
        # in a millisecond.
        gc.collect(1)
        return data

    def _render_plainly(self, template: Template, context: Context) -> bytes:
        """A document made the plain docxtpl way (the first of its template, one of a
        template that cannot be prepared, or the first one checked), or the second one of a
        template, which prepares it."""
        digest = template.digest
        if digest not in self.prepared and digest not in self._firsts:
            return self._first(template, context)
        if digest in self._firsts:
            made = self.prepared[digest] = self._prepare(template, self._firsts.pop(digest))
            if made.checked:
                return made.render(context)
        prepared = self.prepared[digest]
        entries = self.render_plain(template, context)
        if prepared is None:
            return package(entries, _rendered_by_docxtpl(entries))
        # Its first document was too large to check against (or to keep until now).
        head, rendered = _split(entries, prepared.template.changing_parts)
        prepared.check(context, rendered)
        return _append(head, rendered)

    def _first(self, template: Template, context: Context) -> bytes:
        """The first document of ``template``, zipped as its prepared template will zip the
        next ones; what they need of it kept in :attr:`_firsts`."""
        template.refuse_unsafe()
        entries, changing = self._render_plain(template, context, first=True)
        if changing is None or not changing <= {name for name, _ in entries}:
            logger.info("%s: rendered the plain docxtpl way (footnotes, tags in its properties "
                        "or unusual part names)", template.name)
            self.prepared[template.digest] = None
            return package(entries, _rendered_by_docxtpl(entries))
        head, rendered = _split(entries, changing)
        # Its prepared template checks itself on this document (same bytes, or docxtpl's
        # steps from then on); on the next one when this one is large (kept until then, or
        # rendered twice, it would add to the memory of the largest process).
        small = sum(len(data) for _, data in entries) <= _LARGE and \
            sum(len(data) for _, data in rendered) <= _KEPT
        self._firsts[template.digest] = _First(
            changing, head, [name for name, _ in rendered], (context, rendered) if small else None)
        return _append(head, rendered)

    def render_plain(self, template: Template, context: Context) -> Entries:
        """The package docxtpl makes: open the template, render, save; as (name, bytes)."""
        return self._render_plain(template, context)[0]

    def _render_plain(self, template: Template, context: Context, *, first: bool = False
                      ) -> tuple[Entries, set[str] | None]:
        """:meth:`render_plain`, and for the ``first`` document of a template the parts a
        prepared template would render (:func:`~mttq_docs.prepared.changing_parts`), read
        from the opened template before it is rendered."""
        document = PatchOnce(io.BytesIO(template.data), patched=self._patched)
        changing = changing_parts(document) if first else None
        document.render(context, jinja_env=self.environment, autoescape=True)
        buffer = io.BytesIO()
        document.save(buffer)
        with zipfile.ZipFile(buffer) as saved:
            entries = [(entry.filename, saved.read(entry)) for entry in saved.infolist()]
        if sum(len(data) for _, data in entries) > _LARGE:
            # python-docx's objects form cycles: the tree of a large document (the budget of
            # a national plan: 80 MB) would otherwise stay until the collector's next full
            # pass, and the next large document be built beside it.
            del document
            gc.collect()
        return entries, changing

    def _prepare(self, template: Template, first: _First) -> _Prepared:
        """``template`` prepared, with the zip head of its ``first`` document; checked
        against it when it was kept."""
        prepared = PreparedTemplate(template.data, self.environment, finish=FieldInserter(),
                                    patched=self._patched, marker=FIELD_MARK)
        # Both worked out by prepared.py from the same template: the first document's zip
        # is the one every later document of the template shares.
        assert prepared.changing_parts == first.changing, template.name
        made = _Prepared(prepared, ZipHead(first.head, _entry_info, _LEVEL), first.order)
        if first.kept is not None:
            made.check(*first.kept)
        return made


def render(template: Template, context: Context) -> bytes:
    """One document, the plain docxtpl way, by a renderer of its own (a run renders many
    with one :class:`Renderer`)."""
    return Renderer().render(template, context)


# The parts docxtpl may render. In the package of a template that cannot be prepared they
# come last, after the parts no document changes (see package()).
_RENDERED_PARTS = re.compile(r"^(word/(document|header\d*|footer\d*|footnotes|endnotes)\.xml|"
                             r"docProps/core\.xml)$")


def _rendered_by_docxtpl(entries: Entries) -> set[str]:
    return {name for name, _ in entries if _RENDERED_PARTS.match(name)}


def package(entries: Entries, changing: set[str]) -> bytes:
    """The ``.docx`` of a document docxtpl rendered: the parts no document of its template
    changes, in docxtpl's order, then the ``changing`` ones, fill-in fields inserted; zipped
    reproducibly. (A prepared template zips the first part once, and inserts the fields in
    its own tree.)"""
    return _append(*_split(entries, changing))


def _split(entries: Entries, changing: set[str]) -> tuple[bytes, Entries]:
    """The zip of the parts of ``entries`` not ``changing``, and the ``changing`` ones, in
    docxtpl's order, fill-in fields inserted (see :func:`package`)."""
    head = reproducible_zip((name, data) for name, data in entries if name not in changing)
    return head, [(name, insert_fields(data) if name == "word/document.xml" else data)
                  for name, data in entries if name in changing]


def _append(head: bytes, rendered: Entries) -> bytes:
    """``head`` (a zip) with the rendered parts added; zip's append mode leaves the parts
    already in ``head`` as they are, compressed."""
    buffer = io.BytesIO(head)
    with zipfile.ZipFile(buffer, "a", zipfile.ZIP_DEFLATED) as target:
        for name, content in rendered:
            target.writestr(_entry_info(name), content, compresslevel=_LEVEL)
    return buffer.getvalue()


_LEVEL = 1
"""Of the rendered parts: half the time of the default level for these parts, 5 % larger."""
_LARGE = 4 << 20
"""Bytes of a package's parts from which a document counts as large (memory, above)."""
_KEPT = 512 << 10
"""Bytes of a first document's rendered parts up to which they are kept, with its context,
to check its template's prepared rendering against at the second document. (A plan's one
province document of a template is never followed by a second one: what it keeps stays for
the whole run, in the process that rendered it.)"""


@dataclass
class _First:
    """What the first document of a template leaves for the second one, which prepares it."""

    changing: set[str]
    """The parts every document renders (:func:`~mttq_docs.prepared.changing_parts`)."""
    head: bytes
    """The zip of the other parts, the same for every document."""
    order: list[str]
    """The changing parts, in the order docxtpl writes them."""
    kept: tuple[Context, Entries] | None
    """Its context and its changing parts, fields inserted; ``None`` when it was large."""


@dataclass
class _Prepared:
    """A prepared template, and the zip of the parts no document of it changes."""

    template: PreparedTemplate
    head: ZipHead
    order: list[str]
    """The changing parts, in the order docxtpl writes them."""
    checked: bool = False
    """Whether the one-parse path was compared with docxtpl's (:meth:`check`)."""

    def check(self, context: Context, rendered: Entries) -> None:
        """Compare the one-parse body with that of ``rendered``, the changing parts docxtpl
        made for ``context``, fields inserted (:meth:`PreparedTemplate.check`)."""
        self.template.check(context, dict(rendered)[self.template.document_part])
        self.checked = True

    def render(self, context: Context) -> bytes:
        rendered = self.template.render(context)
        return self.head.finish([(name, rendered[name]) for name in self.order])


@contextlib.contextmanager
def _template_errors(name: str) -> Iterator[None]:
    """Turn what rendering raises into a :class:`TemplateError` a clerk can act on."""
    try:
        yield
    except Runaway as err:
        raise TemplateError(name, f"mẫu {err.reason}; hãy sửa thẻ {{{{ }}}} hoặc {{% %}} gây "
                            "ra việc này.") from err
    except OverflowError as err:  # Jinja's own bound on range, a float too large
        reason = TOO_BIG_LOOP if "range" in str(err).lower() else TOO_BIG_NUMBER
        raise TemplateError(name, f"mẫu {reason}; hãy sửa thẻ {{{{ }}}} hoặc {{% %}} gây ra "
                            "việc này.") from err
    except MemoryError as err:
        raise TemplateError(name, "mẫu cần quá nhiều bộ nhớ; hãy sửa thẻ {{ }} hoặc {% %} gây "
                            "ra việc này.") from err
    except SecurityError as err:
        raise TemplateError(name, "mẫu gọi tới phần bên trong của Python; việc này bị "
                            "chặn vì lý do an toàn, không có gì được chạy.") from err
    except jinja2.UndefinedError as err:
        raise TemplateError(name, f"dùng một biến không có: {_reason(err)}.",
                            near=_near(err)) from err
    except jinja2.TemplateSyntaxError as err:
        raise TemplateError(name, f"lỗi cú pháp trong thẻ {{{{ }}}} hoặc {{% %}}: "
                            f"{_reason(err)}.", near=_near(err)) from err
    except jinja2.TemplateError as err:
        raise TemplateError(name, f"lỗi khi điền mẫu: {_reason(err)}.", near=_near(err)) from err
    except (etree.XMLSyntaxError, expat.ExpatError) as err:
        raise TemplateError(name, f"kết quả có XML hỏng: {err}. Một thẻ của mẫu (chẳng hạn "
                            "bộ lọc |safe) đã chèn mã XML.") from err
    except (zipfile.BadZipFile, KeyError, ValueError) as err:
        raise TemplateError(name, "tệp mẫu không phải tệp Word .docx hợp lệ.") from err


_FIXED_TIME = (1980, 1, 1, 0, 0, 0)


def reproducible(data: bytes) -> bytes:
    """The same package with every zip entry stamped with one fixed time.

    python-docx stamps entries with the time of saving, so identical documents would differ
    byte for byte; the regeneration record compares bytes to tell "changed" from "unchanged".
    Entry names, order and content are kept.
    """
    with zipfile.ZipFile(io.BytesIO(data)) as source:
        return reproducible_zip((entry.filename, source.read(entry))
                                for entry in source.infolist())


def reproducible_zip(entries: Iterable[tuple[str, bytes]]) -> bytes:
    """A zip of ``(name, bytes)`` entries, in the order given, stamped with one fixed time:
    the same entries always give the same bytes (documents here, packets in ``packets``)."""
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as target:
        for name, content in entries:
            target.writestr(_entry_info(name), content)
    return buffer.getvalue()


def _entry_info(name: str) -> zipfile.ZipInfo:
    info = zipfile.ZipInfo(name, date_time=_FIXED_TIME)
    info.compress_type = zipfile.ZIP_DEFLATED
    info.external_attr = 0o644 << 16
    return info


def _reason(err: jinja2.TemplateError) -> str:
    return str(err.message or err).rstrip(". ")


def _near(err: Exception) -> str:
    context = getattr(err, "docx_context", None)
    if not context:
        return ""
    return " / ".join(str(line).strip() for line in context if str(line).strip())[:200]
