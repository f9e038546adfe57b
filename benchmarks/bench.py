"""Benchmark: the plain docxtpl loop against `mttq-docs generate`, on a synthetic plan.

    python benchmarks/bench.py --points 1000 [--sample 200] [--jobs N]

Prints, for N points: (a) the usual docxtpl loop (open the template, render, save, per
document) over a sample of the same documents and contexts, (b) `mttq-docs generate` end to
end (validation, rendering, regeneration record, writing), (c) the floor of writing the same
bytes, then the ratio of (a) to (b), the peak memory of each run (its largest process), and
the time of a second run with the workbook unchanged, then after one row of it changed.
"""

from __future__ import annotations

import argparse
import os
import platform
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import openpyxl
from docxtpl import DocxTemplate

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from benchmarks.make_workbook import build  # noqa: E402
from mttq_docs import api  # noqa: E402
from mttq_docs.context import build_context  # noqa: E402
from mttq_docs.documents import plan_jobs  # noqa: E402
from mttq_docs.render import make_environment  # noqa: E402
from mttq_docs.validation import load_plan  # noqa: E402


def run_generate(workbook: Path, out: Path, jobs: int) -> tuple[float, str, float]:
    """Seconds, first line of output and peak memory (MB) of one `mttq-docs generate`: the
    largest of its processes, measured by ``benchmarks/peak.py`` (see there why)."""
    with tempfile.TemporaryDirectory() as scratch:
        report = Path(scratch) / "peak"
        start = time.perf_counter()
        done = subprocess.run([sys.executable, str(ROOT / "benchmarks" / "peak.py"), str(report),
                               sys.executable, "-m", "mttq_docs", "generate", "--input",
                               str(workbook), "--out", str(out), "--jobs", str(jobs)],
                              capture_output=True, text=True, check=True)
        seconds = time.perf_counter() - start
        peak_mb = int(report.read_text()) / 1024
    return seconds, done.stdout.strip().splitlines()[0], peak_mb


def plain_docxtpl(workbook: Path, sample: int, folder: Path) -> float:
    """Seconds per document of the loop most docxtpl scripts run."""
    plan = load_plan(workbook).plan
    jobs = plan_jobs(plan)
    step = max(1, len(jobs) // sample)
    chosen = jobs[::step][:sample]
    contexts = [(job, build_context(plan, job)) for job in chosen]
    start = time.perf_counter()
    for index, (job, context) in enumerate(contexts):
        template = DocxTemplate(api.DEFAULT_TEMPLATES / job.kind.template)
        template.render(context, jinja_env=make_environment(), autoescape=True)
        template.save(folder / f"{index}.docx")
    return (time.perf_counter() - start) / len(contexts)


def write_floor(out: Path, folder: Path) -> float:
    """Seconds per document to write the same bytes, and nothing else."""
    files = [(p, p.read_bytes()) for p in out.rglob("*.docx")]
    start = time.perf_counter()
    for index, (_, data) in enumerate(files):
        (folder / f"{index}.docx").write_bytes(data)
    seconds = (time.perf_counter() - start) / len(files)
    os.sync()  # so that writing these back to the disk does not slow the runs measured next
    return seconds


def change_one_row(workbook: Path) -> None:
    book = openpyxl.load_workbook(workbook)
    sheet = book["Phân công"]
    venue = next(cell.column for cell in sheet[1] if cell.value == "Địa điểm")
    sheet.cell(2, venue).value = "Hội trường Ủy ban nhân dân xã"
    book.save(workbook)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--points", type=int, default=1000)
    parser.add_argument("--sample", type=int, default=200,
                        help="documents rendered by the plain docxtpl loop")
    parser.add_argument("--jobs", type=int, default=os.cpu_count() or 1)
    parser.add_argument("--levels", type=int, choices=(2, 3), default=3,
                        help="3: province, districts, communes (2017); 2: province, communes")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory(prefix="mttq-bench-") as work:
        work = Path(work)
        workbook = work / "plan.xlsx"
        build(args.points, workbook, levels=args.levels)
        for name in ("plain", "floor"):
            (work / name).mkdir()
        seconds, summary, peak_mb = run_generate(workbook, work / "out", args.jobs)
        documents = len(list((work / "out").rglob("*.docx")))
        plain = plain_docxtpl(workbook, args.sample, work / "plain")
        floor = write_floor(work / "out", work / "floor")
        unchanged, _, unchanged_mb = run_generate(workbook, work / "out", args.jobs)
        change_one_row(workbook)
        incremental, incremental_summary, incremental_mb = run_generate(
            workbook, work / "out", args.jobs)
        shutil.rmtree(work / "plain")
    ours = seconds / documents
    print(f"machine: {platform.processor() or platform.machine()}, {os.cpu_count()} cores, "
          f"Python {platform.python_version()}; --jobs {args.jobs}")
    print(f"points: {args.points} ({args.levels} levels); documents: {documents}")
    print(f"(a) plain docxtpl loop ({args.sample} documents): {plain * 1000:8.1f} ms/doc "
          f"{1 / plain:8.1f} doc/s")
    print(f"(b) mttq-docs generate, end to end:     {ours * 1000:8.1f} ms/doc "
          f"{1 / ours:8.1f} doc/s  ({seconds:.1f} s in all)")
    print(f"(c) floor, writing the same bytes:      {floor * 1000:8.2f} ms/doc")
    print(f"(a)/(b): generate is {plain / ours:.1f}x the plain loop")
    print(f"peak memory (largest process): {peak_mb:.0f} MB")
    print(f"second run, workbook unchanged: {unchanged:.1f} s, peak {unchanged_mb:.0f} MB")
    print(f"run after one row changed: {incremental:.1f} s, peak {incremental_mb:.0f} MB "
          f"({incremental_summary})")


if __name__ == "__main__":
    main()
