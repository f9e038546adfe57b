"""The library behind the command line: one function per command, no printing.

Data flows one way: workbook → :func:`~mttq_docs.validation.load_plan` → a
:class:`~mttq_docs.documents.DocumentJob` per file → :func:`~mttq_docs.context.build_context`
→ :func:`~mttq_docs.render.render` → :func:`~mttq_docs.output.write_atomic`.
"""

from __future__ import annotations

import logging
import shutil
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path, PurePosixPath

from .checker import FileReport, check_document, check_paths
from .context import build_context
from .documents import KINDS, DocumentJob, plan_jobs
from .errors import OutputError, Problem, TemplateError
from .output import resolve_inside, write_atomic
from .render import Template, render
from .validation import LoadResult, load_plan

logger = logging.getLogger(__name__)

PROJECT_ROOT = Path(__file__).resolve().parent.parent
DEFAULT_TEMPLATES = PROJECT_ROOT / "templates_docx"
SHIPPED_WORKBOOK = PROJECT_ROOT / "inputs" / "ke_hoach_2017.xlsx"
DEFAULT_OUTPUT = PROJECT_ROOT / "outputs"

Progress = Callable[[DocumentJob], None]


@dataclass
class GenerateResult:
    """What a run wrote, relative to ``out``, and the workbook's warnings."""

    out: Path
    written: list[PurePosixPath] = field(default_factory=list)
    warnings: list[Problem] = field(default_factory=list)
    format_warnings: list[str] = field(default_factory=list)
    """Official-format rules broken by a template, checked on one document of each kind."""

    def count_by_folder(self) -> dict[str, int]:
        counts: dict[str, int] = {}
        for path in self.written:
            counts[path.parts[0]] = counts.get(path.parts[0], 0) + 1
        return counts


def validate(workbook: Path) -> LoadResult:
    """Load and check the workbook; raises :class:`~mttq_docs.errors.WorkbookError` on errors."""
    return load_plan(workbook)


def load_templates(folder: Path) -> dict[str, Template]:
    """Read every template a run needs from ``folder``; a missing one is an error."""
    missing = [k.template for k in KINDS if not (folder / k.template).is_file()]
    if missing:
        raise TemplateError(", ".join(missing), f"không có trong thư mục mẫu {folder}.")
    return {k.code: Template.load(folder / k.template) for k in KINDS}


@dataclass
class Generation:
    """A validated plan, its templates and its documents, ready to be written.

    Made by :func:`prepare`, which has already rendered one document of each kind, so a
    broken template is found before any file is touched.
    """

    loaded: LoadResult
    jobs: list[DocumentJob]
    sources: dict[str, Template]

    def write(self, out: Path, progress: Progress | None = None) -> GenerateResult:
        """Render and write every document under ``out``."""
        result = GenerateResult(out, warnings=list(self.loaded.warnings))
        out.mkdir(parents=True, exist_ok=True)
        for job in self.jobs:
            data = render(self.sources[job.kind.code], build_context(self.loaded.plan, job))
            write_atomic(resolve_inside(out, job.path), data)
            result.written.append(job.path)
            logger.debug("wrote %s", job.path)
            if progress:
                progress(job)
        result.format_warnings = self._check_format(out)
        return result

    def _check_format(self, out: Path) -> list[str]:
        # The format comes from the templates, so one document per template tells whether a
        # clerk's edit broke a rule; checking every file would only repeat the same lines.
        first_of_kind = {job.kind.code: job for job in reversed(self.jobs)}
        warnings = []
        for code, job in first_of_kind.items():
            report = check_document(resolve_inside(out, job.path))
            warnings += [f"Mẫu {self.sources[code].name}: {v.message}" for v in report.violations]
        return warnings


def prepare(workbook: Path, *, templates: Path = DEFAULT_TEMPLATES) -> Generation:
    """Validate ``workbook``, read the templates and try each one; nothing is written."""
    loaded = load_plan(workbook)
    jobs = plan_jobs(loaded.plan)
    sources = load_templates(templates)
    first_of_kind = {job.kind.code: job for job in reversed(jobs)}
    for code, job in first_of_kind.items():
        render(sources[code], build_context(loaded.plan, job))
    return Generation(loaded, jobs, sources)


def generate(workbook: Path, out: Path, *, templates: Path = DEFAULT_TEMPLATES,
             progress: Progress | None = None) -> GenerateResult:
    """Validate ``workbook`` and write every document under ``out``.

    Nothing is written when the workbook has errors or a template cannot be rendered.
    """
    return prepare(workbook, templates=templates).write(out, progress)


def check(paths: list[Path]) -> list[FileReport]:
    """Check the official format of every ``.docx`` named or found under ``paths``."""
    return check_paths(paths)


def init(folder: Path, *, name: str = SHIPPED_WORKBOOK.name, overwrite: bool = False) -> Path:
    """Copy the shipped 2017 workbook into ``folder`` for a user to start from."""
    target = folder / name
    if target.exists() and not overwrite:
        raise OutputError(f"{target} đã có; không ghi đè. Hãy chọn thư mục khác hoặc dùng "
                          "--force để ghi đè.")
    folder.mkdir(parents=True, exist_ok=True)
    shutil.copyfile(SHIPPED_WORKBOOK, target)
    return target
