"""The errors of mttq-docs: one small hierarchy, each error able to say where the problem is.

Every error a user can cause derives from :class:`MttqError`: a Vietnamese message for a
person and an :class:`ErrorCode` for a program (the command line picks its exit status and
advice by it, a web page its answer). Nothing here knows about the command line. Locations
are written as an Excel user reads them: sheet name, row number as Excel shows it, column
header.
"""

from __future__ import annotations

import enum
import errno
from dataclasses import dataclass
from pathlib import Path
from typing import Any, ClassVar, Literal

Level = Literal["error", "warning"]


@dataclass(frozen=True)
class Problem:
    """One problem found in the workbook.

    ``row`` is the Excel row number (1-based, header row included); ``None`` when the problem
    concerns a whole sheet or column. ``hint`` is the suggested fix, when one is obvious.
    """

    level: Level
    sheet: str
    message: str
    row: int | None = None
    column: str | None = None
    value: object = None
    hint: str | None = None

    def __str__(self) -> str:
        place = [self.sheet]
        if self.row is not None:
            place.append(f"dòng {self.row}")
        if self.column:
            place.append(f"cột {self.column}")
        if self.hint:
            return f"{', '.join(place)}: {self.message.rstrip('.')} — {self.hint}"
        text = f"{', '.join(place)}: {self.message}"
        return text


class ErrorCode(enum.Enum):
    """What kind of problem an error is, for a program to act on."""

    BAD_WORKBOOK = "bad_workbook"
    """The workbook's content has errors (every one listed)."""
    UNREADABLE_WORKBOOK = "unreadable_workbook"
    """The file cannot be read as a workbook (missing, not .xlsx, encrypted, damaged)."""
    BAD_TEMPLATE = "bad_template"
    FOLDER_BUSY = "folder_busy"
    """Another run is writing into the same output folder."""
    PERMISSION = "permission"
    """No right to write, or a file is open in Word."""
    OUTSIDE_FOLDER = "outside_folder"
    """A path would leave the output folder."""
    RECORD_DAMAGED = "record_damaged"
    """The regeneration record of the output folder cannot be used."""
    ALREADY_EXISTS = "already_exists"
    OUTPUT = "output"
    """Any other failure to write (disk full, …)."""
    PDF = "pdf"
    """LibreOffice missing or failing."""
    NO_WORK_FOLDER = "no_work_folder"
    """No workbook given, and not in a work folder (or its marker is wrong)."""
    CANCELLED = "cancelled"
    RENDER_PROCESS = "render_process"
    """A process rendering documents ended unexpectedly (out of memory, killed)."""


class MttqError(Exception):
    """Base of every error the user can cause and fix."""

    code: ClassVar[ErrorCode] = ErrorCode.OUTPUT

    def __init__(self, message: str) -> None:
        super().__init__(message)
        self.message = message

    def __str__(self) -> str:
        return self.message


class WorkbookError(MttqError):
    """The workbook cannot be used: it carries every error found, not only the first."""

    code = ErrorCode.BAD_WORKBOOK

    def __init__(self, problems: list[Problem], *, path: str = "") -> None:
        self.problems = [p for p in problems if p.level == "error"]
        self.warnings = [p for p in problems if p.level == "warning"]
        """Found on the way: a caller shows them too (fixing the errors will not hide them)."""
        self.path = path
        head = f"Bảng tính {path} có {len(self.problems)} lỗi, chưa tạo văn bản nào:"
        super().__init__("\n".join([head] + [f"  - {p}" for p in self.problems]))

    def __reduce__(self) -> tuple[Any, ...]:
        return (self.__class__, (self.problems + self.warnings,), {"path": self.path})


class WorkbookFileError(MttqError):
    """The file itself cannot be read as a workbook (missing, not xlsx, encrypted, corrupt)."""

    code = ErrorCode.UNREADABLE_WORKBOOK

    def __init__(self, path: str, reason: str) -> None:
        self.path, self.reason = path, reason
        super().__init__(f"Không đọc được bảng tính {path}: {reason}")

    def __reduce__(self) -> tuple[Any, ...]:
        return (self.__class__, (self.path, self.reason))


class TemplateError(MttqError):
    """A template cannot be rendered: a syntax error, an unknown variable, an unsafe call."""

    code = ErrorCode.BAD_TEMPLATE

    def __init__(self, template: str, reason: str, near: str = "") -> None:
        self.template = template
        self.reason = reason
        self.near = near
        text = f"Mẫu {template}: {reason}"
        if near:
            text += f" (gần đoạn: «{near}»)"
        super().__init__(text)

    def __reduce__(self) -> tuple[Any, ...]:  # rebuilt in the main process when raised in a worker
        return (self.__class__, (self.template, self.reason, self.near))


