"""Benchmark: the plain docxtpl loop against `mttq-docs generate`, on a synthetic plan.

    python benchmarks/bench.py --points 1000 [--sample 200] [--jobs N] [--rounds 3]
                               [--levels 2] [--verify] [--pdf-documents 1000]

The machine it runs on may be shared, so the benchmark is built to tell the truth under load:

* per core: (a) the plain docxtpl loop (open the template, render, save, per document) over a
  sample of the same documents and contexts, and (b) `generate --jobs 1` end to end on a
  fresh folder (start-up, validation, trials, rendering, record, writing) are run
  *interleaved*, ``--rounds`` times each, so that a change of load hits both. Reported in CPU
  time per document (user + system, of every process: what the work costs, whatever else
  runs) and in wall time; the **per-core ratio** is (a)/(b) in CPU time;
* on ``--jobs`` cores: the plain loop run by as many processes, interleaved with `generate
  --jobs N`, in wall time (what a user waits), with the peak memory of the main process and of
  the largest process of each run;
* then re-runs of `generate --jobs N`: workbook unchanged, then one row changed;
* the load (``os.getloadavg``) before and after each measurement, so a figure taken on a busy
  machine is known as such;
* every measured run writes new files into a folder of its own, and nothing is deleted until
  the measurements are over: the disk is flushed (``os.sync``) before each one. On ext4, files
  created just after thousands were deleted cost several times the system time (the allocator
  looks at each recently freed inode), and the deletion's and the previous run's pending
  writes ran on the other core meanwhile; an earlier version deleted the previous run's folder
  right before each `generate` while the plain loop overwrote its own files, which charged
  `generate` 0.3 ms per document of the benchmark's own making.

``--verify`` renders every document of the plan with the plain docxtpl loop and compares it,
part by part, with what `generate` wrote (fill-in fields inserted in the body): the fast
path's proof of byte-identity on the whole plan. ``--pdf-documents N`` measures `generate
--pdf` on about N documents with one LibreOffice process (``--jobs 1``) and with ``--jobs``
processes (slow: LibreOffice converts a few documents a second).
"""

from __future__ import annotations

import argparse
import compileall
import io
import multiprocessing
import os
import platform
import resource
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
import zipfile
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import openpyxl
from docxtpl import DocxTemplate

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from benchmarks.make_workbook import build  # noqa: E402
from mttq_docs import api  # noqa: E402
from mttq_docs.context import build_context  # noqa: E402
from mttq_docs.documents import plan_jobs  # noqa: E402
from mttq_docs.fields import insert_fields  # noqa: E402
from mttq_docs.render import make_environment  # noqa: E402
from mttq_docs.validation import load_plan  # noqa: E402

DOCUMENTS_PER_POINT = 8.2
"""About how many documents a point of a three-level plan makes (8 171 for 1 000 points)."""


@dataclass
class Run:
    """One `mttq-docs generate`: wall and CPU seconds (all its processes), its summary line,
    peak memory (MB) of its main process and of its largest process."""

    seconds: float
    cpu: float
    summary: str
    main_mb: float
    largest_mb: float


def children_cpu() -> float:
    usage = resource.getrusage(resource.RUSAGE_CHILDREN)
    return usage.ru_utime + usage.ru_stime


def load() -> float:
    return os.getloadavg()[0]


def run_generate(workbook: Path, out: Path, jobs: int, *extra: str) -> Run:
    """One `mttq-docs generate` of this checkout (PYTHONPATH set to it), measured from a
    small process (``benchmarks/peak.py``: see there why) with its main process's own peak
    (``benchmarks/own_peak.py``)."""
    env = {**os.environ, "PYTHONPATH": os.pathsep.join(
        [str(ROOT), *filter(None, [os.environ.get("PYTHONPATH")])])}
    with tempfile.TemporaryDirectory() as scratch:
        largest, main = Path(scratch) / "peak", Path(scratch) / "main"
        cpu, start = children_cpu(), time.perf_counter()
        done = subprocess.run([sys.executable, str(ROOT / "benchmarks" / "peak.py"),
                               str(largest), sys.executable,
                               str(ROOT / "benchmarks" / "own_peak.py"), str(main), "-m",
                               "mttq_docs", "generate", "--input", str(workbook), "--out",
                               str(out), "--jobs", str(jobs), *extra],
                              capture_output=True, text=True, cwd=ROOT, env=env)
        seconds, cpu = time.perf_counter() - start, children_cpu() - cpu
        if done.returncode:
            raise SystemExit(f"generate failed ({done.returncode}):\n{done.stderr[-3000:]}")
        return Run(seconds, cpu, done.stdout.strip().splitlines()[0],
                   int(main.read_text()) / 1024, int(largest.read_text()) / 1024)


