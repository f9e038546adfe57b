"""The library behind the command line: one function per command, no printing.

Data flows one way: workbook → :func:`~mttq_docs.validation.load_plan` → a
:class:`~mttq_docs.documents.DocumentJob` per file → :func:`~mttq_docs.context.build_context`
→ :func:`~mttq_docs.render.render` → :func:`~mttq_docs.sync.synchronise` (which writes only
what changed and never overwrites a person's edit).
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import functools
import gc
import io
import logging
import os
from collections import Counter
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from pathlib import Path

from . import __version__
from .checker import FileReport, check_document, check_paths
from .collect import CollectResult
from .collect import collect as collect_drafts
from .collect import Proposal, report_context
from .context import Context, ContextBuilder, ContextParts
from .folder_memo import FolderEnd, Skipped
from . import lookahead
from .lookahead import Folders, Lookahead
from .documents import DocumentJob, Layout, remembered_in
from . import folder_memo
from .errors import AlreadyExists, Problem, TemplateError, WorkFolderError
from .kinds import ALL_KINDS, KINDS, REPORT_KIND
from .manifest import Manifest, file_sha256, sha256
from .output import OutputFolder
from .packets import PacketResult, make_packets
from .parallel import PoolRenderer, default_jobs
from .plan import Place, Plan, Point, Remembered
from .provenance import Provenance, plan_of, record_plan
from .progress import CancelToken, Phase, Progress, ProgressEvent, Reporter
from .render import Renderer, Template
from .resources import sample_workbook, templates_folder
from .sync import Outcome, Planned, Tally, synchronise
from .template_lint import LintProblem, lint_template
from .trials import Trials, load_trials, save_trials
from .validation import LoadResult, load_plan
from .workfolder import WorkFolder, create
from . import writeback
from .writeback import Applied

__all__ = ["ALL_KINDS", "KINDS", "CancelToken", "GenerateResult", "Generation", "Phase", "ProgressEvent",
           "check", "check_templates", "collect", "generate", "init", "prepare", "validate"]

logger = logging.getLogger(__name__)

DEFAULT_TEMPLATES = templates_folder()
"""The templates the package ships."""
SHIPPED_WORKBOOK = sample_workbook()
"""The workbook of the 2017 plan the package ships."""


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
    unresolved: dict[str, list[str]] = field(default_factory=dict)
    """Per folder, the documents a person edited that have a newer version beside them (what
    a packet of that folder carries unreconciled; its contents list says so too)."""

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
    missing = [k.template for k in ALL_KINDS if not (folder / k.template).is_file()]
    if missing:
        raise TemplateError(", ".join(missing), f"không có trong thư mục mẫu {folder}.")
    return {k.code: Template.load(folder / k.template) for k in ALL_KINDS}


def fingerprint(template: Template, parts: ContextParts) -> str:
    """What a document is made from: program version, template bytes and context (the
    context's shared part by its digest, computed once per place)."""
    return sha256(f"{__version__}\n{template.digest}\n{parts.shared_digest}\n"
                  f"{parts.own_digest}".encode())


def _render(renderer: Renderer, template: Template, context: Callable[[], Context]) -> bytes:
    return renderer.render(template, context())


def _label(job: DocumentJob) -> str:
    """``huyện Thanh Hà, xã Thanh Bính: Kế hoạch triển khai của xã``."""
    return f"{job.place.where}: {job.kind.label}"


@dataclass
class Generation:
    """A validated plan, its templates and its documents, ready to be written.

    Made by :func:`prepare`, which has already rendered one document of each kind, so a
    broken template is found before any file is touched. It owns everything its run keeps
    (the place tree, the contexts' shared parts, the renderer and its prepared templates):
    two generations share nothing, so two threads may each write one. One generation is
    written by one thread at a time.
    """

    loaded: LoadResult
    sources: dict[str, Template]
    format_warnings: list[str] = field(default_factory=list)
    trials: Trials = field(default_factory=dict)
    """The trial documents' fingerprints and warnings, kept in the output folder when written."""
    renderer: Renderer = field(default_factory=Renderer)
    workbook: Path | None = None
    """The workbook the plan was read from; noted in the output folder it writes."""
    remembered: Remembered | None = None
    """The names the output folder's earlier runs gave to places (kept whatever the rows'
    order)."""
    lookahead: Lookahead | None = None
    """The output folder's record and files, read by another process (:mod:`mttq_docs.lookahead`)."""

    @functools.cached_property
    def layout(self) -> Layout:
        return Layout(self.loaded.plan, remembered=self.remembered)

    @functools.cached_property
    def contexts(self) -> ContextBuilder:
        return ContextBuilder(self.loaded.plan, self.layout)

    @functools.cached_property
    def job_count(self) -> int:
        """How many documents the plan calls for."""
        return self.layout.count()

    def renders_elsewhere(self, jobs: int) -> bool:
        """Whether a run on ``jobs`` processes renders its documents in worker processes
        (this one rendering at most the first few of a re-run)."""
        return jobs > 1 and self.job_count > 4 * jobs

    def jobs(self) -> Iterator[DocumentJob]:
        """The documents the plan calls for, made one at a time (memory stays flat)."""
        return self.layout.jobs()

    def planned(self, out: Path | None = None, manifest: Manifest | None = None,
                looked: Folders | None = None
                ) -> Iterator[Planned | Skipped | FolderEnd]:
        """The documents to bring in line, made one at a time (memory stays flat).

        With the folder and its record, a folder whose documents are as the last run left
        them and made from the same inputs is passed over (:mod:`mttq_docs.folder_memo`; its
        files looked at by another process when ``looked``); each folder's contents list
        names the documents there that a person edited and that have (or will get) a newer
        version beside them.
        """
        places = OutputFolder(out) if out is not None else None
        for folder in self.layout.folders:
            key = ""
            if out is not None and manifest is not None and places is not None:
                key = self.folder_key(folder)
                count = looked.passable(folder.folder, key) if looked is not None else \
                    folder_memo.passable(manifest, places, folder.folder, key)
                if count is not None:
                    yield Skipped(folder.folder, count)
                    continue
            jobs = self.layout.folder_jobs(folder)
            if out is not None and manifest is not None:
                self.contexts.unresolved[folder.folder] = self._unresolved(out, manifest, jobs)
            for job in jobs:
                template = self.sources[job.kind.code]
                parts = self.contexts.parts(job)
                # The context is merged only for a document rendered (not an unchanged one).
                yield Planned(job.path, fingerprint(template, parts),
                              functools.partial(_render, self.renderer, template, parts.merged),
                              _label(job), (job.kind.code, parts.merged))
            if key:
                yield FolderEnd(folder.folder, key)

    @functools.cached_property
    def _shared_key(self) -> str:
        return folder_memo.digest([
            __version__, folder_memo.program_digest(),
            sorted((code, template.digest) for code, template in self.sources.items()),
            self.contexts.shared_key()])

    def folder_key(self, folder: Place) -> str:
        """What the documents of ``folder`` (a place that owns one) are made from
        (:func:`~mttq_docs.folder_memo.folder_key`): the province's depend on every place."""
        return self._folder_keys[folder.folder]

    @functools.cached_property
    def _folder_keys(self) -> dict[str, str]:
        """Every folder's key by its name, made once: the province's from the others' (its
        places' again would take half the time of them all)."""
        places = self.layout.places
        keys = {folder.folder: folder_memo.folder_key(self._shared_key, folder,
                                                      places.points[folder.folder])
                for folder in places.folders[1:]}
        keys[places.province.folder] = folder_memo.province_key(
            self._shared_key, places.province, keys.values())
        return keys

    def _unresolved(self, out: Path, manifest: Manifest, jobs: list[DocumentJob]
                    ) -> list[dict[str, str]]:
        """The documents of a folder a person edited whose new version is beside them, or
        will be after this run (:meth:`~mttq_docs.sync._Run.finish`): a stat per document; a
        hash and a fingerprint only for the edited ones, and a rendering for those whose
        inputs changed."""
        found = []
        folder = OutputFolder(out)
        records = manifest.records.in_folder(jobs[0].path.parts[0]) if jobs else {}
        for job in jobs:
            record = records.get(str(job.path))
            if record is None or job.kind.per_folder:
                continue
            path = folder.inside(str(job.path))  # a string: no pathlib object per document
            try:
                stat = os.stat(path)
            except FileNotFoundError:
                continue
            if (stat.st_size, stat.st_mtime_ns) == (record.size, record.mtime_ns) or \
                    file_sha256(Path(path)) == record.output:
                continue  # as generated
            # The record's inputs are those of the document the person edited from (a
            # version beside an edit leaves them so): the same now, nothing is newer than it.
            template, parts = self.sources[job.kind.code], self.contexts.parts(job)
            if fingerprint(template, parts) != record.inputs and \
                    sha256(_render(self.renderer, template, parts.merged)) != record.output:
                found.append({"tep": job.path.name, "ten": job.kind.label})
        return found

    def write(self, out: Path, progress: Progress | None = None, *, dry_run: bool = False,
              today: dt.date | None = None, pdf: bool = False, zips: bool = False,
              jobs: int | None = None, cancel: CancelToken | None = None) -> GenerateResult:
        """Bring ``out`` in line with the plan; with ``dry_run``, only say what would change.

        ``pdf`` adds a PDF beside every document, ``zips`` one zip per folder; ``jobs``
        processes render (default: one per core; 1 renders in this process). The folder's
        record is held for the whole run: a second run on the same folder is refused.
        ``progress`` hears of every step (:class:`~mttq_docs.progress.ProgressEvent`);
        ``cancel`` stops the run at the next file, what was written being recorded.
        """
        with Manifest.open(out, dry_run=dry_run) as manifest:
            tally = self._synchronise(out, manifest, progress, cancel, dry_run=dry_run,
                                      today=today, jobs=jobs or default_jobs())
            if not dry_run:
                save_trials(out, self.trials)
                if self.workbook is not None:
                    record_plan(out, self.workbook)
            result = GenerateResult(out, tally, list(self.loaded.warnings),
                                    list(self.format_warnings), dry_run)
            result.unresolved = {folder: [entry["tep"] for entry in entries]
                                 for folder, entries in self.contexts.unresolved.items()
                                 if entries}
            if pdf or zips:
                result.packets = make_packets(
                    out, [job.path for job in self.jobs()], pdf=pdf, zips=zips,
                    dry_run=dry_run, today=today, manifest=manifest, progress=progress,
                    cancel=cancel, processes=jobs or default_jobs())
        return result

    def _synchronise(self, out: Path, manifest: Manifest, progress: Progress | None,
                     cancel: CancelToken | None, *, dry_run: bool, today: dt.date | None,
                     jobs: int) -> Tally:
        written = Reporter(Phase.WRITE, self.job_count, progress, cancel)
        rendered = Reporter(Phase.RENDER, None, progress, None)
        options = dict(dry_run=dry_run, today=today, manifest=manifest,
                       progress=lambda outcome: written.step(str(outcome.path), outcome),
                       rendered=lambda item: rendered.step(str(item.path)),
                       skipped=lambda folder: written.step(folder.folder, steps=folder.count))
        # Asked now that the record is held: the other process's answers stand only if the
        # record is still the file it read.
        looked = self.lookahead.folders() if self.lookahead is not None else None
        self.lookahead = None
        planned = self.planned(out, manifest, looked)
        if self.renders_elsewhere(jobs):
            # The trials' prepared templates are not kept: the workers render, and this
            # process only the few documents of a run that starts none (memory).
            self.renderer = Renderer()
            gc.collect()  # python-docx's objects form cycles: free the trials' documents now
            first = len(manifest.records) == 0  # everything to render: workers at once
            with PoolRenderer(self.sources, jobs, self.renderer,
                              here=0 if first else None) as pool:
                return synchronise(out, planned, renderer=pool, **options)  # type: ignore[arg-type]
        return synchronise(out, planned, **options)  # type: ignore[arg-type]


def prepare(workbook: Path, *, templates: Path = DEFAULT_TEMPLATES,
            out: Path | None = None, progress: Progress | None = None,
            cancel: CancelToken | None = None, loaded: LoadResult | None = None,
            jobs: int | None = None, looking: Lookahead | None = None) -> Generation:
    """Validate ``workbook``, read the templates and try each one; nothing is written.

    The trial documents are also checked against the official format: the format comes from
    the templates, so one document per template tells whether a clerk's edit broke a rule.
    With ``out``, the trials an earlier run there made with the same fingerprint are not
    made again (:mod:`mttq_docs.trials`). ``loaded``: the workbook already read by
    :func:`validate`. ``jobs``: the processes :meth:`Generation.write` will render with
    (default: one per core, as there); when the run renders in worker processes, the trials'
    prepared templates are not kept (they would only take this process's memory).
    ``looking``: the reading of ``out``'s record already started (:func:`lookahead.start`);
    else it is started here when the workbook is still to be read.
    """
    if looking is None and out is not None and loaded is None:
        looking = lookahead.start(out)
    loaded = loaded or load_plan(workbook)
    sources = load_templates(templates)
    remembered = None
    if out is not None:
        remembered = looking.remembered() if looking is not None else \
            remembered_in(out)
    generation = Generation(loaded, sources, workbook=workbook, remembered=remembered,
                            lookahead=looking)
    keep = not generation.renders_elsewhere(jobs or default_jobs())
    sample = trial_plan(loaded.plan)
    contexts = ContextBuilder(sample)
    first_of_kind = {job.kind.code: job for job in reversed(list(contexts.layout.jobs()))}
    known: Trials = load_trials(out)
    trials: Trials = {}
    report = Reporter(Phase.CHECK, len(first_of_kind), progress, cancel)
    shared = contexts.shared_key()
    for code, job in first_of_kind.items():
        key = trial_key(sources[code], shared)
        if code in known and known[code][0] == key:
            trials[code] = known[code]
        else:
            parts = contexts.parts(job)
            renderer = generation.renderer if keep else Renderer()
            data = renderer.render(sources[code], {**parts.shared, **parts.own})
            found = check_document(io.BytesIO(data), name=job.path.name)
            trials[code] = (key, [f"Mẫu {sources[code].name}: {v.message}"
                                  for v in found.violations])
            del renderer, data, found
            # python-docx's objects (of the trial and of its check) form cycles: each trial's
            # are freed before the next one is made, not all kept until a collection (6 MB).
            gc.collect()
        report.step(sources[code].name)
    generation.format_warnings = [warning for _, found_warnings in trials.values()
                                  for warning in found_warnings]
    generation.trials = trials
    return generation



def trial_key(template: Template, shared: str) -> str:
    """What a trial's result depends on: the program, the template and what the plan's
    documents share (:meth:`~mttq_docs.context.ContextBuilder.shared_key`), not the values of
    the sample's points: a changed row calls for no new trial (its format warnings come from
    the template), a changed template or setting does."""
    return folder_memo.digest([__version__, folder_memo.program_digest(), template.digest,
                               shared])


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
             jobs: int | None = None, cancel: CancelToken | None = None) -> GenerateResult:
    """Validate ``workbook`` and bring ``out`` in line with it.

    Nothing is written when the workbook has errors or a template cannot be rendered.
    """
    generation = prepare(workbook, templates=templates, out=out, progress=progress,
                         cancel=cancel, jobs=jobs)
    return generation.write(out, progress, dry_run=dry_run, today=today, pdf=pdf, zips=zips,
                            jobs=jobs, cancel=cancel)


