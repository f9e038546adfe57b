"""Writing files into the output folder: inside it only, and never half-written.

Each file is written to a temporary name in the same folder, flushed to disk, then moved over
its final name with :func:`os.replace`, which is atomic: a reader (or a run killed midway)
sees the old file or the new one, never a mix.
"""

from __future__ import annotations

import os
import tempfile
from pathlib import Path, PurePosixPath

from .errors import OutputError

# mkstemp creates files readable by their owner only; documents are shared, so they get the
# permissions any new file gets under the user's umask.
_UMASK = os.umask(0)
os.umask(_UMASK)


def resolve_inside(root: Path, relative: PurePosixPath) -> Path:
    """``root / relative``, refusing any path that would leave ``root``."""
    target = (root / Path(*relative.parts)).resolve()
    if not target.is_relative_to(root.resolve()):
        raise OutputError(f"Đường dẫn {relative} nằm ngoài thư mục kết quả {root}; không ghi.")
    return target


def write_atomic(target: Path, data: bytes) -> None:
    """Write ``data`` to ``target`` through a temporary file and an atomic rename."""
    try:
        target.parent.mkdir(parents=True, exist_ok=True)
        handle, temporary = tempfile.mkstemp(dir=target.parent, prefix=".~", suffix=".tmp")
        try:
            os.chmod(temporary, 0o666 & ~_UMASK)
            with os.fdopen(handle, "wb") as stream:
                stream.write(data)
                stream.flush()
                os.fsync(stream.fileno())
            os.replace(temporary, target)
        except BaseException:
            Path(temporary).unlink(missing_ok=True)
            raise
    except PermissionError as err:
        raise OutputError(f"Không ghi được {target}: không có quyền, hoặc tệp đang mở trong Word "
                          "(hãy đóng tệp rồi chạy lại).") from err
    except OSError as err:
        raise OutputError(f"Không ghi được {target}: {err.strerror}.") from err
