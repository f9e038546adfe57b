"""No module keeps run data between calls: state lives in objects a run owns.

A long-running process (the web page's server) runs many plans, in several threads; a cache
in a module would serve one plan's values to another or keep a plan alive after its run.
This test reads the package's source and refuses module-level (or class-level) mutable
containers, ``global`` statements and ``functools`` caches on functions, except the constant
tables listed here, each with the reason it is safe.
"""

from __future__ import annotations

import ast
from pathlib import Path

PACKAGE = Path(__file__).resolve().parent.parent / "mttq_docs"

ALLOWED = {
    # Constant tables, read and never changed.
    ("cli.py", "ADVICE"), ("cli.py", "STATUS_WORDS"), ("cli.py", "CONTEXT"),
    ("click_vi.py", "CATALOGUE"), ("resources.py", "EXAMPLES"),
    ("validation.py", "UNIT_TYPES_2025"), ("checker.py", "_ALIGN_NAMES"),
    ("docx_inspect.py", "_JUSTIFIED"), ("docx_inspect.py", "ALIGNMENTS"),
    ("official_format.py", "TYPE_CODES"), ("official_format.py", "SOURCES"),
    ("pdf.py", "TIMES_COMPATIBLE"), ("pdf.py", "_NOT_TEXT"), ("vietnamese.py", "_TONE_MARKS"),
    ("validation.py", "LEVELS"), ("validation.py", "UNIT_TYPES"),
    ("checker.py", "MARGIN_NAMES"), ("checker.py", "KIND_RULES"),
    ("fields.py", "_BEFORE_COLOR"), ("official_format.py", "MARGINS"),
    ("official_format.py", "CHOSEN_MARGINS"), ("template_lint.py", "_CURLY"),
    ("template_lint.py", "_BUILTINS"), ("template_lint.py", "_OPERATORS"),
    ("errors.py", "_SYSTEM_REASONS"), ("template_guard.py", "_KINDS"), ("vietnamese.py", "_TONES"),
    ("vietnamese.py", "_DIGITS"), ("fields.py", "_LINE_BREAKS"),
    ("kinds.py", "NO_RECIPIENTS"), ("validation.py", "CITING_VERBS"),
    # A pure function of a column header's text: the same answer for every plan.
    ("workbook.py", "@lru_cache _column_key"),
    # The official list of one province, read from the package's fixed data.
    ("units2025.py", "@lru_cache communes_of"),
    # The comparison key of a name: a pure function of its text.
    ("vietnamese.py", "@lru_cache name_key"),
    # The fixed parts of a tiny workbook calamine is asked about a number format; never changed.
    ("calamine_reader.py", "_PROBE"),
    # A unit type's slug: a pure function of its text, a few hundred spellings at most.
    ("validation.py", "@lru_cache _slug"),
    # The digest of the program's own source files: the same for every plan of a process.
    ("folder_memo.py", "@cache program_digest"),
    # A worker process of a pool is started for one run and holds only its templates.
    ("parallel.py", "_WORKER"),
}
MUTABLE_CALLS = {"dict", "list", "set", "defaultdict", "OrderedDict", "Counter", "deque",
                 "WeakValueDictionary", "WeakKeyDictionary"}
CACHES = {"lru_cache", "cache"}


def _is_mutable(value: ast.expr | None) -> bool:
    if isinstance(value, (ast.Dict, ast.List, ast.Set, ast.DictComp, ast.ListComp,
                          ast.SetComp)):
        return True
    if isinstance(value, ast.Call):
        name = value.func.attr if isinstance(value.func, ast.Attribute) else getattr(
            value.func, "id", "")
        return name in MUTABLE_CALLS
    return False


def _targets(node: ast.stmt) -> list[str]:
    if isinstance(node, ast.Assign):
        return [t.id for t in node.targets if isinstance(t, ast.Name)]
    if isinstance(node, ast.AnnAssign) and isinstance(node.target, ast.Name):
        return [node.target.id]
    return []


def shared_state(source: str, module: str) -> list[str]:
    """What in ``source`` keeps data beyond one call, as ``module: name`` lines."""
    tree = ast.parse(source)
    found = []
    bodies = [tree.body] + [n.body for n in tree.body if isinstance(n, ast.ClassDef)]
    for body in bodies:
        for node in body:
            value = getattr(node, "value", None)
            for name in _targets(node):
                if _is_mutable(value) and name != "__all__" and (module, name) not in ALLOWED:
                    found.append(f"{module}: {name}")
    for node in ast.walk(tree):
        if isinstance(node, ast.Global):
            found += [f"{module}: global {name}" for name in node.names]
        if isinstance(node, (ast.FunctionDef, ast.AsyncFunctionDef)):
            for decorator in node.decorator_list:
                target = decorator.func if isinstance(decorator, ast.Call) else decorator
                name = target.attr if isinstance(target, ast.Attribute) else getattr(
                    target, "id", "")
                if name in CACHES and (module, f"@{name} {node.name}") not in ALLOWED:
                    found.append(f"{module}: @{name} {node.name}")
    return found


def test_no_module_keeps_run_data():
    found = [line for path in sorted(PACKAGE.glob("*.py"))
             for line in shared_state(path.read_text(encoding="utf-8"), path.name)]
    assert found == []


def test_the_check_finds_what_it_is_meant_to_find():
    source = '''
_CACHE: dict = {}
_LAST = []
LIMIT = 3
NAMES = ("a", "b")
class Kept:
    _patched: dict[str, str] = {}
@functools.lru_cache(maxsize=8)
def resolve(x): return x
def remember():
    global _LAST
'''
    assert sorted(shared_state(source, "m.py")) == sorted([
        "m.py: _CACHE", "m.py: _LAST", "m.py: _patched", "m.py: @lru_cache resolve",
        "m.py: global _LAST"])
