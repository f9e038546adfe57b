"""PDF copies of documents, made by LibreOffice in one headless process for the whole run.

LibreOffice writes every PDF into one output folder under the source's stem, and the packets
repeat file names from district to district, so the sources are staged under unique names
first; the PDFs are then moved beside their ``.docx`` atomically.
"""

from __future__ import annotations

import logging
import re
import shutil
import subprocess
import tempfile
import zlib
from collections.abc import Callable, Iterable
from pathlib import Path

from .errors import PdfError
from .libreoffice import find_soffice
from .output import write_atomic

logger = logging.getLogger(__name__)

INSTALL_HINT = ("Chưa cài LibreOffice nên chưa tạo được PDF (các tệp .docx vẫn được ghi). Cài "
                "LibreOffice rồi chạy lại: trên Windows tải tại libreoffice.org; trên Ubuntu/"
                "Debian: sudo apt-get install libreoffice-writer-nogui fonts-liberation2.")


class LibreOfficeMissing(PdfError):
    def __init__(self) -> None:
        super().__init__(INSTALL_HINT)


FILES_PER_PROCESS = 8
"""Below this many files per LibreOffice process, starting another one costs more than it
saves (a start is about a second)."""
FILES_PER_RUN = 200
"""Files given to one LibreOffice process: LibreOffice 7.4 converts the first 246 of a longer
list and ends without an error, leaving the rest without a PDF."""


