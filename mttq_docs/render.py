"""Rendering a ``.docx`` template with one context, safely.

The only module that drives docxtpl. Templates are edited by users, so they are treated as
untrusted code: Jinja runs in an immutable sandbox with autoescape on (a cell holding ``<`` or
``&`` stays text), an unknown variable is an error naming the template, and every template is
rendered from a fresh :class:`~docxtpl.DocxTemplate` made from the template's bytes (one object
rendered twice repeats the first record, docxtpl #394). The result is parsed again with a
strict XML parser before it is accepted: docxtpl parses with ``recover=True`` and would
otherwise hide broken markup.
"""

from __future__ import annotations

import contextlib
import functools
import hashlib
import io
import logging
import re
import zipfile
from dataclasses import dataclass
from pathlib import Path

import jinja2
from docx.opc import phys_pkg
from docxtpl import DocxTemplate
from jinja2.sandbox import ImmutableSandboxedEnvironment, SecurityError
from lxml import etree

from .errors import TemplateError
from .fields import field_marker, insert_fields

logger = logging.getLogger(__name__)


class _CompilingOnceEnvironment(ImmutableSandboxedEnvironment):
    """The sandbox, compiling each template source once per process.

    docxtpl hands the same patched XML to ``from_string`` for every document of a template;
    compiling it again each time was a fifth of the cost of a document. The compiled template
    is the same object the sandbox would build, so output and safety are unchanged.
    """

    _LIMIT = 256

    def __init__(self, **options) -> None:
        super().__init__(**options)
        self._compiled: dict[str, jinja2.Template] = {}

    def from_string(self, source, globals=None, template_class=None):  # noqa: A002
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
    return env


_ENVIRONMENT: jinja2.Environment | None = None


def environment() -> jinja2.Environment:
    """The environment every render of this process shares (its compiled templates too)."""
    global _ENVIRONMENT
    if _ENVIRONMENT is None:
        _ENVIRONMENT = make_environment()
    return _ENVIRONMENT


class _PreparedTemplate(DocxTemplate):
    """docxtpl's template, remembering the cleaned-up XML of each source it has patched.

    ``patch_xml`` is a pure function of its input (regular expressions over the part's XML),
    and every document of a template starts from the same XML.
    """

    _patched: dict[str, str] = {}

    def patch_xml(self, src_xml):
        patched = self._patched.get(src_xml)
        if patched is None:
            if len(self._patched) >= 256:
                self._patched.clear()
            patched = self._patched[src_xml] = super().patch_xml(src_xml)
        return patched


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


def render(template: Template, context: dict) -> bytes:
    """Render ``template`` with ``context`` and return the bytes of the ``.docx``."""
    try:
        document = _PreparedTemplate(io.BytesIO(template.data))
        document.render(context, jinja_env=environment(), autoescape=True)
        buffer = io.BytesIO()
        with _stored_zip():
            document.save(buffer)
    except SecurityError as err:
        raise TemplateError(template.name, "mẫu gọi tới phần bên trong của Python; việc này bị "
                            "chặn vì lý do an toàn, không có gì được chạy.") from err
    except jinja2.UndefinedError as err:
        raise TemplateError(template.name, f"dùng một biến không có: {_reason(err)}.",
                            near=_near(err)) from err
    except jinja2.TemplateSyntaxError as err:
        raise TemplateError(template.name, f"lỗi cú pháp trong thẻ {{{{ }}}} hoặc {{% %}}: "
                            f"{_reason(err)}.", near=_near(err)) from err
    except jinja2.TemplateError as err:
        raise TemplateError(template.name, f"lỗi khi điền mẫu: {_reason(err)}.", near=_near(err)) from err
    except (zipfile.BadZipFile, KeyError, ValueError) as err:
        raise TemplateError(template.name, "tệp mẫu không phải tệp Word .docx hợp lệ.") from err
    data = _reproducible(buffer.getvalue(), {"word/document.xml": insert_fields})
    check_well_formed(data, template.name)
    return data


_FIXED_TIME = (1980, 1, 1, 0, 0, 0)


@contextlib.contextmanager
def _stored_zip():
    """python-docx saves without compressing, for this block only.

    Its zip is read again at once by :func:`_reproducible`, which compresses each part; letting
    python-docx compress too doubled the cost of compression, the largest single cost of a
    document. python-docx reads the module constant when it opens its zip writer.
    """
    original = phys_pkg.ZIP_DEFLATED
    phys_pkg.ZIP_DEFLATED = zipfile.ZIP_STORED
    try:
        yield
    finally:
        phys_pkg.ZIP_DEFLATED = original


def _reproducible(data: bytes, transforms: dict | None = None) -> bytes:
    """The same package with every zip entry stamped with one fixed time.

    ``transforms`` maps a part name to a function applied to its bytes on the way (the
    fill-in fields are inserted into ``word/document.xml`` this way).

    python-docx stamps entries with the time of saving, so identical documents would differ
    byte for byte; the regeneration record compares bytes to tell "changed" from "unchanged".
    python-docx has no option for this, hence the re-pack with :mod:`zipfile`: entry names,
    order and content are kept as python-docx wrote them.
    """
    source = zipfile.ZipFile(io.BytesIO(data))
    transforms = transforms or {}
    return reproducible_zip(
        (entry.filename, transforms.get(entry.filename, lambda b: b)(source.read(entry)))
        for entry in source.infolist())


def reproducible_zip(entries) -> bytes:
    """A zip of ``(name, bytes)`` entries, in the order given, stamped with one fixed time:
    the same entries always give the same bytes (documents here, packets in ``packets``)."""
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as target:
        for name, content in entries:
            info = zipfile.ZipInfo(name, date_time=_FIXED_TIME)
            info.compress_type = zipfile.ZIP_DEFLATED
            info.external_attr = 0o644 << 16
            target.writestr(info, content)
    return buffer.getvalue()


def _reason(err: jinja2.TemplateError) -> str:
    return str(err.message or err).rstrip(". ")


def _near(err: Exception) -> str:
    context = getattr(err, "docx_context", None)
    if not context:
        return ""
    return " / ".join(str(line).strip() for line in context if str(line).strip())[:200]


# The parts docxtpl fills in; the others (styles, theme, settings) are copied as they are.
_RENDERED_PARTS = re.compile(r"^(word/(document|header\d*|footer\d*|footnotes|endnotes)\.xml|"
                             r"docProps/core\.xml)$")


def check_well_formed(data: bytes, name: str) -> None:
    """Parse every part docxtpl rendered strictly; raise if one is broken."""
    with zipfile.ZipFile(io.BytesIO(data)) as package:
        names = package.namelist()
        if len(names) != len(set(names)):
            raise TemplateError(name, "tệp kết quả có phần trùng tên (mẫu lưu bởi chương trình "
                                "khác?); hãy mở mẫu bằng Word và lưu lại.")
        for part in names:
            if _RENDERED_PARTS.match(part):
                try:
                    etree.fromstring(package.read(part))
                except etree.XMLSyntaxError as err:
                    raise TemplateError(name, f"kết quả có XML hỏng ở {part}: {err}.") from err
