"""The ``mttq-docs`` command: a thin layer over :mod:`mttq_docs.api`.

Commands turn their options into paths, call one library function and print its result, in
Vietnamese only (click's own words too: :mod:`mttq_docs.click_vi`). Errors of the user's input
are :class:`~mttq_docs.errors.MttqError`: the command line prints the message (with advice
that names its own options, by the error's code) and exits 1; a file the system cannot read
or write is one Vietnamese line too; tracebacks only with ``-v``. The heavy libraries
(docxtpl, python-docx, openpyxl, pandas) are imported by the commands that use them, so
``--help`` answers at once.

Where the workbook, the documents and the templates are: the options say, else the work
folder the command is run in (:mod:`mttq_docs.workfolder`), else a one-line error saying what
to do.
"""

from __future__ import annotations

import contextlib
import gc
import logging
import sys
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import TYPE_CHECKING, Any, TypeVar

import click

from . import __version__, click_vi
from .errors import (
    ErrorCode, MttqError, Problem, WorkbookError, WorkFolderError, system_message,
)
from .progress import Phase, ProgressEvent
from .workfolder import DOCUMENTS, WorkFolder

if TYPE_CHECKING:
    from .api import GenerateResult
    from .packets import PacketResult

click_vi.install()
logger = logging.getLogger(__name__)

# Advice that names the command line's own options, added to a library error's message.
ADVICE = {
    ErrorCode.ALREADY_EXISTS: "Hãy chọn thư mục khác, hoặc dùng --force để ghi đè.",
    ErrorCode.NO_WORK_FOLDER: "Tạo thư mục làm việc bằng: mttq-docs init TÊN_THƯ_MỤC (rồi cd "
                              "vào đó), hoặc chỉ rõ bảng tính bằng --input TỆP.xlsx.",
}
CONTEXT = {"help_option_names": ["-h", "--help"]}
F = TypeVar("F", bound=Callable[..., Any])


def _configure_output(verbose: bool) -> None:
    # Vietnamese must print on a Windows console whatever its code page.
    for stream in (sys.stdout, sys.stderr):
        reconfigure = getattr(stream, "reconfigure", None)
        if reconfigure is not None:
            reconfigure(errors="replace")
    logging.basicConfig(level=logging.DEBUG if verbose else logging.WARNING,
                        format="%(levelname)s %(name)s: %(message)s")


