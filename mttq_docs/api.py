"""The library behind the command line: one function per command, no printing.

Data flows one way: workbook → :func:`~mttq_docs.validation.load_plan` → a
:class:`~mttq_docs.documents.DocumentJob` per file → :func:`~mttq_docs.context.build_context`
→ :func:`~mttq_docs.render.render` → :func:`~mttq_docs.sync.synchronise` (which writes only
what changed and never overwrites a person's edit).
"""

from __future__ import annotations

import contextlib
import dataclasses
import datetime as dt
import functools
import gc
import io
import logging
import shutil
from collections import Counter
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from pathlib import Path

from . import __version__
from .checker import FileReport, check_document, check_paths
from .collect import CollectResult
from .collect import collect as collect_drafts
from .context import ContextParts, build_context, context_parts
from .documents import KINDS, DocumentJob, count_jobs, iter_jobs, plan_jobs

__all__ = ["KINDS", "GenerateResult", "Generation", "check", "check_templates", "generate",
           "init", "prepare", "validate"]
from .errors import OutputError, Problem, TemplateError
from .manifest import sha256
from .packets import PacketResult, make_packets
from .parallel import PoolRenderer, default_jobs
from .plan import Plan, Point
from .render import Template, render
from .sync import Outcome, Planned, Tally, synchronise
from .trials import Trials, load_trials, save_trials
from .template_lint import LintProblem, lint_template
from .validation import LoadResult, load_plan

logger = logging.getLogger(__name__)

PROJECT_ROOT = Path(__file__).resolve().parent.parent
DEFAULT_TEMPLATES = PROJECT_ROOT / "templates_docx"
SHIPPED_WORKBOOK = PROJECT_ROOT / "inputs" / "ke_hoach_2017.xlsx"
DEFAULT_OUTPUT = PROJECT_ROOT / "outputs"

Progress = Callable[[Outcome], None]


@dataclass
class GenerateResult:
    """What a run did to the files under ``out``, and the warnings found on the way."""

    out: Path
    tally: Tally = field(default_factory=Tally)
    """How many files of each status, and the outcomes worth a look (not the ``unchanged``
    ones; at most :data:`~mttq_docs.sync.KEEP_OUTCOMES` of each status)."""
    warnings: list[Problem] = field(default_factory=list)
    format_warnings: list[str] = field(default_factory=list)
    """Official-format rules broken by a template, checked on one document of each kind."""
    dry_run: bool = False
    packets: PacketResult | None = None
    """PDFs and zips, when asked for."""

    def counts(self) -> Counter[str]:
        return self.tally.counts

    @property
    def outcomes(self) -> list[Outcome]:
        return self.tally.outcomes

    @property
    def conflicts(self) -> list[Outcome]:
        """Files a person edited whose new version was written beside them."""
        return [o for o in self.outcomes if o.status == "beside"]

    @property
    def document_count(self) -> int:
        """How many documents the plan calls for (archived files excluded)."""
        return sum(n for status, n in self.counts().items() if status != "archive")


def validate(workbook: Path) -> LoadResult:
    """Load and check the workbook; raises :class:`~mttq_docs.errors.WorkbookError` on errors."""
    return load_plan(workbook)


def load_templates(folder: Path) -> dict[str, Template]:
    """Read every template a run needs from ``folder``; a missing one is an error."""
    missing = [k.template for k in KINDS if not (folder / k.template).is_file()]
    if missing:
        raise TemplateError(", ".join(missing), f"không có trong thư mục mẫu {folder}.")
    return {k.code: Template.load(folder / k.template) for k in KINDS}


def fingerprint(template: Template, parts: ContextParts) -> str:
    """What a document is made from: program version, template bytes and context (the
    context's shared part by its digest, computed once per place)."""
    return sha256(f"{__version__}\n{template.digest}\n{parts.shared_digest}\n"
                  f"{parts.own_digest}".encode())


def _label(job: DocumentJob) -> str:
    where = [f"huyện {job.district}"] if job.district else ["tỉnh"]
    if job.point is not None:
        where.append(f"{job.point.unit_type} {job.point.commune}" if job.point.commune
                     else "chưa chọn xã")
    return f"{', '.join(where)}: {job.kind.label}"


