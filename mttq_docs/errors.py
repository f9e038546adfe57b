"""The errors of mttq-docs: one small hierarchy, each error able to say where the problem is.

Every error a user can cause derives from :class:`MttqError`, a :class:`click.ClickException`,
so the command line shows its message (in Vietnamese, no traceback) and exits non-zero.
Locations are written as an Excel user reads them: sheet name, row number as Excel shows it,
column header.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Literal

import click

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


class MttqError(click.ClickException):
    """Base of every error the user can cause and fix; exit status 1."""

    exit_code = 1

    def format_message(self) -> str:
        return self.message


class WorkbookError(MttqError):
    """The workbook cannot be used: it carries every error found, not only the first."""

    def __init__(self, problems: list[Problem], *, path: str = "") -> None:
        self.problems = [p for p in problems if p.level == "error"]
        head = f"Bảng tính {path} có {len(self.problems)} lỗi, chưa tạo văn bản nào:"
        super().__init__("\n".join([head] + [f"  - {p}" for p in self.problems]))


class WorkbookFileError(MttqError):
    """The file itself cannot be read as a workbook (missing, not xlsx, encrypted, corrupt)."""

    def __init__(self, path: str, reason: str) -> None:
        self.path = path
        super().__init__(f"Không đọc được bảng tính {path}: {reason}")


class TemplateError(MttqError):
    """A template cannot be rendered: a syntax error, an unknown variable, an unsafe call."""

    def __init__(self, template: str, reason: str, near: str = "") -> None:
        self.template = template
        self.reason = reason
        self.near = near
        text = f"Mẫu {template}: {reason}"
        if near:
            text += f" (gần đoạn: «{near}»)"
        super().__init__(text)

    def __reduce__(self):  # rebuilt in the main process when raised in a worker
        return (self.__class__, (self.template, self.reason, self.near))


class OutputError(MttqError):
    """The output folder cannot be written (permissions, a file open in Word, disk full)."""
