"""Item 9 of "Hardening after a hostile review": no orphan process after a kill, and a worker
killed mid-run (as the out-of-memory killer would) told in Vietnamese. Real processes."""

import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

from benchmarks.make_workbook import build

pytestmark = pytest.mark.skipif(not Path("/proc/self/stat").exists(),
                                reason="reads the process table from /proc")


@pytest.fixture(scope="module")
def large_workbook(tmp_path_factory):
    path = tmp_path_factory.mktemp("lon") / "ke_hoach_lon.xlsx"
    build(400, path)
    return path


def _alive(pid: int) -> bool:
    try:
        stat = Path(f"/proc/{pid}/stat").read_text()
    except (FileNotFoundError, ProcessLookupError):
        return False
    return stat.rsplit(")", 1)[1].split()[0] not in ("Z", "X")  # a zombie has ended


def _children(pid: int) -> list[int]:
    """Processes whose parent is ``pid`` (a scan of /proc, like ``ps --ppid``)."""
    found = []
    for entry in Path("/proc").iterdir():
        if entry.name.isdigit():
            try:
                fields = (entry / "stat").read_text().rsplit(")", 1)[1].split()
            except OSError:
                continue
            if int(fields[1]) == pid:
                found.append(int(entry.name))
    return found


def _cmdline(pid: int) -> str:
    try:
        return Path(f"/proc/{pid}/cmdline").read_bytes().replace(b"\0", b" ").decode()
    except OSError:
        return ""


def _start(workbook: Path, out: Path) -> tuple[subprocess.Popen, list[int]]:
    """``generate --jobs 2`` started, once its two workers are rendering: (process, workers)."""
    process = subprocess.Popen([sys.executable, "-m", "mttq_docs", "generate", "--input",
                                str(workbook), "--out", str(out), "--jobs", "2"],
                               stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True,
                               env={**os.environ, "PYTHONPATH": os.pathsep.join(sys.path)})
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline and process.poll() is None:
        workers = [pid for pid in _children(process.pid) if "resource_tracker" not in
                   _cmdline(pid) and "multiprocessing" in _cmdline(pid)]
        if len(workers) >= 2 and list(out.rglob("*.docx")):
            time.sleep(0.5)  # rendering in the workers
            return process, workers
        time.sleep(0.05)
    process.kill()
    pytest.fail(f"the workers did not start: {process.communicate()}")


def test_no_process_outlives_a_killed_generate(large_workbook, tmp_path):
    process, workers = _start(large_workbook, tmp_path / "out")
    children = _children(process.pid)
    assert set(workers) <= set(children)
    process.send_signal(signal.SIGKILL)
    process.wait()
    deadline = time.monotonic() + 10
    while time.monotonic() < deadline and any(_alive(pid) for pid in children):
        time.sleep(0.1)
    left = {pid: _cmdline(pid) for pid in children if _alive(pid)}
    for pid in left:
        os.kill(pid, signal.SIGKILL)  # leave no orphan behind this test either
    assert not left, left


def test_a_worker_killed_mid_run_is_told_in_vietnamese(large_workbook, tmp_path):
    process, workers = _start(large_workbook, tmp_path / "out")
    os.kill(workers[0], signal.SIGKILL)
    stdout, stderr = process.communicate(timeout=300)  # a loaded CI machine is slow
    assert process.returncode == 1, stderr
    assert "Traceback" not in stderr and "BrokenProcessPool" not in stderr
    assert "tiến trình tạo văn bản đã dừng đột ngột" in stderr
    assert "--jobs 1" in stderr
