"""Rendering on every core: a process pool fed a bounded window of documents.

Each worker reads the templates once (when it starts) and keeps its own compiled Jinja
templates (:func:`mttq_docs.render.environment`); contexts travel to it, bytes come back.
The window bounds how many documents are in flight, and each worker is replaced after a few
hundred documents: python-docx and lxml keep C memory (parser dictionaries, freed heap) that
grows with every distinct document, about 100 KB each, so a long-lived worker would grow
without bound on a national plan. Workers are started fresh (spawn), not forked from a parent
holding the whole plan.
"""

from __future__ import annotations

import multiprocessing
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

    TASKS_PER_WORKER = 400

    def __init__(self, templates: dict[str, Template], jobs: int) -> None:
        self.window = jobs * 8
        self._executor = ProcessPoolExecutor(
            jobs, mp_context=multiprocessing.get_context("spawn"), initializer=_start,
            initargs=(templates,), max_tasks_per_child=self.TASKS_PER_WORKER)

    def submit(self, item: Planned) -> Future:
        code, context = item.spec
        return self._executor.submit(_render, code, context)

    def __enter__(self) -> PoolRenderer:
        return self

    def __exit__(self, *exc) -> None:
        self._executor.shutdown(wait=True, cancel_futures=True)
