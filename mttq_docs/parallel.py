"""Rendering on every core: a process pool fed a bounded window of documents.

Each worker reads the templates once (when it starts) and keeps its own prepared templates
(:mod:`mttq_docs.prepared`); contexts travel to it, a batch of documents at a time (one message
per document cost a worker a third as much again as rendering it). A worker hashes and writes
the documents it renders, as the run allows (:func:`mttq_docs.sync.deliver`): their hashes
and file status come back, their bytes only when the run must decide where they go. The main
process, which reads the plan, builds contexts and keeps the record, is then not the one
every document's bytes pass through. The
window bounds how many documents are in flight. A worker's memory stays flat (about 90 MB over
8 000 documents): a prepared template opens its ``.docx`` once, where python-docx's opening of
every document had made a worker grow by about 100 KB per document. Workers are started fresh (spawn), not
forked from a parent holding the whole plan.

A worker ends with its parent: killed (SIGKILL, the task manager, the out-of-memory killer), the
parent cannot shut its pool down, and the workers would live on, each holding its memory, and
with them multiprocessing's resource tracker. So each worker watches its parent (see
:func:`_watch_parent`). A worker that dies mid-run breaks the pool: that is told as
:class:`~mttq_docs.errors.RenderProcessDied`, in Vietnamese, not as a traceback.
"""

from __future__ import annotations

import multiprocessing
import os
import threading
from concurrent.futures import Future, ProcessPoolExecutor
from concurrent.futures.process import BrokenProcessPool

from .context import Context
from .errors import RenderProcessDied
from .render import Renderer, Template
from .sync import Delivery, Made, Pending, Planned, deliver

Spec = tuple[str, Context, "Delivery | None"]
"""A document to render: its template's code, its context, what to do with its bytes."""


class _Worker:
    """What a worker process keeps: the run's templates and its own renderer. A worker
    belongs to one run's pool and ends with it."""

    def __init__(self, templates: dict[str, Template]) -> None:
        self.templates, self.renderer = templates, Renderer()

    def render(self, specs: list[Spec]) -> list[Made]:
        return render_specs(self.renderer, self.templates, specs)


def render_specs(renderer: Renderer, templates: dict[str, Template], specs: list[Spec]
                 ) -> list[Made]:
    """Render, hash and deliver each document of ``specs``."""
    return [deliver(renderer.render(templates[code], context), delivery)
            for code, context, delivery in specs]


_WORKER: list[_Worker] = []  # process-wide by nature: set once in each worker process


def _start(templates: dict[str, Template]) -> None:
    _watch_parent()
    _WORKER[:] = [_Worker(templates)]


def _watch_parent() -> None:
    """End this worker as soon as its parent is gone.

    ``multiprocessing.parent_process()`` of a spawned process holds a sentinel of the parent:
    on POSIX the read end of a pipe whose write end only the parent holds (it reads as ended
    when the parent dies, however it died), on Windows a handle of the parent process. A
    daemon thread waits on it; nothing is polled, and this works the same on every system
    (``prctl(PR_SET_PDEATHSIG)`` is Linux only, and fires when the parent's *thread* that
    started the worker ends, which a server running plans in threads would trip).
    """
    parent = multiprocessing.parent_process()
    if parent is None:
        return
    threading.Thread(target=_exit_after, args=(parent,), name="mttq-docs-parent-watch",
                     daemon=True).start()


def _exit_after(parent: multiprocessing.process.BaseProcess) -> None:
    parent.join()  # returns when the parent process has ended
    os._exit(1)  # no clean-up to run: nobody is left to receive this worker's results


def _render_batch(specs: list[Spec]) -> list[Made]:
    return _WORKER[0].render(specs)


def default_jobs() -> int:
    return os.cpu_count() or 1


class PoolRenderer:
    """A renderer for :func:`mttq_docs.sync.synchronise` that uses ``jobs`` processes.

    Documents are sent in batches of :attr:`BATCH`; a batch leaves when it is full, or as soon
    as the result of one of its documents is wanted. The first :attr:`HERE` documents are
    rendered here; the processes start only after them: a run with few documents to render
    (a few rows changed) does not pay for starting them (about a second: a new Python that
    imports the libraries and reads the templates), which rendering sixty documents here costs.
    """

    BATCH = 16
    HERE = 64
    """Documents rendered in this process before the workers are started."""

    def __init__(self, templates: dict[str, Template], jobs: int,
                 renderer: Renderer | None = None, *, here: int | None = None) -> None:
        """``renderer`` renders here the batches the workers are not started for; ``here``:
        how many documents before the workers start (default :attr:`HERE`; 0 for a first
        run, which renders everything: the province's large documents come first, and made
        here they would take the main process's memory from 100 MB to 170 MB)."""
        self.window = jobs * self.BATCH * 8
        self._templates, self._jobs = templates, jobs
        self._renderer = renderer or Renderer()
        self._executor: ProcessPoolExecutor | None = None
        self._batch = _Batch()
        self._here = 0
        self._here_limit = self.HERE if here is None else here

    def submit(self, item: Planned, delivery: Delivery | None = None) -> _InBatch:
        assert item.spec, "a document to render elsewhere carries its template and context"
        code, context = item.spec
        handle = self._batch.add((code, context(), delivery), self)
        if len(self._batch.specs) >= self.BATCH:
            self.send()
        return handle

    def send(self) -> None:
        """Send the batch being filled to the workers (or render it here, when it is the
        only one: the workers have not started and the batch is not full)."""
        batch, self._batch = self._batch, _Batch()
        if not batch.specs:
            return
        if self._executor is None and (len(batch.specs) < self.BATCH or
                                       self._here < self._here_limit):  # not started
            self._here += len(batch.specs)
            batch.results = render_specs(self._renderer, self._templates, batch.specs)
            return
        if self._executor is None:
            self._executor = ProcessPoolExecutor(
                self._jobs, mp_context=multiprocessing.get_context("spawn"),
                initializer=_start, initargs=(self._templates,))
        try:
            batch.future = self._executor.submit(_render_batch, batch.specs)
        except BrokenProcessPool as err:
            raise RenderProcessDied() from err

    def __enter__(self) -> PoolRenderer:
        return self

    def __exit__(self, *exc: object) -> None:
        if self._executor is not None:
            self._executor.shutdown(wait=True, cancel_futures=True)


class _Batch:
    def __init__(self) -> None:
        self.specs: list[Spec] = []
        self.future: Future[list[Made]] | None = None
        self.results: list[Made] | None = None
        """Set instead of ``future`` when the batch was rendered in this process."""

    def add(self, spec: Spec, renderer: PoolRenderer) -> _InBatch:
        self.specs.append(spec)
        return _InBatch(self, len(self.specs) - 1, renderer)


class _InBatch:
    """One document of a batch: its bytes, once the batch is rendered."""

    def __init__(self, batch: _Batch, index: int, renderer: PoolRenderer) -> None:
        self.batch, self.index, self.renderer = batch, index, renderer

    def result(self) -> Made:
        if self.batch.future is None and self.batch.results is None:
            self.renderer.send()
        if self.batch.results is not None:
            return self.batch.results[self.index]
        assert self.batch.future is not None
        try:
            results: list[Made] = self.batch.future.result()
        except BrokenProcessPool as err:
            raise RenderProcessDied() from err
        return results[self.index]
