"""The ``mttq-docs`` command: a thin layer over :mod:`mttq_docs.api`.

Commands turn their options into paths, call one library function and print its result.
Errors of the user's input are :class:`~mttq_docs.errors.MttqError` (a ClickException): click
prints the message and exits 1, with no traceback.
"""

from __future__ import annotations

import logging
import sys
from pathlib import Path

import click

from . import api
from .errors import Problem

_PATH = click.Path(path_type=Path)
_EXISTING_FILE = click.Path(path_type=Path, exists=False, dir_okay=False)


def _configure_output(verbose: bool) -> None:
    # Vietnamese must print on a Windows console whatever its code page.
    for stream in (sys.stdout, sys.stderr):
        if hasattr(stream, "reconfigure"):
            stream.reconfigure(errors="replace")
    logging.basicConfig(level=logging.DEBUG if verbose else logging.WARNING,
                        format="%(levelname)s %(name)s: %(message)s")


@click.group(context_settings={"help_option_names": ["-h", "--help"]})
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


@main.command()
@click.option("--input", "-i", "workbook", type=_EXISTING_FILE, default=api.SHIPPED_WORKBOOK,
              show_default=True, help="Bảng tính kế hoạch (.xlsx).")
@click.option("--out", "-o", type=_PATH, default=api.DEFAULT_OUTPUT, show_default=True,
              help="Thư mục ghi văn bản.")
@click.option("--templates", "-t", type=click.Path(path_type=Path, file_okay=False, exists=True),
              default=api.DEFAULT_TEMPLATES, show_default=True, help="Thư mục mẫu văn bản .docx.")
def generate(workbook: Path, out: Path, templates: Path) -> None:
    """Kiểm tra bảng tính rồi tạo văn bản cho tỉnh và mọi huyện."""
    generation = api.prepare(workbook, templates=templates)
    _echo_warnings(generation.loaded.warnings)
    with click.progressbar(length=len(generation.jobs), label="Đang tạo văn bản",
                           file=sys.stderr,
                           item_show_func=lambda job: str(job.path) if job else "") as bar:
        result = generation.write(out, progress=lambda job: bar.update(1, job))
    if result.format_warnings:
        click.echo("Mẫu văn bản sai thể thức (sửa mẫu trong thư mục mẫu):", err=True)
        for warning in result.format_warnings:
            click.echo(f"  - {warning}", err=True)
    counts = result.count_by_folder()
    districts = len(counts) - (1 if "tinh" in counts else 0)
    click.echo(f"Đã tạo {len(result.written)} văn bản trong {out}: "
               f"tinh/ ({counts.get('tinh', 0)}), {districts} thư mục huyện.")


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