def convert_to_pdf(sources: list[Path], *, timeout: float = 1800,
                   deliver: Callable[[Path, bytes], Path] | None = None,
                   processes: int = 1) -> list[Path]:
    """Convert ``sources`` to PDFs beside them; return the PDFs made.

    ``deliver(source, pdf_bytes)`` puts each PDF where it belongs and returns its path (the
    caller's rules: a PDF a person put there is kept); by default it is written beside its
    source. The files are shared among up to ``processes`` LibreOffice processes, each with a
    profile of its own (one LibreOffice uses one core); a few files take one process. Raises
    :class:`LibreOfficeMissing` when LibreOffice is not installed. A source that LibreOffice
    could not convert is logged and left without a PDF.
    """
    if not sources:
        return []
    soffice = find_soffice()
    if soffice is None:
        raise LibreOfficeMissing()
    made = []
    with tempfile.TemporaryDirectory(prefix="mttq-pdf-") as work:
        staging, pdfs = Path(work, "in"), Path(work, "out")
        staging.mkdir()
        staged = []
        for index, source in enumerate(sources):
            copy = staging / f"{index:06d}.docx"
            shutil.copyfile(source, copy)
            staged.append(copy)
        count = max(1, min(processes, len(staged) // FILES_PER_PROCESS))
        shares = [staged[start::count] for start in range(count)]
        _run_all(soffice, shares, Path(work), pdfs, timeout)
        for source, copy in zip(sources, staged):
            pdf = pdfs / f"{copy.stem}.pdf"
            if not pdf.exists():
                logger.warning("LibreOffice made no PDF for %s", source)
                continue
            if deliver is not None:
                made.append(deliver(source, pdf.read_bytes()))
                continue
            target = source.with_suffix(".pdf")
            write_atomic(target, pdf.read_bytes())
            made.append(target)
    return made


def _run_all(soffice: str, shares: list[list[Path]], work: Path, pdfs: Path,
             timeout: float) -> None:
    """One LibreOffice process per share of the files, all at once, each with its own
    profile (two processes on one profile would wait for each other). A share of more than
    :data:`FILES_PER_RUN` files is converted by successive processes on the same profile."""
    runs = [[share[start:start + FILES_PER_RUN] for start in range(0, len(share), FILES_PER_RUN)]
            for share in shares]
    for wave in range(max(len(share_runs) for share_runs in runs)):
        _run_wave(soffice, [(work / f"profile-{index}", share_runs[wave])
                            for index, share_runs in enumerate(runs) if wave < len(share_runs)],
                  pdfs, timeout)


def _run_wave(soffice: str, runs: list[tuple[Path, list[Path]]], pdfs: Path,
              timeout: float) -> None:
    """One LibreOffice process per (profile, files), all at once; each waited for."""
    running = []
    for profile, files in runs:
        command = [soffice, f"-env:UserInstallation={profile.as_uri()}", "--headless",
                   "--norestore", "--convert-to", "pdf", "--outdir", str(pdfs),
                   *map(str, files)]
        logger.debug("running %s … (%d files)", soffice, len(files))
        running.append(subprocess.Popen(command, stdout=subprocess.DEVNULL,
                                        stderr=subprocess.PIPE))
    try:
        for process in running:
            _, stderr = process.communicate(timeout=timeout)
            if process.returncode != 0:
                raise PdfError(f"LibreOffice báo lỗi khi chuyển sang PDF: "
                               f"{stderr.decode(errors='replace').strip()[:300]}")
    except subprocess.TimeoutExpired as err:
        raise PdfError("LibreOffice chuyển PDF quá lâu, đã dừng; hãy chạy lại.") from err
    finally:
        for process in running:
            if process.poll() is None:
                process.kill()
                process.wait()


# --- Fonts the PDFs actually use ------------------------------------------------------------

TIMES_COMPATIBLE = {"TimesNewRoman", "Times", "LiberationSerif", "Tinos"}
"""Families that print Times New Roman's shapes and widths (the templates ask for it)."""
_NOT_TEXT = {"OpenSymbol", "Symbol", "ZapfDingbats"}
"""Fonts LibreOffice uses for bullets and symbols, not for the letters of the text."""

_BASE_FONT = re.compile(rb"/BaseFont\s*/([^\s/\[\]<>()]+)")
_OBJECT_STREAM = re.compile(rb"/Type\s*/ObjStm[^>]*>>\s*stream\r?\n", re.S)

FONT_HINT = ("Cài một phông có đủ chữ tiếng Việt và cùng cỡ chữ với Times New Roman rồi tạo lại "
             "PDF: trên Debian/Ubuntu chạy \"sudo apt-get install fonts-liberation2\" (gói "
             "fonts-liberation cũ không có chữ tiếng Việt); trên Windows phông Times New Roman "
             "đã có sẵn.")


def pdf_fonts(data: bytes) -> set[str]:
    """The ``/BaseFont`` names of a PDF, without the subset prefix (``ABCDEF+``).

    Read from the bytes: LibreOffice writes font dictionaries as plain objects, and the
    compressed object streams some writers use are opened too. No PDF library needed.
    """
    names = set(_BASE_FONT.findall(data))
    for match in _OBJECT_STREAM.finditer(data):
        end = data.find(b"endstream", match.end())
        try:
            names |= set(_BASE_FONT.findall(zlib.decompress(data[match.end():end])))
        except zlib.error:
            continue
    return {re.sub(r"^[A-Z]{6}\+", "", name.decode("latin-1")) for name in names}


def font_family(base_font: str) -> str:
    """``LiberationSerif-BoldItalic`` → ``LiberationSerif``; ``TimesNewRomanPS-BoldMT`` →
    ``TimesNewRoman``."""
    family = re.split(r"[-,]", base_font, maxsplit=1)[0]
    return re.sub(r"(PS)?MT$|PSMT$|PS$", "", family)


def _spaced(family: str) -> str:
    """``DejaVuSerif`` → ``DejaVu Serif``, the name a user finds in the font list."""
    return re.sub(r"(?<=[a-z])(?=[A-Z])", " ", family).replace("Deja Vu", "DejaVu")


def font_warning(pdfs: Iterable[Path]) -> str | None:
    """A Vietnamese warning when a PDF prints with a family other than Times New Roman or a
    metric twin (letters such as ư, ơ, ộ missing from the font fall back to another one, so
    the printed page mixes typefaces); ``None`` when every PDF uses one suitable family.

    Stops at the first PDF that shows the problem: the cause is the machine's fonts, the
    same for every document of the run.
    """
    for path in pdfs:
        try:
            families = {font_family(name) for name in pdf_fonts(path.read_bytes())}
        except OSError:
            continue
        others = sorted(families - TIMES_COMPATIBLE - _NOT_TEXT)
        if not others:
            continue
        used = ", ".join(_spaced(f) for f in others)
        base = sorted(families & TIMES_COMPATIBLE)
        if base:
            return (f"Cảnh báo phông chữ: trong {path.name}, chữ tiếng Việt mà phông "
                    f"{_spaced(base[0])} trên máy này không có đã được thay bằng phông {used}, "
                    f"nên bản in lẫn hai kiểu chữ. {FONT_HINT}")
        return (f"Cảnh báo phông chữ: {path.name} in bằng phông {used} thay cho Times New "
                f"Roman (máy này không có phông Times New Roman hay phông tương đương). "
                f"{FONT_HINT}")
    return None
