"""What a long run tells its caller as it goes, and how the caller stops it.

Every phase of a run reports :class:`ProgressEvent` objects to one callback (the command
line draws a bar from them, a web page a live progress bar); a :class:`CancelToken` the caller
holds stops the run between two files, leaving every file written so far recorded.
"""

from __future__ import annotations

import enum
import threading
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from .errors import Cancelled


class Phase(enum.Enum):
    """The phases of a run, in the order a run goes through them."""

    CHECK = "check"
    """The workbook read and one document of each kind tried."""
    RENDER = "render"
    """A document's bytes made (only for documents that need them)."""
    WRITE = "write"
    """A document compared with the folder and written, kept or put beside (its outcome)."""
    PDF = "pdf"
    ZIP = "zip"
    COLLECT = "collect"
    """A returned draft read."""


@dataclass(frozen=True, slots=True)
class ProgressEvent:
    phase: Phase
    done: int
    """How many steps of this phase are done, this one included."""
    total: int | None
    """How many there are in all, when known."""
    item: str = ""
    """What the step was about: a file's path relative to the output folder, a template."""
    detail: Any = None
    """The step's result where it has one: a :class:`~mttq_docs.sync.Outcome` for ``WRITE``."""


Progress = Callable[[ProgressEvent], None]


class CancelToken:
    """Set by the caller (from any thread) to stop a run at the next file."""

    def __init__(self) -> None:
        self._event = threading.Event()

    def cancel(self) -> None:
        self._event.set()

    @property
    def cancelled(self) -> bool:
        return self._event.is_set()

    def check(self) -> None:
        """Raise :class:`~mttq_docs.errors.Cancelled` when the run was asked to stop."""
        if self._event.is_set():
            raise Cancelled()


class Reporter:
    """Counts the steps of one phase and hands each to the callback, checking the token."""

    def __init__(self, phase: Phase, total: int | None, progress: Progress | None,
                 cancel: CancelToken | None) -> None:
        self.phase, self.total, self.done = phase, total, 0
        self._progress, self._cancel = progress, cancel

    def step(self, item: str = "", detail: Any = None, *, steps: int = 1) -> None:
        """``steps`` more are done (a folder of documents passed over at once)."""
        self.done += steps
        if self._progress is not None:
            self._progress(ProgressEvent(self.phase, self.done, self.total, item, detail))
        if self._cancel is not None:
            self._cancel.check()
