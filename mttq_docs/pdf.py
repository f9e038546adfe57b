"""PDF copies of documents, made by LibreOffice in one headless process for the whole run.

LibreOffice writes every PDF into one output folder under the source's stem, and the packets
repeat file names from district to district, so the sources are staged under unique names
first; the PDFs are then moved beside their ``.docx`` atomically.
"""

from __future__ import annotations

import logging
import shutil
import subprocess
import tempfile
from pathlib import Path

from .errors import PdfError
from .libreoffice import find_soffice
from .output import write_atomic

logger = logging.getLogger(__name__)

INSTALL_HINT = ("Chưa cài LibreOffice nên chưa tạo được PDF (các tệp .docx vẫn được ghi). Cài "
                "LibreOffice rồi chạy lại: trên Windows tải tại libreoffice.org; trên Ubuntu/"
                "Debian: sudo apt-get install libreoffice-writer-nogui fonts-liberation.")


class LibreOfficeMissing(PdfError):
    def __init__(self) -> None:
        super().__init__(INSTALL_HINT)


def convert_to_pdf(sources: list[Path], *, timeout: float = 1800) -> list[Path]:
    """Convert ``sources`` to PDFs beside them; return the PDFs made.

    Raises :class:`LibreOfficeMissing` when LibreOffice is not installed. A source that
    LibreOffice could not convert is logged and left without a PDF.
    """
    if not sources:
        return []
    soffice = find_soffice()
    if soffice is None:
        raise LibreOfficeMissing()
    made = []
    with tempfile.TemporaryDirectory(prefix="mttq-pdf-") as work:
        staging, pdfs, profile = Path(work, "in"), Path(work, "out"), Path(work, "profile")
        staging.mkdir()
        staged = []
        for index, source in enumerate(sources):
            copy = staging / f"{index:06d}.docx"
            shutil.copyfile(source, copy)
            staged.append(copy)
        command = [soffice, f"-env:UserInstallation={profile.as_uri()}", "--headless",
                   "--norestore", "--convert-to", "pdf", "--outdir", str(pdfs),
                   *map(str, staged)]
        logger.debug("running %s … (%d files)", soffice, len(staged))
        try:
            subprocess.run(command, check=True, capture_output=True, timeout=timeout)
        except subprocess.CalledProcessError as err:
            raise PdfError(f"LibreOffice báo lỗi khi chuyển sang PDF: "
                            f"{err.stderr.decode(errors='replace').strip()[:300]}") from err
        except subprocess.TimeoutExpired as err:
            raise PdfError("LibreOffice chuyển PDF quá lâu, đã dừng; hãy chạy lại.") from err
        for source, copy in zip(sources, staged):
            pdf = pdfs / f"{copy.stem}.pdf"
            if not pdf.exists():
                logger.warning("LibreOffice made no PDF for %s", source)
                continue
            target = source.with_suffix(".pdf")
            write_atomic(target, pdf.read_bytes())
            made.append(target)
    return made
