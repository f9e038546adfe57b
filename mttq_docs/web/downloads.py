"""What the page may hand out: an allow-list derived from the output folder.

Only these are served, each resolved through :class:`~mttq_docs.output.OutputFolder` (no
``..``, no absolute path, no folder leading elsewhere) and refused when it is a link:

* ``<folder>.zip`` at the top of the output folder (the packets of the province and of each
  district);
* the documents of a top-level folder (``kim_thanh/01_ke_hoach_….docx`` and their PDFs), the
  tracking workbook and the summary report in ``tinh/`` (and the new versions beside them).

Hidden files, the record, the archive (``_luu_tru``) and Word's lock files are never served.
"""

from __future__ import annotations

import os
import tempfile
import zipfile
from pathlib import Path, PurePosixPath
from typing import IO
from urllib.parse import quote

from ..errors import OutsideFolder
from ..output import OutputFolder

DOCUMENTS = (".docx", ".pdf")
TRACKING = ("theo_doi_tien_do",)


def link(relative: PurePosixPath | str) -> dict[str, str]:
    """A file of the output folder as the page links it."""
    text = str(relative)
    return {"ten": text, "url": "/tai-ve/" + quote(text)}


def _allowed_shape(parts: list[str]) -> bool:
    if any(p in ("", ".", "..") or p.startswith((".", "_", "~")) or ":" in p or "\x00" in p
           for p in parts):
        return False
    name = parts[-1].lower()
    if len(parts) == 1:
        return name.endswith(".zip")
    if len(parts) != 2:
        return False
    if name.endswith(".xlsx"):
        return name.startswith(TRACKING)
    return name.endswith(DOCUMENTS)


def allowed(out: Path, relative: str) -> Path | None:
    """The file ``relative`` names in ``out`` when the page may serve it, else ``None``."""
    parts = relative.replace("\\", "/").split("/")
    if not _allowed_shape(parts):
        return None
    try:
        path = OutputFolder(out).path("/".join(parts))
    except OutsideFolder:
        return None
    if path.is_symlink() or not path.is_file():
        return None
    return path


def packets(out: Path, titles: dict[str, str]) -> list[dict[str, str]]:
    """The zips of the output folder, the province's first, each with the place it is for."""
    found = []
    for path in sorted(out.glob("*.zip")) if out.is_dir() else []:
        if allowed(out, path.name) is None:
            continue
        title = titles.get(path.stem, path.stem)
        found.append({**link(path.name), "noi": title[:1].upper() + title[1:]})
    return sorted(found, key=lambda p: (p["ten"] != "tinh.zip", list(titles).index(
        p["ten"][:-4]) if p["ten"][:-4] in titles else len(titles)))


def everything(out: Path) -> IO[bytes]:
    """One zip of every document the page may serve (packets aside), in a temporary file
    (memory stays flat for a large plan)."""
    spool = tempfile.SpooledTemporaryFile(max_size=32 * 1024 * 1024)
    with zipfile.ZipFile(spool, "w", zipfile.ZIP_DEFLATED) as package:
        for folder in sorted(out.iterdir()) if out.is_dir() else []:
            if not folder.is_dir() or folder.is_symlink():
                continue
            for path in sorted(folder.iterdir()):
                relative = f"{folder.name}/{path.name}"
                if allowed(out, relative) is not None:
                    package.write(path, relative)
    spool.seek(0, os.SEEK_SET)
    return spool
