"""Rendering on every core: a process pool fed a bounded window of documents.

Each worker reads the templates once (when it starts) and keeps its own compiled Jinja
templates (:func:`mttq_docs.render.environment`); contexts travel to it, bytes come back.
The window bounds how many documents are in flight, so memory stays flat however large the
plan is.
"""

from __future__ import annotations

import os
from concurrent.futures import Future, ProcessPoolExecutor

from .context import Context
from .render import Template, render
from .sync import Planned

_TEMPLATES: dict[str, Template] = {}


def _start(templates: dict[str, Template]) -> None:
    _TEMPLATES.update(templates)


def _render(code: str, context: Context) -> bytes:
    return render(_TEMPLATES[code], context)


def default_jobs() -> int:
    return os.cpu_count() or 1


class PoolRenderer:
    """A renderer for :func:`mttq_docs.sync.synchronise` that uses ``jobs`` processes."""

    def __init__(self, templates: dict[str, Template], jobs: int) -> None:
        self.window = jobs * 8
        self._executor = ProcessPoolExecutor(jobs, initializer=_start, initargs=(templates,))

    def submit(self, item: Planned) -> Future:
        code, context = item.spec
        return self._executor.submit(_render, code, context)

    def __enter__(self) -> PoolRenderer:
        return self

    def __exit__(self, *exc) -> None:
        self._executor.shutdown(wait=True, cancel_futures=True)
