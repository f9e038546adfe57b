"""Item 12 of "Hardening after a hostile review": what root cannot do for real (permissions,
a full disk) simulated; a Vietnamese line, never a traceback or the wrong error."""

import errno
import sqlite3
import subprocess
import sys
from pathlib import Path

import pytest

from mttq_docs import api, manifest, output
from mttq_docs.errors import MttqError, NoPermission, OutputError, RecordDamaged
from mttq_docs.manifest import RECORD_NAME
from mttq_docs.trials import TRIALS_NAME

from .helpers import SHIPPED, small_workbook


@pytest.fixture
def book(tmp_path):
    return small_workbook(tmp_path / "nho.xlsx")


def test_an_output_folder_whose_parent_is_not_writable(tmp_path, book, monkeypatch):
    out = tmp_path / "khoa" / "van_ban"
    real_mkdir = Path.mkdir

    def mkdir(self, *args, **kwargs):
        if self == out or out.is_relative_to(self) and self != tmp_path:
            raise PermissionError(errno.EACCES, "Permission denied", str(self))
        return real_mkdir(self, *args, **kwargs)

    monkeypatch.setattr(Path, "mkdir", mkdir)
    with pytest.raises(NoPermission, match="không có quyền"):
        api.generate(book, out, jobs=1)


class _FullDisk(sqlite3.Connection):
    """A record whose disk fills up once ``full`` is set."""

    full = False

    def commit(self):
        if _FullDisk.full:
            raise sqlite3.OperationalError("database or disk is full")
        super().commit()


def test_a_full_disk_on_a_first_run_tells_the_full_disk(tmp_path, book, monkeypatch):
    connect = sqlite3.connect
    monkeypatch.setattr(manifest.sqlite3, "connect",
                        lambda *args, **kwargs: connect(*args, factory=_FullDisk, **kwargs))
    real_mkstemp = output.tempfile.mkstemp
    written = []

    def mkstemp(*args, **kwargs):
        if len(written) >= 3:
            _FullDisk.full = True
            raise OSError(errno.ENOSPC, "No space left on device")
        written.append(1)
        return real_mkstemp(*args, **kwargs)

    monkeypatch.setattr(output.tempfile, "mkstemp", mkstemp)
    monkeypatch.setattr(_FullDisk, "full", False)
    with pytest.raises(OutputError) as raised:
        api.generate(book, tmp_path / "out", jobs=1)
    assert "ổ đĩa đã đầy" in str(raised.value)
    assert ".docx" in str(raised.value)  # the document that did not fit, not the record


def test_a_full_disk_when_only_the_record_is_saved(tmp_path, book, monkeypatch):
    connect = sqlite3.connect
    monkeypatch.setattr(manifest.sqlite3, "connect",
                        lambda *args, **kwargs: connect(*args, factory=_FullDisk, **kwargs))
    monkeypatch.setattr(_FullDisk, "full", False)
    with manifest.Manifest.open(tmp_path / "out") as record:
        _FullDisk.full = True
        with pytest.raises(OutputError, match="ổ đĩa đã đầy"):
            record.save()


def _damage_an_interior_page(path: Path) -> None:
    data = bytearray(path.read_bytes())
    page = 4096
    assert len(data) >= 8 * page, len(data)
    data[4 * page:5 * page] = b"\xa5" * page  # page 5: a leaf of the files' table
    path.write_bytes(bytes(data))


def test_one_damaged_interior_page_of_the_record(tmp_path):
    out = tmp_path / "out"
    api.generate(SHIPPED, out, jobs=1)
    _damage_an_interior_page(out / RECORD_NAME)
    with pytest.raises(RecordDamaged, match="bị hỏng"):
        api.generate(SHIPPED, out, jobs=1)


def test_one_damaged_interior_page_from_the_command_line(tmp_path):
    out = tmp_path / "out"
    api.generate(SHIPPED, out, jobs=1)
    _damage_an_interior_page(out / RECORD_NAME)
    result = subprocess.run([sys.executable, "-m", "mttq_docs", "generate", "--input",
                             str(SHIPPED), "--out", str(out), "--jobs", "1"],
                            capture_output=True, text=True)
    assert result.returncode == 1
    assert "Traceback" not in result.stderr and "ngoài dự kiến" not in result.stderr
    assert "bị hỏng" in result.stderr


def test_the_trials_file_being_a_folder(tmp_path, book):
    out = tmp_path / "out"
    (out / TRIALS_NAME).mkdir(parents=True)
    with pytest.raises(MttqError) as raised:
        api.generate(book, out, jobs=1)
    assert "đã có một thư mục cùng tên" in str(raised.value)
    assert TRIALS_NAME in str(raised.value)