def sample_contexts(workbook: Path, sample: int) -> list[tuple[str, dict[str, Any]]]:
    """(template file, context) of ``sample`` documents spread over the plan."""
    plan = load_plan(workbook).plan
    jobs = plan_jobs(plan)
    step = max(1, len(jobs) // sample)
    return [(job.kind.template, build_context(plan, job)) for job in jobs[::step][:sample]]


def plain_loop(contexts: list[tuple[str, dict[str, Any]]], folder: Path) -> tuple[float, float]:
    """Wall and CPU seconds per document of the loop most docxtpl scripts run (after one
    document not counted: the first of a process imports and compiles what the others use)."""
    folder.mkdir(parents=True, exist_ok=True)
    template = DocxTemplate(api.DEFAULT_TEMPLATES / contexts[0][0])
    template.render(contexts[0][1], jinja_env=make_environment(), autoescape=True)
    template.save(io.BytesIO())
    start, cpu = time.perf_counter(), time.process_time()
    for index, (template_name, context) in enumerate(contexts):
        template = DocxTemplate(api.DEFAULT_TEMPLATES / template_name)
        template.render(context, jinja_env=make_environment(), autoescape=True)
        template.save(folder / f"{index}.docx")
    count = len(contexts)
    return (time.perf_counter() - start) / count, (time.process_time() - cpu) / count


_SHARE: list[Any] = []  # the benchmark's own worker processes: their share of the sample


def _plain_setup(workbook: Path, sample: int, processes: int, index: int, folder: Path) -> None:
    _SHARE[:] = [sample_contexts(workbook, sample)[index::processes], folder / str(index)]


def _plain_share(_: int) -> tuple[float, float]:
    contexts, folder = _SHARE
    wall, cpu = plain_loop(contexts, folder)
    return wall * len(contexts), cpu * len(contexts)


def plain_loop_processes(workbook: Path, sample: int, processes: int, folder: Path
                         ) -> tuple[float, float]:
    """Wall and CPU seconds per document of the plain loop shared among ``processes``
    processes (each started and given its contexts before the clock starts)."""
    context = multiprocessing.get_context("spawn")
    pools = [context.Pool(1, _plain_setup, (workbook, sample, processes, index, folder))
             for index in range(processes)]
    try:
        for pool in pools:  # wait until each has built its contexts
            pool.apply(time.sleep, (0,))
        start = time.perf_counter()
        results = [pool.apply_async(_plain_share, (0,)) for pool in pools]
        shares = [result.get() for result in results]
        wall = time.perf_counter() - start
    finally:
        for pool in pools:
            pool.close()
            pool.join()
    return wall / sample, sum(cpu for _, cpu in shares) / sample


def change_one_row(workbook: Path) -> None:
    book = openpyxl.load_workbook(workbook)
    sheet = book["Phân công"]
    venue = next(cell.column for cell in sheet[1] if cell.value == "Địa điểm")
    sheet.cell(2, venue).value = "Hội trường Ủy ban nhân dân xã"
    book.save(workbook)


def verify(workbook: Path, out: Path, processes: int) -> tuple[int, list[str]]:
    """Compare every document under ``out`` with the plain docxtpl loop's, part by part."""
    generation = api.prepare(workbook, out=out)
    jobs = [(str(job.path), job.kind.template) for job in generation.jobs()]
    context = multiprocessing.get_context("spawn")
    with context.Pool(processes, _verify_setup, (workbook, out)) as pool:
        shares = pool.map(_verify_share, [jobs[index::processes] for index in range(processes)])
    return len(jobs), [problem for share in shares for problem in share]


_VERIFY: list[Any] = []  # the benchmark's own worker processes: the plan being verified


def _verify_setup(workbook: Path, out: Path) -> None:
    generation = api.prepare(workbook, out=out)
    _VERIFY[:] = [generation, out]


def _verify_share(share: list[tuple[str, str]]) -> list[str]:
    generation, out = _VERIFY
    wanted = dict(share)
    problems = []
    for job in generation.jobs():
        if str(job.path) not in wanted:
            continue
        context = generation.contexts.context(job)
        template = DocxTemplate(api.DEFAULT_TEMPLATES / job.kind.template)
        template.render(context, jinja_env=make_environment(), autoescape=True)
        buffer = io.BytesIO()
        template.save(buffer)
        plain = zipfile.ZipFile(buffer)
        ours = zipfile.ZipFile(out / job.path)
        if sorted(plain.namelist()) != sorted(ours.namelist()):
            problems.append(f"{job.path}: parts differ")
            continue
        for part in plain.namelist():
            expected = plain.read(part)
            if part == "word/document.xml":
                expected = insert_fields(expected)
            if ours.read(part) != expected:
                problems.append(f"{job.path}: {part} differs")
    return problems


def measured(label: str, function: Callable[[], Any], loads: list[float]) -> Any:
    os.sync()  # the previous measurement's writes reach the disk before this one starts
    loads.append(load())
    result = function()
    loads.append(load())
    print(f"  {label} (load {loads[-2]:.1f} → {loads[-1]:.1f})", flush=True)
    return result


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--points", type=int, default=1000)
    parser.add_argument("--sample", type=int, default=200,
                        help="documents rendered by the plain docxtpl loop")
    parser.add_argument("--jobs", type=int, default=os.cpu_count() or 1)
    parser.add_argument("--rounds", type=int, default=3,
                        help="times each measurement is repeated, interleaved")
    parser.add_argument("--levels", type=int, choices=(2, 3), default=3,
                        help="3: province, districts, communes (2017); 2: province, communes")
    parser.add_argument("--verify", action="store_true",
                        help="compare every document with the plain docxtpl loop's")
    parser.add_argument("--pdf-documents", type=int, default=0, metavar="N",
                        help="also measure --pdf on about N documents, 1 vs --jobs processes")
    parser.add_argument("--skip-per-core", action="store_true",
                        help="skip the per-core rounds (generate --jobs 1)")
    parser.add_argument("--pdf-only", action="store_true",
                        help="measure only --pdf (with --pdf-documents)")
    args = parser.parse_args()
    if args.pdf_only:
        with tempfile.TemporaryDirectory(prefix="mttq-bench-") as work_name:
            before = load()
            one, parallel, count = pdf_speed(Path(work_name), args.pdf_documents or 1000,
                                             args.jobs)
            print(f"--pdf on {count} documents: 1 LibreOffice process {one:.1f} s, {args.jobs} "
                  f"processes {parallel:.1f} s: {one / parallel:.2f}x (load {before:.1f} → "
                  f"{load():.1f})")
        return
    # An installed mttq-docs runs from bytecode compiled when it was installed (pip does
    # it); this checkout's modules are compiled once here, as the environment may keep
    # Python from writing them (PYTHONDONTWRITEBYTECODE), which would charge every measured
    # start with compiling the whole package (0.1 s of a re-run).
    compileall.compile_dir(ROOT / "mttq_docs", quiet=1)
    loads: list[float] = []
    print(f"machine: {platform.processor() or platform.machine()}, {os.cpu_count()} cores, "
          f"Python {platform.python_version()}; load at start {os.getloadavg()}", flush=True)
    with tempfile.TemporaryDirectory(prefix="mttq-bench-") as work_name:
        work = Path(work_name)
        workbook = work / "plan.xlsx"
        build(args.points, workbook, levels=args.levels)
        contexts = sample_contexts(workbook, args.sample)
        plain: list[tuple[float, float]] = []
        single: list[Run] = []
        if not args.skip_per_core:
            print("per core, interleaved:", flush=True)
        for round_ in range(0 if args.skip_per_core else args.rounds):
            plain.append(measured(f"round {round_ + 1}: (a) plain loop", lambda: plain_loop(
                contexts, work / f"plain-{round_}"), loads))
            single.append(measured(f"round {round_ + 1}: (b) generate --jobs 1", lambda:
                                   run_generate(workbook, work / f"single-{round_}", 1), loads))
        print(f"on {args.jobs} cores, interleaved:", flush=True)
        plain_n: list[tuple[float, float]] = []
        many: list[Run] = []
        out = work / "out-0"
        for round_ in range(args.rounds):
            plain_n.append(measured(f"round {round_ + 1}: plain loop, {args.jobs} processes",
                                    lambda: plain_loop_processes(
                                        workbook, args.sample, args.jobs,
                                        work / f"plain-n-{round_}"), loads))
            out = work / f"out-{round_}"  # a first run each time
            many.append(measured(f"round {round_ + 1}: generate --jobs {args.jobs}", lambda:
                                 run_generate(workbook, out, args.jobs), loads))
        documents = sum(1 for _ in out.rglob("*.docx"))
        problems: list[str] | None = None
        if args.verify:
            checked, problems = measured("verify against plain docxtpl", lambda: verify(
                workbook, out, args.jobs), loads)
        unchanged = measured("re-run, unchanged", lambda: run_generate(
            workbook, out, args.jobs), loads)
        change_one_row(workbook)
        changed = measured("re-run, one row changed", lambda: run_generate(
            workbook, out, args.jobs), loads)
        pdf: tuple[float, float, int] | None = None
        if args.pdf_documents:
            pdf = measured("--pdf, 1 and N processes", lambda: pdf_speed(
                work, args.pdf_documents, args.jobs), loads)
    ms = 1000
    print(f"\npoints: {args.points} ({args.levels} levels); documents: {documents}; load "
          f"(1 min) during the measurements {min(loads):.1f}–{max(loads):.1f}")
    if single:
        plain_wall = statistics.median(w for w, _ in plain)
        plain_cpu = statistics.median(c for _, c in plain)
        ours_wall = statistics.median(r.seconds for r in single) / documents
        ours_cpu = statistics.median(r.cpu for r in single) / documents
        print(f"(a) plain docxtpl loop, 1 process ({args.sample} documents, median of "
              f"{len(plain)}): CPU {plain_cpu * ms:.2f} ms/doc, wall {plain_wall * ms:.2f} ms/doc")
        print(f"(b) generate --jobs 1, end to end (median of {len(single)}): CPU "
              f"{ours_cpu * ms:.2f} ms/doc, wall {ours_wall * ms:.2f} ms/doc "
              f"({statistics.median(r.seconds for r in single):.1f} s)")
        print(f"PER-CORE RATIO (a)/(b) in CPU time: {plain_cpu / ours_cpu:.1f}x "
              f"(in wall time: {plain_wall / ours_wall:.1f}x); rounds: " + ", ".join(
                  f"{p[1] / (r.cpu / documents):.1f}x" for p, r in zip(plain, single)))
    plain_n_wall = statistics.median(w for w, _ in plain_n)
    many_wall = statistics.median(r.seconds for r in many)
    many_cpu = statistics.median(r.cpu for r in many) / documents
    print(f"plain loop, {args.jobs} processes: wall {plain_n_wall * ms:.2f} ms/doc; generate "
          f"--jobs {args.jobs}: wall {many_wall / documents * ms:.2f} ms/doc "
          f"({many_wall:.1f} s; each run: " + ", ".join(f"{r.seconds:.1f} s" for r in many)
          + f"), CPU {many_cpu * ms:.2f} ms/doc")
    print(f"on {args.jobs} cores, wall: generate is {plain_n_wall * documents / many_wall:.1f}x "
          f"the plain loop on {args.jobs} processes")
    print(f"first runs, peak memory: main process " + ", ".join(
        f"{r.main_mb:.0f}" for r in many) + " MB; largest process " + ", ".join(
        f"{r.largest_mb:.0f}" for r in many) + " MB")
    print(f"re-run, workbook unchanged: {unchanged.seconds:.1f} s, main {unchanged.main_mb:.0f}"
          f" MB, largest {unchanged.largest_mb:.0f} MB")
    print(f"re-run after one row changed: {changed.seconds:.1f} s, main {changed.main_mb:.0f} "
          f"MB, largest {changed.largest_mb:.0f} MB ({changed.summary})")
    if problems is not None:
        print(f"verify: {checked} documents compared with plain docxtpl, "
              f"{len(problems)} differ" + (": " + "; ".join(problems[:10]) if problems else ""))
    if pdf is not None:
        one, parallel, count = pdf
        print(f"--pdf on {count} documents: 1 LibreOffice process {one:.1f} s, {args.jobs} "
              f"processes {parallel:.1f} s: {one / parallel:.2f}x")


def pdf_speed(work: Path, documents: int, jobs: int) -> tuple[float, float, int]:
    """Seconds of `generate --pdf` with one LibreOffice process and with ``jobs``, on the
    same documents (written first, so that only the PDFs are made), and their number."""
    workbook = work / "pdf.xlsx"
    build(max(1, round(documents / DOCUMENTS_PER_POINT)), workbook)
    run_generate(workbook, work / "pdf1", jobs)
    shutil.copytree(work / "pdf1", work / "pdfN")
    count = sum(1 for _ in (work / "pdf1").rglob("*.docx"))
    one = run_generate(workbook, work / "pdf1", 1, "--pdf").seconds
    parallel = run_generate(workbook, work / "pdfN", jobs, "--pdf").seconds
    for folder in ("pdf1", "pdfN"):  # every document has its PDF, or the figure means nothing
        pdfs = sum(1 for _ in (work / folder).rglob("*.pdf"))
        if pdfs < count:
            raise SystemExit(f"--pdf made {pdfs} PDFs for {count} documents in {folder}")
    return one, parallel, count


if __name__ == "__main__":
    main()