@dataclass
class Generation:
    """A validated plan, its templates and its documents, ready to be written.

    Made by :func:`prepare`, which has already rendered one document of each kind, so a
    broken template is found before any file is touched.
    """

    loaded: LoadResult
    sources: dict[str, Template]
    format_warnings: list[str] = field(default_factory=list)
    trials: Trials = field(default_factory=dict)
    """The trial documents' fingerprints and warnings, kept in the output folder when written."""

    @functools.cached_property
    def job_count(self) -> int:
        """How many documents the plan calls for."""
        return count_jobs(self.loaded.plan)

    def jobs(self) -> Iterator[DocumentJob]:
        """The documents the plan calls for, made one at a time (memory stays flat)."""
        return iter_jobs(self.loaded.plan)

    def planned(self) -> Iterator[Planned]:
        """The documents to bring in line, made one at a time (memory stays flat)."""
        for job in self.jobs():
            template = self.sources[job.kind.code]
            parts = context_parts(self.loaded.plan, job)
            context = {**parts.shared, **parts.own}
            yield Planned(job.path, fingerprint(template, parts),
                          lambda t=template, c=context: render(t, c), _label(job),
                          (job.kind.code, context))

    def write(self, out: Path, progress: Progress | None = None, *, dry_run: bool = False,
              today: dt.date | None = None, pdf: bool = False, zips: bool = False,
              jobs: int | None = None) -> GenerateResult:
        """Bring ``out`` in line with the plan; with ``dry_run``, only say what would change.

        ``pdf`` adds a PDF beside every document, ``zips`` one zip per folder; ``jobs``
        processes render (default: one per core; 1 renders in this process).
        """
        with fewer_collections():
            return self._write(out, progress, dry_run=dry_run, today=today, pdf=pdf,
                               zips=zips, jobs=jobs)

    def _write(self, out: Path, progress: Progress | None, *, dry_run: bool,
               today: dt.date | None, pdf: bool, zips: bool, jobs: int | None
               ) -> GenerateResult:
        jobs = jobs or default_jobs()
        if jobs > 1 and self.job_count > 4 * jobs:
            with PoolRenderer(self.sources, jobs) as renderer:
                tally = synchronise(out, self.planned(), dry_run=dry_run, today=today,
                                       progress=progress, renderer=renderer)
        else:
            tally = synchronise(out, self.planned(), dry_run=dry_run, today=today,
                                   progress=progress)
        if not dry_run:
            save_trials(out, self.trials)
        result = GenerateResult(out, tally, list(self.loaded.warnings),
                                list(self.format_warnings), dry_run)
        if pdf or zips:
            result.packets = make_packets(out, [job.path for job in self.jobs()], pdf=pdf,
                                          zips=zips, dry_run=dry_run, today=today)
        return result


def prepare(workbook: Path, *, templates: Path = DEFAULT_TEMPLATES,
            out: Path | None = None) -> Generation:
    """Validate ``workbook``, read the templates and try each one; nothing is written.

    The trial documents are also checked against the official format: the format comes from
    the templates, so one document per template tells whether a clerk's edit broke a rule.
    With ``out``, the trials an earlier run there made with the same fingerprint are not
    made again (:mod:`mttq_docs.trials`).
    """
    with fewer_collections():
        loaded = load_plan(workbook)
    sources = load_templates(templates)
    sample = trial_plan(loaded.plan)
    first_of_kind = {job.kind.code: job for job in reversed(plan_jobs(sample))}
    known, trials = load_trials(out), {}
    for code, job in first_of_kind.items():
        parts = context_parts(sample, job)
        key = fingerprint(sources[code], parts)
        if code in known and known[code][0] == key:
            trials[code] = known[code]
            continue
        data = render(sources[code], {**parts.shared, **parts.own})
        report = check_document(io.BytesIO(data), name=job.path.name)
        trials[code] = (key, [f"Mẫu {sources[code].name}: {v.message}"
                              for v in report.violations])
    warnings = [warning for _, found in trials.values() for warning in found]
    return Generation(loaded, sources, warnings, trials)


@contextlib.contextmanager
def fewer_collections():
    """Run Python's cycle collector less often in this block.

    It walks the young objects each time 700 more are allocated, and every live object now and
    then; reading a national plan and checking its 80 000 files allocates millions of small
    objects that form no cycles (cells, rows, jobs, records), and the walks cost a fifth of a
    run. The collector still runs, every 100 000 allocations.
    """
    previous = gc.get_threshold()
    gc.set_threshold(100_000, 20, 20)
    try:
        yield
    finally:
        gc.set_threshold(*previous)


def trial_plan(plan: Plan) -> Plan:
    """The plan cut to the first point of each model: every kind of document still occurs,
    and the province's lists stay short (a national plan's would take seconds to check)."""
    models: dict[str, Point] = {}
    for point in plan.points:
        models.setdefault(point.model.code, point)
    return dataclasses.replace(plan, points=tuple(models.values()))


def generate(workbook: Path, out: Path, *, templates: Path = DEFAULT_TEMPLATES,
             progress: Progress | None = None, dry_run: bool = False,
             today: dt.date | None = None, pdf: bool = False, zips: bool = False,
             jobs: int | None = None) -> GenerateResult:
    """Validate ``workbook`` and bring ``out`` in line with it.

    Nothing is written when the workbook has errors or a template cannot be rendered.
    """
    generation = prepare(workbook, templates=templates, out=out)
    return generation.write(out, progress, dry_run=dry_run, today=today, pdf=pdf, zips=zips,
                            jobs=jobs)


def check_templates(folder: Path = DEFAULT_TEMPLATES,
                    workbook: Path = SHIPPED_WORKBOOK) -> list[LintProblem]:
    """Lint every template of ``folder`` against what ``workbook`` provides, rendering nothing."""
    plan = load_plan(workbook).plan
    jobs = plan_jobs(plan)
    first_of_scope = {job.kind.scope: job for job in reversed(jobs)}
    problems: list[LintProblem] = []
    for kind in KINDS:
        path = folder / kind.template
        if not path.is_file():
            problems.append(LintProblem(kind.template, f"không có trong thư mục {folder}."))
            continue
        job = next((j for j in jobs if j.kind == kind), None)
        job = job or dataclasses.replace(first_of_scope[kind.scope], kind=kind)
        problems += lint_template(path, build_context(plan, job))
    return problems


def collect(out: Path = DEFAULT_OUTPUT, workbook: Path = SHIPPED_WORKBOOK,
            templates: Path = DEFAULT_TEMPLATES) -> CollectResult:
    """Read the filled drafts under ``out``; write the tracking workbook and summary report."""
    return collect_drafts(out, workbook, templates)


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
