"""The ``mttq-docs`` command: a thin layer over :mod:`mttq_docs.api`.

Commands turn their options into paths, call one library function and print its result.
Errors of the user's input are :class:`~mttq_docs.errors.MttqError`: the command line prints
the message (with advice that names its own options, by the error's code) and exits 1, with
no traceback.
"""

from __future__ import annotations

import contextlib
import gc
import logging
import sys
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import click

from . import api
from .errors import ErrorCode, MttqError, Problem
from .packets import PacketResult
from .progress import Phase, ProgressEvent

_PATH = click.Path(path_type=Path)
_EXISTING_FILE = click.Path(path_type=Path, exists=False, dir_okay=False)


def _configure_output(verbose: bool) -> None:
    # Vietnamese must print on a Windows console whatever its code page.
    for stream in (sys.stdout, sys.stderr):
        if hasattr(stream, "reconfigure"):
            stream.reconfigure(errors="replace")
    logging.basicConfig(level=logging.DEBUG if verbose else logging.WARNING,
                        format="%(levelname)s %(name)s: %(message)s")


# Advice that names the command line's own options, added to a library error's message.
ADVICE = {
    ErrorCode.ALREADY_EXISTS: "Hãy chọn thư mục khác, hoặc dùng --force để ghi đè.",
}


@contextlib.contextmanager
def fewer_collections() -> Iterator[None]:
    """Run Python's cycle collector less often while a command runs (in this process only).

    It walks the young objects each time 700 more are allocated, and every live object now and
    then; reading a national plan and checking its 80 000 files allocates millions of small
    objects that form no cycles (cells, rows, jobs, records), and the walks cost a fifth of a
    run. The collector still runs, every 100 000 allocations. A library caller (a web server)
    keeps its own settings: only the command line changes them.
    """
    previous = gc.get_threshold()
    gc.set_threshold(100_000, 20, 20)
    try:
        yield
    finally:
        gc.set_threshold(*previous)


class _Group(click.Group):
    """Runs every command with fewer collections, and turns the library's errors into a
    message and exit status 1."""

    def invoke(self, ctx: click.Context) -> Any:
        try:
            with fewer_collections():
                return super().invoke(ctx)
        except MttqError as err:
            advice = ADVICE.get(err.code)
            raise click.ClickException(f"{err.message} {advice}" if advice else err.message
                                       ) from err


@click.group(cls=_Group, context_settings={"help_option_names": ["-h", "--help"]})
@click.option("-v", "--verbose", is_flag=True, help="In thêm thông tin chẩn đoán.")
@click.version_option(package_name="mttq-docs")
def main(verbose: bool) -> None:
    """Sinh bộ văn bản của kế hoạch MTTQ (kế hoạch, báo cáo, khánh tiết, giấy mời) từ một
    bảng tính Excel, cho tỉnh và từng huyện, xã."""
    _configure_output(verbose)


def _echo_warnings(warnings: list[Problem]) -> None:
    if warnings:
        click.echo(f"Lưu ý ({len(warnings)}):", err=True)
        for warning in warnings:
            click.echo(f"  - {warning}", err=True)


@main.command()
@click.option("--input", "-i", "workbook", type=_EXISTING_FILE, default=api.SHIPPED_WORKBOOK,
              show_default=True, help="Bảng tính kế hoạch (.xlsx).")
def validate(workbook: Path) -> None:
    """Kiểm tra bảng tính: liệt kê mọi lỗi và lưu ý; thoát mã 1 nếu có lỗi."""
    result = api.validate(workbook)
    _echo_warnings(result.warnings)
    plan = result.plan
    click.echo(f"Bảng tính hợp lệ: {len(plan.models)} mô hình, {len(plan.points)} điểm ở "
               f"{len(plan.districts)} huyện.")


STATUS_WORDS = {
    "create": "tạo mới", "recreate": "tạo lại (tệp đã bị xóa)", "update": "cập nhật",
    "unchanged": "giữ nguyên", "edited": "đã sửa tay, giữ nguyên",
    "beside": "đã sửa tay, bản mới ghi bên cạnh", "archive": "chuyển vào lưu trữ",
}


@main.command()
@click.option("--input", "-i", "workbook", type=_EXISTING_FILE, default=api.SHIPPED_WORKBOOK,
              show_default=True, help="Bảng tính kế hoạch (.xlsx).")
@click.option("--out", "-o", type=_PATH, default=api.DEFAULT_OUTPUT, show_default=True,
              help="Thư mục ghi văn bản.")