class OutputError(MttqError):
    """The output folder cannot be written (disk full, …); the subclasses say more."""

    code = ErrorCode.OUTPUT


class FolderBusy(OutputError):
    """Another run holds the output folder's record."""

    code = ErrorCode.FOLDER_BUSY


class NoPermission(OutputError):
    """No right to write there, or the file is open in another program."""

    code = ErrorCode.PERMISSION


class RenderProcessDied(OutputError):
    """A worker process rendering documents ended without a word: killed, or by the system
    when memory ran out. What was written before is recorded."""

    code = ErrorCode.RENDER_PROCESS

    def __init__(self, message: str = "Một tiến trình tạo văn bản đã dừng đột ngột (có thể do "
                 "máy hết bộ nhớ, hoặc bị tắt). Các tệp đã ghi vẫn nguyên vẹn. Hãy chạy lại "
                 "với --jobs 1 (một tiến trình, ít bộ nhớ hơn).") -> None:
        super().__init__(message)


class RecordDamaged(OutputError):
    code = ErrorCode.RECORD_DAMAGED


class AlreadyExists(OutputError):
    """A file the command would create is already there (the caller decides whether to
    overwrite it)."""

    code = ErrorCode.ALREADY_EXISTS

    def __init__(self, path: Path) -> None:
        self.path = path
        super().__init__(f"{path} đã có; không ghi đè.")

    def __reduce__(self) -> tuple[Any, ...]:
        return (self.__class__, (self.path,))


class OutsideFolder(OutputError):
    """A path would leave the output folder (a link to elsewhere, ``..``)."""

    code = ErrorCode.OUTSIDE_FOLDER

    def __init__(self, relative: str, root: Path) -> None:
        self.relative, self.root = relative, root
        super().__init__(f"Đường dẫn {relative} nằm ngoài thư mục kết quả {root}; không ghi.")

    def __reduce__(self) -> tuple[Any, ...]:
        return (self.__class__, (self.relative, self.root))


class WorkFolderError(MttqError):
    """The command was run outside a work folder, or the folder's marker cannot be used."""

    code = ErrorCode.NO_WORK_FOLDER


class PdfError(MttqError):
    """LibreOffice is missing or could not convert; the documents themselves are written."""

    code = ErrorCode.PDF


class Cancelled(MttqError):
    """The run was stopped on request (:class:`~mttq_docs.progress.CancelToken`)."""

    code = ErrorCode.CANCELLED

    def __init__(self, message: str = "Đã dừng theo yêu cầu; các tệp đã ghi vẫn được ghi nhận.") -> None:
        super().__init__(message)


_SYSTEM_REASONS = {
    errno.ENOSPC: "ổ đĩa đã đầy; hãy giải phóng chỗ trống rồi chạy lại (các tệp đã ghi vẫn "
                  "nguyên vẹn)",
    errno.EDQUOT: "đã hết hạn mức dung lượng của người dùng trên ổ đĩa",
    errno.EISDIR: "đã có một thư mục cùng tên ở đó; hãy đổi tên hoặc xóa thư mục ấy",
    errno.ENOTDIR: "một phần của đường dẫn là tệp, không phải thư mục",
    errno.EROFS: "ổ đĩa chỉ cho đọc",
    errno.EACCES: "không có quyền, hoặc tệp đang mở trong Word, Excel (hãy đóng tệp rồi chạy "
                  "lại)",
    errno.EPERM: "không có quyền, hoặc tệp đang mở trong Word, Excel (hãy đóng tệp rồi chạy "
                 "lại)",
    errno.ENOENT: "không tìm thấy",
    errno.ENAMETOOLONG: "đường dẫn quá dài",
    errno.EIO: "lỗi đọc ghi của ổ đĩa",
}


def system_reason(err: OSError) -> str:
    """Why the system refused, in Vietnamese (its own words, ``err.strerror``, are English on
    most machines)."""
    return _SYSTEM_REASONS.get(err.errno or 0, f"lỗi của hệ thống số {err.errno}")


def system_message(err: OSError) -> str:
    """An error of the system about a file, as one Vietnamese sentence (the command line and
    the web page say the same)."""
    where = f" {err.filename}" if err.filename else ""
    if isinstance(err, FileNotFoundError):
        return f"Không tìm thấy{where}."
    return f"Không đọc hoặc ghi được{where}: {system_reason(err)}."
