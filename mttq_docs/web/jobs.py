"""Long runs (generation, collection) in a background thread, one at a time per folder.

The page starts a job, then polls its state (phase, steps done, the file at hand) until it is
finished; the result or the Vietnamese error message is kept in the job. A second job asked
for while one runs is refused with :class:`Busy`: the library would refuse it as well
(:class:`~mttq_docs.errors.FolderBusy`), but only after the workbook was read.
"""

from __future__ import annotations

import itertools
import logging
import threading
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

from ..errors import FolderBusy, MttqError
from ..progress import CancelToken, ProgressEvent
from .messages import UNEXPECTED, system_error

logger = logging.getLogger(__name__)

PHASES = {"check": "Kiểm tra mẫu văn bản", "render": "Soạn văn bản", "write": "Ghi văn bản",
          "pdf": "Chuyển sang PDF", "zip": "Đóng gói .zip", "collect": "Đọc văn bản các xã gửi lại"}

Work = Callable[[Callable[[ProgressEvent], None], CancelToken], dict[str, Any]]


class Busy(FolderBusy):
    def __init__(self) -> None:
        super().__init__("Đang có một việc khác chạy trên thư mục này (tạo văn bản hoặc thu "
                         "thập). Hãy đợi việc đó xong rồi bấm lại.")


@dataclass
class Job:
    """One run; its fields change in the worker thread and are read under ``lock``."""

    number: int
    kind: str
    cancel: CancelToken = field(default_factory=CancelToken)
    lock: threading.Lock = field(default_factory=threading.Lock)
    state: str = "running"
    """``running``, ``done`` or ``error``."""
    phase: str = ""
    done: int = 0
    total: int | None = None
    item: str = ""
    result: dict[str, Any] | None = None
    error: str = ""
    error_code: str = ""

    def hear(self, event: ProgressEvent) -> None:
        with self.lock:
            self.phase, self.done, self.total = event.phase.value, event.done, event.total
            self.item = event.item

    def snapshot(self) -> dict[str, Any]:
        with self.lock:
            return {"viec": self.number, "loai": self.kind, "trang_thai": self.state,
                    "giai_doan": PHASES.get(self.phase, ""), "da_xong": self.done,
                    "tong": self.total, "tep": self.item, "ket_qua": self.result,
                    "loi": self.error, "ma_loi": self.error_code}


class Jobs:
    """The jobs of one application (one work folder): at most one running."""

    def __init__(self) -> None:
        self._lock = threading.Lock()
        self._numbers = itertools.count(1)
        self._jobs: dict[int, Job] = {}
        self._threads: list[threading.Thread] = []

    def start(self, kind: str, work: Work) -> Job:
        with self._lock:
            if any(job.state == "running" for job in self._jobs.values()):
                raise Busy()
            job = Job(next(self._numbers), kind)
            self._jobs = {n: j for n, j in self._jobs.items() if n > job.number - 20}
            self._jobs[job.number] = job
            thread = threading.Thread(target=self._run, args=(job, work), daemon=True,
                                      name=f"mttq-{kind}-{job.number}")
            self._threads = [t for t in self._threads if t.is_alive()] + [thread]
        thread.start()
        return job

    def get(self, number: int) -> Job | None:
        with self._lock:
            return self._jobs.get(number)

    def running(self) -> Job | None:
        with self._lock:
            return next((j for j in self._jobs.values() if j.state == "running"), None)

    def stop_all(self, timeout: float = 30.0) -> None:
        """Ask every running job to stop and wait for it (the server is stopping)."""
        with self._lock:
            jobs, threads = list(self._jobs.values()), list(self._threads)
        for job in jobs:
            job.cancel.cancel()
        for thread in threads:
            thread.join(timeout)

    @staticmethod
    def _run(job: Job, work: Work) -> None:
        try:
            result = work(job.hear, job.cancel)
        except MttqError as err:
            logger.info("việc %s dừng: %s", job.number, err.message, exc_info=True)
            with job.lock:
                job.state, job.error, job.error_code = "error", err.message, err.code.value
        except OSError as err:
            logger.info("việc %s: lỗi tệp", job.number, exc_info=True)
            with job.lock:
                job.state, job.error, job.error_code = "error", system_error(err), "system"
        except Exception:  # noqa: BLE001 - the page gets a sentence, the log the traceback
            logger.exception("lỗi ngoài dự kiến trong việc %s", job.number)
            with job.lock:
                job.state, job.error, job.error_code = "error", UNEXPECTED, "unexpected"
        else:
            with job.lock:
                job.state, job.result = "done", result
