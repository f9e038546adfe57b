"""The command line speaks only Vietnamese, and answers a wrong invocation or a wrong file with
one line and exit status 1, never a traceback."""

from __future__ import annotations

import errno
import re

import pytest
from click.testing import CliRunner

from mttq_docs import __version__, click_vi
from mttq_docs.cli import main

from .helpers import SHIPPED

# Every English word of the command-line library's messages (four letters or more), and the
# words of its default placeholders.
ENGLISH = {word for message in click_vi.CATALOGUE for word in re.findall(
    r"[A-Za-z]{4,}", re.sub(r"\{[^}]*\}|%\([a-z]+\)s", " ", message))} | {
    "OPTIONS", "COMMAND", "ARGS", "PATH", "FILE", "DIRECTORY", "INTEGER", "TEXT", "FOLDER",
    "PATHS", "Usage", "Error", "default", "required"}
COMMANDS = [[], ["generate"], ["validate"], ["init"], ["check"], ["collect"], ["templates"],
            ["templates", "check"]]


def _english(text: str) -> set[str]:
    """Click's English words in ``text``, option names (``--help``) and paths aside."""
    text = re.sub(r"--?[A-Za-z][\w-]*|\S*[/\\]\S*|\S+\.(xlsx|docx|txt)\b", " ", text)
    return {word for word in re.findall(r"[A-Za-z]+", text) if word in ENGLISH}


@pytest.fixture
def run(tmp_path, monkeypatch):
    """The command line run from an empty folder (not a work folder), with short names."""
    folder = tmp_path / "d"
    folder.mkdir()
    monkeypatch.chdir(folder)

    def invoke(*args: str):
        return CliRunner().invoke(main, list(args))
    return invoke


def test_the_english_list_knows_click_words():
    assert {"Usage", "Options", "Show", "message", "Missing", "exist", "Invalid"} <= ENGLISH


@pytest.mark.parametrize("command", COMMANDS, ids=lambda c: " ".join(c) or "mttq-docs")
def test_every_help_is_vietnamese(run, command):
    result = run(*command, "--help")
    assert result.exit_code == 0
    assert "Cách dùng: mttq-docs" in result.output
    assert _english(result.output) == set()


WRONG = [
    (["khong-co-lenh"], "Không có lệnh"),
    (["generate", "--khong-co"], "Không có tùy chọn"),
    (["generate", "--jobs", "x"], "không phải số nguyên"),
    (["generate", "--jobs", "0"], "không nằm trong khoảng"),
    (["generate", "--input"], "cần một giá trị"),
    (["check"], "Thiếu đối số"),
    (["check", "khong_co.docx"], "Không có"),
    (["templates", "check", "khong_co"], "Không có"),
    (["generate", "--templates", "khong_co"], "Không có"),
    (["generate"], "không phải thư mục làm việc"),
    (["validate"], "mttq-docs init"),
    (["collect"], "không phải thư mục làm việc"),
    (["validate", "--input", "khong_co.xlsx"], "Không đọc được bảng tính"),
    (["generate", "--input", "."], "là một thư mục"),
    (["generate", "--input", str(SHIPPED), "--out", "tep.txt"], "là một tệp"),
    (["init", "tep.txt"], "là một tệp"),
]


@pytest.mark.parametrize("args,expected", WRONG, ids=lambda a: " ".join(a) if isinstance(
    a, list) else "")
def test_a_wrong_invocation_gets_a_vietnamese_line(run, args, expected):
    (__import__("pathlib").Path("tep.txt")).write_text("x", encoding="utf-8")
    result = run(*args)
    assert result.exit_code in (1, 2), result.output
    assert expected in result.output
    assert "Traceback" not in result.output and result.exception is None or isinstance(
        result.exception, SystemExit)
    assert _english(result.output) == set(), result.output


def test_the_version_is_stated(run):
    result = run("--version")
    assert result.exit_code == 0
    assert result.output.strip() == f"mttq-docs, phiên bản {__version__}"


def test_a_folder_without_write_permission_is_one_line(run, monkeypatch, tmp_path):
    """As root every folder is writable, so the system's refusal is made to happen."""
    import tempfile

    def refuse(*args, **kwargs):
        raise PermissionError(errno.EACCES, "Permission denied", str(tmp_path / "out"))
    monkeypatch.setattr(tempfile, "mkstemp", refuse)
    result = run("generate", "--input", str(SHIPPED), "--out", str(tmp_path / "out"))
    assert result.exit_code == 1
    assert "không có quyền" in result.output
    assert "Traceback" not in result.output and _english(result.output) == set()


def test_a_full_disk_is_one_line_and_the_detail_waits_for_verbose(run, monkeypatch, tmp_path):
    from mttq_docs import api

    def full(*args, **kwargs):
        raise OSError(errno.ENOSPC, "No space left on device", str(tmp_path / "out"))
    monkeypatch.setattr(api, "load_templates", full)
    result = run("generate", "--input", str(SHIPPED), "--out", str(tmp_path / "out"))
    assert result.exit_code == 1
    assert "ổ đĩa đã đầy" in result.output and "No space" not in result.output


def test_an_unexpected_error_is_one_line(run, monkeypatch):
    from mttq_docs import api

    def broken(*args, **kwargs):
        raise ZeroDivisionError("division by zero")
    monkeypatch.setattr(api, "validate", broken)
    result = run("validate", "--input", str(SHIPPED))
    assert result.exit_code == 1
    assert "Lỗi ngoài dự kiến" in result.output and "mttq-docs -v" in result.output
    assert "Traceback" not in result.output and "division" not in result.output