@contextlib.contextmanager
def fewer_collections() -> Iterator[None]:
    """Run Python's cycle collector less often in this block (of the command line's process).

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
    """Turns errors into one Vietnamese line and exit status 1 (the traceback only with
    ``-v``)."""

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        kwargs.setdefault("options_metavar", "[TÙY_CHỌN]")
        kwargs.setdefault("subcommand_metavar", "LỆNH [ĐỐI_SỐ]...")
        super().__init__(*args, **kwargs)

    def invoke(self, ctx: click.Context) -> Any:
        try:
            return super().invoke(ctx)
        except MttqError as err:
            logger.debug("chi tiết", exc_info=True)
            if isinstance(err, WorkbookError):
                _echo_warnings(err.warnings)
            advice = ADVICE.get(err.code)
            raise click.ClickException(f"{err.message} {advice}" if advice else err.message
                                       ) from err
        except OSError as err:
            logger.debug("chi tiết", exc_info=True)
            raise click.ClickException(system_message(err)) from err
        except MemoryError as err:
            raise click.ClickException("Không đủ bộ nhớ để chạy xong. Hãy đóng bớt chương trình "
                                       "rồi chạy lại.") from err
        except (click.ClickException, click.exceptions.Exit, click.Abort, KeyboardInterrupt):
            raise
        except Exception as err:  # noqa: BLE001 - a bug: one line, the detail with -v
            logger.debug("chi tiết", exc_info=True)
            raise click.ClickException(
                f"Lỗi ngoài dự kiến ({type(err).__name__}); không có gì bị mất. Chạy lại với "
                "mttq-docs -v … để xem chi tiết và gửi cho người bảo trì.") from err


class _Command(click.Command):
    def __init__(self, *args: Any, **kwargs: Any) -> None:
        kwargs.setdefault("options_metavar", "[TÙY_CHỌN]")
        super().__init__(*args, **kwargs)


_Group.command_class = _Command
_Group.group_class = _Group

_FILE = click.Path(path_type=Path, dir_okay=False)
_FOLDER = click.Path(path_type=Path, file_okay=False)
_TEMPLATES = click.Path(path_type=Path, file_okay=False, exists=True)


class _Count(click.IntRange):
    name = "số nguyên"


def _input_option(help_text: str = "Bảng tính kế hoạch (.xlsx); mặc định: bảng tính của thư "
                                   "mục làm việc.") -> Callable[[F], F]:
    return click.option("--input", "-i", "workbook", type=_FILE, default=None,
                        metavar="TỆP.xlsx", help=help_text)


def _out_option(help_text: str) -> Callable[[F], F]:
    return click.option("--out", "-o", type=_FOLDER, default=None, metavar="THƯ_MỤC",
                        help=help_text)


def _templates_option() -> Callable[[F], F]:
    return click.option("--templates", "-t", type=_TEMPLATES, default=None, metavar="THƯ_MỤC",
                        help="Thư mục mẫu văn bản .docx; mặc định: mẫu của thư mục làm việc, "
                             "hoặc mẫu có sẵn.")


def _work_folder() -> WorkFolder | None:
    return WorkFolder.find(Path.cwd())


def _workbook(given: Path | None) -> Path:
    """The workbook the command is for: the option's, else the work folder's (said on the
    error stream, so that the user sees which one was read)."""
    if given is not None:
        return given
    folder = _work_folder()
    if folder is None:
        raise WorkFolderError("Chưa biết dùng bảng tính nào: thư mục này không phải thư mục "
                              "làm việc của mttq-docs.")
    click.echo(f"Bảng tính của thư mục làm việc: {folder.workbook}", err=True)
    return folder.workbook


def _outputs(given: Path | None, workbook: Path | None) -> Path:
    """Where the documents go: the option's folder; else the work folder's, when the workbook
    is its own; else ``van_ban`` beside the workbook."""
    if given is not None:
        if given.exists() and not given.is_dir():
            raise WorkFolderError(f"{given} là một tệp, không phải thư mục; hãy chọn thư mục "
                                  "ghi văn bản khác.")
        return given
    folder = _work_folder()
    if folder is not None and (workbook is None or _same(workbook, folder.workbook)):
        return folder.documents
    if workbook is None:
        raise WorkFolderError("Chưa biết thư mục văn bản nào: thư mục này không phải thư mục "
                              "làm việc của mttq-docs.")
    return workbook.parent / DOCUMENTS


def _templates(given: Path | None) -> Path:
    if given is not None:
        return given
    folder = _work_folder()
    from .resources import templates_folder

    return folder.templates_or_shipped() if folder else templates_folder()


def _same(first: Path, second: Path) -> bool:
    try:
        return first.resolve() == second.resolve()
    except OSError:
        return False


@click.group("mttq-docs", cls=_Group, context_settings=CONTEXT)
@click.option("-v", "--verbose", is_flag=True, help="In thêm thông tin chẩn đoán (và chi tiết "
                                                    "của lỗi).")
@click.version_option(__version__, "--version", "-V", prog_name="mttq-docs",
                      message="%(prog)s, phiên bản %(version)s")
def main(verbose: bool) -> None:
    """Sinh bộ văn bản của kế hoạch MTTQ (kế hoạch, báo cáo, khánh tiết, giấy mời) từ một
    bảng tính Excel, cho tỉnh và từng huyện, xã.

    Bắt đầu: mttq-docs init TÊN_THƯ_MỤC, rồi cd vào thư mục đó, sửa bảng tính và chạy
    mttq-docs generate.
    """
    _configure_output(verbose)
    _without_numpy()


def _without_numpy() -> None:
    """Let openpyxl do without numpy in the command line's process.

    openpyxl imports numpy when it is installed, only to accept numpy numbers as cell values;
    this program gives it plain Python values. Not importing it saves 14 MB and 60 ms of every
    run (a national plan's main process stays under 100 MB). A process that has imported numpy
    already keeps it; a library caller (the web page's server) is not affected.
    """
    sys.modules.setdefault("numpy", None)  # type: ignore[arg-type]  # None: "not importable"


def _echo_warnings(warnings: list[Problem]) -> None:
    if warnings:
        click.echo(f"Lưu ý ({len(warnings)}):", err=True)
        for warning in warnings:
            click.echo(f"  - {warning}", err=True)


@main.command()
@_input_option()
def validate(workbook: Path | None) -> None:
    """Kiểm tra bảng tính: liệt kê mọi lỗi và lưu ý; thoát mã 1 nếu có lỗi."""
    from . import api

    result = api.validate(_workbook(workbook))
    _echo_warnings(result.warnings)
    plan = result.plan
    if plan.districts:
        where = f"{len(plan.districts)} huyện"
        levels = "ba cấp: tỉnh → huyện → xã"
    else:
        where = f"{len(plan.points)} xã, phường, đặc khu"
        levels = "hai cấp: tỉnh, thành phố → xã, phường, đặc khu"
    click.echo(f"Bảng tính hợp lệ: {len(plan.models)} mô hình, {len(plan.points)} điểm ở "
               f"{where} (kế hoạch {levels}).")
    if not plan.districts:
        from .units2025 import data_version

        logger.info("danh sách đơn vị hành chính từ 01/7/2025: gói vietnam-provinces, dữ liệu "
                    "ngày %s", data_version())


STATUS_WORDS = {
    "create": "tạo mới", "recreate": "tạo lại (tệp đã bị xóa)", "update": "cập nhật",
    "unchanged": "giữ nguyên", "edited": "đã sửa tay, giữ nguyên",
    "beside": "đã sửa tay, bản mới ghi bên cạnh", "archive": "chuyển vào lưu trữ",
}


@main.command()
@_input_option()
@_out_option("Thư mục ghi văn bản; mặc định: thư mục văn bản của thư mục làm việc.")
@_templates_option()
@click.option("--dry-run", "-n", is_flag=True,
              help="Chỉ cho biết tệp nào sẽ được tạo, cập nhật, giữ nguyên, ghi bên cạnh hoặc "
                   "chuyển vào lưu trữ; không ghi gì.")
@click.option("--pdf", is_flag=True,
              help="Tạo thêm bản PDF cạnh mỗi văn bản (cần LibreOffice).")
@click.option("--zip", "zips", is_flag=True,
              help="Đóng gói mỗi thư mục huyện (và tinh) thành một tệp .zip để gửi.")
@click.option("--jobs", "-j", type=_Count(min=1), default=None, metavar="SỐ",
              help="Số tiến trình tạo văn bản song song (mặc định: bằng số nhân CPU).")
def generate(workbook: Path | None, out: Path | None, templates: Path | None, dry_run: bool,
             pdf: bool, zips: bool, jobs: int | None) -> None:
    """Kiểm tra bảng tính rồi tạo, cập nhật văn bản cho tỉnh và mọi huyện.

    Chạy lại sau khi sửa bảng tính: tệp không đổi được giữ nguyên; tệp cán bộ đã sửa tay
    không bao giờ bị ghi đè (bản mới được ghi bên cạnh, tên có đuôi .moi-NGÀY); văn bản của
    điểm đã bỏ khỏi kế hoạch được chuyển vào thư mục _luu_tru, không bị xóa.
    """
    from .lookahead import start
    from .validation import load_plan

    workbook = _workbook(workbook)
    out = _outputs(out, workbook)
    # A re-run's look at its output folder, by another process while this one reads the plan.
    looking = start(out)
    # Reading the plan and checking its files allocate millions of small objects; rendering
    # the trial documents makes cycles, which must be collected as usual (memory).
    with fewer_collections():
        loaded = load_plan(workbook)
    gc.collect()  # openpyxl's objects form cycles: free the workbook's before rendering starts
    # The libraries that render (docxtpl, python-docx, Jinja: 10 MB) are imported only now,
    # into the room reading the workbook freed (a national plan's main process: 4 MB less).
    from . import api

    generation = api.prepare(workbook, templates=_templates(templates), out=out, loaded=loaded,
                             jobs=jobs, looking=looking)
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
                bar.update(event.done - bar.pos, event)

        with fewer_collections():
            result = generation.write(out, progress=progress, dry_run=dry_run, pdf=pdf,
                                      zips=zips, jobs=jobs)
    _echo_summary(result)
    if result.packets:
        _echo_packets(result.packets, result.dry_run)
    for folder, names in result.unresolved.items():
        where = f"Gói {folder}.zip" if zips else f"Thư mục {folder}"
        click.echo(f"{where} có {len(names)} văn bản đã sửa tay chưa thống nhất với bản mới bên "
                   f"cạnh (danh mục của thư mục có ghi): {', '.join(names)}", err=True)


def _echo_summary(result: GenerateResult) -> None:
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
    if packets.font_warning:
        click.echo(packets.font_warning, err=True)
    elif packets.pdf_made or packets.pdf_unchanged:
        click.echo(f"PDF: {verb} {len(packets.pdf_made)}, giữ nguyên {packets.pdf_unchanged}"
                   + (f", chuyển lưu trữ {len(packets.pdf_archived)}"
                      if packets.pdf_archived else "") + ".")
    for outcome in packets.kept:
        click.echo(f"{outcome.path} do người dùng đặt hoặc sửa nên giữ nguyên; bản mới ghi bên "
                   f"cạnh: {outcome.moved_to}", err=True)
    if packets.zip_made or packets.zip_unchanged:
        click.echo(f"Tệp zip: {verb} {len(packets.zip_made)}, giữ nguyên "
                   f"{packets.zip_unchanged}.")


@main.command()
@click.argument("folder", type=_FOLDER, default=Path("."), metavar="[THƯ_MỤC]")
@click.option("--mau", "with_templates", is_flag=True,
              help="Chép thêm các mẫu văn bản vào thư mục mau/ để sửa bằng Word.")
@click.option("--vi-du", "example", type=click.Choice(["2017", "2026"]), default="2017",
              show_default=True, metavar="2017|2026",
              help="Bảng tính bắt đầu: kế hoạch năm 2017 (ba cấp: tỉnh, huyện, xã), hoặc ví dụ "
                   "kế hoạch hai cấp năm 2026 (thành phố Hải Phòng, không phải kế hoạch thật).")
@click.option("--force", is_flag=True, help="Ghi đè bảng tính và tệp cấu hình nếu đã có.")
def init(folder: Path, with_templates: bool, example: str, force: bool) -> None:
    """Tạo thư mục làm việc THƯ_MỤC (mặc định: thư mục hiện tại): bảng tính kế hoạch (chép
    từ kế hoạch mẫu năm 2017, đặt tên theo thư mục), tệp HUONG_DAN.txt và mttq-docs.toml."""
    from . import api

    made = api.init(folder, with_templates=with_templates, overwrite=force, example=example)
    click.echo(f"Đã tạo thư mục làm việc {made.root}")
    click.echo(f"  Bảng tính kế hoạch: {made.workbook.name} (sửa bằng Excel)"
               + ("; đây là VÍ DỤ kế hoạch hai cấp, không phải kế hoạch thật" if example == "2026"
                  else ""))
    if made.templates:
        click.echo(f"  Mẫu văn bản: {made.templates.name}/")
    here = _same(made.root, Path.cwd())
    step = "" if here else f'cd "{folder}" rồi '
    click.echo(f"Tiếp theo: {step}chạy mttq-docs validate, rồi mttq-docs generate "
               f"(văn bản ghi vào {made.documents.name}/).")


@main.command()
@click.argument("paths", nargs=-1, required=True, metavar="TỆP_HOẶC_THƯ_MỤC...",
                type=click.Path(path_type=Path, exists=True))
@click.option("--quiet", "-q", is_flag=True, help="Chỉ in các tệp có lỗi.")
def check(paths: tuple[Path, ...], quiet: bool) -> None:
    """Kiểm tra thể thức văn bản (.docx) theo Nghị định 30/2020/NĐ-CP.

    TỆP_HOẶC_THƯ_MỤC là tệp hoặc thư mục (tìm mọi .docx bên trong). Thoát mã 1 nếu có lỗi.
    """
    from . import api

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
@click.argument("folder", type=_TEMPLATES, default=None, required=False, metavar="[THƯ_MỤC]")
@_input_option("Bảng tính cho biết các biến mà mẫu được dùng; mặc định: bảng tính của thư mục "
               "làm việc, hoặc bảng tính mẫu.")
def templates_check(folder: Path | None, workbook: Path | None) -> None:
    """Kiểm tra mẫu trong THƯ_MỤC (mặc định: mẫu đang dùng) mà không tạo văn bản: cú pháp
    thẻ, thẻ bị tách hoặc chưa đóng, dấu nháy cong, biến không có. Thoát mã 1 nếu có lỗi."""
    from . import api
    from .resources import sample_workbook

    folder = _templates(folder)
    work = _work_folder()
    workbook = workbook or (work.workbook if work else sample_workbook())
    problems = api.check_templates(folder, workbook)
    for problem in problems:
        prefix = "LỖI  " if problem.level == "error" else "LƯU Ý"
        click.echo(f"{prefix} {problem}")
    errors = sum(p.level == "error" for p in problems)
    click.echo(f"{len(api.ALL_KINDS)} mẫu trong {folder}: {errors} lỗi, "
               f"{len(problems) - errors} lưu ý.")
    if errors:
        sys.exit(1)


class _Date(click.ParamType):  # type: ignore[type-arg]
    name = "ngày"

    def convert(self, value: Any, param: click.Parameter | None,
                ctx: click.Context | None) -> Any:
        from .vietnamese import parse_date

        parsed = parse_date(str(value))
        if parsed is None:
            self.fail(f"'{value}' không phải một ngày (dạng ngày/tháng/năm, ví dụ 15/08/2017).",
                      param, ctx)
        return parsed


@main.command()
@_out_option("Thư mục văn bản (nơi chép các bản xã đã điền); mặc định: thư mục văn bản của "
             "thư mục làm việc.")
@_input_option("Bảng tính kế hoạch (.xlsx); mặc định: bảng tính đã tạo thư mục văn bản.")
@_templates_option()
@click.option("--ngay", "day", type=_Date(), default=None, metavar="NGÀY/THÁNG/NĂM",
              help="Ngày ghi trên báo cáo tổng hợp; mặc định: hôm nay.")
@click.option("--ghi-vao-bang-tinh", "apply_changes", is_flag=True,
              help="Ghi ngày, địa điểm hội nghị các xã báo khác bảng tính vào bảng tính kế "
                   "hoạch (giữ một bản sao bảng tính cũ bên cạnh).")
def collect(out: Path | None, workbook: Path | None, templates: Path | None,
            day: Any, apply_changes: bool) -> None:
    """Đọc các văn bản xã đã điền, ghi bảng theo dõi tiến độ và báo cáo tổng hợp vào tinh/.

    Bảng theo dõi và báo cáo tổng hợp mà Ban đã sửa tay không bị ghi đè: bản mới được ghi
    bên cạnh. Thoát mã 1 nếu không đọc được văn bản nào.
    """
    from . import api

    if out is None:
        folder = _work_folder()
        if folder is None:
            raise WorkFolderError("Chưa biết thư mục văn bản nào: thư mục này không phải thư "
                                  "mục làm việc của mttq-docs.")
        out = folder.documents
    if not out.is_dir():
        raise click.ClickException(f"Chưa có thư mục văn bản {out}: hãy chạy mttq-docs generate "
                                   "trước.")
    result = api.collect(out, workbook, _templates(templates), today=day)
    click.echo(f"Bảng tính đã đọc: {result.workbook}")
    for warning in result.warnings:
        click.echo(f"Lưu ý: {warning}", err=True)
    for outcome in result.written:
        _echo_written(outcome)
    for path, reason in result.unreadable:
        click.echo(f"  Chưa đọc {path}: {reason}", err=True)
    total = len(result.points)
    click.echo(f"{result.returned}/{total} điểm đã gửi lại văn bản ({result.files_read} tệp "
               f"đã đọc); {result.complete}/{total} điểm điền đủ; {len(result.unreadable)} tệp "
               "chưa đọc được.")
    if result.disagreements:
        click.echo("Các văn bản của một xã ghi khác nhau (xem sheet Khác nhau):")
        for point, tag, found in result.disagreements:
            values = "; ".join(f"“{value}” ({', '.join(files)})" for value, files in found.items())
            click.echo(f"  - {point.where}, {point.titles.get(tag, tag)}: {values}")
    if result.proposals:
        click.echo("Các xã báo khác bảng tính:")
        for change in result.proposals:
            click.echo(f"  - {change}")
        if apply_changes:
            applied = api.apply_proposals(result.workbook or Path(), result.proposals, day)
            if applied.written:
                click.echo(f"Đã ghi {len(applied.written)} thay đổi vào {result.workbook} (bản cũ: "
                           f"{applied.backup.name}); chạy mttq-docs generate để cập nhật văn bản.")
            for change, reason in applied.skipped:
                click.echo(f"  Chưa ghi: {change} ({reason})", err=True)
        else:
            click.echo("Để ghi các thay đổi này vào bảng tính: mttq-docs collect "
                       "--ghi-vao-bang-tinh")
    if result.files_read == 0 and result.unreadable:
        raise click.ClickException("Không đọc được văn bản nào của các xã.")


def _echo_written(outcome: Any) -> None:
    label = outcome.label
    if outcome.status == "beside":
        click.echo(f"{label}: {outcome.path} đã được sửa tay nên giữ nguyên; bản mới ghi bên "
                   f"cạnh: {outcome.moved_to}")
    elif outcome.status == "edited":
        click.echo(f"{label}: {outcome.path} đã được sửa tay, không có gì mới; giữ nguyên.")
    else:
        click.echo(f"{label}: {outcome.path} ({STATUS_WORDS[outcome.status]})")


@main.command()
@click.option("--folder", "-f", "folder", type=_FOLDER, default=None, metavar="THƯ_MỤC",
              help="Thư mục làm việc; mặc định: thư mục làm việc đang đứng.")
@click.option("--port", "-p", type=_Count(min=0, max=65535), default=0, metavar="SỐ",
              help="Cổng; mặc định: một cổng còn trống.")
@click.option("--host", default="127.0.0.1", metavar="ĐỊA_CHỈ",
              help="Địa chỉ nghe; mặc định 127.0.0.1 (chỉ máy này). Địa chỉ khác cho phép máy "
                   "khác trong mạng mở trang: chỉ dùng khi thật cần.")
@click.option("--no-browser", is_flag=True, help="Không tự mở trình duyệt.")
def serve(folder: Path | None, port: int, host: str, no_browser: bool) -> None:
    """Mở trang web của mttq-docs trên máy này: kiểm tra bảng tính, tạo văn bản, thu thập
    bản các xã gửi lại, tất cả trong trình duyệt. Dừng bằng Ctrl-C."""
    if folder is not None and not folder.is_dir():
        raise WorkFolderError(f"Không có thư mục {folder}.")
    work = WorkFolder.find(folder) if folder is not None else _work_folder()
    if work is None:
        where = folder or Path.cwd()
        raise WorkFolderError(f"{where} không phải thư mục làm việc của mttq-docs.")
    if host not in ("127.0.0.1", "localhost", "::1"):
        click.echo(f"CẢNH BÁO: trang nghe ở {host}: mọi máy trong mạng tới được địa chỉ này "
                   "đều mở được trang, tải văn bản và ghi vào thư mục làm việc. Chỉ dùng trong "
                   "mạng tin cậy.", err=True)
    from .web.server import serve as run_server

    run_server(work.root, host=host, port=port, browser=not no_browser)
