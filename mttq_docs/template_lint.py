"""Checking templates without rendering them: syntax, broken tags, unknown variables.

A clerk edits the templates in Word, which can split a ``{{ tag }}`` across runs, turn its
quotes into curly ones or leave it unclosed. This module reports, per template, what would fail
at render time and where, before anything is generated. Variables are checked against the
values a document of that kind really receives from the workbook (one level of attributes
deep: ``mo_hinh.ten`` is known, ``mo_hinh.khong_co`` is not).
"""

from __future__ import annotations

import io
import re
from dataclasses import dataclass
from pathlib import Path

import docx
import jinja2
from docx.oxml import parse_xml
from docxtpl import DocxTemplate
from jinja2 import meta, nodes

from .context import Context
from .docx_inspect import paragraphs
from .render import make_environment

_TAG = re.compile(r"\{[{%].*?[}%]\}")
_CURLY = set("“”‘’")
# Names every Jinja environment provides (loop variables are declared by the template).
_BUILTINS = {"loop", "range", "dict", "lipsum", "cycler", "joiner", "namespace", "o_dien"}


@dataclass(frozen=True)
class LintProblem:
    template: str
    message: str
    level: str = "error"

    def __str__(self) -> str:
        return f"Mẫu {self.template}: {self.message}"


def _xml_sources(template: DocxTemplate) -> str:
    """The body, headers and footers as docxtpl patches them before parsing."""
    document = docx.Document(template.template_file)
    xml: str = template.patch_xml(template.xml_to_string(document.element.body))
    for rel in document.part.rels.values():
        if rel.reltype in (template.HEADER_URI, template.FOOTER_URI) and rel.target_part.blob:
            xml += template.patch_xml(template.xml_to_string(parse_xml(rel.target_part.blob)))
    return xml


def _tag_problems(name: str, data: bytes) -> list[LintProblem]:
    problems = []
    document = docx.Document(io.BytesIO(data))
    for located in paragraphs(document):
        text = located.text
        if text.count("{{") != text.count("}}") or text.count("{%") != text.count("%}"):
            problems.append(LintProblem(name, f"thẻ chưa đóng hoặc thừa dấu ở đoạn "
                                        f"{located.number}: «{text[:80]}»."))
        for tag in _TAG.findall(text):
            if _CURLY & set(tag):
                problems.append(LintProblem(name, f"dấu nháy cong trong thẻ ở đoạn "
                                            f"{located.number}: «{tag[:60]}»; hãy gõ dấu nháy "
                                            "thẳng (tắt AutoCorrect).", level="warning"))
    return problems


def _attribute_problems(name: str, tree: nodes.Template, context: Context) -> list[LintProblem]:
    problems = []
    for node in tree.find_all(nodes.Getattr):
        if isinstance(node.node, nodes.Name) and isinstance(context.get(node.node.name), dict):
            if node.attr not in context[node.node.name]:
                known = ", ".join(sorted(context[node.node.name]))
                problems.append(LintProblem(name, f"biến {node.node.name}.{node.attr} không có "
                                            f"(có: {known})."))
    return problems


def lint_template(path: Path, context: Context) -> list[LintProblem]:
    """Every problem of one template, given the context its documents receive."""
    name = path.name
    try:
        data = path.read_bytes()
        template = DocxTemplate(io.BytesIO(data))
        template.init_docx()
    except Exception as err:  # python-docx raises many types for a broken package
        return [LintProblem(name, f"không mở được tệp mẫu ({err}).")]
    problems = _tag_problems(name, data)
    env = make_environment()
    try:
        tree = env.parse(_xml_sources(template))
    except jinja2.TemplateSyntaxError as err:
        return problems + [LintProblem(name, f"lỗi cú pháp: {err.message}.")]
    unknown = meta.find_undeclared_variables(tree) - set(context) - _BUILTINS
    problems += [LintProblem(name, f"biến {variable} không có trong dữ liệu của loại văn bản "
                             "này.") for variable in sorted(unknown)]
    return problems + _attribute_problems(name, tree, context)