@click.option("--templates", "-t", type=click.Path(path_type=Path, file_okay=False, exists=True),
              default=api.DEFAULT_TEMPLATES, show_default=True, help="Thư mục mẫu văn bản .docx.")
@click.option("--dry-run", "-n", is_flag=True,
              help="Chỉ cho biết tệp nào sẽ được tạo, cập nhật, giữ nguyên, ghi bên cạnh hoặc "
                   "chuyển vào lưu trữ; không ghi gì.")
@click.option("--pdf", is_flag=True,
              help="Tạo thêm bản PDF cạnh mỗi văn bản (cần LibreOffice).")
@click.option("--zip", "zips", is_flag=True,
              help="Đóng gói mỗi thư mục huyện (và tinh) thành một tệp .zip để gửi.")
@click.option("--jobs", "-j", type=click.IntRange(min=1), default=None,
              help="Số tiến trình tạo văn bản song song (mặc định: bằng số nhân CPU).")
def generate(workbook: Path, out: Path, templates: Path, dry_run: bool, pdf: bool,
             zips: bool, jobs: int | None) -> None:
    """Kiểm tra bảng tính rồi tạo, cập nhật văn bản cho tỉnh và mọi huyện.

    Chạy lại sau khi sửa bảng tính: tệp không đổi được giữ nguyên; tệp cán bộ đã sửa tay
    không bao giờ bị ghi đè (bản mới được ghi bên cạnh, tên có đuôi .moi-NGÀY); văn bản của
    điểm đã bỏ khỏi kế hoạch được chuyển vào thư mục _luu_tru, không bị xóa.
    """
    generation = api.prepare(workbook, templates=templates, out=out)
    _echo_warnings(generation.loaded.warnings)
    if generation.format_warnings:
        click.echo("Mẫu văn bản sai thể thức (sửa mẫu trong thư mục mẫu):", err=True)
        for warning in generation.format_warnings:
            click.echo(f"  - {warning}", err=True)
    label = "Đang kiểm tra (không ghi)" if dry_run else "Đang tạo văn bản"
    if pdf and not dry_run:
        click.echo("Sau khi ghi văn bản, LibreOffice sẽ chuyển chúng sang PDF (có thể mất vài "
                   "phút).", err=True)
    # Drawn about a thousand times in all: a national plan has 80 000 documents, and a
    # terminal redrawn for each one slows the run.
    bar: Any
    with click.progressbar(length=generation.job_count, label=label, file=sys.stderr,
                           update_min_steps=max(1, generation.job_count // 1000),
                           item_show_func=lambda e: e.item if e else "") as bar:

        def progress(event: ProgressEvent) -> None:
            if event.phase is Phase.WRITE:
                bar.update(1, event)

        result = generation.write(out, progress=progress, dry_run=dry_run, pdf=pdf, zips=zips,
                                  jobs=jobs)
    _echo_summary(result)
    if result.packets:
        _echo_packets(result.packets, result.dry_run)


def _echo_summary(result: api.GenerateResult) -> None:
    if result.dry_run:
        for outcome in result.outcomes:
            target = f" → {outcome.moved_to}" if outcome.moved_to else ""
            click.echo(f"  {STATUS_WORDS[outcome.status]:<32} {outcome.path}{target}")
        if result.tally.left_out:
            click.echo(f"  … và {result.tally.left_out} tệp khác (xem số đếm dưới đây).")
    counts = result.counts()
    head = "Sẽ" if result.dry_run else "Đã"
    parts = [f"{counts[s]} {STATUS_WORDS[s]}" for s in STATUS_WORDS if counts[s]]
    click.echo(f"{head} xử lý {result.document_count} văn bản trong {result.out}: "
               f"{'; '.join(parts)}.")
    if result.conflicts:
        click.echo("Văn bản đã được sửa tay, bản mới ghi bên cạnh (hãy so sánh và chép phần "
                   "cần thiết):")
        for outcome in result.conflicts:
            click.echo(f"  - {outcome.label}: {outcome.path} → {outcome.moved_to}")
        if counts["beside"] > len(result.conflicts):
            click.echo(f"  … và {counts['beside'] - len(result.conflicts)} văn bản khác.")
    if result.dry_run:
        click.echo("Chạy thử: chưa ghi tệp nào.")


def _echo_packets(packets: PacketResult, dry_run: bool) -> None:
    verb = "sẽ tạo" if dry_run else "đã tạo"
    if packets.pdf_error:
        click.echo(packets.pdf_error, err=True)
    elif packets.pdf_made or packets.pdf_unchanged:
        click.echo(f"PDF: {verb} {len(packets.pdf_made)}, giữ nguyên {packets.pdf_unchanged}"
                   + (f", chuyển lưu trữ {len(packets.pdf_archived)}"
                      if packets.pdf_archived else "") + ".")
    if packets.zip_made or packets.zip_unchanged:
        click.echo(f"Tệp zip: {verb} {len(packets.zip_made)}, giữ nguyên "
                   f"{packets.zip_unchanged}.")


@main.command()
@click.argument("folder", type=_PATH, default=Path("."))
@click.option("--force", is_flag=True, help="Ghi đè nếu tệp đã có.")
def init(folder: Path, force: bool) -> None:
    """Chép bảng tính mẫu (kế hoạch năm 2017) vào FOLDER để bắt đầu."""
    target = api.init(folder, overwrite=force)
    click.echo(f"Đã tạo {target}. Sửa bảng tính rồi chạy: mttq-docs generate --input {target}")


@main.command()
@click.argument("paths", nargs=-1, required=True,
                type=click.Path(path_type=Path, exists=True))
@click.option("--quiet", "-q", is_flag=True, help="Chỉ in các tệp có lỗi.")
def check(paths: tuple[Path, ...], quiet: bool) -> None:
    """Kiểm tra thể thức văn bản (.docx) theo Nghị định 30/2020/NĐ-CP.

    PATHS là tệp hoặc thư mục (tìm mọi .docx bên trong). Thoát mã 1 nếu có lỗi.
    """
    reports = api.check(list(paths))
    if not reports:
        raise click.ClickException("Không tìm thấy tệp .docx nào.")
    for report in reports:
        if report.ok:
            if not quiet:
                click.echo(f"ĐẠT   {report.path}")
            continue
        click.echo(f"LỖI   {report.path} ({report.kind})")
        for violation in report.violations:
            click.echo(f"      - {violation.message}")
    failed = sum(not r.ok for r in reports)
    click.echo(f"{len(reports)} tệp, {len(reports) - failed} đạt, {failed} có lỗi thể thức.")
    if failed:
        sys.exit(1)


@main.group()
def templates() -> None:
    """Làm việc với thư mục mẫu văn bản (.docx)."""


@templates.command("check")
@click.argument("folder", type=click.Path(path_type=Path, file_okay=False, exists=True),
                default=api.DEFAULT_TEMPLATES)
@click.option("--input", "-i", "workbook", type=_EXISTING_FILE, default=api.SHIPPED_WORKBOOK,
              show_default=True, help="Bảng tính cho biết các biến mà mẫu được dùng.")
def templates_check(folder: Path, workbook: Path) -> None:
    """Kiểm tra mẫu trong FOLDER mà không tạo văn bản: cú pháp thẻ, thẻ bị tách hoặc chưa
    đóng, dấu nháy cong, biến không có. Thoát mã 1 nếu có lỗi."""
    problems = api.check_templates(folder, workbook)
    for problem in problems:
        prefix = "LỖI  " if problem.level == "error" else "LƯU Ý"
        click.echo(f"{prefix} {problem}")
    errors = sum(p.level == "error" for p in problems)
    click.echo(f"{len(api.KINDS)} mẫu trong {folder}: {errors} lỗi, "
               f"{len(problems) - errors} lưu ý.")
    if errors:
        sys.exit(1)


@main.command()
@click.option("--out", "-o", type=click.Path(path_type=Path, file_okay=False, exists=True),
              default=api.DEFAULT_OUTPUT, show_default=True,
              help="Thư mục văn bản (nơi chép các bản xã đã điền).")
@click.option("--input", "-i", "workbook", type=_EXISTING_FILE, default=api.SHIPPED_WORKBOOK,
              show_default=True, help="Bảng tính kế hoạch (.xlsx).")
@click.option("--templates", "-t", type=click.Path(path_type=Path, file_okay=False, exists=True),
              default=api.DEFAULT_TEMPLATES, show_default=True, help="Thư mục mẫu văn bản .docx.")
def collect(out: Path, workbook: Path, templates: Path) -> None:
    """Đọc các văn bản xã đã điền, ghi bảng theo dõi tiến độ và báo cáo tổng hợp vào tinh/."""
    result = api.collect(out, workbook, templates)
    click.echo(f"Bảng theo dõi: {result.tracking}")
    click.echo(f"Báo cáo tổng hợp: {result.report}")
    for path, reason in result.unreadable:
        click.echo(f"  Không đọc được {path}: {reason}", err=True)
    total = len(result.points)
    started = sum(p.percent > 0 for p in result.points)
    click.echo(f"{result.complete}/{total} điểm hoàn thành; {started} điểm đã điền một phần; "
               f"{len(result.unreadable)} tệp không đọc được.")
