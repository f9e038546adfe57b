"""Checking templates without rendering them: syntax, broken tags, unknown variables.

A clerk edits the templates in Word, which can split a ``{{ tag }}`` across runs, turn its
quotes into curly ones or leave it unclosed. This module reports, per template, what would fail
at render time and where, before anything is generated. Variables are checked against the
values a document of that kind really receives from the workbook (one level of attributes
deep: ``mo_hinh.ten`` is known, ``mo_hinh.khong_co`` is not).
"""

from __future__ import annotations

import io
import operator
import re
from collections.abc import Callable
from typing import Any
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
from .sandbox import TOO_BIG_LOOP, WIDTH_LIMIT, Runaway, bounded_lipsum, bounded_range, \
    check_binop
from .template_guard import unsafe_package

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


_OPERATORS: dict[type[nodes.Node], tuple[str, Callable[[Any, Any], Any]]] = {
    nodes.Mul: ("*", operator.mul), nodes.Pow: ("**", operator.pow),
    nodes.Mod: ("%", operator.mod), nodes.Add: ("+", operator.add),
    nodes.Sub: ("-", operator.sub)}
_WIDE = ("center", "ljust", "rjust", "zfill", "expandtabs", "indent", "wordwrap", "truncate",
         "slice", "batch")
LOOP_LIMIT = 1_000_000
"""Iterations of nested loops over constant ranges reported as a runaway loop."""


def _value(node: nodes.Node) -> object:
    """The value of a constant expression (``10**9``), checked as the sandbox checks it at
    render time (:class:`Runaway`); ``None`` when it is not constant."""
    if isinstance(node, nodes.Const):
        return node.value
    found = _OPERATORS.get(type(node))
    if found is not None and isinstance(node, nodes.BinExpr):
        left, right = _value(node.left), _value(node.right)
        if left is None or right is None:
            return None
        check_binop(found[0], left, right)  # before computing it: 10**(10**8) is refused
        try:
            return found[1](left, right)
        except TypeError:  # not a constant after all ('a' - 1)
            return None
    return None


def _call_problem(node: nodes.Call) -> None:
    args = [_value(argument) for argument in node.args]
    if any(argument is None for argument in args):
        return
    target = node.node
    if isinstance(target, nodes.Name) and target.name == "range":
        bounded_range(*[int(a) for a in args if isinstance(a, int)])
    elif isinstance(target, nodes.Name) and target.name == "lipsum":
        if args and isinstance(args[0], int):
            bounded_lipsum(args[0])
    elif isinstance(target, nodes.Getattr) and target.attr in _WIDE:
        _wide(args)


def _wide(args: list[object]) -> None:
    if any(isinstance(a, int) and a > WIDTH_LIMIT for a in args):
        raise Runaway("tạo ra chuỗi quá dài")


def _loop_size(node: nodes.For) -> int:
    call = node.iter
    if isinstance(call, nodes.Call) and isinstance(call.node, nodes.Name) and \
            call.node.name == "range":
        args = [_value(argument) for argument in call.args]
        if args and all(isinstance(a, int) for a in args):
            return len(range(*[int(a) for a in args if isinstance(a, int)]))
    return 1


def _loop_problems(node: nodes.Node, outer: int = 1) -> list[str]:
    found = []
    for child in node.iter_child_nodes():
        total = outer
        if isinstance(child, nodes.For):
            total = outer * _loop_size(child)
            if total > LOOP_LIMIT:
                found.append(f"{TOO_BIG_LOOP} ({total:,} lần lặp lồng nhau)".replace(",", "."))
                continue
        found += _loop_problems(child, total)
    return found


def _runaway_problems(name: str, tree: nodes.Template) -> list[LintProblem]:
    """What the sandbox would refuse at render time, where the template shows it as
    constants: ``'a' * 10**9``, ``range(10**6)``, ``center(10**9)``, nested big loops."""
    reasons: list[str] = []
    checks: list[tuple[type[nodes.Node], object]] = [
        (nodes.BinExpr, _value), (nodes.Call, _call_problem),
        (nodes.Filter, lambda n: _wide([_value(a) for a in n.args]) if n.name in _WIDE
         else None)]
    for kind, check in checks:
        for node in tree.find_all(kind):
            try:
                check(node)  # type: ignore[operator]
            except (Runaway, OverflowError, ValueError) as err:
                reasons.append(getattr(err, "reason", "tính ra một số quá lớn"))
    reasons += _loop_problems(tree)
    return [LintProblem(name, f"mẫu {reason}.") for reason in dict.fromkeys(reasons)]


def lint_template(path: Path, context: Context) -> list[LintProblem]:
    """Every problem of one template, given the context its documents receive."""
    name = path.name
    try:
        data = path.read_bytes()
        template = DocxTemplate(io.BytesIO(data))
        template.init_docx()
    except Exception as err:  # python-docx raises many types for a broken package
        return [LintProblem(name, f"không mở được tệp mẫu ({err}).")]
    problems = [LintProblem(name, f"{reason}.") for reason in unsafe_package(data)]
    problems += _tag_problems(name, data)
    env = make_environment()
    try:
        tree = env.parse(_xml_sources(template))
    except jinja2.TemplateSyntaxError as err:
        return problems + [LintProblem(name, f"lỗi cú pháp: {err.message}.")]
    unknown = meta.find_undeclared_variables(tree) - set(context) - _BUILTINS
    problems += [LintProblem(name, f"biến {variable} không có trong dữ liệu của loại văn bản "
                             "này.") for variable in sorted(unknown)]
    return problems + _attribute_problems(name, tree, context) + _runaway_problems(name, tree)