def check_templates(folder: Path = DEFAULT_TEMPLATES,
                    workbook: Path = SHIPPED_WORKBOOK) -> list[LintProblem]:
    """Lint every template of ``folder`` (the summary report's too) against what ``workbook``
    provides, rendering nothing."""
    plan = load_plan(workbook).plan
    contexts = ContextBuilder(plan)
    jobs = list(contexts.layout.jobs())
    problems: list[LintProblem] = []
    for kind in ALL_KINDS:
        path = folder / kind.template
        if not path.is_file():
            problems.append(LintProblem(kind.template, f"không có trong thư mục {folder}."))
            continue
        if kind is REPORT_KIND:
            context = report_context(plan, contexts, [], dt.date.today())
        else:
            job = next(j for j in jobs if j.kind == kind)
            context = contexts.context(job)
        problems += lint_template(path, context)
    return problems


def collect(out: Path, workbook: Path | None = None, templates: Path = DEFAULT_TEMPLATES, *,
            today: dt.date | None = None, progress: Progress | None = None,
            cancel: CancelToken | None = None) -> CollectResult:
    """Read the returned drafts under ``out``; write the tracking workbook and summary report.

    The plan is read from the workbook that made ``out`` (noted there by :func:`generate`),
    unless ``workbook`` says otherwise; a workbook changed since, or another one, is said in
    the result's warnings. The folder's record is held while it runs, so it never writes
    beside a ``generate``.
    """
    made_by = plan_of(out)
    warnings = []
    if workbook is None:
        if made_by is None:
            raise WorkFolderError(f"Thư mục {out} không ghi nhận bảng tính nào đã tạo nó (chưa "
                                  "tạo văn bản vào đây, hoặc tạo bằng phiên bản cũ).")
        workbook = made_by.workbook
        if workbook.is_file() and not made_by.matches(workbook):
            warnings.append(f"Bảng tính {workbook} đã được sửa sau lần tạo văn bản gần nhất; "
                            "các giá trị được đối chiếu với bảng tính hiện tại. Nên tạo lại văn "
                            "bản trước khi thu thập.")
    elif made_by is not None and not made_by.matches(workbook):
        warnings.append(f"Bảng tính {workbook} không phải bảng tính đã tạo thư mục {out} "
                        f"({made_by.workbook}); tên tệp của các xã có thể không khớp.")
    plan = load_plan(workbook).plan
    sources = load_templates(templates)
    remembered = remembered_in(out)
    with Manifest.open(out) as manifest:
        result = collect_drafts(out, plan, sources, manifest, today=today, progress=progress,
                                cancel=cancel, remembered=remembered)
    result.workbook = workbook
    result.warnings[:0] = warnings
    return result


def apply_proposals(workbook: Path, proposals: list[Proposal],
                    today: dt.date | None = None) -> Applied:
    """Write the conference dates and venues communes reported (``collect``'s proposals)
    into ``workbook``, keeping a copy of it as it was beside it."""
    return writeback.apply_proposals(workbook, proposals, today or dt.date.today())


def check(paths: list[Path]) -> list[FileReport]:
    """Check the official format of every ``.docx`` named or found under ``paths``."""
    return check_paths(paths)


def init(folder: Path, *, with_templates: bool = False, overwrite: bool = False,
         example: str = "2017") -> WorkFolder:
    """Make ``folder`` a work folder (:mod:`mttq_docs.workfolder`): a shipped workbook
    (``example``: ``2017``, or ``2026`` for the two-level example) named for the folder, a note with the next commands and, with ``with_templates``, a copy of the
    templates. Files already there are kept (:class:`~mttq_docs.errors.AlreadyExists`) unless
    ``overwrite``."""
    return create(folder, with_templates=with_templates, overwrite=overwrite, example=example)
