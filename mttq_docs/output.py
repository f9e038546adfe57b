"""Writing files into the output folder: inside it only, and never half-written.

Each file is written to a temporary name in the same folder, then moved over its final name
with :func:`os.replace`, which is atomic: a reader (or a run killed midway) sees the old file
or the new one, never a mix. Reaching the disk (surviving a power cut) is a separate matter:
one ``fsync`` per file cost as much as rendering the document, so a run writing many files
asks for ``flush_to_disk=False`` and calls :func:`flush_written` before it records what it
wrote; where the system has no ``sync`` (Windows), every file is flushed as it is written.
"""

from __future__ import annotations

import os
import tempfile
from collections.abc import Iterable
from pathlib import Path, PurePosixPath

from .errors import NoPermission, OutputError, OutsideFolder, system_reason

# mkstemp creates files readable by their owner only; documents are shared, so they get the
# permissions any new file gets under the user's umask.
_UMASK = os.umask(0)
os.umask(_UMASK)


class OutputFolder:
    """The output folder of one run, and the paths inside it.

    A folder below it is resolved (links followed) once per run and refused when it leads
    outside; the file name itself must be a plain name, and writing replaces a link at that
    name rather than following it. The resolutions are kept by this object, which lives as
    long as the run: a folder replaced by a link after the run cannot be written through.
    """

    def __init__(self, root: Path) -> None:
        self.root = root
        self._resolved_root = root.resolve()
        self._folders: dict[str, str] = {}

    def path(self, relative: PurePosixPath | str) -> Path:
        """``root / relative``, refusing any path that would leave ``root``."""
        return Path(self.inside(str(relative)))

    def inside(self, relative: str) -> str:
        """:meth:`path` as a string, with no :mod:`pathlib` object made on the way (it is
        asked for every file of every run: 80 000 times for a national plan)."""
        folder, _, name = relative.replace("\\", "/").rpartition("/")
        if name in ("", ".", "..") or relative.startswith("/"):
            raise OutsideFolder(relative, self.root)
        resolved = self._folders.get(folder)
        if resolved is None:
            target = (self.root / folder).resolve()
            if not target.is_relative_to(self._resolved_root):
                raise OutsideFolder(relative, self.root)
            resolved = self._folders[folder] = str(target)
        return os.path.join(resolved, name)


def resolve_inside(root: Path, relative: PurePosixPath | str) -> Path:
    """``root / relative``, refusing any path that would leave ``root`` (checked now)."""
    return OutputFolder(root).path(relative)


CAN_FLUSH_ALL = hasattr(os, "sync")


FLUSH_ONE_BY_ONE = 256


def flush_written(paths: list[Path]) -> None:
    """Make ``paths``, written with ``flush_to_disk=False``, reach the disk: one by one (with
    their folders) when they are few, else with one ``sync`` of the whole system, which also
    waits for every other program's pending writes."""
    if not CAN_FLUSH_ALL:
        return  # each file was flushed as it was written
    if len(paths) > FLUSH_ONE_BY_ONE:
        os.sync()
        return
    for path in [*paths, *{path.parent for path in paths}]:
        try:
            handle = os.open(path, os.O_RDONLY)
        except FileNotFoundError:  # moved since (archived): its new place was synced then
            continue
        try:
            os.fsync(handle)
        finally:
            os.close(handle)


def write_atomic(target: Path, data: bytes | Iterable[bytes], *,
                 flush_to_disk: bool = True) -> os.stat_result:
    """Write ``data`` (bytes, or pieces of them) to ``target`` through a temporary file and an
    atomic rename; return the file's status (size, modification time) as written.

    With ``flush_to_disk`` false (and a system that can flush all files at once), the caller
    calls :func:`flush_written` before relying on the file surviving a power cut.
    """
    try:
        try:  # the folder is made when missing only: a run writes thousands of files in it
            handle, temporary = tempfile.mkstemp(dir=target.parent, prefix=".~", suffix=".tmp")
        except FileNotFoundError:
            target.parent.mkdir(parents=True, exist_ok=True)
            handle, temporary = tempfile.mkstemp(dir=target.parent, prefix=".~", suffix=".tmp")
        try:
            # Straight to the descriptor: a file object's buffering and a second look-up of
            # the path (chmod) were a tenth of the work of writing a document.
            try:
                if _FCHMOD is not None:
                    _FCHMOD(handle, 0o666 & ~_UMASK)
                else:
                    os.chmod(temporary, 0o666 & ~_UMASK)
                for piece in (data,) if isinstance(data, bytes) else data:
                    _write_all(handle, piece)
                if flush_to_disk or not CAN_FLUSH_ALL:
                    os.fsync(handle)
                status = os.fstat(handle)
            finally:
                os.close(handle)
            os.replace(temporary, target)
            return status
        except BaseException:
            Path(temporary).unlink(missing_ok=True)
            raise
    except OSError as err:
        raise write_error(target, err) from err


_FCHMOD = getattr(os, "fchmod", None)
"""``os.fchmod`` where the system has it (not Windows before Python 3.13)."""


def _write_all(handle: int, data: bytes) -> None:
    """Write all of ``data`` (``os.write`` may write part of it)."""
    view = memoryview(data)
    while view:
        view = view[os.write(handle, view):]


def write_error(target: Path, err: OSError) -> OutputError:
    """The error to tell for ``err``, met writing ``target``, in Vietnamese."""
    if isinstance(err, PermissionError):
        return NoPermission(f"Không ghi được {target}: không có quyền, hoặc tệp đang mở trong "
                            "Word (hãy đóng tệp rồi chạy lại).")
    return OutputError(f"Không ghi được {target}: {system_reason(err)}.")
