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

import io
import logging
import re
import zipfile
from dataclasses import dataclass
from pathlib import Path

import jinja2
from docxtpl import DocxTemplate
from jinja2.sandbox import ImmutableSandboxedEnvironment, SecurityError
from lxml import etree

from .errors import TemplateError
from .fields import field_marker, insert_fields

logger = logging.getLogger(__name__)


def make_environment() -> jinja2.Environment:
    """The Jinja environment of every render: sandboxed, autoescaped, strict about names."""
    env = ImmutableSandboxedEnvironment(autoescape=True, undefined=jinja2.StrictUndefined)
    env.globals["o_dien"] = field_marker
    return env


@dataclass(frozen=True)
class Template:
    """A template's name (for messages) and its bytes, read once per run."""

    name: str
    data: bytes

    @classmethod
    def load(cls, path: Path) -> Template:
        try:
            return cls(path.name, path.read_bytes())
        except OSError as err:
            raise TemplateError(path.name, f"không đọc được tệp mẫu ({err.strerror}).") from err


def render(template: Template, context: dict) -> bytes:
    """Render ``template`` with ``context`` and return the bytes of the ``.docx``."""
    try:
        document = DocxTemplate(io.BytesIO(template.data))
        document.render(context, jinja_env=make_environment(), autoescape=True)
        buffer = io.BytesIO()
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
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as target:
        for entry in source.infolist():
            info = zipfile.ZipInfo(entry.filename, date_time=_FIXED_TIME)
            info.compress_type = zipfile.ZIP_DEFLATED
            info.external_attr = 0o644 << 16
            content = source.read(entry)
            if transforms and entry.filename in transforms:
                content = transforms[entry.filename](content)
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
